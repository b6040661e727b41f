//! The platform's word coming back: each post under review and each
//! profile audit asked about on its own schedule, and the whole account
//! read now and then (results, deletions, posts made elsewhere).

use std::collections::HashSet;

use studio_core::sync::REVIEW_POLLING;
use studio_core::{Account, PublicationStatus};
use studio_store::RemoteContent;

use crate::engine::Engine;
use crate::reconcile::all_contents;
use crate::{PullReport, SyncError};

/// The key of an account's profile audit among the engine's review polls.
pub(crate) const PROFILE_AUDIT: &str = "profile audit";

impl Engine {
    /// Asks the platform about each of the account's posts under review, and
    /// its profile audit, whose turn has come (see
    /// [`studio_core::sync::REVIEW_POLLING`]): one call each, where a pull
    /// reads every content. A post the platform will not answer about is
    /// left to the next pull.
    pub async fn check_reviews(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        let in_review = self.store.publications_in_review(account.id).await?;
        let auditing = self.store.profile_under_audit(account.id).await?;
        let due: Vec<String> = {
            let mut polls = self.review_polls.lock().unwrap_or_else(|e| e.into_inner());
            polls.retain(|(a, key), _| {
                *a != account.id
                    || (key == PROFILE_AUDIT && auditing)
                    || in_review.iter().any(|p| p.content_id.as_ref() == Some(key))
            });
            let mut due = Vec::new();
            let wanted = in_review
                .iter()
                .filter_map(|p| Some((p.content_id.clone()?, p.scheduled_at)))
                .chain(auditing.then(|| (PROFILE_AUDIT.to_string(), None)));
            for (key, scheduled_at) in wanted {
                let poll =
                    polls.entry((account.id, key.clone())).or_insert((REVIEW_POLLING.first_at(now, scheduled_at), 0));
                if poll.0 <= now {
                    // The next turn is set before asking, so a platform that
                    // does not answer is not asked again at once.
                    poll.1 += 1;
                    poll.0 = now + REVIEW_POLLING.wait_ms(poll.1);
                    due.push(key);
                }
            }
            due
        };
        let mut report = PullReport::default();
        if due.is_empty() {
            return Ok(report);
        }
        let conn = self.connection(account)?;
        for key in due {
            if key == PROFILE_AUDIT {
                let info = conn.client.public_info(&conn.opts).await?;
                report.audits += self.record_audit(account, &info, now).await?;
                continue;
            }
            let state = match conn.client.content(&key, &conn.opts).await {
                Ok(state) => state,
                Err(alipay_open::Error::Platform { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            let Some(status) = PublicationStatus::from_source_status(state.source_status) else { continue };
            if let Some(p) = self
                .store
                .record_content_status(account.id, &key, status, &state.reject_reason, &state.link, now)
                .await?
            {
                report.changed.push(p);
            }
            if status != PublicationStatus::UnderReview {
                self.review_polls.lock().unwrap_or_else(|e| e.into_inner()).remove(&(account.id, key));
            }
        }
        Ok(report)
    }

    /// When [`Engine::check_reviews`] next has something to ask, if anything
    /// it knows of is under review.
    pub fn next_review_check(&self) -> Option<i64> {
        self.review_polls.lock().unwrap_or_else(|e| e.into_inner()).values().map(|p| p.0).min()
    }

    async fn record_audit(
        &self,
        account: &Account,
        info: &alipay_open::methods::PublicInfo,
        now: i64,
    ) -> Result<u64, SyncError> {
        let approved = match info.audit_status.as_str() {
            "AUDIT_SUCCESS" => true,
            "AUDIT_FAILED" => false,
            _ => return Ok(0),
        };
        Ok(self.store.record_profile_audit(account.id, approved, &info.audit_desc, now).await?)
    }

    /// Brings the platform's word back for one account: review results and
    /// deletions of known contents, contents made elsewhere (adopted as
    /// drafts), and the audit of submitted profile edits.
    pub async fn pull(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        let conn = self.connection(account)?;
        let contents = all_contents(&conn).await?;
        let known: HashSet<String> = self.store.known_content_ids(account.id).await?.into_iter().collect();
        // Posts sent whose answer was lost may be among the contents: the
        // outbox settles them, so they are not adopted here. One whose
        // request cannot be read could be any of them.
        let unresolved = self.store.unresolved_publishes(account.id).await?;
        let unreadable = unresolved.iter().any(|u| u.post.is_err());
        let sent: Vec<(&str, &str)> = unresolved
            .iter()
            .filter_map(|u| u.post.as_ref().ok())
            .map(|p| (p.title.as_str(), p.body.as_str()))
            .collect();
        let mut report = PullReport::default();
        for c in contents.iter().rev() {
            let Some(status) = PublicationStatus::from_source_status(c.source_status) else { continue };
            if known.contains(&c.content_id) {
                if let Some(p) = self
                    .store
                    .record_content_status(account.id, &c.content_id, status, &c.reject_reason, &c.link, now)
                    .await?
                {
                    report.changed.push(p);
                }
            } else if unreadable || sent.contains(&(c.source_title.as_str(), c.source_content.as_str())) {
                // Possibly one of ours whose answer was lost: the outbox settles it.
            } else {
                let remote = RemoteContent {
                    content_id: &c.content_id,
                    title: &c.source_title,
                    body: &c.source_content,
                    status,
                    reason: &c.reject_reason,
                };
                self.store.adopt_remote_content(account.id, &remote, now).await?;
                report.adopted += 1;
            }
        }
        if self.store.profile_under_audit(account.id).await? {
            let info = conn.client.public_info(&conn.opts).await?;
            report.audits += self.record_audit(account, &info, now).await?;
        }
        Ok(report)
    }
}
