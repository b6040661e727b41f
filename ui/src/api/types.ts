// Generated from the Rust types by `make bindings`; do not edit.

export type Account = { 
/**
 * Local id.
 */
id: number, 
/**
 * A name the user chose.
 */
name: string, 
/**
 * Creator, merchant or agency.
 */
role: AccountRole, 
/**
 * The gateway URL, or `emulator` for the built-in one.
 */
gateway: string, 
/**
 * The Alipay app id.
 */
app_id: string, 
/**
 * The platform's public key (PEM), which verifies its answers.
 */
platform_key: string, 
/**
 * The life account acted for (agencies); empty for one's own.
 */
public_id: string, 
/**
 * Whether an `app_auth_token` is kept for it in the keychain.
 */
has_auth_token: boolean, 
/**
 * Unix milliseconds.
 */
created_at: number, 
/**
 * Why its calls cannot go through, when they cannot (its jobs wait
 * until it is fixed in Settings).
 */
problem: AccountProblem | null, 
/**
 * The zone its posting slots and wall times are in.
 */
time_zone: ZoneName, };

export type AccountPatch = { 
/**
 * A new name.
 */
name?: string, 
/**
 * A new role.
 */
role?: AccountRole, 
/**
 * A new gateway URL.
 */
gateway?: string, 
/**
 * A new Alipay public key.
 */
platform_key?: string, 
/**
 * A new life account acted for (empty: one's own).
 */
public_id?: string, 
/**
 * A new app private key.
 */
app_private_key?: string, 
/**
 * A new `app_auth_token` (empty: none).
 */
app_auth_token?: string, };

export type AccountProblem = { "what": "wrong_app_id" } | { "what": "app_key_not_registered" } | { "what": "platform_key_mismatch" } | { "what": "unreachable", 
/**
 * The system's own words, for diagnosis.
 */
detail: string, } | { "what": "clock_skew" } | { "what": "refused", 
/**
 * e.g. `40006`.
 */
code: string, 
/**
 * e.g. `isv.insufficient-isv-permissions`.
 */
sub_code: string, 
/**
 * The platform's words.
 */
message: string, };

export type AccountRole = "creator" | "merchant" | "agency";

export type AccountSetup = { 
/**
 * The account's public settings.
 */
account: NewAccount, 
/**
 * The app private key (PEM or the console's Base64).
 */
app_private_key: string, 
/**
 * An `app_auth_token`, when acting for another account.
 */
app_auth_token?: string | null, };

export type ActivityItem = { 
/**
 * The job.
 */
job: OutboxJob, 
/**
 * The title of the draft or livestream it acts on; empty for profile edits.
 */
label: string, 
/**
 * What went wrong the last time, in the user's language; empty when nothing did.
 */
problem: string, 
/**
 * The system's own words about it, for diagnosis; often empty.
 */
technical: string, };

export type ApiError = { 
/**
 * Stable code, e.g. `draft_not_found`.
 */
code: string, 
/**
 * What happened and what to do, in zh-CN or en.
 */
message: string, };

export type AssetUse = { 
/**
 * The draft.
 */
draft_id: number, 
/**
 * Its title.
 */
title: string, };

export type BackupInfo = { 
/**
 * Its file name in the backups folder; names it to restore.
 */
name: string, 
/**
 * When it was taken, Unix ms.
 */
taken_at: number, 
/**
 * Why.
 */
reason: BackupReason, 
/**
 * Its size.
 */
bytes: number, };

export type BackupReason = "daily" | "manual" | "before_restore";

export type CalendarItem = { 
/**
 * Post, livestream or free slot.
 */
kind: CalendarKind, 
/**
 * The draft, the livestream or the slot.
 */
id: number, 
/**
 * The account.
 */
account_id: number, 
/**
 * Its title (empty for a slot).
 */
title: string, 
/**
 * Unix ms it starts (a post: when it goes or went out).
 */
starts_at: number, 
/**
 * Unix ms it ends (a post or slot: its start).
 */
ends_at: number, 
/**
 * Where it stands.
 */
status: CalendarStatus, 
/**
 * How it moves.
 */
move_way: MoveWay, 
/**
 * Why it cannot move, when it cannot.
 */
fixed: FixedReason | null, 
/**
 * Its start as a wall time in the account's zone (`YYYY-MM-DD HH:MM`).
 */
account_time: string, 
/**
 * The account's zone.
 */
account_zone: ZoneName, 
/**
 * A livestream's cover (a library picture), shown beside its title.
 */
cover: ContentHash | null, };

export type CalendarKind = "post" | "livestream" | "slot" | "message";

export type CalendarStatus = "waiting" | "under_review" | "published" | "refused" | "failed" | "announced" | "changing" | "withdrawn" | "free";

export type ContentHash = string;

