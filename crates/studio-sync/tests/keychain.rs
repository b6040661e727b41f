//! Account keys in the real OS keychain (Secret Service). `make test` runs
//! the tests inside a D-Bus session with an unlocked gnome-keyring-daemon
//! and sets STUDIO_KEYCHAIN_TEST=1; there this test must pass.

use studio_sync::Secrets;

#[test]
fn a_key_kept_in_the_os_keychain_comes_back_and_can_be_forgotten() {
    if std::env::var_os("STUDIO_KEYCHAIN_TEST").is_none() {
        eprintln!("no keychain session: run through `make test`, which starts one");
        return;
    }
    let secrets = Secrets::keychain().expect("a Secret Service answers in the test session");
    let name = format!("test-{}-app-private-key", std::process::id());
    // A key made for this run, as an account's would be kept.
    let key = alipay_open::PrivateKey::generate().to_pkcs8_pem();
    secrets.set(&name, &key).unwrap();
    assert_eq!(secrets.get(&name).unwrap().as_deref(), Some(key.as_str()));
    secrets.delete(&name).unwrap();
    assert_eq!(secrets.get(&name).unwrap(), None);
}
