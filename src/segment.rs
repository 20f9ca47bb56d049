//! Splits a document into lines, page furniture, sections and sentences.

use crate::lexicon::commodity_of_heading;
use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};
use regex_automata::hybrid::dfa::DFA;
use regex_automata::{Anchored, Input};

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
    /// The anchored set's ASCII `\b` forms as one lazy DFA, run from a line's start
    /// until it dies (a few bytes into most lines): the set itself is searched only
    /// for lines it does not rule out.
    anchored_dfa: DFA,
    anchored_rows: Vec<usize>,
    floating: Vec<Floating>,
    floating_rows: Vec<usize>,
    rest: Vec<bool>,
}

/// A pattern that may match anywhere in a line.
struct Floating {
    /// The Unicode and the ASCII `\b` form.
    re: [Regex; 2],
    /// The pattern when it is a plain phrase ("all rights reserved") whose matches
    /// cannot overlap: lowercase, and the index of its rarest byte, a letter matched
    /// by no character outside ASCII.
    phrase: Option<(Vec<u8>, usize)>,
    /// No look-around (`\b`, `^`, `$`): a match in a line is a match in the document.
    free: bool,
}

/// The characters outside ASCII that `(?i)` matches with an ASCII letter or digit
/// (Unicode simple case folding: LONG S, KELVIN SIGN), and the letter.
const ASCII_FOLDS: [(u8, &str); 2] = [(b's', "\u{17F}"), (b'k', "\u{212A}")];

/// The end of a match of the phrase character `c` (lowercase ASCII) at `b[at..]`.
#[inline]
fn fold_forward(b: &[u8], at: usize, c: u8) -> Option<usize> {
    if b.get(at).is_some_and(|x| x.to_ascii_lowercase() == c) {
        return Some(at + 1);
    }
    ASCII_FOLDS
        .iter()
        .find(|(l, f)| *l == c && b[at..].starts_with(f.as_bytes()))
        .map(|(_, f)| at + f.len())
}

/// The start of a match of the phrase character `c` (lowercase ASCII) at `b[..end]`.
#[inline]
fn fold_backward(b: &[u8], end: usize, c: u8) -> Option<usize> {
    if end > 0 && b[end - 1].to_ascii_lowercase() == c {
        return Some(end - 1);
    }
    ASCII_FOLDS
        .iter()
        .find(|(l, f)| *l == c && b[..end].ends_with(f.as_bytes()))
        .map(|(_, f)| end - f.len())
}