export type CheckedAccount = { 
/**
 * The account as kept.
 */
account: Account, 
/**
 * The life account's name, as the platform gave it.
 */
life_account: string, };

export type Counters = { 
/**
 * Title length, counted the platform's way.
 */
title: number, 
/**
 * Title plus `#topic` texts, where the platform limits that.
 */
title_with_topics: number, 
/**
 * Body length in characters.
 */
body: number, 
/**
 * The #topics found.
 */
topics: Array<string>, };

export type Counting = "characters" | "half_units";

export type Cursor = { 
/**
 * The last row's sort key.
 */
key: number, 
/**
 * The last row's id.
 */
id: number, };

export type Diagnostics = { 
/**
 * Creator Studio's version.
 */
app_version: string, 
/**
 * The web view (WebKitGTK on Linux), or empty when not in the app.
 */
webview_version: string, 
/**
 * The operating system and kernel.
 */
os: string, 
/**
 * The data folder.
 */
data_folder: string, 
/**
 * The log folder.
 */
log_folder: string, 
/**
 * Whether this build looks for updates (an update source is configured).
 */
updates: boolean, 
/**
 * All of it as lines to paste into a message.
 */
text: string, };

export type Draft = { 
/**
 * Local id.
 */
id: number, 
/**
 * Post kind.
 */
kind: DraftKind, 
/**
 * Title (标题); may be empty while writing.
 */
title: string, 
/**
 * Body text (正文).
 */
body: string, 
/**
 * Creation time, Unix milliseconds.
 */
created_at: number, 
/**
 * Last change, Unix milliseconds.
 */
updated_at: number, 
/**
 * When it was moved to the trash, Unix milliseconds; `None` while live.
 */
deleted_at: number | null, 
/**
 * Who may see the post.
 */
visibility: Visibility, 
/**
 * Declared as made with AI.
 */
ai_generated: boolean, 
/**
 * Declared as reposted from someone else.
 */
reposted: boolean, 
/**
 * The one linked offer (mini-program or voucher), if any.
 */
offer: Offer | null, 
/**
 * The creator's own notes; never published, but searched.
 */
notes: string, };

export type DraftCheck = { 
/**
 * The platform.
 */
platform: Platform, 
/**
 * The rules used.
 */
rules: PlatformRules, 
/**
 * Live counts.
 */
counters: Counters, 
/**
 * What would be refused; empty when ready.
 */
problems: Array<Problem>, };

export type DraftKind = "image_text" | "video";

export type DraftListQuery = { 
/**
 * Only this kind.
 */
kind?: DraftKind, 
/**
 * Only drafts with this #topic.
 */
topic?: string, 
/**
 * Only drafts standing so on the platform (on `account` when given).
 */
status?: ListStatus, 
/**
 * Only drafts sent to this account.
 */
account?: number, 
/**
 * Order.
 */
sort: DraftSort, 
/**
 * Continue after this row; absent for the first page.
 */
after?: Cursor, 
/**
 * Rows wanted.
 */
limit: number, };

export type DraftMedium = { 
/**
 * The asset.
 */
hash: ContentHash, 
/**
 * Picture, video or cover.
 */
role: MediumRole, 
/**
 * Where a cover's 3:4 crop is centred (`None`: the middle).
 */
focal?: FocalPoint | null, };

export type DraftPage = { 
/**
 * The rows.
 */
drafts: Array<Draft>, 
/**
 * Where the next page starts; `None` at the end.
 */
next: Cursor | null, 
/**
 * How many drafts match in all (counted on the first page only).
 */
total: number | null, };

export type DraftPatch = { 
/**
 * New kind.
 */
kind?: DraftKind, 
/**
 * New title.
 */
title?: string, 
/**
 * New body.
 */
body?: string, 
/**
 * New visibility.
 */
visibility?: Visibility, 
/**
 * New AI-generated declaration.
 */
ai_generated?: boolean, 
/**
 * New reposted declaration.
 */
reposted?: boolean, 
/**
 * New linked offer; `null` removes it.
 */
offer?: Offer | null, 
/**
 * New notes.
 */
notes?: string, };

export type DraftSort = "updated" | "created";

export type ExportSummary = { 
/**
 * The export's folder.
 */
folder: string, 
/**
 * Drafts, the trash's included.
 */
drafts: number, 
/**
 * Media files.
 */
media: number, 
/**
 * Tables.
 */
tables: number, };

export type FixedReason = "published" | "past" | "sending" | "withdrawn" | "refused" | "failed" | "not_scheduled";

export type FocalPoint = { 
/**
 * From the left edge, 0..=1.
 */
x: number, 
/**
 * From the top edge, 0..=1.
 */
y: number, };

export type ImportFailure = { 
/**
 * The file.
 */
path: string, 
/**
 * Why, in the user's language.
 */
error: ApiError, };

