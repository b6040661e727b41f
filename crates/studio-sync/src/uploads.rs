//! What a send needs from the library beyond its payload: the file ids (or
//! picture URLs) its uploads recorded, a livestream's platform id, and the
//! bytes of a medium to upload.

use studio_core::media::MediaRuleName;
use studio_core::sync::{PostPayload, UploadPurpose};
use studio_core::{AccountId, ContentHash, JobProblem, Menu, MenuKind, MessageFields, ProfileFields};
use studio_store::Store;

use crate::judge::SendError;

/// Where a send finds uploaded file ids and media bytes.
pub(crate) struct Files {
    pub(crate) store: Store,
    pub(crate) media: Option<studio_media::MediaStore>,
}

impl Files {
    /// What the upload of `hash` for `purpose` recorded: a file id, or a
    /// picture's URL. A medium not uploaded blocks the job.
    pub(crate) async fn file_id(
        &self,
        account: AccountId,
        hash: &ContentHash,
        purpose: UploadPurpose,
    ) -> Result<String, SendError> {
        self.store
            .remote_file(account, hash, purpose)
            .await?
            .ok_or_else(|| SendError::Blocked(JobProblem::NotUploaded { hash: hash.clone() }))
    }

    /// The file ids of a post's media, in order.
    pub(crate) async fn post_file_ids(&self, account: AccountId, post: &PostPayload) -> Result<Vec<String>, SendError> {
        let mut ids = Vec::with_capacity(post.media.len());
        for m in &post.media {
            ids.push(self.file_id(account, &m.hash, m.purpose).await?);
        }
        Ok(ids)
    }

    /// The URLs of a profile edit's pictures, in the order of `ProfileFields::pictures`.
    pub(crate) async fn profile_urls(
        &self,
        account: AccountId,
        fields: &ProfileFields,
    ) -> Result<Vec<String>, SendError> {
        let mut urls = Vec::new();
        for (hash, rule) in fields.pictures() {
            urls.push(self.file_id(account, hash, UploadPurpose::material(rule)).await?);
        }
        Ok(urls)
    }

    /// The URL of a message's cover, as its upload recorded (empty for none).
    pub(crate) async fn message_cover(&self, account: AccountId, fields: &MessageFields) -> Result<String, SendError> {
        match &fields.cover {
            Some(hash) => self.file_id(account, hash, UploadPurpose::material(MediaRuleName::MessageCover)).await,
            None => Ok(String::new()),
        }
    }

    /// Names each icon of a menu by the URL its upload recorded.
    pub(crate) async fn name_menu_icons(&self, account: AccountId, menu: &mut Menu) -> Result<(), SendError> {
        if menu.kind != MenuKind::Icon {
            return Ok(());
        }
        let purpose = UploadPurpose::material(MediaRuleName::MenuIcon);
        for e in &mut menu.entries {
            if let Some(hash) = &e.icon {
                e.icon_url = self.file_id(account, hash, purpose).await?;
            }
            for c in &mut e.children {
                if let Some(hash) = &c.icon {
                    c.icon_url = self.file_id(account, hash, purpose).await?;
                }
            }
        }
        Ok(())
    }

    /// The platform's id of a livestream's announcement: `frozen` when the
    /// job knew it, else what the announcement before it recorded.
    pub(crate) async fn advance_id(&self, livestream: i64, frozen: &Option<String>) -> Result<String, SendError> {
        if let Some(id) = frozen.as_ref().filter(|id| !id.is_empty()) {
            return Ok(id.clone());
        }
        self.store.livestream_advance_id(livestream).await?.ok_or(SendError::Blocked(JobProblem::NeverAnnounced))
    }

    /// The name and bytes uploaded for a medium: a video as it is, a picture
    /// as the rendition its purpose names (within the platform's limits, no
    /// personal metadata). File work runs off the async threads.
    pub(crate) async fn upload_bytes(
        &self,
        hash: &ContentHash,
        purpose: UploadPurpose,
    ) -> Result<(String, Vec<u8>), SendError> {
        let blocked = |detail: String| SendError::Blocked(JobProblem::Media { detail });
        let media = self.media.clone().ok_or_else(|| blocked("the media library is not open".into()))?;
        let hash = hash.clone();
        tokio::task::spawn_blocking(move || {
            let short = hash.short(16);
            let Some((rule, focal)) = purpose.rendition() else {
                let path = media.path_of(&hash).map_err(|e| e.to_string())?;
                let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
                // Named by what the bytes are: a QuickTime movie is not an MP4.
                let ext = match studio_media::sniff(&bytes) {
                    Some(studio_core::media::MediaFormat::Mov) => "mov",
                    _ => "mp4",
                };
                return Ok((format!("{short}.{ext}"), bytes));
            };
            let spec = studio_core::media::media_rule(rule).spec;
            let rendition = studio_media::render(&media, &hash, &spec, Some(focal)).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&rendition.path).map_err(|e| e.to_string())?;
            Ok((format!("{short}.jpg"), bytes))
        })
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r)
        .map_err(blocked)
    }
}
