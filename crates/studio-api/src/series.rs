//! Livestreams that repeat: a series is planned from a first start and a
//! recurrence rule; its occurrences within the horizon (8 weeks) are
//! announced at once, later ones as time passes (`extend_series`, run by
//! the sync worker). An occurrence is edited alone, with those after it,
//! or with every one not yet started; skipping one withdraws its
//! announcement.

use studio_core::series::{normalize_rule, occurrences, LIVE_SERIES_AHEAD_MAX, LIVE_SERIES_HORIZON_DAYS};
use studio_core::{Account, AccountId, LivePlan, LiveSeries, Livestream, LivestreamStatus, SeriesProblem};
use studio_store::{NewOccurrence, NewSeries, SeriesEdit, SeriesEdited, Store};

use crate::{Studio, StudioError, StudioResult};

const DAY_MS: i64 = 86_400_000;

studio_core::vocabulary! {
    /// Which occurrences of a series an edit changes.
    pub enum SeriesScope {
        /// This one alone.
        One,
        /// This one and every one after it.
        Following,
        /// Every occurrence not yet started.
        All,
    }
}

/// A series planned, with the occurrences announced so far.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PlannedSeries {
    /// The series.
    pub series: LiveSeries,
    /// Its occurrences made now, by start.
    pub occurrences: Vec<Livestream>,
}

/// Our own ids for the announcements of `starts`.
fn new_occurrences(account_id: AccountId, starts: &[i64], now: i64) -> Vec<NewOccurrence> {
    starts
        .iter()
        .map(|&at| NewOccurrence {
            at,
            out_advance_id: format!("studio-{account_id}-{now}-{}-{at}", std::process::id()),
        })
        .collect()
}

/// The horizon's end at `now`.
fn horizon(now: i64) -> i64 {
    now + LIVE_SERIES_HORIZON_DAYS * DAY_MS
}

impl Studio {
    /// Plans a repeating livestream: `rule` (RFC 5545 RRULE, e.g.
    /// `FREQ=WEEKLY;BYDAY=SA`) from `first_start`, read in the account's
    /// zone. The occurrences within the next 8 weeks (at most 60) are
    /// planned and announced now; later ones as time passes. A rule with no
    /// occurrence from now on, or more often than daily, is refused.
    pub async fn plan_live_series(
        &self,
        title: String,
        first_start: i64,
        rule: String,
        minutes: Option<u32>,
        account_id: Option<AccountId>,
    ) -> StudioResult<PlannedSeries> {
        let (title, now) = crate::live::check_livestream(title, first_start)?;
        // The rule's times are whole seconds.
        let first_start = first_start - first_start.rem_euclid(1_000);
        let minutes = minutes.unwrap_or(studio_core::rules::LIVESTREAM_DEFAULT_MINUTES);
        if !(1..=studio_core::rules::LIVESTREAM_MAX_MINUTES).contains(&minutes) {
            return Err(StudioError::LiveLength { max: studio_core::rules::LIVESTREAM_MAX_MINUTES });
        }
        let account = self.account_or_default(account_id).await?;
        let public_id = crate::live::live_public_id(&account)?;
        let rule = normalize_rule(&rule);
        let starts = occurrences(&rule, first_start, &account.time_zone, now, horizon(now), LIVE_SERIES_AHEAD_MAX)
            .map_err(StudioError::LiveSeries)?;
        if starts.is_empty() {
            return Err(StudioError::LiveSeries(SeriesProblem::NoOccurrences));
        }
        let announced_until = announced_until(&starts, now);
        let new = NewSeries {
            account_id: account.id,
            public_id: &public_id,
            rule: &rule,
            first_start,
            zone: &account.time_zone,
            title: &title,
            minutes,
            plan: &LivePlan::default(),
        };
        let (series, _) =
            self.store.create_series(&new, &new_occurrences(account.id, &starts, now), announced_until, now).await?;
        self.worker_wake();
        let occurrences = self.store.series_occurrences(series.id).await?;
        Ok(PlannedSeries { series, occurrences })
    }

    /// The series of an account (every account when none).
    pub async fn list_live_series(&self, account_id: Option<AccountId>) -> StudioResult<Vec<LiveSeries>> {
        Ok(self.store.live_series_list(account_id).await?)
    }

    /// A series with its occurrences.
    pub async fn live_series(&self, id: i64) -> StudioResult<PlannedSeries> {
        let series = self.store.live_series(id).await?.ok_or(StudioError::SeriesNotFound { id })?;
        let occurrences = self.store.series_occurrences(id).await?;
        Ok(PlannedSeries { series, occurrences })
    }

