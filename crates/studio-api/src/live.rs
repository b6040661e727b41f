//! Livestreams and the life account's profile: planned here, announced
//! and audited on the platform through the outbox.

use serde::{Deserialize, Serialize};
use studio_core::media::{MediaKind, MediaRuleName};
use studio_core::rules::{ALIPAY_PROFILE_NAME_CHARS, ALIPAY_PROFILE_SHOP_PHOTOS_MAX};
use studio_core::AccountId;
use studio_store::{Livestream, LivestreamChange, LivestreamWithdrawal, ProfileEdit};
use ts_rs::TS;

use crate::error::ProfileProblem;
use crate::{now_ms, ApiResult, Studio, StudioError};

/// Where a livestream's announcement (直播预告) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LivestreamStatus {
    /// Planned; its announcement waits in the outbox.
    Planned,
    /// Announced on the platform.
    Announced,
    /// A change of its title or time waits to reach the platform.
    Changing,
    /// Its withdrawal waits in the outbox.
    Withdrawing,
    /// Withdrawn (or cancelled before it was sent).
    Withdrawn,
    /// The platform refused the announcement; Activity says why.
    Failed,
}

/// A livestream as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LivestreamPlan {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account it is announced on.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// Its title.
    pub title: String,
    /// Unix milliseconds it starts at.
    #[ts(type = "number")]
    pub starts_at: i64,
    /// Where its announcement stands.
    pub status: LivestreamStatus,
}

/// The parts of a life account's profile that can be edited: text, and
/// pictures from the media library (by content hash), which go up as the
/// platform's profile renditions before the edit is submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileFields {
    /// The account's name (2–20 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app_name: Option<String>,
    /// The introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub introduction: Option<String>,
    /// The greeting followers get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub public_greeting: Option<String>,
    /// The logo (320×320), a library picture's hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub logo: Option<String>,
    /// The background (1600×1000), a library picture's hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub background: Option<String>,
    /// Shop photos, library pictures' hashes in order; they replace the
    /// profile's photos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub shop_photos: Option<Vec<String>>,
}

/// Where a profile edit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileEditStatus {
    /// Waiting in the outbox.
    Submitting,
    /// The platform is auditing it.
    Auditing,
    /// Approved: the profile shows it.
    Approved,
    /// Refused; `audit_desc` says why. The text stays here to fix and send again.
    Rejected,
    /// Could not be submitted; Activity says why.
    Failed,
    /// Cancelled before it was sent.
    Cancelled,
}

/// A profile edit and its audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileEditInfo {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// What it changes.
    pub fields: ProfileFields,
    /// Where it stands.
    pub status: ProfileEditStatus,
    /// The audit's words.
    pub audit_desc: String,
}

impl Studio {
    async fn livestream_plan(&self, live: Livestream) -> ApiResult<LivestreamPlan> {
        let withdrawing = self.store.livestream_withdrawing(live.id).await.map_err(|e| self.fail(e))?;
        let changing = self.store.livestream_changing(live.id).await.map_err(|e| self.fail(e))?;
        let status = match live.status.as_str() {
            _ if withdrawing => LivestreamStatus::Withdrawing,
            _ if changing => LivestreamStatus::Changing,
            "announced" => LivestreamStatus::Announced,
            "withdrawn" => LivestreamStatus::Withdrawn,
            "failed" => LivestreamStatus::Failed,
            _ => LivestreamStatus::Planned,
        };
        Ok(LivestreamPlan {
            id: live.id,
            account_id: live.account_id,
            title: live.title,
            starts_at: live.starts_at,
            status,
        })
    }

    /// Plans a livestream on an account (the publishing account when none)
    /// and queues its announcement.
    pub async fn plan_livestream(
        &self,
        title: String,
        starts_at: i64,
        account_id: Option<AccountId>,
    ) -> ApiResult<LivestreamPlan> {
        let (title, now) = self.check_livestream(title, starts_at)?;
        let account = self.account_or_default(account_id).await?;
        let public_id =
            live_public_id(&account).ok_or_else(|| self.fail(StudioError::LivePublicIdMissing { id: account.id }))?;
        // Our own id: the platform treats a repeat of it as the same announcement.
        let out_advance_id = format!("studio-{}-{now}-{}", account.id, std::process::id());
        let payload = serde_json::to_string(&studio_sync::live_request(&public_id, &title, starts_at, &out_advance_id))
            .expect("an announcement is strings, which always serialize");
        let (live, _) = self
            .store
            .plan_livestream(account.id, &title, starts_at, &out_advance_id, &payload, now)
            .await
            .map_err(|e| self.fail(e))?;
        self.worker_wake();
        self.livestream_plan(live).await
    }

