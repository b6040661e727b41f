//! Where updates come from. Off unless both an endpoint and the public key
//! that update signatures are checked with are configured: at run time in
//! the environment, or when the app is built (the same variables), so a
//! release build carries its own.

/// The update manifest's URL (Tauri's updater format; `{{target}}`,
/// `{{arch}}` and `{{current_version}}` are filled in).
pub const UPDATE_ENDPOINT_ENV: &str = "STUDIO_UPDATE_ENDPOINT";
/// The minisign public key (as `tauri signer generate` writes it, Base64)
/// that an update's signature must verify against.
pub const UPDATE_PUBKEY_ENV: &str = "STUDIO_UPDATE_PUBKEY";

/// A configured source of updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSource {
    /// The manifest's URL.
    pub endpoint: String,
    /// The signing public key.
    pub pubkey: String,
}

impl UpdateSource {
    /// The source configured for this run, if any.
    pub fn configured() -> Option<UpdateSource> {
        let read = |name: &str, built: Option<&str>| {
            std::env::var(name).ok().or(built.map(str::to_string)).filter(|v| !v.trim().is_empty())
        };
        Some(UpdateSource {
            endpoint: read(UPDATE_ENDPOINT_ENV, option_env!("STUDIO_UPDATE_ENDPOINT"))?,
            pubkey: read(UPDATE_PUBKEY_ENV, option_env!("STUDIO_UPDATE_PUBKEY"))?,
        })
    }

    /// Whether the manifest is served from this machine: the one place
    /// plain HTTP is accepted (updates are verified by signature either way).
    pub fn is_loopback(&self) -> bool {
        let rest = self.endpoint.strip_prefix("http://").unwrap_or_default();
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_manifest_on_this_machine_may_come_over_plain_http() {
        let source = |endpoint: &str| UpdateSource { endpoint: endpoint.into(), pubkey: "k".into() };
        assert!(source("http://127.0.0.1:8123/latest.json").is_loopback());
        assert!(source("http://localhost/latest.json").is_loopback());
        assert!(!source("http://127.0.0.1.example.com/latest.json").is_loopback());
        assert!(!source("https://127.0.0.1/latest.json").is_loopback());
    }
}
