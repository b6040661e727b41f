//! Failures, and how they cross to the UI and the terminal.

use serde::{Deserialize, Serialize};
use studio_core::media::{MediumRole, NotAHash};
use studio_core::rules::PostMediaProblem;
use studio_core::time::UnknownZone;
use studio_core::{
    AccountId, AccountProblem, DraftId, FixedReason, Lang, MenuProblem, MessageProblem, MessageStatus, PlanProblem,
    PublicationStatus, SeriesProblem, TextError, TextField,
};
use studio_media::MediaError;
use studio_store::StoreError;
use studio_sync::{SecretError, SyncError};
use ts_rs::TS;

/// A failure as the user sees it: a stable machine-readable `code` and a
/// `message` in the user's language saying what to do. This is the only
/// error that crosses IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message} [{code}]")]
pub struct ApiError {
    /// Stable code, e.g. `draft_not_found`.
    pub code: String,
    /// What happened and what to do, in zh-CN or en.
    pub message: String,
}

/// Every failure a use case can meet.
#[derive(Debug, thiserror::Error)]
pub enum StudioError {
    /// No draft with that id.
    #[error("draft {id} not found")]
    DraftNotFound {
        /// The id asked for.
        id: DraftId,
    },
    /// No draft with that id in the trash.
    #[error("draft {id} is not in the trash")]
    NotInTrash {
        /// The id asked for.
        id: DraftId,
    },
    /// No such revision of that draft.
    #[error("revision {id} not found")]
    RevisionNotFound {
        /// The revision asked for.
        id: i64,
    },
    /// Text that cannot be stored.
    #[error(transparent)]
    InvalidText(#[from] TextError),
    /// The library failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No account with that id.
    #[error("account {id} not found")]
    AccountNotFound {
        /// The id asked for.
        id: AccountId,
    },
    /// A key that cannot be used.
    #[error("unusable key: {0}")]
    AccountKey(String),
    /// The platform did not accept an account's keys.
    #[error("the account's keys did not work: {0:?}")]
    AccountCheck(AccountProblem),
    /// An account needs a name.
    #[error("an account without a name")]
    AccountNameEmpty,
    /// The demo account's keys are the built-in emulator's.
    #[error("the demo account's keys cannot be changed")]
    DemoAccountKeys,
    /// The demo account cannot be removed.
    #[error("the demo account stays")]
    DemoAccountStays,
    /// Jobs still wait to reach the account.
    #[error("{waiting} jobs wait for this account ({in_flight} on their way)")]
    AccountBusy {
        /// Jobs not finished.
        waiting: u64,
        /// Of those, sent and not yet answered.
        in_flight: u64,
    },
    /// A livestream needs a title.
    #[error("livestream without a title")]
    LiveTitleEmpty,
    /// Livestreams are announced on a life account, whose id the account lacks.
    #[error("account {id} has no life account id")]
    LivePublicIdMissing {
        /// The account.
        id: AccountId,
    },
    /// A livestream cannot start in the past.
    #[error("livestream starting in the past")]
    LiveInPast,
    /// No livestream with that id.
    #[error("livestream {id} not found")]
    LivestreamNotFound {
        /// The id asked for.
        id: i64,
    },
    /// The announcement is on its way; it can be withdrawn or changed once announced.
    #[error("livestream {id} is being announced")]
    LivestreamInFlight {
        /// The livestream.
        id: i64,
    },
    /// A withdrawn livestream cannot be changed.
    #[error("livestream {id} is withdrawn")]
    LivestreamWithdrawn {
        /// The livestream.
        id: i64,
    },
    /// A livestream's plan that does not hold.
    #[error("livestream plan refused: {0:?}")]
    LivePlan(studio_core::PlanProblem),
    /// A planned length out of bounds.
    #[error("livestream length out of bounds")]
    LiveLength {
        /// Minutes allowed at most.
        max: u32,
    },
    /// A recurrence that cannot be used.
    #[error("livestream series refused: {0:?}")]
    LiveSeries(studio_core::SeriesProblem),
    /// No series with that id.
    #[error("series {id} not found")]
    SeriesNotFound {
        /// The id asked for.
        id: i64,
    },
    /// The livestream is not an occurrence of a series.
    #[error("livestream {id} is not in a series")]
    NotInSeries {
        /// The livestream.
        id: i64,
    },
    /// The livestream has no warm-up post.
    #[error("livestream {id} has no warm-up post")]
    NoWarmup {
        /// The livestream.
        id: i64,
    },
    /// A livestream's cover must be a picture.
    #[error("livestream cover is not a picture")]
    LiveCoverNotAPicture,
    /// A run sheet file that cannot be written.
    #[error("cannot write the run sheet {path}: {source}")]
    SheetFile {
        /// Where.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A profile edit that changes nothing, or a name of the wrong length.
    #[error("profile edit refused: {0}")]
    ProfileEdit(ProfileProblem),
    /// A menu that cannot be published as it is.
    #[error("menu refused: {0:?}")]
    Menu(studio_core::MenuProblem),
    /// A menu draft that publishing would not change.
    #[error("the menu draft is the live menu")]
    MenuUnchanged,
    /// A publish of the menu is on its way.
    #[error("a publish of the menu is on its way")]
    MenuPublishing,
    /// A draft deeper than two levels or with more entries than kept.
    #[error("menu draft of another shape")]
    MenuShape {
        /// Entries kept at most.
        max: usize,
    },
    /// A name or parameter with a control character, or longer than kept.
    #[error("menu text refused")]
    MenuText {
        /// Characters kept at most.
        max: usize,
    },
    /// A menu icon that is not a picture.
    #[error("menu icon is not a picture")]
    MenuIconNotAPicture,
    /// A message that cannot be sent as it is.
    #[error("message refused: {0:?}")]
    Message(studio_core::MessageProblem),
    /// No such message.
    #[error("message {id} not found")]
    MessageNotFound {
        /// The message.
        id: i64,
    },
    /// A message that cannot be changed, sent or recalled where it stands.
    #[error("message {id} is {status:?}")]
    MessageNot {
        /// The message.
        id: i64,
        /// Where it stands.
        status: studio_core::MessageStatus,
    },
    /// A message cover that is not a picture.
    #[error("message cover is not a picture")]
    MessageCoverNotAPicture,
    /// A text message has no content page to preview.
    #[error("a text message has no page to preview")]
    MessageTextPreview,
    /// The post is on the platform already.
    #[error("draft {draft_id} is already on the platform ({status:?})")]
    AlreadyOnPlatform {
        /// The draft.
        draft_id: DraftId,
        /// Its standing there.
        status: PublicationStatus,
    },
    /// A schedule in the past.
    #[error("the time {at} has passed")]
    ScheduleInPast {
        /// Unix ms asked for.
        at: i64,
    },
    /// A post whose media cannot go to the platform as they are.
    #[error("draft {draft_id} cannot go out with its media: {problem:?}")]
    PostMedia {
        /// The draft.
        draft_id: DraftId,
        /// What is wrong.
        problem: PostMediaProblem,
    },
    /// A file put in a place that holds another kind.
    #[error("{hash} cannot be the post's {role:?}")]
    WrongMediumKind {
        /// The file.
        hash: String,
        /// The place.
        role: MediumRole,
    },
    /// A scheduled time sooner than the platform takes.
    #[error("the time {at} is sooner than the platform takes")]
    ScheduleTooSoon {
        /// Unix ms asked for.
        at: i64,
        /// The platform's shortest lead, minutes.
        min_lead_minutes: u32,
    },
    /// A post the platform holds for its time can only move by being
    /// published again, which the user must confirm.
    #[error("draft {draft_id} is on the platform; moving it means publishing it again")]
    MoveNeedsRepublish {
        /// The draft.
        draft_id: DraftId,
    },
    /// A calendar item that cannot move.
    #[error("this cannot be moved: {reason:?}")]
    NotMovable {
        /// Why.
        reason: FixedReason,
    },
    /// A time zone name the studio does not know.
    #[error(transparent)]
    UnknownZone(#[from] UnknownZone),
    /// The account has no posting slots.
    #[error("account {account} has no posting slots")]
    QueueWithoutSlots {
        /// The account.
        account: AccountId,
    },
    /// No free slot in the queue's horizon.
    #[error("account {account}'s queue is full")]
    QueueFull {
        /// The account.
        account: AccountId,
    },
    /// A slot that is no weekday and time of day.
    #[error("not a posting slot")]
    QueueSlotInvalid,
    /// No such posting slot.
    #[error("posting slot {id} not found")]
    QueueSlotNotFound {
        /// The id asked for.
        id: i64,
    },
    /// Reminder offsets out of range.
    #[error("reminders must come 1 minute to 7 days before, at most {max} of them")]
    ReminderMinutes {
        /// Most offsets.
        max: usize,
    },
    /// The calendar file could not be written.
    #[error("cannot write {path}: {source}")]
    CalendarFile {
        /// Where.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The job is not in a state that allows it.
    #[error("job {id} cannot be changed now")]
    JobNotChangeable {
        /// The job.
        id: i64,
    },
    /// The built-in emulator could not start.
    #[error("the built-in emulator could not start: {0}")]
    Emulator(String),
    /// Secrets could not be kept or read.
    #[error(transparent)]
    Secrets(#[from] SecretError),
    /// Syncing could not run (a library failure inside it is a `Store` error).
    #[error(transparent)]
    Sync(SyncError),
    /// A media file could not be taken or made.
    #[error(transparent)]
    Media(#[from] MediaError),
    /// A text that should name a library file does not.
    #[error(transparent)]
    NotAHash(#[from] NotAHash),
    /// No asset with that hash.
    #[error("asset {hash} not found")]
    AssetNotFound {
        /// The hash asked for.
        hash: String,
    },
    /// The asset is used by drafts.
    #[error("asset {hash} is used by {titles:?}")]
    AssetInUse {
        /// The asset.
        hash: String,
        /// The drafts' titles.
        titles: Vec<String>,
    },
    /// The export folder holds an export already.
    #[error("{path} holds an export already")]
    ExportExists {
        /// The folder.
        path: std::path::PathBuf,
    },
    /// A file of an export or a backup could not be written or read.
    #[error("{path}: {detail}")]
    ExportIo {
        /// The file or folder.
        path: std::path::PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The folder holds no export this version can read.
    #[error("{path} is not a Creator Studio export: {detail}")]
    NotAnExport {
        /// The folder.
        path: std::path::PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// The export was made by a newer Creator Studio.
    #[error("the export was made by Creator Studio {version}")]
    ExportFromNewer {
        /// The version that made it.
        version: String,
    },
    /// An import goes into a data folder without a library only.
    #[error("{path} holds a library already")]
    ImportTargetNotEmpty {
        /// The data folder.
        path: std::path::PathBuf,
    },
    /// No backup of that name.
    #[error("backup {name} not found")]
    BackupNotFound {
        /// The name asked for.
        name: String,
    },
}

fn field_name(field: TextField, lang: Lang) -> &'static str {
    match field {
        TextField::Title => lang.pick("标题", "The title"),
        TextField::Body => lang.pick("正文", "The body"),
        TextField::Notes => lang.pick("备注", "The notes"),
        TextField::Offer => lang.pick("关联商品", "The linked offer"),
    }
}

impl StudioError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            StudioError::DraftNotFound { .. } => "draft_not_found",
            StudioError::NotInTrash { .. } => "draft_not_in_trash",
            StudioError::RevisionNotFound { .. } => "revision_not_found",
            StudioError::InvalidText(TextError::TooLong { .. }) => "text_too_long",
            StudioError::InvalidText(TextError::ControlCharacter { .. }) => "text_invalid_character",
            StudioError::Store(e) | StudioError::Sync(SyncError::Store(e)) => store_code(e),
            StudioError::AccountNotFound { .. } => "account_not_found",
            StudioError::AccountKey(_) => "account_key_invalid",
            StudioError::AccountCheck(p) => match p {
                AccountProblem::WrongAppId => "account_wrong_app_id",
                AccountProblem::AppKeyNotRegistered => "account_app_key_not_registered",
                AccountProblem::PlatformKeyMismatch => "account_platform_key_mismatch",
                AccountProblem::Unreachable { .. } => "account_unreachable",
                AccountProblem::ClockSkew => "account_clock_skew",
                AccountProblem::Refused { .. } => "account_refused",
            },
            StudioError::AccountNameEmpty => "account_name_empty",
            StudioError::DemoAccountKeys => "demo_account_keys",
            StudioError::DemoAccountStays => "demo_account_stays",
            StudioError::AccountBusy { .. } => "account_busy",
            StudioError::LiveTitleEmpty => "live_title_empty",
            StudioError::LiveInPast => "live_in_past",
            StudioError::LivePublicIdMissing { .. } => "live_public_id_missing",
            StudioError::LivestreamNotFound { .. } => "livestream_not_found",
            StudioError::LivestreamInFlight { .. } => "livestream_in_flight",
            StudioError::LivestreamWithdrawn { .. } => "livestream_withdrawn",
            StudioError::LivePlan(problem) => match problem {
                PlanProblem::SheetTooLong { .. } => "live_sheet_too_long",
                PlanProblem::TooManyProducts { .. } => "live_products_max",
                PlanProblem::TooManySegments { .. } => "live_segments_max",
                PlanProblem::TooManyChecks { .. } => "live_checks_max",
                PlanProblem::ProductIncomplete { .. } => "live_product_incomplete",
                PlanProblem::ProductTwice { .. } => "live_product_twice",
                PlanProblem::SegmentIncomplete { .. } => "live_segment_incomplete",
                PlanProblem::SegmentUnknownProduct { .. } => "live_segment_unknown_product",
                PlanProblem::CheckEmpty { .. } => "live_check_empty",
                PlanProblem::TooLong { .. } => "live_text_too_long",
            },
            StudioError::LiveLength { .. } => "live_length",
            StudioError::LiveSeries(SeriesProblem::Invalid { .. }) => "live_series_invalid",
            StudioError::LiveSeries(SeriesProblem::TooFrequent) => "live_series_too_frequent",
            StudioError::LiveSeries(SeriesProblem::NoOccurrences) => "live_series_empty",
            StudioError::SeriesNotFound { .. } => "live_series_not_found",
            StudioError::NotInSeries { .. } => "live_not_in_series",
            StudioError::NoWarmup { .. } => "live_no_warmup",
            StudioError::LiveCoverNotAPicture => "live_cover_not_a_picture",
            StudioError::SheetFile { .. } => "sheet_file_unwritable",
            StudioError::ProfileEdit(ProfileProblem::Nothing) => "profile_edit_empty",
            StudioError::ProfileEdit(ProfileProblem::NameLength { .. }) => "profile_name_length",
            StudioError::ProfileEdit(ProfileProblem::TooManyShopPhotos { .. }) => "profile_shop_photos_max",
            StudioError::ProfileEdit(ProfileProblem::NotAPicture) => "profile_not_a_picture",
            StudioError::Menu(_) => "menu_invalid",
            StudioError::MenuUnchanged => "menu_unchanged",
            StudioError::MenuPublishing => "menu_publishing",
            StudioError::MenuShape { .. } => "menu_shape",
            StudioError::MenuText { .. } => "menu_text",
            StudioError::MenuIconNotAPicture => "menu_icon_not_a_picture",
            StudioError::Message(_) => "message_invalid",
            StudioError::MessageNotFound { .. } => "message_not_found",
            StudioError::MessageNot { .. } => "message_not_now",
            StudioError::MessageCoverNotAPicture => "message_cover_not_a_picture",
            StudioError::MessageTextPreview => "message_text_preview",
            StudioError::AlreadyOnPlatform { .. } => "already_on_platform",
            StudioError::ScheduleInPast { .. } => "schedule_in_past",
            StudioError::PostMedia { problem: PostMediaProblem::VideoMissing, .. } => "video_missing",
            StudioError::PostMedia { problem: PostMediaProblem::CoverMissing, .. } => "video_cover_missing",
            StudioError::PostMedia { problem: PostMediaProblem::VideoTooLarge { .. }, .. } => "video_too_large",
            StudioError::WrongMediumKind { .. } => "media.wrong_kind",
            StudioError::ScheduleTooSoon { .. } => "schedule_too_soon",
            StudioError::MoveNeedsRepublish { .. } => "move_needs_republish",
            StudioError::NotMovable { .. } => "calendar_not_movable",
            StudioError::UnknownZone(_) => "time_zone_unknown",
            StudioError::QueueWithoutSlots { .. } => "queue_without_slots",
            StudioError::QueueFull { .. } => "queue_full",
            StudioError::QueueSlotInvalid => "queue_slot_invalid",
            StudioError::QueueSlotNotFound { .. } => "queue_slot_not_found",
            StudioError::ReminderMinutes { .. } => "reminder_minutes_invalid",
            StudioError::CalendarFile { .. } => "calendar_file_unwritable",
            StudioError::JobNotChangeable { .. } => "job_not_changeable",
            StudioError::Emulator(_) => "emulator_unavailable",
            StudioError::Secrets(SecretError::NoKeychain(_)) => "secrets_locked",
            StudioError::Secrets(SecretError::WrongPassphrase) => "secrets_wrong_passphrase",
            StudioError::Secrets(_) => "secrets_unavailable",
            StudioError::Sync(SyncError::Busy) => "sync_busy",
            StudioError::Sync(SyncError::Account { .. }) => "account_unusable",
            StudioError::Sync(SyncError::Platform(_)) => "platform_unreachable",
            StudioError::Sync(SyncError::Lock(_)) => "sync_busy",
            StudioError::Media(e) => e.code(),
            StudioError::NotAHash(_) => "media.bad_hash",
            StudioError::AssetNotFound { .. } => "media.not_found",
            StudioError::AssetInUse { .. } => "media.in_use",
            StudioError::ExportExists { .. } => "export_exists",
            StudioError::ExportIo { .. } => "export_io",
            StudioError::NotAnExport { .. } => "not_an_export",
            StudioError::ExportFromNewer { .. } => "export_from_newer",
            StudioError::ImportTargetNotEmpty { .. } => "import_target_not_empty",
            StudioError::BackupNotFound { .. } => "backup_not_found",
        }
    }

    /// The message in `lang`, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            StudioError::DraftNotFound { id } => {
                if zh {
                    format!("找不到草稿 {id}，它可能已被删除。")
                } else {
                    format!("Draft {id} was not found; it may have been deleted.")
                }
            }
            StudioError::NotInTrash { id } => {
                if zh {
                    format!("草稿 {id} 不在回收站中，可能已被恢复或永久删除。")
                } else {
                    format!("Draft {id} is not in the trash; it may have been restored or deleted for good.")
                }
            }
            StudioError::RevisionNotFound { id } => {
                if zh {
                    format!("找不到历史版本 {id}。请刷新历史记录后重试。")
                } else {
                    format!("Revision {id} was not found. Refresh the history and try again.")
                }
            }
            StudioError::InvalidText(TextError::TooLong { field, len, max }) => {
                let name = field_name(*field, lang);
                if zh {
                    format!("{name}有 {len} 个字，最多 {max} 个。请删减后再保存。")
                } else {
                    format!("{name} has {len} characters; at most {max} are allowed. Shorten it and save again.")
                }
            }
            StudioError::InvalidText(TextError::ControlCharacter { field, code }) => {
                let name = field_name(*field, lang);
                if zh {
                    format!("{name}含有不可见的控制字符 U+{code:04X}，请删除后再保存。")
                } else {
                    format!("{name} contains the invisible control character U+{code:04X}; remove it and save again.")
                }
            }
            StudioError::LiveTitleEmpty => lang
                .pick("请填写直播标题。", "Give the livestream a title.")
                .to_string(),
            StudioError::LiveInPast => lang
                .pick("直播时间已经过去，请选择一个将来的时间。", "That time has passed; choose a time in the future.")
                .to_string(),
            StudioError::LivePublicIdMissing { .. } => lang
                .pick(
                    "直播预告发布在生活号上：请在“设置 → 平台账号”中为这个账号填写生活号 ID。",
                    "Announcements go on a life account: add this account's life account id in Settings → Platform accounts.",
                )
                .to_string(),
            StudioError::LivestreamNotFound { id } => {
                if zh {
                    format!("找不到直播 {id}，它可能已被删除。")
                } else {
                    format!("Livestream {id} was not found; it may have been removed.")
                }
            }
            StudioError::LivestreamInFlight { .. } => lang
                .pick(
                    "直播预告正在发送到平台，发送完成后才能撤回或修改。请稍后再试。",
                    "The announcement is on its way to the platform; it can be withdrawn or changed once it is there. Try again in a moment.",
                )
                .to_string(),
            StudioError::LivestreamWithdrawn { .. } => lang
                .pick(
                    "这场直播已撤回，不能再修改。需要的话请重新安排一场。",
                    "This livestream was withdrawn and can no longer be changed. Plan a new one if needed.",
                )
                .to_string(),
            StudioError::ProfileEdit(ProfileProblem::Nothing) => lang
                .pick("没有要提交的修改。", "There is no change to submit.")
                .to_string(),
            StudioError::ProfileEdit(ProfileProblem::NameLength { min, max, len }) => {
                if zh {
                    format!("生活号名称需要 {min} 到 {max} 个字，现在是 {len} 个。")
                } else {
                    format!("The life account name needs {min} to {max} characters; it has {len}.")
                }
            }
            StudioError::ProfileEdit(ProfileProblem::TooManyShopPhotos { max }) => {
                if zh {
                    format!("门店照片最多 {max} 张。请先去掉几张。")
                } else {
                    format!("The profile takes at most {max} shop photos. Remove some first.")
                }
            }
            StudioError::ProfileEdit(ProfileProblem::NotAPicture) => lang
                .pick(
                    "头像、背景和门店照片只能用图片，不能用视频。请从素材库选一张图片。",
                    "The logo, background and shop photos must be pictures, not videos. Choose a picture from the library.",
                )
                .to_string(),
            StudioError::AccountNotFound { id } => {
                if zh {
                    format!("找不到账号 {id}。请在账号列表中选择一个账号。")
                } else {
                    format!("Account {id} was not found. Choose an account from the list.")
                }
            }
            StudioError::AccountKey(detail) => {
                if zh {
                    format!("密钥无法使用：{detail}。请从支付宝开放平台控制台重新复制应用私钥和支付宝公钥。")
                } else {
                    format!("The key cannot be used: {detail}. Copy the app private key and the Alipay public key again from the Alipay Open Platform console.")
                }
            }
            StudioError::AccountCheck(problem) => account_problem_words(problem, lang),
            StudioError::AccountNameEmpty => lang.pick("请给账号起个名字。", "Give the account a name.").to_string(),
            StudioError::DemoAccountKeys => lang
                .pick(
                    "演示账号用的是内置模拟器的密钥，不能更改。要用真实账号，请添加支付宝应用。",
                    "The demo account uses the built-in emulator's keys, which cannot be changed. Add an Alipay app to use a real account.",
                )
                .to_string(),
            StudioError::DemoAccountStays => lang
                .pick("演示账号不能删除：没有其他账号时，一切都在它上面进行。", "The demo account cannot be removed: it is where everything goes when no other account is set up.")
                .to_string(),
            StudioError::AccountBusy { waiting, in_flight } => {
                if *in_flight > 0 {
                    if zh {
                        format!("还有 {waiting} 个任务要发到这个账号，其中 {in_flight} 个正在发送、结果未知。请等它们有了结果再删除。")
                    } else {
                        format!("{waiting} jobs still wait for this account, {in_flight} of them sent with no answer yet. Wait for their outcome before removing it.")
                    }
                } else if zh {
                    format!("还有 {waiting} 个任务要发到这个账号。要删除账号，请确认同时取消这些任务。")
                } else {
                    format!("{waiting} jobs still wait for this account. To remove it, confirm that they are cancelled too.")
                }
            }
            StudioError::AlreadyOnPlatform { draft_id, status } => {
                let state = match status {
                    PublicationStatus::Published => lang.pick("已发布", "published"),
                    _ => lang.pick("正在审核", "under review"),
                };
                if zh {
                    format!("草稿 {draft_id} 在平台上{state}。平台不支持修改已发布的内容：重新发布会先删除平台上的这篇内容，再发布新的一篇，请确认后再操作。")
                } else {
                    format!("Draft {draft_id} is {state} on the platform. The platform cannot edit published content: publishing again deletes the post there and publishes a new one; confirm before doing so.")
                }
            }
            StudioError::ScheduleInPast { .. } => lang
                .pick("定时发布的时间已经过去，请选择将来的时间。", "The scheduled time has passed; choose a time in the future.")
                .to_string(),
            StudioError::PostMedia { problem: PostMediaProblem::VideoMissing, .. } => lang
                .pick(
                    "这条视频还没有视频文件：请先添加视频，再发布。",
                    "This video post has no video yet: add one before publishing.",
                )
                .to_string(),
            StudioError::PostMedia { problem: PostMediaProblem::CoverMissing, .. } => lang
                .pick(
                    "这条视频还没有封面：请先添加一张图片作为封面，再发布。",
                    "This video post has no cover yet: add a picture as its cover before publishing.",
                )
                .to_string(),
            StudioError::PostMedia { problem: PostMediaProblem::VideoTooLarge { bytes, max }, .. } => {
                let mb = |b: &u64| (*b as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
                if zh {
                    format!("视频有 {} MB，平台最多接受 {} MB。请先压缩或剪短再发布。", mb(bytes), mb(max))
                } else {
                    format!(
                        "The video is {} MB; the platform takes at most {} MB. Compress or trim it before publishing.",
                        mb(bytes),
                        mb(max)
                    )
                }
            }
            StudioError::ScheduleTooSoon { min_lead_minutes, .. } => {
                if zh {
                    format!("平台只接受至少 {min_lead_minutes} 分钟之后的定时发布（发送还需一两分钟）。请选择更晚的时间。")
                } else {
                    format!("The platform takes a scheduled publish only more than {min_lead_minutes} minutes ahead (and sending takes a minute or two). Choose a later time.")
                }
            }
            StudioError::MoveNeedsRepublish { .. } => lang
                .pick(
                    "这篇内容已在平台上等待定时发布，平台不能修改它的时间：移动会先删除平台上的这篇，再按新时间重新发布（使用草稿当前的内容）。请确认后再移动。",
                    "The platform already holds this post for its time and cannot change it: moving it deletes the post there and publishes it again at the new time (with the draft as it is now). Confirm to move it.",
                )
                .to_string(),
            StudioError::NotMovable { reason } => fixed_words(*reason, lang).to_string(),
            StudioError::UnknownZone(UnknownZone { name }) => {
                if zh {
                    format!("“{}”不是已知的时区。请从列表中选择，例如 Asia/Shanghai。", shorten(name, 40))
                } else {
                    format!("“{}” is not a known time zone. Choose one from the list, such as Asia/Shanghai.", shorten(name, 40))
                }
            }
            StudioError::QueueWithoutSlots { .. } => lang
                .pick(
                    "这个账号还没有发布时段。请先在“设置 → 日程与提醒”中添加时段，例如工作日 12:00 和 20:00。",
                    "This account has no posting slots yet. Add some in Settings → Schedule and reminders, for example weekdays at 12:00 and 20:00.",
                )
                .to_string(),
            StudioError::QueueFull { .. } => lang
                .pick(
                    "一年内的发布时段都已排满。请添加更多时段，或把已排的内容移走。",
                    "Every posting slot for the coming year is taken. Add slots or move some posts out.",
                )
                .to_string(),
            StudioError::QueueSlotInvalid => lang
                .pick("发布时段需要星期一到星期日中的一天和 00:00 到 23:59 之间的时间。", "A posting slot needs a day from Monday to Sunday and a time from 00:00 to 23:59.")
                .to_string(),
            StudioError::QueueSlotNotFound { .. } => lang
                .pick("找不到这个发布时段，它可能已被删除。", "That posting slot was not found; it may have been removed.")
                .to_string(),
            StudioError::ReminderMinutes { max } => {
                if zh {
                    format!("提醒时间需在开始前 1 分钟到 7 天之间，最多 {max} 个。")
                } else {
                    format!("Reminders come 1 minute to 7 days before; at most {max} of them.")
                }
            }
            StudioError::LivePlan(problem) => plan_problem(problem, lang),
            StudioError::Menu(problem) => menu_problem(problem, lang),
            StudioError::MenuUnchanged => lang
                .pick("草稿与平台上的菜单相同，没有需要发布的改动。", "The draft is the menu the platform shows: there is nothing to publish.")
                .to_string(),
            StudioError::MenuPublishing => lang
                .pick("上一次发布的菜单还在发送中，请稍候再发布。", "The menu published last is still on its way. Publish again once it is through.")
                .to_string(),
            StudioError::MenuShape { max } => {
                if zh {
                    format!("菜单最多两级，草稿最多保存 {max} 项。")
                } else {
                    format!("A menu has two levels at most, and a draft keeps at most {max} entries.")
                }
            }
            StudioError::MenuText { max } => {
                if zh {
                    format!("菜单名称和参数不能含控制字符，且不超过 {max} 个字符。")
                } else {
                    format!("Menu names and parameters cannot hold control characters and are at most {max} characters.")
                }
            }
            StudioError::Message(problem) => message_problem(problem, lang),
            StudioError::MessageNotFound { .. } => lang
                .pick("找不到这条消息，它可能已被删除。", "That message was not found; it may have been removed.")
                .to_string(),
            StudioError::MessageNot { status, .. } => {
                let (zh_words, en_words) = match status {
                    MessageStatus::Draft => ("还是草稿，尚未发送，不能撤回", "is a draft, not sent, so it cannot be recalled"),
                    MessageStatus::Sending => ("正在发送，发送结束前不能修改", "is on its way and cannot change until it is through"),
                    MessageStatus::Sent => ("已经发给所有粉丝，只能撤回，不能修改或再发", "went to every follower; it can only be recalled, not changed or sent again"),
                    MessageStatus::Failed => ("没有发出，不能撤回", "did not go out, so there is nothing to recall"),
                    MessageStatus::Recalling => ("正在撤回", "is being recalled"),
                    MessageStatus::Recalled => ("已经撤回", "was recalled already"),
                };
                if zh {
                    format!("这条消息{zh_words}。")
                } else {
                    format!("This message {en_words}.")
                }
            }
            StudioError::MessageCoverNotAPicture => lang
                .pick("消息封面只能用图片，不能用视频。请从素材库选一张图片。", "A message's cover must be a picture, not a video. Choose a picture from the library.")
                .to_string(),
            StudioError::MessageTextPreview => lang
                .pick("文字消息没有内容页，无法预览。预览只用于图文消息。", "A text message has no content page to preview; previews are for image-text messages.")
                .to_string(),
            StudioError::MenuIconNotAPicture => lang
                .pick("菜单图标只能用图片，不能用视频。请从素材库选一张图片。", "A menu icon must be a picture, not a video. Choose a picture from the library.")
                .to_string(),
            StudioError::LiveSeries(SeriesProblem::Invalid { detail }) => {
                if zh {
                    format!("无法识别重复规则：{detail}。请写成 FREQ=WEEKLY;BYDAY=SA 这样的 RRULE。")
                } else {
                    format!("Cannot read the repeat rule: {detail}. Write an RRULE such as FREQ=WEEKLY;BYDAY=SA.")
                }
            }
            StudioError::LiveSeries(SeriesProblem::TooFrequent) => {
                lang.pick("直播最多每天重复一次。", "A livestream repeats at most daily.").to_string()
            }
            StudioError::LiveSeries(SeriesProblem::NoOccurrences) => lang
                .pick(
                    "这个重复规则从现在起没有任何一场。请检查开始时间、次数或结束日期。",
                    "This rule gives no livestream from now on. Check the first start, the count or the end date.",
                )
                .to_string(),
            StudioError::SeriesNotFound { id } => {
                if zh {
                    format!("找不到直播系列 {id}。")
                } else {
                    format!("Livestream series {id} was not found.")
                }
            }
            StudioError::NoWarmup { .. } => lang
                .pick("这场直播还没有预告帖。", "This livestream has no warm-up post yet.")
                .to_string(),
            StudioError::NotInSeries { .. } => lang
                .pick("这场直播不属于任何系列，只能单独修改。", "This livestream is not part of a series; change it on its own.")
                .to_string(),
            StudioError::LiveLength { max } => {
                if zh {
                    format!("直播时长需要 1 到 {max} 分钟。")
                } else {
                    format!("A livestream runs 1 to {max} minutes.")
                }
            }
            StudioError::LiveCoverNotAPicture => lang
                .pick("直播封面只能用图片。请从素材库选一张图片。", "The cover must be a picture. Choose a picture from the library.")
                .to_string(),
            StudioError::SheetFile { path, source } => {
                if zh {
                    format!("无法写入流程单 {path}：{source}。请换一个位置再导出。")
                } else {
                    format!("Cannot write the run sheet {path}: {source}. Export to another place.")
                }
            }
            StudioError::CalendarFile { path, source } => {
                if zh {
                    format!("无法写入日历文件 {path}：{source}。请换一个位置再导出。")
                } else {
                    format!("Cannot write the calendar file {path}: {source}. Export to another place.")
                }
            }
            StudioError::WrongMediumKind { role, .. } => match role {
                MediumRole::Video => lang.pick(
                    "视频的位置只能放视频文件。请从素材库选一个视频。",
                    "The video's place takes a video file. Choose a video from the library.",
                ),
                MediumRole::Image | MediumRole::Cover => lang.pick(
                    "配图和封面只能用图片，不能用视频。请从素材库选一张图片。",
                    "Pictures and covers must be pictures, not videos. Choose a picture from the library.",
                ),
            }
            .to_string(),
            StudioError::JobNotChangeable { id } => {
                if zh {
                    format!("任务 {id} 当前状态不能重试或取消（可能已完成或正在发送）。请刷新后再试。")
                } else {
                    format!("Job {id} cannot be retried or cancelled in its current state (it may be done or being sent). Refresh and try again.")
                }
            }
            StudioError::Emulator(detail) => {
                if zh {
                    format!("内置模拟器无法启动：{detail}。")
                } else {
                    format!("The built-in emulator could not start: {detail}.")
                }
            }
            StudioError::Secrets(SecretError::NoKeychain(_)) => lang
                .pick(
                    "系统钥匙串不可用。请输入密码以解锁加密的密钥文件。",
                    "No system keychain is available. Enter your passphrase to unlock the encrypted secrets file.",
                )
                .to_string(),
            StudioError::Secrets(SecretError::WrongPassphrase) => lang
                .pick("密码不正确，无法打开密钥文件。", "The passphrase is wrong; the secrets file stays locked.")
                .to_string(),
            StudioError::Secrets(e) => {
                if zh {
                    format!("无法读取或保存密钥：{e}。")
                } else {
                    format!("Cannot read or keep the secrets: {e}.")
                }
            }
            StudioError::Sync(SyncError::Busy | SyncError::Lock(_)) => lang
                .pick(
                    "另一个 Creator Studio 窗口或 studio 命令正在同步这个资料库。请等它结束后再试。",
                    "Another Creator Studio window or studio command is syncing this library. Wait for it to finish and try again.",
                )
                .to_string(),
            StudioError::Store(e) | StudioError::Sync(SyncError::Store(e)) => store_message(e, lang),
            StudioError::Sync(SyncError::Account { account, problem }) => {
                let why = crate::activity::problem_words(problem, lang);
                if zh {
                    format!("账号 {account} 无法使用：{why}")
                } else {
                    format!("Account {account} cannot be used: {why}")
                }
            }
            StudioError::Sync(SyncError::Platform(e)) => {
                if zh {
                    format!("暂时无法读取平台上的内容：{e}。本地内容不受影响，稍后会自动重试。")
                } else {
                    format!("The platform cannot be read right now: {e}. Local work is unaffected; it will be retried.")
                }
            }
            StudioError::Media(e) => e.message(lang),
            StudioError::NotAHash(NotAHash { text }) => {
                let short = shorten(text, 16);
                if zh {
                    format!("“{short}”不是素材库里文件的编号（64 位十六进制数字）。请用 studio media list 查看编号。")
                } else {
                    format!("“{short}” does not name a file in the media library (64 hexadecimal digits). See the names with studio media list.")
                }
            }
            StudioError::AssetNotFound { hash } => {
                let short = shorten(hash, 12);
                if zh {
                    format!("媒体库里没有 {short}，它可能已被删除。")
                } else {
                    format!("{short} is not in the media library; it may have been deleted.")
                }
            }
            StudioError::AssetInUse { titles, .. } => {
                let list = titles.iter().map(|t| if t.is_empty() { lang.pick("（无标题）", "(untitled)") } else { t.as_str() }).collect::<Vec<_>>();
                if zh {
                    format!("这个文件正被草稿使用：{}。请先从这些草稿中移除它。", list.join("、"))
                } else {
                    format!("This file is used by drafts: {}. Remove it from them first.", list.join(", "))
                }
            }
            StudioError::ExportExists { path } => {
                if zh {
                    format!("{} 里已经有一份导出。请选择一个空文件夹。", path.display())
                } else {
                    format!("{} holds an export already. Choose an empty folder.", path.display())
                }
            }
            StudioError::ExportIo { path, detail } => {
                if zh {
                    format!("无法读写 {}：{detail}。请检查磁盘空间和文件夹权限后重试。", path.display())
                } else {
                    format!("Cannot read or write {}: {detail}. Check the disk space and the folder's permissions and try again.", path.display())
                }
            }
            StudioError::NotAnExport { path, detail } => {
                if zh {
                    format!("{} 不是 Creator Studio 的导出（{detail}）。请选择用“导出资料库”或 studio export 生成的文件夹。", path.display())
                } else {
                    format!("{} is not a Creator Studio export ({detail}). Choose a folder written by Export library or studio export.", path.display())
                }
            }
            StudioError::ExportFromNewer { version } => {
                if zh {
                    format!("这份导出来自较新的 Creator Studio {version}。请先升级本程序再导入。")
                } else {
                    format!("This export was made by the newer Creator Studio {version}. Upgrade before importing it.")
                }
            }
            StudioError::ImportTargetNotEmpty { path } => {
                if zh {
                    format!("{} 里已经有资料库，导入不会覆盖它。请用 --data-dir 指定一个空文件夹。", path.display())
                } else {
                    format!("{} holds a library already; an import never overwrites one. Choose an empty folder with --data-dir.", path.display())
                }
            }
            StudioError::BackupNotFound { name } => {
                if zh {
                    format!("找不到备份 {name}，它可能已被清理。请刷新备份列表。")
                } else {
                    format!("Backup {name} was not found; it may have been cleaned up. Refresh the list of backups.")
                }
            }
        }
    }

    /// This failure as the user sees it in `lang`.
    pub fn in_lang(self, lang: Lang) -> ApiError {
        ApiError { code: self.code().to_string(), message: self.message(lang) }
    }
}

/// Why a calendar item cannot move, in `lang`.
pub(crate) fn fixed_words(reason: FixedReason, lang: Lang) -> &'static str {
    match reason {
        FixedReason::Published => lang.pick(
            "已发布的内容停留在发布的时间，不能移动。",
            "A published post stays where it went out; it cannot be moved.",
        ),
        FixedReason::Past => {
            lang.pick("这个时间已经过去，不能再移动。", "Its time has passed; it can no longer be moved.")
        }
        FixedReason::Sending => lang.pick(
            "它正在发送到平台，等发送完成后再移动。",
            "It is on its way to the platform; move it once it has arrived.",
        ),
        FixedReason::Withdrawn => {
            lang.pick("这场直播已撤回，不能移动。", "This livestream was withdrawn; it cannot be moved.")
        }
        FixedReason::Refused => lang.pick(
            "这篇内容未通过审核，不能移动；修改后重新发布即可。",
            "This post was refused in review; change it and publish it again instead.",
        ),
        FixedReason::Failed => lang.pick(
            "它在发件箱中停下了：请先在“动态”中重试或取消。",
            "It stopped in the outbox: retry or cancel it in Activity first.",
        ),
        FixedReason::NotScheduled => lang.pick(
            "它会立即发布，没有定时，不能移动。",
            "It goes out as soon as possible, not at a time; it cannot be moved.",
        ),
    }
}

fn store_code(e: &StoreError) -> &'static str {
    match e {
        StoreError::DiskFull => "disk_full",
        StoreError::Busy => "library_busy",
        StoreError::Corrupt(_) => "library_damaged",
        StoreError::Folder { .. } => "data_folder_unavailable",
        StoreError::Open { .. } => "library_unavailable",
        StoreError::Migrate(_) => "library_upgrade_failed",
        StoreError::Database(_) => "database_error",
    }
}

fn store_message(e: &StoreError, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    match e {
        StoreError::DiskFull => lang
            .pick(
                "磁盘已满，本次更改未保存，之前的内容完好。请释放磁盘空间后重试。",
                "The disk is full. This change was not saved; earlier work is intact. Free some space and try again.",
            )
            .to_string(),
        StoreError::Busy => lang
            .pick(
                "资料库正被另一个程序占用。请关闭其他 Creator Studio 窗口或 studio 命令后重试。",
                "The library is in use by another program. Close other Creator Studio windows or studio commands and try again.",
            )
            .to_string(),
        StoreError::Corrupt(detail) => {
            if zh {
                format!("资料库文件已损坏或不是 Creator Studio 的资料库（{detail}）。请从备份恢复，或用 --data-dir 指定其他文件夹。")
            } else {
                format!("The library file is damaged or is not a Creator Studio library ({detail}). Restore it from a backup or choose another folder with --data-dir.")
            }
        }
        StoreError::Folder { path, source } => {
            if zh {
                format!("无法创建数据文件夹 {}：{source}。请检查权限，或用 --data-dir 指定其他文件夹。", path.display())
            } else {
                format!("Cannot create the data folder {}: {source}. Check its permissions or choose another folder with --data-dir.", path.display())
            }
        }
        StoreError::Open { path, source } => {
            if zh {
                format!("无法打开资料库 {}：{source}。", path.display())
            } else {
                format!("Cannot open the library {}: {source}.", path.display())
            }
        }
        StoreError::Migrate(source) => {
            if zh {
                format!("无法升级资料库：{source}。资料库未被改动；请使用较新版本的 Creator Studio 打开。")
            } else {
                format!("Cannot upgrade the library: {source}. It was left unchanged; open it with a newer Creator Studio.")
            }
        }
        StoreError::Database(source) => {
            if zh {
                format!("数据库出错：{source}。请重试；若反复出现，请报告此问题。")
            } else {
                format!("Database error: {source}. Try again; if it keeps happening, please report it.")
            }
        }
    }
}

/// What is wrong with an account's keys, and what to do, in `lang`.
pub(crate) fn account_problem_words(problem: &AccountProblem, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    match problem {
        AccountProblem::WrongAppId => lang
            .pick(
                "平台不认识这个 APPID。请从支付宝开放平台控制台复制应用的 APPID。",
                "The platform knows no app with this APPID. Copy the app's APPID from the Alipay Open Platform console.",
            )
            .to_string(),
        AccountProblem::AppKeyNotRegistered => lang
            .pick(
                "平台验证不了请求的签名：这个应用私钥与控制台里登记的应用公钥不是一对。请重新复制应用私钥，或在控制台上传对应的应用公钥。",
                "The platform cannot verify the requests: this app private key is not the pair of the app public key registered in the console. Copy the app private key again, or upload its public key in the console.",
            )
            .to_string(),
        AccountProblem::PlatformKeyMismatch => lang
            .pick(
                "平台的回答与填写的支付宝公钥对不上（可能填错了，或控制台里换了密钥）。请从控制台复制当前的支付宝公钥。",
                "The platform's answers do not match the Alipay public key given (a wrong key, or one changed in the console). Copy the current Alipay public key from the console.",
            )
            .to_string(),
        AccountProblem::Unreachable { detail } => {
            if zh {
                format!("连不上网关（{detail}）。请检查网关地址和网络，稍后再试。")
            } else {
                format!("The gateway cannot be reached ({detail}). Check the gateway address and the network, and try again.")
            }
        }
        AccountProblem::ClockSkew => lang
            .pick(
                "这台电脑的时间与平台相差超过 15 分钟。请校准系统时间后再试。",
                "This computer's clock is more than 15 minutes off the platform's. Set the system time right and try again.",
            )
            .to_string(),
        AccountProblem::Refused { code, sub_code, message } => {
            if zh {
                format!("平台拒绝了这个账号：{message}（{code} {sub_code}）。")
            } else {
                format!("The platform refused this account: {message} ({code} {sub_code}).")
            }
        }
    }
}

/// At most `n` characters of `text` (never cut inside one), with `…` when cut.
fn shorten(text: &str, n: usize) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(n).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

impl From<SyncError> for StudioError {
    fn from(e: SyncError) -> StudioError {
        match e {
            // A library failure keeps its own words (a full disk, a busy library).
            SyncError::Store(e) => StudioError::Store(e),
            other => StudioError::Sync(other),
        }
    }
}

/// Why a profile edit cannot be submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileProblem {
    /// No field changes.
    Nothing,
    /// The name is too short or too long.
    NameLength {
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: usize,
        /// Characters given.
        len: usize,
    },
    /// More shop photos than the profile takes.
    TooManyShopPhotos {
        /// Most photos.
        max: usize,
    },
    /// A video where a picture belongs.
    NotAPicture,
}

