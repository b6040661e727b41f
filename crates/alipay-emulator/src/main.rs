//! `alipay-emulator`: the Alipay gateway on loopback, for offline work and tests.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use alipay_emulator::{Emulator, EmulatorConfig, Faults, Review};
use alipay_open::{PrivateKey, PublicKey};
use anyhow::Context;
use clap::Parser;

#[derive(Parser)]
#[command(name = "alipay-emulator", version, about = "The Alipay Open Platform v2 gateway, emulated on loopback")]
struct Args {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:9900")]
    listen: SocketAddr,
    /// Folder for the emulator's state (in memory when absent).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Register an app: APP_ID=PUBLIC_KEY_FILE (PEM or Base64). Repeatable.
    #[arg(long = "app", value_name = "APP_ID=FILE")]
    apps: Vec<String>,
    /// The platform's private key (PEM or Base64); generated when absent.
    #[arg(long)]
    platform_key: Option<PathBuf>,
    /// Write the platform's public key (PEM) here, for clients.
    #[arg(long)]
    export_public_key: Option<PathBuf>,
    /// Milliseconds from submission to a review decision.
    #[arg(long, default_value_t = 3000)]
    review_delay_ms: u64,
    /// A word that makes review reject (repeatable).
    #[arg(long = "ban", value_name = "WORD")]
    banned_words: Vec<String>,
    /// Calls per second each app may make (bursts up to the same); 0 for no limit.
    /// Throttled calls get `20000 isp.unknow-error`, as the platform documents.
    #[arg(long, default_value_t = 0)]
    rate_limit: u32,
    /// Seed of the fault draw (the same seed replays the same faults).
    #[arg(long, default_value_t = 0)]
    fault_seed: u64,
    /// Milliseconds added to every request.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Probability of HTTP 503 (0–1).
    #[arg(long, default_value_t = 0.0)]
    fault_server_error: f64,
    /// Probability of HTTP 429 with Retry-After (0–1).
    #[arg(long, default_value_t = 0.0)]
    fault_too_many_requests: f64,
    /// Seconds in Retry-After.
    #[arg(long, default_value_t = 1)]
    retry_after_secs: u64,
    /// Probability that the connection closes before the request is handled.
    #[arg(long, default_value_t = 0.0)]
    fault_drop_before: f64,
    /// Probability that the request takes effect and the connection then closes unanswered.
    #[arg(long, default_value_t = 0.0)]
    fault_drop_after: f64,
    /// Probability of a body that is not JSON.
    #[arg(long, default_value_t = 0.0)]
    fault_malformed: f64,
    /// Probability of a wrong response signature.
    #[arg(long, default_value_t = 0.0)]
    fault_bad_signature: f64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let platform_key = match &args.platform_key {
        Some(path) => {
            PrivateKey::parse(&std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?)
                .with_context(|| format!("reading the platform key {}", path.display()))?
        }
        None => PrivateKey::generate(),
    };
    let mut apps = Vec::new();
    for spec in &args.apps {
        let (id, file) = spec.split_once('=').context("--app takes APP_ID=PUBLIC_KEY_FILE")?;
        let key = PublicKey::parse(&std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?)
            .with_context(|| format!("reading the public key of app {id}"))?;
        apps.push((id.to_string(), key));
    }
    let mut review = Review { delay: Duration::from_millis(args.review_delay_ms), ..Review::default() };
    if !args.banned_words.is_empty() {
        review.banned_words = args.banned_words.clone();
    }
    let public_pem = platform_key.public_key().to_pem();
    if let Some(path) = &args.export_public_key {
        std::fs::write(path, &public_pem).with_context(|| format!("writing {}", path.display()))?;
    }
    let faults = Faults {
        seed: args.fault_seed,
        latency_ms: args.latency_ms,
        server_error: args.fault_server_error,
        too_many_requests: args.fault_too_many_requests,
        retry_after_secs: args.retry_after_secs,
        drop_before: args.fault_drop_before,
        drop_after: args.fault_drop_after,
        malformed: args.fault_malformed,
        bad_signature: args.fault_bad_signature,
    };
    let config = EmulatorConfig {
        listen: args.listen,
        data_dir: args.data_dir,
        platform_key,
        apps,
        review,
        faults,
        rate_limit: Some(args.rate_limit).filter(|n| *n > 0),
        clock_offset_ms: 0,
    };
    let emulator = Emulator::start(config).await?;
    println!("alipay-emulator listening on {}", emulator.gateway_url());
    println!("platform public key:\n{public_pem}");
    println!("faults: GET/POST http://{}/admin/faults (loopback only)", emulator.addr());
    tokio::signal::ctrl_c().await?;
    emulator.stop().await;
    Ok(())
}
