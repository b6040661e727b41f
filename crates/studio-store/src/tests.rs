use studio_core::{DraftKind, DraftPatch, Lang, NewDraft, SettingsPatch, ThemePreference};

use crate::{Store, StoreError};

fn new(title: &str, body: &str) -> NewDraft {
    NewDraft {
        kind: None,
        title: title.into(),
        body: body.into(),
    }
}

#[tokio::test]
async fn a_draft_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store
        .insert_draft(&new("标题 & = + %", "正文 😀\n第二行"), 1_000)
        .await
        .unwrap();
    store.close().await;

    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.draft(made.id).await.unwrap(), Some(made.clone()));
    assert_eq!(store.drafts().await.unwrap(), vec![made]);
}

#[tokio::test]
async fn the_file_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let mut conn = store.pool.acquire().await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    assert_eq!(
        store.integrity_check().await.unwrap(),
        vec!["ok".to_string()]
    );
}

#[tokio::test]
async fn editing_changes_only_the_given_fields_and_moves_the_draft_to_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let first = store
        .insert_draft(&new("一", "body one"), 1_000)
        .await
        .unwrap();
    let second = store
        .insert_draft(&new("二", "body two"), 2_000)
        .await
        .unwrap();

    let patch = DraftPatch {
        kind: Some(DraftKind::Video),
        title: None,
        body: Some("新正文".into()),
    };
    let edited = store
        .update_draft(first.id, &patch, 3_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (edited.kind, edited.title.as_str(), edited.body.as_str()),
        (DraftKind::Video, "一", "新正文")
    );
    assert_eq!((edited.created_at, edited.updated_at), (1_000, 3_000));

    let order: Vec<_> = store
        .drafts()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(order, vec![first.id, second.id]);
}

#[tokio::test]
async fn missing_drafts_are_reported_as_absent() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.draft(42).await.unwrap(), None);
    assert_eq!(
        store
            .update_draft(42, &DraftPatch::default(), 1)
            .await
            .unwrap(),
        None
    );
    assert!(!store.delete_draft(42).await.unwrap());
}

#[tokio::test]
async fn delete_removes_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("t", "b"), 1).await.unwrap();
    assert!(store.delete_draft(made.id).await.unwrap());
    assert_eq!(store.drafts().await.unwrap(), vec![]);
}

#[tokio::test]
async fn settings_default_to_chinese_and_follow_the_system_then_persist() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let defaults = store.settings().await.unwrap();
    assert_eq!(
        (defaults.language, defaults.theme),
        (Lang::ZhCn, ThemePreference::System)
    );

    let patch = SettingsPatch {
        language: Some(Lang::En),
        theme: None,
    };
    store.update_settings(&patch).await.unwrap();
    store.close().await;
    let store = Store::open(dir.path()).await.unwrap();
    let stored = store.settings().await.unwrap();
    assert_eq!(
        (stored.language, stored.theme),
        (Lang::En, ThemePreference::System)
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(crate::DATABASE_FILE), vec![0x42u8; 8192]).unwrap();
    let err = Store::open(dir.path()).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
}
