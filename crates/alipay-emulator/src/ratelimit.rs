//! Per-app call rate limits, answered the way the platform answers a call
//! it will not serve.
//!
//! Alipay's public error-code table (开放平台「公共错误码」,
//! opendocs.alipay.com/open/common/105806) documents no dedicated
//! throttling code and the gateway does not use HTTP status codes for
//! refusals. The one documented answer for "the platform did not serve this
//! call, try later" is `20000` 服务不可用 with `isp.unknow-error`
//! (稍后重试), inside the method's signed response. The emulator answers a
//! throttled call exactly that way, so a client that survives the emulator
//! survives whatever the platform sends in that slot: it must treat `20000`
//! as "maybe not done: find out, then try again later", never as final.

use std::collections::HashMap;
use std::time::Instant;

/// A token bucket per app: `per_second` calls a second, bursts up to the same.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    per_second: Option<u32>,
    buckets: HashMap<String, (f64, Instant)>,
}

impl RateLimiter {
    pub(crate) fn new(per_second: Option<u32>) -> RateLimiter {
        RateLimiter { per_second: per_second.filter(|n| *n > 0), buckets: HashMap::new() }
    }

    pub(crate) fn set(&mut self, per_second: Option<u32>) {
        *self = RateLimiter::new(per_second);
    }

    /// Whether `app_id` may make a call now; takes a token when it may.
    pub(crate) fn admit(&mut self, app_id: &str, now: Instant) -> bool {
        let Some(rate) = self.per_second else { return true };
        let rate = f64::from(rate);
        let (tokens, last) = self.buckets.entry(app_id.to_string()).or_insert((rate, now));
        let refill = now.saturating_duration_since(*last).as_secs_f64() * rate;
        *tokens = (*tokens + refill).min(rate);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_admits_its_rate_then_refills_per_app() {
        let mut limiter = RateLimiter::new(Some(5));
        let t0 = Instant::now();
        let admitted = (0..8).filter(|_| limiter.admit("app-a", t0)).count();
        assert_eq!(admitted, 5, "a burst of the rate, no more");
        assert!(limiter.admit("app-b", t0), "apps have separate buckets");
        assert!(!limiter.admit("app-a", t0 + Duration::from_millis(100)));
        assert!(limiter.admit("app-a", t0 + Duration::from_millis(250)), "one token back after 1/5 s");
        assert!(RateLimiter::new(None).admit("app-a", t0));
    }
}
