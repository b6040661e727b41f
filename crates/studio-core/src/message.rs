//! Messages to a life account's followers (群发): a text, or an image-text
//! message whose content page the platform keeps (`message.content.create`)
//! and whose card goes to every follower (`message.total.send`), sent
//! exactly once and taken back only by recall.
//!
//! Limits from the SDK's field docs (`AlipayOpenPublicMessageContentCreateModel`,
//! `AlipayOpenPublicMessagePreviewSendModel`): a benefit of at most 10
//! characters (activities only), at most 5 keywords, at most 10 accounts
//! that may preview a content, a cover of 996×450 under 3 MB. Title and
//! body lengths are not documented; the library's own bounds apply.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::media::ContentHash;

crate::vocabulary! {
    /// What kind of message.
    pub enum MessageKind {
        /// Words only.
        Text,
        /// A card with a cover that opens the content's page.
        ImageText,
    }
}

crate::vocabulary! {
    /// Where a message stands.
    pub enum MessageStatus {
        /// Being written; nothing has gone out.
        Draft,
        /// In the outbox (or waiting for its time).
        Sending,
        /// Sent to every follower.
        Sent,
        /// Stopped: refused, or its answer was lost and it may have gone out
        /// (`words` says which). It is never sent again without the user.
        Failed,
        /// Being recalled.
        Recalling,
        /// Taken back.
        Recalled,
    }
}

/// What a message says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageFields {
    /// Text or image-text.
    #[serde(default = "text_kind")]
    pub kind: MessageKind,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The text (a text message) or the content page's body (image-text).
    #[serde(default)]
    pub body: String,
    /// The card's line under the title (image-text).
    #[serde(default)]
    pub summary: String,
    /// The cover (image-text), a library picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cover: Option<ContentHash>,
    /// Whether followers may comment on the content page.
    #[serde(default)]
    pub comments: bool,
    /// An activity's benefit (makes the content an activity), at most 10 characters.
    #[serde(default)]
    pub benefit: String,
    /// Keywords, at most 5.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Alipay accounts that may preview the content page, at most 10.
    #[serde(default)]
    pub previewers: Vec<String>,
}

fn text_kind() -> MessageKind {
    MessageKind::Text
}

impl Default for MessageKind {
    fn default() -> MessageKind {
        MessageKind::Text
    }
}

/// The platform's limits of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageLimits {
    /// Characters of a benefit.
    pub benefit_chars: usize,
    /// Keywords.
    pub keywords: usize,
    /// Accounts that may preview a content.
    pub previewers: usize,
    /// Accounts a preview is pushed to at once (`message.preview.send`).
    pub preview_push: usize,
}

/// Alipay's message limits.
pub const ALIPAY_MESSAGE: MessageLimits =
    MessageLimits { benefit_chars: 10, keywords: 5, previewers: 10, preview_push: 5 };

/// Why a message cannot be sent as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MessageProblem {
    /// No title (an image-text message needs one).
    TitleEmpty,
    /// No words.
    BodyEmpty,
    /// An image-text message without its cover.
    CoverMissing,
    /// A benefit longer than the platform takes.
    BenefitTooLong {
        /// The cap.
        max: usize,
    },
    /// More keywords than the platform takes, or one with a comma.
    Keywords {
        /// The cap.
        max: usize,
    },
    /// More preview accounts than the platform takes, or one with a comma.
    Previewers {
        /// The cap.
        max: usize,
    },
}

impl MessageFields {
    /// Every problem against `limits`.
    pub fn problems(&self, limits: &MessageLimits) -> Vec<MessageProblem> {
        let mut out = Vec::new();
        let image_text = self.kind == MessageKind::ImageText;
        if image_text && self.title.trim().is_empty() {
            out.push(MessageProblem::TitleEmpty);
        }
        if self.body.trim().is_empty() {
            out.push(MessageProblem::BodyEmpty);
        }
        if image_text && self.cover.is_none() {
            out.push(MessageProblem::CoverMissing);
        }
        if image_text && self.benefit.trim().chars().count() > limits.benefit_chars {
            out.push(MessageProblem::BenefitTooLong { max: limits.benefit_chars });
        }
        let listed = |items: &[String], max: usize| {
            items.iter().filter(|i| !i.trim().is_empty()).count() > max || items.iter().any(|i| i.contains([',', '，']))
        };
        if image_text && listed(&self.keywords, limits.keywords) {
            out.push(MessageProblem::Keywords { max: limits.keywords });
        }
        if image_text && listed(&self.previewers, limits.previewers) {
            out.push(MessageProblem::Previewers { max: limits.previewers });
        }
        out
    }
}

/// A message to followers and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowerMessage {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account it goes out from.
    #[ts(type = "number")]
    pub account_id: crate::AccountId,
    /// What it says.
    pub fields: MessageFields,
    /// Where it stands.
    pub status: MessageStatus,
    /// Unix ms it goes out at, when scheduled.
    #[ts(type = "number | null")]
    pub scheduled_at: Option<i64>,
    /// The platform's content page (image-text), once made.
    pub content_url: Option<String>,
    /// The platform's id of the message, once sent.
    pub message_id: Option<String>,
    /// The platform's words when it failed.
    pub words: String,
    /// The code its send stopped with, when it failed (`sync.outcome_unknown`:
    /// no answer came, so it may have reached followers).
    pub error_code: Option<String>,
    /// Unix ms of its last change.
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// A message as it was after a save: its revisions fold plain edits close
/// together as a draft's do, and mark where it was made, sent or scheduled
/// and restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageRevision {
    /// Revision id.
    #[ts(type = "number")]
    pub id: i64,
    /// The message.
    #[ts(type = "number")]
    pub message_id: i64,
    /// Why it was recorded.
    pub reason: crate::RevisionReason,
    /// What the message said then.
    pub fields: MessageFields,
    /// First save it covers, Unix ms.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Last save it covers, Unix ms.
    #[ts(type = "number")]
    pub updated_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_message_needs_words_and_an_image_text_one_its_cover_title_and_limits() {
        let text = MessageFields { body: "今天营业到十点".into(), ..MessageFields::default() };
        assert_eq!(text.problems(&ALIPAY_MESSAGE), []);
        assert_eq!(MessageFields::default().problems(&ALIPAY_MESSAGE), [MessageProblem::BodyEmpty]);
        let card = MessageFields {
            kind: MessageKind::ImageText,
            body: "正文".into(),
            benefit: "十一个字的优惠说明文字".into(),
            keywords: (0..6).map(|i| i.to_string()).collect(),
            previewers: vec!["a,b".into()],
            ..MessageFields::default()
        };
        assert_eq!(
            card.problems(&ALIPAY_MESSAGE),
            [
                MessageProblem::TitleEmpty,
                MessageProblem::CoverMissing,
                MessageProblem::BenefitTooLong { max: 10 },
                MessageProblem::Keywords { max: 5 },
                MessageProblem::Previewers { max: 10 },
            ]
        );
    }
}
