//! Platform accounts: added only once the platform has answered with their
//! keys, edited, removed, checked; their keys kept in the keychain (or the
//! encrypted file), never in the library.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use studio_core::sync::EMULATOR_GATEWAY;
use studio_core::{Account, AccountId, AccountPatch, AccountRole, NewAccount};
use studio_store::AccountRemoval;
use studio_sync::secrets::{self, Secrets};
use studio_sync::AccountKeys;
use ts_rs::TS;

use crate::demo::DEMO_APP_ID;
use crate::{now_ms, Studio, StudioError, StudioResult};

/// An account to add with its secrets (which go to the keychain, never to the library).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AccountSetup {
    /// The account's public settings.
    pub account: NewAccount,
    /// The app private key (PEM or the console's Base64).
    pub app_private_key: String,
    /// An `app_auth_token`, when acting for another account.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub app_auth_token: Option<String>,
}

/// The environment variable that, when set, makes the studio keep secrets
/// in the passphrase-encrypted file instead of the OS keychain.
pub const PASSPHRASE_ENV: &str = "STUDIO_SECRETS_PASSPHRASE";

/// An account, and the life account the platform says its keys act for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckedAccount {
    /// The account as kept.
    pub account: Account,
    /// The life account's name, as the platform gave it.
    pub life_account: String,
}

/// The demo account's name, in zh-CN and in English.
const DEMO_NAME: [&str; 2] = ["演示账号（内置模拟器）", "Demo account (built-in emulator)"];

impl Studio {
    pub(crate) fn secrets(&self) -> Result<Arc<Secrets>, StudioError> {
        let mut slot = self.worker.secrets.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = slot.as_ref() {
            return Ok(s.clone());
        }
        let opened = match std::env::var(PASSPHRASE_ENV) {
            Ok(passphrase) if !passphrase.is_empty() => Secrets::file(&self.data_dir, &passphrase)?,
            _ => Secrets::keychain()?,
        };
        let opened = Arc::new(opened);
        *slot = Some(opened.clone());
        Ok(opened)
    }

