//! Sends one claimed job: its payload made into the platform's request,
//! with what the uploads before it recorded put in.

use studio_core::JobPayload;
use studio_store::{DueJob, JobOutcome};

use crate::engine::Connection;
use crate::judge::SendError;
use crate::request;
use crate::uploads::Files;

/// Sends one job's frozen request.
pub(crate) async fn send(conn: &Connection, files: &Files, due: &DueJob) -> Result<JobOutcome, SendError> {
    let account = due.job.account_id;
    let (client, opts) = (&conn.client, &conn.opts);
    match &due.payload {
        JobPayload::Publish(post) => {
            let file_ids = files.post_file_ids(account, post).await?;
            let published = client.publish_content(&request::publish(post, file_ids), opts).await?;
            Ok(JobOutcome::Published { content_id: published.content_id })
        }
        JobPayload::DeleteContent { content_id } => {
            client.delete_content(content_id, opts).await?;
            Ok(JobOutcome::Done)
        }
        JobPayload::LiveCreate(announcement) => {
            let created = client.create_live_advance(&request::announce(announcement), opts).await?;
            Ok(JobOutcome::Announced { advance_id: created.alipay_advance_id })
        }
        JobPayload::LiveModify(change) => {
            let advance_id = files.advance_id(due.job.target, &change.advance_id).await?;
            client.modify_live_advance(&request::change(change, advance_id), opts).await?;
            Ok(JobOutcome::Done)
        }
        JobPayload::LiveDelete(withdrawal) => {
            let advance_id = files.advance_id(due.job.target, &withdrawal.advance_id).await?;
            client.delete_live_advance(&request::withdraw(withdrawal, advance_id), opts).await?;
            Ok(JobOutcome::Done)
        }
        JobPayload::ProfileModify(fields) => {
            let urls = files.profile_urls(account, fields).await?;
            client.modify_public_info(&request::profile(fields, |i| urls[i].clone()), opts).await?;
            Ok(JobOutcome::Done)
        }
        JobPayload::MenuPublish(menu) => {
            let mut sent = menu.clone();
            files.name_menu_icons(account, &mut sent).await?;
            let set = request::menu(&sent);
            // Create the default menu the first time, replace it after: a
            // repeat after a lost answer finds it made and replaces it.
            if client.menus(opts).await?.menus.iter().any(|m| m.is_default()) {
                client.modify_menu(&set, opts).await?;
            } else {
                client.create_menu(&set, opts).await?;
            }
            Ok(JobOutcome::MenuPublished { menu: Box::new(sent) })
        }
        JobPayload::MessageContent(fields) => {
            let cover = files.message_cover(account, fields).await?;
            let (content_id, _, _) = files.store.message_ids(due.job.target).await?;
            let content = request::message_content(fields, cover, content_id.clone());
            // A page made already is changed, not made twice.
            let made = match content_id {
                Some(_) => client.modify_message_content(&content, opts).await?,
                None => client.create_message_content(&content, opts).await?,
            };
            Ok(JobOutcome::ContentMade { content_id: made.content_id, content_url: made.content_url })
        }
        JobPayload::MessageSend { fields, .. } => {
            let (content_url, cover) = match fields.kind {
                studio_core::MessageKind::Text => (String::new(), String::new()),
                studio_core::MessageKind::ImageText => {
                    let (_, url, _) = files.store.message_ids(due.job.target).await?;
                    let url = url.ok_or(SendError::Blocked(studio_core::JobProblem::MessageNotMade))?;
                    (url, files.message_cover(account, fields).await?)
                }
            };
            let sent = client.send_message_to_all(&request::message_body(fields, content_url, cover), opts).await?;
            Ok(JobOutcome::MessageSent { message_id: sent.message_id })
        }
        JobPayload::MessageRecall => {
            let (_, _, message_id) = files.store.message_ids(due.job.target).await?;
            let message_id = message_id.ok_or(SendError::Blocked(studio_core::JobProblem::MessageNotMade))?;
            client.recall_message(&message_id, opts).await?;
            Ok(JobOutcome::Done)
        }
        JobPayload::UploadMedia { hash, purpose } => {
            let uploaded = |file_id| JobOutcome::Uploaded { hash: hash.clone(), purpose: *purpose, file_id };
            // Once per account and purpose: another draft may have sent it already.
            if let Some(file_id) = files.store.remote_file(account, hash, *purpose).await? {
                return Ok(uploaded(file_id));
            }
            let (name, bytes) = files.upload_bytes(hash, *purpose).await?;
            if purpose.is_material() {
                // Profile pictures are named by URL in the profile edit.
                let image = client.upload_material_image("jpg", &name, bytes, opts).await?;
                return Ok(uploaded(if image.image_url.is_empty() { image.image_id } else { image.image_url }));
            }
            Ok(uploaded(client.upload_file(&name, bytes, opts).await?.file_id))
        }
    }
}
