//! Fiscal years: "FY27", "FY2026-27", "fiscal 2027", "April-October FY27", "Q1 FY27".
//!
//! A fiscal year is named by the calendar year it ends in and starts in a month the
//! report's country or its own legend tells: April in India and Japan, July in
//! Australia; "FY = financial year (April to March)". In a report that tells neither,
//! "FY27" and "Q1 FY27" stay unread, and "fiscal 2027" is read as the year written.

use crate::periods::{month_named, PKind, PeriodExpr};
use memchr::memmem;
use once_cell::sync::Lazy;
use regex::Regex;
use std::cell::RefCell;

/// The fiscal calendar of the document being read (see [`Scope`]).
#[derive(Default)]
struct State {
    /// The first month of its fiscal year.
    start: Option<u32>,
    /// Where it names a fiscal year (start, end, the year): searched once, not per
    /// stretch the period scans read.
    names: Vec<(usize, usize, i32)>,
    /// The document (address and length) the names are places of.
    text: (usize, usize),
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// The fiscal calendar of one document, for the period scans made while it lives.
pub struct Scope(State);

impl Scope {
    pub fn enter(text: &str) -> Scope {
        let mut state = State {
            start: None,
            names: names(text),
            text: (text.as_ptr() as usize, text.len()),
        };
        if !state.names.is_empty() {
            state.start = start_month(text);
        }
        Scope(STATE.with(|s| s.replace(state)))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        STATE.with(|s| *s.borrow_mut() = std::mem::take(&mut self.0));
    }
}

fn current_start() -> Option<u32> {
    STATE.with(|s| s.borrow().start)
}

static NAME: Lazy<Regex> = Lazy::new(|| Regex::new(r"FY|[Ff]iscal|[Ff]inancial [Yy]ear").expect("valid regex"));

/// Each fiscal year the text names, with a year: (start, end, year).
fn names(text: &str) -> Vec<(usize, usize, i32)> {
    NAME.find_iter(text)
        .filter(|m| m.start() == 0 || !text.as_bytes()[m.start() - 1].is_ascii_alphanumeric())
        .filter_map(|m| year_at(text, m.start()).map(|(fy, end)| (m.start(), end, fy)))
        .collect()
}

/// The first month of the report's fiscal year: from its legend ("financial year (April
/// to March)", "fiscal year ending June 30"), else from the country it speaks of most.
fn start_month(text: &str) -> Option<u32> {
    legend_start(text).or_else(|| {
        // Whole words ("India", "Indian"; not "Indiana").
        let b = text.as_bytes();
        let count = |words: &[&str]| {
            words
                .iter()
                .map(|w| {
                    memmem::find_iter(b, w.as_bytes())
                        .filter(|&p| {
                            let rest = &b[p + w.len()..];
                            let rest = rest.strip_prefix(b"n").unwrap_or(rest);
                            let glued_after = rest.first().is_some_and(u8::is_ascii_alphanumeric);
                            let glued_before = p > 0 && b[p - 1].is_ascii_alphanumeric();
                            !(glued_after || glued_before)
                        })
                        .count()
                })
                .sum::<usize>()
        };
        let (india, australia) = (count(&["India"]), count(&["Australia", "ASX", "A$"]));
        match india.cmp(&australia) {
            std::cmp::Ordering::Greater => Some(4),
            std::cmp::Ordering::Less => Some(7),
            std::cmp::Ordering::Equal => (count(&["Japan"]) > 0).then_some(4),
        }
    })
}

/// A month written in full or abbreviated ("June", "jun", "sept"), but not "may": after
/// "fiscal year" that is the verb ("the fiscal year may end with ...").
fn named_month(w: &str) -> Option<u32> {
    month_named(w).filter(|_| w != "may")
}

/// "financial year (April to March)", "fiscal year ending June 30", "fiscal year ended
/// 31 March": the month a legend says the year starts in.
fn legend_start(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    ["fiscal year", "financial year"].iter().find_map(|w| {
        memmem::find_iter(lower.as_bytes(), w.as_bytes()).find_map(|p| {
            let mut end = (p + w.len() + 40).min(lower.len());
            while !lower.is_char_boundary(end) {
                end -= 1;
            }
            let words: Vec<&str> = lower[p + w.len()..end]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(5)
                .collect();
            // "ending June 30", "ended 31 March": the month right after the verb or its day.
            if words
                .first()
                .is_some_and(|w| ["ending", "ended", "ends", "to"].contains(w))
            {
                let month = words.iter().skip(1).take(2).find_map(|w| named_month(w))?;
                return Some(month % 12 + 1);
            }
            // "(April to March)", "(April-March)": two months, the first the start.
            let start = named_month(words.first()?)?;
            words
                .iter()
                .skip(1)
                .take(2)
                .any(|w| named_month(w).is_some())
                .then_some(start)
        })
    })
}

/// The fiscal year named at `text[at..]`, and where its name ends: "FY27", "FY 2027",
/// "FY2026-27", "FY26/27", "fiscal 2027", "fiscal year 2026-27", "financial year 2026-27".
pub fn year_at(text: &str, at: usize) -> Option<(i32, usize)> {
    let rest = &text[at..];
    let lower_head: String = rest.chars().take(16).collect::<String>().to_ascii_lowercase();
    let skip = ["fiscal year", "financial year", "fiscal", "fy"]
        .iter()
        .find(|w| lower_head.starts_with(*w))?
        .len();
    // "FY" must be written in capitals: "fy" is no word of English, but keep to the usual.
    if skip == 2 && !rest.starts_with("FY") {
        return None;
    }
    let b = rest.as_bytes();
    let mut p = skip;
    while b.get(p).is_some_and(|&c| c == b' ' || c == b'\'') {
        p += 1;
    }
    let digits = |p: usize| b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(p);
    let first: i32 = rest.get(p..p + n)?.parse().ok()?;
    let mut end = p + n;
    let year = match n {
        2 if skip == 2 => 2000 + first,
        4 => first,
        _ => return None,
    };
    // "2026-27", "2026/27", "26/27": the year it ends in.
    let year = match b.get(end) {
        Some(b'-' | b'/') if digits(end + 1) == 2 || digits(end + 1) == 4 => {
            let m = digits(end + 1);
            let second: i32 = rest[end + 1..end + 1 + m].parse().ok()?;
            end += 1 + m;
            if m == 2 {
                year / 100 * 100 + second
            } else {
                second
            }
        }
        _ => year,
    };
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) || !(1990..=2100).contains(&year) {
        return None;
    }
    Some((year, at + end))
}

