//! Domain types and rules of Creator Studio.
//!
//! Architecture invariant: this crate knows no database, network, file
//! system or clock. Time comes in as an argument.

pub mod calendar;
pub mod draft;
pub mod ics;
pub mod lang;
pub mod live;
pub mod media;
pub mod menu;
pub mod message;
pub mod moderation;
pub mod profile;
pub mod rules;
pub mod search;
pub mod series;
pub mod settings;
pub mod sync;
pub mod time;
pub mod vocab;

pub use calendar::{
    CalendarItem, CalendarKind, CalendarStatus, FixedReason, MoveWay, NewQueueSlot, QueueSlot, Reminder,
};
pub use draft::{
    Cursor, Draft, DraftId, DraftKind, DraftListQuery, DraftPage, DraftPatch, DraftSort, ListStatus, NewDraft, Offer,
    OfferKind, Revision, RevisionReason, TextError, TextField, Visibility,
};
pub use lang::Lang;
pub use live::{
    CheckItem, LivePlan, LiveProduct, Livestream, LivestreamStatus, PlanProblem, RunRow, RunSegment, Warmup,
};
pub use media::{ContentHash, MediumRole};
pub use menu::{
    LiveMenu, Menu, MenuAction, MenuChange, MenuChangeKind, MenuEntry, MenuKind, MenuProblem, MenuPublish,
    MenuPublishStatus,
};
pub use message::{FollowerMessage, MessageFields, MessageKind, MessageProblem, MessageRevision, MessageStatus};
pub use profile::{LiveProfile, ProfileEdit, ProfileEditStatus, ProfileFields};
pub use series::{LiveSeries, SeriesProblem};
pub use settings::{Screen, Settings, SettingsPatch, ThemePreference};
pub use sync::{
    Account, AccountId, AccountPatch, AccountProblem, AccountRole, JobKind, JobPayload, JobProblem, JobState,
    NewAccount, OutboxJob, Publication, PublicationStatus,
};
pub use time::ZoneName;
