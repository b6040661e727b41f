//! `studio calendar` and `studio queue`: the calendar between two dates,
//! calendar files, and the posting queue.

use clap::{Args, Subcommand};
use studio_api::{day_bounds, format_wall, parse_wall, user_zone, ApiError, Lang, NewQueueSlot, Studio};

use crate::{print_json, CliResult};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct CalendarArgs {
    /// First day, `YYYY-MM-DD` in this computer's time zone (default: today).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day, included (default: 30 days after the first).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only this account.
    #[arg(long)]
    account: Option<i64>,
    #[command(subcommand)]
    command: Option<CalendarCommand>,
}

#[derive(Subcommand)]
pub(crate) enum CalendarCommand {
    /// Write every post and livestream to an iCalendar (.ics) file.
    Export {
        /// Where to write it.
        file: String,
        /// Only this account.
        #[arg(long)]
        account: Option<i64>,
        /// Times in UTC instead of each account's zone (with its VTIMEZONE).
        #[arg(long)]
        utc: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum QueueCommand {
    /// An account's posting slots; `--add 1-5@12:00` (days 1 Monday … 7
    /// Sunday, a range or a list, in the account's zone) and `--remove ID` change them.
    Slots {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
        /// Slots to add: DAYS@HH:MM, e.g. `1-5@12:00` or `6,7@10:30`. Repeatable.
        #[arg(long, value_name = "DAYS@HH:MM")]
        add: Vec<String>,
        /// A slot to remove, by id. Repeatable.
        #[arg(long, value_name = "ID")]
        remove: Vec<i64>,
    },
    /// Schedule a draft into the next free slot.
    Add {
        /// The draft.
        draft: i64,
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// The coming two weeks of slots with what fills them.
    List {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
}

fn bad(lang: Lang, code: &str, zh: String, en: String) -> ApiError {
    ApiError { code: code.into(), message: if lang == Lang::ZhCn { zh } else { en } }
}

/// A `YYYY-MM-DD` day in this computer's zone, as its first and last instant.
fn day(text: &str, lang: Lang) -> Result<(i64, i64), ApiError> {
    let wall = parse_wall(text).ok_or_else(|| {
        bad(
            lang,
            "invalid_date",
            format!("无法识别日期 {text:?}，请写成 2026-12-01。"),
            format!("cannot read the date {text:?}; write it as 2026-12-01."),
        )
    })?;
    Ok(day_bounds(wall.date(), &user_zone()))
}

/// `1-5@12:00` or `6,7@10:30` as slots.
fn slots(spec: &str, lang: Lang) -> Result<Vec<NewQueueSlot>, ApiError> {
    let refuse = || {
        bad(
            lang,
            "invalid_slot",
            format!("无法识别时段 {spec:?}，请写成 1-5@12:00（1 为周一，7 为周日）。"),
            format!("cannot read the slot {spec:?}; write it as 1-5@12:00 (1 Monday … 7 Sunday)."),
        )
    };
    let (days, time) = spec.split_once('@').ok_or_else(refuse)?;
    let (h, m) = time.split_once(':').ok_or_else(refuse)?;
    let (h, m): (u16, u16) = (h.trim().parse().map_err(|_| refuse())?, m.trim().parse().map_err(|_| refuse())?);
    let mut out = Vec::new();
    for part in days.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (a, b): (u8, u8) = (a.trim().parse().map_err(|_| refuse())?, b.trim().parse().map_err(|_| refuse())?);
        out.extend((a..=b).map(|weekday| NewQueueSlot { weekday, minute: h * 60 + m }));
    }
    if out.is_empty() || out.iter().any(|s| !s.is_valid()) || h >= 24 || m >= 60 {
        return Err(refuse());
    }
    Ok(out)
}

pub(crate) async fn calendar(studio: &Studio, args: CalendarArgs, json: bool) -> CliResult {
    let lang = studio.lang();
    if let Some(CalendarCommand::Export { file, account, utc }) = args.command {
        let count = studio.export_calendar(file.clone(), account, utc).await?;
        if json {
            print_json(&serde_json::json!({ "file": file, "events": count }));
        } else {
            println!(
                "{}",
                if lang == Lang::ZhCn {
                    format!("已写入 {file}：{count} 项")
                } else {
                    format!("wrote {file}: {count} events")
                }
            );
        }
        return Ok(());
    }
    let zone = user_zone();
    let today = format_wall(now_ms(), &zone)[..10].to_string();
    let (from, _) = day(args.from.as_deref().unwrap_or(&today), lang)?;
    let to = match &args.to {
        Some(last) => day(last, lang)?.1,
        None => from + 30 * 86_400_000,
    };
    let items = studio.calendar(from, to, args.account).await?;
    if json {
        print_json(&items);
    } else {
        for i in &items {
            println!(
                "{}  {:<10} {:<12} #{:<5} {}",
                format_wall(i.starts_at, &zone),
                i.kind.as_str(),
                i.status.as_str(),
                i.id,
                i.title
            );
        }
    }
    Ok(())
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

pub(crate) async fn queue(studio: &Studio, command: QueueCommand, json: bool) -> CliResult {
    let lang = studio.lang();
    match command {
        QueueCommand::Slots { account, add, remove } => {
            let mut added = Vec::new();
            for spec in &add {
                added.extend(slots(spec, lang)?);
            }
            if !added.is_empty() {
                studio.add_queue_slots(account, added).await?;
            }
            for id in remove {
                studio.remove_queue_slot(id).await?;
            }
            let slots = studio.list_queue_slots(account).await?;
            if json {
                print_json(&slots);
            } else {
                for s in &slots {
                    println!("#{:<4} {}  {:02}:{:02}", s.id, s.weekday, s.minute / 60, s.minute % 60);
                }
            }
        }
        QueueCommand::Add { draft, account } => {
            let answer = studio.add_to_queue(draft, account).await?;
            if json {
                print_json(&answer);
            } else {
                let at = answer.publication.scheduled_at.map(|t| format_wall(t, &user_zone())).unwrap_or_default();
                println!(
                    "{}",
                    if lang == Lang::ZhCn { format!("已加入队列：{at}") } else { format!("queued for {at}") }
                );
            }
        }
        QueueCommand::List { account } => {
            let entries = studio.list_queue(account).await?;
            if json {
                print_json(&entries);
            } else {
                for e in &entries {
                    let what = e.post.as_ref().map(|p| p.title.as_str()).unwrap_or(lang.pick("（空闲）", "(free)"));
                    println!("{}  {what}", format_wall(e.at, &user_zone()));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_read_as_days_and_a_wall_time() {
        let got = slots("1-3,6@20:30", Lang::En).unwrap();
        assert_eq!(got.iter().map(|s| s.weekday).collect::<Vec<_>>(), [1, 2, 3, 6]);
        assert!(got.iter().all(|s| s.minute == 20 * 60 + 30));
        for bad in ["8@12:00", "1-5", "1-5@25:00", "mon@12:00", "0@12:00"] {
            assert!(slots(bad, Lang::En).is_err(), "{bad}");
        }
    }
}
