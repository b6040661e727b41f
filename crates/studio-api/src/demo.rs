//! The built-in emulator the demo account talks to: started in-process on
//! loopback with its state in the data folder. Its keys are made fresh at
//! every start and never stored: the demo account needs no secret.

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
        let app_key = PrivateKey::generate();
        let emulator = Emulator::start(EmulatorConfig {
            data_dir: Some(data_dir.join("emulator")),
            apps: vec![(DEMO_APP_ID.to_string(), app_key.public_key())],
            review: Review { delay: review_delay, ..Review::default() },
            ..EmulatorConfig::ephemeral()
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