impl Floating {
    /// The spans of the document where a line may match the pattern, in order, or
    /// `None` for every line. Without look-around, if a line holds a match, the
    /// document's leftmost-first matches from before it cannot all end before that
    /// match starts (it is one of them to choose from), so one of them overlaps the
    /// line: lines that overlap none of the document's matches hold none.
    fn spans_in(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        if !self.free {
            return None;
        }
        Some(match &self.phrase {
            // The phrase's matches, which do not overlap, are its places in any case:
            // each found from its rarest letter (which only itself in either ASCII case
            // matches), by the characters on either side, which may be the few outside
            // ASCII that case folding matches with an ASCII letter. No regex search
            // (whose prefilter for the caseless phrase is slow) over texts not ASCII.
            Some((p, rare)) => {
                let b = text.as_bytes();
                let (c, rare) = (p[*rare], *rare);
                let mut out = Vec::new();
                let mut from = 0;
                let mut at = 0;
                // The phrase's letters next to the rarest, unless a character outside ASCII
                // folds to them: then only those bytes in either case match there, and most
                // places of the rarest letter fail that test. The three searched at once.
                let plain = |c: &u8| ASCII_FOLDS.iter().all(|(l, _)| l != c);
                let before = rare.checked_sub(1).map(|r| p[r]).filter(plain);
                let after = p.get(rare + 1).copied().filter(plain);
                let trio = crate::bytes::Trio::new(before, c, after);
                while let Some(k) = trio.find(b, at) {
                    at = k + 1;
                    let start = p[..rare].iter().rev().try_fold(k, |e, &c| fold_backward(b, e, c));
                    let end = p[rare + 1..].iter().try_fold(k + 1, |s, &c| fold_forward(b, s, c));
                    if let (Some(s), Some(e)) = (start, end) {
                        if s >= from {
                            out.push((s, e));
                            from = e;
                            at = e;
                        }
                    }
                }
                out
            }
            _ => self.re[1].find_iter(text).map(|m| (m.start(), m.end())).collect(),
        })
    }
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
    let anchored_dfa = DFA::new_many(&anchored.iter().map(|&i| forms(&pats[i])[1].clone()).collect::<Vec<_>>())
        .expect("furniture patterns compile to a DFA");
    let phrase = |p: &str| {
        let p = p.to_ascii_lowercase().into_bytes();
        let rare = crate::bytes::rarest(&p);
        // A match starts nowhere inside another: no proper prefix is also a suffix.
        let apart = (1..p.len()).all(|n| p[..n] != p[p.len() - n..]);
        (!p.is_empty()
            && p.iter().all(|&c| c.is_ascii_alphanumeric() || c == b' ')
            && apart
            && p[rare].is_ascii_alphabetic()
            && ASCII_FOLDS.iter().all(|(l, _)| *l != p[rare]))
        .then_some((p, rare))
    };
    Furniture {
        anchored: [set(0), set(1)],
        anchored_dfa,
        floating: floating
            .iter()
            .map(|&i| Floating {
                re: forms(&pats[i]).map(|p| Regex::new(&p).expect("furniture pattern compiles")),
                phrase: phrase(&pats[i]),
                free: ["\\b", "\\B", "^", "$", "\\A", "\\z"]
                    .iter()
                    .all(|l| !pats[i].contains(l)),
            })
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
    furniture_in(line, &vec![true; FURNITURE.floating.len()])
}

/// [`furniture`], where `floating[i]` tells whether the line may match the `i`th
/// floating pattern at all (see [`Floating::spans_in`]).
fn furniture_in(line: &str, floating: &[bool]) -> Option<bool> {
    let f = &*FURNITURE;
    // Most lines match no pattern: the DFA rules most out within a few bytes, a yes/no
    // search decides the others, the full set of matches only when needed. The two
    // forms differ only at a `\b` next to a character outside ASCII: where the DFA dies
    // on ASCII bytes alone, the Unicode form has no match either, and the line (often
    // a long paragraph) need not be checked for such characters.
    let dies = anchored_dies_at(&f.anchored_dfa, line.as_bytes());
    let ascii_dead = dies.is_some_and(|n| line.as_bytes()[..n].is_ascii());
    if ascii_dead && !floating.contains(&true) {
        return None;
    }
    let k = if line.is_ascii() || !NON_ASCII_WORD.is_match(line) {
        1
    } else {
        0
    };
    let set = &f.anchored[k];
    let maybe = !ascii_dead && (k == 0 || dies.is_none());
    let anchored = if maybe && set.is_match(line) {
        set.matches(line).iter().next().map(|i| f.anchored_rows[i])
    } else {
        None
    };
    let found = f
        .floating
        .iter()
        .zip(&f.floating_rows)
        .zip(floating)
        .find(|((fl, &row), &gate)| gate && anchored.is_none_or(|a| row < a) && fl.re[k].is_match(line))
        .map(|((_, &row), _)| row);
    anchored.into_iter().chain(found).min().map(|row| f.rest[row])
}

/// Where an anchored search of `dfa` from the start of `line` dies: the number of bytes
/// read when no pattern can go on; `None` at a match state or when unsure.
fn anchored_dies_at(dfa: &DFA, line: &[u8]) -> Option<usize> {
    thread_local! {
        // The DFA's states are built as first needed and kept for the thread's later lines.
        static CACHE: std::cell::RefCell<Option<regex_automata::hybrid::dfa::Cache>> =
            const { std::cell::RefCell::new(None) };
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let cache = c.get_or_insert_with(|| dfa.create_cache());
        let input = Input::new(line).anchored(Anchored::Yes);
        let Ok(mut sid) = dfa.start_state_forward(cache, &input) else {
            return None;
        };
        for (i, &b) in line.iter().enumerate() {
            let Ok(next) = dfa.next_state(cache, sid, b) else {
                return None;
            };
            sid = next;
            if sid.is_tagged() {
                if sid.is_match() || sid.is_quit() {
                    return None;
                }
                if sid.is_dead() {
                    return Some(i + 1);
                }
            }
        }
        match dfa.next_eoi_state(cache, sid) {
            Ok(s) if !s.is_match() => Some(line.len()),
            _ => None,
        }
    })
}

/// A line reads as a heading: short, no sentence punctuation at its end.
pub fn heading_like(line: &str) -> bool {
    trimmed_heading_like(line.trim())
}

/// [`heading_like`] of a line already trimmed.
fn trimmed_heading_like(t: &str) -> bool {
    // Length first: counting the words of a long paragraph is wasted work; the ends
    // before the words.
    t.len() <= 120
        && !t.ends_with(['.', ',', ';', '!', '?'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '*' || c == '[')
        && (1..=14).contains(&word_count(t))
}

/// `t.split_whitespace().count()`, byte by byte for an ASCII `t`.
fn word_count(t: &str) -> usize {
    if !t.is_ascii() {
        return t.split_whitespace().count();
    }
    let mut n = 0;
    let mut was_space = true;
    for &c in t.as_bytes() {
        let sp = crate::bytes::ascii_space(c);
        n += usize::from(was_space && !sp);
        was_space = sp;
    }
    n
}

/// The first line of a page may be a long headline ("[SMM Analysis] China's ... Destination").
fn title_like(t: &str) -> bool {
    t.len() <= 200 && !t.ends_with(['.', ';', '!', '?']) && word_count(t) >= 3
}

pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    lines_into(text, &mut out);
    out
}

