//! Seeded, reproducible fault injection: the failures a real network and a
//! real platform produce, on demand. Set at start or at run time through
//! `POST /admin/faults` (loopback only).

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// How often each fault happens (each a probability per request, 0–1) and
/// the seed that makes the sequence repeatable.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Seeds the draw; the same seed and request order give the same faults.
    pub seed: u64,
    /// Added to every request before it is handled, milliseconds.
    pub latency_ms: u64,
    /// HTTP 503 without handling the request.
    pub server_error: f64,
    /// HTTP 429 with `Retry-After: retry_after_secs`, without handling it.
    pub too_many_requests: f64,
    /// Seconds in `Retry-After`.
    pub retry_after_secs: u64,
    /// The connection closes before the request is handled.
    pub drop_before: f64,
    /// The request is handled (it takes effect), then the connection closes
    /// without an answer.
    pub drop_after: f64,
    /// The request is handled, and the answer is not JSON.
    pub malformed: f64,
    /// The request is handled, and the answer's signature is wrong.
    pub bad_signature: f64,
}

/// What happens to one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Nothing: answer normally.
    None,
    /// 503.
    ServerError,
    /// 429.
    TooManyRequests,
    /// Close before handling.
    DropBefore,
    /// Handle, then close.
    DropAfter,
    /// Handle, answer garbage.
    Malformed,
    /// Handle, sign wrongly.
    BadSignature,
}

/// The fault settings with their random stream.
pub(crate) struct FaultDice {
    pub(crate) faults: Faults,
    rng: StdRng,
}

impl FaultDice {
    pub(crate) fn new(faults: Faults) -> FaultDice {
        let rng = StdRng::seed_from_u64(faults.seed);
        FaultDice { faults, rng }
    }

    /// The fault for the next request, and the latency to add first.
    pub(crate) fn roll(&mut self) -> (Fault, Duration) {
        let f = &self.faults;
        let r: f64 = self.rng.gen();
        let table = [
            (f.server_error, Fault::ServerError),
            (f.too_many_requests, Fault::TooManyRequests),
            (f.drop_before, Fault::DropBefore),
            (f.drop_after, Fault::DropAfter),
            (f.malformed, Fault::Malformed),
            (f.bad_signature, Fault::BadSignature),
        ];
        let mut edge = 0.0;
        let mut fault = Fault::None;
        for (p, kind) in table {
            edge += p.max(0.0);
            if r < edge {
                fault = kind;
                break;
            }
        }
        (fault, Duration::from_millis(f.latency_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let faults = Faults { seed: 42, server_error: 0.2, drop_after: 0.2, bad_signature: 0.2, ..Faults::default() };
        let run = || {
            let mut dice = FaultDice::new(faults.clone());
            (0..200).map(|_| dice.roll().0).collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let hits = a.iter().filter(|f| **f != Fault::None).count();
        assert!((80..160).contains(&hits), "about 60% faulty, got {hits}/200");
        assert!(a.contains(&Fault::DropAfter) && a.contains(&Fault::None));
    }
}
