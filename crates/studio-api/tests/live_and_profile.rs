//! Livestream announcements and profile edits through the outbox to the
//! built-in emulator and back, as the window drives them.

use std::time::Duration;

use studio_api::{EngineOptions, Lang, LivestreamStatus, ProfileEditStatus, ProfileFields, Studio};

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_livestream_is_announced_then_withdrawn_and_bad_plans_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(
        studio.plan_livestream("  ".into(), now() + 3_600_000, None).await.unwrap_err().code,
        "live_title_empty"
    );
    let past = studio.plan_livestream("昨晚的直播".into(), now() - 1_000, None).await.unwrap_err();
    assert_eq!(past.code, "live_in_past");
    assert!(past.message.contains("过去"), "{}", past.message);

    let planned = studio.plan_livestream("周六晚八点秋冬新品".into(), now() + 3_600_000, None).await.unwrap();
    assert_eq!(planned.status, LivestreamStatus::Planned);
    sync(&studio).await;
    let lives = studio.list_livestreams(None).await.unwrap();
    assert_eq!(lives.iter().map(|l| l.status).collect::<Vec<_>>(), [LivestreamStatus::Announced]);

    assert_eq!(studio.withdraw_livestream(planned.id).await.unwrap().status, LivestreamStatus::Withdrawing);
    sync(&studio).await;
    assert_eq!(studio.list_livestreams(None).await.unwrap()[0].status, LivestreamStatus::Withdrawn);

    // One never sent is simply cancelled: nothing reaches the platform.
    let unsent = studio.plan_livestream("改期的直播".into(), now() + 7_200_000, None).await.unwrap();
    assert_eq!(studio.withdraw_livestream(unsent.id).await.unwrap().status, LivestreamStatus::Withdrawn);
    assert_eq!(studio.withdraw_livestream(999).await.unwrap_err().code, "livestream_not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_edit_goes_through_audit_and_a_refused_one_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let fields = |name: Option<&str>, intro: &str| ProfileFields {
        app_name: name.map(String::from),
        introduction: Some(intro.to_string()),
        public_greeting: None,
    };
    assert_eq!(studio.submit_profile_edit(fields(None, "  "), None).await.unwrap_err().code, "profile_edit_empty");
    let short = studio.submit_profile_edit(fields(Some("街"), "现烤"), None).await.unwrap_err();
    assert_eq!(short.code, "profile_name_length");
    assert!(short.message.contains("2 到 20"), "{}", short.message);

    let edit = studio.submit_profile_edit(fields(Some("街角咖啡"), "每天现烤"), None).await.unwrap();
    assert_eq!(edit.status, ProfileEditStatus::Submitting);
    // Audits take the emulator a few seconds.
    let settled = |want: ProfileEditStatus| {
        let studio = &studio;
        async move {
            for _ in 0..40 {
                sync(studio).await;
                let latest = studio.list_profile_edits(None).await.unwrap().remove(0);
                if latest.status == want {
                    return latest;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            panic!("the edit never became {want:?}");
        }
    };
    let approved = settled(ProfileEditStatus::Approved).await;
    assert_eq!(approved.fields.app_name.as_deref(), Some("街角咖啡"));

    studio.submit_profile_edit(fields(None, "全场违禁词"), None).await.unwrap();
    let refused = settled(ProfileEditStatus::Rejected).await;
    assert!(refused.audit_desc.contains("违禁词"), "{}", refused.audit_desc);
    assert_eq!(refused.fields.introduction.as_deref(), Some("全场违禁词"), "the text is kept to fix");
}
