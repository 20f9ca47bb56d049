//! Splits a document into lines, page furniture, sections and sentences.

use crate::lexicon::commodity_of_heading;
use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// Navigation, contact lines, source statements, related-news lists.
    Furniture,
    /// A short title-like line that opens a section.
    Heading,
    Body,
}

#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

/// The furniture patterns, each with its row number (the first row that matches
/// decides) and whether it ends the page. Patterns anchored at the line start
/// form one set, which gives up after a line's first bytes; the few that may
/// match anywhere are single regexes, each searched with its own literal
/// prefilter ("@" of an e-mail address). Every pattern comes in two forms:
/// Unicode `\b`, and ASCII `\b`, which lets the regex engine keep its DFA past
/// non-ASCII bytes and agrees with the first on lines without non-ASCII word
/// characters.
struct Furniture {
    anchored: [RegexSet; 2],
    anchored_rows: Vec<usize>,
    floating: Vec<[Regex; 2]>,
    floating_rows: Vec<usize>,
    rest: Vec<bool>,
}

static FURNITURE: Lazy<Furniture> = Lazy::new(|| {
    let (rest, pats): (Vec<bool>, Vec<String>) = include_str!("../data/furniture.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(kind, pat)| (kind == "rest", pat.to_string()))
        .unzip();
    let forms = |p: &str| [format!("(?i){p}"), format!("(?i){}", p.replace(r"\b", r"(?-u:\b)"))];
    let (anchored, floating): (Vec<usize>, Vec<usize>) = (0..pats.len()).partition(|&i| pats[i].starts_with('^'));
    let set = |k: usize| {
        RegexSet::new(anchored.iter().map(|&i| forms(&pats[i])[k].clone())).expect("furniture patterns compile")
    };
    Furniture {
        anchored: [set(0), set(1)],
        floating: floating
            .iter()
            .map(|&i| forms(&pats[i]).map(|p| Regex::new(&p).expect("furniture pattern compiles")))
            .collect(),
        anchored_rows: anchored,
        floating_rows: floating,
        rest,
    }
});

/// A word character outside ASCII: where ASCII and Unicode word boundaries differ.
static NON_ASCII_WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"[\w&&[^\x00-\x7F]]").expect("word class compiles"));

/// Furniture verdict for a trimmed line: None (not furniture), Some(false) (this line),
/// Some(true) (this line and the rest of the page). The first pattern that matches decides.
pub fn furniture(line: &str) -> Option<bool> {
    let f = &*FURNITURE;
    let k = if line.is_ascii() || !NON_ASCII_WORD.is_match(line) {
        1
    } else {
        0
    };
    let set = &f.anchored[k];
    // Most lines match no pattern: a yes/no search first, the full set of matches only when needed.
    let anchored = if set.is_match(line) {
        set.matches(line).iter().next().map(|i| f.anchored_rows[i])
    } else {
        None
    };
    let floating = f
        .floating
        .iter()
        .zip(&f.floating_rows)
        .find(|(re, &row)| anchored.is_none_or(|a| row < a) && re[k].is_match(line))
        .map(|(_, &row)| row);
    anchored.into_iter().chain(floating).min().map(|row| f.rest[row])
}

/// A line reads as a heading: short, no sentence punctuation at its end.
pub fn heading_like(line: &str) -> bool {
    let t = line.trim();
    // Length first: counting the words of a long paragraph is wasted work.
    t.len() <= 120
        && (1..=14).contains(&t.split_whitespace().count())
        && !t.ends_with(['.', ',', ';', '!', '?'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '*' || c == '[')
}

/// The first line of a page may be a long headline ("[SMM Analysis] China's ... Destination").
fn title_like(t: &str) -> bool {
    t.len() <= 200 && t.split_whitespace().count() >= 3 && !t.ends_with(['.', ';', '!', '?'])
}

pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut rest_is_furniture = false;
    let mut seen_content = false;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let end = start + body.len();
        let t = body.trim();
        let kind = if t.is_empty() {
            LineKind::Blank
        } else if rest_is_furniture {
            LineKind::Furniture
        } else if let Some(rest) = furniture(t) {
            rest_is_furniture |= rest;
            LineKind::Furniture
        } else if heading_like(t) || (!seen_content && title_like(t)) {
            LineKind::Heading
        } else {
            LineKind::Body
        };
        seen_content |= matches!(kind, LineKind::Heading | LineKind::Body);
        out.push(Line { start, end, kind });
    }
    out
}

/// Whether a heading line names a commodity section ("Copper Cathode", "Nickel Pig Iron (NPI)").
pub fn section_commodity(heading: &str) -> Option<&'static str> {
    commodity_of_heading(heading.trim().trim_end_matches(':'))
}

/// Longest sentence read as one (bytes); longer runs are cut at whitespace.
pub const MAX_SENTENCE: usize = 4096;

const ABBREVIATIONS: &[&str] = &[
    "co", "ltd", "inc", "corp", "no", "nos", "vs", "e.g", "i.e", "u.s", "approx", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st", "mr", "ms", "dr", "fig", "est", "avg",
];

/// The length of the longest of [`ABBREVIATIONS`].
const ABBREVIATION_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > max {
            max = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    max
};

/// Whether `word` is one of [`ABBREVIATIONS`], in any case. Asked at every
/// full stop, so words longer than any abbreviation (most) stop at the length.
fn is_abbreviation(word: &str) -> bool {
    word.len() <= ABBREVIATION_MAX && crate::bytes::word_in(word, ABBREVIATIONS)
}

