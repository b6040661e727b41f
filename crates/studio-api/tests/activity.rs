//! The activity view speaks the user's language, whatever the language was
//! when a job went wrong: a refusal from the platform (the built-in
//! emulator, over loopback) shown in Chinese, then in English after a switch.

use std::time::Duration;

use studio_api::{EngineOptions, JobProblem, JobState, Lang, NewDraft, SettingsPatch, Studio};

#[tokio::test]
async fn a_refusal_is_worded_in_the_language_of_the_moment() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    // The platform requires a body.
    let draft =
        studio.create_draft(NewDraft { kind: None, title: "没有正文".into(), body: String::new() }).await.unwrap();
    studio.publish_draft(draft.id, None, None).await.unwrap();
    let report = studio.sync_now(Duration::from_secs(60), EngineOptions::default()).await.unwrap();
    assert_eq!(report.failed, 1, "{report:?}");

    let item = studio.list_activity(true).await.unwrap().into_iter().find(|i| i.job.target == draft.id).unwrap();
    assert_eq!((item.job.state, item.job.error_code.as_str()), (JobState::Failed, "sync.refused"));
    assert!(matches!(item.job.problem, Some(JobProblem::Platform { .. })), "{:?}", item.job.problem);
    assert!(item.problem.starts_with("平台答复："), "{}", item.problem);
    assert!(item.problem.contains("source_content"), "the platform's own words are kept: {}", item.problem);

    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    let item = studio.list_activity(true).await.unwrap().into_iter().find(|i| i.job.target == draft.id).unwrap();
    assert!(item.problem.starts_with("The platform said: "), "{}", item.problem);
    let refused = studio.retry_job(item.job.id).await;
    assert!(refused.is_ok(), "a refused job can be tried again");
    let again = studio.retry_job(item.job.id).await.unwrap_err();
    assert_eq!(again.code(), "job_not_changeable");
    assert!(again.message(studio.lang()).starts_with("Job "), "{}", again.message(studio.lang()));
}
