//! The outbox's state machines, table by table: for each starting point and
//! event, the state of the job and of what it serves (a publication, a
//! livestream, a profile edit), and the jobs that follow. A real library
//! file; the worker's outcomes are played by hand, as the engine records them.

use studio_core::sync::{code, PostPayload, UploadPurpose};
use studio_core::{
    Account, AccountRole, ContentHash, JobKind, JobPayload, JobProblem, JobState, LivestreamStatus, MediumRole,
    NewAccount, NewDraft, OutboxJob, ProfileEditStatus, ProfileFields, PublicationStatus,
};
use studio_store::{DraftMediumRow, JobOutcome, LivestreamChange, LivestreamWithdrawal, PublishRequest, Store};

const T: i64 = 1_800_000_000_000;

struct Library {
    _dir: tempfile::TempDir,
    store: Store,
    account: Account,
}

async fn library() -> Library {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let new = NewAccount {
        name: "演示".into(),
        role: AccountRole::Creator,
        gateway: "emulator".into(),
        app_id: "2021000000000001".into(),
        platform_key: String::new(),
        public_id: String::new(),
    };
    let account = store.add_account(&new, T).await.unwrap();
    Library { _dir: dir, store, account }
}

fn refused() -> JobOutcome {
    let problem =
        JobProblem::Platform { code: "40004".into(), sub_code: "isv.x".into(), message: "标题违规".into() };
    JobOutcome::Failed { code: code::REFUSED, problem: Some(problem) }
}

fn lost() -> JobOutcome {
    JobOutcome::Unknown { next_try_at: T, code: code::OUTCOME_UNKNOWN, problem: None }
}

/// A repeatable job (an announcement, say) whose answer was lost: the
/// engine simply sends it again.
fn lost_repeatable() -> JobOutcome {
    JobOutcome::RetryAt { next_try_at: T, code: code::OUTCOME_UNKNOWN, problem: None }
}

fn again() -> JobOutcome {
    JobOutcome::RetryAt { next_try_at: T, code: code::UNREACHABLE, problem: None }
}

fn gave_up_unknown() -> JobOutcome {
    JobOutcome::Failed { code: code::OUTCOME_UNKNOWN, problem: None }
}

/// Something that happens to a job.
#[derive(Clone)]
enum Event {
    /// The worker claims what is due.
    Claim,
    /// The worker records how the job went.
    Outcome(JobOutcome),
    /// The user retries it.
    Retry,
    /// The user cancels it.
    Cancel,
}

impl Library {
    async fn job(&self, id: i64) -> OutboxJob {
        self.store.outbox(true, 1_000).await.unwrap().into_iter().find(|j| j.id == id).unwrap()
    }

    /// Plays `event` on job `id`; whether it was taken.
    async fn play(&self, id: i64, event: &Event) -> bool {
        match event {
            Event::Claim => self.store.claim_due_jobs(T, 100).await.unwrap().iter().any(|d| d.job.id == id),
            Event::Outcome(outcome) => {
                let job = self.job(id).await;
                self.store.record_outcomes(&[(job, outcome.clone())], T).await.unwrap();
                true
            }
            Event::Retry => self.store.retry_job(id, T).await.unwrap(),
            Event::Cancel => self.store.cancel_job(id, T).await.unwrap(),
        }
    }

    async fn draft(&self, title: &str) -> i64 {
        let new = NewDraft { kind: None, title: title.into(), body: "正文".into() };
        self.store.insert_draft(&new, T).await.unwrap().id
    }

    async fn publish(&self, draft: i64, replace: bool) -> PublishRequest {
        self.store.request_publish(draft, self.account.id, None, replace, T, |_, _| Ok(())).await.unwrap()
    }
}

