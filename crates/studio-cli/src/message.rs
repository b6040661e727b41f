//! `studio message`: messages to the life account's followers: write one,
//! list them, make its content page for previewers, send it to every
//! follower (once) now or at a time, move one waiting for its time, go
//! back to an earlier revision, and recall it.

use clap::{Args, Subcommand};
use studio_api::{
    code, format_wall, user_zone, ContentHash, FollowerMessage, Lang, MessageFields, MessageKind, MessageStatus, Studio,
};

use crate::sync::parse_time;
use crate::{print_json, CliResult};

#[derive(Args)]
pub(crate) struct MessageText {
    /// The title (an image-text message needs one).
    #[arg(long, default_value = "")]
    title: String,
    /// The words (a text message) or the content page's body (image-text).
    #[arg(long, default_value = "")]
    body: String,
    /// Make it an image-text message with this library picture as its cover.
    #[arg(long, value_name = "HASH")]
    cover: Option<String>,
    /// The card's line under the title (image-text).
    #[arg(long, default_value = "")]
    summary: String,
    /// Let followers comment on the content page.
    #[arg(long)]
    comments: bool,
    /// An activity's benefit, at most 10 characters (image-text).
    #[arg(long, default_value = "")]
    benefit: String,
    /// A keyword (up to 5).
    #[arg(long = "keyword")]
    keywords: Vec<String>,
    /// An Alipay account that may preview the content page (up to 10).
    #[arg(long = "previewer")]
    previewers: Vec<String>,
}

impl MessageText {
    fn fields(self, lang: Lang) -> Result<MessageFields, studio_api::ApiError> {
        let cover = self.cover.map(|h| ContentHash::parse(&h)).transpose().map_err(|_| studio_api::ApiError {
            code: "media.bad_hash".into(),
            message: lang.pick("封面不是素材库里文件的编号", "the cover is not the id of a file in the library").into(),
        })?;
        Ok(MessageFields {
            kind: if cover.is_some() { MessageKind::ImageText } else { MessageKind::Text },
            title: self.title,
            body: self.body,
            summary: self.summary,
            cover,
            comments: self.comments,
            benefit: self.benefit,
            keywords: self.keywords,
            previewers: self.previewers,
        })
    }
}

#[derive(Subcommand)]
pub(crate) enum MessageCommand {
    /// Write a message (a draft; nothing goes out).
    New {
        #[command(flatten)]
        text: MessageText,
        /// The account (default: the publishing account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// Rewrite a draft, or a message that did not go out.
    Edit {
        /// The message.
        id: i64,
        #[command(flatten)]
        text: MessageText,
    },
    /// Every message with where it stands, newest first.
    List {
        /// The account (default: every account).
        #[arg(long)]
        account: Option<i64>,
    },
    /// Make an image-text message's content page for its previewers, without sending it.
    Preview {
        /// The message.
        id: i64,
    },
    /// Send it to every follower, now or at `--at`. It goes out once: a send
    /// whose answer never came stops for you instead of going again.
    Send {
        /// The message.
        id: i64,
        /// When, local `YYYY-MM-DD HH:MM` or RFC 3339.
        #[arg(long)]
        at: Option<String>,
    },
    /// Give a message waiting for its time another time (as dragging it on the calendar does).
    Move {
        /// The message.
        id: i64,
        /// The new time, local `YYYY-MM-DD HH:MM` or RFC 3339.
        #[arg(long)]
        at: String,
    },
    /// A message's revisions, newest first.
    History {
        /// The message.
        id: i64,
    },
    /// Bring back what a message said in one of its revisions (a draft, or one that did not go out).
    Restore {
        /// The message.
        id: i64,
        /// The revision, as `history` lists it.
        revision: i64,
    },
    /// Take back a message sent to followers.
    Recall {
        /// The message.
        id: i64,
        /// Confirm: followers no longer see it.
        #[arg(long)]
        yes: bool,
    },
}

fn print(m: &FollowerMessage, json: bool, lang: Lang) {
    if json {
        print_json(m);
    } else {
        let what = if m.fields.title.is_empty() { &m.fields.body } else { &m.fields.title };
        let first: String = what.chars().take(40).collect();
        println!("{:>4}  {:<9}  {}  {}", m.id, m.status.as_str(), first, why(m, lang));
    }
}

/// Why a message stopped: the platform's words, else what the studio knows.
fn why(m: &FollowerMessage, lang: Lang) -> String {
    match (m.status, m.words.as_str(), m.error_code.as_deref()) {
        (_, words, _) if !words.is_empty() => words.to_string(),
        (MessageStatus::Failed, _, Some(code::OUTCOME_UNKNOWN) | None) => lang
            .pick(
                "平台没有回答这次发送：可能已经发给了关注者。请先在支付宝里确认，再决定是否重发。",
                "The platform did not answer the send: it may have reached your followers. Check in the Alipay app before sending it again.",
            )
            .to_string(),
        (MessageStatus::Failed, _, Some(other)) => other.to_string(),
        _ => String::new(),
    }
}

pub(crate) async fn message(studio: &Studio, command: MessageCommand, json: bool) -> CliResult {
    let lang = studio.lang();
    match command {
        MessageCommand::New { text, account } => {
            print(&studio.create_message(text.fields(lang)?, account).await?, json, lang)
        }
        MessageCommand::Edit { id, text } => print(&studio.update_message(id, text.fields(lang)?).await?, json, lang),
        MessageCommand::List { account } => {
            let all = studio.list_messages(account).await?;
            if json {
                print_json(&all);
            } else {
                all.iter().for_each(|m| print(m, false, lang));
            }
        }
        MessageCommand::Move { id, at } => {
            let at = parse_time(&at, lang)?;
            print(&studio.move_message(id, at).await?, json, lang)
        }
        MessageCommand::History { id } => {
            let history = studio.message_revisions(id).await?;
            if json {
                print_json(&history);
            } else {
                for r in &history {
                    let what = if r.fields.title.is_empty() { &r.fields.body } else { &r.fields.title };
                    let first: String = what.chars().take(40).collect();
                    println!(
                        "{:>4}  {}  {:<8}  {first}",
                        r.id,
                        format_wall(r.updated_at, &user_zone()),
                        r.reason.as_str()
                    );
                }
            }
        }
        MessageCommand::Restore { id, revision } => {
            print(&studio.restore_message_revision(id, revision).await?, json, lang)
        }
        MessageCommand::Preview { id } => print(&studio.preview_message(id).await?, json, lang),
        MessageCommand::Send { id, at } => {
            let at = at.map(|t| parse_time(&t, lang)).transpose()?;
            print(&studio.send_message(id, at).await?, json, lang)
        }
        MessageCommand::Recall { id, yes } => {
            if !yes {
                return Err(studio_api::ApiError {
                    code: "confirmation_needed".into(),
                    message: lang
                        .pick(
                            "撤回后粉丝将看不到这条消息。确认请加 --yes。",
                            "Once recalled, followers no longer see it. Add --yes to confirm.",
                        )
                        .into(),
                }
                .into());
            }
            print(&studio.recall_message(id).await?, json, lang)
        }
    }
    Ok(())
}