    /// Opens the encrypted secrets file with a passphrase (where no keychain exists).
    pub async fn unlock_secrets(&self, passphrase: String) -> StudioResult<()> {
        let opened = Secrets::file(&self.data_dir, &passphrase)?;
        *self.worker.secrets.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(opened));
        self.worker.accounts_changed();
        Ok(())
    }

    /// Every account; the built-in emulator's demo account is made on first
    /// use, and its name follows the language (unless the user renamed it).
    pub async fn list_accounts(&self) -> StudioResult<Vec<Account>> {
        self.demo_account().await?;
        let mut accounts = self.store.accounts().await?;
        for a in accounts.iter_mut().filter(|a| a.is_emulator() && DEMO_NAME.contains(&a.name.as_str())) {
            a.name = self.lang().pick(DEMO_NAME[0], DEMO_NAME[1]).to_string();
        }
        Ok(accounts)
    }

    /// The built-in emulator's demo account, made if missing.
    async fn demo_account(&self) -> StudioResult<Account> {
        if let Some(a) = self.store.emulator_account().await? {
            return Ok(a);
        }
        let new = NewAccount {
            name: self.lang().pick(DEMO_NAME[0], DEMO_NAME[1]).to_string(),
            role: AccountRole::Creator,
            gateway: EMULATOR_GATEWAY.to_string(),
            app_id: DEMO_APP_ID.to_string(),
            // The emulator's key is made at each start; nothing to keep.
            platform_key: String::new(),
            public_id: String::new(),
        };
        Ok(self.store.add_account(&new, now_ms()).await?)
    }

    /// Adds an account once the platform has answered with its keys (a
    /// signed call whose answer verifies); a wrong app id, an app key the
    /// platform does not know, an Alipay public key that does not match, an
    /// unreachable gateway or a clock off are each refused in words, and
    /// nothing is kept. Its key goes to the keychain (or the encrypted
    /// file), never into the library.
    pub async fn add_account(&self, setup: AccountSetup) -> StudioResult<CheckedAccount> {
        let key = parse_app_key(&setup.app_private_key)?;
        let token = setup.app_auth_token.filter(|t| !t.is_empty());
        let life_account =
            check(&setup.account.gateway, &setup.account.app_id, &key, &setup.account.platform_key, &token).await?;
        let secrets = self.secrets()?;
        let account = self.store.add_account(&setup.account, now_ms()).await?;
        secrets.set(&secrets::name::app_key(account.id), &key.to_pkcs8_pem())?;
        if let Some(token) = token {
            secrets.set(&secrets::name::auth_token(account.id), &token)?;
            self.store.set_account_auth_token(account.id, true).await?;
        }
        self.worker.accounts_changed();
        let account = self.store.account(account.id).await?.ok_or(StudioError::AccountNotFound { id: account.id })?;
        Ok(CheckedAccount { account, life_account })
    }

    /// Checks an account's keys with the platform now; a problem found is
    /// kept on the account (its jobs wait), one gone is cleared.
    pub async fn check_account(&self, id: AccountId) -> StudioResult<CheckedAccount> {
        let account = self.store.account(id).await?.ok_or(StudioError::AccountNotFound { id })?;
        if account.is_emulator() {
            // The built-in emulator's keys are made at each start: nothing to check.
            return Ok(CheckedAccount { life_account: account.name.clone(), account });
        }
        let secrets = self.secrets()?;
        let key_text = secrets.get(&secrets::name::app_key(id))?.ok_or(StudioError::AccountKey(String::new()))?;
        let key = parse_app_key(&key_text)?;
        let token = if account.has_auth_token { secrets.get(&secrets::name::auth_token(id))? } else { None };
        match check(&account.gateway, &account.app_id, &key, &account.platform_key, &token).await {
            Ok(life_account) => {
                self.store.set_account_problem(id, None).await?;
                self.worker.accounts_changed();
                let account = self.store.account(id).await?.ok_or(StudioError::AccountNotFound { id })?;
                Ok(CheckedAccount { account, life_account })
            }
            Err(StudioError::AccountCheck(problem)) => {
                self.store.set_account_problem(id, Some(&problem)).await?;
                Err(StudioError::AccountCheck(problem))
            }
            Err(other) => Err(other),
        }
    }

    /// Changes an account. Changed keys or addresses are checked with the
    /// platform first, and nothing is kept when they fail; the account's
    /// problem is cleared, and its waiting jobs (those whose answer was
    /// lost first found out) go on.
    pub async fn update_account(&self, id: AccountId, patch: AccountPatch) -> StudioResult<CheckedAccount> {
        let account = self.store.account(id).await?.ok_or(StudioError::AccountNotFound { id })?;
        if account.is_emulator()
            && (patch.gateway.is_some() || patch.platform_key.is_some() || patch.app_private_key.is_some())
        {
            return Err(StudioError::DemoAccountKeys);
        }
        let clean = |v: &Option<String>| v.as_ref().map(|t| t.trim().to_string());
        let (name, gateway, platform_key, public_id) =
            (clean(&patch.name), clean(&patch.gateway), clean(&patch.platform_key), clean(&patch.public_id));
        if name.as_deref() == Some("") {
            return Err(StudioError::AccountNameEmpty);
        }
        let mut life_account = account.name.clone();
        let secrets = if account.is_emulator() { None } else { Some(self.secrets()?) };
        let mut new_key = None;
        let mut new_token = None;
        if let Some(secrets) = &secrets {
            let key = match &patch.app_private_key {
                Some(text) => {
                    let key = parse_app_key(text)?;
                    new_key = Some(key.clone());
                    key
                }
                None => parse_app_key(
                    &secrets.get(&secrets::name::app_key(id))?.ok_or(StudioError::AccountKey(String::new()))?,
                )?,
            };
            let token = match &patch.app_auth_token {
                Some(t) => {
                    new_token = Some(t.trim().to_string());
                    Some(t.trim().to_string()).filter(|t| !t.is_empty())
                }
                None if account.has_auth_token => secrets.get(&secrets::name::auth_token(id))?,
                None => None,
            };
            life_account = check(
                gateway.as_deref().unwrap_or(&account.gateway),
                &account.app_id,
                &key,
                platform_key.as_deref().unwrap_or(&account.platform_key),
                &token,
            )
            .await?;
        }
        if let (Some(secrets), Some(key)) = (&secrets, &new_key) {
            secrets.set(&secrets::name::app_key(id), &key.to_pkcs8_pem())?;
        }
        if let (Some(secrets), Some(token)) = (&secrets, &new_token) {
            if token.is_empty() {
                secrets.delete(&secrets::name::auth_token(id))?;
            } else {
                secrets.set(&secrets::name::auth_token(id), token)?;
            }
            self.store.set_account_auth_token(id, !token.is_empty()).await?;
        }
        let account = self
            .store
            .update_account(
                id,
                name.as_deref(),
                patch.role,
                gateway.as_deref(),
                platform_key.as_deref(),
                public_id.as_deref(),
            )
            .await?
            .ok_or(StudioError::AccountNotFound { id })?;
        self.worker.accounts_changed();
        Ok(CheckedAccount { account, life_account })
    }

    /// Removes an account from the lists (its posts' history stays, its keys
    /// are forgotten). Refused while jobs wait to reach it, unless
    /// `cancel_jobs`: then those not yet sent are cancelled (one on its way
    /// still refuses it). The demo account stays.
    pub async fn remove_account(&self, id: AccountId, cancel_jobs: bool) -> StudioResult<()> {
        let account = self.store.account(id).await?.ok_or(StudioError::AccountNotFound { id })?;
        if account.is_emulator() {
            return Err(StudioError::DemoAccountStays);
        }
        match self.store.remove_account(id, cancel_jobs, now_ms()).await? {
            AccountRemoval::Removed => {}
            AccountRemoval::NotFound => return Err(StudioError::AccountNotFound { id }),
            AccountRemoval::JobsWaiting { waiting, in_flight } => {
                return Err(StudioError::AccountBusy { waiting, in_flight })
            }
        }
        if let Ok(secrets) = self.secrets() {
            secrets.delete(&secrets::name::app_key(id))?;
            secrets.delete(&secrets::name::auth_token(id))?;
        }
        self.worker.accounts_changed();
        Ok(())
    }

    pub(crate) async fn account_or_default(&self, id: Option<AccountId>) -> StudioResult<Account> {
        match id {
            Some(id) => self.store.account(id).await?.ok_or(StudioError::AccountNotFound { id }),
            None => match self.store.settings().await?.publish_account {
                // An account removed since it was chosen falls back to the demo account.
                Some(id) => match self.store.account(id).await? {
                    Some(account) => Ok(account),
                    None => self.demo_account().await,
                },
                None => self.demo_account().await,
            },
        }
    }
}

/// The app private key, or why it cannot be used.
fn parse_app_key(text: &str) -> StudioResult<alipay_open::PrivateKey> {
    alipay_open::PrivateKey::parse(text).map_err(|e| StudioError::AccountKey(e.to_string()))
}

/// Asks the platform with these keys; the life account's name, or what is wrong.
async fn check(
    gateway: &str,
    app_id: &str,
    key: &alipay_open::PrivateKey,
    platform_key: &str,
    token: &Option<String>,
) -> StudioResult<String> {
    let platform_key =
        alipay_open::PublicKey::parse(platform_key).map_err(|e| StudioError::AccountKey(e.to_string()))?;
    let keys = AccountKeys {
        gateway: gateway.to_string(),
        app_id: app_id.trim().to_string(),
        app_key: key.clone(),
        platform_key,
        app_auth_token: token.clone(),
    };
    studio_sync::check_account(keys).await.map_err(StudioError::AccountCheck)
}