/// [`lines`], into `out` (cleared first).
pub fn lines_into(text: &str, out: &mut Vec<Line>) {
    out.clear();
    let spans: Vec<Option<Vec<(usize, usize)>>> = FURNITURE.floating.iter().map(|f| f.spans_in(text)).collect();
    let mut next_span = vec![0; spans.len()];
    let mut floating = vec![true; spans.len()];
    let mut pos = 0;
    let mut rest_is_furniture = false;
    let mut seen_content = false;
    // `split_inclusive('\n')`, with the line ends found by the memchr crate's vector
    // search rather than core's word-at-a-time one.
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
    while pos < text.len() {
        let start = pos;
        pos = ends.next().unwrap_or(text.len());
        let raw = &text[start..pos];
        let body = raw.trim_end_matches(['\n', '\r']);
        let end = start + body.len();
        let t = body.trim();
        // Per floating pattern, whether a match in the document overlaps this line.
        for ((may, spans), next) in floating.iter_mut().zip(&spans).zip(&mut next_span) {
            if let Some(spans) = spans {
                while spans.get(*next).is_some_and(|sp| sp.1 <= start) {
                    *next += 1;
                }
                *may = spans.get(*next).is_some_and(|sp| sp.0 < pos);
            }
        }
        let kind = if t.is_empty() {
            LineKind::Blank
        } else if rest_is_furniture {
            LineKind::Furniture
        } else if let Some(rest) = furniture_in(t, &floating) {
            rest_is_furniture |= rest;
            LineKind::Furniture
        } else if trimmed_heading_like(t) || (!seen_content && title_like(t)) {
            LineKind::Heading
        } else {
            LineKind::Body
        };
        seen_content |= matches!(kind, LineKind::Heading | LineKind::Body);
        out.push(Line { start, end, kind });
    }
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

/// [`ABBREVIATIONS`] as keys of [`abbreviation_key`], sorted for a binary search:
/// built at compile time, so a lookup reads a constant table (no lazy init check).
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = match abbreviation_key(ABBREVIATIONS[i].as_bytes()) {
            Some(k) => k,
            None => panic!("an abbreviation longer than ABBREVIATION_MAX"),
        };
        // Insertion sort: a few dozen keys.
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let k = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = k;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// A word of at most [`ABBREVIATION_MAX`] bytes as a number: its ASCII-lowercased
/// bytes and its length, so that one comparison tells two words apart.
const fn abbreviation_key(w: &[u8]) -> Option<u64> {
    if w.len() > ABBREVIATION_MAX {
        return None;
    }
    let mut k = w.len() as u64;
    let mut i = 0;
    while i < w.len() {
        k = k << 8 | w[i].to_ascii_lowercase() as u64;
        i += 1;
    }
    Some(k)
}

/// Whether `word` is one of [`ABBREVIATIONS`], in any case. Asked at every
/// full stop, so words longer than any abbreviation (most) stop at the length.
fn is_abbreviation(word: &[u8]) -> bool {
    abbreviation_key(word).is_some_and(|k| ABBREVIATION_KEYS.binary_search(&k).is_ok())
}

/// [`is_abbreviation`] of `b[w..dot]`, by [`abbreviation_key_before`] where there
/// are eight bytes before `dot`.
#[inline]
fn is_abbreviation_at(b: &[u8], w: usize, dot: usize) -> bool {
    let n = dot - w;
    if n > ABBREVIATION_MAX || dot < 8 {
        return is_abbreviation(&b[w..dot]);
    }
    ABBREVIATION_KEYS
        .binary_search(&abbreviation_key_before(b, dot, n))
        .is_ok()
}

/// [`abbreviation_key`] of `b[dot - n..dot]` (`n <= ABBREVIATION_MAX`, `dot >= 8`),
/// from one load of the eight bytes before `dot` rather than byte by byte.
#[inline]
fn abbreviation_key_before(b: &[u8], dot: usize, n: usize) -> u64 {
    let x = u64::from_be_bytes(b[dot - 8..dot].try_into().expect("eight bytes"));
    // ASCII lowercase of all eight at once: a byte's top bit tells 'A'..='Z' (below
    // 0x80), and moved down to 0x20 sets that bit of the letter.
    const ONES: u64 = u64::MAX / 255;
    let low7 = x & !(ONES * 0x80);
    let upper =
        (low7 + ONES * (0x80 - u64::from(b'A'))) & !(low7 + ONES * (0x80 - u64::from(b'Z') - 1)) & !x & (ONES * 0x80);
    (n as u64) << (8 * n) | (x | upper >> 2) & ((1 << (8 * n)) - 1)
}

/// The first place in `b[from..to]` where a sentence may end, `to` if there is none:
/// [`crate::bytes::next_sentence_event`] thirty-two bytes a step (one test and branch),
/// and the last bytes before `to` in one load of the sixteen that end there.
#[inline]
fn next_event(b: &[u8], from: usize, to: usize) -> usize {
    assert!(to <= b.len());
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SSE2 is part of x86_64; every load reads sixteen bytes inside `b[..to]`.
        let mask = |k: usize| unsafe {
            let x = _mm_loadu_si128(b.as_ptr().add(k).cast());
            let eq = |c: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8));
            // Unsigned x <= 0x1F: the minimum of the two is x.
            let control = _mm_andnot_si128(eq(b'\t'), _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x));
            let stops = _mm_or_si128(_mm_or_si128(eq(b'.'), eq(b'!')), eq(b'?'));
            _mm_movemask_epi8(_mm_or_si128(stops, control)) as u32
        };
        let mut i = from;
        while i + 32 <= to {
            let m = mask(i) | mask(i + 16) << 16;
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 32;
        }
        if i + 16 <= to {
            let m = mask(i);
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 16;
        }
        if i < to && to >= 16 {
            // The sixteen bytes that end at `to`, without those before `i`.
            let m = mask(to - 16) >> (i - (to - 16));
            return if m != 0 { i + m.trailing_zeros() as usize } else { to };
        }
        crate::bytes::next_sentence_event(b, i.min(to), to)
    }
    #[cfg(not(target_arch = "x86_64"))]
    crate::bytes::next_sentence_event(b, from, to)
}