export type ImportProgress = { 
/**
 * Files finished (imported or refused).
 */
files_done: number, 
/**
 * Files in the import.
 */
files_total: number, 
/**
 * Bytes read so far.
 */
bytes_done: number, 
/**
 * Bytes of all the files.
 */
bytes_total: number, 
/**
 * The file being read.
 */
current: string, };

export type ImportReport = { 
/**
 * The assets imported (or found already there: the same bytes are one asset).
 */
imported: Array<MediaAsset>, 
/**
 * The files refused.
 */
failed: Array<ImportFailure>, 
/**
 * The user stopped the import: the files before it are in, the one
 * being copied and those after it are not.
 */
cancelled: boolean, };

export type JobKind = "publish" | "delete_content" | "live_create" | "live_modify" | "live_delete" | "profile_modify" | "upload_media" | "menu_publish" | "message_content" | "message_send" | "message_recall";

export type JobProblem = { "what": "platform", 
/**
 * e.g. `40004`.
 */
code: string, 
/**
 * e.g. `isv.invalid-param`.
 */
sub_code: string, 
/**
 * The platform's words (its `sub_msg`, else its `msg`).
 */
message: string, } | { "what": "network", 
/**
 * What happened.
 */
problem: NetworkProblem, 
/**
 * The system's own words, for diagnosis.
 */
detail: string, } | { "what": "http", 
/**
 * The HTTP status.
 */
status: number, } | { "what": "account_gone" } | { "what": "secrets_locked" } | { "what": "app_key_missing" } | { "what": "key_unusable", 
/**
 * Why, for diagnosis.
 */
detail: string, } | { "what": "emulator_stopped" } | { "what": "not_uploaded", 
/**
 * The medium.
 */
hash: ContentHash, } | { "what": "never_announced" } | { "what": "message_not_made" } | { "what": "interrupted" } | { "what": "corrupt", 
/**
 * What could not be read, for diagnosis.
 */
detail: string, } | { "what": "library", 
/**
 * The database's words, for diagnosis.
 */
detail: string, } | { "what": "media", 
/**
 * Why, for diagnosis.
 */
detail: string, } | { "what": "recorded", 
/**
 * The words.
 */
text: string, };

export type JobState = "pending" | "sending" | "unknown" | "done" | "failed" | "cancelled";

export type Lang = "zh-CN" | "en";

export type ListStatus = "unpublished" | "queued" | "under_review" | "published" | "rejected" | "deleted" | "failed" | "cancelled";

export type CheckItem = { 
/**
 * What to prepare.
 */
text: string, 
/**
 * Whether it is done.
 */
done: boolean, };

export type LivePlan = { 
/**
 * What the stream is about, for the host and the warm-up post.
 */
description: string, 
/**
 * The cover, a picture of the media library (its hash); its 3:4
 * rendition is shown on the card and in the calendar.
 */
cover: ContentHash | null, 
/**
 * The offers it shows, in order.
 */
products: Array<LiveProduct>, 
/**
 * The run sheet, in order; each starts where the one before ends.
 */
segments: Array<RunSegment>, 
/**
 * Preparation, ticked off.
 */
checklist: Array<CheckItem>, };

export type LiveProfile = { 
/**
 * The account.
 */
account_id: number, 
/**
 * The name.
 */
app_name: string, 
/**
 * The introduction.
 */
introduction: string, 
/**
 * The greeting followers get.
 */
public_greeting: string, 
/**
 * Where the platform serves the logo.
 */
logo_url: string, 
/**
 * Where the platform serves the background.
 */
background_url: string, 
/**
 * Unix ms it was read.
 */
fetched_at: number, };

export type LiveMenu = { 
/**
 * The account.
 */
account_id: number, 
/**
 * The default menu; `None` when the account has none.
 */
menu: Menu | null, 
/**
 * Unix ms it was read.
 */
fetched_at: number, };

export type Menu = { 
/**
 * Text or icons.
 */
kind: MenuKind, 
/**
 * The entries, in order.
 */
entries: Array<MenuEntry>, };

export type MenuAction = "link" | "tel" | "map" | "out" | "consumption";

export type MenuChange = { 
/**
 * What differs.
 */
change: MenuChangeKind, 
/**
 * The entry's names from the top (`["服务", "电话"]`); empty for the menu.
 */
path: Array<string>, 
/**
 * What the live menu has (an action as `action param`, a place from 1).
 */
before: string, 
/**
 * What the draft has.
 */
after: string, };

export type MenuChangeKind = "kind" | "added" | "removed" | "action" | "icon" | "moved";

