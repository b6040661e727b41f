//! What an outbox job asks of the platform, frozen when it is queued: the
//! one format the store writes into the outbox's `payload` column and the
//! sync engine reads. It is said in the studio's own terms (a post, a
//! livestream, a profile edit, a medium); the engine turns it into the
//! platform's request when it sends it, the same way every time, so what
//! was sent can be told again when an answer was lost.

use serde::{Deserialize, Serialize};

use crate::media::{ContentHash, FocalPoint, MediaRuleName, MediumRole};
use crate::menu::Menu;
use crate::message::MessageFields;
use crate::profile::ProfileFields;
use crate::sync::JobKind;
use crate::{Draft, DraftKind, Offer, Visibility};

/// A job's frozen request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum JobPayload {
    /// Publish (or schedule) a post.
    Publish(PostPayload),
    /// Delete a post on the platform.
    DeleteContent {
        /// The platform's id of it.
        content_id: String,
    },
    /// Upload a medium (once per account and purpose).
    UploadMedia {
        /// The medium.
        hash: ContentHash,
        /// What it goes up as.
        purpose: UploadPurpose,
    },
    /// Announce a livestream (直播预告).
    LiveCreate(LiveAnnouncement),
    /// Change an announced livestream.
    LiveModify(LiveChange),
    /// Withdraw an announced livestream.
    LiveDelete(LiveWithdrawal),
    /// Submit a profile edit for audit; its pictures by hash, which the
    /// uploads before it turn into the platform's URLs.
    ProfileModify(ProfileFields),
    /// Publish the service menu; its icons by hash, which the uploads
    /// before it turn into the platform's URLs.
    MenuPublish(Menu),
    /// Make an image-text message's content page (its cover by hash), or
    /// change it when the message has one already.
    MessageContent(MessageFields),
    /// Send a message to every follower; an image-text one as the card of
    /// the content page the job before it made.
    MessageSend {
        /// What it says.
        fields: MessageFields,
        /// Unix ms it goes out at, when scheduled.
        scheduled_at: Option<i64>,
    },
    /// Take back a sent message.
    MessageRecall,
}

impl JobPayload {
    /// The kind of job that carries it.
    pub fn kind(&self) -> JobKind {
        match self {
            JobPayload::Publish(_) => JobKind::Publish,
            JobPayload::DeleteContent { .. } => JobKind::DeleteContent,
            JobPayload::UploadMedia { .. } => JobKind::UploadMedia,
            JobPayload::LiveCreate(_) => JobKind::LiveCreate,
            JobPayload::LiveModify(_) => JobKind::LiveModify,
            JobPayload::LiveDelete(_) => JobKind::LiveDelete,
            JobPayload::ProfileModify(_) => JobKind::ProfileModify,
            JobPayload::MenuPublish(_) => JobKind::MenuPublish,
            JobPayload::MessageContent(_) => JobKind::MessageContent,
            JobPayload::MessageSend { .. } => JobKind::MessageSend,
            JobPayload::MessageRecall => JobKind::MessageRecall,
        }
    }

