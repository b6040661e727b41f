use super::*;

async fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    (dir, studio)
}

#[tokio::test]
async fn error_json_is_code_and_message_in_the_users_language() {
    let (_dir, studio) = studio().await;
    let err = studio.get_draft(7).await.unwrap_err();
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"code":"draft_not_found","message":"找不到草稿 7，它可能已被删除。"}"#
    );

    studio
        .update_settings(SettingsPatch {
            language: Some(Lang::En),
            theme: None,
        })
        .await
        .unwrap();
    let err = studio.delete_draft(7).await.unwrap_err();
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"code":"draft_not_found","message":"Draft 7 was not found; it may have been deleted."}"#
    );
}

#[tokio::test]
async fn invalid_text_is_refused_with_a_clear_message_and_nothing_is_stored() {
    let (_dir, studio) = studio().await;
    let err = studio
        .create_draft(NewDraft {
            kind: None,
            title: "a\u{7}b".into(),
            body: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "text_invalid_character");
    assert_eq!(
        err.message,
        "标题含有不可见的控制字符 U+0007，请删除后再保存。"
    );
    assert!(studio.list_drafts().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_language_setting_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
        studio
            .update_settings(SettingsPatch {
                language: Some(Lang::En),
                theme: None,
            })
            .await
            .unwrap();
        studio.close().await;
    }
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(studio.lang(), Lang::En);
}

#[tokio::test]
async fn create_edit_list_delete_round_trip() {
    let (_dir, studio) = studio().await;
    let made = studio
        .create_draft(NewDraft {
            kind: Some(DraftKind::Video),
            title: "标题".into(),
            body: "正文".into(),
        })
        .await
        .unwrap();
    let edited = studio
        .update_draft(
            made.id,
            DraftPatch {
                title: Some("新标题".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (edited.title.as_str(), edited.body.as_str(), edited.kind),
        ("新标题", "正文", DraftKind::Video)
    );
    assert_eq!(studio.list_drafts().await.unwrap(), vec![edited.clone()]);
    studio.delete_draft(made.id).await.unwrap();
    assert_eq!(
        studio.get_draft(made.id).await.unwrap_err().code,
        "draft_not_found"
    );
}
