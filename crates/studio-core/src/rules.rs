//! What each platform accepts, as data: one table per platform, and one
//! function that checks a draft against a table. Limits from
//! `shared/PLATFORM.md`; where a limit is only community-observed the
//! table says so.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Draft;

/// A platform the studio can publish to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Alipay life accounts (生活号).
    Alipay,
    /// Douyin (抖音) open platform.
    Douyin,
    /// Xiaohongshu (小红书); no public publishing API.
    Xiaohongshu,
}

/// How a platform counts the length of a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Unicode characters.
    Characters,
    /// Xiaohongshu: CJK counts 2 units, ASCII 1; the length is `(units + 1) / 2`.
    HalfUnits,
}

impl Counting {
    /// The length of `text` counted this way.
    pub fn len(self, text: &str) -> usize {
        match self {
            Counting::Characters => text.chars().count(),
            Counting::HalfUnits => text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>().div_ceil(2),
        }
    }
}

/// One platform's rules for a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlatformRules {
    /// The platform.
    pub platform: Platform,
    /// How titles are counted.
    pub title_counting: Counting,
    /// Longest title.
    pub title_max: Option<u32>,
    /// Longest title plus its #topics (Alipay's web backend, community-observed).
    pub title_with_topics_max: Option<u32>,
    /// Longest body, in characters.
    pub body_max: Option<u32>,
    /// Whether the body may be empty.
    pub body_required: bool,
    /// Most #topics in one post.
    pub topics_max: Option<u32>,
    /// Most linked offers.
    pub offers_max: u32,
    /// Largest image upload, bytes.
    pub image_bytes_max: u64,
    /// Largest video upload, bytes.
    #[ts(type = "number")]
    pub video_bytes_max: u64,
    /// Longest video, seconds.
    pub video_seconds_max: Option<u32>,
    /// Whether the platform publishes at a set time by itself.
    pub scheduled_publish: bool,
    /// How far ahead a scheduled publish may be, when the platform takes one.
    pub schedule_window: Option<ScheduleWindow>,
}

/// How far ahead of the moment it is sent a platform takes a scheduled
/// publish: later than `min_lead_minutes` from then, and sooner than
/// `max_lead_days` (no limit when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleWindow {
    /// The shortest lead the platform takes, minutes.
    pub min_lead_minutes: u32,
    /// The longest lead the platform takes, days.
    pub max_lead_days: Option<u32>,
    /// Whether the platform documents these figures (else community-observed).
    pub documented: bool,
}

/// What is wrong with a time asked for a scheduled publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ScheduleProblem {
    /// The time has passed.
    Past,
    /// Sooner than the platform takes.
    TooSoon {
        /// The earliest time it would take now, Unix ms.
        #[ts(type = "number")]
        earliest: i64,
    },
}

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

/// Time between queueing a publish and its reaching the platform that the
/// earliest time allows for (a round of the worker, a slow network): the
/// platform measures its lead from the moment the request arrives.
pub const SEND_ALLOWANCE_MS: i64 = 2 * MINUTE_MS;

/// How long before the platform's longest lead a publish held in the
/// outbox is sent: a laptop that wakes a little late still gets it there
/// in time.
pub const HOLD_MARGIN_MS: i64 = 60 * MINUTE_MS;

impl ScheduleWindow {
    /// The earliest time a publish queued at `now` may be scheduled for.
    pub fn earliest(&self, now: i64) -> i64 {
        now + i64::from(self.min_lead_minutes) * MINUTE_MS + SEND_ALLOWANCE_MS
    }

    /// Whether `at` can be asked for at `now`.
    pub fn check(&self, at: i64, now: i64) -> Result<(), ScheduleProblem> {
        if at <= now {
            Err(ScheduleProblem::Past)
        } else if at < self.earliest(now) {
            Err(ScheduleProblem::TooSoon { earliest: self.earliest(now) })
        } else {
            Ok(())
        }
    }