    /// The media the job sends, each with what it goes up as: the uploads
    /// it waits for.
    pub fn uploads(&self) -> Vec<(ContentHash, UploadPurpose)> {
        match self {
            JobPayload::Publish(post) => post.media.iter().map(|m| (m.hash.clone(), m.purpose)).collect(),
            JobPayload::ProfileModify(fields) => {
                fields.pictures().into_iter().map(|(h, rule)| (h.clone(), UploadPurpose::material(rule))).collect()
            }
            JobPayload::MessageContent(fields) => {
                fields.cover.iter().map(|h| (h.clone(), UploadPurpose::material(MediaRuleName::MessageCover))).collect()
            }
            JobPayload::MenuPublish(menu) => menu
                .icons()
                .into_iter()
                .map(|h| (h.clone(), UploadPurpose::material(MediaRuleName::MenuIcon)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// When the job may first be sent, queued at `now`: at once, but a
    /// publish scheduled further ahead than the platform takes waits in
    /// the outbox until it is within reach ([`ScheduleWindow::send_from`]).
    ///
    /// [`ScheduleWindow::send_from`]: crate::rules::ScheduleWindow::send_from
    pub fn due_at(&self, now: i64) -> i64 {
        let held = match self {
            JobPayload::Publish(PostPayload { scheduled_at: Some(at), .. }) => {
                crate::rules::ALIPAY.schedule_window.and_then(|w| w.send_from(*at))
            }
            // A message goes out at its time: the platform has no schedule for it.
            JobPayload::MessageSend { scheduled_at: Some(at), .. } => Some(*at),
            _ => None,
        };
        held.map_or(now, |from| from.max(now))
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a payload is strings, numbers and lists, which always serialize")
    }

    /// Reads a stored payload, which must be of `kind`.
    pub fn from_json(kind: JobKind, json: &str) -> Result<JobPayload, String> {
        let payload: JobPayload = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if payload.kind() != kind {
            return Err(format!("a {} job holds a {} request", kind.as_str(), payload.kind().as_str()));
        }
        Ok(payload)
    }
}

/// A post as it goes to the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPayload {
    /// Image-text or video.
    pub kind: DraftKind,
    /// The title.
    pub title: String,
    /// The text.
    pub body: String,
    /// The media of its kind, in order.
    pub media: Vec<PostMedium>,
    /// The linked offer.
    pub offer: Option<Offer>,
    /// Who may see it.
    pub visibility: Visibility,
    /// Unix ms the platform publishes it at, when scheduled.
    pub scheduled_at: Option<i64>,
    /// The life account published for (agencies), if any.
    pub public_id: Option<String>,
}

impl PostPayload {
    /// The post `draft` makes with `media` (those not of its kind are left
    /// out), scheduled at `scheduled_at`, for `public_id` when given.
    pub fn new(
        draft: &Draft,
        media: impl IntoIterator<Item = PostMedium>,
        public_id: Option<&str>,
        scheduled_at: Option<i64>,
    ) -> PostPayload {
        PostPayload {
            kind: draft.kind,
            title: draft.title.clone(),
            body: draft.body.clone(),
            media: media.into_iter().filter(|m| draft.kind.uses_medium(m.role)).collect(),
            offer: draft.offer.clone(),
            visibility: draft.visibility,
            scheduled_at,
            public_id: public_id.filter(|p| !p.is_empty()).map(str::to_string),
        }
    }
}

/// One medium of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMedium {
    /// Picture, video or cover.
    pub role: MediumRole,
    /// The file.
    pub hash: ContentHash,
    /// What it goes up as.
    pub purpose: UploadPurpose,
}

impl PostMedium {
    /// A medium in `role`; a cover cut around `focal` (thousandths).
    pub fn new(role: MediumRole, hash: ContentHash, focal: Option<(u16, u16)>) -> PostMedium {
        PostMedium { role, hash, purpose: UploadPurpose::for_medium(role, focal) }
    }
}

/// A livestream's announcement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveAnnouncement {
    /// The life account it is announced on.
    pub public_id: String,
    /// The title.
    pub title: String,
    /// Unix ms it starts at.
    pub starts_at: i64,
    /// Our own id for it: the platform treats a repeat as the same announcement.
    pub out_advance_id: String,
}

/// A change of an announced livestream to a new title and time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveChange {
    /// The life account it is announced on.
    pub public_id: String,
    /// The platform's id of the announcement; `None` when it was queued
    /// behind an unanswered announcement, and filled in when sent.
    pub advance_id: Option<String>,
    /// The new title.
    pub title: String,
    /// The new start, Unix ms.
    pub starts_at: i64,
}

/// The withdrawal of an announced livestream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveWithdrawal {
    /// The life account it is announced on.
    pub public_id: String,
    /// The platform's id of the announcement, or `None` as in [`LiveChange`].
    pub advance_id: Option<String>,
    /// The reason given to the platform.
    pub reason: String,
}

