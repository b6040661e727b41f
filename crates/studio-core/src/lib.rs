//! Domain types and rules of Creator Studio.
//!
//! Architecture invariant: this crate knows no database, network, file
//! system or clock. Time comes in as an argument.

pub mod draft;
pub mod lang;
pub mod media;
pub mod rules;
pub mod search;
pub mod settings;
pub mod sync;

pub use draft::{
    Cursor, Draft, DraftId, DraftKind, DraftListQuery, DraftPage, DraftPatch, DraftSort, ListStatus, NewDraft, Offer,
    OfferKind, Revision, RevisionReason, TextError, TextField, Visibility,
};
pub use lang::Lang;
pub use settings::{Screen, Settings, SettingsPatch, ThemePreference};
pub use sync::{
    Account, AccountId, AccountRole, JobKind, JobState, NewAccount, OutboxJob, Publication, PublicationStatus,
};