    /// When a publish scheduled for `at` may be sent: the platform refuses
    /// a time further ahead than its longest lead, so the outbox holds it
    /// until then (the platform still publishes it at its time, whether or
    /// not this computer is on by then). `None`: at once.
    pub fn send_from(&self, at: i64) -> Option<i64> {
        self.max_lead_days.map(|days| at - i64::from(days) * DAY_MS + HOLD_MARGIN_MS)
    }
}

/// The platform's `live_advance_time` documents only its format
/// (`yyyy-MM-dd HH:mm:ss`), no bounds: a livestream is only asked to start
/// in the future.
pub const ALIPAY_LIVE_MIN_LEAD_MINUTES: u32 = 0;

/// The length a livestream is planned for when none is given, minutes.
pub const LIVESTREAM_DEFAULT_MINUTES: u32 = 120;

/// Offers a livestream shows: our own cap, stated as such. The platform's
/// announcement (`live.advance.create`) carries only a title and a start;
/// what a stream sells is the studio's own plan.
pub const LIVE_PRODUCTS_MAX: usize = 50;
/// Segments in one run sheet (our own cap).
pub const LIVE_SEGMENTS_MAX: usize = 60;
/// Items on one checklist (our own cap).
pub const LIVE_CHECKLIST_MAX: usize = 100;
/// Characters of a livestream's description (our own: the platform's
/// announcement has no description).
pub const LIVE_DESCRIPTION_MAX: usize = 1_000;
/// Characters of a name, note, price text, segment title or checklist item.
pub const LIVE_SHORT_TEXT_MAX: usize = 200;
/// Characters of a segment's host notes.
pub const LIVE_NOTES_MAX: usize = 2_000;

/// The longest a livestream may be planned for, minutes (our own: a day;
/// the platform's announcement has no length).
pub const LIVESTREAM_MAX_MINUTES: u32 = 24 * 60;

const MB: u64 = 1024 * 1024;

/// Characters a life account's name may have (`alipay.open.public.info.modify`: `app_name` 2–20).
pub const ALIPAY_PROFILE_NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=20;

/// Shop photos a profile edit may carry (`shop_pics`). The platform names
/// no number; nine is our own cap, a full grid on the phone.
pub const ALIPAY_PROFILE_SHOP_PHOTOS_MAX: usize = 9;

/// Alipay life-account content (生活号+).
pub const ALIPAY: PlatformRules = PlatformRules {
    platform: Platform::Alipay,
    title_counting: Counting::Characters,
    title_max: None,
    title_with_topics_max: Some(30),
    body_max: None,
    body_required: true,
    topics_max: None,
    offers_max: 1,
    image_bytes_max: 5 * MB,
    video_bytes_max: 50 * MB,
    video_seconds_max: None,
    scheduled_publish: true,
    // `source_publish_date`: "大于相对于当前时间+15分钟，小于相对于当前时间+7天"
    // (alipay-sdk-java-all, AlipaySocialBaseContentlibStandardcontentPublishModel,
    // since the 2024-09-12 model).
    schedule_window: Some(ScheduleWindow { min_lead_minutes: 15, max_lead_days: Some(7), documented: true }),
};

/// Douyin open platform.
pub const DOUYIN: PlatformRules = PlatformRules {
    platform: Platform::Douyin,
    title_counting: Counting::Characters,
    title_max: None,
    title_with_topics_max: None,
    body_max: None,
    body_required: false,
    topics_max: None,
    offers_max: 1,
    image_bytes_max: 20 * MB,
    video_bytes_max: 4 * 1024 * MB,
    video_seconds_max: Some(15 * 60),
    scheduled_publish: false,
    schedule_window: None,
};

