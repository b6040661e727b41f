//! The built-in emulator the demo account talks to: started in-process on
//! loopback with its state in the data folder. Its two keys (the demo app's
//! and the emulator's own) are made once and kept beside that state, owner
//! only: making RSA keys costs a second of CPU, which every start would
//! otherwise spend beside the window's. They sign nothing but loopback
//! traffic to this emulator; the demo account needs no secret.

use std::path::Path;
use std::time::Duration;

use alipay_emulator::{Emulator, EmulatorConfig, Review, StartError};
use alipay_open::PrivateKey;
use studio_sync::LocalGateway;

/// The app id of the emulator's demo account.
pub const DEMO_APP_ID: &str = "2021000000000001";

/// A running built-in emulator with the demo app registered.
pub struct LocalEmulator {
    emulator: Emulator,
    app_key: PrivateKey,
}

impl LocalEmulator {
    /// Starts it with its state in `data_dir/emulator`.
    pub async fn start(data_dir: &Path, review_delay: Duration) -> Result<LocalEmulator, StartError> {
        let state = data_dir.join("emulator");
        let [app_key, platform_key] = tokio::task::spawn_blocking({
            let state = state.clone();
            move || demo_keys(&state)
        })
        .await
        .unwrap_or_else(|_| [PrivateKey::generate(), PrivateKey::generate()]);
        let emulator = Emulator::start(EmulatorConfig {
            data_dir: Some(state),
            apps: vec![(DEMO_APP_ID.to_string(), app_key.public_key())],
            review: Review { delay: review_delay, ..Review::default() },
            ..EmulatorConfig::with_key(platform_key)
        })
        .await?;
        Ok(LocalEmulator { emulator, app_key })
    }

    /// How the sync engine reaches it.
    pub fn gateway(&self) -> LocalGateway {
        LocalGateway {
            url: self.emulator.gateway_url(),
            app_key: self.app_key.clone(),
            platform_key: self.emulator.platform_public_key().clone(),
        }
    }

    /// Stops it.
    pub async fn stop(self) {
        self.emulator.stop().await;
    }
}

/// The file in the emulator's folder that keeps its two keys.
pub const DEMO_KEYS_FILE: &str = "demo-keys.pem";

/// The demo app's key and the emulator's, read from `dir`, or made and kept
/// there (owner only) when missing or unreadable. Keys that cannot be kept
/// (a read-only folder) are still made, for this run.
fn demo_keys(dir: &Path) -> [PrivateKey; 2] {
    let path = dir.join(DEMO_KEYS_FILE);
    if let Ok(text) = std::fs::read_to_string(&path) {
        let pems: Vec<&str> = text.split_inclusive("-----END PRIVATE KEY-----").map(str::trim).collect();
        if let [Ok(app), Ok(platform)] = [pems.first(), pems.get(1)]
            .map(|p| p.filter(|p| !p.is_empty()).map_or(Err(()), |p| PrivateKey::parse(p).map_err(|_| ())))
        {
            return [app, platform];
        }
        tracing::warn!("the demo keys in {} are unreadable; making new ones", path.display());
    }
    let keys = [PrivateKey::generate(), PrivateKey::generate()];
    let text = format!("{}\n{}\n", keys[0].to_pkcs8_pem().trim(), keys[1].to_pkcs8_pem().trim());
    if let Err(e) = keep_private(dir, &path, text.as_bytes()) {
        tracing::warn!("the demo keys could not be kept in {}: {e}", path.display());
    }
    keys
}

/// Writes `bytes` to `path` readable by the owner alone, through a
/// temporary file renamed into place, so a crash never leaves half a key.
fn keep_private(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_keys_are_made_once_kept_owner_only_and_made_again_when_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let pems = |keys: [PrivateKey; 2]| keys.map(|k| k.to_pkcs8_pem());
        let first = pems(demo_keys(dir.path()));
        assert_eq!(pems(demo_keys(dir.path())), first, "read back, not made again");
        assert_ne!(first[0], first[1]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(DEMO_KEYS_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(dir.path().join(DEMO_KEYS_FILE), "-----BEGIN PRIVATE KEY-----\nnot a key\n").unwrap();
        let remade = pems(demo_keys(dir.path()));
        assert_ne!(remade[0], first[0]);
        assert_eq!(pems(demo_keys(dir.path())), remade);
    }
}
