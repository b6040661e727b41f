//! The life account's service menu (服务菜单): entries and sub-entries, each
//! with an action, checked against the platform's limits, and the
//! differences between the menu the platform shows and a draft.
//!
//! Fields and limits as the official SDK models state them
//! (`AlipayOpenPublicMenuCreateModel`, `ButtonObject`, `SubButton`): a text
//! menu has at most 4 entries (3 when the console's 咨询反馈 is on), each
//! with 1–5 sub-entries or an action of its own; an icon menu has at most
//! 80 entries, no sub-entries, and an icon (60×60) on every entry; names
//! are at most 9 Chinese characters in a text menu and 5 in an icon menu,
//! "GBK" (read here as a width of 2 per Chinese character and 1 per ASCII
//! one); `action_param` is at most 255 characters without colons (read
//! here as applying to event keys, since a link has one in its scheme).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::media::ContentHash;

crate::vocabulary! {
    /// A text menu (entries with sub-entries) or an icon menu (a grid of icons).
    pub enum MenuKind {
        /// Words along the bottom of the account's page.
        Text,
        /// Icons, each with its name.
        Icon,
    }
}

crate::vocabulary! {
    /// What an entry does when tapped (the platform's `action_type`).
    pub enum MenuAction {
        /// Opens a page: `https://…`, or a mini-program page (`alipays://…`).
        Link,
        /// Calls a phone number.
        Tel,
        /// Shows a place on the map, found by a keyword.
        Map,
        /// Sends an event with a key of the developer's to the account's server.
        Out,
        /// Shows the follower's purchases from the merchant (no parameter).
        Consumption,
    }
}

/// One entry of the menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MenuEntry {
    /// The name shown.
    pub name: String,
    /// What it does (an entry with sub-entries only opens them).
    pub action: MenuAction,
    /// The action's parameter: the URL, phone number, map keyword or event key.
    #[serde(default)]
    pub param: String,
    /// The icon (icon menus), a library picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub icon: Option<ContentHash>,
    /// Where the platform serves the icon, when it has one.
    #[serde(default)]
    pub icon_url: String,
    /// Sub-entries (text menus).
    #[serde(default)]
    pub children: Vec<MenuEntry>,
}

impl MenuEntry {
    /// An entry with a link.
    pub fn link(name: &str, url: &str) -> MenuEntry {
        MenuEntry::new(name, MenuAction::Link, url)
    }

    /// An entry of `action` with `param`.
    pub fn new(name: &str, action: MenuAction, param: &str) -> MenuEntry {
        MenuEntry {
            name: name.to_string(),
            action,
            param: param.to_string(),
            icon: None,
            icon_url: String::new(),
            children: Vec::new(),
        }
    }
}

/// A service menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Menu {
    /// Text or icons.
    pub kind: MenuKind,
    /// The entries, in order.
    pub entries: Vec<MenuEntry>,
}

impl Default for Menu {
    fn default() -> Menu {
        Menu { kind: MenuKind::Text, entries: Vec::new() }
    }
}

/// The platform's limits of a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MenuLimits {
    /// Entries of a text menu.
    pub text_entries_max: usize,
    /// Entries of an icon menu.
    pub icon_entries_max: usize,
    /// Sub-entries of an entry.
    pub children_max: usize,
    /// Width of a text menu's names (a Chinese character counts 2).
    pub text_name_width: usize,
    /// Width of an icon menu's names.
    pub icon_name_width: usize,
    /// Characters of an action's parameter.
    pub param_chars_max: usize,
    /// Digits of a phone number, at least and at most.
    pub phone_digits: (usize, usize),
}

/// Alipay's menu limits (see the module's words for where each comes from).
pub const ALIPAY_MENU: MenuLimits = MenuLimits {
    text_entries_max: 4,
    icon_entries_max: 80,
    children_max: 5,
    text_name_width: 18,
    icon_name_width: 10,
    param_chars_max: 255,
    // Not stated by the platform: a service number has at least 3 digits
    // (110), and no number in use has more than 20.
    phone_digits: (3, 20),
};

