//! Drafts: the posts a creator is writing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Identifies a draft in the local library.
pub type DraftId = i64;

crate::vocabulary! {
    /// What the platform will show: a short image-text post or a video.
    #[derive(Default)]
    pub enum DraftKind {
        /// Short image-text (图文): title, body, images.
        #[default]
        ImageText,
        /// Video with a static cover.
        Video,
    }
}

impl DraftKind {
    /// Whether a post of this kind carries a medium in `role`: a draft
    /// keeps its media when its kind changes, but only those of its kind go
    /// to the platform.
    pub fn uses_medium(self, role: crate::media::MediumRole) -> bool {
        use crate::media::MediumRole;
        match self {
            DraftKind::ImageText => matches!(role, MediumRole::Image | MediumRole::Cover),
            DraftKind::Video => matches!(role, MediumRole::Video | MediumRole::Cover),
        }
    }
}

/// A draft as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    /// Local id.
    #[ts(type = "number")]
    pub id: DraftId,
    /// Post kind.
    pub kind: DraftKind,
    /// Title (标题); may be empty while writing.
    pub title: String,
    /// Body text (正文).
    pub body: String,
    /// Creation time, Unix milliseconds.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Last change, Unix milliseconds.
    #[ts(type = "number")]
    pub updated_at: i64,
    /// When it was moved to the trash, Unix milliseconds; `None` while live.
    #[ts(type = "number | null")]
    pub deleted_at: Option<i64>,
    /// Who may see the post.
    pub visibility: Visibility,
    /// Declared as made with AI.
    pub ai_generated: bool,
    /// Declared as reposted from someone else.
    pub reposted: bool,
    /// The one linked offer (mini-program or voucher), if any.
    pub offer: Option<Offer>,
    /// The creator's own notes; never published, but searched.
    pub notes: String,
}

crate::vocabulary! {
    /// Who may see a published post (`permission_status` on the platform).
    #[derive(Default)]
    pub enum Visibility {
        /// Everyone (1).
        #[default]
        Everyone,
        /// Restricted (2).
        Restricted,
    }
}

crate::vocabulary! {
    /// What a linked offer opens (its name is the platform's `offer_type`).
    pub enum OfferKind {
        /// A mini-program page.
        MiniApp,
        /// A voucher.
        Voucher,
    }
}

/// A mini-program or voucher linked from a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Offer {
    /// Mini-program or voucher.
    pub kind: OfferKind,
    /// The platform's id for it.
    pub id: String,
    /// What the creator calls it.
    pub label: String,
}

crate::vocabulary! {
    /// Why a revision was recorded.
    pub enum RevisionReason {
        /// The draft was made.
        Create,
        /// Saves while writing (coalesced).
        Edit,
        /// An older revision was restored.
        Restore,
        /// The draft was published.
        Publish,
        /// The draft was scheduled.
        Schedule,
    }
}

/// A draft as it was after a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Revision {
    /// Revision id.
    #[ts(type = "number")]
    pub id: i64,
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: DraftId,
    /// Why it was recorded.
    pub reason: RevisionReason,
    /// Kind then.
    pub kind: DraftKind,
    /// Title then.
    pub title: String,
    /// Body then.
    pub body: String,
    /// Visibility then.
    pub visibility: Visibility,
    /// AI-generated declaration then.
    pub ai_generated: bool,
    /// Reposted declaration then.
    pub reposted: bool,
    /// Linked offer then.
    pub offer: Option<Offer>,
    /// Notes then.
    pub notes: String,
    /// First save it covers, Unix milliseconds.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Last save it covers, Unix milliseconds.
    #[ts(type = "number")]
    pub updated_at: i64,
}

impl Revision {
    /// The change that makes a draft what it was in this revision: content
    /// and post settings alike.
    pub fn restore_patch(&self) -> DraftPatch {
        DraftPatch {
            kind: Some(self.kind),
            title: Some(self.title.clone()),
            body: Some(self.body.clone()),
            visibility: Some(self.visibility),
            ai_generated: Some(self.ai_generated),
            reposted: Some(self.reposted),
            offer: Some(self.offer.clone()),
            notes: Some(self.notes.clone()),
        }
    }
}

/// Edits closer together than this share one revision, so a long typing
/// session is a handful of rows; a new one starts at least this often.
pub const REVISION_COALESCE_MS: i64 = 3 * 60 * 1000;

/// Whether a save at `now` may fold into the latest revision instead of
/// starting a new one: only plain edits, and only within the window.
pub fn coalesces_into(latest: &Revision, now: i64) -> bool {
    folds(latest.reason, latest.created_at, now)
}

/// Whether a save at `now` folds into a latest revision recorded for
/// `reason` at `created_at` (drafts' and messages' revisions alike).
pub fn folds(reason: RevisionReason, created_at: i64, now: i64) -> bool {
    reason == RevisionReason::Edit && now - created_at < REVISION_COALESCE_MS
}

