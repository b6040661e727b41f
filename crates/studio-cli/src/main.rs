//! `studio`: the same use cases as the desktop app, headless.

mod calendar;
mod dist;
mod live;
mod media;
mod menu;
mod message;
mod profile;
mod sync;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use studio_api::{
    default_data_dir, ApiError, ContentHash, Draft, DraftKind, DraftMedium, DraftPatch, Lang, MediumRole, NewDraft,
    Platform, Studio, StudioError, Visibility,
};

/// Why a command failed: a use case's failure, worded once at the end in
/// the terminal's language, or one the command words itself.
#[derive(Debug)]
pub(crate) enum CliError {
    /// A use case failed.
    Studio(StudioError),
    /// Already worded.
    Worded(ApiError),
}

impl From<StudioError> for CliError {
    fn from(e: StudioError) -> CliError {
        CliError::Studio(e)
    }
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> CliError {
        CliError::Worded(e)
    }
}

impl CliError {
    /// The failure as the terminal shows it.
    fn in_lang(self, lang: Lang) -> ApiError {
        match self {
            CliError::Studio(e) => e.in_lang(lang),
            CliError::Worded(e) => e,
        }
    }
}

/// What a command returns.
pub(crate) type CliResult = Result<(), CliError>;

#[derive(Parser)]
#[command(name = "studio", version, about = "Creator Studio from the terminal: drafts, accounts, publishing and sync")]
struct Cli {
    /// Library folder (default: the app's OS data folder, shared with the desktop app).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write, list and change drafts.
    #[command(subcommand)]
    Drafts(DraftsCommand),
    /// Run the Alipay gateway emulator on loopback until Ctrl+C.
    Emulator(EmulatorArgs),
    /// The media library: import, list, tag, delete, renditions.
    #[command(subcommand)]
    Media(media::MediaCommand),
    /// List and add platform accounts.
    #[command(subcommand)]
    Accounts(sync::AccountsCommand),
    /// Queue a draft for publishing (now, or at a time the platform keeps).
    Publish(sync::PublishArgs),
    /// The jobs waiting to reach the platform; retry or cancel one.
    Outbox(sync::OutboxArgs),
    /// Send what waits in the outbox and bring the platform's changes back.
    Sync(sync::SyncArgs),
    /// Write the whole library (documented JSON plus the media files) into DIR.
    Export {
        /// Folder to write into (made if missing; must hold no export yet).
        dir: PathBuf,
    },
    /// Make the library in the (empty) data folder from an export in DIR.
    Import {
        /// Folder written by `studio export`.
        dir: PathBuf,
    },
    /// Back the library up now, or list its backups (`--list`).
    Backup {
        /// List the backups instead of making one.
        #[arg(long)]
        list: bool,
    },
    /// Write the manual pages and shell completions into DIR (for installers).
    #[command(hide = true)]
    DistFiles {
        /// Folder to write `man1/` and `completions/` into.
        dir: PathBuf,
    },
    /// What is planned between two dates; `calendar export FILE.ics` writes a calendar file.
    Calendar(calendar::CalendarArgs),
    /// The posting queue: its slots, adding a draft to the next free one, what fills them.
    #[command(subcommand)]
    Queue(calendar::QueueCommand),
    /// Livestreams: plan, list, show, edit the plan, move, withdraw, duplicate, run sheets.
    #[command(subcommand)]
    Live(live::LiveCommand),
    /// The life account's profile: as the platform shows it, edits and their audits.
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// The service menu: the draft beside the live menu, a draft from JSON, publish, history.
    #[command(subcommand)]
    Menu(menu::MenuCommand),
    /// Messages to followers: write, list, preview, send once, recall.
    #[command(subcommand)]
    Message(message::MessageCommand),
}

#[derive(Args)]
struct EmulatorArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:9900")]
    listen: std::net::SocketAddr,
    /// Register an app: APP_ID=PUBLIC_KEY_FILE (PEM or Base64). Repeatable.
    #[arg(long = "app", value_name = "APP_ID=FILE")]
    apps: Vec<String>,
    /// Write the platform's public key (PEM) here, for clients.
    #[arg(long)]
    export_public_key: Option<PathBuf>,
    /// Milliseconds from submission to a review decision.
    #[arg(long, default_value_t = 3000)]
    review_delay_ms: u64,
    /// Calls per second each app may make; 0 for no limit.
    #[arg(long, default_value_t = 0)]
    rate_limit: u32,
}

