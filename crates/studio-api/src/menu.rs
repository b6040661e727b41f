//! The service menu: a draft autosaved as it is edited, checked against
//! the platform's limits, compared with the menu the platform shows, and
//! published through the outbox.

use serde::{Deserialize, Serialize};
use studio_core::media::{MediaKind, MediaRuleName};
use studio_core::menu::{menu_changes, MenuLimits, ALIPAY_MENU};
use studio_core::sync::UploadPurpose;
use studio_core::{
    AccountId, ContentHash, LiveMenu, Menu, MenuChange, MenuEntry, MenuProblem, MenuPublish, MenuPublishStatus,
};
use ts_rs::TS;

use crate::{now_ms, Studio, StudioError, StudioResult};

/// Entries a draft may hold, sub-entries counted: far over what the
/// platform takes (so a draft over the limits is kept and its problems
/// shown), and small enough that a pasted file cannot fill the library.
const DRAFT_ENTRIES_MAX: usize = 500;

/// Characters a name or parameter may have in a draft (the platform takes
/// far fewer; the draft keeps what was typed and shows the problem).
const TEXT_MAX: usize = 1_000;

/// An account's menu as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MenuState {
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// The draft: what was last saved, else the live menu, else nothing.
    pub draft: Menu,
    /// Unix ms the draft was last saved; `None` when it was never edited.
    #[ts(type = "number | null")]
    pub saved_at: Option<i64>,
    /// The menu the platform shows, as last read; `None` before the first read.
    pub live: Option<LiveMenu>,
    /// What keeps the draft from being published.
    pub problems: Vec<MenuProblem>,
    /// What publishing the draft changes on the platform.
    pub changes: Vec<MenuChange>,
    /// The latest publish, if any.
    pub last_publish: Option<MenuPublish>,
    /// The platform's limits.
    pub limits: MenuLimits,
}

impl Studio {
    /// The menu of an account (the publishing account when none): its
    /// draft, the live menu, and what differs.
    pub async fn menu_state(&self, account_id: Option<AccountId>) -> StudioResult<MenuState> {
        let account = self.account_or_default(account_id).await?;
        let live = self.store.live_menu(account.id).await?;
        let (draft, saved_at) = match self.store.menu_draft(account.id).await? {
            Some((menu, at)) => (menu, Some(at)),
            None => (self.draft_from_live(account.id, live.as_ref()).await?, None),
        };
        self.state_of(account.id, draft, saved_at, live).await
    }

    /// Keeps a menu draft as it is now (every edit, autosaved). A draft
    /// over the platform's limits is kept; its problems come back.
    pub async fn save_menu_draft(&self, menu: Menu, account_id: Option<AccountId>) -> StudioResult<MenuState> {
        let account = self.account_or_default(account_id).await?;
        let count: usize = menu.entries.iter().map(|e| 1 + e.children.len()).sum();
        if count > DRAFT_ENTRIES_MAX || menu.entries.iter().any(|e| e.children.iter().any(|c| !c.children.is_empty())) {
            return Err(StudioError::MenuShape { max: DRAFT_ENTRIES_MAX });
        }
        let all: Vec<&MenuEntry> = menu.entries.iter().chain(menu.entries.iter().flat_map(|e| &e.children)).collect();
        for e in all {
            let bad = |t: &str| t.chars().count() > TEXT_MAX || t.chars().any(char::is_control);
            if bad(&e.name) || bad(&e.param) {
                return Err(StudioError::MenuText { max: TEXT_MAX });
            }
            if let Some(hash) = &e.icon {
                self.icon_picture(hash).await?;
            }
        }
        let now = now_ms();
        self.store.save_menu_draft(account.id, &menu, now).await?;
        let live = self.store.live_menu(account.id).await?;
        self.state_of(account.id, menu, Some(now), live).await
    }

    /// Puts the draft back to the menu the platform shows (or to nothing).
    pub async fn revert_menu_draft(&self, account_id: Option<AccountId>) -> StudioResult<MenuState> {
        let account = self.account_or_default(account_id).await?;
        let live = self.store.live_menu(account.id).await?;
        let menu = self.draft_from_live(account.id, live.as_ref()).await?;
        let now = now_ms();
        self.store.save_menu_draft(account.id, &menu, now).await?;
        self.state_of(account.id, menu, Some(now), live).await
    }