/// The calendar months (first, last) of fiscal months `first..=last` (1 = the fiscal
/// year's first month) of fiscal year `fy`, which starts in month `start`.
fn calendar(fy: i32, start: u32, first: u32, last: u32) -> PKind {
    let at = |k: u32| {
        let i = start - 1 + k - 1;
        ((i % 12) + 1, fy - 1 + (i / 12) as i32 + i32::from(start == 1))
    };
    let ((m1, y1), (m2, y2)) = (at(first), at(last));
    PKind::MonthRange {
        m1,
        y1: Some(y1),
        m2,
        y2: Some(y2),
    }
}

/// The fiscal month (1..=12) calendar month `m` is in a year that starts in `start`.
fn fiscal_month(m: u32, start: u32) -> u32 {
    (m + 12 - start) % 12 + 1
}

/// `kind`, written right before a fiscal year (`fy`), in calendar terms: "April-October
/// FY27", "Q1 FY27" (the fiscal year's first quarter), "H2 FY26". None without the
/// document's fiscal start, or for a kind that names no part of a year.
pub fn part_of(kind: PKind, fy: i32, by_month: bool) -> Option<PKind> {
    let start = current_start()?;
    match kind {
        // "the September quarter of FY26": calendar months.
        PKind::Span { first, last, y: None } if by_month => Some(calendar(
            fy,
            start,
            fiscal_month(first, start),
            fiscal_month(last, start),
        )),
        PKind::Month { m, y: None } => {
            let k = fiscal_month(m, start);
            Some(calendar(fy, start, k, k))
        }
        PKind::MonthRange {
            m1,
            y1: None,
            m2,
            y2: None,
        } => Some(calendar(fy, start, fiscal_month(m1, start), fiscal_month(m2, start))),
        // Quarters and halves are counted from the fiscal year's start.
        PKind::Span { first, last, y: None } => Some(calendar(fy, start, first, last)),
        _ => None,
    }
}