/// Runs the emulator with its state in `<data dir>/emulator`.
async fn run_emulator(args: EmulatorArgs, data_dir: PathBuf, lang: Lang) -> CliResult {
    let fail = |zh: String, en: String| ApiError {
        code: "emulator_failed".into(),
        message: if lang == Lang::ZhCn { zh } else { en },
    };
    let mut apps = Vec::new();
    for spec in &args.apps {
        let (id, file) = spec.split_once('=').ok_or_else(|| {
            fail(
                format!("--app 的格式为 APP_ID=公钥文件：{spec}"),
                format!("--app takes APP_ID=PUBLIC_KEY_FILE: {spec}"),
            )
        })?;
        let text = std::fs::read_to_string(file)
            .map_err(|e| fail(format!("无法读取 {file}：{e}"), format!("cannot read {file}: {e}")))?;
        let key = alipay_open::PublicKey::parse(&text).map_err(|e| {
            fail(format!("应用 {id} 的公钥无效：{e}"), format!("the public key of app {id} is not usable: {e}"))
        })?;
        apps.push((id.to_string(), key));
    }
    let platform_key = alipay_open::PrivateKey::generate();
    let public_pem = platform_key.public_key().to_pem();
    if let Some(path) = &args.export_public_key {
        std::fs::write(path, &public_pem).map_err(|e| {
            fail(format!("无法写入 {}：{e}", path.display()), format!("cannot write {}: {e}", path.display()))
        })?;
    }
    let config = alipay_emulator::EmulatorConfig {
        listen: args.listen,
        data_dir: Some(data_dir.join("emulator")),
        platform_key,
        apps,
        review: alipay_emulator::Review {
            delay: std::time::Duration::from_millis(args.review_delay_ms),
            ..Default::default()
        },
        faults: Default::default(),
        rate_limit: Some(args.rate_limit).filter(|n| *n > 0),
        clock_offset_ms: 0,
    };
    let emulator = alipay_emulator::Emulator::start(config)
        .await
        .map_err(|e| fail(format!("模拟器无法启动：{e}"), format!("the emulator could not start: {e}")))?;
    // Whoever reads this may stop reading (`| head -1`); that is no failure.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{}", emulator.gateway_url())
        .and_then(|()| writeln!(stdout, "{public_pem}"))
        .and_then(|()| stdout.flush());
    let _ = tokio::signal::ctrl_c().await;
    emulator.stop().await;
    Ok(())
}

#[derive(Subcommand)]
enum DraftsCommand {
    /// Make a new draft.
    Create(DraftFields),
    /// List drafts, most recently changed first.
    List,
    /// Show one draft in full.
    Show {
        /// Draft id.
        id: i64,
    },
    /// Change a draft's kind, title or body.
    Edit {
        /// Draft id.
        id: i64,
        #[command(flatten)]
        fields: DraftFields,
    },
    /// Move a draft to the trash.
    Delete {
        /// Draft id.
        id: i64,
    },
    /// Find drafts by any part of their title or body (Chinese of any length, English words).
    Search {
        /// What to look for.
        query: String,
    },
    /// List the drafts in the trash.
    Trash,
    /// Bring a draft back from the trash.
    Restore {
        /// Draft id.
        id: i64,
    },
    /// Delete everything in the trash for good.
    EmptyTrash {
        /// Do it without asking.
        #[arg(long)]
        yes: bool,
    },
    /// List a draft's revisions, newest first.
    History {
        /// Draft id.
        id: i64,
    },
    /// Check a draft against a platform's rules: counters and what it would refuse.
    Check {
        /// Draft id.
        id: i64,
        /// alipay, douyin or xiaohongshu.
        #[arg(long, default_value = "alipay", value_parser = parse_platform)]
        platform: Platform,
        /// Also ask Alipay's moderation about the text (the publishing account's gateway).
        #[arg(long)]
        with_platform: bool,
    },
    /// Make a draft read as one of its revisions did (recorded as a new revision).
    RestoreRevision {
        /// Draft id.
        id: i64,
        /// Revision id (from `history`).
        revision: i64,
    },
}

#[derive(Args)]
struct DraftFields {
    /// Title (标题).
    #[arg(long)]
    title: Option<String>,
    /// Body text (正文).
    #[arg(long)]
    body: Option<String>,
    /// Post kind: image-text or video.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<DraftKind>,
    /// Private notes (searched, never published); `edit` only.
    #[arg(long)]
    notes: Option<String>,
    /// Who may see the post: everyone or restricted; `edit` only.
    #[arg(long, value_parser = parse_visibility)]
    visibility: Option<Visibility>,
    /// The post's images, in order, by media-library hash (repeatable; replaces them); `edit` only.
    #[arg(long = "image", value_name = "HASH")]
    images: Vec<String>,
}

fn parse_visibility(s: &str) -> Result<Visibility, String> {
    Visibility::parse(s).ok_or_else(|| format!("unknown visibility {s:?}; use everyone or restricted"))
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    match s {
        "alipay" => Ok(Platform::Alipay),
        "douyin" => Ok(Platform::Douyin),
        "xiaohongshu" => Ok(Platform::Xiaohongshu),
        _ => Err(format!("unknown platform {s:?}; use alipay, douyin or xiaohongshu")),
    }
}

