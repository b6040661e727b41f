//! The application facade: every use case of Creator Studio, once.
//!
//! The desktop shell, the `studio` CLI and the tests all call these
//! functions. Architecture invariant: nothing here knows about Tauri, the
//! terminal or the UI; failures leave as [`ApiError`], already worded in
//! the user's language.

mod error;

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

pub use error::{ApiError, StudioError};
pub use studio_core::{
    Draft, DraftId, DraftKind, DraftPatch, Lang, NewDraft, Settings, SettingsPatch, ThemePreference,
};
use studio_store::Store;

/// The app's identifier; also the name of its folder in the OS data folder.
pub const APP_IDENTIFIER: &str = "com.creatorstudio.desktop";

/// Where the library lives when no `--data-dir` is given: the OS app-data
/// folder (`$XDG_DATA_HOME/com.creatorstudio.desktop` on Linux), the same
/// one Tauri reports as the app-data folder.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// An open studio: the library and the user's language.
#[derive(Debug)]
pub struct Studio {
    store: Store,
    data_dir: PathBuf,
    lang: RwLock<Lang>,
}

/// What a use case returns.
pub type ApiResult<T> = Result<T, ApiError>;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Studio {
    /// Opens the studio whose library is in `data_dir`. Errors are worded in
    /// `fallback` language because the stored preference is not readable yet.
    pub async fn open(data_dir: &Path, fallback: Lang) -> ApiResult<Studio> {
        let store = Store::open(data_dir)
            .await
            .map_err(|e| StudioError::from(e).in_lang(fallback))?;
        let settings = store
            .settings()
            .await
            .map_err(|e| StudioError::from(e).in_lang(fallback))?;
        Ok(Studio {
            store,
            data_dir: data_dir.to_owned(),
            lang: RwLock::new(settings.language),
        })
    }

    /// The folder holding the library.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The language errors are worded in.
    pub fn lang(&self) -> Lang {
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Overrides the language of error messages for this session only (the
    /// CLI follows the terminal's locale, not the app's setting).
    pub fn speak(&self, lang: Lang) {
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
    }

    fn fail(&self, e: impl Into<StudioError>) -> ApiError {
        e.into().in_lang(self.lang())
    }

    /// Closes the library cleanly.
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Every draft, most recently changed first.
    pub async fn list_drafts(&self) -> ApiResult<Vec<Draft>> {
        self.store.drafts().await.map_err(|e| self.fail(e))
    }

    /// One draft.
    pub async fn get_draft(&self, id: DraftId) -> ApiResult<Draft> {
        match self.store.draft(id).await {
            Ok(Some(draft)) => Ok(draft),
            Ok(None) => Err(self.fail(StudioError::DraftNotFound { id })),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Makes a new draft.
    pub async fn create_draft(&self, new: NewDraft) -> ApiResult<Draft> {
        new.check().map_err(|e| self.fail(e))?;
        self.store
            .insert_draft(&new, now_ms())
            .await
            .map_err(|e| self.fail(e))
    }

    /// Changes a draft's kind, title or body.
    pub async fn update_draft(&self, id: DraftId, patch: DraftPatch) -> ApiResult<Draft> {
        patch.check().map_err(|e| self.fail(e))?;
        if patch.is_empty() {
            return self.get_draft(id).await;
        }
        match self.store.update_draft(id, &patch, now_ms()).await {
            Ok(Some(draft)) => Ok(draft),
            Ok(None) => Err(self.fail(StudioError::DraftNotFound { id })),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Deletes a draft.
    pub async fn delete_draft(&self, id: DraftId) -> ApiResult<()> {
        match self.store.delete_draft(id).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(self.fail(StudioError::DraftNotFound { id })),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// The user's preferences.
    pub async fn get_settings(&self) -> ApiResult<Settings> {
        self.store.settings().await.map_err(|e| self.fail(e))
    }

    /// Changes preferences; a new language applies to errors at once.
    pub async fn update_settings(&self, patch: SettingsPatch) -> ApiResult<Settings> {
        let settings = self
            .store
            .update_settings(&patch)
            .await
            .map_err(|e| self.fail(e))?;
        self.speak(settings.language);
        Ok(settings)
    }
}

#[cfg(test)]
mod tests;
