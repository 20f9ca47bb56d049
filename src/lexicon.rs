//! Domain vocabulary, compiled into the binary from `data/*.tsv` and turned
//! into one index of token sequences once per process ([`find_all`], [`HitScan`]; see `phrases`).
//!
//! Every vocabulary answers the same question: which of its phrases occur in a
//! text, on word boundaries, leftmost-longest. Aliases are matched
//! case-insensitively unless written with a leading `=` (then exactly: `=US`
//! must not match the pronoun "us").

use crate::numbers::QKind;
#[cfg(test)]
use crate::phrases::is_word_byte;
use crate::phrases::PhraseIndex;
#[cfg(test)]
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// One vocabulary hit: byte span in the text and the payload index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub id: u32,
    /// The payload's [`Vocab::tags`] entry, carried along (it fits the padding) so that
    /// rules testing cue flags again and again do not look the payload up each time.
    pub tag: u32,
}

/// One vocabulary: its phrases and their payloads. Text is searched by the phrase index of
/// [`find_all`]; the vocabulary's own automata are the tests' independent reference.
pub struct Vocab<T> {
    /// Leftmost-longest: the phrase a scan takes when it is word-bounded (the usual case).
    #[cfg(test)]
    ac: AhoCorasick,
    /// Every phrase (overlapping): the fallback when the longest is not word-bounded.
    #[cfg(test)]
    all: AhoCorasick,
    /// Length of the longest phrase.
    #[cfg(test)]
    max_len: usize,
    /// Per pattern: payload index and whether case must match exactly.
    patterns: Vec<(u32, Option<&'static str>)>,
    /// Per pattern: the lowercased phrase the automata search for.
    keys: Vec<String>,
    pub payloads: Vec<T>,
    /// Per payload, the tag its hits carry: the flags of a cue, 0 in other vocabularies.
    tags: Vec<u32>,
}

impl<T> Vocab<T> {
    /// `entries`: (alias, payload index). Duplicate aliases keep their first payload.
    fn build(entries: Vec<(&'static str, u32)>, payloads: Vec<T>) -> Self {
        let mut seen = HashMap::new();
        let mut pats = Vec::new();
        let mut patterns = Vec::new();
        for (alias, id) in entries {
            let (exact, text) = match alias.strip_prefix('=') {
                Some(t) => (Some(t), t),
                None => (None, alias),
            };
            let key = text.to_ascii_lowercase();
            if key.is_empty() || seen.insert((key.clone(), exact.is_some()), ()).is_some() {
                continue;
            }
            pats.push(key);
            patterns.push((id, exact));
        }
        #[cfg(test)]
        let automaton = |kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(kind)
                // A full DFA: one table lookup per byte.
                .kind(Some(AhoCorasickKind::DFA))
                .build(&pats)
                .expect("vocabulary compiles")
        };
        Vocab {
            #[cfg(test)]
            ac: automaton(MatchKind::LeftmostLongest),
            #[cfg(test)]
            all: automaton(MatchKind::Standard),
            #[cfg(test)]
            max_len: pats.iter().map(String::len).max().unwrap_or(0),
            patterns,
            keys: pats,
            tags: vec![0; payloads.len()],
            payloads,
        }
    }

    /// Every phrase starting at `s` as (pattern, end); overlapping search over the
    /// longest phrase's length (anchored overlapping search is not offered).
    #[cfg(test)]
    fn phrases_at<'t>(&'t self, text: &'t str, s: usize) -> impl Iterator<Item = (usize, usize)> + 't {
        let span = Input::new(text).range(s..(s + self.max_len).min(text.len()));
        self.all
            .find_overlapping_iter(span)
            .filter(move |m| m.start() == s)
            .map(|m| (m.pattern().as_usize(), m.end()))
    }

    /// The hit of pattern `pattern` at `s..e` if it is one: spelled as required
    /// ([`spelled_hit`]), and no word character at an edge continuing into the text.
    #[cfg(test)]
    fn hit(&self, text: &str, pattern: usize, s: usize, e: usize) -> Option<Hit> {
        let bytes = text.as_bytes();
        if is_word_byte(bytes[s]) && s > 0 && is_word_byte(bytes[s - 1]) {
            return None;
        }
        if is_word_byte(bytes[e - 1]) && e < bytes.len() && is_word_byte(bytes[e]) {
            return None;
        }
        let (id, exact) = self.patterns[pattern];
        spelled_hit(text, s, e, id, self.tags[id as usize], exact)
    }