/// The fields of a new draft.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct NewDraft {
    /// Post kind.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<DraftKind>,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Body text.
    #[serde(default)]
    pub body: String,
}

/// A change to a draft; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct DraftPatch {
    /// New kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<DraftKind>,
    /// New title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
    /// New body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub body: Option<String>,
    /// New visibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub visibility: Option<Visibility>,
    /// New AI-generated declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ai_generated: Option<bool>,
    /// New reposted declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reposted: Option<bool>,
    /// New linked offer; `null` removes it.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "Offer | null")]
    pub offer: Option<Option<Offer>>,
    /// New notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes: Option<String>,
}

/// Tells a field given as `null` (`Some(None)`) from one left out (`None`).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl DraftPatch {
    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == DraftPatch::default()
    }

    /// `draft` with this patch applied.
    pub fn apply(&self, draft: &Draft) -> Draft {
        let mut d = draft.clone();
        if let Some(k) = self.kind {
            d.kind = k;
        }
        if let Some(t) = &self.title {
            d.title = t.clone();
        }
        if let Some(b) = &self.body {
            d.body = b.clone();
        }
        if let Some(v) = self.visibility {
            d.visibility = v;
        }
        if let Some(a) = self.ai_generated {
            d.ai_generated = a;
        }
        if let Some(r) = self.reposted {
            d.reposted = r;
        }
        if let Some(o) = &self.offer {
            d.offer = o.clone();
        }
        if let Some(n) = &self.notes {
            d.notes = n.clone();
        }
        d
    }

    /// True when applying the patch to `draft` would change it.
    pub fn changes(&self, draft: &Draft) -> bool {
        self.apply(draft) != *draft
    }
}

/// Which text field a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The title.
    Title,
    /// The body.
    Body,
    /// The notes.
    Notes,
    /// The linked offer's id or label.
    Offer,
}

/// Why a draft's text cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Longer than the library keeps.
    #[error("{field:?} is {len} characters; at most {max} are kept")]
    TooLong {
        /// Which field.
        field: TextField,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Holds a control character other than newline and tab.
    #[error("{field:?} contains the control character U+{code:04X}")]
    ControlCharacter {
        /// Which field.
        field: TextField,
        /// The offending code point.
        code: u32,
    },
}

/// Longest title the library keeps, in characters. Platform limits are
/// stricter and checked when publishing; this only bounds storage.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest body the library keeps, in characters.
pub const MAX_BODY_CHARS: usize = 100_000;

