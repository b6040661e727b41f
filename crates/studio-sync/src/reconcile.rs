//! Publishes whose answer was lost: the account's contents are searched for
//! what was sent before anything is sent again.

use std::collections::HashSet;
use std::time::Duration;

use alipay_open::methods::{ContentBatchQuery, ContentPage, ContentPublish, ContentState};
use alipay_open::Retry;
use studio_core::{AccountId, JobPayload, JobProblem};
use studio_store::DueJob;

use crate::engine::{Connection, Engine};
use crate::judge::{problem_of, SendError};
use crate::pacer::Lane;
use crate::request;
use crate::uploads::Files;
use crate::SyncError;

/// What the platform's contents say about one lost publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reconciled {
    /// It took effect: this content is it.
    Found(String),
    /// Nothing matches: it did not take effect, and may be sent again.
    Absent,
    /// What was sent cannot be told (its request or its media's file ids
    /// cannot be read): it is not sent again, and waits.
    CannotTell(JobProblem),
}

impl Engine {
    /// For each lost publish, the account's content it became, if the
    /// platform has it: the same title, text and media, not already known
    /// to the library, each content matched at most once. Only the newest
    /// pages are read: contents come newest first, so once a page holds a
    /// content the library knew before the oldest of these jobs was made,
    /// anything they made has been passed.
    pub(crate) async fn reconcile(
        &self,
        account_id: AccountId,
        conn: &Connection,
        jobs: &[DueJob],
    ) -> Result<Vec<Reconciled>, SyncError> {
        let files = Files { store: self.store.clone(), media: None };
        let mut found: Vec<Option<Reconciled>> = vec![None; jobs.len()];
        let mut sent: Vec<(usize, ContentPublish)> = Vec::new();
        for (i, due) in jobs.iter().enumerate() {
            let JobPayload::Publish(post) = &due.payload else {
                found[i] = Some(Reconciled::CannotTell(JobProblem::Corrupt { detail: "not a publish".into() }));
                continue;
            };
            // What was sent named the media by the file ids their uploads recorded.
            match files.post_file_ids(account_id, post).await {
                Ok(ids) => sent.push((i, request::publish(post, ids))),
                Err(SendError::Blocked(problem) | SendError::Local(problem)) => {
                    found[i] = Some(Reconciled::CannotTell(problem))
                }
                Err(SendError::Platform(e)) => found[i] = Some(Reconciled::CannotTell(problem_of(&e))),
            }
        }
        let oldest = jobs.iter().map(|d| d.job.created_at).min().unwrap_or(i64::MIN);
        let mut page_num = 1;
        let mut taken: HashSet<String> = HashSet::new();
        // Oldest first within what is read: lost sends are older than later ones.
        let mut pages: Vec<Vec<ContentState>> = Vec::new();
        while !sent.is_empty() {
            let page = self.read_page(account_id, conn, page_num, Lane::Publish).await?;
            let ids: Vec<&str> = page.contents.iter().map(|c| c.content_id.as_str()).collect();
            let known = self.store.known_contents(account_id, &ids).await?;
            taken.extend(known.keys().cloned());
            let passed = known.values().any(|k| k.recorded_at.is_some_and(|at| at < oldest));
            let last = page.contents.is_empty() || (page_num * PAGE_SIZE) as u64 >= page.total;
            pages.push(page.contents);
            if passed || last {
                break;
            }
            page_num += 1;
        }
        let contents: Vec<&ContentState> = pages.iter().flatten().collect();
        for (i, request) in sent {
            let hit = contents
                .iter()
                .rev()
                .find(|c| !taken.contains(&c.content_id) && matches_sent(c, &request))
                .map(|c| c.content_id.clone());
            found[i] = Some(match hit {
                Some(id) => {
                    taken.insert(id.clone());
                    Reconciled::Found(id)
                }
                None => Reconciled::Absent,
            });
        }
        Ok(found.into_iter().map(|f| f.expect("every job judged")).collect())
    }

    /// One page of the account's contents, newest first, in its turn.
    /// Reads change nothing, so a page is simply asked again when it fails.
    pub(crate) async fn read_page(
        &self,
        account_id: AccountId,
        conn: &Connection,
        page_num: u32,
        lane: Lane,
    ) -> Result<ContentPage, alipay_open::Error> {
        let query = ContentBatchQuery { page_num, page_size: PAGE_SIZE, need_detail: true, status: None };
        let mut tries = 0;
        loop {
            tries += 1;
            match self.paced(account_id, lane, conn.client.content_page(&query, &conn.opts)).await {
                Ok(page) => return Ok(page),
                Err(e) if tries < READ_TRIES && e.retry() != Retry::Never => {
                    let wait = match e.retry() {
                        Retry::After(d) => d.min(Duration::from_secs(2)),
                        _ => Duration::from_millis(20 * u64::from(tries)),
                    };
                    tokio::time::sleep(wait).await;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// Whether platform content `c` is what `sent` asked for: the same title
/// and text, and the same media when the platform lists them, which tells
/// apart two posts of the same words.
fn matches_sent(c: &ContentState, sent: &ContentPublish) -> bool {
    c.source_title == sent.source_title
        && c.source_content == sent.source_content
        && c.source_media_infos.as_ref().is_none_or(|media| *media == sent.source_media_infos)
}

/// Tries of one read (a page of contents) before giving up for this round.
const READ_TRIES: u32 = 8;

/// Contents per page read (the platform's largest).
pub(crate) const PAGE_SIZE: u32 = 20;
