//! Where account secrets (app private keys, `app_auth_token`s) live: the
//! OS keychain (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), or, where there is none, a file encrypted with a key
//! derived from the user's passphrase. Never in SQLite, logs or IPC answers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// The keychain service name the studio files its secrets under.
pub const KEYCHAIN_SERVICE: &str = "com.creatorstudio.desktop";

/// The encrypted secrets file inside the data folder.
pub const SECRETS_FILE: &str = "secrets.enc";

/// Why a secret could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No keychain answers, and no passphrase was given for the file.
    #[error("no keychain is available; unlock the encrypted secrets file with a passphrase")]
    NoKeychain(String),
    /// The passphrase does not open the file (or the file was altered).
    #[error("the passphrase does not open the secrets file")]
    WrongPassphrase,
    /// The keychain refused.
    #[error("the keychain refused: {0}")]
    Keychain(String),
    /// The file could not be read or written.
    #[error("cannot use the secrets file {path}: {detail}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
}

/// Where secrets are kept.
pub enum Secrets {
    /// The OS keychain.
    Keychain,
    /// A passphrase-encrypted file, decrypted in memory while the app runs.
    File(EncryptedFile),
}

impl std::fmt::Debug for Secrets {
    // Never prints a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Secrets::Keychain => f.write_str("Secrets::Keychain"),
            Secrets::File(file) => write!(f, "Secrets::File({})", file.path.display()),
        }
    }
}

impl Secrets {
    /// The keychain when it answers, else an error asking for a passphrase.
    pub fn keychain() -> Result<Secrets, SecretError> {
        // A probe read tells whether a Secret Service is there at all.
        match keyring::Entry::new(KEYCHAIN_SERVICE, "probe").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(Secrets::Keychain),
            Err(e) => Err(SecretError::NoKeychain(e.to_string())),
        }
    }

    /// The encrypted file in `data_dir`, made on first use.
    pub fn file(data_dir: &Path, passphrase: &str) -> Result<Secrets, SecretError> {
        EncryptedFile::open(&data_dir.join(SECRETS_FILE), passphrase).map(Secrets::File)
    }

    /// Reads a secret.
    pub fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        match self {
            Secrets::Keychain => match keyring::Entry::new(KEYCHAIN_SERVICE, name).and_then(|e| e.get_password()) {
                Ok(v) => Ok(Some(v)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(SecretError::Keychain(e.to_string())),
            },
            Secrets::File(f) => Ok(f.get(name)),
        }
    }

    /// Keeps a secret.
    pub fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        match self {
            Secrets::Keychain => keyring::Entry::new(KEYCHAIN_SERVICE, name)
                .and_then(|e| e.set_password(value))
                .map_err(|e| SecretError::Keychain(e.to_string())),
            Secrets::File(f) => f.set(name, value),
        }
    }

    /// Forgets a secret.
    pub fn delete(&self, name: &str) -> Result<(), SecretError> {
        match self {
            Secrets::Keychain => {
                match keyring::Entry::new(KEYCHAIN_SERVICE, name).and_then(|e| e.delete_credential()) {
                    Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(e) => Err(SecretError::Keychain(e.to_string())),
                }
            }
            Secrets::File(f) => f.delete(name),
        }
    }
}

/// The names secrets are kept under.
pub mod name {
    use studio_core::AccountId;

    /// An account's app private key.
    pub fn app_key(account: AccountId) -> String {
        format!("account-{account}-app-private-key")
    }

    /// An account's `app_auth_token`.
    pub fn auth_token(account: AccountId) -> String {
        format!("account-{account}-app-auth-token")
    }
}