export type MenuEntry = { 
/**
 * The name shown.
 */
name: string, 
/**
 * What it does (an entry with sub-entries only opens them).
 */
action: MenuAction, 
/**
 * The action's parameter: the URL, phone number, map keyword or event key.
 */
param: string, 
/**
 * The icon (icon menus), a library picture.
 */
icon?: ContentHash, 
/**
 * Where the platform serves the icon, when it has one.
 */
icon_url: string, 
/**
 * Sub-entries (text menus).
 */
children: Array<MenuEntry>, };

export type MenuKind = "text" | "icon";

export type MenuLimits = { 
/**
 * Entries of a text menu.
 */
text_entries_max: number, 
/**
 * Entries of an icon menu.
 */
icon_entries_max: number, 
/**
 * Sub-entries of an entry.
 */
children_max: number, 
/**
 * Width of a text menu's names (a Chinese character counts 2).
 */
text_name_width: number, 
/**
 * Width of an icon menu's names.
 */
icon_name_width: number, 
/**
 * Characters of an action's parameter.
 */
param_chars_max: number, 
/**
 * Digits of a phone number, at least and at most.
 */
phone_digits: [number, number], };

export type MenuProblem = { "kind": "empty" } | { "kind": "too_many_entries", 
/**
 * The cap.
 */
max: number, } | { "kind": "too_many_children", 
/**
 * The entry.
 */
at: Array<number>, 
/**
 * The cap.
 */
max: number, } | { "kind": "children_in_icon_menu", 
/**
 * The entry.
 */
at: Array<number>, } | { "kind": "name_empty", 
/**
 * The entry.
 */
at: Array<number>, } | { "kind": "name_too_long", 
/**
 * The entry.
 */
at: Array<number>, 
/**
 * Chinese characters allowed (twice as many ASCII ones).
 */
max_chinese: number, } | { "kind": "param_missing", 
/**
 * The entry.
 */
at: Array<number>, } | { "kind": "bad_link", 
/**
 * The entry.
 */
at: Array<number>, } | { "kind": "bad_phone", 
/**
 * The entry.
 */
at: Array<number>, } | { "kind": "param_too_long", 
/**
 * The entry.
 */
at: Array<number>, 
/**
 * The cap.
 */
max: number, } | { "kind": "param_colon", 
/**
 * The entry.
 */
at: Array<number>, } | { "kind": "icon_missing", 
/**
 * The entry.
 */
at: Array<number>, };

export type MenuPublish = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account.
 */
account_id: number, 
/**
 * The menu sent.
 */
menu: Menu, 
/**
 * Where it stands.
 */
status: MenuPublishStatus, 
/**
 * The platform's words when it failed.
 */
words: string, 
/**
 * Unix ms it was asked for.
 */
created_at: number, 
/**
 * Unix ms of its last change.
 */
updated_at: number, };

export type MenuPublishStatus = "publishing" | "published" | "failed";

export type MenuState = { 
/**
 * The account.
 */
account_id: number, 
/**
 * The draft: what was last saved, else the live menu, else nothing.
 */
draft: Menu, 
/**
 * Unix ms the draft was last saved; `None` when it was never edited.
 */
saved_at: number | null, 
/**
 * The menu the platform shows, as last read; `None` before the first read.
 */
live: LiveMenu | null, 
/**
 * What keeps the draft from being published.
 */
problems: Array<MenuProblem>, 
/**
 * What publishing the draft changes on the platform.
 */
changes: Array<MenuChange>, 
/**
 * The latest publish, if any.
 */
last_publish: MenuPublish | null, 
/**
 * The platform's limits.
 */
limits: MenuLimits, };

export type FollowerMessage = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account it goes out from.
 */
account_id: number, 
/**
 * What it says.
 */
fields: MessageFields, 
/**
 * Where it stands.
 */
status: MessageStatus, 
/**
 * Unix ms it goes out at, when scheduled.
 */
scheduled_at: number | null, 
/**
 * The platform's content page (image-text), once made.
 */
content_url: string | null, 
/**
 * The platform's id of the message, once sent.
 */
message_id: string | null, 
/**
 * The platform's words when it failed.
 */
words: string, 
/**
 * The code its send stopped with, when it failed (`sync.outcome_unknown`:
 * no answer came, so it may have reached followers).
 */
error_code: string | null, 
/**
 * Unix ms of its last change.
 */
updated_at: number, };

export type MessageFields = { 
/**
 * Text or image-text.
 */
kind: MessageKind, 
/**
 * The title.
 */
title: string, 
/**
 * The text (a text message) or the content page's body (image-text).
 */
body: string, 
/**
 * The card's line under the title (image-text).
 */
summary: string, 
/**
 * The cover (image-text), a library picture.
 */
cover?: ContentHash, 
/**
 * Whether followers may comment on the content page.
 */
comments: boolean, 
/**
 * An activity's benefit (makes the content an activity), at most 10 characters.
 */
benefit: string, 
/**
 * Keywords, at most 5.
 */
keywords: Array<string>, 
/**
 * Alipay accounts that may preview the content page, at most 10.
 */
previewers: Array<string>, };