#[tokio::test]
async fn a_publish_moves_through_its_states_as_the_table_says() {
    use Event::*;
    use JobState as J;
    use PublicationStatus as P;
    let published = || Outcome(JobOutcome::Published { content_id: "C1".into() });
    // (events after queueing, whether each is taken, the job's state, the publication's status, its reason)
    let table: Vec<(Vec<Event>, Vec<bool>, JobState, PublicationStatus, &str)> = vec![
        (vec![], vec![], J::Pending, P::Queued, ""),
        (vec![Claim], vec![true], J::Sending, P::Queued, ""),
        (vec![Claim, published()], vec![true, true], J::Done, P::UnderReview, ""),
        (vec![Claim, Outcome(again())], vec![true, true], J::Pending, P::Queued, ""),
        (vec![Claim, Outcome(lost())], vec![true, true], J::Unknown, P::Queued, ""),
        (vec![Claim, Outcome(lost()), Claim], vec![true, true, true], J::Unknown, P::Queued, ""),
        (vec![Claim, Outcome(refused())], vec![true, true], J::Failed, P::Failed, "标题违规"),
        (vec![Claim, Outcome(refused()), Retry], vec![true, true, true], J::Pending, P::Queued, ""),
        (vec![Claim, Outcome(gave_up_unknown()), Retry], vec![true, true, true], J::Unknown, P::Queued, ""),
        (vec![Claim, Outcome(refused()), Cancel], vec![true, true, true], J::Cancelled, P::Cancelled, "标题违规"),
        (vec![Cancel], vec![true], J::Cancelled, P::Cancelled, ""),
        (vec![Claim, Cancel], vec![true, false], J::Sending, P::Queued, ""),
        (vec![Claim, Outcome(lost()), Cancel], vec![true, true, false], J::Unknown, P::Queued, ""),
        (vec![Retry], vec![false], J::Pending, P::Queued, ""),
        (vec![Claim, published(), Retry, Cancel], vec![true, true, false, false], J::Done, P::UnderReview, ""),
    ];
    for (events, taken, state, status, reason) in table {
        let lib = library().await;
        let draft = lib.draft("表格").await;
        let PublishRequest::Queued(job) = lib.publish(draft, false).await else { panic!("not queued") };
        let mut took = Vec::new();
        for event in &events {
            took.push(lib.play(job.id, event).await);
        }
        let what = format!("after {} events {took:?}", events.len());
        assert_eq!(took, taken, "{what}");
        assert_eq!(lib.job(job.id).await.state, state, "{what}");
        let p = lib.store.publication(draft, lib.account.id).await.unwrap().unwrap();
        assert_eq!((p.status, p.reason.as_str()), (status, reason), "{what}");
    }
}

#[tokio::test]
async fn publishing_asks_once_refuses_a_post_on_the_platform_and_replaces_it_only_when_told() {
    let lib = library().await;
    let draft = lib.draft("替换").await;
    let PublishRequest::Queued(first) = lib.publish(draft, false).await else { panic!() };
    assert!(matches!(lib.publish(draft, false).await, PublishRequest::AlreadyQueued(j) if j.id == first.id));
    lib.play(first.id, &Event::Claim).await;
    lib.play(first.id, &Event::Outcome(JobOutcome::Published { content_id: "C9".into() })).await;
    assert!(
        matches!(lib.publish(draft, false).await, PublishRequest::AlreadyOnPlatform(p) if p.status == PublicationStatus::UnderReview)
    );

    let PublishRequest::Queued(again) = lib.publish(draft, true).await else { panic!() };
    // The old post's delete goes first, and the library keeps knowing it.
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.kind).collect::<Vec<_>>(), [JobKind::DeleteContent]);
    assert_eq!(due[0].payload, JobPayload::DeleteContent { content_id: "C9".into() });
    assert_eq!(lib.store.known_content_ids(lib.account.id).await.unwrap(), ["C9"]);
    lib.store.record_outcomes(&[(due[0].job.clone(), JobOutcome::Done)], T).await.unwrap();
    assert_eq!(
        lib.store.publication(draft, lib.account.id).await.unwrap().unwrap().status,
        PublicationStatus::Queued,
        "a post being replaced stays queued when its old copy goes"
    );
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.id).collect::<Vec<_>>(), [again.id], "then the new publish");
    let JobPayload::Publish(PostPayload { title, .. }) = &due[0].payload else { panic!("{:?}", due[0].payload) };
    assert_eq!(title, "替换");
}