/// Width of a name as the platform counts it: 2 for a Chinese (non-ASCII)
/// character, 1 for an ASCII one.
pub fn name_width(name: &str) -> usize {
    name.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Why a menu cannot be published as it is. `at` is the entry's place:
/// its position from 0, then its sub-entry's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MenuProblem {
    /// A menu with no entries.
    Empty,
    /// More entries than the kind of menu has.
    TooManyEntries {
        /// The cap.
        max: usize,
    },
    /// More sub-entries than an entry has.
    TooManyChildren {
        /// The entry.
        at: Vec<usize>,
        /// The cap.
        max: usize,
    },
    /// Sub-entries in an icon menu, which has none.
    ChildrenInIconMenu {
        /// The entry.
        at: Vec<usize>,
    },
    /// An entry without a name.
    NameEmpty {
        /// The entry.
        at: Vec<usize>,
    },
    /// A name wider than the kind of menu shows.
    NameTooLong {
        /// The entry.
        at: Vec<usize>,
        /// Chinese characters allowed (twice as many ASCII ones).
        max_chinese: usize,
    },
    /// An action without the parameter it needs.
    ParamMissing {
        /// The entry.
        at: Vec<usize>,
    },
    /// A link that is not `https://`, `http://` or `alipays://`.
    BadLink {
        /// The entry.
        at: Vec<usize>,
    },
    /// A phone number with something else than digits (and one leading `+`, dashes).
    BadPhone {
        /// The entry.
        at: Vec<usize>,
    },
    /// A parameter longer than the platform takes.
    ParamTooLong {
        /// The entry.
        at: Vec<usize>,
        /// The cap.
        max: usize,
    },
    /// An event key with a colon.
    ParamColon {
        /// The entry.
        at: Vec<usize>,
    },
    /// An icon menu's entry without its icon.
    IconMissing {
        /// The entry.
        at: Vec<usize>,
    },
}

impl MenuProblem {
    /// The entry it is about, if one.
    pub fn at(&self) -> Option<&[usize]> {
        match self {
            MenuProblem::Empty | MenuProblem::TooManyEntries { .. } => None,
            MenuProblem::TooManyChildren { at, .. }
            | MenuProblem::ChildrenInIconMenu { at }
            | MenuProblem::NameEmpty { at }
            | MenuProblem::NameTooLong { at, .. }
            | MenuProblem::ParamMissing { at }
            | MenuProblem::BadLink { at }
            | MenuProblem::BadPhone { at }
            | MenuProblem::ParamTooLong { at, .. }
            | MenuProblem::ParamColon { at }
            | MenuProblem::IconMissing { at } => Some(at),
        }
    }
}

const LINK_SCHEMES: [&str; 3] = ["https://", "http://", "alipays://"];

impl Menu {
    /// Every problem of the menu against `limits`, entries in order.
    pub fn problems(&self, limits: &MenuLimits) -> Vec<MenuProblem> {
        let mut out = Vec::new();
        if self.entries.is_empty() {
            out.push(MenuProblem::Empty);
        }
        let max = match self.kind {
            MenuKind::Text => limits.text_entries_max,
            MenuKind::Icon => limits.icon_entries_max,
        };
        if self.entries.len() > max {
            out.push(MenuProblem::TooManyEntries { max });
        }
        for (i, entry) in self.entries.iter().enumerate() {
            let at = vec![i];
            if !entry.children.is_empty() {
                if self.kind == MenuKind::Icon {
                    out.push(MenuProblem::ChildrenInIconMenu { at: at.clone() });
                } else if entry.children.len() > limits.children_max {
                    out.push(MenuProblem::TooManyChildren { at: at.clone(), max: limits.children_max });
                }
            }
            self.entry_problems(entry, at, entry.children.is_empty(), limits, &mut out);
            for (j, child) in entry.children.iter().enumerate() {
                self.entry_problems(child, vec![i, j], true, limits, &mut out);
            }
        }
        out
    }

