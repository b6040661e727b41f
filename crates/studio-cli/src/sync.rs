//! `studio accounts`, `studio publish`, `studio outbox`, `studio sync`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use studio_api::{
    AccountPatch, AccountRole, AccountSetup, ApiError, CheckedAccount, EngineOptions, Lang, NewAccount, Studio,
};

use crate::{print_json, CliResult};

#[derive(Subcommand)]
pub(crate) enum AccountsCommand {
    /// List accounts (the built-in emulator's demo account is always there).
    List,
    /// Add an Alipay account once the platform answers with its keys; its
    /// private key goes to the OS keychain (or the encrypted secrets file
    /// when STUDIO_SECRETS_PASSPHRASE is set).
    Add(AddAccount),
    /// Check an account's keys with the platform now.
    Check {
        /// Account id.
        id: i64,
    },
    /// Change an account; changed keys are checked with the platform first.
    Edit(EditAccount),
    /// Remove an account (its posts' history stays).
    Remove {
        /// Account id.
        id: i64,
        /// Cancel the jobs still waiting to reach it.
        #[arg(long)]
        cancel_jobs: bool,
    },
}

#[derive(Args)]
pub(crate) struct EditAccount {
    /// Account id.
    id: i64,
    /// A new name.
    #[arg(long)]
    name: Option<String>,
    /// creator, merchant or agency.
    #[arg(long, value_parser = parse_role)]
    role: Option<AccountRole>,
    /// A new gateway URL.
    #[arg(long)]
    gateway: Option<String>,
    /// File with a new app private key.
    #[arg(long, value_name = "FILE")]
    app_key: Option<PathBuf>,
    /// File with a new Alipay (platform) public key.
    #[arg(long, value_name = "FILE")]
    platform_key: Option<PathBuf>,
    /// A new life account acted for ("" for one's own).
    #[arg(long)]
    public_id: Option<String>,
    /// File with a new app_auth_token.
    #[arg(long, value_name = "FILE", conflicts_with = "no_auth_token")]
    auth_token: Option<PathBuf>,
    /// Forget the app_auth_token.
    #[arg(long)]
    no_auth_token: bool,
}

#[derive(Args)]
pub(crate) struct AddAccount {
    /// A name for it.
    #[arg(long)]
    name: String,
    /// creator, merchant or agency.
    #[arg(long, default_value = "creator", value_parser = parse_role)]
    role: AccountRole,
    /// Gateway URL, e.g. https://openapi.alipay.com/gateway.do.
    #[arg(long)]
    gateway: String,
    /// The Alipay app id.
    #[arg(long)]
    app_id: String,
    /// File with the app private key (PEM or the console's Base64).
    #[arg(long, value_name = "FILE")]
    app_key: PathBuf,
    /// File with the Alipay (platform) public key.
    #[arg(long, value_name = "FILE")]
    platform_key: PathBuf,
    /// The life account acted for (agencies).
    #[arg(long, default_value = "")]
    public_id: String,
    /// File with an app_auth_token, when acting for another account.
    #[arg(long, value_name = "FILE")]
    auth_token: Option<PathBuf>,
}

fn parse_role(s: &str) -> Result<AccountRole, String> {
    AccountRole::parse(s).ok_or_else(|| format!("unknown role {s:?}; use creator, merchant or agency"))
}

#[derive(Args)]
pub(crate) struct PublishArgs {
    /// Draft id.
    draft: i64,
    /// Account id (default: the demo account).
    #[arg(long)]
    account: Option<i64>,
    /// Publish at this time instead of now: `YYYY-MM-DD HH:MM` in this
    /// computer's time zone, or RFC 3339. The platform publishes it then.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// For a post already on the platform: delete it there and publish the
    /// draft anew (the platform cannot edit a post).
    #[arg(long)]
    replace: bool,
}

#[derive(Args)]
pub(crate) struct OutboxArgs {
    /// Finished jobs too.
    #[arg(long)]
    all: bool,
    /// Send a stopped job again.
    #[arg(long, value_name = "JOB", conflicts_with = "cancel")]
    retry: Option<i64>,
    /// Cancel a job that has not reached the platform.
    #[arg(long, value_name = "JOB")]
    cancel: Option<i64>,
}

#[derive(Args)]
pub(crate) struct SyncArgs {
    /// Give up waiting after this many seconds.
    #[arg(long, default_value_t = 300)]
    timeout_secs: u64,
    /// Requests sent at the same time.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Read every account's contents whole (finds posts deleted elsewhere),
    /// not only the newest pages.
    #[arg(long)]
    full: bool,
    /// Most gateway calls a second per account (0: the default).
    #[arg(long, default_value_t = 0.0)]
    calls_per_second: f64,
    /// First backoff ceiling in milliseconds (tuning and tests).
    #[arg(long, hide = true)]
    retry_base_ms: Option<i64>,
    /// Largest backoff ceiling in milliseconds (tuning and tests).
    #[arg(long, hide = true)]
    retry_cap_ms: Option<i64>,
    /// Most tries before a job waits for the user (tuning and tests).
    #[arg(long, hide = true)]
    max_attempts: Option<u32>,
}

fn print_checked(checked: &CheckedAccount, json: bool) {
    if json {
        print_json(checked)
    } else {
        println!("{:>4}  {}  ({})", checked.account.id, checked.account.name, checked.life_account)
    }
}

pub(crate) fn read_file(path: &PathBuf, lang: Lang) -> Result<String, ApiError> {
    std::fs::read_to_string(path).map_err(|e| ApiError {
        code: "file_unreadable".into(),
        message: match lang {
            Lang::ZhCn => format!("无法读取 {}：{e}", path.display()),
            Lang::En => format!("cannot read {}: {e}", path.display()),
        },
    })
}

