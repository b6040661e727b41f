//! The application facade: every use case of Creator Studio, once.
//!
//! The desktop shell, the `studio` CLI and the tests all call these
//! functions. Architecture invariant: nothing here knows about Tauri, the
//! terminal or the UI. Use cases fail with [`StudioError`]; the boundary
//! (the shell, the CLI) words it once, in the user's language, as
//! [`ApiError`] ([`Studio::word`]).

mod accounts;
mod activity;
mod calendar;
mod demo;
mod desktop;
mod error;
mod library;
mod live;
mod logs;
mod media;
mod menu;
mod messages;
mod moderation;
mod queue;
mod reminders;
mod series;
mod sheet;
mod sync;
mod updates;
mod warmup;
mod worker;

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

pub use accounts::{AccountSetup, CheckedAccount, PASSPHRASE_ENV};
pub use activity::ActivityItem;
pub use calendar::PostMove;
pub use demo::{LocalEmulator, DEMO_APP_ID};
pub use desktop::{files_in_arguments, instance_id};
pub use error::{menu_problem as menu_problem_words, ApiError, ProfileProblem, StudioError};
pub use library::{
    BackupInfo, BackupReason, ExportSummary, LibraryExport, BACKUPS_KEPT, BACKUP_FOLDER, EXPORT_FILE, EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION, EXPORT_MEDIA_FOLDER,
};
pub use logs::{start_logging, Diagnostics, LogGuard, LOG_FOLDER};
pub use media::{
    percent_decode, AssetUse, DraftMedium, ImportFailure, ImportProgress, ImportReport, RenditionInfo, ServedMedia,
    MEDIA_FOLDER,
};
pub use menu::MenuState;
pub use queue::QueueEntry;
pub use reminders::{
    reminder_notice, tray_words, user_zone, NextItem, ReminderClock, ReminderNews, TrayWords, TRAY_ITEMS,
};
use serde::{Deserialize, Serialize};
pub use series::{PlannedSeries, SeriesScope};
pub use studio_core::calendar::{
    CalendarItem, CalendarKind, CalendarStatus, FixedReason, MoveWay, NewQueueSlot, QueueSlot, Reminder,
};
pub use studio_core::media::{ContentHash, FocalPoint, MediaAsset, MediaFormat, MediaKind, MediaRuleName, MediumRole};
pub use studio_core::menu::{MenuLimits, ALIPAY_MENU};
pub use studio_core::message::{MessageLimits, ALIPAY_MESSAGE};
pub use studio_core::moderation::{ModerationVerdict, PlatformCheck};
pub use studio_core::rules::{self, Counters, Counting, DraftCheck, Platform, PlatformRules, Problem};
pub use studio_core::search::Segment;
use studio_core::search::{snippet, Query};
pub use studio_core::sync::{code, NetworkProblem};
pub use studio_core::time::{day_bounds, format_wall, parse_wall, ZoneName};
pub use studio_core::{
    Account, AccountId, AccountPatch, AccountProblem, AccountRole, CheckItem, JobKind, JobProblem, JobState, LivePlan,
    LiveProduct, LiveProfile, LiveSeries, Livestream, LivestreamStatus, NewAccount, OutboxJob, PlanProblem,
    ProfileEdit, ProfileEditStatus, ProfileFields, Publication, PublicationStatus, RunSegment, SeriesProblem, Warmup,
};
pub use studio_core::{
    Cursor, Draft, DraftId, DraftKind, DraftListQuery, DraftPage, DraftPatch, DraftSort, Lang, ListStatus, NewDraft,
    Offer, OfferKind, Revision, RevisionReason, Screen, Settings, SettingsPatch, ThemePreference, Visibility,
};
pub use studio_core::{FollowerMessage, MessageFields, MessageKind, MessageProblem, MessageRevision, MessageStatus};
pub use studio_core::{
    LiveMenu, Menu, MenuAction, MenuChange, MenuChangeKind, MenuEntry, MenuKind, MenuProblem, MenuPublish,
    MenuPublishStatus,
};
use studio_store::Store;
pub use studio_sync::EngineOptions;
pub use sync::{PublishAnswer, SyncReport};
use ts_rs::TS;
pub use updates::{UpdateSource, UPDATE_ENDPOINT_ENV, UPDATE_PUBKEY_ENV};
pub use worker::{Notice, ReviewNews, SyncNews, SyncStatus, SyncWorker};

