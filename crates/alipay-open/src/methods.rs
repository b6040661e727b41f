//! The gateway methods the studio uses, with their parameters and answers
//! as typed structs (field names exactly as the platform spells them).

use serde::{Deserialize, Serialize};

use crate::client::{AlipayClient, CallOptions, Error, FilePart};

/// Method names, defined once.
pub mod name {
    /// Life-account profile.
    pub const PUBLIC_INFO_QUERY: &str = "alipay.open.public.info.query";
    /// Edit the life-account profile (goes through review).
    pub const PUBLIC_INFO_MODIFY: &str = "alipay.open.public.info.modify";
    /// Upload a profile image or video.
    pub const MATERIAL_IMAGE_UPLOAD: &str = "alipay.offline.material.image.upload";
    /// Upload content media.
    pub const FILE_UPLOAD: &str = "alipay.open.file.upload";
    /// Publish content.
    pub const CONTENT_PUBLISH: &str = "alipay.social.base.contentlib.standardcontent.publish";
    /// One content's state.
    pub const CONTENT_QUERY: &str = "alipay.social.base.contentlib.standardcontent.query";
    /// A page of contents.
    pub const CONTENT_BATCHQUERY: &str = "alipay.social.base.contentlib.standardcontent.batchquery";
    /// Delete content.
    pub const CONTENT_DELETE: &str = "alipay.social.base.contentlib.standardcontent.delete";
    /// Announce a livestream.
    pub const LIVE_ADVANCE_CREATE: &str = "alipay.content.live.advance.create";
    /// Change an announced livestream.
    pub const LIVE_ADVANCE_MODIFY: &str = "alipay.content.live.advance.modify";
    /// Withdraw an announced livestream.
    pub const LIVE_ADVANCE_DELETE: &str = "alipay.content.live.advance.delete";
    /// Moderation check before publishing.
    pub const CONTENT_DETECT: &str = "alipay.security.risk.content.detect";
    /// Create the account's default service menu.
    pub const MENU_CREATE: &str = "alipay.open.public.menu.create";
    /// Replace the account's default service menu.
    pub const MENU_MODIFY: &str = "alipay.open.public.menu.modify";
    /// Every menu of the account (the default one and personalised ones).
    pub const MENU_BATCHQUERY: &str = "alipay.open.public.menu.batchquery";
    /// The default menu's entries, as a JSON text.
    pub const MENU_QUERY: &str = "alipay.open.public.menu.query";
    /// Make an image-text message's content (its page, previewable by named accounts).
    pub const MESSAGE_CONTENT_CREATE: &str = "alipay.open.public.message.content.create";
    /// Change an image-text message's content.
    pub const MESSAGE_CONTENT_MODIFY: &str = "alipay.open.public.message.content.modify";
    /// Send a message to every follower.
    pub const MESSAGE_TOTAL_SEND: &str = "alipay.open.public.message.total.send";
    /// Send a message to named admins or operators of the account only.
    pub const MESSAGE_PREVIEW_SEND: &str = "alipay.open.public.message.preview.send";
    /// Messages sent, by id.
    pub const MESSAGE_QUERY: &str = "alipay.open.public.message.query";
    /// Take back a message sent to followers.
    pub const LIFE_MSG_RECALL: &str = "alipay.open.public.life.msg.recall";
}

/// `alipay.open.public.info.query` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicInfo {
    #[serde(default)]
    pub app_name: String,
    #[serde(default)]
    pub logo_url: String,
    #[serde(default)]
    pub background_url: String,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub public_greeting: String,
    #[serde(default)]
    pub is_online: String,
    #[serde(default)]
    pub is_release: String,
    #[serde(default)]
    pub mcc_code_desc: String,
    #[serde(default)]
    pub audit_status: String,
    #[serde(default)]
    pub audit_desc: String,
}

/// `alipay.open.public.info.modify` parameters; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicInfoModify {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub introduction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_greeting: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_pics: Option<Vec<String>>,
}

/// `alipay.offline.material.image.upload` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageUploaded {
    pub image_id: String,
    #[serde(default)]
    pub image_url: String,
}

/// `alipay.open.file.upload` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileUploaded {
    pub file_id: String,
}

/// One media item of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// A `file_id` from `alipay.open.file.upload`.
    pub media_id: String,
    /// `image`, `video` or `cover_static`.
    pub media_type: String,
}

/// A linked offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferInfo {
    pub offer_id: String,
    /// `mini_app` or `voucher`.
    pub offer_type: String,
}

