use super::*;

async fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    (dir, studio)
}

#[tokio::test]
async fn error_json_is_code_and_message_in_the_users_language() {
    let (_dir, studio) = studio().await;
    let err = studio.get_draft(7).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"code":"draft_not_found","message":"找不到草稿 7，它可能已被删除。"}"#
    );

    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    let err = studio.delete_draft(7).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"code":"draft_not_found","message":"Draft 7 was not found; it may have been deleted."}"#
    );
}

#[tokio::test]
async fn invalid_text_is_refused_with_a_clear_message_and_nothing_is_stored() {
    let (_dir, studio) = studio().await;
    let err = studio
        .create_draft(NewDraft { kind: None, title: "a\u{7}b".into(), body: String::new() })
        .await
        .unwrap_err()
        .in_lang(studio.lang());
    assert_eq!(err.code, "text_invalid_character");
    assert_eq!(err.message, "标题含有不可见的控制字符 U+0007，请删除后再保存。");
    assert!(studio.list_drafts().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_language_setting_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
        studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
        studio.close().await;
    }
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(studio.lang(), Lang::En);
}

#[tokio::test]
async fn create_edit_list_delete_round_trip() {
    let (_dir, studio) = studio().await;
    let made = studio
        .create_draft(NewDraft { kind: Some(DraftKind::Video), title: "标题".into(), body: "正文".into() })
        .await
        .unwrap();
    let edited =
        studio.update_draft(made.id, DraftPatch { title: Some("新标题".into()), ..Default::default() }).await.unwrap();
    assert_eq!((edited.title.as_str(), edited.body.as_str(), edited.kind), ("新标题", "正文", DraftKind::Video));
    assert_eq!(studio.list_drafts().await.unwrap(), vec![edited.clone()]);
    studio.delete_draft(made.id).await.unwrap();
    assert!(studio.get_draft(made.id).await.unwrap().deleted_at.is_some(), "in the trash");
    let patch = DraftPatch { body: Some("lost?".into()), ..Default::default() };
    assert_eq!(studio.update_draft(made.id, patch).await.unwrap_err().in_lang(studio.lang()).code, "draft_not_found");
}

#[tokio::test]
async fn deleted_drafts_wait_in_the_trash_until_restored_or_emptied() {
    let (_dir, studio) = studio().await;
    let a = studio.create_draft(NewDraft { kind: None, title: "一".into(), body: String::new() }).await.unwrap();
    let b = studio.create_draft(NewDraft { kind: None, title: "二".into(), body: String::new() }).await.unwrap();
    studio.delete_draft(a.id).await.unwrap();
    studio.delete_draft(b.id).await.unwrap();
    assert!(studio.list_drafts().await.unwrap().is_empty());
    assert_eq!(studio.list_trash().await.unwrap().len(), 2);
    assert_eq!(studio.restore_draft(a.id).await.unwrap().title, "一");
    assert_eq!(studio.restore_draft(a.id).await.unwrap_err().in_lang(studio.lang()).code, "draft_not_in_trash");
    assert_eq!(studio.empty_trash().await.unwrap(), 1);
    assert_eq!(studio.list_drafts().await.unwrap().len(), 1);
    assert!(studio.list_trash().await.unwrap().is_empty());
}

#[tokio::test]
async fn search_marks_the_matched_text() {
    let (_dir, studio) = studio().await;
    studio
        .create_draft(NewDraft { kind: None, title: "春日咖啡".into(), body: "一杯拿铁 latte".into() })
        .await
        .unwrap();
    studio.create_draft(NewDraft { kind: None, title: "面馆".into(), body: "排队".into() }).await.unwrap();
    let hits = studio.search_drafts("咖啡".into()).await.unwrap();
    assert_eq!(hits.len(), 1);
    let marked: Vec<_> = hits[0].title.iter().map(|s| (s.text.as_str(), s.hit)).collect();
    assert_eq!(marked, vec![("春日", false), ("咖啡", true)]);
    assert!(studio.search_drafts("   ".into()).await.unwrap().is_empty());
}

#[tokio::test]
async fn history_lists_revisions_and_restore_adds_one() {
    let (_dir, studio) = studio().await;
    let d = studio.create_draft(NewDraft { kind: None, title: "初稿".into(), body: String::new() }).await.unwrap();
    studio.update_draft(d.id, DraftPatch { title: Some("二稿".into()), ..Default::default() }).await.unwrap();
    let revs = studio.list_revisions(d.id).await.unwrap();
    let first = revs.last().unwrap().id;
    assert_eq!(studio.restore_revision(d.id, first).await.unwrap().title, "初稿");
    assert_eq!(studio.list_revisions(d.id).await.unwrap()[0].reason, RevisionReason::Restore);
    assert_eq!(
        studio.restore_revision(d.id, 9999).await.unwrap_err().in_lang(studio.lang()).code,
        "revision_not_found"
    );
    assert_eq!(studio.list_revisions(9999).await.unwrap_err().in_lang(studio.lang()).code, "draft_not_found");
}

#[tokio::test]
async fn names_given_by_the_user_are_shortened_by_characters_never_cut_inside_one() {
    let (_dir, studio) = studio().await;
    for path in ["/thumb/咖啡咖啡咖啡咖啡咖啡咖啡咖啡咖啡", "/thumb/😀😀😀😀😀😀😀😀", "/view/é"]
    {
        let err = studio.serve_media(path.into()).await.unwrap_err().in_lang(Lang::ZhCn);
        assert_eq!(err.code, "media.not_found", "{path}");
    }
    let words = crate::StudioError::AssetNotFound { hash: "咖啡".repeat(10) }.message(Lang::En);
    assert!(words.starts_with("咖啡咖啡咖啡咖啡咖啡咖啡…"), "{words}");
    let words =
        crate::StudioError::from(studio_core::ContentHash::parse("🍜 noodles").unwrap_err()).message(Lang::ZhCn);
    assert!(words.contains("🍜 noodles"), "{words}");
    for bad in ["咖啡".repeat(40), "x".into(), String::new()] {
        assert_eq!(studio.delete_media(bad.clone()).await.unwrap_err().code(), "media.bad_hash", "{bad}");
        assert_eq!(studio.media_uses(bad.clone()).await.unwrap_err().code(), "media.bad_hash", "{bad}");
    }
}

#[tokio::test]
async fn a_library_failure_met_while_syncing_keeps_its_own_words() {
    let store_error = studio_store::StoreError::DiskFull;
    let through_sync = crate::StudioError::from(studio_sync::SyncError::Store(store_error));
    assert_eq!(through_sync.code(), "disk_full");
    assert!(through_sync.message(Lang::ZhCn).contains("磁盘已满"), "{}", through_sync.message(Lang::ZhCn));
    let busy = crate::StudioError::from(studio_sync::SyncError::Store(studio_store::StoreError::Busy));
    assert_eq!(busy.code(), "library_busy");
}