/// [`next_event`] by AVX2 loads of thirty-two bytes, each classified by two
/// table lookups: a third of the vector work per step.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn next_event_avx2(b: &[u8], from: usize, to: usize) -> usize {
    use std::arch::x86_64::*;
    assert!(to <= b.len());
    // A byte is an event where the bits its low and its high nibble select share
    // one: 1 for 0x00..=0x0F but the tab, 2 for 0x10..=0x1F, 4 for '!' and '.', 8 for
    // '?'. `vpshufb` gives bytes >= 0x80 no bits by the low nibble. One lookup per
    // nibble in place of five compares.
    #[rustfmt::skip]
    let by_low = _mm256_setr_epi8(
        3, 7, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 7, 11,
        3, 7, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 7, 11,
    );
    #[rustfmt::skip]
    let by_high = _mm256_setr_epi8(
        1, 2, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 2, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    );
    let mask = |k: usize| {
        // Every load reads thirty-two bytes inside `b[..to]`.
        let x = unsafe { _mm256_loadu_si256(b.as_ptr().add(k).cast()) };
        let high = _mm256_and_si256(_mm256_srli_epi16(x, 4), _mm256_set1_epi8(0x0F));
        let both = _mm256_and_si256(_mm256_shuffle_epi8(by_low, x), _mm256_shuffle_epi8(by_high, high));
        _mm256_movemask_epi8(_mm256_cmpgt_epi8(both, _mm256_setzero_si256())) as u32
    };
    let mut i = from;
    while i + 32 <= to {
        let m = mask(i);
        if m != 0 {
            return i + m.trailing_zeros() as usize;
        }
        i += 32;
    }
    if i < to && to >= 32 {
        // The thirty-two bytes that end at `to`, without those before `i`.
        let m = mask(to - 32) >> (i - (to - 32));
        return if m != 0 { i + m.trailing_zeros() as usize } else { to };
    }
    next_event(b, i.min(to), to)
}