#[tokio::test]
async fn a_publish_with_media_waits_for_the_uploads_the_account_lacks() {
    let lib = library().await;
    let draft = lib.draft("带图").await;
    let hash = |c: char| ContentHash::parse(&c.to_string().repeat(64)).unwrap();
    for c in ['a', 'b'] {
        let asset = studio_core::media::MediaAsset {
            hash: hash(c),
            kind: studio_core::media::MediaKind::Image,
            format: studio_core::media::MediaFormat::Jpeg,
            bytes: 10,
            width: 1,
            height: 1,
            duration_ms: None,
            codec: None,
            original_name: format!("{c}.jpg"),
            imported_at: T,
            tags: Vec::new(),
        };
        lib.store.add_asset(&asset).await.unwrap();
    }
    let rows = [
        DraftMediumRow { hash: hash('a'), role: MediumRole::Image, focal: None },
        DraftMediumRow { hash: hash('b'), role: MediumRole::Cover, focal: Some((100, 900)) },
        // The same picture twice goes up once.
        DraftMediumRow { hash: hash('a'), role: MediumRole::Image, focal: None },
    ];
    assert_eq!(lib.store.set_draft_media(draft, &rows).await.unwrap(), studio_store::MediaSet::Set);
    // `a` went up before, for another post.
    let image = UploadPurpose::for_medium(MediumRole::Image, None);
    let earlier = lib.draft("先前").await;
    assert_eq!(lib.store.set_draft_media(earlier, &rows[..1]).await.unwrap(), studio_store::MediaSet::Set);
    let PublishRequest::Queued(_) = lib.publish(earlier, false).await else { panic!() };
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(
        due.iter().map(|d| &d.payload).collect::<Vec<_>>(),
        [&JobPayload::UploadMedia { hash: hash('a'), purpose: image }]
    );
    let uploaded = JobOutcome::Uploaded { hash: hash('a'), purpose: image, file_id: "F-a".into() };
    lib.store.record_outcomes(&[(due[0].job.clone(), uploaded)], T).await.unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.kind).collect::<Vec<_>>(), [JobKind::Publish]);
    lib.store
        .record_outcomes(&[(due[0].job.clone(), JobOutcome::Published { content_id: "C0".into() })], T)
        .await
        .unwrap();
    assert_eq!(lib.store.remote_file(lib.account.id, &hash('a'), image).await.unwrap().as_deref(), Some("F-a"));

    let PublishRequest::Queued(publish) = lib.publish(draft, false).await else { panic!() };
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    let cover = UploadPurpose::for_medium(MediumRole::Cover, Some((100, 900)));
    assert_eq!(due.len(), 1, "only the upload is due: {due:?}");
    assert_eq!(due[0].payload, JobPayload::UploadMedia { hash: hash('b'), purpose: cover });
    assert!(!lib.store.claim_due_jobs(T, 10).await.unwrap().iter().any(|d| d.job.id == publish.id));
    let uploaded = JobOutcome::Uploaded { hash: hash('b'), purpose: cover, file_id: "F-b".into() };
    lib.store.record_outcomes(&[(due[0].job.clone(), uploaded)], T).await.unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.id).collect::<Vec<_>>(), [publish.id]);
    let JobPayload::Publish(post) = &due[0].payload else { panic!() };
    let sent: Vec<(MediumRole, UploadPurpose)> = post.media.iter().map(|m| (m.role, m.purpose)).collect();
    assert_eq!(sent, [(MediumRole::Image, image), (MediumRole::Cover, cover), (MediumRole::Image, image)]);
}

#[tokio::test]
async fn a_job_whose_request_cannot_be_read_stops_as_damaged_and_its_post_says_so() {
    let lib = library().await;
    let draft = lib.draft("坏掉的任务").await;
    let PublishRequest::Queued(job) = lib.publish(draft, false).await else { panic!() };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", lib.store.path().display())).await.unwrap();
    for tampered in [r#"{"job":"publish","title":7}"#, r#"{"job":"delete_content","content_id":"C1"}"#, "not json"] {
        sqlx::query("UPDATE outbox SET payload = ?, state = 'pending' WHERE id = ?")
            .bind(tampered)
            .bind(job.id)
            .execute(&pool)
            .await
            .unwrap();
        assert!(lib.store.claim_due_jobs(T, 10).await.unwrap().is_empty(), "{tampered}: never handed to the worker");
        let stopped = lib.job(job.id).await;
        assert_eq!((stopped.state, stopped.error_code.as_str()), (JobState::Failed, code::BAD_JOB), "{tampered}");
        assert!(matches!(stopped.problem, Some(JobProblem::Corrupt { .. })), "{tampered}: {:?}", stopped.problem);
        let p = lib.store.publication(draft, lib.account.id).await.unwrap().unwrap();
        assert_eq!(p.status, PublicationStatus::Failed);
    }
    pool.close().await;
}