/// `--at`: local `YYYY-MM-DD HH:MM[:SS]` or RFC 3339, to Unix ms.
pub(crate) fn parse_time(text: &str, lang: Lang) -> Result<i64, ApiError> {
    use chrono::TimeZone;
    let parsed = chrono::DateTime::parse_from_rfc3339(text).map(|t| t.timestamp_millis()).ok().or_else(|| {
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"].iter().find_map(|f| {
            let naive = chrono::NaiveDateTime::parse_from_str(text.trim(), f).ok()?;
            chrono::Local.from_local_datetime(&naive).single().map(|t| t.timestamp_millis())
        })
    });
    parsed.ok_or_else(|| ApiError {
        code: "invalid_time".into(),
        message: match lang {
            Lang::ZhCn => format!("无法识别时间 {text:?}，请写成 2026-12-01 20:00 或 RFC 3339 格式。"),
            Lang::En => format!("cannot read the time {text:?}; write it as 2026-12-01 20:00 or in RFC 3339."),
        },
    })
}

pub(crate) async fn accounts(studio: &Studio, command: AccountsCommand, json: bool) -> CliResult {
    match command {
        AccountsCommand::List => {
            let accounts = studio.list_accounts().await?;
            if json {
                print_json(&accounts)
            } else {
                for a in &accounts {
                    let trouble = if a.problem.is_some() { "  (needs attention: studio accounts check)" } else { "" };
                    println!("{:>4}  {:<9}  {:<20}  {}{trouble}", a.id, a.role.as_str(), a.app_id, a.name);
                }
            }
        }
        AccountsCommand::Add(add) => {
            let lang = studio.lang();
            let setup = AccountSetup {
                account: NewAccount {
                    name: add.name,
                    role: add.role,
                    gateway: add.gateway,
                    app_id: add.app_id,
                    platform_key: read_file(&add.platform_key, lang)?,
                    public_id: add.public_id,
                },
                app_private_key: read_file(&add.app_key, lang)?,
                app_auth_token: add.auth_token.map(|p| read_file(&p, lang)).transpose()?.map(|t| t.trim().to_string()),
            };
            print_checked(&studio.add_account(setup).await?, json);
        }
        AccountsCommand::Check { id } => print_checked(&studio.check_account(id).await?, json),
        AccountsCommand::Edit(edit) => {
            let lang = studio.lang();
            let read = |p: Option<PathBuf>| p.map(|p| read_file(&p, lang)).transpose();
            let patch = AccountPatch {
                name: edit.name,
                role: edit.role,
                gateway: edit.gateway,
                platform_key: read(edit.platform_key)?,
                public_id: edit.public_id,
                app_private_key: read(edit.app_key)?,
                app_auth_token: if edit.no_auth_token {
                    Some(String::new())
                } else {
                    read(edit.auth_token)?.map(|t| t.trim().to_string())
                },
            };
            print_checked(&studio.update_account(edit.id, patch).await?, json);
        }
        AccountsCommand::Remove { id, cancel_jobs } => {
            studio.remove_account(id, cancel_jobs).await?;
            if json {
                print_json(&serde_json::json!({ "removed": id }))
            }
        }
    }
    Ok(())
}

pub(crate) async fn publish(studio: &Studio, args: PublishArgs, json: bool) -> CliResult {
    let at = args.at.as_deref().map(|t| parse_time(t, studio.lang())).transpose()?;
    let answer = if args.replace {
        studio.republish_draft(args.draft, args.account, at).await?
    } else {
        studio.publish_draft(args.draft, args.account, at).await?
    };
    if json {
        print_json(&answer)
    } else {
        println!("job {}  {}", answer.job.id, answer.publication.status.as_str())
    }
    Ok(())
}

pub(crate) async fn outbox(studio: &Studio, args: OutboxArgs, json: bool) -> CliResult {
    if let Some(id) = args.retry {
        studio.retry_job(id).await?;
    }
    if let Some(id) = args.cancel {
        studio.cancel_job(id).await?;
    }
    if json {
        print_json(&studio.list_outbox(args.all).await?)
    } else {
        for item in studio.list_activity(args.all).await? {
            let j = &item.job;
            println!(
                "{:>6}  {:<14}  {:<9}  tries {:<2}  {} {}",
                j.id,
                j.kind.as_str(),
                j.state.as_str(),
                j.attempts,
                j.error_code,
                item.problem
            );
        }
    }
    Ok(())
}

pub(crate) async fn sync(studio: &Studio, args: SyncArgs, json: bool) -> CliResult {
    let mut options = EngineOptions { concurrency: args.concurrency.max(1), ..EngineOptions::default() };
    if args.full {
        options.sweep_every = Duration::ZERO;
    }
    if args.calls_per_second > 0.0 {
        options.calls_per_second = args.calls_per_second;
    }
    if let Some(ms) = args.retry_base_ms {
        options.retry.base_ms = ms.max(1);
    }
    if let Some(ms) = args.retry_cap_ms {
        options.retry.cap_ms = ms.max(1);
    }
    if let Some(n) = args.max_attempts {
        options.retry.max_attempts = n.max(1);
    }
    let report = studio.sync_now(Duration::from_secs(args.timeout_secs), options).await?;
    if json {
        print_json(&report)
    } else {
        println!(
            "sent {}  done {}  reconciled {}  waiting {}  failed {}  review changes {}  adopted {}",
            report.sent, report.done, report.reconciled, report.waiting, report.failed, report.changed, report.adopted
        )
    }
    Ok(())
}
