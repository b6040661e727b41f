//! Search text and queries: how drafts are cut into tokens for the
//! full-text index, and how a query becomes an index match expression.
//!
//! Chinese (and other CJK) text has no spaces, and users search for any
//! substring, one character included. So every CJK character is its own
//! token and a CJK query is a phrase of consecutive characters: an exact
//! substring match. Other letters and digits form words, matched by prefix.
//! Wherever the text has punctuation or space between tokens, the index
//! holds a break token, so a phrase never matches across it.
//!
//! Common characters appear in most drafts, so a phrase of single
//! characters makes the index walk long lists. The index therefore also
//! holds every pair of neighbouring CJK characters (a bigram) as one token,
//! after the single tokens, and a query of two or more CJK characters is a
//! phrase of overlapping bigrams: `咖啡店` is `咖啡 啡店`. A bigram is two CJK
//! characters, which no word or single character can be.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The token the index holds where the text has a gap (space, punctuation).
/// The index's tokenizer must treat `_` as a token character.
pub const BREAK_TOKEN: &str = "_";

/// True for characters searched one by one (CJK ideographs, kana, hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x3134F  // Extensions B to G
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Cjk(char),
    Word(String),
    Break,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut gap = false;
    let push = |out: &mut Vec<Token>, t: Token, gap: &mut bool| {
        if *gap && !out.is_empty() {
            out.push(Token::Break);
        }
        *gap = false;
        out.push(t);
    };
    for c in text.chars() {
        if is_word_char(c) {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            push(&mut out, Token::Word(std::mem::take(&mut word)), &mut gap);
        }
        if is_cjk(c) {
            push(&mut out, Token::Cjk(c), &mut gap);
        } else {
            gap = true;
        }
    }
    if !word.is_empty() {
        push(&mut out, Token::Word(word), &mut gap);
    }
    out
}

/// The text as the index stores it: tokens separated by spaces, then,
/// after a break, the bigrams of each run of CJK characters, runs kept
/// apart by breaks so that a phrase of bigrams stays inside one run.
pub fn index_text(text: &str) -> String {
    let toks = tokens(text);
    let mut out = String::with_capacity(text.len() * 4);
    let word = |out: &mut String, w: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    };
    for t in &toks {
        match t {
            Token::Cjk(c) => word(&mut out, c.encode_utf8(&mut [0; 4])),
            Token::Word(w) => word(&mut out, w),
            Token::Break => word(&mut out, BREAK_TOKEN),
        }
    }
    let mut in_run = false;
    for pair in toks.windows(2) {
        match pair {
            [Token::Cjk(a), Token::Cjk(b)] => {
                if !in_run {
                    word(&mut out, BREAK_TOKEN);
                    in_run = true;
                }
                word(&mut out, &bigram(*a, *b));
            }
            _ => in_run = false,
        }
    }
    out
}

fn bigram(a: char, b: char) -> String {
    [a, b].iter().collect()
}

/// One term of a query: a CJK phrase (exact, consecutive) or a word prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Characters that must appear consecutively (may include words).
    Phrase(Vec<String>),
    /// A word or the start of one.
    Prefix(String),
}

/// A parsed search query: every term must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The terms, all required.
    pub terms: Vec<Term>,
}

impl Query {
    /// Parses what the user typed. Whitespace separates terms; a term with
    /// CJK characters or inner punctuation is a phrase, a plain word is a prefix.
    pub fn parse(input: &str) -> Query {
        let mut terms = Vec::new();
        for part in input.split_whitespace() {
            let toks = tokens(part);
            match toks.as_slice() {
                [] => {}
                [Token::Word(w)] => terms.push(Term::Prefix(w.clone())),
                _ => terms.push(Term::Phrase(
                    toks.into_iter()
                        .map(|t| match t {
                            Token::Cjk(c) => c.to_string(),
                            Token::Word(w) => w,
                            Token::Break => BREAK_TOKEN.to_string(),
                        })
                        .collect(),
                )),
            }
        }
        Query { terms }
    }