/// `standardcontent.publish` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentPublish {
    /// 1 short image-text, 2 video.
    pub source_type: u8,
    pub source_title: String,
    pub source_content: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_media_infos: Vec<MediaInfo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_offers: Vec<OfferInfo>,
    /// `yyyy-MM-dd HH:mm:ss`, Beijing time: the platform publishes then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_publish_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_link: Option<String>,
    /// 1 everyone, 2 restricted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_status: Option<u8>,
    /// The creator an agency publishes for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_id: Option<String>,
}

/// `standardcontent.publish` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentPublished {
    pub content_id: String,
}

/// `standardcontent.query` / `batchquery` item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentState {
    #[serde(default)]
    pub content_id: String,
    /// 0 under review, 1 published, 2 rejected, 3 deleted.
    #[serde(default, deserialize_with = "number_or_string")]
    pub source_status: i64,
    #[serde(default)]
    pub source_title: String,
    #[serde(default)]
    pub source_content: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub special_tags: Vec<String>,
    #[serde(default)]
    pub reject_reason: String,
    /// The media it carries, when the platform lists them (`need_detail`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_media_infos: Option<Vec<MediaInfo>>,
}

fn number_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64().ok_or_else(|| serde::de::Error::custom("not an integer")),
        serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
        _ => Err(serde::de::Error::custom("expected a number")),
    }
}

/// `standardcontent.batchquery` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentBatchQuery {
    pub page_num: u32,
    /// At most 20.
    pub page_size: u32,
    pub need_detail: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
}

/// `standardcontent.batchquery` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentPage {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub page_num: u32,
    #[serde(default)]
    pub page_size: u32,
    #[serde(default)]
    pub contents: Vec<ContentState>,
}

/// `live.advance.create` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveAdvanceCreate {
    pub alipay_public_id: String,
    /// `yyyy-MM-dd HH:mm:ss`, Beijing time.
    pub live_advance_time: String,
    pub live_title: String,
    /// The caller's own id: a repeat returns the same advance.
    pub out_advance_id: String,
}

/// `live.advance.modify` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveAdvanceModify {
    pub alipay_advance_id: String,
    pub alipay_public_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_advance_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_title: Option<String>,
}

/// `live.advance.delete` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveAdvanceDelete {
    pub alipay_advance_id: String,
    pub alipay_public_id: String,
    pub reason: String,
}

/// `live.advance.create` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveAdvanceCreated {
    pub alipay_advance_id: String,
}

/// `security.risk.content.detect` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentDetect {
    pub content: String,
}

/// `security.risk.content.detect` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentDetected {
    /// e.g. `PASSED` or `REJECTED`.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The check's id on the platform.
    #[serde(default)]
    pub unique_id: String,
}

/// One entry of a service menu (`ButtonObject`; a sub-entry is a
/// `SubButton`, the same without `sub_button`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuButton {
    /// At most 9 Chinese characters (text menus) or 5 (icon menus).
    pub name: String,
    /// `out`, `link`, `tel`, `map` or `consumption`; absent on an entry with sub-entries.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action_type: String,
    /// The URL, number, keyword or event key; at most 255 characters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action_param: String,
    /// An uploaded picture's URL (icon menus), 60×60.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub icon: String,
    /// 1–5 sub-entries (text menus).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_button: Vec<MenuButton>,
}

/// `menu.create` and `menu.modify` parameters: the default menu.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuSet {
    pub button: Vec<MenuButton>,
    /// `text` (the default) or `icon`.
    #[serde(rename = "type", default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
}

/// `menu.create` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuCreated {
    /// `default` for a text menu, `iconDefault` for an icon menu.
    #[serde(default)]
    pub menu_key: String,
}

/// One menu of a `menu.batchquery` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryMenu {
    #[serde(default)]
    pub menu_key: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub button: Vec<MenuButton>,
    /// Who sees a personalised menu; empty on the default one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub label_rule: Vec<serde_json::Value>,
}

impl QueryMenu {
    /// Whether it is the default menu (not a personalised one).
    pub fn is_default(&self) -> bool {
        self.label_rule.is_empty() && (self.menu_key == "default" || self.menu_key == "iconDefault")
    }
}

/// `menu.batchquery` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuList {
    #[serde(default, deserialize_with = "number_or_string")]
    pub count: i64,
    #[serde(default)]
    pub menus: Vec<QueryMenu>,
}

/// `menu.query` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuContent {
    /// The default menu's entries, a JSON array as text.
    #[serde(default)]
    pub menu_content: String,
}