export type MessageKind = "text" | "image_text";

export type MessageLimits = { 
/**
 * Characters of a benefit.
 */
benefit_chars: number, 
/**
 * Keywords.
 */
keywords: number, 
/**
 * Accounts that may preview a content.
 */
previewers: number, 
/**
 * Accounts a preview is pushed to at once (`message.preview.send`).
 */
preview_push: number, };

export type MessageProblem = { "kind": "title_empty" } | { "kind": "body_empty" } | { "kind": "cover_missing" } | { "kind": "benefit_too_long", 
/**
 * The cap.
 */
max: number, } | { "kind": "keywords", 
/**
 * The cap.
 */
max: number, } | { "kind": "previewers", 
/**
 * The cap.
 */
max: number, };

export type MessageStatus = "draft" | "sending" | "sent" | "failed" | "recalling" | "recalled";

export type MessageRevision = { 
/**
 * Revision id.
 */
id: number, 
/**
 * The message.
 */
message_id: number, 
/**
 * Why it was recorded.
 */
reason: RevisionReason, 
/**
 * What the message said then.
 */
fields: MessageFields, 
/**
 * First save it covers, Unix ms.
 */
created_at: number, 
/**
 * Last save it covers, Unix ms.
 */
updated_at: number, };

export type Warmup = { 
/**
 * The draft.
 */
draft_id: number, 
/**
 * Minutes before the livestream's start it is scheduled for.
 */
lead_minutes: number, };

export type LiveSeries = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account its occurrences are announced on.
 */
account_id: number, 
/**
 * The recurrence rule, e.g. `FREQ=WEEKLY;BYDAY=SA`.
 */
rule: string, 
/**
 * Unix ms of the first occurrence (the rule's DTSTART).
 */
first_start: number, 
/**
 * The zone the rule's wall times are read in.
 */
zone: ZoneName, 
/**
 * The title of new occurrences.
 */
title: string, 
/**
 * Their planned length, minutes.
 */
minutes: number, 
/**
 * Their plan.
 */
plan: LivePlan, 
/**
 * Occurrences up to this instant exist as livestreams.
 */
announced_until: number, 
/**
 * Occurrences from this instant on belong to a later series (the
 * series was split by an edit of "this and following"), or none.
 */
ends_before: number | null, };

export type PlannedSeries = { 
/**
 * The series.
 */
series: LiveSeries, 
/**
 * Its occurrences made now, by start.
 */
occurrences: Array<Livestream>, };

export type SeriesProblem = { "kind": "invalid", 
/**
 * What the rule reader said.
 */
detail: string, } | { "kind": "too_frequent" } | { "kind": "no_occurrences" };

export type SeriesScope = "one" | "following" | "all";

export type LiveProduct = { 
/**
 * The offer: its kind, the platform's id and its name.
 */
offer: Offer, 
/**
 * A note for the host.
 */
note: string, 
/**
 * The price as it will be said, e.g. "到手价 ¥59".
 */
price: string, };

export type Livestream = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account it is announced on.
 */
account_id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * Unix milliseconds it starts at.
 */
starts_at: number, 
/**
 * How long it is planned to run, minutes (the studio's own: the
 * platform's announcement has only a start).
 */
minutes: number, 
/**
 * Our own id for its announcement.
 */
out_advance_id: string, 
/**
 * The platform's id of its announcement, once announced.
 */
advance_id: string | null, 
/**
 * Where its announcement stands.
 */
status: LivestreamStatus, 
/**
 * What it shows and how it runs (the studio's own).
 */
plan: LivePlan, 
/**
 * The series it is an occurrence of, if it repeats.
 */
series_id: number | null, 
/**
 * Its warm-up post, once written: the draft and how long before the
 * start it is scheduled.
 */
warmup: Warmup | null, };

export type PlanProblem = { "kind": "sheet_too_long", 
/**
 * Minutes of the run sheet.
 */
total: number, 
/**
 * Minutes planned.
 */
planned: number, } | { "kind": "too_many_products", 
/**
 * The cap.
 */
max: number, } | { "kind": "too_many_segments", 
/**
 * The cap.
 */
max: number, } | { "kind": "too_many_checks", 
/**
 * The cap.
 */
max: number, } | { "kind": "product_incomplete", 
/**
 * Its place, from 1.
 */
position: number, } | { "kind": "product_twice", 
/**
 * The id.
 */
id: string, } | { "kind": "segment_incomplete", 
/**
 * Its place, from 1.
 */
position: number, } | { "kind": "segment_unknown_product", 
/**
 * Its place, from 1.
 */
position: number, 
/**
 * The offer's id.
 */
id: string, } | { "kind": "check_empty", 
/**
 * Its place, from 1.
 */
position: number, } | { "kind": "too_long", 
/**
 * Which: `description`, `product`, `segment`, `notes` or `check`.
 */
field: string, 
/**
 * Characters allowed.
 */
max: number, };