impl std::fmt::Display for ProfileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProfileProblem::Nothing => write!(f, "nothing to change"),
            ProfileProblem::NameLength { min, max, len } => write!(f, "name of {len} characters, not {min}-{max}"),
            ProfileProblem::TooManyShopPhotos { max } => write!(f, "more than {max} shop photos"),
            ProfileProblem::NotAPicture => write!(f, "a video where a picture belongs"),
        }
    }
}

/// A message's problem in the user's words.
pub fn message_problem(problem: &MessageProblem, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    match (problem, zh) {
        (MessageProblem::TitleEmpty, true) => "图文消息需要标题。".into(),
        (MessageProblem::TitleEmpty, false) => "An image-text message needs a title.".into(),
        (MessageProblem::BodyEmpty, true) => "消息还没有内容。".into(),
        (MessageProblem::BodyEmpty, false) => "The message has no words yet.".into(),
        (MessageProblem::CoverMissing, true) => "图文消息需要封面（上传为 996×450）。请从素材库选一张图片。".into(),
        (MessageProblem::CoverMissing, false) => {
            "An image-text message needs a cover (uploaded as 996×450). Choose a picture from the library.".into()
        }
        (MessageProblem::BenefitTooLong { max }, true) => format!("活动权益最多 {max} 个字。"),
        (MessageProblem::BenefitTooLong { max }, false) => {
            format!("An activity's benefit is at most {max} characters.")
        }
        (MessageProblem::Keywords { max }, true) => format!("关键词最多 {max} 个，且不能含逗号。"),
        (MessageProblem::Keywords { max }, false) => format!("At most {max} keywords, none with a comma."),
        (MessageProblem::Previewers { max }, true) => format!("预览账号最多 {max} 个，且不能含逗号。"),
        (MessageProblem::Previewers { max }, false) => format!("At most {max} preview accounts, none with a comma."),
    }
}