    /// Changes a livestream's title and start. An announced one is changed
    /// on the platform (`live.advance.modify`); one not yet announced goes
    /// out as changed.
    pub async fn change_livestream(&self, id: i64, title: String, starts_at: i64) -> ApiResult<LivestreamPlan> {
        let (title, now) = self.check_livestream(title, starts_at)?;
        let live = self.find_livestream(id).await?;
        let account = self.account_or_default(Some(live.account_id)).await?;
        let public_id = live_public_id(&account).unwrap_or_default();
        let create = |live: &Livestream| {
            serde_json::to_string(&studio_sync::live_request(
                &public_id,
                &live.title,
                live.starts_at,
                &live.out_advance_id,
            ))
            .expect("an announcement is strings, which always serialize")
        };
        let modify = |live: &Livestream| {
            serde_json::to_string(&studio_sync::live_change(&public_id, live))
                .expect("a change is strings, which always serialize")
        };
        match self
            .store
            .change_livestream(id, &title, starts_at, create, modify, now)
            .await
            .map_err(|e| self.fail(e))?
        {
            LivestreamChange::NotFound => return Err(self.fail(StudioError::LivestreamNotFound { id })),
            LivestreamChange::InFlight => return Err(self.fail(StudioError::LivestreamInFlight { id })),
            LivestreamChange::Withdrawn => return Err(self.fail(StudioError::LivestreamWithdrawn { id })),
            LivestreamChange::Queued(_) | LivestreamChange::Changed => self.worker_wake(),
        }
        let live = self.find_livestream(id).await?;
        self.livestream_plan(live).await
    }

    /// A livestream's title, trimmed, and the time now, or why they cannot be used.
    fn check_livestream(&self, title: String, starts_at: i64) -> ApiResult<(String, i64)> {
        let title = title.trim().to_string();
        if title.is_empty() {
            return Err(self.fail(StudioError::LiveTitleEmpty));
        }
        studio_core::draft::check_title(&title).map_err(|e| self.fail(e))?;
        let now = now_ms();
        if starts_at <= now {
            return Err(self.fail(StudioError::LiveInPast));
        }
        Ok((title, now))
    }

    /// The livestreams of an account (the publishing account when none), soonest last.
    pub async fn list_livestreams(&self, account_id: Option<AccountId>) -> ApiResult<Vec<LivestreamPlan>> {
        let account = self.account_or_default(account_id).await?;
        let mut lives = self.store.livestreams(account.id).await.map_err(|e| self.fail(e))?;
        lives.sort_by_key(|l| std::cmp::Reverse(l.starts_at));
        let mut plans = Vec::with_capacity(lives.len());
        for live in lives {
            plans.push(self.livestream_plan(live).await?);
        }
        Ok(plans)
    }

    /// Withdraws a livestream's announcement (cancelled outright when it
    /// was never sent).
    pub async fn withdraw_livestream(&self, id: i64) -> ApiResult<LivestreamPlan> {
        let live = self.find_livestream(id).await?;
        let account = self.account_or_default(Some(live.account_id)).await?;
        let public_id = live_public_id(&account).unwrap_or_default();
        let build = |live: &Livestream| {
            serde_json::to_string(&alipay_open::methods::LiveAdvanceDelete {
                alipay_advance_id: live.advance_id.clone().unwrap_or_default(),
                alipay_public_id: public_id,
                reason: "直播取消".to_string(),
            })
            .expect("a withdrawal is strings, which always serialize")
        };
        match self.store.withdraw_livestream(id, build, now_ms()).await.map_err(|e| self.fail(e))? {
            LivestreamWithdrawal::NotFound => return Err(self.fail(StudioError::LivestreamNotFound { id })),
            LivestreamWithdrawal::InFlight => return Err(self.fail(StudioError::LivestreamInFlight { id })),
            LivestreamWithdrawal::Queued(_) => self.worker_wake(),
            LivestreamWithdrawal::Withdrawn | LivestreamWithdrawal::AlreadyWithdrawn => {}
        }
        let live = self.find_livestream(id).await?;
        self.livestream_plan(live).await
    }

    async fn find_livestream(&self, id: i64) -> ApiResult<Livestream> {
        for account in self.store.accounts().await.map_err(|e| self.fail(e))? {
            if let Some(live) =
                self.store.livestreams(account.id).await.map_err(|e| self.fail(e))?.into_iter().find(|l| l.id == id)
            {
                return Ok(live);
            }
        }
        Err(self.fail(StudioError::LivestreamNotFound { id }))
    }