    /// All word-bounded occurrences, leftmost-longest and non-overlapping: the
    /// reference [`find_all`] is tested against, by other means (automata).
    ///
    /// Scanning left to right, each hit is the longest word-bounded phrase at the
    /// leftmost position that has one. The leftmost-longest automaton finds the
    /// leftmost position with any phrase; when its longest phrase there is not
    /// word-bounded, the shorter phrases at that position are tried, and failing
    /// those the scan goes on from the next byte.
    #[cfg(test)]
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            let Some(m) = self.ac.find(Input::new(text).range(pos..)) else {
                break;
            };
            let s = m.start();
            // Inside a word no phrase is bounded: one starting with a word character
            // continues the word, one starting otherwise cannot start there. Skip the word.
            if is_word_byte(bytes[s]) && s > 0 && is_word_byte(bytes[s - 1]) {
                pos = bytes[s..]
                    .iter()
                    .position(|&b| !is_word_byte(b))
                    .map_or(bytes.len(), |k| s + k);
                continue;
            }
            let best = {
                self.hit(text, m.pattern().as_usize(), s, m.end()).or_else(|| {
                    let mut best: Option<Hit> = None;
                    for (pattern, end) in self.phrases_at(text, s) {
                        if best.is_none_or(|b| end > b.end) {
                            best = self.hit(text, pattern, s, end).or(best);
                        }
                    }
                    best
                })
            };
            match best {
                Some(h) => {
                    pos = h.end;
                    out.push(h);
                }
                None => pos = s + 1,
            }
        }
        out
    }

    pub fn payload(&self, h: &Hit) -> &T {
        &self.payloads[h.id as usize]
    }
}

/// A hit of a phrase with payload `id` at `s..e`, if it is spelled in the case
/// required (`exact`). The phrase index finds phrases on token boundaries only (a
/// token is a whole run of word bytes or one other byte), so its hits are
/// word-bounded already.
#[inline]
fn spelled_hit(text: &str, s: usize, e: usize, id: u32, tag: u32, exact: Option<&'static str>) -> Option<Hit> {
    if exact.is_some_and(|x| &text[s..e] != x) {
        return None;
    }
    // A word glued to a dollar sign is the prefix of a currency ("US$3.7 billion", "HK$"),
    // not a mention of the country.
    if text.as_bytes().get(e) == Some(&b'$') {
        return None;
    }
    Some(Hit {
        start: s,
        end: e,
        id,
        tag,
    })
}

/// The hits of the five text vocabularies, as their own `find` gives them, in one pass.
pub struct AllHits {
    pub cues: Vec<Hit>,
    pub metrics: Vec<Hit>,
    pub commodities: Vec<Hit>,
    pub regions: Vec<Hit>,
    pub segments: Vec<Hit>,
}

/// Where a phrase of an index comes from, and what its hits carry.
#[derive(Clone, Copy)]
struct Source {
    /// 0 cues, 1 metrics, 2 commodities, 3 regions, 4 segments.
    vocab: u8,
    pattern: u32,
    /// The payload index and tag of its hits.
    id: u32,
    tag: u32,
    /// The phrase as it must be written, when case must match.
    exact: Option<&'static str>,
}

/// Every phrase of the five vocabularies, as token sequences.
static ALL: Lazy<PhraseIndex<Source>> = Lazy::new(|| {
    let vocabularies = [
        (&CUES.keys, &CUES.patterns, &CUES.tags),
        (&METRICS.keys, &METRICS.patterns, &METRICS.tags),
        (&COMMODITIES.keys, &COMMODITIES.patterns, &COMMODITIES.tags),
        (&REGIONS.keys, &REGIONS.patterns, &REGIONS.tags),
        (&SEGMENTS.keys, &SEGMENTS.patterns, &SEGMENTS.tags),
    ];
    let mut phrases = Vec::new();
    for (v, (keys, patterns, tags)) in vocabularies.into_iter().enumerate() {
        for (i, k) in keys.iter().enumerate() {
            let (id, exact) = patterns[i];
            let source = Source {
                vocab: v as u8,
                pattern: i as u32,
                id,
                tag: tags[id as usize],
                exact,
            };
            phrases.push((k.as_str(), source));
        }
    }
    PhraseIndex::build(phrases)
});

/// Per vocabulary, [`Vocab::find`]'s choice as the scan goes: at each start, the
/// longest bounded phrase (the first pattern among equally long ones), and the
/// next hit only from its end on.
#[derive(Default)]
struct Picks {
    hits: Vec<Hit>,
    /// Pattern of the last hit taken.
    pattern: u32,
}

impl Picks {
    /// Offers a bounded phrase; phrases come by start, and by end within a start.
    /// Always inlined: it is the whole of the scan's work per hit.
    #[inline(always)]
    fn offer(&mut self, pattern: u32, h: Hit) {
        match self.hits.last_mut() {
            Some(last) if h.start < last.end => {
                // Same start: the longer phrase, or the earlier pattern of as long a one.
                if last.start == h.start && (h.end > last.end || (h.end == last.end && pattern < self.pattern)) {
                    *last = h;
                    self.pattern = pattern;
                }
            }
            _ => {
                self.hits.push(h);
                self.pattern = pattern;
            }
        }
    }
}

/// `CUES.find(text)`, `METRICS.find(text)`, ... with one scan of the text.
pub fn find_all(text: &str) -> AllHits {
    find_in(text, 0, text.len())
}