export type RunSegment = { 
/**
 * What happens.
 */
title: string, 
/**
 * How long, minutes.
 */
minutes: number, 
/**
 * Notes for the host.
 */
notes: string, 
/**
 * The offers it shows, by their platform id.
 */
products: Array<string>, };

export type LivestreamStatus = "planned" | "announced" | "changing" | "withdrawing" | "withdrawn" | "failed";

export type MediaAsset = { 
/**
 * SHA-256 of the bytes: the asset's name.
 */
hash: ContentHash, 
/**
 * Image or video.
 */
kind: MediaKind, 
/**
 * The format, told by the bytes.
 */
format: MediaFormat, 
/**
 * Size in bytes.
 */
bytes: number, 
/**
 * Width as shown.
 */
width: number, 
/**
 * Height as shown.
 */
height: number, 
/**
 * Videos: duration in milliseconds.
 */
duration_ms: number | null, 
/**
 * Videos: the codec, e.g. `avc1`.
 */
codec: string | null, 
/**
 * The file's name when it was imported.
 */
original_name: string, 
/**
 * Unix milliseconds.
 */
imported_at: number, 
/**
 * The user's tags.
 */
tags: Array<string>, };

export type MediaFormat = "jpeg" | "png" | "webp" | "gif" | "mp4" | "mov";

export type MediaKind = "image" | "video";

export type MediumRole = "image" | "video" | "cover";

export type MoveWay = "reschedule" | "republish" | "change_livestream" | "fixed";

export type NetworkProblem = "unreachable" | "no_answer" | "bad_signature" | "malformed";

export type NewAccount = { 
/**
 * A name for it.
 */
name: string, 
/**
 * Creator, merchant or agency.
 */
role: AccountRole, 
/**
 * The gateway URL, or `emulator`.
 */
gateway: string, 
/**
 * The Alipay app id.
 */
app_id: string, 
/**
 * The platform's public key.
 */
platform_key: string, 
/**
 * The life account acted for, or empty.
 */
public_id: string, };

export type NewDraft = { 
/**
 * Post kind.
 */
kind?: DraftKind, 
/**
 * Title.
 */
title: string, 
/**
 * Body text.
 */
body: string, };

export type NewQueueSlot = { 
/**
 * 1 Monday … 7 Sunday.
 */
weekday: number, 
/**
 * Minutes after midnight, wall time.
 */
minute: number, };

export type NextItem = { 
/**
 * A post or a livestream.
 */
kind: CalendarKind, 
/**
 * The draft or livestream.
 */
id: number, 
/**
 * Unix ms it starts.
 */
starts_at: number, 
/**
 * Its line in the tray's menu: when (in this computer's zone) and what.
 */
label: string, 
/**
 * Its menu entry's id (`livestream-3`, `post-7`).
 */
menu_id: string, };

export type Notice = { 
/**
 * The headline.
 */
title: string, 
/**
 * The detail.
 */
body: string, };

export type Offer = { 
/**
 * Mini-program or voucher.
 */
kind: OfferKind, 
/**
 * The platform's id for it.
 */
id: string, 
/**
 * What the creator calls it.
 */
label: string, };

export type OfferKind = "mini_app" | "voucher";

export type OutboxJob = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account it acts on.
 */
account_id: number, 
/**
 * What it does.
 */
kind: JobKind, 
/**
 * The draft, livestream or profile edit it serves.
 */
target: number, 
/**
 * Where it is.
 */
state: JobState, 
/**
 * Tries so far.
 */
attempts: number, 
/**
 * Unix milliseconds of the next try.
 */
next_try_at: number, 
/**
 * The last failure's code (one of [`code`]), or empty.
 */
error_code: string, 
/**
 * What went wrong the last time, when something did.
 */
problem: JobProblem | null, 
/**
 * Unix milliseconds.
 */
created_at: number, 
/**
 * Unix milliseconds.
 */
updated_at: number, };

export type ModerationVerdict = "passed" | "flagged" | "unavailable";

export type Platform = "alipay" | "douyin" | "xiaohongshu";

export type PlatformCheck = { 
/**
 * What it said.
 */
verdict: ModerationVerdict, 
/**
 * The risky words the platform named.
 */
keywords: Array<string>, 
/**
 * The title as checked, with the risky words marked.
 */
title: Array<Segment>, 
/**
 * The body as checked, with the risky words marked.
 */
body: Array<Segment>, 
/**
 * Why the check could not be made, in the user's language; empty otherwise.
 */
note: string, 
/**
 * Unix ms it was made.
 */
checked_at: number, };

