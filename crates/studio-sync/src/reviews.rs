//! The platform's word coming back: each post under review and each
//! profile audit asked about on its own schedule (kept in the library, so a
//! restart resumes it), and the account's contents read now and then: the
//! newest pages every time, every page once a day (a sweep) to notice
//! deletions made elsewhere.

use std::collections::{BTreeMap, HashMap};

use alipay_open::methods::ContentState;
use studio_core::sync::REVIEW_POLLING;
use studio_core::{Account, LiveMenu, LiveProfile, PublicationStatus};
use studio_store::{RemoteContent, PROFILE_AUDIT};

use crate::engine::{Connection, Engine};
use crate::pacer::Lane;
use crate::reconcile::PAGE_SIZE;
use crate::{PullReport, SyncError};

/// Questions about reviews asked in one go when the account is unpaced.
const UNPACED_ASKS: usize = 200;

impl Engine {
    /// Asks the platform about each of the account's posts under review, and
    /// its profile audit, whose turn has come (see
    /// [`studio_core::sync::REVIEW_POLLING`]). Turns are kept in the library;
    /// the first turns of many at once (a restart with hundreds under review)
    /// are spread within the account's budget, and at most a second's share
    /// of it is asked in one go. Posts due together that the library places
    /// on one page of the account's contents (newest first, as the platform
    /// lists them) are read as that page, one call for them all; the rest,
    /// and any not found where expected, are asked about one call each. A
    /// post the platform will not answer about is left to the next pull.
    pub async fn check_reviews(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        if account.problem.is_some() {
            // Nothing goes through until the account is fixed.
            return Ok(PullReport::default());
        }
        let schedule = self.store.review_schedule(account.id).await?;
        let budget = self.options.calls_per_second;
        // Review questions take at most half the budget: first turns are
        // spread at that pace, in groups of a second's worth, so that one
        // wake of the worker asks a group rather than a single post (and
        // the group keeps its turns together as they double).
        let spacing = if budget.is_finite() { (2_000.0 / budget.max(0.001)) as i64 } else { 0 };
        let group = if budget.is_finite() { ((budget / 2.0).floor() as usize).max(1) } else { 1 };
        let mut first = Vec::new();
        // Where each post under review should sit in the account's contents:
        // the library lists them newest first, so the place is at least its
        // place among those under review.
        let mut place: HashMap<String, u32> = HashMap::new();
        let mut turns: Vec<(String, i64, u32)> = Vec::with_capacity(schedule.len());
        for check in schedule {
            if check.subject != PROFILE_AUDIT {
                place.insert(check.subject.clone(), place.len() as u32);
            }
            let at = match check.next_at {
                Some(at) => at,
                None => {
                    let spread = now + (first.len() / group * group) as i64 * spacing;
                    let at = REVIEW_POLLING.first_at(spread, check.scheduled_at);
                    first.push((check.subject.clone(), at));
                    at
                }
            };
            turns.push((check.subject, at, check.asked));
        }
        if !first.is_empty() {
            let rows: Vec<(&str, i64, u32)> = first.iter().map(|(s, at)| (s.as_str(), *at, 0)).collect();
            self.store.set_review_checks(account.id, &rows).await?;
        }
        let most = if budget.is_finite() { budget.ceil().max(1.0) as usize } else { UNPACED_ASKS };
        turns.retain(|t| t.1 <= now);
        turns.sort_by_key(|t| t.1);
        turns.truncate(most);
        let mut report = PullReport::default();
        if turns.is_empty() {
            return Ok(report);
        }
        // The next turn is set before asking, so a platform that does not
        // answer is not asked again at once.
        let next: Vec<(&str, i64, u32)> = turns
            .iter()
            .map(|(s, _, asked)| (s.as_str(), now + REVIEW_POLLING.wait_ms(asked + 1), asked + 1))
            .collect();
        self.store.set_review_checks(account.id, &next).await?;
        let conn = self.connection(account)?;
        let mut due: Vec<String> = Vec::with_capacity(turns.len());
        for (subject, _, _) in turns {
            if subject == PROFILE_AUDIT {
                let info = self.paced(account.id, Lane::Poll, conn.client.public_info(&conn.opts)).await?;
                let finished = self.record_audit(account, &info, now).await?;
                if finished > 0 {
                    self.store.forget_review_check(account.id, PROFILE_AUDIT).await?;
                }
                // The answer shows the profile as it is now: kept for the
                // profile screen (an approved edit shows there at once).
                self.keep_live_profile(account, &info, now).await?;
                report.audits += finished;
            } else {
                due.push(subject);
            }
        }
        // Pages that would answer two or more of the posts due.
        let mut by_page: BTreeMap<u32, usize> = BTreeMap::new();
        for subject in &due {
            *by_page.entry(place[subject] / PAGE_SIZE + 1).or_default() += 1;
        }
        for (page_num, count) in by_page {
            if count < 2 {
                continue;
            }
            let page = match self.read_page(account.id, &conn, page_num, Lane::Poll).await {
                Ok(page) => page,
                Err(alipay_open::Error::Platform { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            for c in &page.contents {
                // Whatever the page says about a post under review is news,
                // due or not; a due post found here needs no call of its own.
                if !place.contains_key(&c.content_id) {
                    continue;
                }
                let was_due = due.len();
                due.retain(|s| s != &c.content_id);
                if due.len() == was_due
                    && PublicationStatus::from_source_status(c.source_status) == Some(PublicationStatus::UnderReview)
                {
                    continue;
                }
                self.settle_review(account, &c.content_id, c, now, &mut report).await?;
            }
        }
        for subject in due {
            let state = match self.paced(account.id, Lane::Poll, conn.client.content(&subject, &conn.opts)).await {
                Ok(state) => state,
                Err(alipay_open::Error::Platform { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            self.settle_review(account, &subject, &state, now, &mut report).await?;
        }
        Ok(report)
    }

    /// Records what the platform says of a post under review: its status,
    /// the reason given and its link; the post's turns end with its review.
    async fn settle_review(
        &self,
        account: &Account,
        subject: &str,
        state: &ContentState,
        now: i64,
        report: &mut PullReport,
    ) -> Result<(), SyncError> {
        let Some(status) = PublicationStatus::from_source_status(state.source_status) else { return Ok(()) };
        let (reason, link) = (&state.reject_reason, &state.link);
        if let Some(p) = self.store.record_content_status(account.id, subject, status, reason, link, now).await? {
            report.changed.push(p);
        }
        if status != PublicationStatus::UnderReview {
            self.store.forget_review_check(account.id, subject).await?;
        }
        Ok(())
    }

    /// Reads what the platform shows of the account's profile now
    /// (`info.query`), keeps it, and records the audit it reports for an
    /// edit under audit. `None` while the account has a problem: nothing
    /// goes through until it is fixed.
    pub async fn read_profile(&self, account: &Account, now: i64) -> Result<Option<LiveProfile>, SyncError> {
        if account.problem.is_some() {
            return Ok(None);
        }
        let conn = self.connection(account)?;
        let info = self.paced(account.id, Lane::Pull, conn.client.public_info(&conn.opts)).await?;
        if self.store.profile_under_audit(account.id).await? {
            self.record_audit(account, &info, now).await?;
        }
        Ok(Some(self.keep_live_profile(account, &info, now).await?))
    }

    /// Reads the account's storefront as the platform shows it, its
    /// profile and its service menu, and keeps both (the sync worker every
    /// few minutes, and at each sync).
    pub async fn read_storefront(&self, account: &Account, now: i64) -> Result<(), SyncError> {
        self.read_profile(account, now).await?;
        match self.read_menu(account, now).await {
            // An app the platform does not let read menus (a permission the
            // console grants apart) still reads its profile and syncs: the
            // menu is left as last read (the client logs the refusal's codes).
            Err(SyncError::Platform(alipay_open::Error::Platform { .. })) => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// Reads the account's service menu as the platform shows it and keeps it.
    pub async fn read_menu(&self, account: &Account, now: i64) -> Result<Option<LiveMenu>, SyncError> {
        if account.problem.is_some() {
            return Ok(None);
        }
        let conn = self.connection(account)?;
        let list = self.paced(account.id, Lane::Pull, conn.client.menus(&conn.opts)).await?;
        let menu = list.menus.iter().find(|m| m.is_default()).map(crate::request::live_menu);
        self.store.set_live_menu(account.id, menu.as_ref(), now).await?;
        Ok(Some(LiveMenu { account_id: account.id, menu, fetched_at: now }))
    }

    /// Keeps what an `info.query` answer shows of the account's profile.
    async fn keep_live_profile(
        &self,
        account: &Account,
        info: &alipay_open::methods::PublicInfo,
        now: i64,
    ) -> Result<LiveProfile, SyncError> {
        let live = LiveProfile {
            account_id: account.id,
            app_name: info.app_name.clone(),
            introduction: info.introduction.clone(),
            public_greeting: info.public_greeting.clone(),
            logo_url: info.logo_url.clone(),
            background_url: info.background_url.clone(),
            fetched_at: now,
        };
        self.store.set_live_profile(&live).await?;
        Ok(live)
    }

    /// When [`Engine::check_reviews`] next has something to ask, if anything
    /// is under review.
    pub async fn next_review_check(&self) -> Result<Option<i64>, SyncError> {
        Ok(self.store.next_review_check().await?)
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
    /// drafts), and the audit of submitted profile edits. Reads the newest
    /// pages until one holds only contents the library knows unchanged;
    /// every page when the last sweep is older than the engine's
    /// `sweep_every`.
    pub async fn pull(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        let swept_at = self.store.account_swept_at(account.id).await?;
        let sweep = now.saturating_sub(swept_at) >= self.options.sweep_every.as_millis() as i64;
        self.read_contents(account, now, sweep).await
    }

    /// [`Engine::pull`] reading every page, whenever the last sweep was.
    pub async fn sweep(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        self.read_contents(account, now, true).await
    }

    async fn read_contents(&self, account: &Account, now: i64, sweep: bool) -> Result<PullReport, SyncError> {
        if account.problem.is_some() {
            // Nothing goes through until the account is fixed.
            return Ok(PullReport::default());
        }
        let conn = self.connection(account)?;
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
        let mut report = PullReport { swept: sweep, ..PullReport::default() };
        let mut page_num = 1;
        loop {
            let page = self.read_page(account.id, &conn, page_num, Lane::Pull).await?;
            report.pages += 1;
            let ids: Vec<&str> = page.contents.iter().map(|c| c.content_id.as_str()).collect();
            let known = self.store.known_contents(account.id, &ids).await?;
            let mut all_unchanged = true;
            // Oldest first within the page, as they were made.
            for c in page.contents.iter().rev() {
                let Some(status) = PublicationStatus::from_source_status(c.source_status) else { continue };
                match known.get(&c.content_id) {
                    // A post the studio replaced: its fate there is no news.
                    Some(k) if k.status.is_none() => {}
                    Some(k) => {
                        let unchanged = k.status == Some(status) && k.reason == c.reject_reason && k.link == c.link;
                        if !unchanged {
                            all_unchanged = false;
                            if let Some(p) = self
                                .store
                                .record_content_status(
                                    account.id,
                                    &c.content_id,
                                    status,
                                    &c.reject_reason,
                                    &c.link,
                                    now,
                                )
                                .await?
                            {
                                report.changed.push(p);
                            }
                        }
                    }
                    None if unreadable || sent.contains(&(c.source_title.as_str(), c.source_content.as_str())) => {
                        // Possibly one of ours whose answer was lost: the outbox settles it.
                        all_unchanged = false;
                    }
                    None => {
                        all_unchanged = false;
                        let remote = RemoteContent {
                            content_id: &c.content_id,
                            title: &c.source_title,
                            body: &c.source_content,
                            status,
                            reason: &c.reject_reason,
                            link: &c.link,
                        };
                        self.store.adopt_remote_content(account.id, &remote, now).await?;
                        report.adopted += 1;
                    }
                }
            }
            let last = page.contents.is_empty() || (page_num * PAGE_SIZE) as u64 >= page.total;
            if last || (!sweep && all_unchanged) {
                break;
            }
            page_num += 1;
        }
        if sweep {
            self.store.set_account_swept(account.id, now).await?;
        }
        if self.store.profile_under_audit(account.id).await? {
            self.ask_audit(account, &conn, now, &mut report).await?;
        }
        Ok(report)
    }

    async fn ask_audit(
        &self,
        account: &Account,
        conn: &Connection,
        now: i64,
        report: &mut PullReport,
    ) -> Result<(), SyncError> {
        let info = self.paced(account.id, Lane::Pull, conn.client.public_info(&conn.opts)).await?;
        report.audits += self.record_audit(account, &info, now).await?;
        self.keep_live_profile(account, &info, now).await?;
        Ok(())
    }
}
