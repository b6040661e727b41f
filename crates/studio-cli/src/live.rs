//! `studio live`: plan livestreams, keep their plan (offers, run sheet,
//! checklist), move, withdraw and copy them, and write run sheets.

use std::path::PathBuf;

use clap::Subcommand;
use studio_api::{format_wall, user_zone, ApiError, LivePlan, Livestream, PlannedSeries, SeriesScope, Studio};

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
        /// Move its warm-up post too (published again on the platform if it holds it).
        #[arg(long)]
        move_warmup: bool,
    },
    /// Write a livestream's warm-up post, scheduled `--lead` minutes before its start.
    Warmup {
        /// The livestream.
        id: i64,
        /// Minutes before the start (default 180).
        #[arg(long, default_value_t = 180)]
        lead: u32,
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
    /// Repeating livestreams: plan, list, show, edit from one occurrence, skip one.
    #[command(subcommand)]
    Series(SeriesCommand),
    /// Write a livestream's run sheet: HTML for `.html`, Markdown otherwise.
    Sheet {
        /// The livestream.
        id: i64,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum SeriesCommand {
    /// Plan a repeating livestream; the next 8 weeks are announced, later ones as time passes.
    Plan {
        /// Its title.
        title: String,
        /// The first start: `YYYY-MM-DD HH:MM` in this computer's zone, or RFC 3339.
        #[arg(long)]
        at: String,
        /// The recurrence rule (RFC 5545 RRULE), e.g. `FREQ=WEEKLY;BYDAY=SA`.
        #[arg(long)]
        rule: String,
        /// How long each runs, minutes (default 120).
        #[arg(long)]
        minutes: Option<u32>,
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// The series of an account (all when none).
    List {
        /// The account.
        #[arg(long)]
        account: Option<i64>,
    },
    /// One series with its occurrences.
    Show {
        /// The series.
        id: i64,
    },
    /// Edit an occurrence: alone, with the ones after it, or every one not yet started.
    Edit {
        /// The occurrence (a livestream id).
        id: i64,
        /// `one`, `following` or `all`.
        #[arg(long, value_parser = scope)]
        scope: SeriesScope,
        /// The new start of this occurrence (the others move as much).
        #[arg(long)]
        at: Option<String>,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// A new recurrence rule from this occurrence on.
        #[arg(long)]
        rule: Option<String>,
    },
    /// Skip one occurrence: its announcement is withdrawn; the series goes on.
    Skip {
        /// The occurrence (a livestream id).
        id: i64,
    },
}

fn scope(s: &str) -> Result<SeriesScope, String> {
    SeriesScope::parse(s).ok_or_else(|| format!("unknown scope {s:?}; use one, following or all"))
}

async fn series(studio: &Studio, command: SeriesCommand, json: bool) -> CliResult {
    let lang = studio.lang();
    let zone = user_zone();
    let show = |planned: &PlannedSeries| {
        if json {
            print_json(planned);
        } else {
            let s = &planned.series;
            println!("{:>4}  {}  {}  {}", s.id, s.rule, format_wall(s.first_start, &zone), s.title);
            planned.occurrences.iter().for_each(print_live);
        }
    };
    match command {
        SeriesCommand::Plan { title, at, rule, minutes, account } => {
            let at = parse_time(&at, lang)?;
            show(&studio.plan_live_series(title, at, rule, minutes, account).await?);
        }
        SeriesCommand::List { account } => {
            let all = studio.list_live_series(account).await?;
            if json {
                print_json(&all);
            } else {
                for s in all {
                    println!("{:>4}  {}  {}  {}", s.id, s.rule, format_wall(s.first_start, &zone), s.title);
                }
            }
        }
        SeriesCommand::Show { id } => show(&studio.live_series(id).await?),
        SeriesCommand::Edit { id, scope, at, title, rule } => {
            let live = studio.livestream(id).await?;
            let at = match at {
                Some(at) => parse_time(&at, lang)?,
                None => live.starts_at,
            };
            let edited = studio.edit_live_series(id, scope, title.unwrap_or(live.title), at, rule).await?;
            if json {
                print_json(&edited);
            } else {
                print_live(&edited);
            }
        }
        SeriesCommand::Skip { id } => {
            let skipped = studio.withdraw_livestream(id).await?;
            if json {
                print_json(&skipped);
            } else {
                print_live(&skipped);
            }
        }
    }
    Ok(())
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
        LiveCommand::Move { id, at, title, move_warmup } => {
            let at = parse_time(&at, lang)?;
            let title = match title {
                Some(t) => t,
                None => studio.livestream(id).await?.title,
            };
            let moved = studio.change_livestream(id, title, at).await?;
            if move_warmup {
                studio.move_warmup_post(id).await?;
            }
            moved
        }
        LiveCommand::Warmup { id, lead } => {
            let draft = studio.write_warmup_post(id, lead).await?;
            if json {
                print_json(&draft);
            } else {
                println!("{:>4}  {}", draft.id, draft.title);
            }
            return Ok(());
        }
        LiveCommand::Withdraw { id } => studio.withdraw_livestream(id).await?,
        LiveCommand::Series(command) => return series(studio, command, json).await,
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