export type PostMove = { 
/**
 * The draft.
 */
draft_id: number, 
/**
 * The account.
 */
account_id: number, 
/**
 * Unix ms it was at.
 */
from: number, 
/**
 * Unix ms it is at now.
 */
to: number, 
/**
 * Whether it went the republish way (deleted on the platform, published again).
 */
republished: boolean, };

export type PlatformRules = { 
/**
 * The platform.
 */
platform: Platform, 
/**
 * How titles are counted.
 */
title_counting: Counting, 
/**
 * Longest title.
 */
title_max: number | null, 
/**
 * Longest title plus its #topics (Alipay's web backend, community-observed).
 */
title_with_topics_max: number | null, 
/**
 * Longest body, in characters.
 */
body_max: number | null, 
/**
 * Whether the body may be empty.
 */
body_required: boolean, 
/**
 * Most #topics in one post.
 */
topics_max: number | null, 
/**
 * Most linked offers.
 */
offers_max: number, 
/**
 * Largest image upload, bytes.
 */
image_bytes_max: number, 
/**
 * Largest video upload, bytes.
 */
video_bytes_max: number, 
/**
 * Longest video, seconds.
 */
video_seconds_max: number | null, 
/**
 * Whether the platform publishes at a set time by itself.
 */
scheduled_publish: boolean, 
/**
 * How far ahead a scheduled publish may be, when the platform takes one.
 */
schedule_window: ScheduleWindow | null, };

export type Problem = { "problem": "title_too_long", 
/**
 * Its length.
 */
len: number, 
/**
 * The limit.
 */
max: number, } | { "problem": "title_with_topics_too_long", 
/**
 * Their length.
 */
len: number, 
/**
 * The limit.
 */
max: number, } | { "problem": "body_missing" } | { "problem": "body_too_long", 
/**
 * Its length.
 */
len: number, 
/**
 * The limit.
 */
max: number, } | { "problem": "too_many_topics", 
/**
 * How many.
 */
count: number, 
/**
 * The limit.
 */
max: number, } | { "problem": "offers_not_supported" } | { "problem": "offer_id_missing" };

export type ProfileEdit = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account.
 */
account_id: number, 
/**
 * What it changes.
 */
fields: ProfileFields, 
/**
 * Where it stands.
 */
status: ProfileEditStatus, 
/**
 * The audit's words.
 */
audit_desc: string, };

export type ProfileEditStatus = "submitting" | "auditing" | "approved" | "rejected" | "failed" | "cancelled";

export type ProfileFields = { 
/**
 * The account's name (2–20 characters).
 */
app_name?: string, 
/**
 * The introduction.
 */
introduction?: string, 
/**
 * The greeting followers get.
 */
public_greeting?: string, 
/**
 * The logo (320×320), a library picture.
 */
logo?: ContentHash, 
/**
 * The background (1600×1000), a library picture.
 */
background?: ContentHash, 
/**
 * Shop photos, library pictures in order; they replace the profile's photos.
 */
shop_photos?: Array<ContentHash>, };

export type Publication = { 
/**
 * The draft.
 */
draft_id: number, 
/**
 * The account.
 */
account_id: number, 
/**
 * Where it stands.
 */
status: PublicationStatus, 
/**
 * The platform's id, once it accepted the post.
 */
content_id: string | null, 
/**
 * Unix milliseconds the platform publishes it at, when scheduled.
 */
scheduled_at: number | null, 
/**
 * Why review rejected it, or why it failed.
 */
reason: string, 
/**
 * The post's link on the platform, once published.
 */
link: string, 
/**
 * Unix milliseconds.
 */
updated_at: number, };

export type PublicationStatus = "queued" | "under_review" | "published" | "rejected" | "deleted" | "failed" | "cancelled";

export type PublishAnswer = { 
/**
 * The outbox job carrying it.
 */
job: OutboxJob, 
/**
 * The draft's standing on the account.
 */
publication: Publication, 
/**
 * Whether a job for it was already waiting (nothing new was queued).
 */
already_queued: boolean, };

export type QueueEntry = { 
/**
 * The slot.
 */
slot: QueueSlot, 
/**
 * Unix ms.
 */
at: number, 
/**
 * The slot's time as a wall time in the account's zone.
 */
account_time: string, 
/**
 * The post scheduled at that time, if one is.
 */
post: CalendarItem | null, };

export type QueueSlot = { 
/**
 * Local id.
 */
id: number, 
/**
 * The account.
 */
account_id: number, 
/**
 * 1 Monday … 7 Sunday.
 */
weekday: number, 
/**
 * Minutes after midnight, wall time.
 */
minute: number, };

