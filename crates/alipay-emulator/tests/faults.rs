//! Injected faults reach the client as the failures they imitate, and a
//! request that took effect before its connection dropped is really there.

use std::time::Duration;

use alipay_emulator::{Emulator, EmulatorConfig, Faults, Review};
use alipay_open::methods::{ContentBatchQuery, ContentPublish};
use alipay_open::{AlipayClient, CallOptions, Config, Error, PrivateKey, Retry};

async fn start() -> (Emulator, AlipayClient) {
    let app_key = PrivateKey::generate();
    let emulator = Emulator::start(EmulatorConfig {
        apps: vec![("2021000000000003".to_string(), app_key.public_key())],
        review: Review { delay: Duration::from_millis(50), ..Review::default() },
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap();
    let client = AlipayClient::new(Config {
        gateway_url: emulator.gateway_url(),
        app_id: "2021000000000003".into(),
        app_key,
        alipay_public_key: emulator.platform_public_key().clone(),
        timeout: Duration::from_secs(5),
    });
    (emulator, client)
}

fn post(title: &str) -> ContentPublish {
    ContentPublish { source_type: 1, source_title: title.into(), source_content: "正文".into(), ..Default::default() }
}

async fn titles(client: &AlipayClient) -> Vec<String> {
    let page = ContentBatchQuery { page_num: 1, page_size: 20, need_detail: true, status: None };
    client
        .content_page(&page, &CallOptions::default())
        .await
        .unwrap()
        .contents
        .into_iter()
        .map(|c| c.source_title)
        .collect()
}

#[tokio::test]
async fn each_fault_reaches_the_client_as_what_it_imitates() {
    let (emu, client) = start().await;
    let none = CallOptions::default();
    let always = |f: fn(&mut Faults)| {
        let mut faults = Faults { seed: 1, retry_after_secs: 9, ..Faults::default() };
        f(&mut faults);
        faults
    };

    emu.set_faults(always(|f| f.server_error = 1.0));
    assert!(matches!(client.publish_content(&post("a"), &none).await.unwrap_err(), Error::Http { status: 503, .. }));

    emu.set_faults(always(|f| f.too_many_requests = 1.0));
    assert_eq!(
        client.publish_content(&post("b"), &none).await.unwrap_err().retry(),
        Retry::After(Duration::from_secs(9))
    );

    emu.set_faults(always(|f| f.drop_before = 1.0));
    let err = client.publish_content(&post("c"), &none).await.unwrap_err();
    assert_eq!(err.retry(), Retry::ReconcileFirst, "{err:?}");

    emu.set_faults(always(|f| f.malformed = 1.0));
    assert!(matches!(client.publish_content(&post("d"), &none).await.unwrap_err(), Error::Malformed(_)));

    emu.set_faults(always(|f| f.bad_signature = 1.0));
    assert!(matches!(client.publish_content(&post("e"), &none).await.unwrap_err(), Error::BadSignature(_)));

    emu.set_faults(always(|f| f.drop_after = 1.0));
    let err = client.publish_content(&post("f"), &none).await.unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown(_)), "{err:?}");

    // Reconciling shows what really happened: faults before handling left
    // nothing; faults after handling took effect.
    emu.set_faults(Faults::default());
    let mut seen = titles(&client).await;
    seen.sort();
    assert_eq!(seen, vec!["d", "e", "f"]);
}

#[tokio::test]
async fn the_admin_endpoint_changes_faults_at_run_time_and_a_seed_replays_them() {
    let (emu, client) = start().await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/admin/faults", emu.addr());
    let faults = Faults { seed: 7, server_error: 0.5, ..Faults::default() };
    let run = || async {
        http.post(&url).json(&faults).send().await.unwrap().error_for_status().unwrap();
        let mut outcomes = Vec::new();
        for i in 0..20 {
            outcomes.push(client.publish_content(&post(&format!("p{i}")), &CallOptions::default()).await.is_ok());
        }
        outcomes
    };
    let first = run().await;
    assert_eq!(first, run().await, "the same seed replays the same faults");
    assert!(first.contains(&true) && first.contains(&false));
    let current: Faults = http.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(current, faults);
}

#[tokio::test]
async fn calls_over_the_rate_limit_are_refused_unserved_and_the_limit_lifts_at_run_time() {
    let (emulator, client) = start().await;
    emulator.set_rate_limit(Some(3));
    let opts = CallOptions::default();
    let mut refused = 0;
    for i in 0..6 {
        match client.publish_content(&post(&format!("限流 {i}")), &opts).await {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.retry(), Retry::ReconcileFirst, "a 20000 is never taken as final: {e}");
                assert!(
                    matches!(&e, Error::Platform { code, sub_code, .. } if code == "20000" && sub_code == "isp.unknow-error"),
                    "{e}"
                );
                refused += 1;
            }
        }
    }
    assert!(refused >= 2, "a burst of six over a limit of three is partly refused, got {refused}");
    emulator.set_rate_limit(None);
    let published = titles(&client).await;
    assert_eq!(published.len(), 6 - refused, "refused calls did not take effect: {published:?}");
    emulator.stop().await;
}
