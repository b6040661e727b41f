//! The TypeScript the UI uses to call the app, generated from the Rust
//! types and the command list so the two can never disagree.

use studio_api::rules::ScheduleWindow;
use studio_api::{
    Account, AccountPatch, AccountProblem, AccountRole, AccountSetup, ActivityItem, ApiError, AssetUse, BackupInfo,
    BackupReason, CheckItem, CheckedAccount, ContentHash, Counters, Counting, Cursor, Diagnostics, Draft, DraftCheck,
    DraftKind, DraftListQuery, DraftMedium, DraftPage, DraftPatch, DraftSort, ExportSummary, FocalPoint, ImportFailure,
    ImportProgress, ImportReport, JobKind, JobProblem, JobState, Lang, ListStatus, LivePlan, LiveProduct, LiveProfile,
    LiveSeries, Livestream, LivestreamStatus, MediaAsset, MediaFormat, MediaKind, MediumRole, ModerationVerdict,
    NetworkProblem, NewAccount, NewDraft, Notice, Offer, OfferKind, OutboxJob, PlanProblem, PlannedSeries, Platform,
    PlatformCheck, PlatformRules, Problem, ProfileEdit, ProfileEditStatus, ProfileFields, Publication,
    PublicationStatus, PublishAnswer, ReviewNews, Revision, RevisionReason, RunSegment, Screen, SearchHit, Segment,
    SeriesProblem, SeriesScope, Settings, SettingsPatch, SyncNews, SyncStatus, ThemePreference, TopicUse, Visibility,
    Warmup,
};
use studio_api::{
    CalendarItem, CalendarKind, CalendarStatus, FixedReason, MoveWay, NewQueueSlot, NextItem, PostMove, QueueEntry,
    QueueSlot, Reminder, ReminderNews, ZoneName,
};
use studio_api::{
    FollowerMessage, MessageFields, MessageKind, MessageLimits, MessageProblem, MessageRevision, MessageStatus,
};
use studio_api::{
    LiveMenu, Menu, MenuAction, MenuChange, MenuChangeKind, MenuEntry, MenuKind, MenuLimits, MenuProblem, MenuPublish,
    MenuPublishStatus, MenuState,
};
use ts_rs::TS;

/// Every value of each vocabulary enum, as `(type name, serde names)`: the
/// UI's lists of states and roles come from here, never copied by hand.
fn vocabularies(cfg: &ts_rs::Config) -> Vec<(String, Vec<&'static str>)> {
    fn names<T: TS + Copy>(cfg: &ts_rs::Config, all: &[T], name: fn(T) -> &'static str) -> (String, Vec<&'static str>) {
        (T::name(cfg), all.iter().map(|v| name(*v)).collect())
    }
    vec![
        names(cfg, AccountRole::ALL, AccountRole::as_str),
        names(cfg, CalendarKind::ALL, CalendarKind::as_str),
        names(cfg, CalendarStatus::ALL, CalendarStatus::as_str),
        names(cfg, FixedReason::ALL, FixedReason::as_str),
        names(cfg, MoveWay::ALL, MoveWay::as_str),
        names(cfg, DraftKind::ALL, DraftKind::as_str),
        names(cfg, JobKind::ALL, JobKind::as_str),
        names(cfg, JobState::ALL, JobState::as_str),
        names(cfg, ListStatus::ALL, ListStatus::as_str),
        names(cfg, LivestreamStatus::ALL, LivestreamStatus::as_str),
        names(cfg, SeriesScope::ALL, SeriesScope::as_str),
        names(cfg, MediaKind::ALL, MediaKind::as_str),
        names(cfg, MediumRole::ALL, MediumRole::as_str),
        names(cfg, MenuAction::ALL, MenuAction::as_str),
        names(cfg, MenuKind::ALL, MenuKind::as_str),
        names(cfg, MenuPublishStatus::ALL, MenuPublishStatus::as_str),
        names(cfg, MessageKind::ALL, MessageKind::as_str),
        names(cfg, MessageStatus::ALL, MessageStatus::as_str),
        names(cfg, ModerationVerdict::ALL, ModerationVerdict::as_str),
        names(cfg, OfferKind::ALL, OfferKind::as_str),
        names(cfg, ProfileEditStatus::ALL, ProfileEditStatus::as_str),
        names(cfg, PublicationStatus::ALL, PublicationStatus::as_str),
        names(cfg, ThemePreference::ALL, ThemePreference::as_str),
        names(cfg, Visibility::ALL, Visibility::as_str),
    ]
}

