//! `studio profile`: the life account's profile as the platform shows it,
//! the edit under audit beside it, writing an edit and submitting it, and
//! the history.

use clap::{Args, Subcommand};
use studio_api::{ProfileEditStatus, ProfileFields, Studio};

use crate::{print_json, CliResult};

/// The fields of an edit given on the command line.
#[derive(Args)]
pub(crate) struct ProfileText {
    /// The name (2–20 characters).
    #[arg(long)]
    name: Option<String>,
    /// The introduction.
    #[arg(long)]
    introduction: Option<String>,
    /// The greeting followers get.
    #[arg(long)]
    greeting: Option<String>,
    /// The account (default: the publishing account).
    #[arg(long)]
    account: Option<i64>,
}

#[derive(Subcommand)]
pub(crate) enum ProfileCommand {
    /// The profile on the platform (as last read) and the edit under audit.
    Show {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// Write the edit without submitting it (kept in the library, and shown
    /// in the window's profile form); fields not given stay as they were written.
    Edit(ProfileText),
    /// Submit an edit for the platform's audit: the fields given, over the
    /// edit written with `edit`; fields in neither stay as they are.
    Submit(ProfileText),
    /// Every edit with its outcome, newest first.
    History {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
}

/// The fields given over the edit written with `edit` (the account's profile draft).
async fn over_written(studio: &Studio, text: ProfileText) -> Result<ProfileFields, studio_api::StudioError> {
    let written = studio.profile_draft(text.account).await?.unwrap_or_default();
    Ok(ProfileFields {
        app_name: text.name.or(written.app_name),
        introduction: text.introduction.or(written.introduction),
        public_greeting: text.greeting.or(written.public_greeting),
        ..written
    })
}

pub(crate) async fn profile(studio: &Studio, command: ProfileCommand, json: bool) -> CliResult {
    match command {
        ProfileCommand::Show { account } => {
            let live = studio.live_profile(account).await?;
            let pending = studio
                .list_profile_edits(account)
                .await?
                .into_iter()
                .find(|e| matches!(e.status, ProfileEditStatus::Submitting | ProfileEditStatus::Auditing));
            let draft = studio.profile_draft(account).await?;
            if json {
                print_json(&serde_json::json!({ "live": live, "pending": pending, "draft": draft }));
            } else {
                match &live {
                    Some(l) => println!("{}\n{}\n{}", l.app_name, l.introduction, l.public_greeting),
                    None => {
                        println!("{}", studio.lang().pick("（尚未从平台读取）", "(not read from the platform yet)"))
                    }
                }
                if let Some(p) = pending {
                    println!("\n{}: {:?}", p.status.as_str(), p.fields);
                }
            }
        }
        ProfileCommand::Edit(text) => {
            let account = text.account;
            let fields = over_written(studio, text).await?;
            let saved = studio.save_profile_draft(fields, account).await?;
            if json {
                print_json(&saved);
            } else {
                println!("{}", studio.lang().pick("已保存，尚未提交", "Saved, not submitted"));
            }
        }
        ProfileCommand::Submit(text) => {
            let account = text.account;
            let fields = over_written(studio, text).await?;
            let edit = studio.submit_profile_edit(fields, account).await?;
            if json {
                print_json(&edit);
            } else {
                println!("{:>4}  {}", edit.id, edit.status.as_str());
            }
        }
        ProfileCommand::History { account } => {
            let edits = studio.list_profile_edits(account).await?;
            if json {
                print_json(&edits);
            } else {
                for e in edits {
                    println!("{:>4}  {:<11}  {}", e.id, e.status.as_str(), e.audit_desc);
                }
            }
        }
    }
    Ok(())
}