#[tokio::test]
async fn a_livestream_moves_through_its_states_as_the_table_says() {
    use LivestreamStatus as L;
    /// What the platform answers.
    #[derive(Clone, Copy, Debug)]
    enum Answer {
        Announced,
        Done,
        LostRepeatable,
        Again,
        Refused,
    }
    impl Answer {
        fn outcome(self) -> JobOutcome {
            match self {
                Answer::Announced => JobOutcome::Announced { advance_id: "A1".into() },
                Answer::Done => JobOutcome::Done,
                Answer::LostRepeatable => crate::lost_repeatable(),
                Answer::Again => crate::again(),
                Answer::Refused => crate::refused(),
            }
        }
    }
    #[derive(Clone, Copy, Debug)]
    enum Step {
        /// The worker claims and records the answer for every job due.
        Send(Answer),
        /// The worker claims what is due and stops there (answers pending).
        ClaimOnly,
        /// Change title and time.
        Change,
        /// Withdraw.
        Withdraw,
    }
    use Answer::{
        Again as again, Announced as announced, Done as done, LostRepeatable as lost_repeatable, Refused as refused,
    };
    use Step::*;
    // (steps after planning, what the last change or withdrawal answered, the status shown, the open jobs' kinds)
    let table: Vec<(Vec<Step>, &str, LivestreamStatus, Vec<JobKind>)> = vec![
        (vec![], "", L::Planned, vec![JobKind::LiveCreate]),
        (vec![Send(announced)], "", L::Announced, vec![]),
        (vec![Change], "changed", L::Planned, vec![JobKind::LiveCreate]),
        (vec![ClaimOnly, Change], "in flight", L::Planned, vec![JobKind::LiveCreate]),
        (vec![Send(lost_repeatable), Change], "queued", L::Changing, vec![JobKind::LiveCreate, JobKind::LiveModify]),
        (vec![Send(again), Change], "queued", L::Changing, vec![JobKind::LiveCreate, JobKind::LiveModify]),
        (vec![Send(refused), Change], "changed", L::Planned, vec![JobKind::LiveCreate]),
        (vec![Send(announced), Change], "queued", L::Changing, vec![JobKind::LiveModify]),
        (vec![Send(announced), Change, Send(done)], "queued", L::Announced, vec![]),
        (vec![Send(announced), Change, Send(refused)], "queued", L::Failed, vec![JobKind::LiveModify]),
        (vec![Withdraw], "withdrawn", L::Withdrawn, vec![]),
        (vec![ClaimOnly, Withdraw], "in flight", L::Planned, vec![JobKind::LiveCreate]),
        (
            vec![Send(lost_repeatable), Withdraw],
            "queued",
            L::Withdrawing,
            vec![JobKind::LiveCreate, JobKind::LiveDelete],
        ),
        (vec![Send(announced), Withdraw], "queued", L::Withdrawing, vec![JobKind::LiveDelete]),
        (vec![Send(announced), Withdraw, Send(done)], "queued", L::Withdrawn, vec![]),
        (vec![Send(announced), Change, Withdraw], "queued", L::Withdrawing, vec![JobKind::LiveDelete]),
        (vec![Send(announced), Withdraw, Change], "withdrawn", L::Withdrawing, vec![JobKind::LiveDelete]),
        (vec![Withdraw, Change], "withdrawn", L::Withdrawn, vec![]),
        (vec![Withdraw, Withdraw], "already", L::Withdrawn, vec![]),
    ];
    for (steps, answer, status, open) in table {
        let lib = library().await;
        let (live, _) = lib
            .store
            .plan_livestream(
                &studio_store::NewLivestream {
                    account_id: lib.account.id,
                    public_id: "public-1",
                    title: "周六直播",
                    starts_at: T + 86_400_000,
                    minutes: 120,
                    out_advance_id: "out-1",
                    plan: &Default::default(),
                },
                T,
            )
            .await
            .unwrap();
        let mut last = String::new();
        for step in &steps {
            match step {
                Send(outcome) => {
                    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
                    let outcomes: Vec<_> = due.into_iter().map(|d| (d.job, outcome.outcome())).collect();
                    lib.store.record_outcomes(&outcomes, T).await.unwrap();
                }
                ClaimOnly => {
                    lib.store.claim_due_jobs(T, 10).await.unwrap();
                }
                Change => {
                    last = match lib
                        .store
                        .change_livestream(live.id, "public-1", "周日直播", T + 90_000_000, T)
                        .await
                        .unwrap()
                    {
                        LivestreamChange::Queued(_) => "queued",
                        LivestreamChange::Changed => "changed",
                        LivestreamChange::InFlight => "in flight",
                        LivestreamChange::Withdrawn => "withdrawn",
                        LivestreamChange::NotFound => "not found",
                    }
                    .into()
                }
                Withdraw => {
                    last = match lib.store.withdraw_livestream(live.id, "public-1", T).await.unwrap() {
                        LivestreamWithdrawal::Queued(_) => "queued",
                        LivestreamWithdrawal::Withdrawn => "withdrawn",
                        LivestreamWithdrawal::InFlight => "in flight",
                        LivestreamWithdrawal::AlreadyWithdrawn => "already",
                        LivestreamWithdrawal::NotFound => "not found",
                    }
                    .into()
                }
            }
        }
        let what = format!("{steps:?}");
        assert_eq!(last, answer, "{what}");
        let shown = lib.store.livestream(live.id).await.unwrap().unwrap();
        assert_eq!(shown.status, status, "{what}");
        let mut kinds: Vec<JobKind> = lib.store.outbox(false, 100).await.unwrap().into_iter().map(|j| j.kind).collect();
        kinds.reverse();
        assert_eq!(kinds, open, "{what}");
    }
}