    fn entry_problems(
        &self,
        entry: &MenuEntry,
        at: Vec<usize>,
        acts: bool,
        limits: &MenuLimits,
        out: &mut Vec<MenuProblem>,
    ) {
        let name = entry.name.trim();
        let width = match self.kind {
            MenuKind::Text => limits.text_name_width,
            MenuKind::Icon => limits.icon_name_width,
        };
        if name.is_empty() {
            out.push(MenuProblem::NameEmpty { at: at.clone() });
        } else if name_width(name) > width {
            out.push(MenuProblem::NameTooLong { at: at.clone(), max_chinese: width / 2 });
        }
        if self.kind == MenuKind::Icon && entry.icon.is_none() && entry.icon_url.is_empty() {
            out.push(MenuProblem::IconMissing { at: at.clone() });
        }
        if !acts {
            return;
        }
        let param = entry.param.trim();
        if param.chars().count() > limits.param_chars_max {
            out.push(MenuProblem::ParamTooLong { at, max: limits.param_chars_max });
            return;
        }
        if param.is_empty() {
            if entry.action != MenuAction::Consumption {
                out.push(MenuProblem::ParamMissing { at });
            }
            return;
        }
        match entry.action {
            MenuAction::Link => {
                let lower = param.to_ascii_lowercase();
                let rest = LINK_SCHEMES.iter().find_map(|s| lower.strip_prefix(s));
                if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
                    out.push(MenuProblem::BadLink { at });
                }
            }
            MenuAction::Tel => {
                let number = param.strip_prefix('+').unwrap_or(param);
                let digits = number.chars().filter(char::is_ascii_digit).count();
                let (min, max) = limits.phone_digits;
                let only = number.chars().all(|c| c.is_ascii_digit() || c == '-');
                if !only || !(min..=max).contains(&digits) || number.starts_with('-') {
                    out.push(MenuProblem::BadPhone { at });
                }
            }
            MenuAction::Out if param.contains([':', '：']) => out.push(MenuProblem::ParamColon { at }),
            MenuAction::Out | MenuAction::Map | MenuAction::Consumption => {}
        }
    }

    /// The menu as it goes out: names and parameters trimmed, and what the
    /// platform ignores dropped (the action of an entry with sub-entries,
    /// icons of a text menu).
    pub fn cleaned(&self) -> Menu {
        fn clean(e: &MenuEntry, kind: MenuKind) -> MenuEntry {
            let children: Vec<MenuEntry> = e.children.iter().map(|c| clean(c, kind)).collect();
            MenuEntry {
                name: e.name.trim().to_string(),
                action: if children.is_empty() { e.action } else { MenuAction::Link },
                param: if children.is_empty() { e.param.trim().to_string() } else { String::new() },
                icon: if kind == MenuKind::Icon { e.icon.clone() } else { None },
                icon_url: if kind == MenuKind::Icon { e.icon_url.clone() } else { String::new() },
                children,
            }
        }
        Menu { kind: self.kind, entries: self.entries.iter().map(|e| clean(e, self.kind)).collect() }
    }

    /// The icons of an icon menu, each once, in order.
    pub fn icons(&self) -> Vec<&ContentHash> {
        let mut out: Vec<&ContentHash> = Vec::new();
        if self.kind != MenuKind::Icon {
            return out;
        }
        for e in &self.entries {
            for icon in std::iter::once(e).chain(&e.children).filter_map(|e| e.icon.as_ref()) {
                if !out.contains(&icon) {
                    out.push(icon);
                }
            }
        }
        out
    }
}

crate::vocabulary! {
    /// What differs between the live menu and a draft.
    pub enum MenuChangeKind {
        /// The kind of menu (text or icons).
        Kind,
        /// An entry only the draft has.
        Added,
        /// An entry only the live menu has.
        Removed,
        /// An entry's action or its parameter.
        Action,
        /// An entry's icon.
        Icon,
        /// An entry's place among its siblings.
        Moved,
    }
}

/// One difference between the live menu and a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MenuChange {
    /// What differs.
    pub change: MenuChangeKind,
    /// The entry's names from the top (`["服务", "电话"]`); empty for the menu.
    pub path: Vec<String>,
    /// What the live menu has (an action as `action param`, a place from 1).
    pub before: String,
    /// What the draft has.
    pub after: String,
}