    /// True when nothing searchable was typed.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The FTS5 MATCH expression. Tokens are quoted, so no user input is
    /// read as query syntax. Two or more CJK characters alone are looked up
    /// by their bigrams, whose lists are far shorter than those of the
    /// single characters; any other phrase by its tokens.
    pub fn fts_match(&self) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        self.terms
            .iter()
            .map(|t| match t {
                Term::Phrase(toks) => match cjk_chars(toks) {
                    Some(chars) if chars.len() >= 2 => {
                        quote(&chars.windows(2).map(|p| bigram(p[0], p[1])).collect::<Vec<_>>().join(" "))
                    }
                    _ => quote(&toks.join(" ")),
                },
                Term::Prefix(w) => format!("{}*", quote(w)),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// Cuts `text` into plain and matched pieces for highlighting.
    pub fn highlight(&self, text: &str) -> Vec<Segment> {
        let chars: Vec<char> = text.chars().collect();
        let lower: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
        let mut hit = vec![false; chars.len()];
        for term in &self.terms {
            match term {
                Term::Phrase(toks) => mark_phrase(&lower, toks, &mut hit),
                Term::Prefix(w) => mark_prefix(&lower, w, &mut hit),
            }
        }
        segments(chars, hit)
    }
}

/// The characters of a phrase made only of CJK characters.
fn cjk_chars(toks: &[String]) -> Option<Vec<char>> {
    toks.iter()
        .map(|t| {
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if is_cjk(c) => Some(c),
                _ => None,
            }
        })
        .collect()
}

/// Marks every place in `lower` where the phrase's tokens appear in order,
/// separated only by gaps where the phrase has a break.
fn mark_phrase(lower: &[char], toks: &[String], hit: &mut [bool]) {
    let Some(first) = toks.first() else { return };
    let first: Vec<char> = first.chars().collect();
    for start in 0..lower.len() {
        if !lower[start..].starts_with(&first)
            || (start > 0 && is_word_char(first[0]) && is_word_char(lower[start - 1]))
        {
            continue;
        }
        let mut pos = start + first.len();
        let mut ok = true;
        for tok in &toks[1..] {
            if tok == BREAK_TOKEN {
                let gap_start = pos;
                while pos < lower.len() && !is_word_char(lower[pos]) && !is_cjk(lower[pos]) {
                    pos += 1;
                }
                if pos == gap_start {
                    ok = false;
                    break;
                }
                continue;
            }
            let t: Vec<char> = tok.chars().collect();
            if lower[pos..].starts_with(&t) {
                pos += t.len();
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            hit[start..pos].iter_mut().for_each(|h| *h = true);
        }
    }
}

fn mark_prefix(lower: &[char], word: &str, hit: &mut [bool]) {
    let w: Vec<char> = word.chars().collect();
    for start in 0..lower.len() {
        let at_word_start = start == 0 || !is_word_char(lower[start - 1]);
        if at_word_start && lower[start..].starts_with(&w) {
            hit[start..start + w.len()].iter_mut().for_each(|h| *h = true);
        }
    }
}

/// A piece of text, matched by the query or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// True when the query matched it.
    pub hit: bool,
}

/// Characters and whether each is marked, as runs of plain and marked text.
pub(crate) fn segments(chars: Vec<char>, hit: Vec<bool>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for (c, h) in chars.into_iter().zip(hit) {
        match segments.last_mut() {
            Some(last) if last.hit == h => last.text.push(c),
            _ => segments.push(Segment { text: c.to_string(), hit: h }),
        }
    }
    segments
}

/// A window of `text` around its first hit, at most about `width` characters.
pub fn snippet(segments: &[Segment], width: usize) -> Vec<Segment> {
    let total: usize = segments.iter().map(|s| s.text.chars().count()).sum();
    if total <= width {
        return segments.to_vec();
    }
    let first_hit: usize = segments.iter().take_while(|s| !s.hit).map(|s| s.text.chars().count()).sum();
    let start = first_hit.saturating_sub(width / 4).min(total - width);
    let end = start + width;
    let mut out = Vec::new();
    let mut pos = 0;
    for s in segments {
        let len = s.text.chars().count();
        let (a, b) = (pos.max(start), (pos + len).min(end));
        if a < b {
            let text: String = s.text.chars().skip(a - pos).take(b - a).collect();
            out.push(Segment { text, hit: s.hit });
        }
        pos += len;
    }
    if start > 0 {
        out.insert(0, Segment { text: "…".into(), hit: false });
    }
    if end < total {
        out.push(Segment { text: "…".into(), hit: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_one_token_per_character_and_gaps_become_breaks() {
        assert_eq!(index_text("Latte Art！"), "latte _ art");
        assert_eq!(index_text("咖shop"), "咖 shop");
        assert_eq!(index_text("  "), "");
    }

    #[test]
    fn runs_of_cjk_characters_also_give_their_bigrams_kept_apart_by_breaks() {
        assert_eq!(index_text("春日咖啡，Latte"), "春 日 咖 啡 _ latte _ 春日 日咖 咖啡");
        assert_eq!(index_text("咖啡shop面馆"), "咖 啡 shop 面 馆 _ 咖啡 _ 面馆");
        assert_eq!(index_text("咖，啡"), "咖 _ 啡");
    }

    #[test]
    fn queries_become_quoted_phrases_and_prefixes() {
        assert_eq!(Query::parse("咖").fts_match(), "\"咖\"");
        assert_eq!(Query::parse("咖啡").fts_match(), "\"咖啡\"");
        assert_eq!(Query::parse("咖啡店").fts_match(), "\"咖啡 啡店\"");
        assert_eq!(Query::parse("Lat 咖").fts_match(), "\"lat\"* AND \"咖\"");
        assert_eq!(Query::parse("咖啡shop").fts_match(), "\"咖 啡 shop\"");
        assert_eq!(Query::parse("咖，啡").fts_match(), "\"咖 _ 啡\"");
        assert_eq!(Query::parse("a\"b").fts_match(), "\"a _ b\"");
        assert!(Query::parse(" ，。 ").is_empty());
    }

    #[test]
    fn highlight_marks_substrings_and_word_prefixes() {
        let segs = Query::parse("咖啡 lat").highlight("春日咖啡 Latte, flat");
        let hits: Vec<&str> = segs.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
        assert_eq!(hits, vec!["咖啡", "Lat"]);
    }

    #[test]
    fn a_phrase_does_not_match_across_punctuation() {
        let segs = Query::parse("咖啡").highlight("咖，啡");
        assert!(segs.iter().all(|s| !s.hit));
    }

    #[test]
    fn snippet_keeps_the_first_hit_in_view() {
        let text = format!("{}咖啡{}", "甲".repeat(100), "乙".repeat(100));
        let segs = snippet(&Query::parse("咖啡").highlight(&text), 40);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert!(joined.starts_with('…') && joined.ends_with('…'));
        assert!(segs.iter().any(|s| s.hit && s.text == "咖啡"));
    }
}