/// [`find_all`] of the stretch `text[from..to]`, in the context of the whole text.
pub fn find_in(text: &str, from: usize, to: usize) -> AllHits {
    let mut scan = HitScan::default();
    scan.scan(text, from, to);
    scan.finish()
}

/// [`find_in`], the hits handed to `f` as the thread's one reusable [`HitScan`]
/// holds them: short stretches read again and again (headings, sentences asked
/// for their topic) need no new vectors. `f` must not call this function itself.
pub fn with_hits_in<R>(text: &str, from: usize, to: usize, f: impl FnOnce(&HitScan) -> R) -> R {
    thread_local! {
        static SCAN: std::cell::RefCell<HitScan> = std::cell::RefCell::new(HitScan::default());
    }
    SCAN.with(|scan| {
        let mut scan = scan.borrow_mut();
        scan.clear();
        scan.scan(text, from, to);
        f(&scan)
    })
}

/// Vocabulary hits of a text, gathered stretch by stretch in text order. Stretches
/// left out are not searched; within and across the searched ones the choice
/// is [`Vocab::find`]'s, as if the text between them held no phrase.
#[derive(Default)]
pub struct HitScan {
    picks: [Picks; 5],
}

impl HitScan {
    /// Room for the hits a text of `len` bytes usually has (a cue every 40 bytes or so).
    pub fn for_text(len: usize) -> Self {
        let mut scan = HitScan::default();
        for (picks, per) in scan.picks.iter_mut().zip([32, 64, 128, 256, 512]) {
            picks.hits.reserve(len / per);
        }
        scan
    }

    /// Finds the phrases starting in `text[from..to]` (they may run past `to`).
    pub fn scan(&mut self, text: &str, from: usize, to: usize) {
        let picks = &mut self.picks;
        ALL.scan(text.as_bytes(), from, to, |s, e, sources| {
            for src in sources {
                if let Some(h) = spelled_hit(text, s, e, src.id, src.tag, src.exact) {
                    // SAFETY: `ALL` gives each source a vocabulary number below 5.
                    unsafe { picks.get_unchecked_mut(src.vocab as usize) }.offer(src.pattern, h);
                }
            }
        });
    }

    /// Forgets the hits, keeps the room they took.
    pub fn clear(&mut self) {
        for p in &mut self.picks {
            p.hits.clear();
        }
    }

    pub fn cues(&self) -> &[Hit] {
        &self.picks[0].hits
    }

    pub fn metrics(&self) -> &[Hit] {
        &self.picks[1].hits
    }

    pub fn commodities(&self) -> &[Hit] {
        &self.picks[2].hits
    }

    pub fn regions(&self) -> &[Hit] {
        &self.picks[3].hits
    }

    pub fn segments(&self) -> &[Hit] {
        &self.picks[4].hits
    }

    pub fn finish(self) -> AllHits {
        let [c0, c1, c2, c3, c4] = self.picks.map(|p| p.hits);
        AllHits {
            cues: c0,
            metrics: c1,
            commodities: c2,
            regions: c3,
            segments: c4,
        }
    }
}

/// Lines of a TSV data file, without comments and blank lines.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn aliases(field: &'static str) -> impl Iterator<Item = &'static str> {
    field.split('|').map(str::trim).filter(|a| !a.is_empty())
}

// ---- commodities ----------------------------------------------------------

pub static COMMODITIES: Lazy<Vocab<&'static str>> = Lazy::new(|| {
    let mut entries = Vec::new();
    let mut names = Vec::new();
    for r in rows(include_str!("../data/commodities.tsv")) {
        let id = names.len() as u32;
        let canonical = r[0];
        names.push(canonical);
        // The canonical name with spaces is an alias too ("copper_cathode" -> "copper cathode").
        let spaced: &'static str = Box::leak(canonical.replace('_', " ").into_boxed_str());
        entries.push((spaced, id));
        if let Some(f) = r.get(1) {
            entries.extend(aliases(f).map(|a| (a, id)));
        }
    }
    // Product forms without their metal: payload "~form" (see `form_of`, `complete_form`).
    for r in rows(include_str!("../data/forms.tsv")) {
        let id = names.len() as u32;
        names.push(Box::leak(format!("~{}", r[0]).into_boxed_str()));
        entries.extend(aliases(r[1]).map(|a| (a, id)));
    }
    Vocab::build(entries, names)
});

/// The product form a commodity payload names without its metal ("~concentrate" ->
/// "concentrate"), if it is one (`data/forms.tsv`).
pub fn form_of(commodity: &str) -> Option<&str> {
    commodity.strip_prefix('~')
}