    /// Submits a profile edit on an account (the publishing account when
    /// none) for the platform's audit; edits go in the order made.
    pub async fn submit_profile_edit(
        &self,
        fields: ProfileFields,
        account_id: Option<AccountId>,
    ) -> ApiResult<ProfileEditInfo> {
        let clean = |v: Option<String>| v.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let fields = ProfileFields {
            app_name: clean(fields.app_name),
            introduction: clean(fields.introduction),
            public_greeting: clean(fields.public_greeting),
            logo: clean(fields.logo),
            background: clean(fields.background),
            shop_photos: fields.shop_photos.filter(|p| !p.is_empty()),
        };
        if fields == ProfileFields::default() {
            return Err(self.fail(StudioError::ProfileEdit(ProfileProblem::Nothing)));
        }
        if let Some(name) = &fields.app_name {
            let len = name.chars().count();
            if !ALIPAY_PROFILE_NAME_CHARS.contains(&len) {
                let (min, max) = (*ALIPAY_PROFILE_NAME_CHARS.start(), *ALIPAY_PROFILE_NAME_CHARS.end());
                return Err(self.fail(StudioError::ProfileEdit(ProfileProblem::NameLength { min, max, len })));
            }
        }
        for text in [&fields.app_name, &fields.introduction, &fields.public_greeting].into_iter().flatten() {
            studio_core::draft::check_body(text).map_err(|e| self.fail(e))?;
        }
        let shop_photos = fields.shop_photos.as_deref().unwrap_or_default();
        if shop_photos.len() > ALIPAY_PROFILE_SHOP_PHOTOS_MAX {
            let max = ALIPAY_PROFILE_SHOP_PHOTOS_MAX;
            return Err(self.fail(StudioError::ProfileEdit(ProfileProblem::TooManyShopPhotos { max })));
        }
        // Each picture with the rendition it goes up as.
        let pictures: Vec<(String, String)> = [
            (fields.logo.as_slice(), MediaRuleName::ProfileLogo),
            (fields.background.as_slice(), MediaRuleName::ProfileBackground),
            (shop_photos, MediaRuleName::ProfileShopPhoto),
        ]
        .into_iter()
        .flat_map(|(hashes, rule)| hashes.iter().map(move |h| (h.clone(), rule.as_str().to_string())))
        .collect();
        for (hash, _) in &pictures {
            let asset = self
                .store
                .asset(hash)
                .await
                .map_err(|e| self.fail(e))?
                .ok_or_else(|| self.fail(StudioError::AssetNotFound { hash: hash.clone() }))?;
            if asset.kind != MediaKind::Image {
                return Err(self.fail(StudioError::ProfileEdit(ProfileProblem::NotAPicture)));
            }
        }
        let placeholder = |hash: &String, rule: MediaRuleName| studio_sync::medium_placeholder(rule.as_str(), hash);
        let request = alipay_open::methods::PublicInfoModify {
            app_name: fields.app_name.clone(),
            logo_url: fields.logo.as_ref().map(|h| placeholder(h, MediaRuleName::ProfileLogo)),
            background_url: fields.background.as_ref().map(|h| placeholder(h, MediaRuleName::ProfileBackground)),
            introduction: fields.introduction.clone(),
            public_greeting: fields.public_greeting.clone(),
            shop_pics: fields
                .shop_photos
                .as_ref()
                .map(|p| p.iter().map(|h| placeholder(h, MediaRuleName::ProfileShopPhoto)).collect()),
        };
        let account = self.account_or_default(account_id).await?;
        let shown = serde_json::to_string(&fields).expect("profile fields are strings");
        let payload = serde_json::to_string(&request).expect("a profile edit is strings");
        let (edit, _) = self
            .store
            .submit_profile_edit(account.id, &shown, &payload, &pictures, now_ms())
            .await
            .map_err(|e| self.fail(e))?;
        self.worker_wake();
        Ok(profile_edit_info(edit))
    }

    /// The profile edits of an account (the publishing account when none), newest first.
    pub async fn list_profile_edits(&self, account_id: Option<AccountId>) -> ApiResult<Vec<ProfileEditInfo>> {
        let account = self.account_or_default(account_id).await?;
        let edits = self.store.profile_edits(account.id).await.map_err(|e| self.fail(e))?;
        Ok(edits.into_iter().rev().map(profile_edit_info).collect())
    }
}

/// The life account an account's livestreams are announced on: the one it
/// acts for, or on the built-in emulator the demo account's own.
fn live_public_id(account: &studio_core::Account) -> Option<String> {
    if !account.public_id.is_empty() {
        Some(account.public_id.clone())
    } else if account.is_emulator() {
        Some(format!("public-{}", account.app_id))
    } else {
        None
    }
}

fn profile_edit_info(edit: ProfileEdit) -> ProfileEditInfo {
    let status = match edit.status.as_str() {
        "auditing" => ProfileEditStatus::Auditing,
        "approved" => ProfileEditStatus::Approved,
        "rejected" => ProfileEditStatus::Rejected,
        "failed" => ProfileEditStatus::Failed,
        "cancelled" => ProfileEditStatus::Cancelled,
        _ => ProfileEditStatus::Submitting,
    };
    ProfileEditInfo {
        id: edit.id,
        fields: serde_json::from_str(&edit.fields).unwrap_or_default(),
        status,
        audit_desc: edit.audit_desc,
    }
}