fn check_text(field: TextField, text: &str, max: usize, allow_newlines: bool) -> Result<(), TextError> {
    if let Some(c) =
        text.chars().find(|&c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
    {
        return Err(TextError::ControlCharacter { field, code: c as u32 });
    }
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    Ok(())
}

/// Checks a title before it is stored.
pub fn check_title(title: &str) -> Result<(), TextError> {
    check_text(TextField::Title, title, MAX_TITLE_CHARS, false)
}

/// Checks a body before it is stored.
pub fn check_body(body: &str) -> Result<(), TextError> {
    check_text(TextField::Body, body, MAX_BODY_CHARS, true)
}

impl NewDraft {
    /// Checks the text fields.
    pub fn check(&self) -> Result<(), TextError> {
        check_title(&self.title)?;
        check_body(&self.body)
    }
}

impl DraftPatch {
    /// Checks the text fields present in the patch.
    pub fn check(&self) -> Result<(), TextError> {
        if let Some(title) = &self.title {
            check_title(title)?;
        }
        if let Some(body) = &self.body {
            check_body(body)?;
        }
        if let Some(notes) = &self.notes {
            check_text(TextField::Notes, notes, MAX_BODY_CHARS, true)?;
        }
        if let Some(Some(offer)) = &self.offer {
            check_text(TextField::Offer, &offer.id, MAX_TITLE_CHARS, false)?;
            check_text(TextField::Offer, &offer.label, MAX_TITLE_CHARS, false)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_emoji_and_newlines_in_the_body_are_accepted() {
        let draft =
            NewDraft { kind: None, title: "春日咖啡 ☕".into(), body: "第一行\n第二行\t👍".into() };
        assert_eq!(draft.check(), Ok(()));
    }

    #[test]
    fn a_newline_in_the_title_is_refused() {
        let err = check_title("a\nb").unwrap_err();
        assert_eq!(err, TextError::ControlCharacter { field: TextField::Title, code: 0x0a });
    }

    #[test]
    fn nul_in_the_body_is_refused() {
        assert!(matches!(check_body("ab\0"), Err(TextError::ControlCharacter { code: 0, .. })));
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let title: String = "字".repeat(MAX_TITLE_CHARS);
        assert_eq!(check_title(&title), Ok(()));
        let longer = format!("{title}字");
        assert_eq!(
            check_title(&longer),
            Err(TextError::TooLong { field: TextField::Title, len: MAX_TITLE_CHARS + 1, max: MAX_TITLE_CHARS })
        );
    }

    #[test]
    fn kinds_parse_from_their_names_only() {
        assert_eq!(DraftKind::parse("image-text"), None, "the command line turns dashes into underscores");
        for kind in [DraftKind::ImageText, DraftKind::Video] {
            assert_eq!(DraftKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}

#[cfg(test)]
mod patch_tests {
    use super::*;

    #[test]
    fn restoring_a_revision_brings_back_content_and_post_settings() {
        let offer = Offer { kind: OfferKind::MiniApp, id: "M-1".into(), label: "小程序".into() };
        let then = Revision {
            id: 1,
            draft_id: 7,
            reason: RevisionReason::Edit,
            kind: DraftKind::Video,
            title: "旧标题".into(),
            body: "旧正文".into(),
            visibility: Visibility::Restricted,
            ai_generated: true,
            reposted: true,
            offer: Some(offer),
            notes: "旧备注".into(),
            created_at: 1,
            updated_at: 2,
        };
        let now = Draft {
            id: 7,
            kind: DraftKind::ImageText,
            title: "新标题".into(),
            body: "新正文".into(),
            created_at: 1,
            updated_at: 9,
            deleted_at: None,
            visibility: Visibility::Everyone,
            ai_generated: false,
            reposted: false,
            offer: None,
            notes: String::new(),
        };
        let restored = then.restore_patch().apply(&now);
        assert_eq!(
            restored,
            Draft {
                kind: then.kind,
                title: then.title.clone(),
                body: then.body.clone(),
                visibility: then.visibility,
                ai_generated: then.ai_generated,
                reposted: then.reposted,
                offer: then.offer.clone(),
                notes: then.notes.clone(),
                ..now
            }
        );
    }

    #[test]
    fn offer_null_clears_and_absent_keeps() {
        let clear: DraftPatch = serde_json::from_str(r#"{"offer":null}"#).unwrap();
        assert_eq!(clear.offer, Some(None));
        let keep: DraftPatch = serde_json::from_str(r#"{"title":"t"}"#).unwrap();
        assert_eq!(keep.offer, None);
        let set: DraftPatch =
            serde_json::from_str(r#"{"offer":{"kind":"voucher","id":"V1","label":"满50减5"}}"#).unwrap();
        assert_eq!(set.offer.unwrap().unwrap().kind, OfferKind::Voucher);
    }
}

/// The order of the drafts list (newest first either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DraftSort {
    /// Last changed first.
    #[default]
    Updated,
    /// Last made first.
    Created,
}

/// Where a page of the drafts list ends: the sort key and id of its last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cursor {
    /// The last row's sort key.
    #[ts(type = "number")]
    pub key: i64,
    /// The last row's id.
    #[ts(type = "number")]
    pub id: DraftId,
}

/// Which drafts to list, in what order, from where.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct DraftListQuery {
    /// Only this kind.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<DraftKind>,
    /// Only drafts with this #topic.
    #[serde(default)]
    #[ts(optional)]
    pub topic: Option<String>,
    /// Only drafts standing so on the platform (on `account` when given).
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<ListStatus>,
    /// Only drafts sent to this account.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub account: Option<crate::sync::AccountId>,
    /// Order.
    #[serde(default)]
    pub sort: DraftSort,
    /// Continue after this row; absent for the first page.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<Cursor>,
    /// Rows wanted.
    pub limit: u32,
}

crate::vocabulary! {
    /// Where a draft stands on the platform, for filtering the list: never
    /// sent, or its publication's status.
    pub enum ListStatus {
        /// Never sent to the platform.
        Unpublished,
        /// Waiting in the outbox.
        Queued,
        /// Being reviewed (or held for its time).
        UnderReview,
        /// Live.
        Published,
        /// Refused by review.
        Rejected,
        /// Deleted on the platform.
        Deleted,
        /// Could not be published.
        Failed,
        /// Cancelled before it went out.
        Cancelled,
    }
}

impl ListStatus {
    /// The publication status this stands for; `None` for never sent.
    pub fn publication(self) -> Option<crate::sync::PublicationStatus> {
        use crate::sync::PublicationStatus as P;
        Some(match self {
            ListStatus::Unpublished => return None,
            ListStatus::Queued => P::Queued,
            ListStatus::UnderReview => P::UnderReview,
            ListStatus::Published => P::Published,
            ListStatus::Rejected => P::Rejected,
            ListStatus::Deleted => P::Deleted,
            ListStatus::Failed => P::Failed,
            ListStatus::Cancelled => P::Cancelled,
        })
    }
}

/// One page of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftPage {
    /// The rows.
    pub drafts: Vec<Draft>,
    /// Where the next page starts; `None` at the end.
    pub next: Option<Cursor>,
    /// How many drafts match in all (counted on the first page only).
    pub total: Option<u32>,
}

impl DraftSort {
    /// A draft's key in this order.
    pub fn key(self, draft: &Draft) -> i64 {
        match self {
            DraftSort::Updated => draft.updated_at,
            DraftSort::Created => draft.created_at,
        }
    }
}
