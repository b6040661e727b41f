//! `studio live`: plan livestreams, keep their plan (offers, run sheet,
//! checklist), move, withdraw and copy them, and write run sheets.

use std::path::PathBuf;

use clap::Subcommand;
use studio_api::{format_wall, user_zone, ApiError, LivePlan, Livestream, Studio};

use crate::sync::{parse_time, read_file};
use crate::{print_json, CliError, CliResult};

#[derive(Subcommand)]
pub(crate) enum LiveCommand {
    /// Plan a livestream; its announcement (直播预告) goes to the platform.
    Plan {
        /// Its title.
        title: String,
        /// When it starts: `YYYY-MM-DD HH:MM` in this computer's zone, or RFC 3339.
        #[arg(long)]
        at: String,
        /// How long it runs, minutes (default 120).
        #[arg(long)]
        minutes: Option<u32>,
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// The livestreams of an account, latest start first.
    List {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// One livestream with its plan and run sheet.
    Show {
        /// The livestream.
        id: i64,
    },
    /// Keep a livestream's plan from a JSON file (description, cover,
    /// products, segments, checklist; see `live show --json`).
    Edit {
        /// The livestream.
        id: i64,
        /// The plan, as JSON.
        file: PathBuf,
        /// A new planned length, minutes.
        #[arg(long)]
        minutes: Option<u32>,
    },
    /// Move a livestream to another start (and title); on the platform too once announced.
    Move {
        /// The livestream.
        id: i64,
        /// The new start.
        #[arg(long)]
        at: String,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Withdraw a livestream's announcement.
    Withdraw {
        /// The livestream.
        id: i64,
    },
    /// Plan a copy of a livestream at another start (without its platform ids).
    Duplicate {
        /// The livestream to copy.
        id: i64,
        /// The copy's start.
        #[arg(long)]
        at: String,
    },
    /// Write a livestream's run sheet: HTML for `.html`, Markdown otherwise.
    Sheet {
        /// The livestream.
        id: i64,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
}

fn print_live(live: &Livestream) {
    let zone = user_zone();
    println!(
        "{:>4}  {}  {}  {:<11}  {}",
        live.id,
        format_wall(live.starts_at, &zone),
        live.minutes,
        live.status.as_str(),
        live.title
    );
}

pub(crate) async fn live(studio: &Studio, command: LiveCommand, json: bool) -> CliResult {
    let lang = studio.lang();
    let shown = match command {
        LiveCommand::Plan { title, at, minutes, account } => {
            let at = parse_time(&at, lang)?;
            studio.plan_livestream(title, at, minutes, account).await?
        }
        LiveCommand::List { account } => {
            let lives = studio.list_livestreams(account).await?;
            if json {
                print_json(&lives);
            } else {
                lives.iter().for_each(print_live);
            }
            return Ok(());
        }
        LiveCommand::Show { id } => {
            let live = studio.livestream(id).await?;
            if json {
                print_json(&live);
            } else {
                print!("{}", studio.run_sheet_text(id, false).await?);
            }
            return Ok(());
        }
        LiveCommand::Edit { id, file, minutes } => {
            let text = read_file(&file, lang)?;
            let plan: LivePlan = serde_json::from_str(&text).map_err(|e| {
                CliError::Worded(ApiError {
                    code: "invalid_plan".into(),
                    message: lang.pick("无法读取直播计划：", "cannot read the plan: ").to_string() + &e.to_string(),
                })
            })?;
            let minutes = match minutes {
                Some(m) => m,
                None => studio.livestream(id).await?.minutes,
            };
            studio.save_livestream_plan(id, minutes, plan).await?
        }
        LiveCommand::Move { id, at, title } => {
            let at = parse_time(&at, lang)?;
            let title = match title {
                Some(t) => t,
                None => studio.livestream(id).await?.title,
            };
            studio.change_livestream(id, title, at).await?
        }
        LiveCommand::Withdraw { id } => studio.withdraw_livestream(id).await?,
        LiveCommand::Duplicate { id, at } => {
            let at = parse_time(&at, lang)?;
            studio.duplicate_livestream(id, at).await?
        }
        LiveCommand::Sheet { id, out } => {
            let path = out.display().to_string();
            studio.export_run_sheet(id, path.clone()).await?;
            if json {
                print_json(&serde_json::json!({ "file": path }));
            } else {
                println!("{path}");
            }
            return Ok(());
        }
    };
    if json {
        print_json(&shown);
    } else {
        print_live(&shown);
    }
    Ok(())
}
