//! `studio menu`: the life account's service menu: the draft beside the
//! live menu and what publishing would change, a draft from a JSON file,
//! publishing it, and the publishes.

use std::path::PathBuf;

use clap::Subcommand;
use studio_api::{ApiError, Lang, Menu, MenuEntry, Studio};

use crate::sync::read_file;
use crate::{print_json, CliResult};

#[derive(Subcommand)]
pub(crate) enum MenuCommand {
    /// The draft, the live menu (as last read), problems and what publishing changes.
    Show {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// Make FILE.json the draft: `{"kind": "text", "entries": [{"name": "官网",
    /// "action": "link", "param": "https://…", "children": []}]}`.
    Edit {
        /// The menu as JSON (`studio menu show --json` prints the draft in this form).
        file: PathBuf,
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// Publish the draft through the outbox.
    Publish {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// Every publish with its outcome, newest first.
    History {
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
}

fn print_entries(entries: &[MenuEntry], indent: &str) {
    for e in entries {
        if e.children.is_empty() {
            println!("{indent}{}  [{}] {}", e.name, e.action.as_str(), e.param);
        } else {
            println!("{indent}{}", e.name);
            print_entries(&e.children, &format!("{indent}  "));
        }
    }
}

pub(crate) async fn menu(studio: &Studio, command: MenuCommand, json: bool) -> CliResult {
    let lang = studio.lang();
    match command {
        MenuCommand::Show { account } => {
            let state = studio.menu_state(account).await?;
            if json {
                print_json(&state);
                return Ok(());
            }
            println!("{} ({})", lang.pick("草稿", "Draft"), state.draft.kind.as_str());
            print_entries(&state.draft.entries, "  ");
            match state.live.as_ref().map(|l| l.menu.as_ref()) {
                None => println!("{}", lang.pick("（尚未从平台读取）", "(not read from the platform yet)")),
                Some(None) => println!("{}", lang.pick("平台上还没有菜单", "No menu on the platform yet")),
                Some(Some(live)) => {
                    println!("{} ({})", lang.pick("平台上的菜单", "Live menu"), live.kind.as_str());
                    print_entries(&live.entries, "  ");
                }
            }
            for p in &state.problems {
                println!("! {}", studio_api::menu_problem_words(p, lang));
            }
            for c in &state.changes {
                println!("~ {} {}: {} → {}", c.change.as_str(), c.path.join(" › "), c.before, c.after);
            }
        }
        MenuCommand::Edit { file, account } => {
            let text = read_file(&file, lang)?;
            let menu: Menu = serde_json::from_str(&text).map_err(|e| ApiError {
                code: "menu_file_unreadable".into(),
                message: match lang {
                    Lang::ZhCn => format!("{} 不是菜单 JSON：{e}", file.display()),
                    Lang::En => format!("{} is not a menu in JSON: {e}", file.display()),
                },
            })?;
            let state = studio.save_menu_draft(menu, account).await?;
            if json {
                print_json(&state);
            } else {
                for p in &state.problems {
                    println!("! {}", studio_api::menu_problem_words(p, lang));
                }
                println!("{}", lang.pick("草稿已保存", "Draft saved"));
            }
        }
        MenuCommand::Publish { account } => {
            let publish = studio.publish_menu(account).await?;
            if json {
                print_json(&publish);
            } else {
                println!("{:>4}  {}", publish.id, publish.status.as_str());
            }
        }
        MenuCommand::History { account } => {
            let publishes = studio.menu_history(account).await?;
            if json {
                print_json(&publishes);
            } else {
                for p in publishes {
                    println!("{:>4}  {:<10}  {} {}", p.id, p.status.as_str(), p.menu.entries.len(), p.words);
                }
            }
        }
    }
    Ok(())
}