/// `commodity` as a commodity of its own: a form without its metal (see [`form_of`])
/// becomes that form of the metal of `context` ("~concentrate" in a `copper_cathode`
/// report -> `copper_concentrate`), or `None` when no word of `context` is a metal
/// the form is listed with.
pub fn complete_form(commodity: &'static str, context: Option<&'static str>) -> Option<&'static str> {
    let Some(form) = form_of(commodity) else {
        return Some(commodity);
    };
    let context = context.filter(|c| form_of(c).is_none())?;
    context.split('_').find_map(|word| {
        FORM_COMPLETIONS
            .iter()
            .find(|(f, metal, _)| *f == form && *metal == word)
            .map(|c| c.2)
    })
}

/// (form, metal, commodity) of `data/forms.tsv`: "concentrate", "copper" -> `copper_concentrate`.
static FORM_COMPLETIONS: Lazy<Vec<(&'static str, &'static str, &'static str)>> = Lazy::new(|| {
    let mut out = Vec::new();
    for r in rows(include_str!("../data/forms.tsv")) {
        for metal in aliases(r[2]) {
            let phrase = format!("{metal} {}", r[0]);
            let hits = find_in(&phrase, 0, phrase.len()).commodities;
            match hits.as_slice() {
                [h] if h.start == 0 && h.end == phrase.len() => out.push((r[0], metal, *COMMODITIES.payload(h))),
                _ => panic!("data/forms.tsv: {phrase:?} names no commodity"),
            }
        }
    }
    out
});

/// The canonical commodity a whole heading names ("Nickel Pig Iron (NPI)" -> `npi`),
/// allowing a leading "Overseas"/"Indonesian" qualifier and a trailing abbreviation.
pub fn commodity_of_heading(heading: &str) -> Option<&'static str> {
    // The phrase index of `find_all` (hot in cache while a document is read) rather than the
    // vocabulary's own automaton, which is cold by the time the next heading comes.
    let first = with_hits_in(heading, 0, heading.len(), |h| h.commodities().first().copied())?;
    commodity_of_heading_from(heading, 0, heading.len(), &first)
}

/// [`commodity_of_heading`] of `text[s..e]`, given the first commodity hit in it
/// (offsets in `text`): a reader whose scan searched the heading already has it.
pub fn commodity_of_heading_from(text: &str, s: usize, e: usize, first: &Hit) -> Option<&'static str> {
    // A list marker may number the heading ("1. Refined Zinc", "PART B. POLYSILICON").
    let lead = strip_list_marker(text[s..first.start].trim());
    // Only a region may lead: "Overseas Aluminum", "Indonesian NPI".
    let lead_ok = lead.is_empty()
        || with_hits_in(
            lead,
            0,
            lead.len(),
            |h| matches!(h.regions(), [r] if r.end - r.start == lead.len()),
        );
    let rest = text[first.end..e].trim();
    // A form stands for "<metal> <form>": "Concentrate imports by origin" in a copper report.
    let named = text[first.start..first.end].contains([' ', '-']) || form_of(COMMODITIES.payload(first)).is_some();
    // "Iron ore: arrivals outpace pick-ups": a tagline after a colon says no more.
    let rest_ok = (rest.starts_with('(') && rest.ends_with(')'))
        || rest.starts_with(':') && (named || !tagline_is_flow(&rest[1..]))
        || rest.split_ascii_whitespace().all(|w| {
            HEADING_WORDS
                .iter()
                .any(|&(h, only_named)| w.eq_ignore_ascii_case(h) && (named || !only_named))
        });
    (lead_ok && rest_ok).then(|| *COMMODITIES.payload(first))
}

/// Whether a heading's tagline starts with a flow word ("Copper: imports by origin"),
/// which after a bare metal may head a sub-section on another of its products.
fn tagline_is_flow(tagline: &str) -> bool {
    let first = tagline.split_ascii_whitespace().next().unwrap_or("");
    HEADING_WORDS
        .iter()
        .any(|&(h, only_named)| only_named && first.eq_ignore_ascii_case(h))
}

/// `lead` without the list marker that numbers a heading: "1.", "2)", "(3)", "B.",
/// "IV.", "Part A.", "Section 2:". A marker is one short token (digits, one letter,
/// a roman numeral) closed by punctuation, or any such token after "part"/"section"/
/// "chapter"; a bare word ("China") is no marker.
fn strip_list_marker(lead: &str) -> &str {
    let (word, rest) = lead.split_once(char::is_whitespace).unwrap_or((lead, ""));
    let named = ["part", "section", "chapter"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w));
    let (token, rest) = if named {
        let rest = rest.trim_start();
        rest.split_once(char::is_whitespace).unwrap_or((rest, ""))
    } else {
        (word, rest)
    };
    let closed = token.ends_with(['.', ')', ':']) || (token.starts_with('(') && token.ends_with(')'));
    let core = token.trim_start_matches('(').trim_end_matches(['.', ')', ':']);
    let short = !core.is_empty()
        && ((core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit()))
            || (core.len() == 1 && core.bytes().all(|b| b.is_ascii_alphabetic()))
            || (core.len() <= 4 && core.bytes().all(|b| b"IVXivx".contains(&b))));
    if short && (closed || named) {
        rest.trim_start()
    } else {
        lead
    }
}

