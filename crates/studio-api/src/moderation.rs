//! The platform's moderation check of a post, asked from the composer: on
//! demand and before a publish is queued. It marks the words the platform
//! names; it never blocks (the platform decides in review), and a check
//! that could not be made says why.

use std::time::Duration;

use alipay_open::{AlipayClient, CallOptions, Config};
use studio_core::moderation::{checked_text, mark, text_hash, ModerationVerdict, PlatformCheck};
use studio_core::{Account, AccountId, DraftId, Lang};
use studio_sync::secrets;

use crate::demo::LocalEmulator;
use crate::{now_ms, Studio, StudioError, StudioResult};

/// How long a check may take before the composer is told it could not be made.
const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

impl Studio {
    /// Asks the platform (`alipay.security.risk.content.detect`) about a
    /// draft's title and body as they are now, on an account (the
    /// publishing account when none). The answer is kept for this exact
    /// text; a check that could not be made is answered, not failed.
    pub async fn check_with_platform(
        &self,
        draft_id: DraftId,
        account_id: Option<AccountId>,
    ) -> StudioResult<PlatformCheck> {
        let draft = self.store.draft(draft_id).await?.ok_or(StudioError::DraftNotFound { id: draft_id })?;
        let account = self.account_or_default(account_id).await?;
        let text = checked_text(&draft.title, &draft.body);
        let now = now_ms();
        let unavailable = |note: String| PlatformCheck {
            verdict: ModerationVerdict::Unavailable,
            keywords: Vec::new(),
            title: mark(&draft.title, &[]),
            body: mark(&draft.body, &[]),
            note,
            checked_at: now,
        };
        let (client, opts, temporary) = match self.platform_client(&account).await {
            Ok(connection) => connection,
            Err(e) => return Ok(unavailable(e.message(self.lang()))),
        };
        let answer = client.detect_content(&text, &opts).await;
        if let Some(emulator) = temporary {
            emulator.stop().await;
        }
        let check = match answer {
            Ok(detected) => {
                let flagged = detected.action.eq_ignore_ascii_case("REJECTED") || !detected.keywords.is_empty();
                PlatformCheck {
                    verdict: if flagged { ModerationVerdict::Flagged } else { ModerationVerdict::Passed },
                    title: mark(&draft.title, &detected.keywords),
                    body: mark(&draft.body, &detected.keywords),
                    keywords: detected.keywords,
                    note: String::new(),
                    checked_at: now,
                }
            }
            Err(e) => return Ok(unavailable(unavailable_words(&e, self.lang()))),
        };
        self.store.record_platform_check(&text_hash(&text), &check).await?;
        Ok(check)
    }

    /// The platform's check of a draft's text as it is now, if one was made
    /// (a check of other text is stale, and not given).
    pub async fn platform_check(&self, draft_id: DraftId) -> StudioResult<Option<PlatformCheck>> {
        let draft = self.store.draft(draft_id).await?.ok_or(StudioError::DraftNotFound { id: draft_id })?;
        Ok(self.store.platform_check(&text_hash(&checked_text(&draft.title, &draft.body))).await?)
    }

    /// A client of the account's gateway. The demo account's is the
    /// emulator the running app started, or one started for this call
    /// (returned, to be stopped after it).
    async fn platform_client(
        &self,
        account: &Account,
    ) -> StudioResult<(AlipayClient, CallOptions, Option<LocalEmulator>)> {
        let client = |url: String, key, public| {
            AlipayClient::new(Config {
                gateway_url: url,
                app_id: account.app_id.clone(),
                app_key: key,
                alipay_public_key: public,
                timeout: CHECK_TIMEOUT,
            })
        };
        if account.is_emulator() {
            let running = self.worker.local.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let (local, temporary) = match running {
                Some(local) => (local, None),
                None => {
                    let started = LocalEmulator::start(&self.data_dir, Duration::from_secs(3))
                        .await
                        .map_err(|e| StudioError::Emulator(e.to_string()))?;
                    (started.gateway(), Some(started))
                }
            };
            return Ok((client(local.url, local.app_key, local.platform_key), CallOptions::default(), temporary));
        }
        let secrets = self.secrets()?;
        let key = secrets.get(&secrets::name::app_key(account.id))?.ok_or(StudioError::AccountKey(String::new()))?;
        let key = alipay_open::PrivateKey::parse(&key).map_err(|e| StudioError::AccountKey(e.to_string()))?;
        let public =
            alipay_open::PublicKey::parse(&account.platform_key).map_err(|e| StudioError::AccountKey(e.to_string()))?;
        let token = if account.has_auth_token { secrets.get(&secrets::name::auth_token(account.id))? } else { None };
        Ok((client(account.gateway.clone(), key, public), CallOptions { app_auth_token: token }, None))
    }
}

/// Why a check could not be made, in `lang`.
fn unavailable_words(e: &alipay_open::Error, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    match e {
        alipay_open::Error::Http { status: 429, .. } => lang
            .pick(
                "平台繁忙，这次没能检查。稍后再试；也可以直接发布，平台审核时会检查。",
                "The platform is busy and could not check this time. Try again later, or publish: review checks it anyway.",
            )
            .to_string(),
        alipay_open::Error::Platform { code, .. } if code == "20000" => lang
            .pick(
                "平台繁忙，这次没能检查。稍后再试；也可以直接发布，平台审核时会检查。",
                "The platform is busy and could not check this time. Try again later, or publish: review checks it anyway.",
            )
            .to_string(),
        alipay_open::Error::Platform { code, msg, sub_code, sub_msg } => {
            let words = if sub_msg.is_empty() { msg } else { sub_msg };
            if zh {
                format!("平台没有完成检查：{words}（{code} {sub_code}）。仍可以发布，平台审核时会检查。")
            } else {
                format!("The platform did not check it: {words} ({code} {sub_code}). You can still publish; review checks it.")
            }
        }
        alipay_open::Error::BadSignature(_) | alipay_open::Error::Malformed(_) => lang
            .pick(
                "平台的回答无法验证（支付宝公钥可能填错了，或控制台里换了密钥），这次没能检查。发布仍会排队，平台审核时会检查。",
                "The platform's answer could not be verified (the Alipay public key may be wrong, or was changed in the console), so it was not checked. Publishing still queues the post, and review checks it.",
            )
            .to_string(),
        _ => lang
            .pick(
                "连不上平台，这次没能检查。发布仍会排队，联网后发出，平台审核时会检查。",
                "The platform cannot be reached, so it was not checked. Publishing still queues the post; it goes out once online, and review checks it.",
            )
            .to_string(),
    }
}