/// `message.content.create` / `.modify` parameters (all text, as the SDK's models have them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageContent {
    /// `modify` only: the content changed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub content_id: String,
    pub title: String,
    /// An uploaded picture's URL; 996×450, at most 3 MB, JPEG or PNG.
    pub cover: String,
    /// The body; rich text is allowed.
    pub content: String,
    /// `T` or `F` (the default: no comments).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub could_comment: String,
    /// Empty for an article, `activity` for an activity.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ctype: String,
    /// An activity's benefit, at most 10 characters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub benefit: String,
    /// Keywords, comma-separated, at most 5.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ext_tags: String,
    /// Accounts that may preview it, comma-separated, at most 10.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub login_ids: String,
}

/// `message.content.create` / `.modify` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageContentMade {
    #[serde(default)]
    pub content_id: String,
    /// Where the content's page is.
    #[serde(default)]
    pub content_url: String,
}

/// A text message's words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageText {
    #[serde(default)]
    pub title: String,
    pub content: String,
}

/// One article of an image-text message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageArticle {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub desc: String,
    /// An uploaded picture's URL; required on the first article.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_url: String,
    /// Where a tap goes (a content's `content_url`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action_name: String,
}

/// A message: `text` or `image-text` (`PublicMessageBody`, and the
/// parameters of `message.total.send`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageBody {
    pub msg_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<MessageText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<MessageArticle>,
}

/// `message.total.send` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSent {
    #[serde(default)]
    pub message_id: String,
}

/// `message.preview.send` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePreview {
    /// At most 5, admins or operators of the account.
    pub logon_ids: Vec<String>,
    pub msg_body: MessageBody,
}

/// One account a preview did not reach.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewMissed {
    #[serde(default)]
    pub error_code: serde_json::Value,
    #[serde(default)]
    pub error_msg: String,
    #[serde(default)]
    pub logon_id: String,
}

/// `message.preview.send` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePreviewed {
    /// The accounts it did not reach, with why; empty when it reached all.
    #[serde(default)]
    pub error_datas: Vec<PreviewMissed>,
}

/// One message of a `message.query` answer (`PublicMessageInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageInfo {
    #[serde(default)]
    pub message_id: String,
    #[serde(default)]
    pub send_time: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub status_desc: String,
    #[serde(default)]
    pub articles: Vec<MessageArticle>,
}

/// `message.query` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageList {
    #[serde(default)]
    pub list: Vec<MessageInfo>,
}

#[derive(Serialize)]
struct MessageIds<'a> {
    message_ids: &'a [String],
}

#[derive(Serialize)]
struct MessageId<'a> {
    message_id: &'a str,
}

/// An answer that carries nothing beyond success.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {}

#[derive(Serialize)]
struct ContentId<'a> {
    content_id: &'a str,
}

#[derive(Serialize)]
struct NoParams {}

impl AlipayClient {
    /// The life-account profile.
    pub async fn public_info(&self, opts: &CallOptions) -> Result<PublicInfo, Error> {
        self.call(name::PUBLIC_INFO_QUERY, &NoParams {}, None, opts).await
    }

    /// Submits profile edits for review.
    pub async fn modify_public_info(&self, edit: &PublicInfoModify, opts: &CallOptions) -> Result<Done, Error> {
        self.call(name::PUBLIC_INFO_MODIFY, edit, None, opts).await
    }

    /// Uploads a profile image (`image_type` e.g. `jpg`).
    pub async fn upload_material_image(
        &self,
        image_type: &str,
        image_name: &str,
        bytes: Vec<u8>,
        opts: &CallOptions,
    ) -> Result<ImageUploaded, Error> {
        let params = serde_json::json!({ "image_type": image_type, "image_name": image_name });
        let file = FilePart { field: "image_content", name: image_name.to_string(), bytes };
        self.call(name::MATERIAL_IMAGE_UPLOAD, &params, Some(file), opts).await
    }

    /// Uploads content media; the `md5` of the bytes is sent and signed.
    pub async fn upload_file(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        opts: &CallOptions,
    ) -> Result<FileUploaded, Error> {
        let params = serde_json::json!({ "biz_code": "content_creation" });
        let file = FilePart { field: "file_content", name: file_name.to_string(), bytes };
        self.call(name::FILE_UPLOAD, &params, Some(file), opts).await
    }

    /// Publishes content. There is no idempotency key: after an unknown
    /// outcome, reconcile with [`AlipayClient::content_page`] before retrying.
    pub async fn publish_content(
        &self,
        content: &ContentPublish,
        opts: &CallOptions,
    ) -> Result<ContentPublished, Error> {
        self.call(name::CONTENT_PUBLISH, content, None, opts).await
    }