#[tokio::test]
async fn a_change_queued_behind_an_unanswered_announcement_gets_its_id_from_it() {
    let lib = library().await;
    let (live, _) = lib
        .store
        .plan_livestream(
            &studio_store::NewLivestream {
                account_id: lib.account.id,
                public_id: "public-1",
                title: "周六直播",
                starts_at: T + 86_400_000,
                minutes: 120,
                out_advance_id: "out-1",
                plan: &Default::default(),
            },
            T,
        )
        .await
        .unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    lib.store.record_outcomes(&[(due[0].job.clone(), lost_repeatable())], T).await.unwrap();
    let LivestreamChange::Queued(modify) =
        lib.store.change_livestream(live.id, "public-1", "周日直播", T + 90_000_000, T).await.unwrap()
    else {
        panic!()
    };
    // The announcement goes again first (it is keyed); the change waits for it.
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.kind).collect::<Vec<_>>(), [JobKind::LiveCreate]);
    let JobPayload::LiveCreate(a) = &due[0].payload else { panic!() };
    assert_eq!(a.title, "周六直播", "the announcement is not rewritten: the platform may hold it as sent");
    lib.store
        .record_outcomes(&[(due[0].job.clone(), JobOutcome::Announced { advance_id: "A7".into() })], T)
        .await
        .unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.id).collect::<Vec<_>>(), [modify.id]);
    let JobPayload::LiveModify(change) = &due[0].payload else { panic!() };
    assert_eq!((change.advance_id.as_deref(), change.title.as_str()), (None, "周日直播"));
    assert_eq!(
        lib.store.livestream_advance_id(live.id).await.unwrap().as_deref(),
        Some("A7"),
        "where the send finds it"
    );
}

#[tokio::test]
async fn a_profile_edit_moves_through_its_states_as_the_table_says() {
    use ProfileEditStatus as S;
    // (outcome of the submission, then an audit result if any, the status, the words kept)
    let table: Vec<(Option<JobOutcome>, Option<bool>, ProfileEditStatus, &str)> = vec![
        (None, None, S::Submitting, ""),
        (Some(JobOutcome::Done), None, S::Auditing, ""),
        (Some(JobOutcome::Done), Some(true), S::Approved, ""),
        (Some(JobOutcome::Done), Some(false), S::Rejected, "名称不符合规范"),
        (Some(refused()), None, S::Failed, "标题违规"),
        (Some(refused()), Some(true), S::Failed, "标题违规"),
        (Some(again()), None, S::Submitting, ""),
        (None, Some(true), S::Submitting, ""),
    ];
    for (outcome, verdict, status, words) in table {
        let lib = library().await;
        let fields = ProfileFields { introduction: Some("每天现烤".into()), ..ProfileFields::default() };
        let (edit, job) = lib.store.submit_profile_edit(lib.account.id, &fields, T).await.unwrap();
        if let Some(outcome) = &outcome {
            lib.play(job.id, &Event::Claim).await;
            lib.play(job.id, &Event::Outcome(outcome.clone())).await;
        }
        if let Some(approved) = verdict {
            let words = if approved { "" } else { "名称不符合规范" };
            lib.store.record_profile_audit(lib.account.id, approved, words, T).await.unwrap();
        }
        let what = format!("{outcome:?} then {verdict:?}");
        let now = lib.store.profile_edits(lib.account.id).await.unwrap().into_iter().find(|e| e.id == edit.id).unwrap();
        assert_eq!((now.status, now.audit_desc.as_str()), (status, words), "{what}");
        assert_eq!(now.fields, fields, "{what}: the text is kept");
    }
}