fn action_text(e: &MenuEntry) -> String {
    if !e.children.is_empty() {
        return String::new();
    }
    format!("{} {}", e.action.as_str(), e.param.trim()).trim_end().to_string()
}

/// The differences between `live` and `draft`, entries matched by name
/// under the same parent. A draft icon not uploaded yet (no `icon_url`)
/// differs from any live one.
pub fn menu_changes(live: &Menu, draft: &Menu) -> Vec<MenuChange> {
    let mut out = Vec::new();
    if live.kind != draft.kind {
        out.push(MenuChange {
            change: MenuChangeKind::Kind,
            path: Vec::new(),
            before: live.kind.as_str().into(),
            after: draft.kind.as_str().into(),
        });
    }
    level_changes(&live.entries, &draft.entries, &[], draft.kind == MenuKind::Icon, &mut out);
    out
}

fn level_changes(live: &[MenuEntry], draft: &[MenuEntry], parent: &[String], icons: bool, out: &mut Vec<MenuChange>) {
    let mut taken = vec![false; live.len()];
    // (place in live, place in draft) of the entries both have.
    let mut matched: Vec<(usize, usize)> = Vec::new();
    for (j, d) in draft.iter().enumerate() {
        let name = d.name.trim();
        match (0..live.len()).find(|&i| !taken[i] && live[i].name.trim() == name) {
            Some(i) => {
                taken[i] = true;
                matched.push((i, j));
            }
            None => {
                let path = path_to(parent, name);
                out.push(MenuChange {
                    change: MenuChangeKind::Added,
                    path: path.clone(),
                    before: String::new(),
                    after: action_text(d),
                });
                level_changes(&[], &d.children, &path, icons, out);
            }
        }
    }
    for (_, l) in live.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        let path = path_to(parent, l.name.trim());
        out.push(MenuChange {
            change: MenuChangeKind::Removed,
            path: path.clone(),
            before: action_text(l),
            after: String::new(),
        });
        level_changes(&l.children, &[], &path, icons, out);
    }
    // Moved: the order of the shared entries differs between the two.
    let mut live_order: Vec<usize> = matched.iter().map(|(i, _)| *i).collect();
    live_order.sort_unstable();
    for (rank, (i, j)) in matched.iter().enumerate() {
        let (l, d) = (&live[*i], &draft[*j]);
        let path = path_to(parent, d.name.trim());
        if live_order[rank] != *i {
            out.push(MenuChange {
                change: MenuChangeKind::Moved,
                path: path.clone(),
                before: (i + 1).to_string(),
                after: (j + 1).to_string(),
            });
        }
        let (before, after) = (action_text(l), action_text(d));
        if before != after {
            out.push(MenuChange { change: MenuChangeKind::Action, path: path.clone(), before, after });
        }
        if icons && (d.icon_url.is_empty() || d.icon_url != l.icon_url) {
            let after = if d.icon_url.is_empty() {
                d.icon.as_ref().map(|h| h.short(8).to_string()).unwrap_or_default()
            } else {
                d.icon_url.clone()
            };
            out.push(MenuChange {
                change: MenuChangeKind::Icon,
                path: path.clone(),
                before: l.icon_url.clone(),
                after,
            });
        }
        level_changes(&l.children, &d.children, &path, icons, out);
    }
}

fn path_to(parent: &[String], name: &str) -> Vec<String> {
    let mut p = parent.to_vec();
    p.push(name.to_string());
    p
}

crate::vocabulary! {
    /// Where a publish of the menu stands.
    pub enum MenuPublishStatus {
        /// Waiting in the outbox (or for its icons' uploads).
        Publishing,
        /// The platform shows it.
        Published,
        /// Refused or given up; `words` says why. The draft is kept.
        Failed,
    }
}

