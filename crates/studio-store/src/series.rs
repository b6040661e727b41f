//! Livestream series: the rule and what new occurrences start with, and
//! their occurrences, each its own livestream with its own announcement.
//! Making, extending, editing from one occurrence on and ending a series
//! each happen in one transaction with the announcements they queue.

use sqlx::{Sqlite, Transaction};
use studio_core::time::ZoneName;
use studio_core::{AccountId, LivePlan, LiveSeries, Livestream, LivestreamStatus};

use crate::livestreams::{
    change_in, insert_livestream, livestream_from_row, withdraw_in, LivestreamRow, NewLivestream, SHOWN_COLUMNS,
};
use crate::{parse_stored, Store, StoreError};

type SeriesRow = (i64, i64, String, i64, String, String, i64, String, i64, Option<i64>);

const SERIES_COLUMNS: &str =
    "id, account_id, rule, first_start, zone, title, minutes, plan, announced_until, ends_before";

fn series_from_row(r: SeriesRow) -> Result<LiveSeries, StoreError> {
    let whose = || format!("livestream series {}", r.0);
    Ok(LiveSeries {
        id: r.0,
        account_id: r.1,
        rule: r.2,
        first_start: r.3,
        zone: parse_stored(|z| ZoneName::parse(z).ok(), &r.4, whose)?,
        title: r.5,
        minutes: r.6.clamp(1, i64::from(u32::MAX)) as u32,
        plan: parse_stored(|p| serde_json::from_str(p).ok(), &r.7, whose)?,
        announced_until: r.8,
        ends_before: r.9,
    })
}

/// A series to make.
#[derive(Debug, Clone)]
pub struct NewSeries<'a> {
    /// The account its occurrences are announced on.
    pub account_id: AccountId,
    /// That account's life account.
    pub public_id: &'a str,
    /// The recurrence rule.
    pub rule: &'a str,
    /// The first occurrence's start.
    pub first_start: i64,
    /// The zone the rule is read in.
    pub zone: &'a ZoneName,
    /// The title of its occurrences.
    pub title: &'a str,
    /// Their length, minutes.
    pub minutes: u32,
    /// Their plan.
    pub plan: &'a LivePlan,
}

/// An occurrence to make: the rule's start for it and our id for its announcement.
#[derive(Debug, Clone)]
pub struct NewOccurrence {
    /// Unix ms the rule gives it (and it starts at).
    pub at: i64,
    /// Our own id for its announcement.
    pub out_advance_id: String,
}

/// What an edit of a series from one occurrence on changes.
#[derive(Debug, Clone)]
pub struct SeriesEdit<'a> {
    /// The title.
    pub title: &'a str,
    /// How far each occurrence moves, ms (a new time of day, another day).
    pub shift_ms: i64,
    /// A new rule, with the occurrences it makes from the edited one on:
    /// the old ones from there are withdrawn.
    pub rule: Option<(&'a str, &'a [NewOccurrence])>,
    /// Occurrences up to here exist once the edit is done.
    pub announced_until: i64,
}

/// How an edit of a series went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesEdited {
    /// Done: the series that now holds the edited occurrence and those after it.
    Done(LiveSeries),
    /// Not an occurrence of a series.
    NotInSeries,
    /// An announcement is on its way; edit once it is announced.
    InFlight,
    /// No such livestream.
    NotFound,
}

async fn insert_occurrences(
    tx: &mut Transaction<'_, Sqlite>,
    series: &LiveSeries,
    public_id: &str,
    occurrences: &[NewOccurrence],
    now: i64,
) -> Result<Vec<Livestream>, StoreError> {
    let mut made = Vec::with_capacity(occurrences.len());
    for o in occurrences {
        let taken: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM livestreams WHERE series_id = ? AND occurrence_at = ?")
                .bind(series.id)
                .bind(o.at)
                .fetch_optional(&mut **tx)
                .await?;
        if taken.is_some() {
            // Made before (and perhaps moved or skipped since): never again.
            continue;
        }
        let new = NewLivestream {
            account_id: series.account_id,
            public_id,
            title: &series.title,
            starts_at: o.at,
            minutes: series.minutes,
            out_advance_id: &o.out_advance_id,
            plan: &series.plan,
        };
        made.push(insert_livestream(tx, &new, Some((series.id, o.at)), now).await?.0);
    }
    Ok(made)
}