/// Where a menu entry is, in the user's words (`at` from 0).
fn menu_place(at: &[usize], zh: bool) -> String {
    match (at, zh) {
        ([i], true) => format!("第 {} 个菜单", i + 1),
        ([i, j], true) => format!("第 {} 个菜单的第 {} 个子菜单", i + 1, j + 1),
        ([i], false) => format!("Entry {}", i + 1),
        ([i, j], false) => format!("Entry {}, sub-entry {}", i + 1, j + 1),
        (_, true) => "菜单".to_string(),
        (_, false) => "The menu".to_string(),
    }
}

/// A menu's problem in the user's words (the CLI prints a draft's problems with it).
pub fn menu_problem(problem: &MenuProblem, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let place = problem.at().map(|at| menu_place(at, zh)).unwrap_or_default();
    match (problem, zh) {
        (MenuProblem::Empty, true) => "菜单还没有任何入口。请至少添加一个。".into(),
        (MenuProblem::Empty, false) => "The menu has no entries yet. Add at least one.".into(),
        (MenuProblem::TooManyEntries { max }, true) => format!("这种菜单最多 {max} 个一级菜单。请去掉或合并几个。"),
        (MenuProblem::TooManyEntries { max }, false) => {
            format!("This kind of menu has at most {max} entries. Remove or merge some.")
        }
        (MenuProblem::TooManyChildren { max, .. }, true) => format!("{place}最多 {max} 个子菜单。"),
        (MenuProblem::TooManyChildren { max, .. }, false) => format!("{place} has more than {max} sub-entries."),
        (MenuProblem::ChildrenInIconMenu { .. }, true) => {
            format!("{place}有子菜单，但图标菜单没有二级菜单。请改为文字菜单或移出子菜单。")
        }
        (MenuProblem::ChildrenInIconMenu { .. }, false) => {
            format!("{place} has sub-entries, which an icon menu does not show. Use a text menu or move them out.")
        }
        (MenuProblem::NameEmpty { .. }, true) => format!("{place}没有名称。"),
        (MenuProblem::NameEmpty { .. }, false) => format!("{place} has no name."),
        (MenuProblem::NameTooLong { max_chinese, .. }, true) => {
            format!("{place}的名称太长：最多 {max_chinese} 个汉字（或 {} 个英文字母）。", max_chinese * 2)
        }
        (MenuProblem::NameTooLong { max_chinese, .. }, false) => format!(
            "{place}'s name is too long: at most {max_chinese} Chinese characters (or {} Latin letters).",
            max_chinese * 2
        ),
        (MenuProblem::ParamMissing { .. }, true) => format!("{place}还没有填写动作的内容（网址、电话、地点或事件）。"),
        (MenuProblem::ParamMissing { .. }, false) => {
            format!("{place} needs what its action opens: the link, number, place or event key.")
        }
        (MenuProblem::BadLink { .. }, true) => {
            format!("{place}的链接需以 https://、http:// 或 alipays:// 开头，且不含空格。")
        }
        (MenuProblem::BadLink { .. }, false) => {
            format!("{place}'s link must start with https://, http:// or alipays:// and hold no spaces.")
        }
        (MenuProblem::BadPhone { .. }, true) => {
            format!("{place}的电话号码只能是数字（可带区号连字符和开头的 +），3 到 20 位。")
        }
        (MenuProblem::BadPhone { .. }, false) => {
            format!("{place}'s phone number must be 3 to 20 digits (dashes and a leading + allowed).")
        }
        (MenuProblem::ParamTooLong { max, .. }, true) => format!("{place}的内容最多 {max} 个字符。"),
        (MenuProblem::ParamTooLong { max, .. }, false) => {
            format!("{place}'s parameter is longer than {max} characters.")
        }
        (MenuProblem::ParamColon { .. }, true) => format!("{place}的事件标识不能含冒号。"),
        (MenuProblem::ParamColon { .. }, false) => format!("{place}'s event key cannot hold a colon."),
        (MenuProblem::IconMissing { .. }, true) => format!("{place}还没有图标：图标菜单的每一项都需要图标。"),
        (MenuProblem::IconMissing { .. }, false) => {
            format!("{place} has no icon: every entry of an icon menu needs one.")
        }
    }
}