/// Xiaohongshu (community-observed limits).
pub const XIAOHONGSHU: PlatformRules = PlatformRules {
    platform: Platform::Xiaohongshu,
    title_counting: Counting::HalfUnits,
    title_max: Some(20),
    title_with_topics_max: None,
    body_max: Some(1000),
    body_required: false,
    topics_max: Some(10),
    offers_max: 0,
    image_bytes_max: 20 * MB,
    video_bytes_max: 1024 * MB,
    video_seconds_max: None,
    scheduled_publish: true,
    // 1 hour to 14 days ahead (community-observed).
    schedule_window: Some(ScheduleWindow { min_lead_minutes: 60, max_lead_days: Some(14), documented: false }),
};

/// The rules of a platform.
pub fn rules(platform: Platform) -> &'static PlatformRules {
    match platform {
        Platform::Alipay => &ALIPAY,
        Platform::Douyin => &DOUYIN,
        Platform::Xiaohongshu => &XIAOHONGSHU,
    }
}

/// The #topics in a text, in order, without repeats: `#` then anything up
/// to whitespace, punctuation or the next `#`.
pub fn topics(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['#', '＃']) {
        let after = &rest[at + rest[at..].chars().next().map_or(1, char::len_utf8)..];
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                c.is_whitespace()
                    || c == '#'
                    || c == '＃'
                    || (c.is_ascii_punctuation() && c != '_')
                    || "，。！？、；：".contains(c)
            })
            .map_or(after.len(), |(i, _)| i);
        let topic = &after[..end];
        if !topic.is_empty() && !out.iter().any(|t| t == topic) {
            out.push(topic.to_string());
        }
        rest = &after[end..];
    }
    out
}

/// Counts shown live in the composer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Counters {
    /// Title length, counted the platform's way.
    pub title: u32,
    /// Title plus `#topic` texts, where the platform limits that.
    pub title_with_topics: u32,
    /// Body length in characters.
    pub body: u32,
    /// The #topics found.
    pub topics: Vec<String>,
}

/// Something the platform would refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// Title too long.
    TitleTooLong {
        /// Its length.
        len: u32,
        /// The limit.
        max: u32,
    },
    /// Title plus topics too long.
    TitleWithTopicsTooLong {
        /// Their length.
        len: u32,
        /// The limit.
        max: u32,
    },
    /// Body empty where required.
    BodyMissing,
    /// Body too long.
    BodyTooLong {
        /// Its length.
        len: u32,
        /// The limit.
        max: u32,
    },
    /// Too many topics.
    TooManyTopics {
        /// How many.
        count: u32,
        /// The limit.
        max: u32,
    },
    /// The platform takes no linked offers.
    OffersNotSupported,
    /// A linked offer without an id.
    OfferIdMissing,
}

/// A draft measured against one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftCheck {
    /// The platform.
    pub platform: Platform,
    /// The rules used.
    pub rules: PlatformRules,
    /// Live counts.
    pub counters: Counters,
    /// What would be refused; empty when ready.
    pub problems: Vec<Problem>,
}