/// The fiscal years the document names alone in `[from, to)` ("FY27", "fiscal 2027"),
/// added to `out` (sorted by start) where no period expression covers them yet.
pub fn years_into(text: &str, from: usize, to: usize, out: &mut Vec<PeriodExpr>) {
    let (start, found) = STATE.with(|s| {
        let s = s.borrow();
        // The names are places in the document: a scan of another text (a table's
        // header cell, a heading rewritten) has none of them.
        if s.text != (text.as_ptr() as usize, text.len()) {
            return (None, Vec::new());
        }
        let found: Vec<_> = s.names.iter().filter(|n| n.0 >= from && n.1 <= to).copied().collect();
        (s.start, found)
    });
    let Some(start) = start else {
        return;
    };
    for (at, end, fy) in found {
        // A year the grammar read inside the name ("fiscal 2027", "FY 2027") is the fiscal
        // year's; a part written before it ("Q1 FY27") has taken it already.
        out.retain(|p| !(p.start >= at && p.end <= end));
        if out.iter().any(|p| p.start < end && p.end > at) {
            continue;
        }
        let i = out.partition_point(|p| p.start < at);
        out.insert(
            i,
            PeriodExpr {
                start: at,
                end,
                kind: calendar(fy, start, 1, 12),
                base: false,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_year_names() {
        assert_eq!(year_at("FY27 output", 0), Some((2027, 4)));
        assert_eq!(year_at("FY2026-27.", 0), Some((2027, 9)));
        assert_eq!(year_at("FY 2027", 0), Some((2027, 7)));
        assert_eq!(year_at("fiscal year 2025-26", 0), Some((2026, 19)));
        assert_eq!(year_at("financial year 2026/27", 0), Some((2027, 22)));
        assert_eq!(year_at("FY27x", 0), None);
        assert_eq!(year_at("fiscal policy", 0), None);
        assert_eq!(year_at("fy27", 0), None);
    }

    #[test]
    fn the_start_of_the_fiscal_year() {
        assert_eq!(legend_start("FY = financial year (April to March); kt"), Some(4));
        assert_eq!(legend_start("for the fiscal year ending June 30, 2027"), Some(7));
        assert_eq!(legend_start("the fiscal year ended 31 March"), Some(4));
        assert_eq!(start_month("Kestrel (ASX: KRR) FY27 guidance, A$ costs"), Some(7));
        assert_eq!(start_month("India's steel output in FY27"), Some(4));
        assert_eq!(start_month("Output in FY27"), None);
        assert_eq!(legend_start("FY27 output for the fiscal year may reach 150 mt"), None);
        assert_eq!(legend_start("the fiscal year to date in June"), None);
        assert_eq!(legend_start("financial year (Apr-Mar)"), Some(4));
        assert_eq!(start_month("Nucor's Indiana mill: FY27 guidance"), None);
    }

    #[test]
    fn parts_of_a_fiscal_year_in_calendar_months() {
        let text = "Output in FY2026-27 and fiscal 2026. FY = financial year (April to March)";
        let _scope = Scope::enter(text);
        let range = |m1, y1, m2, y2| PKind::MonthRange {
            m1,
            y1: Some(y1),
            m2,
            y2: Some(y2),
        };
        let q1 = PKind::Span {
            first: 1,
            last: 3,
            y: None,
        };
        assert_eq!(part_of(q1, 2027, false), Some(range(4, 2026, 6, 2026)));
        let apr_oct = PKind::MonthRange {
            m1: 4,
            y1: None,
            m2: 10,
            y2: None,
        };
        assert_eq!(part_of(apr_oct, 2027, true), Some(range(4, 2026, 10, 2026)));
        assert_eq!(
            part_of(PKind::Month { m: 2, y: None }, 2027, true),
            Some(range(2, 2027, 2, 2027))
        );
        let mut out = Vec::new();
        years_into(text, 0, 35, &mut out);
        let kinds: Vec<_> = out.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [range(4, 2026, 3, 2027), range(4, 2025, 3, 2026)]);
        // Another text (a table's header cell) holds none of the document's names.
        let cell = "2026 total";
        let kinds: Vec<_> = crate::periods::scan(cell, 0, cell.len())
            .iter()
            .map(|p| p.kind)
            .collect();
        assert_eq!(kinds, [PKind::Year(2026)]);
    }
}