    /// Edits an occurrence of a series to `title` at `starts_at`: alone
    /// (it then keeps its own time and title), with the ones after it, or
    /// with every one not yet started; they move by as much as it does. A
    /// new `rule` (with `Following` or `All`) withdraws the old occurrences
    /// from there and announces the new rule's.
    pub async fn edit_live_series(
        &self,
        occurrence_id: i64,
        scope: SeriesScope,
        title: String,
        starts_at: i64,
        rule: Option<String>,
    ) -> StudioResult<Livestream> {
        let live = self.find_livestream(occurrence_id).await?;
        if scope == SeriesScope::One {
            return self.change_livestream(occurrence_id, title, starts_at).await;
        }
        let series_id = live.series_id.ok_or(StudioError::NotInSeries { id: occurrence_id })?;
        let (title, now) = crate::live::check_livestream(title, starts_at)?;
        let shift_ms = starts_at - live.starts_at;
        // Every one not yet started: from the first of those.
        let from = match scope {
            SeriesScope::All => self
                .store
                .series_occurrences(series_id)
                .await?
                .into_iter()
                .find(|o| o.starts_at > now && o.status != LivestreamStatus::Withdrawn)
                .unwrap_or(live),
            _ => live,
        };
        let account = self.account_or_default(Some(from.account_id)).await?;
        let public_id = crate::live::live_public_id(&account)?;
        let series = self.store.live_series(series_id).await?.ok_or(StudioError::SeriesNotFound { id: series_id })?;
        let rule = rule.map(|r| normalize_rule(&r)).filter(|r| *r != series.rule);
        let mut made = Vec::new();
        let announced_until = match &rule {
            Some(rule) => {
                let first = from.starts_at + shift_ms;
                let starts = occurrences(rule, first, &account.time_zone, now, horizon(now), LIVE_SERIES_AHEAD_MAX)
                    .map_err(StudioError::LiveSeries)?;
                if starts.is_empty() {
                    return Err(StudioError::LiveSeries(SeriesProblem::NoOccurrences));
                }
                made = new_occurrences(account.id, &starts, now);
                announced_until(&starts, now)
            }
            None => series.announced_until + shift_ms,
        };
        let edit = SeriesEdit {
            title: &title,
            shift_ms,
            rule: rule.as_deref().map(|r| (r, made.as_slice())),
            announced_until,
        };
        match self.store.edit_series_from(from.id, &public_id, &edit, now).await? {
            SeriesEdited::Done(_) => {}
            SeriesEdited::NotInSeries => return Err(StudioError::NotInSeries { id: occurrence_id }),
            SeriesEdited::InFlight => return Err(StudioError::LivestreamInFlight { id: from.id }),
            SeriesEdited::NotFound => return Err(StudioError::LivestreamNotFound { id: occurrence_id }),
        }
        self.worker_wake();
        self.find_livestream(occurrence_id).await
    }

    /// Announces the occurrences of every series that came within the
    /// horizon as it stands at `as_of` (Unix ms; the sync worker passes the
    /// time now); returns how many were planned.
    pub async fn extend_live_series(&self, as_of: i64) -> StudioResult<usize> {
        let planned = extend_all(&self.store, as_of, crate::now_ms()).await?;
        if planned > 0 {
            self.worker_wake();
        }
        Ok(planned)
    }

    /// The livestreams of an account that would overlap one starting at
    /// `starts_at` for `minutes` (withdrawn ones aside, `except` aside).
    pub async fn livestream_overlaps(
        &self,
        account_id: Option<AccountId>,
        starts_at: i64,
        minutes: u32,
        except: Option<i64>,
    ) -> StudioResult<Vec<Livestream>> {
        let account = self.account_or_default(account_id).await?;
        let ends_at = starts_at + i64::from(minutes) * 60_000;
        Ok(self
            .store
            .livestreams(account.id)
            .await?
            .into_iter()
            .filter(|l| Some(l.id) != except)
            .filter(|l| !matches!(l.status, LivestreamStatus::Withdrawn | LivestreamStatus::Withdrawing))
            .filter(|l| l.starts_at < ends_at && starts_at < l.starts_at + i64::from(l.minutes) * 60_000)
            .collect())
    }
}

/// How far a series is announced once `starts` are: the horizon, or the
/// last start when the cap stopped short of it.
fn announced_until(starts: &[i64], now: i64) -> i64 {
    if starts.len() >= LIVE_SERIES_AHEAD_MAX {
        starts.last().copied().unwrap_or(now)
    } else {
        horizon(now)
    }
}

/// [`Studio::extend_live_series`] on a store: each series whose announced
/// range ends before the horizon at `as_of` gets the occurrences up to it,
/// recorded at `now`.
pub(crate) async fn extend_all(store: &Store, as_of: i64, now: i64) -> Result<usize, studio_store::StoreError> {
    let mut planned = 0;
    let accounts: Vec<Account> = store.accounts().await?;
    for series in store.live_series_list(None).await? {
        let until = series.ends_before.map_or(horizon(as_of), |e| e.min(horizon(as_of)));
        if series.announced_until >= until {
            continue;
        }
        let Some(account) = accounts.iter().find(|a| a.id == series.account_id) else { continue };
        let Some(public_id) = account.live_public_id() else { continue };
        let ahead = store
            .series_occurrences(series.id)
            .await?
            .iter()
            .filter(|o| o.starts_at > as_of && o.status != LivestreamStatus::Withdrawn)
            .count();
        let room = LIVE_SERIES_AHEAD_MAX.saturating_sub(ahead);
        let from = series.announced_until.max(as_of) + 1;
        let starts = match occurrences(&series.rule, series.first_start, &series.zone, from, until, room) {
            Ok(starts) => starts,
            // A rule that no longer reads (it was checked when made) is left as it is.
            Err(_) => continue,
        };
        let reached =
            if starts.len() >= room { starts.last().copied().unwrap_or(series.announced_until) } else { until };
        let made = store
            .extend_series(series.id, &public_id, &new_occurrences(series.account_id, &starts, now), reached, now)
            .await?;
        planned += made.len();
    }
    Ok(planned)
}
