// Generated from the Rust types by `make bindings`; do not edit.

import { invoke } from "@tauri-apps/api/core";
import type { Account, AccountPatch, AccountSetup, ActivityItem, AssetUse, BackupInfo, CalendarItem, CheckedAccount, Diagnostics, Draft, DraftCheck, DraftListQuery, DraftMedium, DraftPage, DraftPatch, ExportSummary, FollowerMessage, LivePlan, LiveProfile, LiveSeries, Livestream, MediaAsset, Menu, MenuPublish, MenuState, MessageFields, MessageProblem, MessageRevision, NewDraft, NewQueueSlot, NextItem, PlannedSeries, Platform, PlatformCheck, PostMove, ProfileEdit, ProfileFields, Publication, PublishAnswer, QueueEntry, QueueSlot, Reminder, Revision, SearchHit, SeriesScope, Settings, SettingsPatch, SyncStatus, TopicUse } from "./types";

/** Calls a command; a failure rejects with the command's ApiError ({code, message}). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(command, args);
}

/** Every draft, most recently changed first. */
export function listDrafts(): Promise<Array<Draft>> {
  return call("list_drafts");
}

/** One page of the drafts list, filtered and sorted. */
export function listDraftsPage(query: DraftListQuery): Promise<DraftPage> {
  return call("list_drafts_page", { query });
}

/** One draft. */
export function getDraft(id: number): Promise<Draft> {
  return call("get_draft", { id });
}

/** Makes a new draft. */
export function createDraft(draft: NewDraft): Promise<Draft> {
  return call("create_draft", { draft });
}

/** Changes a draft's kind, title or body. */
export function updateDraft(id: number, patch: DraftPatch): Promise<Draft> {
  return call("update_draft", { id, patch });
}

/** Moves a draft to the trash. */
export function deleteDraft(id: number): Promise<null> {
  return call("delete_draft", { id });
}

/** Drafts in the trash, most recently deleted first. */
export function listTrash(): Promise<Array<Draft>> {
  return call("list_trash");
}

/** Brings a draft back from the trash. */
export function restoreDraft(id: number): Promise<Draft> {
  return call("restore_draft", { id });
}

/** Deletes everything in the trash for good; returns how many drafts. */
export function emptyTrash(): Promise<number> {
  return call("empty_trash");
}

/** A draft's revisions, newest first. */
export function listRevisions(id: number): Promise<Array<Revision>> {
  return call("list_revisions", { id });
}

/** Makes a draft read as one of its revisions did. */
export function restoreRevision(id: number, revision: number): Promise<Draft> {
  return call("restore_revision", { id, revision });
}

/** Live drafts matching a query, best first, with matches marked. */
export function searchDrafts(query: string): Promise<Array<SearchHit>> {
  return call("search_drafts", { query });
}

/** Asks the platform's moderation about a draft's text as it is now. */
export function checkWithPlatform(draftId: number, accountId: number | null): Promise<PlatformCheck> {
  return call("check_with_platform", { draftId, accountId });
}

/** The platform's check of a draft's text as it is now, if one was made. */
export function platformCheck(draftId: number): Promise<PlatformCheck | null> {
  return call("platform_check", { draftId });
}

/** Live counters and problems of a draft's content against a platform. */
export function checkDraft(draft: Draft, platform: Platform): Promise<DraftCheck> {
  return call("check_draft", { draft, platform });
}

/** Topics used before, for autocomplete. */
export function suggestTopics(prefix: string): Promise<Array<TopicUse>> {
  return call("suggest_topics", { prefix });
}

/** The user's preferences. */
export function getSettings(): Promise<Settings> {
  return call("get_settings");
}

/** Changes preferences. */
export function updateSettings(patch: SettingsPatch): Promise<Settings> {
  return call("update_settings", { patch });
}

/** Platform accounts; the built-in emulator's demo account is always there. */
export function listAccounts(): Promise<Array<Account>> {
  return call("list_accounts");
}

/** Adds an account; its private key and token go to the OS keychain (or the encrypted file), never into the library. */
export function addAccount(setup: AccountSetup): Promise<CheckedAccount> {
  return call("add_account", { setup });
}

/** Checks an account's keys with the platform now. */
export function checkAccount(id: number): Promise<CheckedAccount> {
  return call("check_account", { id });
}

/** Changes an account; changed keys are checked with the platform first. */
export function updateAccount(id: number, patch: AccountPatch): Promise<CheckedAccount> {
  return call("update_account", { id, patch });
}