/// The words that may follow the commodity of a section's heading, and whether only
/// after a product named in two or more words (`data/heading_words.tsv`).
static HEADING_WORDS: Lazy<Vec<(&'static str, bool)>> = Lazy::new(|| {
    rows(include_str!("../data/heading_words.tsv"))
        .map(|r| (r[0], r.get(1) == Some(&"named")))
        .collect()
});

// ---- regions --------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    Country,
    Province,
    Area,
}

pub struct Region {
    pub name: &'static str,
    pub kind: RegionKind,
}

pub static REGIONS: Lazy<Vocab<Region>> = Lazy::new(|| {
    let mut entries = Vec::new();
    let mut regions = Vec::new();
    for r in rows(include_str!("../data/regions.tsv")) {
        let id = regions.len() as u32;
        let kind = match r[1] {
            "country" => RegionKind::Country,
            "province" => RegionKind::Province,
            _ => RegionKind::Area,
        };
        regions.push(Region { name: r[0], kind });
        entries.push((r[0], id));
        if let Some(f) = r.get(2) {
            entries.extend(aliases(f).map(|a| (a, id)));
        }
    }
    Vocab::build(entries, regions)
});

// ---- segments -------------------------------------------------------------

pub static SEGMENTS: Lazy<Vocab<()>> = Lazy::new(|| {
    let entries: Vec<_> = rows(include_str!("../data/segments.tsv")).map(|r| (r[0], 0)).collect();
    Vocab::build(entries, vec![()])
});

// ---- metrics --------------------------------------------------------------

/// Metric cue payloads: the metric name, or `None` for phrases that only block shorter cues.
pub static METRICS: Lazy<Vocab<Option<&'static str>>> = Lazy::new(|| {
    let mut entries = Vec::new();
    let mut payloads: Vec<Option<&'static str>> = Vec::new();
    for r in rows(include_str!("../data/metrics.tsv")) {
        let id = payloads.len() as u32;
        payloads.push((r[0] != "-").then_some(r[0]));
        entries.extend(aliases(r[1]).map(|a| (a, id)));
    }
    Vocab::build(entries, payloads)
});

// ---- cues -----------------------------------------------------------------

/// Bit flags of what a cue phrase signals (a phrase may signal several).
pub mod cue {
    pub const UP: u32 = 1;
    pub const DOWN: u32 = 1 << 1;
    pub const UP_AFTER: u32 = 1 << 2;
    pub const DOWN_AFTER: u32 = 1 << 3;
    pub const LEVEL: u32 = 1 << 4;
    pub const MOM: u32 = 1 << 5;
    pub const YOY: u32 = 1 << 6;
    pub const WOW: u32 = 1 << 7;
    pub const QOQ: u32 = 1 << 8;
    pub const DOD: u32 = 1 << 9;
    pub const VS_EXPECTED: u32 = 1 << 10;
    pub const ABOUT: u32 = 1 << 11;
    pub const OVER: u32 = 1 << 12;
    pub const UNDER: u32 = 1 << 13;
    pub const FORECAST_BEFORE: u32 = 1 << 14;
    pub const FORWARD: u32 = 1 << 15;
    pub const PAST: u32 = 1 << 16;
    pub const GRADE_AFTER: u32 = 1 << 17;
    /// A week or a day of the week names the period ("this week", "on Thursday"); the
    /// others say which week: the last or the next one.
    pub const WEEK: u32 = 1 << 18;
    pub const WEEK_LAST: u32 = 1 << 19;
    pub const WEEK_NEXT: u32 = 1 << 20;
    pub const WEEKDAY: u32 = 1 << 21;
    /// Where a [`WEEKDAY`] cue keeps its day (0 Monday .. 6 Sunday), three bits.
    pub const DAY_SHIFT: u32 = 24;
    pub const PERIOD: u32 = WEEK | WEEKDAY;

    pub const DIRECTION: u32 = UP | DOWN;
    pub const BASIS: u32 = MOM | YOY | WOW | QOQ | DOD | VS_EXPECTED;
    pub const APPROX: u32 = ABOUT | OVER | UNDER;

    pub fn from_kind(kind: &str) -> u32 {
        match kind {
            "up" => UP,
            "down" => DOWN,
            "up_after" => UP_AFTER,
            "down_after" => DOWN_AFTER,
            "level" => LEVEL,
            "basis:mom" => MOM,
            "basis:yoy" => YOY,
            "basis:wow" => WOW,
            "basis:qoq" => QOQ,
            "basis:dod" => DOD,
            "basis:vs_expected" => VS_EXPECTED,
            "approx:about" => ABOUT,
            "approx:over" => OVER,
            "approx:under" => UNDER,
            "forecast_before" => FORECAST_BEFORE,
            "forward" => FORWARD,
            "past" => PAST,
            "grade_after" => GRADE_AFTER,
            "period:week" => WEEK,
            "period:last_week" => WEEK | WEEK_LAST,
            "period:next_week" => WEEK | WEEK_NEXT,
            day if day.starts_with("period:") => {
                let days = [
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ];
                match days.iter().position(|d| day[7..] == **d) {
                    Some(i) => WEEKDAY | (i as u32) << DAY_SHIFT,
                    None => panic!("unknown cue kind {day:?} in data/cues.tsv"),
                }
            }
            other => panic!("unknown cue kind {other:?} in data/cues.tsv"),
        }
    }