/// The app's identifier; also the name of its folder in the OS data folder.
pub const APP_IDENTIFIER: &str = "com.creatorstudio.desktop";

/// Where the library lives when no `--data-dir` is given: the OS app-data
/// folder (`$XDG_DATA_HOME/com.creatorstudio.desktop` on Linux), the same
/// one Tauri reports as the app-data folder.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// An open studio: the library and the user's language.
#[derive(Debug)]
pub struct Studio {
    store: Store,
    data_dir: PathBuf,
    lang: std::sync::Arc<RwLock<Lang>>,
    worker: std::sync::Arc<worker::WorkerShared>,
    imports: media::RunningImports,
    missed: reminders::MissedReminders,
    renders: tokio::sync::Semaphore,
}

/// The most rows one page of the drafts list returns.
pub const PAGE_LIMIT: u32 = 500;

/// The most search results returned at once.
pub const SEARCH_LIMIT: u32 = 200;
/// How much body text a search result shows around its first hit.
const SNIPPET_CHARS: usize = 80;

/// How many topic suggestions to offer.
const TOPIC_SUGGESTIONS: u32 = 10;

/// A topic and how many live drafts use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TopicUse {
    /// The topic, without `#`.
    pub topic: String,
    /// Drafts using it.
    pub uses: u32,
}

/// A draft found by a search, with the matched text marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// The draft.
    pub draft: Draft,
    /// Its title cut into matched and plain pieces.
    pub title: Vec<Segment>,
    /// A window of its body around the first match, cut the same way.
    pub snippet: Vec<Segment>,
}

/// What a use case returns.
pub type StudioResult<T> = Result<T, StudioError>;