/// The reason a withdrawal gives the platform.
pub const LIVE_WITHDRAWAL_REASON: &str = "直播取消";

/// What a medium goes up as: the rendition of a rule (a cover's crop
/// included, so a new crop is a new upload), or a video as it is. An
/// account's uploads are keyed by it; stored as its name (`post_image`,
/// `cover_3x4@250,800`, `video`, `profile_logo`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum UploadPurpose {
    /// A picture made to a rule, cut around a point (thousandths).
    Rendition {
        /// The rule.
        rule: MediaRuleName,
        /// Where the crop is centred.
        focal: (u16, u16),
    },
    /// A video, uploaded unchanged.
    Video,
}

impl UploadPurpose {
    /// What a post's medium in `role` goes up as; a cover cut around `focal`.
    pub fn for_medium(role: MediumRole, focal: Option<(u16, u16)>) -> UploadPurpose {
        let center = FocalPoint::CENTER.per_mille();
        match role {
            MediumRole::Image => UploadPurpose::Rendition { rule: MediaRuleName::PostImage, focal: center },
            MediumRole::Cover => {
                UploadPurpose::Rendition { rule: MediaRuleName::Cover3x4, focal: focal.unwrap_or(center) }
            }
            MediumRole::Video => UploadPurpose::Video,
        }
    }

    /// A profile picture or menu icon made to `rule`.
    pub fn material(rule: MediaRuleName) -> UploadPurpose {
        UploadPurpose::Rendition { rule, focal: FocalPoint::CENTER.per_mille() }
    }

    /// The rendition it stands for; `None` for a video, uploaded as it is.
    pub fn rendition(self) -> Option<(MediaRuleName, FocalPoint)> {
        match self {
            UploadPurpose::Rendition { rule, focal: (x, y) } => {
                Some((rule, FocalPoint { x: f32::from(x) / 1000.0, y: f32::from(y) / 1000.0 }))
            }
            UploadPurpose::Video => None,
        }
    }

    /// Whether it is a profile picture or a menu icon: those go up through
    /// the platform's material upload, whose answer is the picture's URL.
    pub fn is_material(self) -> bool {
        matches!(self, UploadPurpose::Rendition { rule, .. } if MATERIAL_IMAGE_RULES.contains(&rule))
    }
}

/// The profile's pictures and the menu's icons, each uploaded as the
/// rendition of its own rule.
pub const MATERIAL_IMAGE_RULES: [MediaRuleName; 5] = [
    MediaRuleName::ProfileLogo,
    MediaRuleName::ProfileBackground,
    MediaRuleName::ProfileShopPhoto,
    MediaRuleName::MenuIcon,
    MediaRuleName::MessageCover,
];

const VIDEO_PURPOSE: &str = "video";

impl std::fmt::Display for UploadPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            UploadPurpose::Video => f.write_str(VIDEO_PURPOSE),
            UploadPurpose::Rendition { rule, focal } if focal == FocalPoint::CENTER.per_mille() => {
                f.write_str(rule.as_str())
            }
            UploadPurpose::Rendition { rule, focal: (x, y) } => write!(f, "{}@{x},{y}", rule.as_str()),
        }
    }
}

impl std::str::FromStr for UploadPurpose {
    type Err = String;
    fn from_str(text: &str) -> Result<UploadPurpose, String> {
        if text == VIDEO_PURPOSE {
            return Ok(UploadPurpose::Video);
        }
        let bad = || format!("{text:?} is not an upload purpose");
        let (name, point) = match text.split_once('@') {
            Some((name, point)) => (name, Some(point)),
            None => (text, None),
        };
        let rule = MediaRuleName::parse(name).ok_or_else(bad)?;
        let focal = match point {
            None => FocalPoint::CENTER.per_mille(),
            Some(point) => {
                let (x, y) = point.split_once(',').ok_or_else(bad)?;
                let (x, y): (u16, u16) = (x.parse().map_err(|_| bad())?, y.parse().map_err(|_| bad())?);
                if x > 1000 || y > 1000 {
                    return Err(bad());
                }
                (x, y)
            }
        };
        Ok(UploadPurpose::Rendition { rule, focal })
    }
}

