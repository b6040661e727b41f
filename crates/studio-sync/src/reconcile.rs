//! Publishes whose answer was lost: the account's contents are searched for
//! what was sent before anything is sent again.

use std::collections::HashSet;
use std::time::Duration;

use alipay_open::methods::{ContentBatchQuery, ContentPublish, ContentState};
use alipay_open::Retry;
use studio_core::{AccountId, JobPayload, JobProblem};
use studio_store::DueJob;

use crate::engine::{Connection, Engine};
use crate::judge::{problem_of, SendError};
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
    /// to the library, each content matched at most once.
    pub(crate) async fn reconcile(
        &self,
        account_id: AccountId,
        conn: &Connection,
        jobs: &[DueJob],
    ) -> Result<Vec<Reconciled>, SyncError> {
        let contents = all_contents(conn).await?;
        let mut taken: HashSet<String> = self.store.known_content_ids(account_id).await?.into_iter().collect();
        let files = Files { store: self.store.clone(), media: None };
        let mut found = Vec::with_capacity(jobs.len());
        for due in jobs {
            let JobPayload::Publish(post) = &due.payload else {
                found.push(Reconciled::CannotTell(JobProblem::Corrupt { detail: "not a publish".into() }));
                continue;
            };
            // What was sent named the media by the file ids their uploads recorded.
            let sent = match files.post_file_ids(account_id, post).await {
                Ok(ids) => request::publish(post, ids),
                Err(SendError::Blocked(problem) | SendError::Local(problem)) => {
                    found.push(Reconciled::CannotTell(problem));
                    continue;
                }
                Err(SendError::Platform(e)) => {
                    found.push(Reconciled::CannotTell(problem_of(&e)));
                    continue;
                }
            };
            let hit = contents
                .iter()
                .rev() // oldest first: lost sends are older than later ones
                .find(|c| !taken.contains(&c.content_id) && matches_sent(c, &sent))
                .map(|c| c.content_id.clone());
            found.push(match hit {
                Some(id) => {
                    taken.insert(id.clone());
                    Reconciled::Found(id)
                }
                None => Reconciled::Absent,
            });
        }
        Ok(found)
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

/// Every content of the account, newest first (batchquery pages of 20).
/// Reads change nothing, so each page is simply asked again when it fails.
pub(crate) async fn all_contents(conn: &Connection) -> Result<Vec<ContentState>, alipay_open::Error> {
    let mut all = Vec::new();
    let mut page_num = 1;
    loop {
        let query = ContentBatchQuery { page_num, page_size: 20, need_detail: true, status: None };
        let mut tries = 0;
        let page = loop {
            tries += 1;
            match conn.client.content_page(&query, &conn.opts).await {
                Ok(page) => break page,
                Err(e) if tries < READ_TRIES && e.retry() != Retry::Never => {
                    let wait = match e.retry() {
                        Retry::After(d) => d.min(Duration::from_secs(2)),
                        _ => Duration::from_millis(20 * u64::from(tries)),
                    };
                    tokio::time::sleep(wait).await;
                }
                Err(e) => return Err(e),
            }
        };
        let n = page.contents.len();
        all.extend(page.contents);
        if n == 0 || all.len() as u64 >= page.total {
            break;
        }
        page_num += 1;
    }
    Ok(all)
}