/// A livestream's series and the rule's start for it (`None` when no such livestream).
async fn occurrence_of(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
) -> Result<Option<(Option<i64>, Option<i64>)>, StoreError> {
    Ok(sqlx::query_as("SELECT series_id, occurrence_at FROM livestreams WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

async fn series_in(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<Option<LiveSeries>, StoreError> {
    let row: Option<SeriesRow> = sqlx::query_as(&format!("SELECT {SERIES_COLUMNS} FROM live_series WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(series_from_row).transpose()
}

impl Store {
    /// Makes a series and its first occurrences (those up to
    /// `announced_until`), each with its announcement queued. One transaction.
    pub async fn create_series(
        &self,
        new: &NewSeries<'_>,
        occurrences: &[NewOccurrence],
        announced_until: i64,
        now: i64,
    ) -> Result<(LiveSeries, Vec<Livestream>), StoreError> {
        let mut tx = self.begin_write().await?;
        let row: SeriesRow = sqlx::query_as(&format!(
            "INSERT INTO live_series (account_id, rule, first_start, zone, title, minutes, plan, announced_until, \
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {SERIES_COLUMNS}"
        ))
        .bind(new.account_id)
        .bind(new.rule)
        .bind(new.first_start)
        .bind(new.zone.as_str())
        .bind(new.title)
        .bind(new.minutes.max(1))
        .bind(serde_json::to_string(new.plan).expect("plans serialize"))
        .bind(announced_until)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let series = series_from_row(row)?;
        let made = insert_occurrences(&mut tx, &series, new.public_id, occurrences, now).await?;
        tx.commit().await?;
        Ok((series, made))
    }

    /// One series.
    pub async fn live_series(&self, id: i64) -> Result<Option<LiveSeries>, StoreError> {
        let row: Option<SeriesRow> = sqlx::query_as(&format!("SELECT {SERIES_COLUMNS} FROM live_series WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(series_from_row).transpose()
    }

    /// The series of an account (all accounts when `None`), oldest first.
    pub async fn live_series_list(&self, account_id: Option<AccountId>) -> Result<Vec<LiveSeries>, StoreError> {
        let rows: Vec<SeriesRow> = sqlx::query_as(&format!(
            "SELECT {SERIES_COLUMNS} FROM live_series WHERE ?1 IS NULL OR account_id = ?1 ORDER BY id"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(series_from_row).collect()
    }

    /// Adds a series' occurrences that came within the horizon (those made
    /// before, moved or skipped, are not made again) and records how far
    /// it is announced. One transaction.
    pub async fn extend_series(
        &self,
        id: i64,
        public_id: &str,
        occurrences: &[NewOccurrence],
        announced_until: i64,
        now: i64,
    ) -> Result<Vec<Livestream>, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(series) = series_in(&mut tx, id).await? else { return Ok(Vec::new()) };
        let made = insert_occurrences(&mut tx, &series, public_id, occurrences, now).await?;
        sqlx::query("UPDATE live_series SET announced_until = MAX(announced_until, ?), updated_at = ? WHERE id = ?")
            .bind(announced_until)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(made)
    }

    /// The occurrences of a series, by start.
    pub async fn series_occurrences(&self, id: i64) -> Result<Vec<Livestream>, StoreError> {
        let rows: Vec<LivestreamRow> = sqlx::query_as(&format!(
            "SELECT {SHOWN_COLUMNS} FROM livestreams l WHERE l.series_id = ? ORDER BY l.occurrence_at"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(livestream_from_row).collect()
    }

    /// Edits a series from one occurrence on: the series ends before it and
    /// a new one, with the edit, holds it and those after. Occurrences
    /// changed on their own keep their time and title; skipped ones stay
    /// skipped. With a new rule, the old occurrences from there are
    /// withdrawn and the rule's are made. One transaction: nothing of a
    /// refused edit is kept.
    pub async fn edit_series_from(
        &self,
        occurrence_id: i64,
        public_id: &str,
        edit: &SeriesEdit<'_>,
        now: i64,
    ) -> Result<SeriesEdited, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(row) = occurrence_of(&mut tx, occurrence_id).await? else { return Ok(SeriesEdited::NotFound) };
        let (Some(series_id), Some(from)) = row else { return Ok(SeriesEdited::NotInSeries) };
        let Some(old) = series_in(&mut tx, series_id).await? else { return Ok(SeriesEdited::NotInSeries) };
        let following: Vec<(i64, i64, i64, bool, String)> = sqlx::query_as(
            "SELECT id, occurrence_at, starts_at, detached, status FROM livestreams \
             WHERE series_id = ? AND occurrence_at >= ? ORDER BY occurrence_at",
        )
        .bind(series_id)
        .bind(from)
        .fetch_all(&mut *tx)
        .await?;
        let (rule, first_start) = match edit.rule {
            Some((rule, _)) => (rule.to_string(), from + edit.shift_ms),
            None => (old.rule.clone(), from + edit.shift_ms),
        };
        let row: SeriesRow = sqlx::query_as(&format!(
            "INSERT INTO live_series (account_id, rule, first_start, zone, title, minutes, plan, announced_until, \
             ends_before, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {SERIES_COLUMNS}"
        ))
        .bind(old.account_id)
        .bind(&rule)
        .bind(first_start)
        .bind(old.zone.as_str())
        .bind(edit.title)
        .bind(old.minutes)
        .bind(serde_json::to_string(&old.plan).expect("plans serialize"))
        .bind(edit.announced_until)
        .bind(old.ends_before.map(|e| e + edit.shift_ms))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let new = series_from_row(row)?;
        sqlx::query("UPDATE live_series SET ends_before = ?, updated_at = ? WHERE id = ?")
            .bind(from)
            .bind(now)
            .bind(series_id)
            .execute(&mut *tx)
            .await?;
        for (id, occurrence_at, starts_at, detached, status) in following {
            let withdrawn = status == LivestreamStatus::Withdrawn.as_str();
            if let Some((_, _)) = edit.rule {
                // Another rule: the old occurrences from here go.
                if !withdrawn {
                    use crate::livestreams::LivestreamWithdrawal as W;
                    if let W::InFlight = withdraw_in(&mut tx, id, public_id, now).await? {
                        return Ok(SeriesEdited::InFlight);
                    }
                }
                continue;
            }
            if !withdrawn && !detached {
                use crate::livestreams::LivestreamChange as C;
                match change_in(&mut tx, id, public_id, edit.title, starts_at + edit.shift_ms, now).await? {
                    C::InFlight => return Ok(SeriesEdited::InFlight),
                    C::Queued(_) | C::Changed | C::Withdrawn | C::NotFound => {}
                }
            }
            sqlx::query("UPDATE livestreams SET series_id = ?, occurrence_at = ? WHERE id = ?")
                .bind(new.id)
                .bind(occurrence_at + edit.shift_ms)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some((_, occurrences)) = edit.rule {
            insert_occurrences(&mut tx, &new, public_id, occurrences, now).await?;
        }
        tx.commit().await?;
        Ok(SeriesEdited::Done(new))
    }

    /// Keeps a plan and length for a series from one occurrence on: the
    /// occurrence, the series' later occurrences not changed on their own,
    /// and those still to be made. One transaction.
    pub async fn set_series_plan_from(
        &self,
        occurrence_id: i64,
        minutes: u32,
        plan: &LivePlan,
        now: i64,
    ) -> Result<(), StoreError> {
        let plan = serde_json::to_string(plan).expect("plans serialize");
        let mut tx = self.begin_write().await?;
        if let Some((Some(series_id), Some(from))) = occurrence_of(&mut tx, occurrence_id).await? {
            sqlx::query(
                "UPDATE livestreams SET minutes = ?, plan = ?, updated_at = ? \
                 WHERE series_id = ? AND occurrence_at > ? AND detached = 0",
            )
            .bind(minutes.max(1))
            .bind(&plan)
            .bind(now)
            .bind(series_id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE live_series SET minutes = ?, plan = ?, updated_at = ? WHERE id = ?")
                .bind(minutes.max(1))
                .bind(&plan)
                .bind(now)
                .bind(series_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE livestreams SET minutes = ?, plan = ?, updated_at = ? WHERE id = ?")
            .bind(minutes.max(1))
            .bind(&plan)
            .bind(now)
            .bind(occurrence_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