#[tokio::test]
async fn profile_edits_go_in_order_each_after_the_pictures_it_needs() {
    let lib = library().await;
    let logo = ContentHash::parse(&"c".repeat(64)).unwrap();
    let first = ProfileFields { logo: Some(logo.clone()), ..ProfileFields::default() };
    let second = ProfileFields { app_name: Some("小店".into()), ..ProfileFields::default() };
    let (_, a) = lib.store.submit_profile_edit(lib.account.id, &first, T).await.unwrap();
    let (_, b) = lib.store.submit_profile_edit(lib.account.id, &second, T).await.unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    let logo_purpose = UploadPurpose::material(studio_core::media::MediaRuleName::ProfileLogo);
    assert_eq!(
        due.iter().map(|d| &d.payload).collect::<Vec<_>>(),
        [&JobPayload::UploadMedia { hash: logo.clone(), purpose: logo_purpose }]
    );
    let uploaded = JobOutcome::Uploaded { hash: logo, purpose: logo_purpose, file_id: "https://img/logo".into() };
    lib.store.record_outcomes(&[(due[0].job.clone(), uploaded)], T).await.unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.id).collect::<Vec<_>>(), [a.id], "the first edit, then the second");
    lib.store.record_outcomes(&[(due[0].job.clone(), JobOutcome::Done)], T).await.unwrap();
    let due = lib.store.claim_due_jobs(T, 10).await.unwrap();
    assert_eq!(due.iter().map(|d| d.job.id).collect::<Vec<_>>(), [b.id]);
}

/// A file of `kind` recorded in the library (its bytes are not needed here).
async fn recorded(lib: &Library, c: char, format: studio_core::media::MediaFormat) -> ContentHash {
    let hash = ContentHash::parse(&c.to_string().repeat(64)).unwrap();
    let asset = studio_core::media::MediaAsset {
        hash: hash.clone(),
        kind: format.kind(),
        format,
        bytes: 1_000,
        width: 1,
        height: 1,
        duration_ms: None,
        codec: None,
        original_name: format!("{c}"),
        imported_at: T,
        tags: Vec::new(),
    };
    lib.store.add_asset(&asset).await.unwrap();
    hash
}

