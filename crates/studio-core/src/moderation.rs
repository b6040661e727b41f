//! The platform's moderation check of a post's text, as the composer shows
//! it: apart from the local rules, tied to the exact text it checked.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::search::Segment;

crate::vocabulary! {
    /// What the platform's check said of a text.
    pub enum ModerationVerdict {
        /// No risky words found: review may still refuse for other reasons.
        Passed,
        /// Risky words found: review will most likely refuse it.
        Flagged,
        /// The check could not be made (offline, throttled, refused).
        Unavailable,
    }
}

/// The platform's check of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlatformCheck {
    /// What it said.
    pub verdict: ModerationVerdict,
    /// The risky words the platform named.
    pub keywords: Vec<String>,
    /// The title as checked, with the risky words marked.
    pub title: Vec<Segment>,
    /// The body as checked, with the risky words marked.
    pub body: Vec<Segment>,
    /// Why the check could not be made, in the user's language; empty otherwise.
    pub note: String,
    /// Unix ms it was made.
    #[ts(type = "number")]
    pub checked_at: i64,
}

impl PlatformCheck {
    /// The title it checked, unmarked.
    pub fn title_text(&self) -> String {
        self.title.iter().map(|s| s.text.as_str()).collect()
    }

    /// The body it checked, unmarked.
    pub fn body_text(&self) -> String {
        self.body.iter().map(|s| s.text.as_str()).collect()
    }
}

/// What is sent for checking: the title and the body, a line apart.
pub fn checked_text(title: &str, body: &str) -> String {
    format!("{title}\n{body}")
}

/// A stable name for a text (FNV-1a, 64 bits, in hex): a check belongs to
/// the text of this name, and is stale for any other.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// `text` cut into pieces, those inside any occurrence of a keyword marked.
pub fn mark(text: &str, keywords: &[String]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut hit = vec![false; chars.len()];
    for word in keywords.iter().map(|k| k.chars().collect::<Vec<char>>()).filter(|w| !w.is_empty()) {
        for start in 0..chars.len().saturating_sub(word.len() - 1) {
            if chars[start..start + word.len()] == word[..] {
                hit[start..start + word.len()].iter_mut().for_each(|h| *h = true);
            }
        }
    }
    crate::search::segments(chars, hit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> Vec<(&str, bool)> {
        segments.iter().map(|s| (s.text.as_str(), s.hit)).collect()
    }

    #[test]
    fn every_occurrence_of_every_word_is_marked_by_character() {
        let words = vec!["违禁词".to_string(), "😀".to_string(), String::new()];
        assert_eq!(
            marked(&mark("新品😀违禁词，违禁词!", &words)),
            [("新品", false), ("😀违禁词", true), ("，", false), ("违禁词", true), ("!", false)]
        );
        assert_eq!(marked(&mark("", &words)), []);
        assert_eq!(marked(&mark("干净的文字", &words)), [("干净的文字", false)]);
        assert_eq!(marked(&mark("违禁", &words)), [("违禁", false)], "a word longer than the text");
    }

    #[test]
    fn a_check_is_named_by_its_exact_text() {
        let a = text_hash(&checked_text("标题", "正文"));
        assert_eq!(a, text_hash("标题\n正文"));
        assert_ne!(a, text_hash(&checked_text("标题", "正文 ")), "one more space is another text");
        assert_eq!(a.len(), 16);
    }
}