fn parse_kind(s: &str) -> Result<DraftKind, String> {
    DraftKind::parse(&s.replace('-', "_")).ok_or_else(|| format!("unknown kind {s:?}; use image-text or video"))
}

/// The terminal's language: zh-CN when the locale says Chinese, else English.
fn terminal_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::from_tag(&v))
        .unwrap_or(Lang::En)
}

/// Asks on the terminal before deleting for good; refuses without one.
async fn confirm_empty_trash(studio: &Studio) -> Result<bool, CliError> {
    use std::io::{BufRead, IsTerminal, Write};
    let count = studio.list_trash().await?.len();
    let lang = studio.lang();
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Worded(ApiError {
            code: "confirmation_needed".into(),
            message: lang
                .pick(
                    "清空回收站无法撤销；请加 --yes 确认。",
                    "Emptying the trash cannot be undone; pass --yes to confirm.",
                )
                .into(),
        }));
    }
    let prompt = match lang {
        Lang::ZhCn => format!("永久删除回收站中的 {count} 篇草稿？[y/N] "),
        Lang::En => format!("Delete the {count} drafts in the trash for good? [y/N] "),
    };
    print!("{prompt}");
    std::io::stdout().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok();
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn print_draft_line(draft: &Draft) {
    let title = if draft.title.is_empty() { "(untitled)" } else { draft.title.as_str() };
    println!("{:>6}  {:<10}  {}", draft.id, draft.kind.as_str(), title);
}

pub(crate) fn print_json(value: &impl serde::Serialize) {
    println!("{}", serde_json::to_string_pretty(value).expect("our types serialize"));
}

async fn run(cli: Cli, lang: Lang) -> CliResult {
    if let Command::DistFiles { dir } = &cli.command {
        return dist::write(dir).map_err(|e| {
            CliError::Worded(ApiError { code: "dist_files_failed".into(), message: format!("{}: {e}", dir.display()) })
        });
    }
    let data_dir = cli.data_dir.or_else(default_data_dir).ok_or_else(|| ApiError {
        code: "data_folder_unavailable".into(),
        message: lang
            .pick("找不到系统的数据文件夹，请用 --data-dir 指定。", "No OS data folder was found; pass --data-dir.")
            .into(),
    })?;
    if let Command::Emulator(args) = cli.command {
        return run_emulator(args, data_dir, lang).await;
    }
    if let Command::Import { dir } = &cli.command {
        let summary = Studio::import_library(dir, &data_dir).await?;
        if cli.json {
            print_json(&summary)
        } else {
            println!("{} drafts, {} media files", summary.drafts, summary.media)
        }
        return Ok(());
    }
    // Kept until the command ends, so what it logged is flushed.
    let _log = studio_api::start_logging(&data_dir);
    let studio = Studio::open(&data_dir, lang).await?;
    studio.speak(lang);
    let json = cli.json;
    let result = match cli.command {
        Command::Drafts(command) => drafts(&studio, command, json).await,
        Command::Accounts(command) => sync::accounts(&studio, command, json).await,
        Command::Media(command) => media::media(&studio, command, json).await,
        Command::Publish(args) => sync::publish(&studio, args, json).await,
        Command::Outbox(args) => sync::outbox(&studio, args, json).await,
        Command::Sync(args) => sync::sync(&studio, args, json).await,
        Command::Export { dir } => export(&studio, dir, json).await,
        Command::Backup { list } => backup(&studio, list, json).await,
        Command::Calendar(args) => calendar::calendar(&studio, args, json).await,
        Command::Queue(command) => calendar::queue(&studio, command, json).await,
        Command::Live(command) => live::live(&studio, command, json).await,
        Command::Profile(command) => profile::profile(&studio, command, json).await,
        Command::Menu(command) => menu::menu(&studio, command, json).await,
        Command::Message(command) => message::message(&studio, command, json).await,
        Command::Emulator(_) | Command::DistFiles { .. } | Command::Import { .. } => unreachable!("handled above"),
    };
    studio.close().await;
    result
}

async fn export(studio: &Studio, dir: PathBuf, json: bool) -> CliResult {
    let summary = studio.export_library(dir.to_string_lossy().into_owned()).await?;
    if json {
        print_json(&summary)
    } else {
        println!("{} drafts, {} media files -> {}", summary.drafts, summary.media, summary.folder)
    }
    Ok(())
}