/// Sentence spans (byte offsets) within `text[start..end]`.
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(text, start, end, &mut out);
    out
}

/// [`sentences`], appended to `out` (one buffer for a whole document).
pub fn sentences_into(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut s = start;
    while s < end && b[s].is_ascii_whitespace() {
        s += 1;
    }
    let plain = !crate::bytes::any(&b[start..end], |c| c < 0x20 && c != b'\t');
    let mut i = s;
    while i < end {
        let c = b[i];
        // Control characters (NUL, form feed...) never sit inside a sentence; and no
        // sentence runs past MAX_SENTENCE bytes, which keeps reading linear on hostile
        // text and bounds the `sentence` column.
        let control = c < 0x20 && c != b'\t';
        if control || i - s >= MAX_SENTENCE {
            let cut = if control {
                i
            } else {
                let lo = s + MAX_SENTENCE / 2;
                b[lo..i].iter().rposition(|c| c.is_ascii_whitespace()).map_or_else(
                    || (lo..=i).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(i),
                    |k| lo + k,
                )
            };
            let mut e = cut;
            while e > s && b[e - 1].is_ascii_whitespace() {
                e -= 1;
            }
            if e > s {
                out.push((s, e));
            }
            s = if control { cut + 1 } else { cut };
            while s < end && (b[s].is_ascii_whitespace() || (b[s] < 0x20 && b[s] != b'\t')) {
                s += 1;
            }
            i = s;
            continue;
        }
        if matches!(c, b'.' | b'!' | b'?') {
            // Closing quotes or brackets stay with the sentence.
            let mut j = i + 1;
            while j < end && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            let boundary = j >= end || (b[j].is_ascii_whitespace() && next_starts_sentence(b, j, end));
            if boundary && c == b'.' && !ends_sentence(text, s, i) {
                i += 1;
                continue;
            }
            if boundary {
                out.push((s, j));
                s = j;
                while s < end && b[s].is_ascii_whitespace() {
                    s += 1;
                }
                i = s;
                continue;
            }
        }
        // Without control characters only stops and the length cap can end a
        // sentence: jump to the next stop (memchr) instead of stepping byte by byte.
        i = if plain {
            let cap = (s + MAX_SENTENCE).min(end);
            memchr::memchr3(b'.', b'!', b'?', &b[i + 1..cap]).map_or(cap, |k| i + 1 + k)
        } else {
            i + 1
        };
    }
    if s < end {
        let mut e = end;
        while e > s && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if e > s {
            out.push((s, e));
        }
    }
}

fn next_starts_sentence(b: &[u8], mut j: usize, end: usize) -> bool {
    while j < end && b[j].is_ascii_whitespace() {
        j += 1;
    }
    j >= end
        || b[j].is_ascii_uppercase()
        || b[j].is_ascii_digit()
        || matches!(b[j], b'"' | b'(' | b'\'' | b'*')
        || b[j] >= 0x80
}

/// A period at `dot` ends a sentence unless it closes an abbreviation or a list marker ("1.").
fn ends_sentence(text: &str, s: usize, dot: usize) -> bool {
    let before = &text[s..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    if word.len() <= 2 && word.bytes().all(|c| c.is_ascii_digit()) {
        // A list marker starts an item: "reasons: 1. Some smelters".
        let prev = before[..before.len() - word.len()].trim_end();
        return !(prev.is_empty() || prev.ends_with([':', ';']));
    }
    !(is_abbreviation(word) || (word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_no_longer_than_the_length_test() {
        assert_eq!(ABBREVIATION_MAX, 6);
        assert!(is_abbreviation("Approx") && is_abbreviation("U.S") && !is_abbreviation("approxi"));
    }

    #[test]
    fn sentences_split_on_stops_not_decimals_or_markers() {
        let t = "Output rose 1.5% MoM. Reasons: 1. Some smelters cut output; 2. Others did not. Co. Ltd. grew";
        let s: Vec<_> = sentences(t, 0, t.len()).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            [
                "Output rose 1.5% MoM.",
                "Reasons: 1. Some smelters cut output; 2. Others did not.",
                "Co. Ltd. grew"
            ]
        );
    }

    #[test]
    fn control_characters_and_overlong_runs_end_sentences() {
        let t = "Output rose 5%\0Stocks fell 3%";
        let s: Vec<_> = sentences(t, 0, t.len()).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(s, ["Output rose 5%", "Stocks fell 3%"]);
        let long = "up 5% ".repeat(5000);
        let spans = sentences(&long, 0, long.len());
        assert!(
            spans.iter().all(|(a, b)| b - a <= MAX_SENTENCE),
            "no sentence longer than the cap"
        );
        assert_eq!(spans.first().map(|s| s.0), Some(0));
        assert!(
            spans.last().is_some_and(|s| s.1 >= long.trim_end().len()),
            "nothing is lost"
        );
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0));
    }

    #[test]
    fn furniture_lines_and_related_lists() {
        let t = "Home / Metal News / Title\nTitle of the Piece\nPublished: Jan 2, 2025 10:00\nBody text here is long enough to be a body line.\nRelated News\nOther story with 5% gain\n";
        let kinds: Vec<_> = lines(t).into_iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(kinds, [Furniture, Heading, Furniture, Body, Furniture, Furniture]);
    }

    #[test]
    fn section_headings() {
        assert_eq!(section_commodity("Copper Cathode"), Some("copper_cathode"));
        assert_eq!(section_commodity("Electrolytic Manganese Dioxide (EMD)"), Some("emd"));
        assert_eq!(section_commodity("Overview of Metal Production in January 2025"), None);
    }
}
