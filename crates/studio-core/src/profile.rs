//! The life account's profile: edits made here, audited on the platform.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::media::{ContentHash, MediaRuleName};
use crate::AccountId;

/// The parts of a life account's profile that can be edited: text, and
/// pictures from the media library (by content hash), which go up as the
/// platform's profile renditions before the edit is submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileFields {
    /// The account's name (2–20 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app_name: Option<String>,
    /// The introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub introduction: Option<String>,
    /// The greeting followers get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub public_greeting: Option<String>,
    /// The logo (320×320), a library picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub logo: Option<ContentHash>,
    /// The background (1600×1000), a library picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub background: Option<ContentHash>,
    /// Shop photos, library pictures in order; they replace the profile's photos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub shop_photos: Option<Vec<ContentHash>>,
}

impl ProfileFields {
    /// Each picture with the rule of the rendition it goes up as.
    pub fn pictures(&self) -> Vec<(&ContentHash, MediaRuleName)> {
        let logo = self.logo.iter().map(|h| (h, MediaRuleName::ProfileLogo));
        let background = self.background.iter().map(|h| (h, MediaRuleName::ProfileBackground));
        let shop = self.shop_photos.iter().flatten().map(|h| (h, MediaRuleName::ProfileShopPhoto));
        logo.chain(background).chain(shop).collect()
    }
}

crate::vocabulary! {
    /// Where a profile edit stands.
    pub enum ProfileEditStatus {
        /// Waiting in the outbox.
        Submitting,
        /// The platform is auditing it.
        Auditing,
        /// Approved: the profile shows it.
        Approved,
        /// Refused; `audit_desc` says why. The text stays here to fix and send again.
        Rejected,
        /// Could not be submitted; Activity says why.
        Failed,
        /// Cancelled before it was sent.
        Cancelled,
    }
}

/// A profile edit and its audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileEdit {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// What it changes.
    pub fields: ProfileFields,
    /// Where it stands.
    pub status: ProfileEditStatus,
    /// The audit's words.
    pub audit_desc: String,
}

/// A life account's profile as the platform shows it now
/// (`alipay.open.public.info.query`), read every few minutes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LiveProfile {
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// The name.
    pub app_name: String,
    /// The introduction.
    pub introduction: String,
    /// The greeting followers get.
    pub public_greeting: String,
    /// Where the platform serves the logo.
    pub logo_url: String,
    /// Where the platform serves the background.
    pub background_url: String,
    /// Unix ms it was read.
    #[ts(type = "number")]
    pub fetched_at: i64,
}
