//! The platform's requests made from frozen payloads. Each is a function of
//! the payload and of what the uploads before it recorded, so what was sent
//! can be made again, the same, to recognise it after a lost answer.

use alipay_open::methods::{
    ContentPublish, LiveAdvanceCreate, LiveAdvanceDelete, LiveAdvanceModify, MediaInfo, MenuButton, MenuSet,
    MessageArticle, MessageBody, MessageContent, MessageText, OfferInfo, PublicInfoModify, QueryMenu,
};
use chrono::{DateTime, Utc};
use studio_core::sync::{LiveAnnouncement, LiveChange, LiveWithdrawal, PostPayload};
use studio_core::{
    DraftKind, MediumRole, Menu, MenuAction, MenuEntry, MenuKind, MessageFields, MessageKind, ProfileFields, Visibility,
};

/// A gateway time (`yyyy-MM-dd HH:mm:ss`, Beijing time) of Unix ms.
fn gateway_time(ms: i64) -> String {
    alipay_open::time::format(DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default())
}

/// The publish request of `post`, its media named by `file_ids` (in order).
pub(crate) fn publish(post: &PostPayload, file_ids: Vec<String>) -> ContentPublish {
    ContentPublish {
        source_type: match post.kind {
            DraftKind::ImageText => 1,
            DraftKind::Video => 2,
        },
        source_title: post.title.clone(),
        source_content: post.body.clone(),
        source_media_infos: post
            .media
            .iter()
            .zip(file_ids)
            .map(|(m, media_id)| MediaInfo {
                media_id,
                media_type: match m.role {
                    MediumRole::Image => "image",
                    MediumRole::Video => "video",
                    MediumRole::Cover => "cover_static",
                }
                .to_string(),
            })
            .collect(),
        source_offers: post
            .offer
            .iter()
            .map(|o| OfferInfo { offer_id: o.id.clone(), offer_type: o.kind.as_str().to_string() })
            .collect(),
        source_publish_date: post.scheduled_at.map(gateway_time),
        source_link: None,
        permission_status: Some(match post.visibility {
            Visibility::Everyone => 1,
            Visibility::Restricted => 2,
        }),
        public_id: post.public_id.clone(),
    }
}

/// The announcement request of a livestream.
pub(crate) fn announce(a: &LiveAnnouncement) -> LiveAdvanceCreate {
    LiveAdvanceCreate {
        alipay_public_id: a.public_id.clone(),
        live_advance_time: gateway_time(a.starts_at),
        live_title: a.title.clone(),
        out_advance_id: a.out_advance_id.clone(),
    }
}

/// The change request of an announcement whose platform id is `advance_id`.
pub(crate) fn change(c: &LiveChange, advance_id: String) -> LiveAdvanceModify {
    LiveAdvanceModify {
        alipay_advance_id: advance_id,
        alipay_public_id: c.public_id.clone(),
        live_advance_time: Some(gateway_time(c.starts_at)),
        live_title: Some(c.title.clone()),
    }
}

/// The withdrawal request of an announcement whose platform id is `advance_id`.
pub(crate) fn withdraw(w: &LiveWithdrawal, advance_id: String) -> LiveAdvanceDelete {
    LiveAdvanceDelete { alipay_advance_id: advance_id, alipay_public_id: w.public_id.clone(), reason: w.reason.clone() }
}

/// The profile edit request, its pictures named by the URLs their uploads
/// recorded (`url` gives the URL of a picture).
pub(crate) fn profile(fields: &ProfileFields, mut url: impl FnMut(usize) -> String) -> PublicInfoModify {
    // `url` takes pictures in the order of `ProfileFields::pictures`.
    let mut n = 0;
    let mut next = || {
        n += 1;
        url(n - 1)
    };
    let logo_url = fields.logo.as_ref().map(|_| next());
    let background_url = fields.background.as_ref().map(|_| next());
    let shop_pics = fields.shop_photos.as_ref().map(|p| p.iter().map(|_| next()).collect());
    PublicInfoModify {
        app_name: fields.app_name.clone(),
        logo_url,
        background_url,
        introduction: fields.introduction.clone(),
        public_greeting: fields.public_greeting.clone(),
        shop_pics,
    }
}

/// The content page of an image-text message, its cover named by `cover_url`;
/// a change of the page `content_id` when the message has one.
pub(crate) fn message_content(fields: &MessageFields, cover_url: String, content_id: Option<String>) -> MessageContent {
    let list =
        |items: &[String]| items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()).collect::<Vec<_>>().join(",");
    let benefit = fields.benefit.trim().to_string();
    MessageContent {
        content_id: content_id.unwrap_or_default(),
        title: fields.title.trim().to_string(),
        cover: cover_url,
        content: fields.body.clone(),
        could_comment: if fields.comments { "T" } else { "F" }.to_string(),
        ctype: if benefit.is_empty() { String::new() } else { "activity".to_string() },
        benefit,
        ext_tags: list(&fields.keywords),
        login_ids: list(&fields.previewers),
    }
}

/// The message to every follower: words, or the card of the content page
/// at `content_url` with its cover at `cover_url`.
pub(crate) fn message_body(fields: &MessageFields, content_url: String, cover_url: String) -> MessageBody {
    match fields.kind {
        MessageKind::Text => MessageBody {
            msg_type: "text".into(),
            text: Some(MessageText { title: fields.title.trim().to_string(), content: fields.body.clone() }),
            articles: Vec::new(),
        },
        MessageKind::ImageText => MessageBody {
            msg_type: "image-text".into(),
            text: None,
            articles: vec![MessageArticle {
                title: fields.title.trim().to_string(),
                desc: fields.summary.trim().to_string(),
                image_url: cover_url,
                url: content_url,
                action_name: String::new(),
            }],
        },
    }
}