#[tokio::test]
async fn each_place_in_a_post_takes_only_its_kind_of_file() {
    use studio_core::media::MediaFormat;
    use studio_store::MediaSet;
    let lib = library().await;
    let draft = lib.draft("放错了").await;
    let (video, picture) = (recorded(&lib, 'e', MediaFormat::Mp4).await, recorded(&lib, 'f', MediaFormat::Png).await);
    let row = |hash: &ContentHash, role| DraftMediumRow { hash: hash.clone(), role, focal: None };
    let good = [row(&video, MediumRole::Video), row(&picture, MediumRole::Cover)];
    assert_eq!(lib.store.set_draft_media(draft, &good).await.unwrap(), MediaSet::Set);
    for (bad, role) in [(&picture, MediumRole::Video), (&video, MediumRole::Cover), (&video, MediumRole::Image)] {
        let answer = lib.store.set_draft_media(draft, &[row(bad, role)]).await.unwrap();
        assert_eq!(answer, MediaSet::WrongKind { hash: bad.clone(), role });
        assert_eq!(lib.store.draft_media(draft).await.unwrap(), good, "{role:?}: nothing changed");
    }
    let unknown = ContentHash::parse(&"0".repeat(64)).unwrap();
    assert_eq!(
        lib.store.set_draft_media(draft, &[row(&unknown, MediumRole::Image)]).await.unwrap(),
        MediaSet::UnknownAsset(unknown)
    );
    assert_eq!(lib.store.set_draft_media(9_999, &good).await.unwrap(), MediaSet::DraftNotFound);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_video_post_judged_inside_its_transaction_never_goes_out_without_its_video() {
    use studio_core::media::MediaFormat;
    use studio_core::rules::{check_post_media, ALIPAY};
    use studio_core::DraftKind;
    let lib = library().await;
    let (video, cover) = (recorded(&lib, 'e', MediaFormat::Mp4).await, recorded(&lib, 'c', MediaFormat::Jpeg).await);
    let whole = [
        DraftMediumRow { hash: video.clone(), role: MediumRole::Video, focal: None },
        DraftMediumRow { hash: cover.clone(), role: MediumRole::Cover, focal: None },
    ];
    let mut drafts = Vec::new();
    for i in 0..40 {
        let new = NewDraft { kind: Some(DraftKind::Video), title: format!("视频 {i}"), body: "正文".into() };
        let id = lib.store.insert_draft(&new, T).await.unwrap().id;
        lib.store.set_draft_media(id, &whole).await.unwrap();
        drafts.push(id);
    }
    // While each draft's video comes and goes, its publish is asked for.
    let store = lib.store.clone();
    let (ids, rows) = (drafts.clone(), whole.clone());
    // It ends with the video in place, so asks after the churn queue too.
    let churn = tokio::spawn(async move {
        for round in 1..=8 {
            for id in &ids {
                let media = if round % 2 == 0 { &rows[..] } else { &rows[1..] };
                store.set_draft_media(*id, media).await.unwrap();
            }
        }
    });
    let account = lib.account.id;
    let mut queued = 0;
    for round in 0..8 {
        for id in &drafts {
            let check = |draft: &studio_core::Draft, media: &[(MediumRole, &studio_core::media::MediaAsset)]| {
                check_post_media(draft.kind, media, &ALIPAY)
            };
            if let PublishRequest::Queued(job) =
                lib.store.request_publish(*id, account, None, false, T + round, check).await.unwrap()
            {
                queued += 1;
                // Cancelled, so the next ask queues another, frozen then.
                assert!(lib.store.cancel_job(job.id, T).await.unwrap());
            }
        }
    }
    churn.await.unwrap();
    assert!(queued > 0, "some went out");
    let mut publishes = 0;
    for job in lib.store.outbox(true, 1_000).await.unwrap().iter().filter(|j| j.kind == JobKind::Publish) {
        let Ok(JobPayload::Publish(post)) = lib.store.job_payload(job).await.unwrap() else { panic!("{job:?}") };
        let roles: Vec<MediumRole> = post.media.iter().map(|m| m.role).collect();
        assert_eq!(roles, [MediumRole::Video, MediumRole::Cover], "{}: never without its video", post.title);
        publishes += 1;
    }
    assert_eq!(publishes, queued);
}

#[tokio::test]
async fn a_claim_beside_a_round_still_out_leaves_that_rounds_jobs_alone() {
    let lib = library().await;
    let (a, b) = (lib.draft("甲").await, lib.draft("乙").await);
    let PublishRequest::Queued(first) = lib.publish(a, false).await else { panic!() };
    let PublishRequest::Queued(second) = lib.publish(b, false).await else { panic!() };
    // The first one's answer was lost: it stays unknown, and due, while a
    // round looks it up on the platform.
    let due = lib.store.claim_due_jobs(T, 1).await.unwrap();
    assert_eq!(due[0].job.id, first.id);
    lib.store.record_outcomes(&[(due[0].job.clone(), lost())], T).await.unwrap();
    let looking = lib.store.claim_due_jobs(T, 1).await.unwrap();
    assert_eq!(looking[0].job.id, first.id);
    assert_eq!(looking[0].job.state, JobState::Unknown);

    // A second round claiming meanwhile takes the other job, not that one.
    let beside = lib.store.claim_due_jobs_except(T, 10, &[first.id]).await.unwrap();
    assert_eq!(beside.iter().map(|d| d.job.id).collect::<Vec<_>>(), [second.id]);
    // Without the exception it would have been handed out twice.
    assert_eq!(lib.store.claim_due_jobs(T, 10).await.unwrap().iter().map(|d| d.job.id).collect::<Vec<_>>(), [first.id]);
}