/// One publish of an account's menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MenuPublish {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account.
    #[ts(type = "number")]
    pub account_id: crate::AccountId,
    /// The menu sent.
    pub menu: Menu,
    /// Where it stands.
    pub status: MenuPublishStatus,
    /// The platform's words when it failed.
    pub words: String,
    /// Unix ms it was asked for.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Unix ms of its last change.
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// The menu the platform shows for an account, as last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LiveMenu {
    /// The account.
    #[ts(type = "number")]
    pub account_id: crate::AccountId,
    /// The default menu; `None` when the account has none.
    pub menu: Option<Menu>,
    /// Unix ms it was read.
    #[ts(type = "number")]
    pub fetched_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parent(name: &str, children: Vec<MenuEntry>) -> MenuEntry {
        MenuEntry { children, ..MenuEntry::new(name, MenuAction::Link, "") }
    }

    fn text(entries: Vec<MenuEntry>) -> Menu {
        Menu { kind: MenuKind::Text, entries }
    }

    #[test]
    fn a_menu_within_the_limits_has_no_problem() {
        let menu = text(vec![
            MenuEntry::link("官网", "https://example.com/a?b=c"),
            parent(
                "服务",
                vec![
                    MenuEntry::new("电话", MenuAction::Tel, "+86-10-12345678"),
                    MenuEntry::new("门店", MenuAction::Map, "街角咖啡"),
                    MenuEntry::new("订单", MenuAction::Consumption, ""),
                    MenuEntry::new("会员", MenuAction::Out, "member_card"),
                    MenuEntry::link("小程序", "alipays://platformapi/startapp?appId=2021000000000000"),
                ],
            ),
            MenuEntry::link("九个汉字的菜单名称", "http://example.com"),
        ]);
        assert_eq!(menu.problems(&ALIPAY_MENU), []);
    }

    #[test]
    fn each_limit_is_named_with_its_entry() {
        let six: Vec<MenuEntry> = (0..6).map(|i| MenuEntry::link(&format!("子{i}"), "https://e.com")).collect();
        let menu = text(vec![
            parent("太多", six),
            MenuEntry::link("", "https://e.com"),
            MenuEntry::link("十个汉字的菜单名称长", "https://e.com"),
            MenuEntry::link("链接", "ftp://e.com"),
            MenuEntry::new("电话", MenuAction::Tel, "12a45"),
        ]);
        let problems = menu.problems(&ALIPAY_MENU);
        assert_eq!(
            problems,
            [
                MenuProblem::TooManyEntries { max: 4 },
                MenuProblem::TooManyChildren { at: vec![0], max: 5 },
                MenuProblem::NameEmpty { at: vec![1] },
                MenuProblem::NameTooLong { at: vec![2], max_chinese: 9 },
                MenuProblem::BadLink { at: vec![3] },
                MenuProblem::BadPhone { at: vec![4] },
            ]
        );
        assert_eq!(problems[1].at(), Some(&[0][..]));
    }

    #[test]
    fn parameters_are_checked_by_action() {
        let p = |action, param: &str| text(vec![MenuEntry::new("入口", action, param)]).problems(&ALIPAY_MENU);
        assert_eq!(p(MenuAction::Link, ""), [MenuProblem::ParamMissing { at: vec![0] }]);
        assert_eq!(p(MenuAction::Link, "https://"), [MenuProblem::BadLink { at: vec![0] }]);
        assert_eq!(p(MenuAction::Link, "https://a b"), [MenuProblem::BadLink { at: vec![0] }]);
        assert_eq!(p(MenuAction::Link, "HTTPS://E.COM"), []);
        assert_eq!(p(MenuAction::Tel, "12"), [MenuProblem::BadPhone { at: vec![0] }]);
        assert_eq!(p(MenuAction::Tel, "-123"), [MenuProblem::BadPhone { at: vec![0] }]);
        assert_eq!(p(MenuAction::Tel, "110"), []);
        assert_eq!(p(MenuAction::Tel, &"1".repeat(21)), [MenuProblem::BadPhone { at: vec![0] }]);
        assert_eq!(p(MenuAction::Out, "a:b"), [MenuProblem::ParamColon { at: vec![0] }]);
        assert_eq!(p(MenuAction::Map, ""), [MenuProblem::ParamMissing { at: vec![0] }]);
        assert_eq!(p(MenuAction::Consumption, ""), []);
        let long = format!("https://e.com/{}", "a".repeat(250));
        assert_eq!(p(MenuAction::Link, &long), [MenuProblem::ParamTooLong { at: vec![0], max: 255 }]);
        assert_eq!(text(vec![]).problems(&ALIPAY_MENU), [MenuProblem::Empty]);
    }

    #[test]
    fn an_icon_menu_has_icons_short_names_and_no_sub_entries() {
        let icon = ContentHash::parse(&"a".repeat(64)).unwrap();
        let with_icon = |name: &str| MenuEntry { icon: Some(icon.clone()), ..MenuEntry::link(name, "https://e.com") };
        let mut menu = Menu {
            kind: MenuKind::Icon,
            entries: vec![with_icon("五个汉字啊"), MenuEntry::link("无图", "https://e.com"), with_icon("六个汉字啊啊")],
        };
        menu.entries[0].children.push(with_icon("子"));
        assert_eq!(
            menu.problems(&ALIPAY_MENU),
            [
                MenuProblem::ChildrenInIconMenu { at: vec![0] },
                MenuProblem::IconMissing { at: vec![1] },
                MenuProblem::NameTooLong { at: vec![2], max_chinese: 5 },
            ]
        );
        assert_eq!(menu.icons(), [&icon], "each icon once");
        let many = Menu { kind: MenuKind::Icon, entries: (0..81).map(|i| with_icon(&i.to_string())).collect() };
        assert_eq!(many.problems(&ALIPAY_MENU), [MenuProblem::TooManyEntries { max: 80 }]);
    }

    #[test]
    fn names_are_as_wide_as_the_platform_counts_them() {
        assert_eq!(name_width("官网"), 4);
        assert_eq!(name_width("VIP会员"), 7);
        assert_eq!(name_width(""), 0);
    }

    #[test]
    fn cleaning_drops_what_the_platform_ignores() {
        let mut entry = parent("服务", vec![MenuEntry::link(" 电话 ", " https://e.com ")]);
        entry.param = "https://ignored".into();
        entry.icon = Some(ContentHash::parse(&"b".repeat(64)).unwrap());
        let clean = text(vec![entry]).cleaned();
        assert_eq!(clean.entries[0].param, "");
        assert_eq!(clean.entries[0].icon, None);
        assert_eq!(clean.entries[0].children[0].name, "电话");
        assert_eq!(clean.entries[0].children[0].param, "https://e.com");
    }

    #[test]
    fn changes_name_what_was_added_removed_moved_and_changed() {
        let live = text(vec![
            MenuEntry::link("官网", "https://a.com"),
            parent(
                "服务",
                vec![MenuEntry::new("电话", MenuAction::Tel, "110"), MenuEntry::link("旧", "https://o.com")],
            ),
            MenuEntry::link("活动", "https://b.com"),
        ]);
        let draft = text(vec![
            MenuEntry::link("活动", "https://b.com"),
            MenuEntry::link("官网", "https://a.com/new"),
            parent(
                "服务",
                vec![MenuEntry::new("电话", MenuAction::Tel, "120"), MenuEntry::link("新", "https://n.com")],
            ),
        ]);
        let changes = menu_changes(&live, &draft);
        let seen: Vec<(MenuChangeKind, String, &str, &str)> =
            changes.iter().map(|c| (c.change, c.path.join(" › "), c.before.as_str(), c.after.as_str())).collect();
        assert_eq!(
            seen,
            [
                (MenuChangeKind::Moved, "活动".into(), "3", "1"),
                (MenuChangeKind::Moved, "官网".into(), "1", "2"),
                (MenuChangeKind::Action, "官网".into(), "link https://a.com", "link https://a.com/new"),
                (MenuChangeKind::Moved, "服务".into(), "2", "3"),
                (MenuChangeKind::Added, "服务 › 新".into(), "", "link https://n.com"),
                (MenuChangeKind::Removed, "服务 › 旧".into(), "link https://o.com", ""),
                (MenuChangeKind::Action, "服务 › 电话".into(), "tel 110", "tel 120"),
            ]
        );
        assert_eq!(menu_changes(&draft, &draft), []);
        let icons = Menu { kind: MenuKind::Icon, ..draft.clone() };
        assert_eq!(menu_changes(&draft, &icons)[0].change, MenuChangeKind::Kind);
    }
}