    /// The basis name a set of flags names first.
    pub fn basis_name(flags: u32) -> Option<&'static str> {
        [
            (VS_EXPECTED, "vs_expected"),
            (MOM, "mom"),
            (YOY, "yoy"),
            (WOW, "wow"),
            (QOQ, "qoq"),
            // The contract (GUIDE.md) has no day-on-day basis: a change from the day before is `change`.
            (DOD, "change"),
        ]
        .into_iter()
        .find(|(f, _)| flags & f != 0)
        .map(|(_, n)| n)
    }
}

pub static CUES: Lazy<Vocab<u32>> = Lazy::new(|| {
    // Merge the flags of a phrase listed under several kinds.
    let mut flags: Vec<(&'static str, u32)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in rows(include_str!("../data/cues.tsv")) {
        let f = cue::from_kind(r[0]);
        for a in aliases(r[1]) {
            let k = a.to_ascii_lowercase();
            match index.get(&k) {
                Some(&i) => flags[i].1 |= f,
                None => {
                    index.insert(k, flags.len());
                    flags.push((a, f));
                }
            }
        }
    }
    // "36% more than a year earlier": "more than" is a cue of its own (an approximation
    // before a number), which would hide the basis that starts at its "than" (hits of a
    // vocabulary do not overlap). A word of direction after the number joined to a basis
    // phrase that starts with "than" is one phrase with the flags of both.
    let after: Vec<(&str, u32)> = flags
        .iter()
        .filter(|(a, f)| f & (cue::UP_AFTER | cue::DOWN_AFTER) != 0 && !a.contains(' '))
        .map(|&(a, f)| (a, f & (cue::UP_AFTER | cue::DOWN_AFTER)))
        .collect();
    let than: Vec<(&str, u32)> = flags
        .iter()
        .filter(|(a, f)| f & cue::BASIS != 0 && a.starts_with("than "))
        .copied()
        .collect();
    for &(w, wf) in &after {
        for &(b, bf) in &than {
            let phrase = format!("{w} {b}");
            if let std::collections::hash_map::Entry::Vacant(slot) = index.entry(phrase.to_ascii_lowercase()) {
                slot.insert(flags.len());
                flags.push((Box::leak(phrase.into_boxed_str()), wf | bf));
            }
        }
    }
    let entries = flags.iter().enumerate().map(|(i, (a, _))| (*a, i as u32)).collect();
    let mut vocab = Vocab::build(entries, flags.into_iter().map(|(_, f)| f).collect());
    vocab.tags = vocab.payloads.clone();
    vocab
});

// ---- units ----------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
pub struct Unit {
    pub canonical: &'static str,
    pub multiplier: f64,
    /// Units of a data file are never money: currencies live in their own file.
    pub kind: QKind,
}