/// A use case's result as it crosses to the UI or the terminal.
pub type ApiResult<T> = Result<T, ApiError>;

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl Studio {
    /// Opens the studio whose library is in `data_dir`. Errors are worded in
    /// `fallback` language because the stored preference is not readable yet.
    pub async fn open(data_dir: &Path, fallback: Lang) -> ApiResult<Studio> {
        let store = Store::open(data_dir).await.map_err(|e| StudioError::from(e).in_lang(fallback))?;
        let settings = store.settings().await.map_err(|e| StudioError::from(e).in_lang(fallback))?;
        Ok(Studio {
            store,
            data_dir: data_dir.to_owned(),
            lang: std::sync::Arc::new(RwLock::new(settings.language)),
            worker: Default::default(),
            imports: Default::default(),
            missed: Default::default(),
            renders: tokio::sync::Semaphore::new(media::RENDERS_AT_ONCE),
        })
    }

    /// The folder holding the library.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The language errors are worded in.
    pub fn lang(&self) -> Lang {
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Overrides the language of error messages for this session only (the
    /// CLI follows the terminal's locale, not the app's setting).
    pub fn speak(&self, lang: Lang) {
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
    }

    /// A use case's result as the user sees it: a failure worded in the
    /// user's language. The one place where failures are worded.
    pub fn word<T>(&self, result: StudioResult<T>) -> ApiResult<T> {
        result.map_err(|e| e.in_lang(self.lang()))
    }

    /// Closes the library cleanly.
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Every draft, most recently changed first.
    pub async fn list_drafts(&self) -> StudioResult<Vec<Draft>> {
        Ok(self.store.drafts().await?)
    }

    /// One page of the drafts list, filtered and sorted; at most
    /// [`PAGE_LIMIT`] rows.
    pub async fn list_drafts_page(&self, mut query: DraftListQuery) -> StudioResult<DraftPage> {
        query.limit = query.limit.clamp(1, PAGE_LIMIT);
        Ok(self.store.drafts_list(&query).await?)
    }

    /// One draft.
    pub async fn get_draft(&self, id: DraftId) -> StudioResult<Draft> {
        match self.store.draft(id).await {
            Ok(Some(draft)) => Ok(draft),
            Ok(None) => Err(StudioError::DraftNotFound { id }),
            Err(e) => Err(e.into()),
        }
    }

    /// Makes a new draft.
    pub async fn create_draft(&self, new: NewDraft) -> StudioResult<Draft> {
        new.check()?;
        Ok(self.store.insert_draft(&new, now_ms()).await?)
    }

    /// Changes a draft's kind, title or body.
    pub async fn update_draft(&self, id: DraftId, patch: DraftPatch) -> StudioResult<Draft> {
        patch.check()?;
        if patch.is_empty() {
            return self.get_draft(id).await;
        }
        match self.store.update_draft(id, &patch, now_ms()).await {
            Ok(Some(draft)) => Ok(draft),
            Ok(None) => Err(StudioError::DraftNotFound { id }),
            Err(e) => Err(e.into()),
        }
    }

    /// Moves a draft to the trash; it can be restored until the trash is emptied.
    pub async fn delete_draft(&self, id: DraftId) -> StudioResult<()> {
        match self.store.trash_draft(id, now_ms()).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(StudioError::DraftNotFound { id }),
            Err(e) => Err(e.into()),
        }
    }

    /// Drafts in the trash, most recently deleted first.
    pub async fn list_trash(&self) -> StudioResult<Vec<Draft>> {
        Ok(self.store.trashed_drafts().await?)
    }

    /// Brings a draft back from the trash with its history.
    pub async fn restore_draft(&self, id: DraftId) -> StudioResult<Draft> {
        match self.store.restore_draft(id).await {
            Ok(Some(draft)) => Ok(draft),
            Ok(None) => Err(StudioError::NotInTrash { id }),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes everything in the trash for good; returns how many drafts.
    pub async fn empty_trash(&self) -> StudioResult<u32> {
        Ok(self.store.empty_trash().await? as u32)
    }

    /// A draft's revisions, newest first.
    pub async fn list_revisions(&self, id: DraftId) -> StudioResult<Vec<Revision>> {
        self.get_draft(id).await?;
        Ok(self.store.revisions(id).await?)
    }

    /// Makes a draft read as one of its revisions did; recorded as a new revision.
    pub async fn restore_revision(&self, id: DraftId, revision: i64) -> StudioResult<Draft> {
        match self.store.restore_revision(id, revision, now_ms()).await {
            Ok(Some(draft)) => Ok(draft),
            Ok(None) => Err(StudioError::RevisionNotFound { id: revision }),
            Err(e) => Err(e.into()),
        }
    }

    /// Live drafts matching what the user typed, best first, with the
    /// matched text marked in the title and a snippet of the body.
    pub async fn search_drafts(&self, query: String) -> StudioResult<Vec<SearchHit>> {
        let parsed = Query::parse(&query);
        let ids = self.store.search_drafts(&parsed, SEARCH_LIMIT).await?;
        let drafts = self.store.drafts_by_ids(&ids).await?;
        Ok(drafts
            .into_iter()
            .map(|draft| SearchHit {
                title: parsed.highlight(&draft.title),
                snippet: snippet(&parsed.highlight(&draft.body), SNIPPET_CHARS),
                draft,
            })
            .collect())
    }

    /// Measures a draft's content (saved or not) against a platform's rules:
    /// live counters and what the platform would refuse.
    pub async fn check_draft(&self, draft: Draft, platform: Platform) -> StudioResult<DraftCheck> {
        Ok(rules::check(&draft, rules::rules(platform)))
    }

    /// Topics used before that start with `prefix`, most used first.
    pub async fn suggest_topics(&self, prefix: String) -> StudioResult<Vec<TopicUse>> {
        let used = self.store.topics_used(prefix.trim_start_matches(['#', '＃']), TOPIC_SUGGESTIONS).await;
        Ok(used?.into_iter().map(|(topic, uses)| TopicUse { topic, uses }).collect())
    }

    /// The user's preferences.
    pub async fn get_settings(&self) -> StudioResult<Settings> {
        Ok(self.store.settings().await?)
    }

    /// Changes preferences; a new language applies to errors at once.
    pub async fn update_settings(&self, patch: SettingsPatch) -> StudioResult<Settings> {
        if let Some(id) = patch.publish_account {
            if self.store.account(id).await?.is_none() {
                return Err(StudioError::AccountNotFound { id });
            }
        }
        if let Some(minutes) = &patch.reminder_minutes {
            Studio::check_reminder_minutes(minutes)?;
        }
        let settings = self.store.update_settings(&patch).await?;
        self.speak(settings.language);
        Ok(settings)
    }
}

#[cfg(test)]
mod tests;
