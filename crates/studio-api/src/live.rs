//! Livestreams and the life account's profile: planned here, announced
//! and audited on the platform through the outbox.

use studio_core::media::MediaKind;
use studio_core::rules::{
    ALIPAY_PROFILE_NAME_CHARS, ALIPAY_PROFILE_SHOP_PHOTOS_MAX, LIVESTREAM_DEFAULT_MINUTES, LIVESTREAM_MAX_MINUTES,
};
use studio_core::{Account, AccountId, LivePlan, LiveProfile, Livestream, ProfileEdit, ProfileFields};
use studio_store::{LivestreamChange, LivestreamWithdrawal, NewLivestream};

use crate::sheet::{run_sheet, SheetFormat};

use crate::error::ProfileProblem;
use crate::{now_ms, Studio, StudioError, StudioResult};

impl Studio {
    /// Plans a livestream on an account (the publishing account when none),
    /// running `minutes` (two hours when none), and queues its announcement.
    pub async fn plan_livestream(
        &self,
        title: String,
        starts_at: i64,
        minutes: Option<u32>,
        account_id: Option<AccountId>,
    ) -> StudioResult<Livestream> {
        let (title, now) = check_livestream(title, starts_at)?;
        let minutes = minutes.unwrap_or(LIVESTREAM_DEFAULT_MINUTES).clamp(1, LIVESTREAM_MAX_MINUTES);
        let account = self.account_or_default(account_id).await?;
        let public_id = live_public_id(&account)?;
        // Our own id: the platform treats a repeat of it as the same announcement.
        let out_advance_id = format!("studio-{}-{now}-{}", account.id, std::process::id());
        let new = NewLivestream {
            account_id: account.id,
            public_id: &public_id,
            title: &title,
            starts_at,
            minutes,
            out_advance_id: &out_advance_id,
            plan: &LivePlan::default(),
        };
        let (live, _) = self.store.plan_livestream(&new, now).await?;
        self.worker_wake();
        self.find_livestream(live.id).await
    }

    /// Keeps a livestream's plan (description, cover, offers, run sheet,
    /// checklist) and its planned length, all the studio's own: nothing
    /// goes to the platform. Refused whole, with the reason, when any part
    /// does not hold (a run sheet longer than the stream, too many offers,
    /// a cover that is not a picture).
    pub async fn save_livestream_plan(&self, id: i64, minutes: u32, plan: LivePlan) -> StudioResult<Livestream> {
        if !(1..=LIVESTREAM_MAX_MINUTES).contains(&minutes) {
            return Err(StudioError::LiveLength { max: LIVESTREAM_MAX_MINUTES });
        }
        let plan = plan.tidied();
        plan.check(minutes).map_err(StudioError::LivePlan)?;
        for text in std::iter::once(&plan.description)
            .chain(plan.segments.iter().flat_map(|s| [&s.title, &s.notes]))
            .chain(plan.products.iter().flat_map(|p| [&p.offer.label, &p.note, &p.price]))
            .chain(plan.checklist.iter().map(|c| &c.text))
        {
            studio_core::draft::check_body(text)?;
        }
        if let Some(hash) = &plan.cover {
            let asset =
                self.store.asset(hash).await?.ok_or_else(|| StudioError::AssetNotFound { hash: hash.to_string() })?;
            if asset.kind != MediaKind::Image {
                return Err(StudioError::LiveCoverNotAPicture);
            }
        }
        let live = self.find_livestream(id).await?;
        if live.series_id.is_some() {
            // An occurrence's plan is the series' from here on.
            self.store.set_series_plan_from(id, minutes, &plan, now_ms()).await?;
            return self.find_livestream(id).await;
        }
        self.store
            .set_livestream_plan(id, minutes, &plan, now_ms())
            .await?
            .ok_or(StudioError::LivestreamNotFound { id })
    }