    /// Publishes the draft through the outbox, after the uploads of its
    /// icons. A draft with a problem, or that changes nothing, is refused
    /// and kept.
    pub async fn publish_menu(&self, account_id: Option<AccountId>) -> StudioResult<MenuPublish> {
        let state = self.menu_state(account_id).await?;
        if let Some(problem) = state.problems.first() {
            return Err(StudioError::Menu(problem.clone()));
        }
        if state.changes.is_empty() && state.live.as_ref().is_some_and(|l| l.menu.is_some()) {
            return Err(StudioError::MenuUnchanged);
        }
        if state.last_publish.as_ref().is_some_and(|p| p.status == MenuPublishStatus::Publishing) {
            return Err(StudioError::MenuPublishing);
        }
        let (publish, _) = self.store.publish_menu(state.account_id, &state.draft.cleaned(), now_ms()).await?;
        self.worker_wake();
        Ok(publish)
    }

    /// Every publish of an account's menu, newest first.
    pub async fn menu_history(&self, account_id: Option<AccountId>) -> StudioResult<Vec<MenuPublish>> {
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.menu_publishes(account.id).await?)
    }

    async fn icon_picture(&self, hash: &ContentHash) -> StudioResult<()> {
        let asset =
            self.store.asset(hash).await?.ok_or_else(|| StudioError::AssetNotFound { hash: hash.to_string() })?;
        if asset.kind != MediaKind::Image {
            return Err(StudioError::MenuIconNotAPicture);
        }
        Ok(())
    }

    /// The live menu as a draft: its icons named by the library pictures
    /// they were uploaded from, where they were.
    async fn draft_from_live(&self, account: AccountId, live: Option<&LiveMenu>) -> StudioResult<Menu> {
        let Some(mut menu) = live.and_then(|l| l.menu.clone()) else { return Ok(Menu::default()) };
        for e in menu.entries.iter_mut() {
            self.icon_of_url(account, e).await?;
            for c in e.children.iter_mut() {
                self.icon_of_url(account, c).await?;
            }
        }
        Ok(menu)
    }

    async fn icon_of_url(&self, account: AccountId, e: &mut MenuEntry) -> StudioResult<()> {
        if !e.icon_url.is_empty() {
            e.icon = self.store.uploaded_from(account, &e.icon_url).await?.and_then(|h| ContentHash::parse(&h).ok());
        }
        Ok(())
    }

    async fn state_of(
        &self,
        account_id: AccountId,
        draft: Menu,
        saved_at: Option<i64>,
        live: Option<LiveMenu>,
    ) -> StudioResult<MenuState> {
        // An icon goes out as the URL of its upload: the draft's icons are
        // named by theirs where the account has them, so an icon already
        // live is no change.
        let mut named = draft.clone();
        let purpose = UploadPurpose::material(MediaRuleName::MenuIcon);
        for e in named.entries.iter_mut() {
            self.url_of_icon(account_id, e, purpose).await?;
            for c in e.children.iter_mut() {
                self.url_of_icon(account_id, c, purpose).await?;
            }
        }
        let empty = Menu::default();
        let live_menu = live.as_ref().and_then(|l| l.menu.as_ref()).unwrap_or(&empty);
        let changes = menu_changes(live_menu, &named.cleaned());
        let last_publish = self.store.menu_publishes(account_id).await?.into_iter().next();
        Ok(MenuState {
            account_id,
            problems: draft.problems(&ALIPAY_MENU),
            draft,
            saved_at,
            live,
            changes,
            last_publish,
            limits: ALIPAY_MENU,
        })
    }

    async fn url_of_icon(&self, account: AccountId, e: &mut MenuEntry, purpose: UploadPurpose) -> StudioResult<()> {
        e.icon_url = match &e.icon {
            Some(hash) => self.store.remote_file(account, hash, purpose).await?.unwrap_or_default(),
            None => e.icon_url.clone(),
        };
        Ok(())
    }
}