/** Removes an account (cancelling its waiting jobs when asked). */
export function removeAccount(id: number, cancelJobs: boolean): Promise<null> {
  return call("remove_account", { id, cancelJobs });
}

/** Opens the encrypted secrets file with a passphrase, where no keychain exists. */
export function unlockSecrets(passphrase: string): Promise<null> {
  return call("unlock_secrets", { passphrase });
}

/** Queues a draft for publishing on an account (the demo account when none), at a time (Unix ms) when scheduled. */
export function publishDraft(draftId: number, accountId: number | null, at: number | null): Promise<PublishAnswer> {
  return call("publish_draft", { draftId, accountId, at });
}

/** Publishes a draft already on the platform again, after the user confirmed: its post there is deleted first. */
export function republishDraft(draftId: number, accountId: number | null, at: number | null): Promise<PublishAnswer> {
  return call("republish_draft", { draftId, accountId, at });
}

/** Where each draft stands on an account (the demo account when none). */
export function listPublications(accountId: number | null): Promise<Array<Publication>> {
  return call("list_publications", { accountId });
}

/** The outbox with what each job acts on, newest first; finished jobs too when `all`. */
export function listActivity(all: boolean): Promise<Array<ActivityItem>> {
  return call("list_activity", { all });
}

/** Sends a stopped job again. */
export function retryJob(id: number): Promise<null> {
  return call("retry_job", { id });
}

/** Cancels a job that has not reached the platform. */
export function cancelJob(id: number): Promise<null> {
  return call("cancel_job", { id });
}

/** Where syncing stands. */
export function syncStatus(): Promise<SyncStatus> {
  return call("sync_status");
}

/** Sends and reads now instead of at the next turn. */
export function syncSoon(): Promise<null> {
  return call("sync_soon");
}

/** Sends what waits and reads every account's contents whole now. */
export function syncEverything(): Promise<null> {
  return call("sync_everything");
}

/** Plans a livestream running `minutes` (two hours when none; on the publishing account when none) and queues its announcement. */
export function planLivestream(title: string, startsAt: number, minutes: number | null, accountId: number | null): Promise<Livestream> {
  return call("plan_livestream", { title, startsAt, minutes, accountId });
}

/** The livestreams of an account (the publishing account when none), latest first. */
export function listLivestreams(accountId: number | null): Promise<Array<Livestream>> {
  return call("list_livestreams", { accountId });
}

/** Withdraws a livestream's announcement. */
export function withdrawLivestream(id: number): Promise<Livestream> {
  return call("withdraw_livestream", { id });
}

/** Changes a livestream's title and start (on the platform too, once announced). */
export function changeLivestream(id: number, title: string, startsAt: number): Promise<Livestream> {
  return call("change_livestream", { id, title, startsAt });
}

/** Keeps a livestream's plan and planned length (the studio's own). */
export function saveLivestreamPlan(id: number, minutes: number, plan: LivePlan): Promise<Livestream> {
  return call("save_livestream_plan", { id, minutes, plan });
}

/** Plans a copy of a livestream at another start, without its platform ids. */
export function duplicateLivestream(id: number, startsAt: number): Promise<Livestream> {
  return call("duplicate_livestream", { id, startsAt });
}

/** A livestream's run sheet as Markdown, or as a printable HTML page. */
export function runSheetText(id: number, html: boolean): Promise<string> {
  return call("run_sheet_text", { id, html });
}

/** Writes a livestream's run sheet to a file (HTML for `.html`, else Markdown). */
export function exportRunSheet(id: number, path: string): Promise<null> {
  return call("export_run_sheet", { id, path });
}

/** Plans a repeating livestream (RRULE from its first start); the next 8 weeks are announced. */
export function planLiveSeries(title: string, firstStart: number, rule: string, minutes: number | null, accountId: number | null): Promise<PlannedSeries> {
  return call("plan_live_series", { title, firstStart, rule, minutes, accountId });
}

/** The series of an account, or of all. */
export function listLiveSeries(accountId: number | null): Promise<Array<LiveSeries>> {
  return call("list_live_series", { accountId });
}

/** Edits an occurrence alone, with the ones after it, or with every one not yet started. */
export function editLiveSeries(occurrenceId: number, scope: SeriesScope, title: string, startsAt: number, rule: string | null): Promise<Livestream> {
  return call("edit_live_series", { occurrenceId, scope, title, startsAt, rule });
}

/** What the platform showed of an account's profile when last read. */
export function liveProfile(accountId: number | null): Promise<LiveProfile | null> {
  return call("live_profile", { accountId });
}