/// [`next_event`], by [`next_event_avx2`] where `avx2` (the CPU has AVX2).
#[inline(always)]
fn next_event_with(b: &[u8], from: usize, to: usize, avx2: bool) -> usize {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: `avx2` is set only where the CPU has AVX2.
        return unsafe { next_event_avx2(b, from, to) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = avx2;
    next_event_outlined(b, from, to)
}

/// [`next_event`] called, not inlined: inlined, its constants stay in the caller's
/// vector registers, which [`next_event_avx2`]'s calls clobber, and are reloaded
/// after each.
#[inline(never)]
fn next_event_outlined(b: &[u8], from: usize, to: usize) -> usize {
    next_event(b, from, to)
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
    let mut i = s;
    let avx2 = crate::bytes::has_avx2();
    // Only stops, control characters and the length cap can end a sentence: the
    // loop visits those places (found thirty-two bytes at a time), not every byte.
    loop {
        i = next_event_with(b, i, (s + MAX_SENTENCE).min(end), avx2);
        if i >= end {
            break;
        }
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
        // A stop: '.', '!' or '?'.
        // Closing quotes or brackets stay with the sentence.
        let mut j = i + 1;
        while j < end && matches!(b[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        let boundary = j >= end || (b[j].is_ascii_whitespace() && next_starts_sentence(b, j, end));
        if boundary && (c != b'.' || ends_sentence(text, s, i)) {
            out.push((s, j));
            s = j;
            while s < end && b[s].is_ascii_whitespace() {
                s += 1;
            }
            i = s;
            continue;
        }
        i += 1;
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
/// On bytes: no `str` slicing (char boundary checks) at every full stop.
fn ends_sentence(text: &str, s: usize, dot: usize) -> bool {
    let b = text.as_bytes();
    let w = last_word_start(text, s, dot);
    match &b[w..dot] {
        [] => true,
        word if word.len() <= 2 && word.iter().all(u8::is_ascii_digit) => {
            // A list marker starts an item: "reasons: 1. Some smelters".
            let last = crate::bytes::trim_end(&text[s..w]).bytes().next_back();
            !matches!(last, None | Some(b':' | b';'))
        }
        [c] if c.is_ascii_uppercase() => false,
        _ => !is_abbreviation_at(b, w, dot),
    }
}

/// Where the text after the last white space or '(' of `text[s..dot]` starts (`s` if
/// there is none).
fn last_word_start(text: &str, s: usize, dot: usize) -> usize {
    let b = text.as_bytes();
    // An ASCII break, or a character outside ASCII (perhaps white space such as a
    // no-break space), which leaves the decision to `char::is_whitespace`.
    let brk = |c: u8| crate::bytes::ascii_space(c) || c == b'(' || c >= 0x80;
    let mut end = dot;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // Sixteen bytes back a step (most words end within the first): SSE2 is part of
        // x86_64, and every load reads sixteen bytes inside `b[..dot]`; those before
        // `s` are masked off.
        let breaks = |k: usize| unsafe {
            let x = _mm_loadu_si128(b.as_ptr().add(k).cast());
            // '\t'..='\r' as unsigned x - 9 <= 4; ' ' and '(' as x | 8 == '('.
            let y = _mm_sub_epi8(x, _mm_set1_epi8(9));
            let controls = _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(4)), y);
            let marks = _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(8)), _mm_set1_epi8(b'(' as i8));
            (_mm_movemask_epi8(_mm_or_si128(controls, marks)) | _mm_movemask_epi8(x)) as u32
        };
        while end > s && end >= 16 {
            let k = end - 16;
            let m = breaks(k) & u32::MAX << s.saturating_sub(k);
            if m != 0 {
                end = k + 32 - m.leading_zeros() as usize;
                break;
            }
            if k <= s {
                return s;
            }
            end = k;
        }
    }
    match b[s..end].iter().rposition(|&c| brk(c)) {
        Some(k) if b[s + k] < 0x80 => s + k + 1,
        Some(_) => {
            let t = &text[s..dot];
            dot - t
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("")
                .len()
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`last_word_start`]'s word as a split at every character that is white space or '('.
    fn last_word_reference(t: &str) -> &str {
        t.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("")
    }

    #[test]
    fn last_words_as_char_split_gives_them() {
        for t in [
            "",
            "a",
            "rose 5% MoM",
            "(U.S",
            "x\u{b}y",
            "up\u{a0}Co",
            "é",
            "wordé",
            "a é(b",
            "a\u{2009}b",
            "5 (1",
            "tab\tend",
            "ends in space ",
            "a long run of words before the last one, Approx",
            "(a-long-word-with-no-break-of-more-than-thirty-two-bytes",
            "é a-long-word-with-no-break-of-more-than-thirty-two-bytes",
        ] {
            // Also with text before `s`, which the sixteen-byte loads read and mask off.
            for pre in ["", "x ", "a (b c\td ", "thirty-two bytes or more before it ( "] {
                let text = format!("{pre}{t}");
                let got = &text[last_word_start(&text, pre.len(), text.len())..];
                assert_eq!(got, last_word_reference(t), "{t:?}");
            }
        }
    }

    /// Breaks at every offset of a word, across the sixteen-byte steps, and generated
    /// texts with the bytes next to the breaks' tests, for every `s..dot`.
    #[test]
    fn last_words_agree_with_the_char_split() {
        let check = |text: &str| {
            for s in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                for dot in (s..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                    let want = last_word_reference(&text[s..dot]);
                    let got = &text[last_word_start(text, s, dot)..dot];
                    assert_eq!(got, want, "{s}..{dot} {text:?}");
                }
            }
        };
        for n in [15, 16, 17, 32, 33, 50] {
            for at in 0..n {
                for brk in [" ", "(", "\u{b}", "\r", "\u{a0}", "é"] {
                    let mut t = "w".repeat(n);
                    t.replace_range(at..at + 1, brk);
                    check(&t);
                }
            }
        }
        let pieces = [
            "w", "w", "w", "w", "w", " ", "(", ")", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{8}", "\u{e}", "\u{1f}",
            "!", "'", "0", "é", "\u{a0}", "\u{2009}", "\u{85}", "\u{3000}",
        ];
        let mut next = crate::testing::below(0x2545_F491_4F6C_DD1D);
        for _ in 0..200 {
            let n = next(60);
            let t: String = (0..n).map(|_| pieces[next(pieces.len())]).collect();
            check(&t);
        }
    }

    /// [`ends_sentence`] on `str`s, as it was first written.
    fn ends_sentence_reference(text: &str, s: usize, dot: usize) -> bool {
        let before = &text[s..dot];
        let word = last_word_reference(before);
        if word.is_empty() {
            return true;
        }
        if word.len() <= 2 && word.bytes().all(|c| c.is_ascii_digit()) {
            let prev = before[..before.len() - word.len()].trim_end();
            return !(prev.is_empty() || prev.ends_with([':', ';']));
        }
        let abbreviation = ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
        !(abbreviation || (word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase()))
    }

    /// Generated texts of list markers, abbreviations and the characters next to them
    /// (white space in and outside ASCII, ':' and ';'), for every `s..dot`.
    #[test]
    fn full_stops_end_sentences_as_the_str_test_finds() {
        let pieces = [
            "1", "12", "123", "x1", "A", "a", "é", "Co", "LTD", "u.s", "e.g", "Approx", "approxi", "Sept", " ", " ",
            "(", ":", ";", "\t", "\u{b}", "\u{c}", "\u{1f}", "\u{a0}", "\u{2009}", "\u{3000}", ".", ",",
        ];
        let mut next = crate::testing::below(0x5851_F42D_4C95_7F2D);
        for _ in 0..400 {
            let n = next(8);
            let t: String = (0..n).map(|_| pieces[next(pieces.len())]).collect();
            for s in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                for dot in (s..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                    let want = ends_sentence_reference(&t, s, dot);
                    assert_eq!(ends_sentence(&t, s, dot), want, "{s}..{dot} {t:?}");
                }
            }
        }
    }

    #[test]
    fn words_counted_as_split_whitespace_counts_them() {
        for t in [
            "",
            " ",
            "a",
            " a  b\tc\n",
            "x\u{b}y\u{c}z\rw",
            "\u{1c}a\u{1f}b",
            "Copper Cathode (Cu) 2025",
            "é b",
            "a\u{a0}b\u{2009}c",
            "a\u{85}b",
        ] {
            assert_eq!(word_count(t), t.split_whitespace().count(), "{t:?}");
        }
        for c in 0..=0x7Fu8 {
            let t = format!("a{}b", c as char);
            assert_eq!(word_count(&t), t.split_whitespace().count(), "{c}");
        }
    }

    #[test]
    fn abbreviation_keys_are_sorted_at_compile_time() {
        let mut keys: Vec<u64> = ABBREVIATIONS
            .iter()
            .filter_map(|a| abbreviation_key(a.as_bytes()))
            .collect();
        keys.sort_unstable();
        assert_eq!(ABBREVIATION_KEYS.to_vec(), keys);
    }

    /// The key from the eight bytes before the word's end, as from the word's bytes.
    #[test]
    fn abbreviations_found_by_the_eight_byte_load() {
        let mut words: Vec<String> = ABBREVIATIONS.iter().map(|a| a.to_string()).collect();
        words.extend(ABBREVIATIONS.iter().map(|a| a.to_uppercase()));
        words.extend(ABBREVIATIONS.iter().map(|a| format!("x{a}")));
        words.extend(ABBREVIATIONS.iter().map(|a| a[1..].to_string()));
        words.extend(
            [
                "", "a", "Z", "é", "coé", "[co", "@co", "approz", "approxi", "sept.", "U.S",
            ]
            .map(String::from),
        );
        for w in &words {
            for pre in ["", "a", "ab (", "the long text before it ", "é\u{a0}[@`{"] {
                let t = format!("{pre}{w}");
                let (start, dot) = (pre.len(), t.len());
                let want = is_abbreviation(w.as_bytes());
                assert_eq!(is_abbreviation_at(t.as_bytes(), start, dot), want, "{t:?}");
            }
        }
    }

    /// The key from one load as from the word's bytes, for every byte value at every
    /// place of the word.
    #[test]
    fn abbreviation_keys_by_one_load_agree() {
        let mut next = crate::testing::below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let b: Vec<u8> = (0..16).map(|_| next(256) as u8).collect();
            for dot in 8..=b.len() {
                for n in 0..=ABBREVIATION_MAX {
                    let want = abbreviation_key(&b[dot - n..dot]);
                    assert_eq!(
                        Some(abbreviation_key_before(&b, dot, n)),
                        want,
                        "{:?}",
                        &b[dot - n..dot]
                    );
                }
            }
        }
        for c in 0..=255u8 {
            let b = [c; 8];
            assert_eq!(
                Some(abbreviation_key_before(&b, 8, 6)),
                abbreviation_key(&b[2..]),
                "{c}"
            );
        }
    }

    #[test]
    fn abbreviations_are_no_longer_than_the_length_test() {
        assert_eq!(ABBREVIATION_MAX, 6);
        assert!(is_abbreviation(b"Approx") && is_abbreviation(b"U.S") && !is_abbreviation(b"approxi"));
        // The binary search finds every one, and only those.
        for a in ABBREVIATIONS {
            assert!(
                is_abbreviation(a.as_bytes()) && is_abbreviation(a.to_uppercase().as_bytes()),
                "{a}"
            );
        }
        for w in ["", "c", "cox", "ltdx", "e.gx", "mt", "yoy", "tons", "sept.", "approz"] {
            assert!(!is_abbreviation(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn sentence_events_as_the_sixteen_byte_scan_finds_them() {
        let text =
            "Output rose 1.5% MoM! Why?\tStocks\x0cfell\0 (5.2%). \u{a0}End. and so on, a long run of words".repeat(3);
        let b = text.as_bytes();
        for from in 0..=b.len() {
            for to in from..=b.len() {
                assert_eq!(
                    next_event(b, from, to),
                    crate::bytes::next_sentence_event(b, from, to),
                    "{from}..{to}"
                );
            }
        }
    }

    /// The first sentence event in `b[from..to]` (or `to`), byte by byte.
    fn next_event_reference(b: &[u8], from: usize, to: usize) -> usize {
        (from..to)
            .find(|&k| matches!(b[k], b'.' | b'!' | b'?') || (b[k] < 0x20 && b[k] != b'\t'))
            .unwrap_or(to)
    }

    /// The 32- and 16-byte scans against the byte-by-byte one: one event at every
    /// offset of a plain run (so on both sides of every 16- and 32-byte boundary), and
    /// generated bytes near the tests' edges (tab, 0x1F, space, 0x7F, bytes >= 0x80),
    /// for every `from..to`.
    #[test]
    fn sentence_events_agree_with_a_visit_of_every_byte() {
        let avx2 = crate::bytes::has_avx2();
        let check = |b: &[u8]| {
            for from in 0..=b.len() {
                for to in from..=b.len() {
                    let want = next_event_reference(b, from, to);
                    assert_eq!(next_event(b, from, to), want, "{from}..{to} {b:?}");
                    assert_eq!(next_event_with(b, from, to, avx2), want, "{from}..{to} {b:?}");
                }
            }
        };
        for n in [0, 1, 15, 16, 17, 31, 32, 33, 48, 64, 65, 97] {
            check(&vec![b'a'; n]);
            for at in 0..n {
                for stop in [b'?', 0x1F] {
                    let mut b = vec![b'a'; n];
                    b[at] = stop;
                    check(&b);
                }
            }
        }
        let alphabet = [
            b'a', b'a', b'a', b' ', b'.', b'!', b'?', b'\t', b'\n', b'\r', 0, 0x1F, 0x20, 0x7F, 0x80, 0xC3, 0xFF, b'-',
            b'/', b'>', b'@',
        ];
        let mut next = crate::testing::below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..300 {
            let n = next(90);
            // Mostly plain letters, so that events are far apart in some runs.
            let rare = 1 + next(30);
            let b: Vec<u8> = (0..n)
                .map(|_| {
                    if next(rare) == 0 {
                        alphabet[next(alphabet.len())]
                    } else {
                        b'a'
                    }
                })
                .collect();
            check(&b);
        }
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

    /// The sentence split as it was written first: every byte visited (or the next
    /// stop found by memchr on lines without control characters).
    fn sentences_reference(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut s = start;
        while s < end && b[s].is_ascii_whitespace() {
            s += 1;
        }
        let plain = !b[start..end].iter().any(|&c| c < 0x20 && c != b'\t');
        let mut i = s;
        while i < end {
            let c = b[i];
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
        out
    }

    #[test]
    fn sentences_agree_with_a_visit_of_every_byte() {
        let mut texts = crate::lexicon::tests::sample_texts();
        texts.push("A. B? C! D.. E?! (F.) \"G.\" Co. Ltd. 1. x 2.5 y\x0cz\0w.\r\nU.S. e.g. x".repeat(300));
        texts.push("up 5% ".repeat(3000) + "\u{b}end. " + &"word ".repeat(2000) + "é".repeat(3000).as_str());
        for t in &texts {
            for l in lines(t) {
                assert_eq!(sentences(t, l.start, l.end), sentences_reference(t, l.start, l.end));
            }
            assert_eq!(sentences(t, 0, t.len()), sentences_reference(t, 0, t.len()));
        }
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

    /// [`furniture`] as one regex search per pattern and line, without the DFA and the
    /// document's match spans that let [`lines`] pass most lines over.
    fn furniture_reference(line: &str) -> Option<bool> {
        let f = &*FURNITURE;
        let k = if line.is_ascii() || !NON_ASCII_WORD.is_match(line) {
            1
        } else {
            0
        };
        let anchored = f.anchored[k].matches(line).iter().next().map(|i| f.anchored_rows[i]);
        let floating = f
            .floating
            .iter()
            .zip(&f.floating_rows)
            .find(|(fl, _)| fl.re[k].is_match(line))
            .map(|(_, &row)| row);
        anchored.into_iter().chain(floating).min().map(|row| f.rest[row])
    }

    #[test]
    fn furniture_agrees_with_a_search_of_every_line() {
        let mut texts = crate::lexicon::tests::sample_texts();
        texts.push(
            [
                "Home / Metal News / Copper",
                "HOME › News",
                "Hotline: 400-000",
                "service hotline 400",
                "Tel: +86 21 5166",
                "WeChat：smm",
                "Published: Jan 2, 2025",
                "Source:SMM",
                "icon Jan 27, 2025 20:27",
                "Copyright © 2025 SMM. All Rights Reserved.",
                "© SMM",
                "(c) 2025 SMM",
                "all rights reserved by the author",
                "ALL RIGHTS RESERVED",
                "All rights reserveD and more",
                "Contact: service.en@smm.cn for details",
                "Write to a.b+c@x-y.com.",
                "mail me at @ nothing",
                "Disclaimer: none",
                "Data Source Statement: SMM",
                "For more information, please contact us",
                "5 minutes ago",
                "Read more",
                "Share",
                "Tags: copper",
                "*Survey Methodology",
                "SMM Events",
                "Output",
                "Related News",
                "Latest news:",
                "Output rose 5% in May; all rights are reserved for later.",
                "Zinc ingot output: 500 mt, reserved for export, rights issue",
                "Ürümqi smelter output rose; all rights reserved",
                "Tél: 123",
                "Télé: 123",
                "Hotlineé 400",
                "Tel: é",
                "Shareé",
                "Share é",
                "Read moreé",
                "Tags: é copper",
                "Sourceé: SMM",
                "Source: SMMé",
                "Related Newsé",
                "© é",
                "é Home / News",
                "ÉTel: 1",
                "\u{212A}ontakt",
                "\u{17F}hare",
                "all rights reserved é",
                "é all rights reserved",
                "Contact: é@smm.cn",
            ]
            .join("\n"),
        );
        for t in &texts {
            // The reference reads each line as `lines` does, up to a line that ends the page.
            let mut rest = false;
            for l in lines(t) {
                let body = t[l.start..l.end].trim();
                if body.is_empty() || rest {
                    continue;
                }
                let want = furniture_reference(body);
                assert_eq!(l.kind == LineKind::Furniture, want.is_some(), "{body:?}");
                rest |= want == Some(true);
            }
        }
    }

    #[test]
    fn only_the_listed_characters_outside_ascii_fold_to_ascii() {
        let all: String = ('\u{80}'..=char::MAX).collect();
        let found: Vec<&str> = Regex::new("(?i)[a-z0-9 ]")
            .unwrap()
            .find_iter(&all)
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ASCII_FOLDS.map(|(_, f)| f));
        for (l, f) in ASCII_FOLDS {
            let re = Regex::new(&format!("(?i)^{}$", l as char)).unwrap();
            assert!(re.is_match(f) && re.is_match(&(l as char).to_string()));
        }
    }

    /// The phrase search against the regex's leftmost-first matches, over texts of
    /// near misses in all cases, with the characters case folding maps to ASCII.
    #[test]
    fn phrase_spans_agree_with_the_regex() {
        let f = FURNITURE
            .floating
            .iter()
            .find(|f| f.phrase.is_some())
            .expect("a phrase pattern");
        let (p, _) = f.phrase.as_ref().unwrap();
        let p = String::from_utf8(p.clone()).unwrap();
        let pieces = [
            p.clone(),
            p.to_uppercase(),
            p.replace('s', "\u{17F}"),
            p.replacen('s', "S", 1).replacen('r', "\u{17F}", 1),
            p.replace('e', "\u{e9}"),
            p[..p.len() - 1].to_string(),
            p[1..].to_string(),
            "é".into(),
            "\u{212A}".into(),
            "\u{17F}".into(),
            " ".into(),
            "\n".into(),
            "v".into(),
            "V".into(),
            "ved ".into(),
            "all rights".into(),
        ];
        let mut seed = 7u64;
        for n in 0..3000 {
            let mut t = String::new();
            for _ in 0..(n % 12) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let piece = &pieces[(seed >> 33) as usize % pieces.len()];
                // Flip the case of some letters.
                for (i, ch) in piece.chars().enumerate() {
                    if (seed >> (i % 29)) & 1 == 1 {
                        t.extend(ch.to_uppercase());
                    } else {
                        t.push(ch);
                    }
                }
            }
            let want: Vec<_> = f.re[1].find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(f.spans_in(&t), Some(want), "{t:?}");
        }
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
