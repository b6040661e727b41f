//! The official SDKs call the emulator with their own signing and their own
//! response-signature checks: the Node SDK (npm `alipay-sdk` 4.x) every
//! gateway method the studio uses, the Python SDK (`alipay-sdk-python`)
//! profile query, publish, content query and livestream announcement. Both
//! are installed by `make test`.

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
    assert_eq!(last["done"], 22, "{stdout}");

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

#[tokio::test(flavor = "multi_thread")]
async fn the_official_python_sdk_queries_publishes_announces_sets_the_menu_and_messages_followers() {
    let sdk_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/python");
    let python = sdk_dir.join(".venv/bin/python");
    assert!(python.exists(), "the Python SDK is not installed: run `make test` (it makes {})", python.display());
    let app_key = PrivateKey::generate();
    let emulator = Emulator::start(EmulatorConfig {
        apps: vec![("2021000000000004".to_string(), app_key.public_key())],
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap();
    let run = |alipay_public: String| {
        let (gateway, private_b64, dir, python) =
            (emulator.gateway_url(), app_key.to_pkcs1_base64(), sdk_dir.clone(), python.clone());
        tokio::task::spawn_blocking(move || {
            Command::new(python)
                .arg("check.py")
                .current_dir(dir)
                .env("GATEWAY", gateway)
                .env("APP_ID", "2021000000000004")
                .env("APP_PRIVATE_KEY", private_b64)
                .env("ALIPAY_PUBLIC_KEY", alipay_public)
                .env("TZ", "Asia/Shanghai")
                .output()
                .expect("python runs")
        })
    };
    let out = run(emulator.platform_public_key().to_base64()).await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "python SDK check failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["done"], 11, "{stdout}");

    let out = run(PrivateKey::generate().public_key().to_base64()).await.unwrap();
    assert!(!out.status.success(), "the SDK must refuse answers signed by another key");
    assert!(String::from_utf8_lossy(&out.stderr).contains("verify"), "{}", String::from_utf8_lossy(&out.stderr));
    emulator.stop().await;
}
