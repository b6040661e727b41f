//! Media: import, content-addressed files, probing and renditions.
//!
//! Start at [`MediaStore::import`]: it copies a file into the library under
//! its SHA-256 and says what it is ([`probe`]). [`render`] makes the JPEGs
//! the platform takes, by the named rules of `studio_core::media`.
//!
//! Architecture invariant: no database, network or UI. The caller keeps the
//! metadata ([`Asset`]) and where each asset is used; this crate keeps bytes.

mod error;
mod probe;
mod render;
mod store;

pub use error::MediaError;
pub use probe::{probe, sniff, Probe};
pub use render::{render, render_many, thumbnail, thumbnail_spec, Rendition};
pub use store::{collect_files, Asset, ImportOptions, MediaStore};
