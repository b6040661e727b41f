// Generated from the Rust types by `make bindings`; do not edit.

export type ApiError = { 
/**
 * Stable code, e.g. `draft_not_found`.
 */
code: string, 
/**
 * What happened and what to do, in zh-CN or en.
 */
message: string, };

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
deleted_at: number | null, };

export type DraftKind = "image_text" | "video";

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
body?: string, };

export type Lang = "zh-CN" | "en";

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
 * First save it covers, Unix milliseconds.
 */
created_at: number, 
/**
 * Last save it covers, Unix milliseconds.
 */
updated_at: number, };

export type RevisionReason = "create" | "edit" | "restore" | "publish" | "schedule";

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
theme: ThemePreference, };

export type SettingsPatch = { 
/**
 * New UI language.
 */
language?: Lang, 
/**
 * New appearance.
 */
theme?: ThemePreference, };

export type ThemePreference = "system" | "light" | "dark";