/// Measures a draft against a platform's rules.
pub fn check(draft: &Draft, rules: &PlatformRules) -> DraftCheck {
    let found = topics(&draft.body);
    let title = rules.title_counting.len(&draft.title) as u32;
    let topics_len: usize = found.iter().map(|t| 1 + rules.title_counting.len(t)).sum();
    let body = draft.body.chars().count() as u32;
    let mut problems = Vec::new();
    if let Some(max) = rules.title_max.filter(|&m| title > m) {
        problems.push(Problem::TitleTooLong { len: title, max });
    }
    let title_with_topics = title + topics_len as u32;
    if let Some(max) = rules.title_with_topics_max.filter(|&m| title_with_topics > m) {
        problems.push(Problem::TitleWithTopicsTooLong { len: title_with_topics, max });
    }
    if rules.body_required && draft.body.trim().is_empty() {
        problems.push(Problem::BodyMissing);
    }
    if let Some(max) = rules.body_max.filter(|&m| body > m) {
        problems.push(Problem::BodyTooLong { len: body, max });
    }
    if let Some(max) = rules.topics_max.filter(|&m| found.len() as u32 > m) {
        problems.push(Problem::TooManyTopics { count: found.len() as u32, max });
    }
    if let Some(offer) = &draft.offer {
        if rules.offers_max == 0 {
            problems.push(Problem::OffersNotSupported);
        } else if offer.id.trim().is_empty() {
            problems.push(Problem::OfferIdMissing);
        }
    }
    DraftCheck {
        platform: rules.platform,
        rules: *rules,
        counters: Counters { title, title_with_topics, body, topics: found },
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DraftKind, Offer, OfferKind, Visibility};

    fn draft(title: &str, body: &str) -> Draft {
        Draft {
            id: 1,
            kind: DraftKind::ImageText,
            title: title.into(),
            body: body.into(),
            created_at: 0,
            updated_at: 0,
            deleted_at: None,
            visibility: Visibility::Everyone,
            ai_generated: false,
            reposted: false,
            offer: None,
            notes: String::new(),
        }
    }

    #[test]
    fn topics_stop_at_spaces_punctuation_and_the_next_hash() {
        assert_eq!(topics("今天 #咖啡 #春日新品，好喝#拿铁#咖啡 ＃全角"), vec!["咖啡", "春日新品", "拿铁", "全角"]);
        assert!(topics("# 没有话题").is_empty());
    }

    #[test]
    fn xiaohongshu_counts_cjk_as_two_half_units() {
        assert_eq!(Counting::HalfUnits.len("abc"), 2);
        assert_eq!(Counting::HalfUnits.len("春日"), 2);
        assert_eq!(Counting::HalfUnits.len("春a"), 2);
        assert_eq!(Counting::Characters.len("春日ab"), 4);
    }

    #[test]
    fn alipay_limits_title_plus_topics_to_30_and_needs_a_body() {
        let c = check(&draft(&"字".repeat(25), "#咖啡豆 #春日"), &ALIPAY);
        assert_eq!(c.counters.title_with_topics, 25 + 4 + 3);
        assert_eq!(c.problems, vec![Problem::TitleWithTopicsTooLong { len: 32, max: 30 }]);
        assert_eq!(check(&draft("标题", "  "), &ALIPAY).problems, vec![Problem::BodyMissing]);
        assert!(check(&draft("标题", "正文 #话题"), &ALIPAY).problems.is_empty());
    }

    #[test]
    fn alipay_takes_a_scheduled_time_from_fifteen_minutes_to_seven_days_ahead() {
        let window = ALIPAY.schedule_window.unwrap();
        let now = 1_000_000_000_000;
        assert_eq!(window.check(now, now), Err(ScheduleProblem::Past));
        let earliest = now + 15 * MINUTE_MS + SEND_ALLOWANCE_MS;
        assert_eq!(window.check(now + 15 * MINUTE_MS, now), Err(ScheduleProblem::TooSoon { earliest }));
        assert_eq!(window.check(earliest, now), Ok(()));
        // Ten days ahead is taken, and held in the outbox until it is within seven.
        let far = now + 10 * DAY_MS;
        assert_eq!(window.check(far, now), Ok(()));
        assert_eq!(window.send_from(far), Some(now + 3 * DAY_MS + HOLD_MARGIN_MS));
        assert!(DOUYIN.schedule_window.is_none());
    }

    #[test]
    fn xiaohongshu_refuses_long_titles_many_topics_and_offers() {
        let body: String = (0..11).map(|i| format!("#t{i} ")).collect();
        let mut d = draft(&"字".repeat(21), &body);
        d.offer = Some(Offer { kind: OfferKind::MiniApp, id: "x".into(), label: String::new() });
        let problems = check(&d, &XIAOHONGSHU).problems;
        assert_eq!(
            problems,
            vec![
                Problem::TitleTooLong { len: 21, max: 20 },
                Problem::TooManyTopics { count: 11, max: 10 },
                Problem::OffersNotSupported
            ]
        );
    }
}