    /// Plans a copy of a livestream starting at `starts_at`: its title,
    /// length and plan (checklist unticked), not its platform ids; its own
    /// announcement is queued.
    pub async fn duplicate_livestream(&self, id: i64, starts_at: i64) -> StudioResult<Livestream> {
        let original = self.find_livestream(id).await?;
        let (title, now) = check_livestream(original.title.clone(), starts_at)?;
        let account = self.account_or_default(Some(original.account_id)).await?;
        let public_id = live_public_id(&account)?;
        let mut plan = original.plan.clone();
        for item in &mut plan.checklist {
            item.done = false;
        }
        let out_advance_id = format!("studio-{}-{now}-{}-{id}", account.id, std::process::id());
        let new = NewLivestream {
            account_id: account.id,
            public_id: &public_id,
            title: &title,
            starts_at,
            minutes: original.minutes,
            out_advance_id: &out_advance_id,
            plan: &plan,
        };
        let (live, _) = self.store.plan_livestream(&new, now).await?;
        self.worker_wake();
        self.find_livestream(live.id).await
    }

    /// A livestream's run sheet as text: Markdown, or a printable HTML page.
    pub async fn run_sheet_text(&self, id: i64, html: bool) -> StudioResult<String> {
        let live = self.find_livestream(id).await?;
        let account = self.account_or_default(Some(live.account_id)).await?;
        let format = if html { SheetFormat::Html } else { SheetFormat::Markdown };
        Ok(run_sheet(&live, &account.time_zone, self.lang(), format))
    }

    /// Writes a livestream's run sheet to `path`: HTML for `.html`/`.htm`,
    /// Markdown otherwise.
    pub async fn export_run_sheet(&self, id: i64, path: String) -> StudioResult<()> {
        let html = SheetFormat::for_path(&path) == SheetFormat::Html;
        let text = self.run_sheet_text(id, html).await?;
        crate::calendar::write_file(&path, text.as_bytes()).map_err(|source| StudioError::SheetFile { path, source })
    }

    /// Changes a livestream's title and start. An announced one is changed
    /// on the platform (`live.advance.modify`); one not yet announced goes
    /// out as changed.
    pub async fn change_livestream(&self, id: i64, title: String, starts_at: i64) -> StudioResult<Livestream> {
        let (title, now) = check_livestream(title, starts_at)?;
        let live = self.find_livestream(id).await?;
        let public_id = self.livestream_public_id(&live).await?;
        match self.store.change_livestream(id, &public_id, &title, starts_at, now).await? {
            LivestreamChange::NotFound => return Err(StudioError::LivestreamNotFound { id }),
            LivestreamChange::InFlight => return Err(StudioError::LivestreamInFlight { id }),
            LivestreamChange::Withdrawn => return Err(StudioError::LivestreamWithdrawn { id }),
            LivestreamChange::Queued(_) | LivestreamChange::Changed => self.worker_wake(),
        }
        self.find_livestream(id).await
    }