impl TryFrom<String> for UploadPurpose {
    type Error = String;
    fn try_from(text: String) -> Result<UploadPurpose, String> {
        text.parse()
    }
}

impl From<UploadPurpose> for String {
    fn from(purpose: UploadPurpose) -> String {
        purpose.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(c: char) -> ContentHash {
        ContentHash::parse(&c.to_string().repeat(64)).unwrap()
    }

    #[test]
    fn a_cover_crop_is_its_own_upload_and_reads_back() {
        assert_eq!(UploadPurpose::for_medium(MediumRole::Image, Some((100, 100))).to_string(), "post_image");
        assert_eq!(UploadPurpose::for_medium(MediumRole::Cover, None).to_string(), "cover_3x4");
        assert_eq!(
            UploadPurpose::for_medium(MediumRole::Cover, Some((500, 500))).to_string(),
            "cover_3x4",
            "the middle is the default crop"
        );
        let moved = UploadPurpose::for_medium(MediumRole::Cover, Some((250, 800)));
        assert_eq!(moved.to_string(), "cover_3x4@250,800");
        assert_eq!("cover_3x4@250,800".parse::<UploadPurpose>(), Ok(moved));
        let (rule, focal) = moved.rendition().unwrap();
        assert_eq!(rule, MediaRuleName::Cover3x4);
        assert_eq!(focal.per_mille(), (250, 800));
        assert_eq!(UploadPurpose::for_medium(MediumRole::Video, None), UploadPurpose::Video);
        assert!(UploadPurpose::Video.rendition().is_none(), "videos go up as they are");
        for rule in MATERIAL_IMAGE_RULES {
            let p = UploadPurpose::material(rule);
            assert!(p.is_material());
            assert_eq!(p.to_string().parse::<UploadPurpose>(), Ok(p));
        }
        assert!(!UploadPurpose::for_medium(MediumRole::Cover, None).is_material());
        for bad in ["", "poster", "cover_3x4@", "cover_3x4@1", "cover_3x4@1001,0", "cover_3x4@a,b", "Video"] {
            assert!(bad.parse::<UploadPurpose>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_payload_reads_back_as_written_and_only_as_its_kind() {
        let draft = Draft {
            id: 7,
            kind: DraftKind::ImageText,
            title: "春日咖啡".into(),
            body: "正文".into(),
            created_at: 0,
            updated_at: 0,
            deleted_at: None,
            visibility: Visibility::Restricted,
            ai_generated: false,
            reposted: false,
            offer: None,
            notes: String::new(),
        };
        let media = [
            PostMedium::new(MediumRole::Image, hash('a'), None),
            PostMedium::new(MediumRole::Video, hash('b'), None),
            PostMedium::new(MediumRole::Cover, hash('c'), Some((100, 900))),
        ];
        let post = PostPayload::new(&draft, media, Some(""), Some(1_000));
        assert_eq!(post.media.len(), 2, "the video is not an image-text post's");
        assert_eq!(post.public_id, None, "an empty life account id is none");
        let payload = JobPayload::Publish(post);
        let json = payload.to_json();
        assert_eq!(JobPayload::from_json(JobKind::Publish, &json), Ok(payload.clone()));
        assert!(JobPayload::from_json(JobKind::DeleteContent, &json).is_err(), "a publish is not a delete");
        assert!(JobPayload::from_json(JobKind::Publish, r#"{"job":"publish","title":1}"#).is_err());
        assert!(JobPayload::from_json(JobKind::Publish, "").is_err());
        let upload = JobPayload::UploadMedia { hash: hash('d'), purpose: UploadPurpose::Video };
        assert!(upload.to_json().contains(r#""purpose":"video""#), "{}", upload.to_json());
        let tampered = upload.to_json().replace("dddd", "zzzz");
        assert!(JobPayload::from_json(JobKind::UploadMedia, &tampered).is_err(), "a hash is checked when read");
    }
}