/// Why a post's media cannot go to the platform as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostMediaProblem {
    /// A video post without its video.
    VideoMissing,
    /// A video post without a cover picture.
    CoverMissing,
    /// A video over the platform's size.
    VideoTooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The platform's limit.
        max: u64,
    },
}

/// Whether a post of `kind` with these media (each in its role, with the
/// file it is) can go to a platform with `rules`: a video post needs its
/// video, within the size the platform takes, and a cover picture.
pub fn check_post_media(
    kind: crate::DraftKind,
    media: &[(crate::media::MediumRole, &crate::media::MediaAsset)],
    rules: &PlatformRules,
) -> Result<(), PostMediaProblem> {
    use crate::media::{MediaKind, MediumRole};
    if kind != crate::DraftKind::Video {
        return Ok(());
    }
    let of = |role: MediumRole| media.iter().filter(move |(r, a)| *r == role && a.kind == role.holds());
    if let Some((_, big)) = of(MediumRole::Video).find(|(_, a)| a.bytes > rules.video_bytes_max) {
        return Err(PostMediaProblem::VideoTooLarge { bytes: big.bytes, max: rules.video_bytes_max });
    }
    if of(MediumRole::Video).next().is_none() {
        return Err(PostMediaProblem::VideoMissing);
    }
    if !of(MediumRole::Cover).any(|(_, a)| a.kind == MediaKind::Image) {
        return Err(PostMediaProblem::CoverMissing);
    }
    Ok(())
}

#[cfg(test)]
mod post_media_tests {
    use super::*;
    use crate::media::{ContentHash, MediaAsset, MediaFormat, MediaKind, MediumRole};
    use crate::DraftKind;

    fn asset(format: MediaFormat, bytes: u64) -> MediaAsset {
        MediaAsset {
            hash: ContentHash::parse(&"a".repeat(64)).unwrap(),
            kind: format.kind(),
            format,
            bytes,
            width: 1,
            height: 1,
            duration_ms: None,
            codec: None,
            original_name: String::new(),
            imported_at: 0,
            tags: Vec::new(),
        }
    }

    #[test]
    fn a_video_post_needs_its_video_within_the_limit_and_a_picture_for_cover() {
        let (video, huge, picture) = (
            asset(MediaFormat::Mp4, 10),
            asset(MediaFormat::Mp4, ALIPAY.video_bytes_max + 1),
            asset(MediaFormat::Jpeg, 10),
        );
        let check = |media: &[(MediumRole, &MediaAsset)]| check_post_media(DraftKind::Video, media, &ALIPAY);
        assert_eq!(check(&[(MediumRole::Video, &video), (MediumRole::Cover, &picture)]), Ok(()));
        assert_eq!(check(&[(MediumRole::Cover, &picture)]), Err(PostMediaProblem::VideoMissing));
        assert_eq!(
            check(&[(MediumRole::Video, &picture), (MediumRole::Cover, &picture)]),
            Err(PostMediaProblem::VideoMissing)
        );
        assert_eq!(check(&[(MediumRole::Video, &video)]), Err(PostMediaProblem::CoverMissing));
        assert_eq!(
            check(&[(MediumRole::Video, &video), (MediumRole::Cover, &video)]),
            Err(PostMediaProblem::CoverMissing)
        );
        assert_eq!(
            check(&[(MediumRole::Video, &huge), (MediumRole::Cover, &picture)]),
            Err(PostMediaProblem::VideoTooLarge { bytes: ALIPAY.video_bytes_max + 1, max: ALIPAY.video_bytes_max })
        );
        assert_eq!(check_post_media(DraftKind::ImageText, &[], &ALIPAY), Ok(()), "a picture post may have none");
        assert_eq!(MediumRole::Cover.holds(), MediaKind::Image);
    }
}