/// A plan's problem in the user's words.
fn plan_problem(problem: &PlanProblem, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    match problem {
        PlanProblem::SheetTooLong { total, planned } => {
            if zh {
                format!("流程合计 {total} 分钟，超过了直播时长 {planned} 分钟。请缩短环节或延长直播。")
            } else {
                format!("The run sheet adds up to {total} minutes, longer than the {planned}-minute stream. Shorten a segment or plan a longer stream.")
            }
        }
        PlanProblem::TooManyProducts { max } => {
            if zh {
                format!("一场直播最多 {max} 个商品。请先去掉几个。")
            } else {
                format!("A livestream shows at most {max} offers. Remove some first.")
            }
        }
        PlanProblem::TooManySegments { max } => {
            if zh {
                format!("流程最多 {max} 个环节。")
            } else {
                format!("A run sheet holds at most {max} segments.")
            }
        }
        PlanProblem::TooManyChecks { max } => {
            if zh {
                format!("准备清单最多 {max} 项。")
            } else {
                format!("A checklist holds at most {max} items.")
            }
        }
        PlanProblem::ProductIncomplete { position } => {
            if zh {
                format!("第 {position} 个商品缺少 ID 或名称。")
            } else {
                format!("Offer {position} needs its id and a name.")
            }
        }
        PlanProblem::ProductTwice { id } => {
            if zh {
                format!("商品 {id} 列了两次。")
            } else {
                format!("The offer {id} is listed twice.")
            }
        }
        PlanProblem::SegmentIncomplete { position } => {
            if zh {
                format!("第 {position} 个环节需要标题和时长。")
            } else {
                format!("Segment {position} needs a title and a length.")
            }
        }
        PlanProblem::SegmentUnknownProduct { position, id } => {
            if zh {
                format!("第 {position} 个环节要讲的商品 {id} 不在商品列表里。")
            } else {
                format!("Segment {position} shows the offer {id}, which is not in the list of offers.")
            }
        }
        PlanProblem::CheckEmpty { position } => {
            if zh {
                format!("准备清单第 {position} 项是空的。")
            } else {
                format!("Checklist item {position} is empty.")
            }
        }
        PlanProblem::TooLong { field, max } => {
            let what = match (field.as_str(), zh) {
                ("description", true) => "直播简介",
                ("description", false) => "The description",
                ("product", true) => "商品的名称、备注或价格",
                ("product", false) => "An offer's name, note or price",
                ("segment", true) => "环节标题",
                ("segment", false) => "A segment's title",
                ("notes", true) => "主播备注",
                ("notes", false) => "A segment's host notes",
                (_, true) => "准备清单的一项",
                (_, false) => "A checklist item",
            };
            if zh {
                format!("{what}最多 {max} 个字。")
            } else {
                format!("{what} can have at most {max} characters.")
            }
        }
    }
}