    /// One content's state.
    pub async fn content(&self, content_id: &str, opts: &CallOptions) -> Result<ContentState, Error> {
        self.call(name::CONTENT_QUERY, &ContentId { content_id }, None, opts).await
    }

    /// A page of the account's contents.
    pub async fn content_page(&self, query: &ContentBatchQuery, opts: &CallOptions) -> Result<ContentPage, Error> {
        self.call(name::CONTENT_BATCHQUERY, query, None, opts).await
    }

    /// Deletes content.
    pub async fn delete_content(&self, content_id: &str, opts: &CallOptions) -> Result<Done, Error> {
        self.call(name::CONTENT_DELETE, &ContentId { content_id }, None, opts).await
    }

    /// Announces a livestream.
    pub async fn create_live_advance(
        &self,
        advance: &LiveAdvanceCreate,
        opts: &CallOptions,
    ) -> Result<LiveAdvanceCreated, Error> {
        self.call(name::LIVE_ADVANCE_CREATE, advance, None, opts).await
    }

    /// Changes an announced livestream.
    pub async fn modify_live_advance(&self, change: &LiveAdvanceModify, opts: &CallOptions) -> Result<Done, Error> {
        self.call(name::LIVE_ADVANCE_MODIFY, change, None, opts).await
    }

    /// Withdraws an announced livestream.
    pub async fn delete_live_advance(&self, delete: &LiveAdvanceDelete, opts: &CallOptions) -> Result<Done, Error> {
        self.call(name::LIVE_ADVANCE_DELETE, delete, None, opts).await
    }

    /// Creates the account's default service menu.
    pub async fn create_menu(&self, menu: &MenuSet, opts: &CallOptions) -> Result<MenuCreated, Error> {
        self.call(name::MENU_CREATE, menu, None, opts).await
    }

    /// Replaces the account's default service menu.
    pub async fn modify_menu(&self, menu: &MenuSet, opts: &CallOptions) -> Result<Done, Error> {
        self.call(name::MENU_MODIFY, menu, None, opts).await
    }

    /// Every menu of the account.
    pub async fn menus(&self, opts: &CallOptions) -> Result<MenuList, Error> {
        self.call(name::MENU_BATCHQUERY, &NoParams {}, None, opts).await
    }

    /// The default menu's entries as the platform writes them.
    pub async fn menu_content(&self, opts: &CallOptions) -> Result<MenuContent, Error> {
        self.call(name::MENU_QUERY, &NoParams {}, None, opts).await
    }

    /// Makes an image-text message's content.
    pub async fn create_message_content(
        &self,
        content: &MessageContent,
        opts: &CallOptions,
    ) -> Result<MessageContentMade, Error> {
        self.call(name::MESSAGE_CONTENT_CREATE, content, None, opts).await
    }

    /// Changes an image-text message's content (`content.content_id`).
    pub async fn modify_message_content(
        &self,
        content: &MessageContent,
        opts: &CallOptions,
    ) -> Result<MessageContentMade, Error> {
        self.call(name::MESSAGE_CONTENT_MODIFY, content, None, opts).await
    }

    /// Sends a message to every follower. There is no idempotency key:
    /// after an unknown outcome, it must not be sent again blindly.
    pub async fn send_message_to_all(&self, body: &MessageBody, opts: &CallOptions) -> Result<MessageSent, Error> {
        self.call(name::MESSAGE_TOTAL_SEND, body, None, opts).await
    }

    /// Sends a message to named admins or operators only.
    pub async fn preview_message(
        &self,
        preview: &MessagePreview,
        opts: &CallOptions,
    ) -> Result<MessagePreviewed, Error> {
        self.call(name::MESSAGE_PREVIEW_SEND, preview, None, opts).await
    }

    /// Messages sent, by id.
    pub async fn messages(&self, message_ids: &[String], opts: &CallOptions) -> Result<MessageList, Error> {
        self.call(name::MESSAGE_QUERY, &MessageIds { message_ids }, None, opts).await
    }

    /// Takes back a message sent to followers.
    pub async fn recall_message(&self, message_id: &str, opts: &CallOptions) -> Result<Done, Error> {
        self.call(name::LIFE_MSG_RECALL, &MessageId { message_id }, None, opts).await
    }

    /// Asks moderation about a text before publishing it.
    pub async fn detect_content(&self, content: &str, opts: &CallOptions) -> Result<ContentDetected, Error> {
        self.call(name::CONTENT_DETECT, &ContentDetect { content: content.to_string() }, None, opts).await
    }
}