pub static UNITS: Lazy<Vec<(&'static str, Unit)>> = Lazy::new(|| {
    let mut v: Vec<(&'static str, Unit)> = rows(include_str!("../data/units.tsv"))
        .map(|r| {
            let kind = match r[3] {
                "mass" => QKind::Mass,
                "rate_year" => QKind::RateYear,
                "rate_day" => QKind::RateDay,
                "pct" => QKind::Pct,
                "pp" => QKind::Pp,
                _ => QKind::Energy,
            };
            (
                r[0],
                Unit {
                    canonical: r[1],
                    multiplier: r[2].parse().expect("unit multiplier"),
                    kind,
                },
            )
        })
        .collect();
    // Longest surface first, so "mt/year" is tried before "mt".
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurrencyPos {
    Pre,
    Post,
    Both,
}

pub static CURRENCIES: Lazy<Vec<(&'static str, &'static str, CurrencyPos)>> = Lazy::new(|| {
    let mut v: Vec<_> = rows(include_str!("../data/currencies.tsv"))
        .map(|r| {
            let pos = match r[2] {
                "pre" => CurrencyPos::Pre,
                "post" => CurrencyPos::Post,
                _ => CurrencyPos::Both,
            };
            (r[0], r[1], pos)
        })
        .collect();
    v.sort_by_key(|(s, _, _)| std::cmp::Reverse(s.len()));
    v
});

pub static PER_UNITS: Lazy<Vec<(&'static str, &'static str)>> = Lazy::new(|| {
    let mut v: Vec<_> = rows(include_str!("../data/per_units.tsv"))
        .map(|r| (r[0], r[1]))
        .collect();
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v
});

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Texts to compare fast paths against the reference scans: the shared corpus
    /// (when present), the bundled samples and fixtures, and mangled copies of them.
    pub(crate) fn sample_texts() -> Vec<String> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts = Vec::new();
        for dir in ["../shared/corpus", "python/assay/samples", "tests/fixtures"] {
            let Ok(rd) = std::fs::read_dir(format!("{root}/{dir}")) else {
                continue;
            };
            for e in rd.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        let n = texts.len();
        for i in 0..n {
            let t = &texts[i];
            // Case flipped, words glued, non-ASCII letters next to words.
            let flipped: String = t
                .chars()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect();
            let glued = t.replace(' ', "");
            let accented = t.replace(" ", " é").replace(".", "á.");
            let short: String = t.split_whitespace().collect::<Vec<_>>().join("_");
            texts.extend([flipped, glued, accented, short]);
        }
        texts
    }

    #[test]
    fn find_all_agrees_with_each_vocabulary() {
        for t in sample_texts() {
            let all = find_all(&t);
            assert_eq!(all.cues, CUES.find(&t));
            assert_eq!(all.metrics, METRICS.find(&t));
            assert_eq!(all.commodities, COMMODITIES.find(&t));
            assert_eq!(all.regions, REGIONS.find(&t));
            assert_eq!(all.segments, SEGMENTS.find(&t));
        }
    }

    /// Texts stitched at random from vocabulary phrases, their pieces and the
    /// characters around words that matter to the scan: joints, underscores,
    /// digits, non-ASCII letters, case changes, long words and cut-off ends.
    #[test]
    fn find_all_agrees_with_each_vocabulary_on_stitched_text() {
        let keys: Vec<&str> = [
            &CUES.keys,
            &METRICS.keys,
            &COMMODITIES.keys,
            &REGIONS.keys,
            &SEGMENTS.keys,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
        let glue = [" ", "  ", "-", "/", ".", ",", "_", "é", "(", "\n", "7", "x", "=", ""];
        let mut next = crate::testing::below(0x2545_F491_4F6C_DD1D);
        for _ in 0..400 {
            let mut t = String::new();
            for _ in 0..1 + next(12) {
                let k = keys[next(keys.len())];
                let piece = match next(6) {
                    0 => k.to_ascii_uppercase(),
                    1 => k[..k.floor_char_boundary(1 + next(k.len()))].to_string(),
                    2 => format!("{k}{}", "s".repeat(next(20))),
                    _ => k.to_string(),
                };
                t.push_str(&piece);
                t.push_str(glue[next(glue.len())]);
            }
            let all = find_all(&t);
            assert_eq!(all.cues, CUES.find(&t), "{t:?}");
            assert_eq!(all.metrics, METRICS.find(&t), "{t:?}");
            assert_eq!(all.commodities, COMMODITIES.find(&t), "{t:?}");
            assert_eq!(all.regions, REGIONS.find(&t), "{t:?}");
            assert_eq!(all.segments, SEGMENTS.find(&t), "{t:?}");
        }
    }

    #[test]
    fn headings_fold_spelling_variants() {
        for (h, c) in [
            ("Titanium Sponge", "sponge_titanium"),
            ("Sponge Titanium", "sponge_titanium"),
            ("Sodium Antimonate", "sodium_pyroantimonate"),
            ("Sodium Pyroantimonate", "sodium_pyroantimonate"),
            ("Nickel Pig Iron (NPI)", "npi"),
            ("NPI", "npi"),
            ("Light Rare Earth", "light_rare_earth"),
            ("Light Rare Earths", "light_rare_earth"),
            ("High-carbon ferrochrome", "high_carbon_ferrochrome"),
            ("Overseas Aluminum", "aluminum"),
            ("Industrial Silicon Futures", "silicon"),
            ("Copper Market Weekly Review", "copper_cathode"),
            ("1. Refined Zinc", "zinc"),
            ("2) Iron ore", "iron_ore"),
            ("(3) Cobalt", "cobalt"),
            ("PART B. POLYSILICON", "polysilicon"),
            ("IV. Overseas Aluminum", "aluminum"),
            ("Section 2: Alumina", "alumina"),
            ("1. Copper concentrate imports by origin", "copper_concentrate"),
            ("Iron ore: arrivals outpace pick-ups", "iron_ore"),
        ] {
            assert_eq!(commodity_of_heading(h), Some(c), "{h}");
        }
        // A flow after a bare metal may head a sub-section on another of its products.
        assert_eq!(commodity_of_heading("Copper imports by origin"), None);
        assert_eq!(commodity_of_heading("Copper: imports by origin"), None);
        assert_eq!(
            commodity_of_heading("By Country: Korea Remains Core Export Market"),
            None
        );
        // Only a marker closed by punctuation, not a word or a figure, numbers a heading.
        for h in ["3 Copper", "2025. Copper", "A Copper", "Key Aluminum"] {
            assert_eq!(commodity_of_heading(h), None, "{h}");
        }
        // A flow after the commodity heads a sub-section: the section's commodity stays.
        assert_eq!(commodity_of_heading("Copper Imports"), None);
    }

    #[test]
    fn steel_products_and_cobalt_hydroxide_are_commodities_of_their_own() {
        let t = "crude steel, hot-rolled coil, HRC, rebar, pig iron, hot metal, nickel pig iron, \
                 cobalt hydroxide and cobalt intermediates";
        let names: Vec<_> = COMMODITIES.find(t).iter().map(|h| *COMMODITIES.payload(h)).collect();
        assert_eq!(
            names,
            [
                "crude_steel",
                "hot_rolled_coil",
                "hot_rolled_coil",
                "rebar",
                "hot_metal",
                "hot_metal",
                "npi",
                "cobalt_hydroxide",
                "cobalt_intermediate"
            ]
        );
    }

    #[test]
    fn a_form_without_its_metal_takes_the_metal_of_its_context() {
        let form = |t: &str| *COMMODITIES.payload(&COMMODITIES.find(t)[0]);
        assert_eq!(form("clean concentrate"), "~concentrate");
        assert_eq!(form("Cathodes"), "~cathode");
        let c = complete_form;
        assert_eq!(
            c(form("concentrate"), Some("copper_cathode")),
            Some("copper_concentrate")
        );
        assert_eq!(c(form("concentrate"), Some("zinc")), Some("zinc_concentrate"));
        assert_eq!(c(form("concentrate"), Some("primary_lead")), Some("lead_concentrate"));
        assert_eq!(c(form("cathode"), Some("copper_concentrate")), Some("copper_cathode"));
        // Lithium concentrate is lithium ore (spodumene).
        assert_eq!(c(form("concentrate"), Some("lithium_carbonate")), Some("lithium_ore"));
        // No such form of a listed metal, or no context: no commodity. A battery
        // cathode is no nickel cathode.
        assert_eq!(c(form("concentrate"), Some("lfp")), None);
        assert_eq!(c(form("cathode"), Some("nickel_sulphate")), None);
        assert_eq!(c(form("cathode"), None), None);
        // A commodity of its own stays as it is.
        assert_eq!(c("alumina", Some("copper_cathode")), Some("alumina"));
    }

    #[test]
    fn word_boundaries_and_exact_case() {
        let hits = REGIONS.find("Let us see the US market and Russia.");
        let names: Vec<_> = hits.iter().map(|h| REGIONS.payload(h).name).collect();
        assert_eq!(names, ["United States", "Russia"]);
        assert!(COMMODITIES.find("copperish").is_empty());
        let hits = REGIONS.find("worth US$3.7 billion, mostly to the US.");
        let names: Vec<_> = hits.iter().map(|h| REGIONS.payload(h).name).collect();
        assert_eq!(names, ["United States"], "the currency prefix is no mention");
        assert_eq!(find_all("worth US$3.7 billion, mostly to the US.").regions, hits);
    }

    /// The definition: every word-bounded occurrence, then greedily the longest at the leftmost start.
    fn find_by_definition<T>(v: &Vocab<T>, text: &str) -> Vec<Hit> {
        let mut all = Vec::new();
        for s in (0..text.len()).filter(|&s| text.is_char_boundary(s)) {
            for (pattern, end) in v.phrases_at(text, s) {
                all.extend(v.hit(text, pattern, s, end));
            }
        }
        all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Hit> = Vec::new();
        for h in all {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }

    #[test]
    fn fast_find_agrees_with_the_definition() {
        let mut texts: Vec<String> = vec![
            "Let us see the US market and Russia. copperish copper cathode output in-line up-to".into(),
            "Imports from Chile rose 5% MoM; exports to the U.S. fell year-on-year, down 3% y/y.".into(),
        ];
        if let Ok(dir) = std::fs::read_dir("../shared/corpus") {
            texts.extend(dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()));
        }
        for t in &texts {
            assert_eq!(CUES.find(t), find_by_definition(&CUES, t));
            assert_eq!(METRICS.find(t), find_by_definition(&METRICS, t));
            assert_eq!(COMMODITIES.find(t), find_by_definition(&COMMODITIES, t));
            assert_eq!(REGIONS.find(t), find_by_definition(&REGIONS, t));
            assert_eq!(SEGMENTS.find(t), find_by_definition(&SEGMENTS, t));
        }
    }

    /// numbers::currency_before looks a currency up by its last byte, before a space
    /// or at the number: a surface ending in white space would never be found.
    #[test]
    fn currency_surfaces_are_trimmed() {
        for (surface, _, _) in CURRENCIES.iter() {
            assert_eq!(*surface, surface.trim(), "{surface:?}");
        }
    }

    #[test]
    fn cue_kinds_merge() {
        let hits = CUES.find("exceeded expectations by");
        assert_eq!(hits.len(), 1);
        let f = *CUES.payload(&hits[0]);
        assert!(f & cue::UP != 0 && f & cue::VS_EXPECTED != 0);
    }
}
