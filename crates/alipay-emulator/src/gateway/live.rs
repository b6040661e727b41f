//! Livestream announcements (直播预告), keyed by the caller's own id.

use alipay_open::methods::name;
use serde_json::{json, Value};

use super::{business, invalid, required_field as required, text_field as text, Call, Refusal};
use crate::state::State;

pub(crate) async fn handle(state: &State, method: &str, call: &Call) -> Result<Value, Refusal> {
    let biz = &call.biz;
    let public_id = required(biz, "alipay_public_id")?;
    match method {
        name::LIVE_ADVANCE_CREATE => {
            let out_id = required(biz, "out_advance_id")?;
            let title = required(biz, "live_title")?;
            let when = required(biz, "live_advance_time")?;
            if alipay_open::time::parse(when).is_none() {
                return Err(invalid("isv.invalid-advance-time", "live_advance_time 格式为 yyyy-MM-dd HH:mm:ss"));
            }
            // A repeat of the same out_advance_id is the same announcement;
            // one statement, so concurrent repeats cannot make two.
            sqlx::query(
                "INSERT INTO advances (advance_id, app_id, public_id, out_advance_id, title, advance_time) \
                 VALUES ((SELECT printf('A%d%06d', ?, COUNT(*) + 1) FROM advances), ?, ?, ?, ?, ?) \
                 ON CONFLICT (app_id, out_advance_id) DO NOTHING",
            )
            .bind(call.now)
            .bind(&call.app_id)
            .bind(public_id)
            .bind(out_id)
            .bind(title)
            .bind(when)
            .execute(&state.pool)
            .await?;
            let (id,): (String,) =
                sqlx::query_as("SELECT advance_id FROM advances WHERE app_id = ? AND out_advance_id = ?")
                    .bind(&call.app_id)
                    .bind(out_id)
                    .fetch_one(&state.pool)
                    .await?;
            Ok(json!({"alipay_advance_id": id}))
        }
        _ => {
            let id = required(biz, "alipay_advance_id")?;
            let sql = if method == name::LIVE_ADVANCE_DELETE {
                "UPDATE advances SET deleted = 1 WHERE advance_id = ?1 AND app_id = ?2 AND deleted = 0"
            } else {
                "UPDATE advances SET title = COALESCE(?3, title), advance_time = COALESCE(?4, advance_time) \
                 WHERE advance_id = ?1 AND app_id = ?2 AND deleted = 0"
            };
            let done = sqlx::query(sql)
                .bind(id)
                .bind(&call.app_id)
                .bind(text(biz, "live_title"))
                .bind(text(biz, "live_advance_time"))
                .execute(&state.pool)
                .await?;
            if done.rows_affected() == 0 {
                return Err(business("isv.advance-not-exist", format!("直播预告 {id} 不存在或已删除")));
            }
            Ok(json!({}))
        }
    }
}