/// The menu request: `menu` cleaned, its icons named by their `icon_url`.
pub(crate) fn menu(menu: &Menu) -> MenuSet {
    fn button(e: &MenuEntry) -> MenuButton {
        let acts = e.children.is_empty();
        MenuButton {
            name: e.name.clone(),
            action_type: if acts { e.action.as_str().to_string() } else { String::new() },
            action_param: if acts { e.param.clone() } else { String::new() },
            icon: e.icon_url.clone(),
            sub_button: e.children.iter().map(button).collect(),
        }
    }
    MenuSet { button: menu.entries.iter().map(button).collect(), kind: menu.kind.as_str().to_string() }
}

/// A menu the platform shows, in the studio's terms. An action the studio
/// does not know is kept as an event key, so it shows and can be changed.
pub(crate) fn live_menu(q: &QueryMenu) -> Menu {
    fn entry(b: &MenuButton) -> MenuEntry {
        // An entry with sub-entries has no action; the studio's default stands in.
        let action = match b.action_type.as_str() {
            "" => MenuAction::Link,
            other => MenuAction::parse(other).unwrap_or(MenuAction::Out),
        };
        MenuEntry {
            icon_url: b.icon.clone(),
            children: b.sub_button.iter().map(entry).collect(),
            ..MenuEntry::new(&b.name, action, &b.action_param)
        }
    }
    let kind = if q.kind == "icon" { MenuKind::Icon } else { MenuKind::Text };
    Menu { kind, entries: q.button.iter().map(entry).collect() }
}

#[cfg(test)]
mod tests {
    use studio_core::sync::PostMedium;
    use studio_core::{ContentHash, Offer, OfferKind};

    use super::*;

    #[test]
    fn a_post_becomes_the_platforms_publish_with_its_file_ids_in_order() {
        let hash = |c: &str| ContentHash::parse(&c.repeat(64)).unwrap();
        let post = PostPayload {
            kind: DraftKind::Video,
            title: "标题".into(),
            body: "正文".into(),
            media: vec![
                PostMedium::new(MediumRole::Video, hash("a"), None),
                PostMedium::new(MediumRole::Cover, hash("b"), Some((250, 800))),
            ],
            offer: Some(Offer { kind: OfferKind::Voucher, id: "v1".into(), label: "券".into() }),
            visibility: Visibility::Restricted,
            scheduled_at: Some(1_796_126_400_000),
            public_id: None,
        };
        let r = publish(&post, vec!["f-video".into(), "f-cover".into()]);
        assert_eq!(r.source_type, 2);
        let media: Vec<(&str, &str)> =
            r.source_media_infos.iter().map(|m| (m.media_id.as_str(), m.media_type.as_str())).collect();
        assert_eq!(media, [("f-video", "video"), ("f-cover", "cover_static")]);
        assert_eq!(r.source_offers, [OfferInfo { offer_id: "v1".into(), offer_type: "voucher".into() }]);
        assert_eq!(r.source_publish_date.as_deref(), Some("2026-12-01 20:00:00"), "Beijing time");
        assert_eq!(r.permission_status, Some(2));
    }

    #[test]
    fn a_menu_goes_out_as_the_platforms_buttons_and_comes_back_the_same() {
        let services = MenuEntry {
            children: vec![
                MenuEntry::new("电话", MenuAction::Tel, "110"),
                MenuEntry::new("订单", MenuAction::Consumption, ""),
            ],
            ..MenuEntry::new("服务", MenuAction::Link, "")
        };
        let sent = Menu { kind: MenuKind::Text, entries: vec![MenuEntry::link("官网", "https://e.com"), services] };
        let set = menu(&sent);
        assert_eq!(set.kind, "text");
        assert_eq!(
            (set.button[1].action_type.as_str(), set.button[1].sub_button.len()),
            ("", 2),
            "a parent only opens"
        );
        assert_eq!(set.button[1].sub_button[1].action_type, "consumption");
        let json = serde_json::to_value(&set).unwrap();
        assert_eq!(json["button"][1].get("action_type"), None, "empty fields are not sent");
        let back = live_menu(&QueryMenu {
            menu_key: "default".into(),
            kind: "text".into(),
            button: set.button,
            label_rule: vec![],
        });
        assert_eq!(back, sent);
    }

    #[test]
    fn profile_pictures_take_their_urls_in_order() {
        let hash = |c: &str| ContentHash::parse(&c.repeat(64)).unwrap();
        let fields = ProfileFields {
            app_name: Some("小店".into()),
            background: Some(hash("b")),
            shop_photos: Some(vec![hash("c"), hash("d")]),
            ..ProfileFields::default()
        };
        let urls: Vec<String> =
            fields.pictures().iter().map(|(h, rule)| format!("{}:{}", rule.as_str(), h.short(1))).collect();
        let r = profile(&fields, |i| urls[i].clone());
        assert_eq!(r.logo_url, None);
        assert_eq!(r.background_url.as_deref(), Some("profile_background:b"));
        assert_eq!(r.shop_pics, Some(vec!["profile_shop_photo:c".into(), "profile_shop_photo:d".into()]));
    }
}
