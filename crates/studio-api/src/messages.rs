//! Messages to followers: written here (saved as typed, with revisions to go back to), previewed on the
//! content page by up to 10 named accounts, sent to every follower once
//! through the outbox (at once or at a chosen time), and recalled.

use studio_core::media::MediaKind;
use studio_core::message::ALIPAY_MESSAGE;
use studio_core::{AccountId, FollowerMessage, MessageFields, MessageKind, MessageProblem, MessageRevision};
use studio_store::MessageRequest;

use crate::{now_ms, Studio, StudioError, StudioResult};

impl Studio {
    /// Starts a message on an account (the publishing account when none).
    pub async fn create_message(
        &self,
        fields: MessageFields,
        account_id: Option<AccountId>,
    ) -> StudioResult<FollowerMessage> {
        let fields = self.checked_fields(fields).await?;
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.create_message(account.id, &fields, now_ms()).await?)
    }

    /// Keeps a message's words as typed (a draft, or one that failed).
    pub async fn update_message(&self, id: i64, fields: MessageFields) -> StudioResult<FollowerMessage> {
        let fields = self.checked_fields(fields).await?;
        queued(id, self.store.update_message(id, &fields, now_ms()).await?)
    }

    /// An account's messages (every account's when none), newest first.
    pub async fn list_messages(&self, account_id: Option<AccountId>) -> StudioResult<Vec<FollowerMessage>> {
        Ok(self.store.messages(account_id).await?)
    }

    /// What keeps a message from being sent.
    pub async fn message_problems(&self, fields: MessageFields) -> StudioResult<Vec<MessageProblem>> {
        Ok(fields.problems(&ALIPAY_MESSAGE))
    }

    /// Sends a message to every follower, at `at` or at once; nothing goes
    /// out while it has a problem. Sent once: an answer that never came
    /// stops it for the user rather than sending it again.
    pub async fn send_message(&self, id: i64, at: Option<i64>) -> StudioResult<FollowerMessage> {
        let message = self.store.message(id).await?.ok_or(StudioError::MessageNotFound { id })?;
        if let Some(problem) = message.fields.problems(&ALIPAY_MESSAGE).into_iter().next() {
            return Err(StudioError::Message(problem));
        }
        if at.is_some_and(|at| at <= now_ms()) {
            return Err(StudioError::ScheduleInPast { at: at.unwrap_or_default() });
        }
        let sent = queued(id, self.store.send_message(id, at, now_ms()).await?)?;
        self.worker_wake();
        Ok(sent)
    }

    /// Makes (or brings up to date) an image-text message's content page on
    /// the platform without sending it, for the accounts it names
    /// (`previewers`, up to 10) to preview; the page's address shows once made.
    pub async fn preview_message(&self, id: i64) -> StudioResult<FollowerMessage> {
        let message = self.store.message(id).await?.ok_or(StudioError::MessageNotFound { id })?;
        if let Some(problem) = message.fields.problems(&ALIPAY_MESSAGE).into_iter().next() {
            return Err(StudioError::Message(problem));
        }
        if message.fields.kind != MessageKind::ImageText {
            return Err(StudioError::MessageTextPreview);
        }
        let previewed = queued(id, self.store.preview_message(id, now_ms()).await?)?;
        self.worker_wake();
        Ok(previewed)
    }

    /// Takes back a sent message (the platform's recall).
    pub async fn recall_message(&self, id: i64) -> StudioResult<FollowerMessage> {
        let recalled = queued(id, self.store.recall_message(id, now_ms()).await?)?;
        self.worker_wake();
        Ok(recalled)
    }

    /// A message's revisions, newest first.
    pub async fn message_revisions(&self, id: i64) -> StudioResult<Vec<MessageRevision>> {
        self.store.message(id).await?.ok_or(StudioError::MessageNotFound { id })?;
        Ok(self.store.message_revisions(id).await?)
    }

    /// Brings back what a draft message (or one that did not go out) said
    /// in one of its revisions, recorded as a new revision.
    pub async fn restore_message_revision(&self, id: i64, revision: i64) -> StudioResult<FollowerMessage> {
        match self.store.restore_message_revision(id, revision, now_ms()).await? {
            Some(request) => queued(id, request),
            None => Err(StudioError::RevisionNotFound { id: revision }),
        }
    }

    async fn checked_fields(&self, fields: MessageFields) -> StudioResult<MessageFields> {
        studio_core::draft::check_title(&fields.title)?;
        studio_core::draft::check_body(&fields.body)?;
        studio_core::draft::check_title(&fields.summary)?;
        studio_core::draft::check_title(&fields.benefit)?;
        for item in fields.keywords.iter().chain(&fields.previewers) {
            studio_core::draft::check_title(item)?;
        }
        if let Some(hash) = &fields.cover {
            let asset =
                self.store.asset(hash).await?.ok_or_else(|| StudioError::AssetNotFound { hash: hash.to_string() })?;
            if asset.kind != MediaKind::Image {
                return Err(StudioError::MessageCoverNotAPicture);
            }
        }
        let clean =
            |items: Vec<String>| items.into_iter().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()).collect();
        Ok(MessageFields {
            keywords: clean(fields.keywords),
            previewers: clean(fields.previewers),
            cover: if fields.kind == MessageKind::ImageText { fields.cover } else { None },
            ..fields
        })
    }
}

fn queued(id: i64, request: MessageRequest) -> StudioResult<FollowerMessage> {
    match request {
        MessageRequest::Queued(m) => Ok(m),
        MessageRequest::NotFound => Err(StudioError::MessageNotFound { id }),
        MessageRequest::Not(status) => Err(StudioError::MessageNot { id, status }),
    }
}
