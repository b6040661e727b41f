//! The official Node SDK (npm `alipay-sdk` 4.x, installed by `make test`)
//! calls every gateway method the studio uses on the emulator, with its own
//! signing and its own response-signature check.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::PrivateKey;

#[tokio::test(flavor = "multi_thread")]
async fn the_official_node_sdk_calls_every_method_and_its_signature_checks_pass() {
    let sdk_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/node");
    assert!(
        sdk_dir.join("node_modules/alipay-sdk").exists(),
        "the Node SDK is not installed: run `make test` (or npm ci in {})",
        sdk_dir.display()
    );
    let app_key = PrivateKey::generate();
    let emulator = Emulator::start(EmulatorConfig {
        apps: vec![("2021000000000002".to_string(), app_key.public_key())],
        review: Review { delay: Duration::from_millis(100), ..Review::default() },
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap();

    let out = run_node_check(&emulator, &app_key, emulator.platform_public_key().to_pem()).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "node SDK check failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["done"], 12, "{stdout}");

    // The SDK really checks: with another platform key it refuses the first answer.
    let out = run_node_check(&emulator, &app_key, PrivateKey::generate().public_key().to_pem()).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("验签失败") || stderr.to_lowercase().contains("sign"), "{stderr}");
    emulator.stop().await;
}

async fn run_node_check(emulator: &Emulator, app_key: &PrivateKey, alipay_public_pem: String) -> std::process::Output {
    let sdk_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/node");
    tokio::task::spawn_blocking({
        let gateway = emulator.gateway_url();
        let private_pem = app_key.to_pkcs8_pem();
        let public_pem = alipay_public_pem;
        move || {
            Command::new("node")
                .arg("check.mjs")
                .current_dir(&sdk_dir)
                .env("GATEWAY", gateway)
                .env("APP_ID", "2021000000000002")
                .env("APP_PRIVATE_KEY", private_pem)
                .env("ALIPAY_PUBLIC_KEY", public_pem)
                // The SDK stamps requests in the machine's zone, as on a machine in China.
                .env("TZ", "Asia/Shanghai")
                .output()
                .expect("node runs")
        }
    })
    .await
    .unwrap()
}