    /// The livestreams of an account (the publishing account when none), latest start first.
    pub async fn list_livestreams(&self, account_id: Option<AccountId>) -> StudioResult<Vec<Livestream>> {
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.livestreams(account.id).await?)
    }

    /// Withdraws a livestream's announcement (cancelled outright when it
    /// was never sent).
    pub async fn withdraw_livestream(&self, id: i64) -> StudioResult<Livestream> {
        let live = self.find_livestream(id).await?;
        let public_id = self.livestream_public_id(&live).await?;
        match self.store.withdraw_livestream(id, &public_id, now_ms()).await? {
            LivestreamWithdrawal::NotFound => return Err(StudioError::LivestreamNotFound { id }),
            LivestreamWithdrawal::InFlight => return Err(StudioError::LivestreamInFlight { id }),
            LivestreamWithdrawal::Queued(_) => self.worker_wake(),
            LivestreamWithdrawal::Withdrawn | LivestreamWithdrawal::AlreadyWithdrawn => {}
        }
        self.find_livestream(id).await
    }

    /// One livestream.
    pub async fn livestream(&self, id: i64) -> StudioResult<Livestream> {
        self.find_livestream(id).await
    }

    pub(crate) async fn find_livestream(&self, id: i64) -> StudioResult<Livestream> {
        self.store.livestream(id).await?.ok_or(StudioError::LivestreamNotFound { id })
    }

    /// The life account a livestream was announced on.
    async fn livestream_public_id(&self, live: &Livestream) -> StudioResult<String> {
        let account = self.account_or_default(Some(live.account_id)).await?;
        // A livestream that went out was planned on an account with one.
        Ok(account.live_public_id().unwrap_or_default())
    }

    /// Submits a profile edit on an account (the publishing account when
    /// none) for the platform's audit; edits go in the order made.
    pub async fn submit_profile_edit(
        &self,
        fields: ProfileFields,
        account_id: Option<AccountId>,
    ) -> StudioResult<ProfileEdit> {
        let clean = |v: Option<String>| v.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let fields = ProfileFields {
            app_name: clean(fields.app_name),
            introduction: clean(fields.introduction),
            public_greeting: clean(fields.public_greeting),
            logo: fields.logo,
            background: fields.background,
            shop_photos: fields.shop_photos.filter(|p| !p.is_empty()),
        };
        if fields == ProfileFields::default() {
            return Err(StudioError::ProfileEdit(ProfileProblem::Nothing));
        }
        if let Some(name) = &fields.app_name {
            let len = name.chars().count();
            if !ALIPAY_PROFILE_NAME_CHARS.contains(&len) {
                let (min, max) = (*ALIPAY_PROFILE_NAME_CHARS.start(), *ALIPAY_PROFILE_NAME_CHARS.end());
                return Err(StudioError::ProfileEdit(ProfileProblem::NameLength { min, max, len }));
            }
        }
        for text in [&fields.app_name, &fields.introduction, &fields.public_greeting].into_iter().flatten() {
            studio_core::draft::check_body(text)?;
        }
        if fields.shop_photos.as_ref().is_some_and(|p| p.len() > ALIPAY_PROFILE_SHOP_PHOTOS_MAX) {
            let max = ALIPAY_PROFILE_SHOP_PHOTOS_MAX;
            return Err(StudioError::ProfileEdit(ProfileProblem::TooManyShopPhotos { max }));
        }
        for (hash, _) in fields.pictures() {
            let asset =
                self.store.asset(hash).await?.ok_or_else(|| StudioError::AssetNotFound { hash: hash.to_string() })?;
            if asset.kind != MediaKind::Image {
                return Err(StudioError::ProfileEdit(ProfileProblem::NotAPicture));
            }
        }
        let account = self.account_or_default(account_id).await?;
        let (edit, _) = self.store.submit_profile_edit(account.id, &fields, now_ms()).await?;
        self.worker_wake();
        Ok(edit)
    }

    /// Keeps the profile edit being written on an account (the publishing
    /// account when none), as typed; submitting it clears it.
    pub async fn save_profile_draft(
        &self,
        fields: ProfileFields,
        account_id: Option<AccountId>,
    ) -> StudioResult<ProfileFields> {
        for text in [&fields.app_name, &fields.introduction, &fields.public_greeting].into_iter().flatten() {
            studio_core::draft::check_body(text)?;
        }
        let account = self.account_or_default(account_id).await?;
        self.store.save_profile_draft(account.id, &fields, now_ms()).await?;
        Ok(fields)
    }

    /// The profile edit being written on an account, if any.
    pub async fn profile_draft(&self, account_id: Option<AccountId>) -> StudioResult<Option<ProfileFields>> {
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.profile_draft(account.id).await?)
    }

    /// What the platform showed of an account's profile (the publishing
    /// account when none) when last read; the sync worker reads it every few
    /// minutes, and a sync reads it at once. `None` before the first read.
    pub async fn live_profile(&self, account_id: Option<AccountId>) -> StudioResult<Option<LiveProfile>> {
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.live_profile(account.id).await?)
    }

    /// The profile edits of an account (the publishing account when none), newest first.
    pub async fn list_profile_edits(&self, account_id: Option<AccountId>) -> StudioResult<Vec<ProfileEdit>> {
        let account = self.account_or_default(account_id).await?;
        let mut edits = self.store.profile_edits(account.id).await?;
        edits.reverse();
        Ok(edits)
    }
}

/// A livestream's title, trimmed, and the time now, or why they cannot be used.
pub(crate) fn check_livestream(title: String, starts_at: i64) -> StudioResult<(String, i64)> {
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err(StudioError::LiveTitleEmpty);
    }
    studio_core::draft::check_title(&title)?;
    let now = now_ms();
    if starts_at <= now {
        return Err(StudioError::LiveInPast);
    }
    Ok((title, now))
}

/// The life account an account's livestreams are announced on.
pub(crate) fn live_public_id(account: &Account) -> StudioResult<String> {
    account.live_public_id().ok_or(StudioError::LivePublicIdMissing { id: account.id })
}