async fn backup(studio: &Studio, list: bool, json: bool) -> CliResult {
    let backups = if list { studio.list_backups().await? } else { vec![studio.back_up_now().await?] };
    if json {
        print_json(&backups)
    } else {
        for b in &backups {
            println!("{}  {:?}  {} bytes", b.name, b.reason, b.bytes);
        }
    }
    Ok(())
}

async fn drafts(studio: &Studio, command: DraftsCommand, json: bool) -> CliResult {
    match command {
        DraftsCommand::Create(fields) => {
            let new = NewDraft {
                kind: fields.kind,
                title: fields.title.unwrap_or_default(),
                body: fields.body.unwrap_or_default(),
            };
            let draft = studio.create_draft(new).await?;
            if json {
                print_json(&draft)
            } else {
                print_draft_line(&draft)
            }
        }
        DraftsCommand::List => {
            let drafts = studio.list_drafts().await?;
            if json {
                print_json(&drafts)
            } else {
                drafts.iter().for_each(print_draft_line)
            }
        }
        DraftsCommand::Show { id } => {
            let draft = studio.get_draft(id).await?;
            if json {
                print_json(&draft)
            } else {
                print_draft_line(&draft);
                println!("\n{}", draft.body);
            }
        }
        DraftsCommand::Edit { id, fields } => {
            let patch = DraftPatch {
                kind: fields.kind,
                title: fields.title,
                body: fields.body,
                notes: fields.notes,
                visibility: fields.visibility,
                ..Default::default()
            };
            let draft = studio.update_draft(id, patch).await?;
            if !fields.images.is_empty() {
                let media = fields
                    .images
                    .iter()
                    .map(|hash| {
                        Ok(DraftMedium { hash: ContentHash::parse(hash)?, role: MediumRole::Image, focal: None })
                    })
                    .collect::<Result<_, StudioError>>()?;
                studio.set_draft_media(id, media).await?;
            }
            if json {
                print_json(&draft)
            } else {
                print_draft_line(&draft)
            }
        }
        DraftsCommand::Delete { id } => {
            studio.delete_draft(id).await?;
            if json {
                print_json(&serde_json::json!({ "trashed": id }))
            }
        }
        DraftsCommand::Search { query } => {
            let hits = studio.search_drafts(query).await?;
            if json {
                print_json(&hits)
            } else {
                hits.iter().for_each(|h| print_draft_line(&h.draft))
            }
        }
        DraftsCommand::Trash => {
            let drafts = studio.list_trash().await?;
            if json {
                print_json(&drafts)
            } else {
                drafts.iter().for_each(print_draft_line)
            }
        }
        DraftsCommand::Restore { id } => {
            let draft = studio.restore_draft(id).await?;
            if json {
                print_json(&draft)
            } else {
                print_draft_line(&draft)
            }
        }
        DraftsCommand::EmptyTrash { yes } => {
            if !yes && !confirm_empty_trash(studio).await? {
                return Ok(());
            }
            let deleted = studio.empty_trash().await?;
            if json {
                print_json(&serde_json::json!({ "deleted": deleted }))
            } else {
                println!("{deleted}")
            }
        }
        DraftsCommand::History { id } => {
            let revisions = studio.list_revisions(id).await?;
            if json {
                print_json(&revisions)
            } else {
                for r in &revisions {
                    println!("{:>6}  {:<8}  {}  {}", r.id, r.reason.as_str(), r.updated_at, r.title);
                }
            }
        }
        DraftsCommand::Check { id, platform, with_platform } => {
            let draft = studio.get_draft(id).await?;
            let check = studio.check_draft(draft, platform).await?;
            let moderation = if with_platform { Some(studio.check_with_platform(id, None).await?) } else { None };
            if json && with_platform {
                print_json(&serde_json::json!({ "rules": check, "platform": moderation }))
            } else if json {
                print_json(&check)
            } else {
                if let Some(m) = &moderation {
                    println!("platform: {}  {}  {}", m.verdict.as_str(), m.keywords.join(", "), m.note);
                }
                let c = &check.counters;
                println!(
                    "title {}  title+topics {}  body {}  topics {:?}",
                    c.title, c.title_with_topics, c.body, c.topics
                );
                for p in &check.problems {
                    println!("{}", serde_json::to_string(p).expect("serializes"));
                }
            }
        }
        DraftsCommand::RestoreRevision { id, revision } => {
            let draft = studio.restore_revision(id, revision).await?;
            if json {
                print_json(&draft)
            } else {
                print_draft_line(&draft)
            }
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    let lang = terminal_lang();
    match run(cli, lang).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let err = err.in_lang(lang);
            if json {
                eprintln!("{}", serde_json::to_string(&serde_json::json!({ "error": err })).expect("serializes"));
            } else {
                eprintln!("studio: {}", err.message);
            }
            ExitCode::FAILURE
        }
    }
}