/** The jobs that carried a livestream's announcement, changes and withdrawal, oldest first. */
export function livestreamHistory(id: number): Promise<Array<ActivityItem>> {
  return call("livestream_history", { id });
}

/** Writes a livestream's warm-up post, scheduled `lead_minutes` before its start. */
export function writeWarmupPost(liveId: number, leadMinutes: number): Promise<Draft> {
  return call("write_warmup_post", { liveId, leadMinutes });
}

/** Moves a livestream's warm-up post to its lead before the livestream's start. */
export function moveWarmupPost(liveId: number): Promise<PostMove> {
  return call("move_warmup_post", { liveId });
}

/** The livestreams of an account a new one at that time would overlap. */
export function livestreamOverlaps(accountId: number | null, startsAt: number, minutes: number, except: number | null): Promise<Array<Livestream>> {
  return call("livestream_overlaps", { accountId, startsAt, minutes, except });
}

/** Submits a profile edit for the platform's audit. */
export function submitProfileEdit(fields: ProfileFields, accountId: number | null): Promise<ProfileEdit> {
  return call("submit_profile_edit", { fields, accountId });
}

/** The profile edits of an account, newest first. */
export function listProfileEdits(accountId: number | null): Promise<Array<ProfileEdit>> {
  return call("list_profile_edits", { accountId });
}

/** Keeps the profile edit being written, as typed. */
export function saveProfileDraft(fields: ProfileFields, accountId: number | null): Promise<ProfileFields> {
  return call("save_profile_draft", { fields, accountId });
}

/** The profile edit being written, if any. */
export function profileDraft(accountId: number | null): Promise<ProfileFields | null> {
  return call("profile_draft", { accountId });
}

/** An account's service menu: its draft, the live menu, problems and differences. */
export function menuState(accountId: number | null): Promise<MenuState> {
  return call("menu_state", { accountId });
}

/** Keeps a menu draft as it is now (autosave). */
export function saveMenuDraft(menu: Menu, accountId: number | null): Promise<MenuState> {
  return call("save_menu_draft", { menu, accountId });
}

/** Puts the menu draft back to the live menu. */
export function revertMenuDraft(accountId: number | null): Promise<MenuState> {
  return call("revert_menu_draft", { accountId });
}

/** Publishes the menu draft through the outbox. */
export function publishMenu(accountId: number | null): Promise<MenuPublish> {
  return call("publish_menu", { accountId });
}

/** Every publish of an account's menu, newest first. */
export function menuHistory(accountId: number | null): Promise<Array<MenuPublish>> {
  return call("menu_history", { accountId });
}

/** Starts a message to followers (a draft). */
export function createMessage(fields: MessageFields, accountId: number | null): Promise<FollowerMessage> {
  return call("create_message", { fields, accountId });
}

/** Keeps a message's words as typed. */
export function updateMessage(id: number, fields: MessageFields): Promise<FollowerMessage> {
  return call("update_message", { id, fields });
}

/** An account's messages, newest first. */
export function listMessages(accountId: number | null): Promise<Array<FollowerMessage>> {
  return call("list_messages", { accountId });
}

/** What keeps a message from being sent. */
export function messageProblems(fields: MessageFields): Promise<Array<MessageProblem>> {
  return call("message_problems", { fields });
}

/** Makes an image-text message's content page for its previewers, without sending it. */
export function previewMessage(id: number): Promise<FollowerMessage> {
  return call("preview_message", { id });
}

/** Sends a message to every follower, at `at` or at once. */
export function sendMessage(id: number, at: number | null): Promise<FollowerMessage> {
  return call("send_message", { id, at });
}

/** Takes back a sent message. */
export function recallMessage(id: number): Promise<FollowerMessage> {
  return call("recall_message", { id });
}

/** A message's revisions, newest first. */
export function messageRevisions(id: number): Promise<Array<MessageRevision>> {
  return call("message_revisions", { id });
}

/** Brings back what a message said in one of its revisions. */
export function restoreMessageRevision(id: number, revision: number): Promise<FollowerMessage> {
  return call("restore_message_revision", { id, revision });
}

/** Stops a running import; what it finished stays. */
export function cancelImport(importId: string): Promise<null> {
  return call("cancel_import", { importId });
}

/** Media whose name or a tag contains `query` (all when empty), newest first. */
export function listMedia(query: string): Promise<Array<MediaAsset>> {
  return call("list_media", { query });
}

/** The media with these hashes, in the order asked. */
export function getMedia(hashes: Array<string>): Promise<Array<MediaAsset>> {
  return call("get_media", { hashes });
}