/// `ListStatus` → `LIST_STATUS`.
fn screaming(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// One command as the UI sees it.
pub(crate) struct CommandSignature {
    pub name: &'static str,
    pub doc: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

const HEADER: &str = "// Generated from the Rust types by `make bindings`; do not edit.\n\n";

/// The generated files, as (path under `ui/src/api/`, contents).
pub fn typescript() -> Vec<(&'static str, String)> {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let decls = [
        Account::decl(&cfg),
        AccountPatch::decl(&cfg),
        AccountProblem::decl(&cfg),
        AccountRole::decl(&cfg),
        AccountSetup::decl(&cfg),
        ActivityItem::decl(&cfg),
        ApiError::decl(&cfg),
        AssetUse::decl(&cfg),
        BackupInfo::decl(&cfg),
        BackupReason::decl(&cfg),
        CalendarItem::decl(&cfg),
        CalendarKind::decl(&cfg),
        CalendarStatus::decl(&cfg),
        ContentHash::decl(&cfg),
        CheckedAccount::decl(&cfg),
        Counters::decl(&cfg),
        Counting::decl(&cfg),
        Cursor::decl(&cfg),
        Diagnostics::decl(&cfg),
        Draft::decl(&cfg),
        DraftCheck::decl(&cfg),
        DraftKind::decl(&cfg),
        DraftListQuery::decl(&cfg),
        DraftMedium::decl(&cfg),
        DraftPage::decl(&cfg),
        DraftPatch::decl(&cfg),
        DraftSort::decl(&cfg),
        ExportSummary::decl(&cfg),
        FixedReason::decl(&cfg),
        FocalPoint::decl(&cfg),
        ImportFailure::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportReport::decl(&cfg),
        JobKind::decl(&cfg),
        JobProblem::decl(&cfg),
        JobState::decl(&cfg),
        Lang::decl(&cfg),
        ListStatus::decl(&cfg),
        CheckItem::decl(&cfg),
        LivePlan::decl(&cfg),
        LiveProfile::decl(&cfg),
        LiveMenu::decl(&cfg),
        Menu::decl(&cfg),
        MenuAction::decl(&cfg),
        MenuChange::decl(&cfg),
        MenuChangeKind::decl(&cfg),
        MenuEntry::decl(&cfg),
        MenuKind::decl(&cfg),
        MenuLimits::decl(&cfg),
        MenuProblem::decl(&cfg),
        MenuPublish::decl(&cfg),
        MenuPublishStatus::decl(&cfg),
        MenuState::decl(&cfg),
        FollowerMessage::decl(&cfg),
        MessageFields::decl(&cfg),
        MessageKind::decl(&cfg),
        MessageLimits::decl(&cfg),
        MessageProblem::decl(&cfg),
        MessageStatus::decl(&cfg),
        MessageRevision::decl(&cfg),
        Warmup::decl(&cfg),
        LiveSeries::decl(&cfg),
        PlannedSeries::decl(&cfg),
        SeriesProblem::decl(&cfg),
        SeriesScope::decl(&cfg),
        LiveProduct::decl(&cfg),
        Livestream::decl(&cfg),
        PlanProblem::decl(&cfg),
        RunSegment::decl(&cfg),
        LivestreamStatus::decl(&cfg),
        MediaAsset::decl(&cfg),
        MediaFormat::decl(&cfg),
        MediaKind::decl(&cfg),
        MediumRole::decl(&cfg),
        MoveWay::decl(&cfg),
        NetworkProblem::decl(&cfg),
        NewAccount::decl(&cfg),
        NewDraft::decl(&cfg),
        NewQueueSlot::decl(&cfg),
        NextItem::decl(&cfg),
        Notice::decl(&cfg),
        Offer::decl(&cfg),
        OfferKind::decl(&cfg),
        OutboxJob::decl(&cfg),
        ModerationVerdict::decl(&cfg),
        Platform::decl(&cfg),
        PlatformCheck::decl(&cfg),
        PostMove::decl(&cfg),
        PlatformRules::decl(&cfg),
        Problem::decl(&cfg),
        ProfileEdit::decl(&cfg),
        ProfileEditStatus::decl(&cfg),
        ProfileFields::decl(&cfg),
        Publication::decl(&cfg),
        PublicationStatus::decl(&cfg),
        PublishAnswer::decl(&cfg),
        QueueEntry::decl(&cfg),
        QueueSlot::decl(&cfg),
        Reminder::decl(&cfg),
        ReminderNews::decl(&cfg),
        ReviewNews::decl(&cfg),
        Revision::decl(&cfg),
        RevisionReason::decl(&cfg),
        Screen::decl(&cfg),
        ScheduleWindow::decl(&cfg),
        SearchHit::decl(&cfg),
        Segment::decl(&cfg),
        Settings::decl(&cfg),
        SettingsPatch::decl(&cfg),
        SyncNews::decl(&cfg),
        SyncStatus::decl(&cfg),
        ThemePreference::decl(&cfg),
        TopicUse::decl(&cfg),
        Visibility::decl(&cfg),
        ZoneName::decl(&cfg),
    ];
    let mut types = String::from(HEADER);
    for decl in decls {
        types.push_str("export ");
        types.push_str(&decl);
        types.push_str("\n\n");
    }

    let signatures = crate::command_signatures(&cfg);
    let mut names: Vec<&str> = Vec::new();
    for sig in &signatures {
        for ty in sig.args.iter().map(|(_, t)| t.as_str()).chain([sig.returns.as_str()]) {
            for word in ty.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().next().is_some_and(char::is_uppercase) && word != "Array" && !names.contains(&word) {
                    names.push(word);
                }
            }
        }
    }
    names.sort_unstable();
    let mut commands = String::from(HEADER);
    commands.push_str("import { invoke } from \"@tauri-apps/api/core\";\n");
    commands.push_str(&format!("import type {{ {} }} from \"./types\";\n\n", names.join(", ")));
    commands.push_str("/** Calls a command; a failure rejects with the command's ApiError ({code, message}). */\n");
    commands.push_str("async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {\n");
    commands.push_str("  return invoke<T>(command, args);\n}\n");
    for sig in &signatures {
        let params: Vec<String> = sig.args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
        let passed: Vec<String> = sig.args.iter().map(|(n, _)| camel(n)).collect();
        let args = if passed.is_empty() { String::new() } else { format!(", {{ {} }}", passed.join(", ")) };
        commands.push_str(&format!(
            "\n/** {} */\nexport function {}({}): Promise<{}> {{\n  return call(\"{}\"{});\n}}\n",
            sig.doc,
            camel(sig.name),
            params.join(", "),
            sig.returns,
            sig.name,
            args
        ));
    }
    let vocabulary = vocabularies(&cfg);
    let mut lists = String::from(HEADER);
    let types_used: Vec<&str> = vocabulary.iter().map(|(t, _)| t.as_str()).collect();
    lists.push_str(&format!("import type {{ {} }} from \"./types\";\n", types_used.join(", ")));
    for (ty, values) in &vocabulary {
        let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        lists.push_str(&format!(
            "\n/** Every `{ty}`, in order. */\nexport const {}_VALUES: readonly {ty}[] = [{}];\n",
            screaming(ty),
            quoted.join(", ")
        ));
    }
    vec![("types.ts", types), ("commands.ts", commands), ("vocabulary.ts", lists)]
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Fails when `ui/src/api/` differs from what the Rust types generate;
    /// `UPDATE_BINDINGS=1` rewrites the files instead.
    #[test]
    fn typescript_bindings_are_up_to_date() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api");
        let update = std::env::var_os("UPDATE_BINDINGS").is_some();
        let mut stale = Vec::new();
        for (file, contents) in super::typescript() {
            let path = dir.join(file);
            if update {
                std::fs::write(&path, &contents).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        assert!(stale.is_empty(), "stale TypeScript bindings: {stale:?}; run `make bindings`");
    }
}