/// A file of secrets sealed with XChaCha20-Poly1305 under a key derived
/// from a passphrase with Argon2id; rewritten whole (temp file + rename)
/// on every change.
pub struct EncryptedFile {
    path: PathBuf,
    key: [u8; 32],
    salt: [u8; 16],
    entries: Mutex<BTreeMap<String, String>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Sealed {
    version: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

fn derive_key(passphrase: &str, salt: &[u8]) -> Result<[u8; 32], SecretError> {
    let mut key = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| SecretError::Keychain(e.to_string()))?;
    Ok(key)
}

impl EncryptedFile {
    /// Opens the file with `passphrase`, or starts an empty one.
    pub fn open(path: &Path, passphrase: &str) -> Result<EncryptedFile, SecretError> {
        let file_error = |detail: String| SecretError::File { path: path.to_owned(), detail };
        let b64 = base64::engine::general_purpose::STANDARD;
        match std::fs::read(path) {
            Ok(bytes) => {
                let sealed: Sealed = serde_json::from_slice(&bytes).map_err(|e| file_error(e.to_string()))?;
                let salt: [u8; 16] = b64
                    .decode(&sealed.salt)
                    .ok()
                    .and_then(|s| s.try_into().ok())
                    .ok_or_else(|| file_error("bad salt".into()))?;
                let nonce = b64.decode(&sealed.nonce).map_err(|e| file_error(e.to_string()))?;
                if nonce.len() != 24 {
                    return Err(file_error("bad nonce".into()));
                }
                let ciphertext = b64.decode(&sealed.ciphertext).map_err(|e| file_error(e.to_string()))?;
                let key = derive_key(passphrase, &salt)?;
                let plain = XChaCha20Poly1305::new(&key.into())
                    .decrypt(XNonce::from_slice(&nonce), ciphertext.as_slice())
                    .map_err(|_| SecretError::WrongPassphrase)?;
                let entries = serde_json::from_slice(&plain).map_err(|e| file_error(e.to_string()))?;
                Ok(EncryptedFile { path: path.to_owned(), key, salt, entries: Mutex::new(entries) })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut salt = [0u8; 16];
                rand::thread_rng().fill_bytes(&mut salt);
                let key = derive_key(passphrase, &salt)?;
                let file = EncryptedFile { path: path.to_owned(), key, salt, entries: Mutex::new(BTreeMap::new()) };
                file.write(&BTreeMap::new())?;
                Ok(file)
            }
            Err(e) => Err(file_error(e.to_string())),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, name: &str) -> Option<String> {
        self.entries().get(name).cloned()
    }

    fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        let mut entries = self.entries();
        let mut next = entries.clone();
        next.insert(name.to_string(), value.to_string());
        self.write(&next)?;
        *entries = next;
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), SecretError> {
        let mut entries = self.entries();
        let mut next = entries.clone();
        if next.remove(name).is_some() {
            self.write(&next)?;
            *entries = next;
        }
        Ok(())
    }

    fn write(&self, entries: &BTreeMap<String, String>) -> Result<(), SecretError> {
        let file_error = |detail: String| SecretError::File { path: self.path.clone(), detail };
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut nonce = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut nonce);
        let plain = serde_json::to_vec(entries).map_err(|e| file_error(e.to_string()))?;
        let ciphertext = XChaCha20Poly1305::new(&self.key.into())
            .encrypt(XNonce::from_slice(&nonce), plain.as_slice())
            .map_err(|e| file_error(e.to_string()))?;
        let sealed = Sealed {
            version: 1,
            salt: b64.encode(self.salt),
            nonce: b64.encode(nonce),
            ciphertext: b64.encode(ciphertext),
        };
        let text = serde_json::to_vec(&sealed).map_err(|e| file_error(e.to_string()))?;
        let tmp = self.path.with_extension("enc.tmp");
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&text)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        };
        write().map_err(|e| file_error(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_keeps_secrets_sealed_and_only_the_passphrase_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::file(dir.path(), "correct horse").unwrap();
        secrets.set("account-1-app-private-key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC").unwrap();
        secrets.set("other", "value").unwrap();
        secrets.delete("other").unwrap();
        let raw = std::fs::read_to_string(dir.path().join(SECRETS_FILE)).unwrap();
        assert!(!raw.contains("MIIEvQ") && !raw.contains("account-1"), "nothing readable in the file: {raw}");
        let again = Secrets::file(dir.path(), "correct horse").unwrap();
        assert_eq!(
            again.get("account-1-app-private-key").unwrap().as_deref(),
            Some("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
        );
        assert_eq!(again.get("other").unwrap(), None);
        assert!(matches!(Secrets::file(dir.path(), "wrong"), Err(SecretError::WrongPassphrase)));
    }
}