/** Replaces a medium's tags. */
export function tagMedia(hash: string, tags: Array<string>): Promise<MediaAsset> {
  return call("tag_media", { hash, tags });
}

/** The drafts using a medium. */
export function mediaUses(hash: string): Promise<Array<AssetUse>> {
  return call("media_uses", { hash });
}

/** Deletes a medium no draft uses; one in use is refused, naming the drafts. */
export function deleteMedia(hash: string): Promise<null> {
  return call("delete_media", { hash });
}

/** The media a draft uses, in order. */
export function getDraftMedia(draftId: number): Promise<Array<DraftMedium>> {
  return call("get_draft_media", { draftId });
}

/** Sets the media a draft uses, in order. */
export function setDraftMedia(draftId: number, media: Array<DraftMedium>): Promise<Array<DraftMedium>> {
  return call("set_draft_media", { draftId, media });
}

/** Writes the whole library (JSON and media files) into a folder. */
export function exportLibrary(dir: string): Promise<ExportSummary> {
  return call("export_library", { dir });
}

/** The library's backups, newest first. */
export function listBackups(): Promise<Array<BackupInfo>> {
  return call("list_backups");
}

/** Backs the library up now. */
export function backUpNow(): Promise<BackupInfo> {
  return call("back_up_now");
}

/** Replaces the library with a backup, backing up the current one first (returned). */
export function restoreBackup(name: string): Promise<BackupInfo> {
  return call("restore_backup", { name });
}

/** Versions of the app, the web view and the system, and the folders. */
export function diagnostics(): Promise<Diagnostics> {
  return call("diagnostics");
}

/** Opens the log folder in the file manager. */
export function openLogFolder(): Promise<null> {
  return call("open_log_folder");
}

/** Posts, livestreams, messages to followers and free posting slots from `from` to `to` (Unix ms), of one account or all. */
export function calendar(from: number, to: number, accountId: number | null): Promise<Array<CalendarItem>> {
  return call("calendar", { from, to, accountId });
}

/** Moves a post to another time through the outbox (`republish` once the user confirmed). */
export function movePost(draftId: number, accountId: number, at: number, republish: boolean): Promise<PostMove> {
  return call("move_post", { draftId, accountId, at, republish });
}

/** Moves a livestream to another start, on the platform too once announced. */
export function moveLivestream(id: number, at: number): Promise<Livestream> {
  return call("move_livestream", { id, at });
}

/** Moves a message to followers whose send waits for its time to another time. */
export function moveMessage(id: number, at: number): Promise<FollowerMessage> {
  return call("move_message", { id, at });
}

/** Every time zone name the studio knows. */
export function listTimeZones(): Promise<Array<string>> {
  return call("list_time_zones");
}

/** Sets the zone of an account's posting slots and wall times. */
export function setAccountTimeZone(accountId: number, zone: string): Promise<Account> {
  return call("set_account_time_zone", { accountId, zone });
}

/** Writes the posts and livestreams of one account (or all) to an `.ics` file. */
export function exportCalendar(path: string, accountId: number | null, utc: boolean): Promise<number> {
  return call("export_calendar", { path, accountId, utc });
}

/** An account's posting slots. */
export function listQueueSlots(accountId: number | null): Promise<Array<QueueSlot>> {
  return call("list_queue_slots", { accountId });
}

/** Adds posting slots to an account's queue. */
export function addQueueSlots(accountId: number | null, slots: Array<NewQueueSlot>): Promise<Array<QueueSlot>> {
  return call("add_queue_slots", { accountId, slots });
}

/** Removes a posting slot; posts at its times stay. */
export function removeQueueSlot(id: number): Promise<null> {
  return call("remove_queue_slot", { id });
}

/** Schedules a draft into the account's next free posting slot. */
export function addToQueue(draftId: number, accountId: number | null): Promise<PublishAnswer> {
  return call("add_to_queue", { draftId, accountId });
}

/** The coming slot times with the posts that fill them. */
export function listQueue(accountId: number | null): Promise<Array<QueueEntry>> {
  return call("list_queue", { accountId });
}

/** Swaps the times of two scheduled posts of an account. */
export function swapQueuedPosts(accountId: number, first: number, second: number, republish: boolean): Promise<null> {
  return call("swap_queued_posts", { accountId, first, second, republish });
}

/** The reminders missed while the app was closed, once. */
export function missedReminders(): Promise<Array<Reminder>> {
  return call("missed_reminders");
}

/** The next livestreams and scheduled posts. */
export function nextItems(count: number): Promise<Array<NextItem>> {
  return call("next_items", { count });
}