export type Reminder = { 
/**
 * A post or a livestream.
 */
kind: CalendarKind, 
/**
 * The draft or livestream.
 */
id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * Unix ms it starts.
 */
starts_at: number, 
/**
 * How long before it the reminder is for, minutes.
 */
minutes_before: number, 
/**
 * Whether it fell due while the app was closed.
 */
missed: boolean, };

export type ReminderNews = { 
/**
 * Reminders that fell due just now.
 */
due: Array<Reminder>, 
/**
 * Desktop notifications for them, in the user's language.
 */
notices: Array<Notice>, 
/**
 * The next things coming, for the tray.
 */
next: Array<NextItem>, };

export type ReviewNews = { 
/**
 * The draft.
 */
draft_id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * Published, rejected or deleted.
 */
status: PublicationStatus, 
/**
 * Why it was rejected.
 */
reason: string, };

export type Revision = { 
/**
 * Revision id.
 */
id: number, 
/**
 * The draft.
 */
draft_id: number, 
/**
 * Why it was recorded.
 */
reason: RevisionReason, 
/**
 * Kind then.
 */
kind: DraftKind, 
/**
 * Title then.
 */
title: string, 
/**
 * Body then.
 */
body: string, 
/**
 * Visibility then.
 */
visibility: Visibility, 
/**
 * AI-generated declaration then.
 */
ai_generated: boolean, 
/**
 * Reposted declaration then.
 */
reposted: boolean, 
/**
 * Linked offer then.
 */
offer: Offer | null, 
/**
 * Notes then.
 */
notes: string, 
/**
 * First save it covers, Unix milliseconds.
 */
created_at: number, 
/**
 * Last save it covers, Unix milliseconds.
 */
updated_at: number, };

export type RevisionReason = "create" | "edit" | "restore" | "publish" | "schedule";

export type Screen = "drafts" | "calendar" | "media" | "live" | "profile" | "trash" | "activity" | "settings";

export type ScheduleWindow = { 
/**
 * The shortest lead the platform takes, minutes.
 */
min_lead_minutes: number, 
/**
 * The longest lead the platform takes, days.
 */
max_lead_days: number | null, 
/**
 * Whether the platform documents these figures (else community-observed).
 */
documented: boolean, };

export type SearchHit = { 
/**
 * The draft.
 */
draft: Draft, 
/**
 * Its title cut into matched and plain pieces.
 */
title: Array<Segment>, 
/**
 * A window of its body around the first match, cut the same way.
 */
snippet: Array<Segment>, };

export type Segment = { 
/**
 * The text.
 */
text: string, 
/**
 * True when the query matched it.
 */
hit: boolean, };

export type Settings = { 
/**
 * UI language; also the language of error messages.
 */
language: Lang, 
/**
 * Appearance.
 */
theme: ThemePreference, 
/**
 * The account posts are published to (the built-in demo account when none).
 */
publish_account: number | null, 
/**
 * The screen open when the window was last used.
 */
last_screen: Screen, 
/**
 * The draft open when the window was last used.
 */
last_draft: number | null, 
/**
 * Minutes before a livestream or a scheduled post that a reminder comes.
 */
reminder_minutes: Array<number>, };

export type SettingsPatch = { 
/**
 * New UI language.
 */
language?: Lang, 
/**
 * New appearance.
 */
theme?: ThemePreference, 
/**
 * New account to publish to.
 */
publish_account?: number, 
/**
 * The screen now open.
 */
last_screen?: Screen, 
/**
 * The draft now open.
 */
last_draft?: number, 
/**
 * New reminder offsets, minutes before (none: no reminders).
 */
reminder_minutes?: Array<number>, };

export type SyncNews = { 
/**
 * Where syncing stands now.
 */
status: SyncStatus, 
/**
 * Posts whose review finished since the last news.
 */
reviewed: Array<ReviewNews>, 
/**
 * Desktop notifications to show for them.
 */
notices: Array<Notice>, };

export type SyncStatus = { 
/**
 * Whether the platform answered the last time it was asked.
 */
online: boolean, 
/**
 * Changes waiting to reach the platform.
 */
waiting: number, 
/**
 * Jobs stopped for the user to retry or cancel.
 */
failed: number, 
/**
 * Accounts whose calls cannot go through until they are fixed in
 * Settings (their jobs wait).
 */
accounts_in_trouble: number, 
/**
 * Why syncing cannot run at all, in the user's language; empty when it runs.
 */
problem: string, 
/**
 * Unix ms of the last time the platform's changes were read; 0 for never.
 */
last_pull_at: number, };

export type ThemePreference = "system" | "light" | "dark";

export type TopicUse = { 
/**
 * The topic, without `#`.
 */
topic: string, 
/**
 * Drafts using it.
 */
uses: number, };

export type Visibility = "everyone" | "restricted";

export type ZoneName = string;

