//! The outbox as the user sees it: every job with what it acts on and what
//! went wrong, in the user's language; retry and cancel.

use serde::{Deserialize, Serialize};
use studio_core::sync::NetworkProblem;
use studio_core::{JobProblem, Lang, OutboxJob};
use ts_rs::TS;

use crate::{now_ms, Studio, StudioError, StudioResult};

/// An outbox job with what it acts on, for the activity view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivityItem {
    /// The job.
    pub job: OutboxJob,
    /// The title of the draft or livestream it acts on; empty for profile edits.
    pub label: String,
    /// What went wrong the last time, in the user's language; empty when nothing did.
    pub problem: String,
    /// The system's own words about it, for diagnosis; often empty.
    pub technical: String,
}

impl Studio {
    /// The outbox, newest first; finished jobs too when `all`.
    pub async fn list_outbox(&self, all: bool) -> StudioResult<Vec<OutboxJob>> {
        Ok(self.store.outbox(all, 1_000).await?)
    }

    /// The outbox as the activity view shows it, newest first.
    pub async fn list_activity(&self, all: bool) -> StudioResult<Vec<ActivityItem>> {
        let jobs = self.list_outbox(all).await?;
        self.activity_items(jobs).await
    }

    /// The jobs that carried a livestream's announcement, changes and
    /// withdrawal, oldest first, with what went wrong in the user's words
    /// (a refusal in the platform's).
    pub async fn livestream_history(&self, id: i64) -> StudioResult<Vec<ActivityItem>> {
        self.find_livestream(id).await?;
        let jobs = self.store.livestream_jobs(id).await?;
        self.activity_items(jobs).await
    }

    async fn activity_items(&self, jobs: Vec<OutboxJob>) -> StudioResult<Vec<ActivityItem>> {
        let labels = self.store.job_labels(&jobs).await?;
        let lang = self.lang();
        Ok(jobs
            .into_iter()
            .zip(labels)
            .map(|(job, label)| {
                let problem = job.problem.as_ref().map(|p| problem_words(p, lang)).unwrap_or_default();
                let technical = job.problem.as_ref().and_then(JobProblem::technical).unwrap_or_default().to_string();
                ActivityItem { job, label, problem, technical }
            })
            .collect())
    }

    /// Sends a stopped job again.
    pub async fn retry_job(&self, id: i64) -> StudioResult<()> {
        match self.store.retry_job(id, now_ms()).await? {
            true => {
                self.worker_wake();
                Ok(())
            }
            false => Err(StudioError::JobNotChangeable { id }),
        }
    }

    /// Cancels a job that has not reached the platform.
    pub async fn cancel_job(&self, id: i64) -> StudioResult<()> {
        match self.store.cancel_job(id, now_ms()).await? {
            true => Ok(()),
            false => Err(StudioError::JobNotChangeable { id }),
        }
    }
}

/// What went wrong with a job, in `lang`.
pub(crate) fn problem_words(problem: &JobProblem, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let words = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    match problem {
        JobProblem::Platform { code, sub_code, message } => {
            if zh {
                format!("平台答复：{message}（{code} {sub_code}）")
            } else {
                format!("The platform said: {message} ({code} {sub_code})")
            }
        }
        JobProblem::Network { problem, .. } => match problem {
            NetworkProblem::Unreachable => {
                words("连不上平台（离线，或平台暂时不可用）。", "Cannot reach the platform (offline, or it is down).")
            }
            NetworkProblem::NoAnswer => words(
                "请求已发出，但没有收到回答。再次发送前会先在平台上查询，不会重复发布。",
                "Sent, but no answer came. The platform is checked before anything is sent again, so nothing is posted twice.",
            ),
            NetworkProblem::BadSignature => words(
                "平台回答的签名不对，已丢弃（可能在途中被改动）。",
                "The platform's answer failed its signature check and was discarded (it may have been altered on the way).",
            ),
            NetworkProblem::Malformed => words("平台的回答无法读取。", "The platform's answer could not be read."),
        },
        JobProblem::Http { status } => {
            if zh {
                format!("平台繁忙或出错（HTTP {status}）。")
            } else {
                format!("The platform is busy or failing (HTTP {status}).")
            }
        }
        JobProblem::AccountGone => words("这个账号已被删除。", "This account was removed."),
        JobProblem::SecretsLocked => words(
            "密钥已锁定：请在“设置”中解锁密钥文件。",
            "The keys are locked: unlock the secrets file in Settings.",
        ),
        JobProblem::AppKeyMissing => words(
            "没有保存这个账号的应用私钥：请在“设置”中重新添加这个账号。",
            "No app private key is kept for this account: add the account again in Settings.",
        ),
        JobProblem::KeyUnusable { .. } => words(
            "这个账号的密钥无法使用：请在“设置”中检查应用私钥和支付宝公钥。",
            "This account's keys cannot be used: check its app private key and Alipay public key in Settings.",
        ),
        JobProblem::EmulatorStopped => words("内置模拟器没有运行。", "The built-in emulator is not running."),
        JobProblem::NotUploaded { hash } => {
            let short = hash.short(12);
            if zh {
                format!("素材 {short}… 还没有上传（它的上传任务可能被取消了）。请重试或重新发布。")
            } else {
                format!("Medium {short}… was not uploaded (its upload may have been cancelled). Retry, or publish again.")
            }
        }
        JobProblem::NeverAnnounced => words(
            "直播预告还没有发布到平台上，暂时不能修改或撤回。",
            "The announcement is not on the platform yet, so it cannot be changed or withdrawn.",
        ),
        JobProblem::MessageNotMade => words(
            "消息的内容页（或消息本身）还不在平台上，暂时不能发送或撤回。",
            "The message's content page (or the message) is not on the platform yet, so it cannot be sent or recalled.",
        ),
        JobProblem::Interrupted => words(
            "发送时应用被关闭。再次发送前会先在平台上查询结果。",
            "The app was closed while sending. The platform is checked before anything is sent again.",
        ),
        JobProblem::Corrupt { .. } => words(
            "这个任务的内容已损坏，无法发送（资料库可能被手动改动过）。请取消它，再重新发布。",
            "This job's content is damaged and cannot be sent (the library may have been changed by hand). Cancel it and publish again.",
        ),
        JobProblem::Library { .. } => words(
            "读写资料库时出错，稍后会自动重试。",
            "The library could not be read or written; it will be tried again.",
        ),
        JobProblem::Media { .. } => words(
            "素材文件无法读取或转换：请在素材库中检查这个文件。",
            "A media file could not be read or converted: check it in the media library.",
        ),
        JobProblem::Recorded { text } => text.clone(),
    }
}
