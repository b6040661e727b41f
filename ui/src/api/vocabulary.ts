// Generated from the Rust types by `make bindings`; do not edit.

import type { AccountRole, CalendarKind, CalendarStatus, FixedReason, MoveWay, DraftKind, JobKind, JobState, ListStatus, LivestreamStatus, SeriesScope, MediaKind, MediumRole, MenuAction, MenuKind, MenuPublishStatus, MessageKind, MessageStatus, ModerationVerdict, OfferKind, ProfileEditStatus, PublicationStatus, ThemePreference, Visibility } from "./types";

/** Every `AccountRole`, in order. */
export const ACCOUNT_ROLE_VALUES: readonly AccountRole[] = ["creator", "merchant", "agency"];

/** Every `CalendarKind`, in order. */
export const CALENDAR_KIND_VALUES: readonly CalendarKind[] = ["post", "livestream", "slot", "message"];

/** Every `CalendarStatus`, in order. */
export const CALENDAR_STATUS_VALUES: readonly CalendarStatus[] = ["waiting", "under_review", "published", "refused", "failed", "announced", "changing", "withdrawn", "free"];

/** Every `FixedReason`, in order. */
export const FIXED_REASON_VALUES: readonly FixedReason[] = ["published", "past", "sending", "withdrawn", "refused", "failed", "not_scheduled"];

/** Every `MoveWay`, in order. */
export const MOVE_WAY_VALUES: readonly MoveWay[] = ["reschedule", "republish", "change_livestream", "fixed"];

/** Every `DraftKind`, in order. */
export const DRAFT_KIND_VALUES: readonly DraftKind[] = ["image_text", "video"];

/** Every `JobKind`, in order. */
export const JOB_KIND_VALUES: readonly JobKind[] = ["publish", "delete_content", "live_create", "live_modify", "live_delete", "profile_modify", "upload_media", "menu_publish", "message_content", "message_send", "message_recall"];

/** Every `JobState`, in order. */
export const JOB_STATE_VALUES: readonly JobState[] = ["pending", "sending", "unknown", "done", "failed", "cancelled"];

/** Every `ListStatus`, in order. */
export const LIST_STATUS_VALUES: readonly ListStatus[] = ["unpublished", "queued", "under_review", "published", "rejected", "deleted", "failed", "cancelled"];

/** Every `LivestreamStatus`, in order. */
export const LIVESTREAM_STATUS_VALUES: readonly LivestreamStatus[] = ["planned", "announced", "changing", "withdrawing", "withdrawn", "failed"];

/** Every `SeriesScope`, in order. */
export const SERIES_SCOPE_VALUES: readonly SeriesScope[] = ["one", "following", "all"];

/** Every `MediaKind`, in order. */
export const MEDIA_KIND_VALUES: readonly MediaKind[] = ["image", "video"];

/** Every `MediumRole`, in order. */
export const MEDIUM_ROLE_VALUES: readonly MediumRole[] = ["image", "video", "cover"];

/** Every `MenuAction`, in order. */
export const MENU_ACTION_VALUES: readonly MenuAction[] = ["link", "tel", "map", "out", "consumption"];

/** Every `MenuKind`, in order. */
export const MENU_KIND_VALUES: readonly MenuKind[] = ["text", "icon"];

/** Every `MenuPublishStatus`, in order. */
export const MENU_PUBLISH_STATUS_VALUES: readonly MenuPublishStatus[] = ["publishing", "published", "failed"];

/** Every `MessageKind`, in order. */
export const MESSAGE_KIND_VALUES: readonly MessageKind[] = ["text", "image_text"];

/** Every `MessageStatus`, in order. */
export const MESSAGE_STATUS_VALUES: readonly MessageStatus[] = ["draft", "sending", "sent", "failed", "recalling", "recalled"];

/** Every `ModerationVerdict`, in order. */
export const MODERATION_VERDICT_VALUES: readonly ModerationVerdict[] = ["passed", "flagged", "unavailable"];

/** Every `OfferKind`, in order. */
export const OFFER_KIND_VALUES: readonly OfferKind[] = ["mini_app", "voucher"];

/** Every `ProfileEditStatus`, in order. */
export const PROFILE_EDIT_STATUS_VALUES: readonly ProfileEditStatus[] = ["submitting", "auditing", "approved", "rejected", "failed", "cancelled"];

/** Every `PublicationStatus`, in order. */
export const PUBLICATION_STATUS_VALUES: readonly PublicationStatus[] = ["queued", "under_review", "published", "rejected", "deleted", "failed", "cancelled"];

/** Every `ThemePreference`, in order. */
export const THEME_PREFERENCE_VALUES: readonly ThemePreference[] = ["system", "light", "dark"];

/** Every `Visibility`, in order. */
export const VISIBILITY_VALUES: readonly Visibility[] = ["everyone", "restricted"];
