//! Calendar arithmetic and the reading of period expressions.

use crate::bytes::trim_end;
use crate::fiscal;
use crate::model::{Days, Period};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub const fn days_from_ymd(y: i32, m: u32, d: u32) -> Days {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Inverse of [`days_from_ymd`].
pub fn ymd_from_days(z: Days) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn month_len(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `YYYY-MM-DD` (anything after the tenth character, such as a time, is ignored).
pub fn parse_iso_date(s: &str) -> Option<Days> {
    let b = s.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).ok()?.parse::<u32>().ok();
    let (y, m, d) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && d >= 1 && d <= month_len(y, m)).then(|| days_from_ymd(y, m, d))
}

/// A month as a count of months since year 0 (so arithmetic crosses years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    pub fn new(y: i32, m: u32) -> Self {
        Month(y * 12 + m as i32 - 1)
    }
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    pub fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }
    pub fn first_day(self) -> Days {
        match self.in_table() {
            Some(k) => MONTH_STARTS[k],
            None => days_from_ymd(self.year(), self.month(), 1),
        }
    }
    pub fn last_day(self) -> Days {
        match self.in_table() {
            // The day before the next month's first.
            Some(k) => MONTH_STARTS[k + 1] - 1,
            None => days_from_ymd(self.year(), self.month(), month_len(self.year(), self.month())),
        }
    }
    /// The month's index in [`MONTH_STARTS`], if it has one.
    #[inline]
    fn in_table(self) -> Option<usize> {
        let k = self.0.checked_sub(TABLE_FROM * 12)?;
        usize::try_from(k).ok().filter(|&k| k < TABLE_MONTHS)
    }
    pub fn period(self) -> Period {
        Period {
            start: self.first_day(),
            end: self.last_day(),
        }
    }
    pub fn of_day(d: Days) -> Self {
        let (y, m, _) = ymd_from_days(d);
        Month::new(y, m)
    }
    /// The month `p` is, if it is a whole month.
    pub fn spanning(p: Period) -> Option<Self> {
        Some(Month::of_day(p.start)).filter(|m| m.period() == p)
    }
    pub fn offset(self, n: i32) -> Self {
        Month(self.0 + n)
    }
}

/// The first year of [`MONTH_STARTS`], and its length in months.
const TABLE_FROM: i32 = 1900;
const TABLE_MONTHS: usize = 12 * 250;

/// The first day of each month from January [`TABLE_FROM`] on, one month more:
/// the days a resolved period starts and ends on, read instead of computed.
static MONTH_STARTS: [Days; TABLE_MONTHS + 1] = {
    let mut t = [0; TABLE_MONTHS + 1];
    let mut k = 0;
    while k <= TABLE_MONTHS {
        t[k] = days_from_ymd(TABLE_FROM + (k / 12) as i32, (k % 12) as u32 + 1, 1);
        k += 1;
    }
    t
};

// ---- period expressions -------------------------------------------------

use crate::period_grammar::{self, Shape};
use std::borrow::Cow;

/// What a period expression says, before its year is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PKind {
    Month {
        m: u32,
        y: Option<i32>,
    },
    MonthRange {
        m1: u32,
        y1: Option<i32>,
        m2: u32,
        y2: Option<i32>,
    },
    /// A day; `m`'s last day when `end_of_month`.
    Day {
        m: u32,
        d: u32,
        y: Option<i32>,
    },
    /// Days `d1..=d2` of a month: "November 17-21", "17-21 November".
    DayRange {
        m: u32,
        d1: u32,
        d2: u32,
        y: Option<i32>,
    },
    MonthEnd {
        m: u32,
        y: Option<i32>,
    },
    Year(i32),
    /// Months `first..=last` of a year: halves and quarters.
    Span {
        first: u32,
        last: u32,
        y: Option<i32>,
    },
    /// A month of the reference year, offset: "January last year".
    MonthRelYear {
        m: u32,
        dy: i32,
    },
    /// Months relative to the reference month (0 this month, 1 next, -1 last).
    Relative(i32),
    /// January to the reference month: "year to date".
    YearToDate,
    /// The reference month's year, offset.
    RelativeYear(i32),
    /// The trading week (Monday to Friday) of the day of writing, offset: "this week",
    /// "last week", "next week".
    Week(i32),
    /// A day of the week (0 Monday .. 6 Sunday): in the week of writing offset by `dw`
    /// weeks ("this Friday" 0, "last Thursday" -1, "next Monday" 1), or, named alone
    /// (`None`: "on Thursday"), the last such day up to the day of writing.
    Weekday {
        wd: u32,
        dw: Option<i32>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodExpr {
    pub start: usize,
    pub end: usize,
    pub kind: PKind,
    /// A comparison base ("from May", "than in May"), not the period a number describes.
    pub base: bool,
}

/// `text[back..to]` with each non-ASCII character replaced, byte for byte, by
/// ASCII that plays its part in the period grammar: spaces for white space
/// (no-break spaces of saved pages), "-" and spaces for an en dash, "x" for a
/// letter or digit (a word character), "#" for anything else. Borrowed when the
/// text is ASCII already.
fn ascii_view(text: &str, back: usize, to: usize) -> Cow<'_, str> {
    let part = &text[back..to];
    if is_ascii(part.as_bytes()) {
        return Cow::Borrowed(part);
    }
    // Copied whole, then the few non-ASCII characters overwritten in place.
    let mut out = part.as_bytes().to_vec();
    let mut i = 0;
    while let Some(k) = crate::bytes::position(&out[i..], |b| !b.is_ascii()) {
        let at = i + k;
        let c = part[at..].chars().next().expect("a character starts here");
        let (first, fill) = if c.is_whitespace() {
            (b' ', b' ')
        } else if c == '–' {
            (b'-', b' ')
        } else if c.is_alphanumeric() {
            (b'x', b'x')
        } else {
            (b'#', b'#')
        };
        out[at] = first;
        out[at + 1..at + c.len_utf8()].fill(fill);
        i = at + c.len_utf8();
    }
    let out = String::from_utf8(out).expect("ASCII");
    Cow::Owned(out)
}

/// Whether `b` is ASCII: sixty-four bytes at a time as eight words (exact
/// chunks, so no bounds checks inside), then a word at a time, the last word
/// overlapping.
fn is_ascii(b: &[u8]) -> bool {
    if b.len() < 8 {
        return b.is_ascii();
    }
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().expect("eight bytes"));
    let mut seen = word(&b[b.len() - 8..]);
    let mut blocks = b.chunks_exact(64);
    for c in &mut blocks {
        let c: &[u8; 64] = c.try_into().expect("sixty-four bytes");
        seen |= (0..8).fold(0, |m, k| m | word(&c[8 * k..8 * k + 8]));
    }
    for w in blocks.remainder().chunks_exact(8) {
        seen |= word(w);
    }
    seen & 0x8080_8080_8080_8080 == 0
}

/// Period expressions in `text[from..to]`, in order: the matches of `PERIOD_RE`
/// (the grammar [`period_grammar`] matches by hand) in [`ascii_view`] of the
/// text from one character before `from` (for `\b`).
pub fn scan(text: &str, from: usize, to: usize) -> Vec<PeriodExpr> {
    let mut out = Vec::new();
    scan_into(text, from, to, &mut out);
    out
}

/// [`scan`], the expressions added to `out` (a buffer that is reused, not allocated anew).
pub fn scan_into(text: &str, from: usize, to: usize, out: &mut Vec<PeriodExpr>) {
    let mut back = from.saturating_sub(4);
    while !text.is_char_boundary(back) {
        back += 1;
    }
    let view = ascii_view(text, back, to);
    let mut matcher = period_grammar::Matcher::new(view.as_bytes());
    scan_with(
        text,
        from,
        to,
        |pos| {
            let m = matcher.next_match(pos - back)?;
            let (ws, we) = (back + m.start, back + m.end);
            Some((ws, we, shape_kind(m.shape, text, ws, we, to)))
        },
        out,
    );
    fiscal::years_into(text, from, to, out);
}

/// A day written before the month that starts at `ws` ("on 11 June", "13 May 2025"),
/// not before `from`: where it starts, and its value. One or two digits standing
/// alone, one space before the month: not the end of a longer number ("1,11 June")
/// or of a range of days ("10-11 June", read as the month).
fn day_before(text: &str, ws: usize, from: usize) -> Option<(usize, u32)> {
    let b = text.as_bytes();
    if ws < from + 2 || b[ws - 1] != b' ' {
        return None;
    }
    let (p, d) = day_digits_before(b, ws - 1, from)?;
    stands_alone(b, p, from).then_some((p, d))
}

/// The day (one or two digits, 1 to 31) that ends at `e`, not before `from`: where it starts, and its value.
fn day_digits_before(b: &[u8], e: usize, from: usize) -> Option<(usize, u32)> {
    let mut p = e;
    while p > from && e - p < 3 && b[p - 1].is_ascii_digit() {
        p -= 1;
    }
    let d = digits_value(&b[p..e]);
    ((1..=2).contains(&(e - p)) && (1..=31).contains(&d)).then_some((p, d))
}

/// Whether the digits at `p` start no longer number or code ("1,12 June", "x12 June").
fn stands_alone(b: &[u8], p: usize, from: usize) -> bool {
    p == from || !(b[p - 1].is_ascii_alphanumeric() || b"_,.-/".contains(&b[p - 1]))
}

/// The value of a run of ASCII digits (at most a few: no overflow).
fn digits_value(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |d, &c| d * 10 + u32::from(c - b'0'))
}

/// The last day of a range of days whose first, `d1`, ends at `e`: "-21" in
/// "November 17-21", "–21", " to 21", and a year after it ("November 17-21, 2025").
/// Its end, value and year.
fn last_day_after(text: &str, e: usize, to: usize, d1: u32) -> Option<(usize, u32, Option<i32>)> {
    let b = &text.as_bytes()[..to];
    let mut p = e;
    if b.get(p) == Some(&b'-') {
        p += 1;
    } else if b[p.min(b.len())..].starts_with("–".as_bytes()) {
        p += "–".len();
    } else if b[p.min(b.len())..].starts_with(b" to ") {
        p += 4;
    } else {
        return None;
    }
    let q = p;
    while p < b.len() && p - q < 3 && b[p].is_ascii_digit() {
        p += 1;
    }
    // Not the start of a longer number, a percentage or a code: "17-21,000", "5-6%".
    let glued = |c: &u8| {
        c.is_ascii_alphanumeric() || *c == b'%' || b"_,.-/".contains(c) && b.get(p + 1).is_some_and(u8::is_ascii_digit)
    };
    if !(1..=2).contains(&(p - q)) || b.get(p).is_some_and(glued) {
        return None;
    }
    let d2 = digits_value(&b[q..p]);
    if !(d1 < d2 && d2 <= 31) {
        return None;
    }
    // ", 2025" or " 2025", read as the period grammar reads a year.
    let y = p + usize::from(b.get(p) == Some(&b',')) + 1;
    let year = b
        .get(p..y)
        .filter(|g| g.ends_with(b" "))
        .and_then(|_| period_grammar::year(b, y))
        .filter(|&(_, ye)| {
            !b.get(ye).is_some_and(|c| {
                c.is_ascii_alphanumeric() || *c == b',' && b.get(ye + 1).is_some_and(u8::is_ascii_digit)
            })
        });
    Some(match year {
        Some((y, ye)) => (ye, d2, Some(y)),
        None => (p, d2, None),
    })
}

/// Whether the month at `ws..we` is where a price closed or ended: "closed October at
/// 2,990 yuan/mt", "ended September at" name the month's last day.
fn closes_month(text: &str, ws: usize, we: usize, from: usize, to: usize) -> bool {
    let b = text.as_bytes();
    let before = &b[from.max(ws.saturating_sub(10))..ws];
    let verb = [&b"closed "[..], b"ended ", b"finished "]
        .iter()
        .any(|v| crate::bytes::ends_with_ignore_case(before, v));
    verb && b[we..to].starts_with(b" at ")
}

/// A range of days written before the month at `ws`: "17-21 November" (or "17–21").
/// Where it starts, its first and last day.
fn days_before(text: &str, ws: usize, from: usize) -> Option<(usize, u32, u32)> {
    let b = text.as_bytes();
    if ws < from + 4 || b[ws - 1] != b' ' {
        return None;
    }
    let (p2, d2) = day_digits_before(b, ws - 1, from)?;
    let sep = if p2 > from && b[p2 - 1] == b'-' {
        p2 - 1
    } else if b[from..p2].ends_with("–".as_bytes()) {
        p2 - "–".len()
    } else {
        return None;
    };
    let (p1, d1) = day_digits_before(b, sep, from)?;
    (stands_alone(b, p1, from) && d1 < d2).then_some((p1, d1, d2))
}

/// The reading of period expressions, given the next match from a position of
/// `text[..to]`: where it is and what it says (`None`: no period, though the
/// match is taken), added to `out`.
fn scan_with(
    text: &str,
    from: usize,
    to: usize,
    mut next: impl FnMut(usize) -> Option<(usize, usize, Option<PKind>)>,
    out: &mut Vec<PeriodExpr>,
) {
    let hay = &text[..to];
    let mut pos = from;
    while let Some((ws, we, kind)) = next(pos) {
        pos = we.max(ws + 1);
        while pos < hay.len() && !hay.is_char_boundary(pos) {
            pos += 1;
        }
        let Some(kind) = kind else {
            continue;
        };
        // "Q1 FY27", "April-October FY27": a part of a fiscal year, read in calendar months
        // where the report tells when its fiscal year starts. A quarter or half of an
        // unknown fiscal year is no calendar one.
        let written = kind;
        let mut fiscal_part = false;
        let (we, kind) = match fiscal_after(text, we) {
            Some(at) => {
                // "Q1", "H2" count from the fiscal year's start; "the September quarter" is
                // the calendar's.
                let by_month = crate::bytes::first_alpha_word(&text[ws..we]).is_some_and(|w| month_named(w).is_some());
                match fiscal::year_at(text, at)
                    .filter(|&(_, e)| e <= to)
                    .and_then(|(fy, e)| Some((e, fiscal::part_of(kind, fy, by_month)?)))
                {
                    Some((e, part)) => {
                        pos = pos.max(e);
                        fiscal_part = true;
                        (e, part)
                    }
                    None if matches!(kind, PKind::Span { .. }) => continue,
                    None => (we, kind),
                }
            }
            None => (we, kind),
        };
        // A day written before the month: "on 11 June"; and the days of a week or so:
        // "17-21 November", "November 17-21".
        let (ws, we, kind) = match kind {
            PKind::Month { m, y } => match (days_before(text, ws, from), day_before(text, ws, from)) {
                (Some((ds, d1, d2)), _) => (ds, we, PKind::DayRange { m, d1, d2, y }),
                (None, Some((ds, d))) => (ds, we, PKind::Day { m, d, y }),
                (None, None) if closes_month(text, ws, we, from, to) => (ws, we, PKind::MonthEnd { m, y }),
                (None, None) => (ws, we, kind),
            },
            PKind::Day { m, d, y } => match last_day_after(text, we, to, d) {
                Some((de, d2, y2)) => {
                    pos = pos.max(de);
                    (
                        ws,
                        de,
                        PKind::DayRange {
                            m,
                            d1: d,
                            d2,
                            y: y.or(y2),
                        },
                    )
                }
                None => (ws, we, kind),
            },
            _ => (ws, we, kind),
        };
        let (ws, kind) = ended_part(text, ws, from, kind).unwrap_or((ws, kind));
        // A fiscal part is a base as the quarter or months written would be.
        let as_written = if fiscal_part { written } else { kind };
        let base = !matches!(as_written, PKind::MonthRange { .. }) && is_base(text, ws, whole_period(as_written));
        if out.capacity() == 0 {
            // Room for the periods of a usual scan at once, not a reallocation per doubling.
            out.reserve(16);
        }
        out.push(PeriodExpr {
            start: ws,
            end: we,
            kind,
            base,
        });
    }
}

/// Where "FY" follows `we` after white space, perhaps after "of": the span before
/// names a fiscal part ("Q1 FY27", "the September quarter of FY26").
fn fiscal_after(text: &str, we: usize) -> Option<usize> {
    let mut rest = text[we..].trim_start_matches([' ', '\t']);
    if let Some(r) = rest.strip_prefix("of ") {
        rest = r.trim_start_matches([' ', '\t']);
    }
    let b = rest.as_bytes();
    (b.len() >= 2 && b[..2].eq_ignore_ascii_case(b"fy")).then(|| text.len() - rest.len())
}

/// The month a word names, in full or by its first three letters (any case): "April",
/// "oct", "Sept".
pub fn month_named(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_ascii_lowercase();
    let m = NAMES.iter().position(|n| w.len() >= 3 && n.starts_with(w.as_str()))?;
    Some(m as u32 + 1)
}

/// "the quarter ended 30 September 2026", "the half-year ending June 30": the quarter or
/// half that ends in the month of the date at `ws`, and where its words start.
fn ended_part(text: &str, ws: usize, from: usize, kind: PKind) -> Option<(usize, PKind)> {
    let (m, y) = match kind {
        PKind::Day { m, y, .. } | PKind::Month { m, y } | PKind::MonthEnd { m, y } => (m, y),
        _ => return None,
    };
    let mut lo = from.max(ws.saturating_sub(32));
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let head = trim_end(&text[lo..ws]);
    let head = match ends_with_word(head, "on") {
        true => trim_end(&head[..head.len() - 2]),
        false => head,
    };
    let verb = ["ended", "ending", "to"].iter().find(|w| ends_with_word(head, w))?;
    let head = trim_end(&head[..head.len() - verb.len()]);
    let (part, unit) = [
        ("quarter", 3),
        ("three months", 3),
        ("half-year", 6),
        ("half year", 6),
        ("six months", 6),
    ]
    .into_iter()
    .find(|(w, _)| ends_with_word(head, w))?;
    // "moved from the second quarter to June": only a span of months runs "to" a month.
    if *verb == "to" && !part.ends_with("months") {
        return None;
    }
    // The words are ASCII: the cut before them is a character boundary.
    (m % unit == 0).then(|| {
        (
            lo + head.len() - part.len(),
            PKind::Span {
                first: m - unit + 1,
                last: m,
                y,
            },
        )
    })
}

/// Whether `s` ends with the word `w` (ASCII, any case), not with a longer word.
fn ends_with_word(s: &str, w: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len().wrapping_sub(w.len());
    crate::bytes::ends_with_ignore_case(b, w.as_bytes()) && (n == 0 || !b[n - 1].is_ascii_alphanumeric())
}

/// Whether `kind` is a whole month, quarter, half or year, which "on" compares against
/// ("up 10.2% on 2025"); before a day or a week "on" dates ("on September 24").
fn whole_period(kind: PKind) -> bool {
    matches!(
        kind,
        PKind::Month { .. }
            | PKind::Year(_)
            | PKind::Span { .. }
            | PKind::MonthRelYear { .. }
            | PKind::Relative(_)
            | PKind::RelativeYear(_)
    )
}

/// Whether a comparison ("from", "than in", "versus", "over", "above" ...) stands before
/// `ws`; "on" too where `on` (a whole period: [`whole_period`]).
fn is_base(text: &str, ws: usize, on: bool) -> bool {
    // A bounded look-back keeps the scan linear on long lines.
    let mut from_b = ws.saturating_sub(40);
    while !text.is_char_boundary(from_b) {
        from_b += 1;
    }
    let mut before = trim_end(&text[from_b..ws]);
    // A qualifier of the period may stand between: "since early February", "from mid-May"
    // (by its last byte first: most expressions have none).
    if matches!(before.bytes().last().map(|b| b | 0x20), Some(b'y' | b'e' | b'-' | b'd')) {
        if let Some(q) = ["early", "late", "mid-", "mid"]
            .iter()
            .find(|q| ends_with_word(before, q))
        {
            // The qualifier is ASCII: the cut is a character boundary.
            before = trim_end(&before[..before.len() - q.len()]);
        }
    }
    // "6.8% more than in the same period of 2025": the span compared names its year.
    if matches!(
        before.bytes().last().map(|b| b | 0x20),
        Some(b'f' | b'n' | b'y' | b'k' | b'e')
    ) {
        for q in [
            "the same period of",
            "the same period in",
            "the same month of",
            "the same quarter of",
            "the same month in",
            "the same quarter in",
            // "8.7% above the same day last year"
            "the same day",
            "the same week",
            "the same date",
            "the same time",
        ] {
            if crate::bytes::ends_with_ignore_case(before.as_bytes(), q.as_bytes()) {
                // The phrase is ASCII: the cut is a character boundary.
                before = trim_end(&before[..before.len() - q.len()]);
                break;
            }
        }
    }
    // A determiner may stand between: "0.9 percentage points above its September share".
    // "The" too ("up 7% on the June quarter"), but "over the June quarter" is a span of time.
    let mut the = false;
    for d in ["its", "their", "the"] {
        if ends_with_word(before, d) {
            // The determiner is ASCII: the cut is a character boundary.
            before = trim_end(&before[..before.len() - d.len()]);
            the = d == "the";
            break;
        }
    }
    let ends = |w: &str| ends_with_word(before, w);
    let before = before.as_bytes();
    // "over", "above", "below", "against" and "on" compare only right after a figure
    // ("5.3% over September", "0.9 pp above its September share"); elsewhere they say when
    // ("Over H1 2026, output rose", "Based on Q3 data").
    let compares = |w: &str| ends(w) && figure_before(&before[..before.len() - w.len()]);
    // "from", "since", "than", "than in", "compared to", "compared with", "versus", "vs.", "vs",
    // "over", "above", "below", "against", by their last letter. "Since" names where a change
    // or a record is counted from ("the lowest since early February"), not the period of
    // the figure.
    match before.last().map(|b| b | 0x20) {
        Some(b'm') => ends("from"),
        Some(b'e') => ends("since") || compares("above"),
        Some(b'n') => ends("than") || ends("than in") || ends("than on") || on && compares("on"),
        // Statistics offices (and translations), only right after a figure: "a decrease of
        // 3.1% in relation to October of 2025" (not "With respect to 2026, it expects").
        Some(b'o') => {
            ends("compared to")
                || compares("with respect to")
                || compares("in relation to")
                || compares("relative to")
                || compares("in comparison to")
        }
        Some(b'h') => ends("compared with") || ends("in comparison with"),
        Some(b's') => ends("versus") || ends("vs"),
        Some(b'.') => ends("vs."),
        Some(b'r') => !the && compares("over"),
        Some(b'w') => compares("below"),
        Some(b't') => compares("against"),
        _ => false,
    }
}

/// Whether one of the last three words of `head` holds a digit, within its clause: a
/// figure ("5.3%", "0.9 percentage points") stands right before what follows.
fn figure_before(head: &[u8]) -> bool {
    for w in head.rsplit(u8::is_ascii_whitespace).filter(|w| !w.is_empty()).take(3) {
        // A clause or sentence ends here: "..., output rose", "in 2025. Over September".
        if matches!(w.last(), Some(b',' | b';' | b':' | b'.')) {
            return false;
        }
        if w.iter().any(u8::is_ascii_digit) {
            return true;
        }
    }
    false
}

/// The phrases of the `rel` alternative, by their words, and what each says,
/// in the pattern's order.
pub(crate) const RELATIVE: [(&[&str], PKind); 12] = [
    (&["this", "month"], PKind::Relative(0)),
    (&["the", "current", "month"], PKind::Relative(0)),
    (&["during", "the", "month"], PKind::Relative(0)),
    (&["next", "month"], PKind::Relative(1)),
    (&["the", "following", "month"], PKind::Relative(1)),
    (&["last", "month"], PKind::Relative(-1)),
    (&["the", "previous", "month"], PKind::Relative(-1)),
    (&["this", "year"], PKind::RelativeYear(0)),
    (&["next", "year"], PKind::RelativeYear(1)),
    (&["last", "year"], PKind::RelativeYear(-1)),
    (&["year-end"], PKind::MonthEnd { m: 12, y: None }),
    (&["the", "end", "of", "the", "year"], PKind::MonthEnd { m: 12, y: None }),
];

/// The reading of a match from what its groups say: what [`groups_kind`] reads
/// from the regex's groups.
fn shape_kind(shape: Shape, text: &str, ws: usize, we: usize, to: usize) -> Option<PKind> {
    let span = |n: u32, unit: u32, y| PKind::Span {
        first: unit * n - unit + 1,
        last: unit * n,
        y,
    };
    Some(match shape {
        Shape::Range { m1, y1, m2, y2 } => PKind::MonthRange { m1, y1, m2, y2 },
        Shape::EndOf { m, y } => PKind::MonthEnd { m, y },
        Shape::Day { m, d, y } if (1..=31).contains(&d) => PKind::Day { m, d, y },
        Shape::Day { m, .. } => PKind::Month { m, y: None },
        Shape::Month { m, len, y, rel } => {
            // "May" is one length of one month, "March" another.
            let verb = m == 5 || (m == 3 && len == 5);
            return month_reading(text, ws, m, verb, y, rel);
        }
        Shape::Half { n, unit, y } => span(n, unit, y),
        Shape::Ord { n, half: true, .. } if n > 2 => return None,
        // "the second half of the month" (of the week, of July) is no half of a year.
        Shape::Ord { y: None, .. } if part_of_shorter(&text[we..to]) => return None,
        Shape::Ord { n, half, y } => span(n, if half { 6 } else { 3 }, y),
        Shape::FirstN { n: last @ 1..=12, y } => PKind::Span { first: 1, last, y },
        Shape::FirstN { .. } => return None,
        Shape::YearToDate => PKind::YearToDate,
        // A vertical tab is white space to the pattern but not to the words of `rel_kind`.
        Shape::Rel(_) if text.as_bytes()[ws..we].contains(&0x0B) => PKind::MonthEnd { m: 12, y: None },
        Shape::Rel(i) => RELATIVE[i].1,
        Shape::Year => return year_kind(text, ws, we, to),
    })
}

/// Whether `after` (the text after "the first half") opens "of the month", "of
/// the week" or "of" a month's name: a part of something shorter than a year.
fn part_of_shorter(after: &str) -> bool {
    let rest = after.trim_start();
    let Some(rest) = rest
        .get(..2)
        .filter(|w| w.eq_ignore_ascii_case("of"))
        .map(|_| rest[2..].trim_start())
    else {
        return false;
    };
    let word = |w: &str| {
        rest.get(..w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w))
            && !rest.as_bytes().get(w.len()).is_some_and(|b| b.is_ascii_alphanumeric())
    };
    // "of July": a month's name, as the grammar reads one.
    let at = after.len() - rest.len();
    word("the month")
        || word("the week")
        || word("this month")
        || word("that month")
        || scan(after, at, after.len())
            .first()
            .is_some_and(|e| e.start == at && matches!(e.kind, PKind::Month { .. }))
}

/// A month name, perhaps with a year ("May 2025") or a year relative to the reference ("of last year").
#[cfg(test)]
fn month_kind(text: &str, ws: usize, w: &str, my: Option<&str>, mrel: Option<&str>) -> Option<PKind> {
    let dy = mrel.map(|r| match r.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    });
    let y = my.and_then(|y| y.parse().ok());
    month_reading(text, ws, month_num(w), w == "May" || w == "March", y, dy)
}

/// Month `m`, perhaps with a year or a year relative to the reference (`dy`);
/// `verb` when it was written "May" or "March".
fn month_reading(text: &str, ws: usize, m: u32, verb: bool, y: Option<i32>, dy: Option<i32>) -> Option<PKind> {
    // "May" is also a modal verb; "March" a verb: a bare one needs a year or "in".
    if verb && y.is_none() {
        let mut from_b = ws.saturating_sub(16);
        while !text.is_char_boundary(from_b) {
            from_b += 1;
        }
        let before = trim_end(&text[from_b..ws]);
        let lw = before
            .trim_end_matches('-')
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        // "on 11 May": a day before it makes it a date; "March output", "May exports":
        // a figure's noun after it, the month the figure is of, unless one comes before it
        // too ("Prices May Average": the modal).
        // Not "average": "the average May price" is May's.
        let noun_before = !lw.eq_ignore_ascii_case("average") && crate::bytes::word_in(lw, FIGURE_NOUNS);
        if noun_before
            || day_before(text, ws, 0).is_none()
                && ![
                    "in", "of", "from", "since", "for", "to", "than", "end", "during", "until", "and", "early", "mid",
                    "late",
                ]
                .contains(&lw.to_ascii_lowercase().as_str())
                && !figure_noun_after(text, ws)
        {
            return None;
        }
    }
    Some(match dy {
        Some(dy) => PKind::MonthRelYear { m, dy },
        None => PKind::Month { m, y },
    })
}

/// Nouns of figures that a month names the period of when written before them.
const FIGURE_NOUNS: &[&str] = &[
    "output",
    "production",
    "exports",
    "imports",
    "sales",
    "shipments",
    "deliveries",
    "demand",
    "consumption",
    "prices",
    "price",
    "inventory",
    "inventories",
    "stocks",
    "data",
    "figures",
    "volume",
    "volumes",
    "operating",
    "average",
    "supply",
];

/// Whether the month word at `ws` is followed by one of [`FIGURE_NOUNS`] ("March output").
fn figure_noun_after(text: &str, ws: usize) -> bool {
    let rest = &text[ws..];
    let after = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let Some(next) = after.strip_prefix(' ') else {
        return false;
    };
    let word = next.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    crate::bytes::word_in(word, FIGURE_NOUNS)
}

/// A year at `ys..ye`, unless glued to a unit or a decimal, which makes it a number ("2025 mt", "2025.5").
fn year_kind(text: &str, ys: usize, ye: usize, to: usize) -> Option<PKind> {
    let after = &text[ye..];
    let t = after.trim_start();
    if after.starts_with('.') && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
        || t.starts_with('%')
        || crate::numbers::scan(text, ys, (ye + 30).min(text.len()).min(to.max(ye)))
            .first()
            .is_some_and(|q| q.start == ys)
    {
        return None;
    }
    Some(PKind::Year(text[ys..ye].parse().unwrap_or(2000)))
}

// ---- the regex, for tests -------------------------------------------------

#[cfg(test)]
use once_cell::sync::Lazy;
#[cfg(test)]
use regex::Regex;

#[cfg(test)]
const MONTH: &str = r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?|Jul(?:y|\.)?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

#[cfg(test)]
static PERIOD_RE: Lazy<Regex> = Lazy::new(|| {
    let m = MONTH;
    let pat = format!(
        r"(?i)(?P<range>(?:from\s+)?(?P<r1>{m})(?:\s+(?P<ry1>(?:19|20)\d\d))?\s*(?:-|–|to|through|until)\s*(?P<r2>{m})(?:\s+(?P<ry2>(?:19|20)\d\d))?)\b|(?P<endof>(?:as\s+of\s+|by\s+|at\s+)?(?:the\s+)?(?:end\s+of|end-|month-end)\s*(?P<em>{m})(?:\s+(?P<ey>(?:19|20)\d\d))?)\b|(?P<day>(?P<dm>{m})\s+(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<dy>(?:19|20)\d\d))?)\b|(?P<mq>(?P<qm>(?-i:Mar(?:ch|\.)?|Jun(?:e|\.)?|Sep(?:tember|t\.?|\.)?|Dec(?:ember|\.)?))(?:\s+(?P<qy>(?:19|20)\d\d))?\s+quarter)\b|(?P<month>(?P<mm>{m})(?:\s+(?P<my>(?:19|20)\d\d)|\s+(?:of\s+)?(?P<mrel>last|this|next)\s+year)?)\b|\b(?P<half>(?-i:H(?P<h>[12])|(?P<h2>[12])H|Q(?P<q>[1-4])|(?P<q2>[1-4])Q))(?:\s+(?P<hy>(?:19|20)\d\d))?\b|(?P<ord>\b(?:the\s+)?(?P<o>first|second|third|fourth)\s+(?P<ou>half|quarter)(?:\s+of\s+(?:the\s+year\s+)?(?P<oy>(?:19|20)\d\d))?)\b|(?P<firstn>\b(?:the\s+)?first\s+(?P<fn>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months(?:\s+of\s+(?:the\s+year\s+)?(?P<fny>(?:19|20)\d\d))?)\b|(?P<ytd>\byear[\s-]to[\s-]date\b|\bso\s+far\s+this\s+year\b)|\b(?P<rel>this\s+month|the\s+current\s+month|during\s+the\s+month|next\s+month|the\s+following\s+month|last\s+month|the\s+previous\s+month|this\s+year|next\s+year|last\s+year|year-end|the\s+end\s+of\s+the\s+year)\b|\b(?P<year>(?:19|20)\d\d)\b"
    );
    Regex::new(&pat).expect("period regex compiles")
});

/// `PERIOD_RE` in ASCII mode: ASCII `\b`, `\s`, `\d` and case folding. Unicode
/// classes and word boundaries make the regex automata many times larger (every
/// Unicode digit is a `\d`) and stop the lazy DFA at the first non-ASCII byte.
/// On ASCII text the two regexes agree, and [`scan`] takes this one's match
/// only where no non-ASCII character is in sight.
#[cfg(test)]
static PERIOD_RE_ASCII: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!("(?-u){}", PERIOD_RE.as_str())).expect("period regex compiles"));

#[cfg(test)]
fn month_num(s: &str) -> u32 {
    const P: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let b = s.as_bytes();
    P.iter()
        .position(|p| b.len() >= 3 && b[..3].eq_ignore_ascii_case(p.as_bytes()))
        .map_or(1, |i| i as u32 + 1)
}

#[cfg(test)]
fn year(c: Option<regex::Match>) -> Option<i32> {
    c.and_then(|m| m.as_str().parse().ok())
}

/// The scan as it was before [`period_grammar`]: `PERIOD_RE_ASCII` over the
/// view, the groups read where the match's plain shape does not tell them.
#[cfg(test)]
fn scan_regex(text: &str, from: usize, to: usize) -> Vec<PeriodExpr> {
    let mut back = from.saturating_sub(4);
    while !text.is_char_boundary(back) {
        back += 1;
    }
    let view = ascii_view(text, back, to);
    scan_collect(text, from, to, |pos| {
        let m = PERIOD_RE_ASCII.find_at(&view, pos - back)?;
        let (ws, we) = (back + m.start(), back + m.end());
        let kind = match Plain::of(m.as_str()) {
            Some(Plain::Year) => year_kind(text, ws, we, to),
            Some(Plain::Kind(kind)) => Some(kind),
            Some(Plain::Month(n, y)) => month_kind(text, ws, &text[ws..ws + n], y.map(|y| &text[ws + y..we]), None),
            None => {
                let c = PERIOD_RE_ASCII.captures_at(&view, m.start()).expect("the match again");
                groups_kind(&c, back, text, ws, to)
            }
        };
        Some((ws, we, kind))
    })
}

/// `PERIOD_RE` over the text as it is: what [`scan`] must agree with.
#[cfg(test)]
fn scan_reference(text: &str, from: usize, to: usize) -> Vec<PeriodExpr> {
    let hay = &text[..to];
    scan_collect(text, from, to, |pos| {
        let c = PERIOD_RE.captures_at(hay, pos)?;
        let m = c.get(0).expect("match");
        Some((m.start(), m.end(), groups_kind(&c, 0, text, m.start(), to)))
    })
}

/// [`scan_with`] into a new vector: the reference scans of the tests.
#[cfg(test)]
fn scan_collect(
    text: &str,
    from: usize,
    to: usize,
    next: impl FnMut(usize) -> Option<(usize, usize, Option<PKind>)>,
) -> Vec<PeriodExpr> {
    let mut out = Vec::new();
    scan_with(text, from, to, next, &mut out);
    out
}

/// The spellings `MONTH` accepts.
#[cfg(test)]
const MONTH_NAMES: [&str; 36] = [
    "Jan",
    "January",
    "Jan.",
    "Feb",
    "February",
    "Feb.",
    "Mar",
    "March",
    "Mar.",
    "Apr",
    "April",
    "Apr.",
    "May",
    "Jun",
    "June",
    "Jun.",
    "Jul",
    "July",
    "Jul.",
    "Aug",
    "August",
    "Aug.",
    "Sep",
    "September",
    "Sept",
    "Sept.",
    "Sep.",
    "Oct",
    "October",
    "Oct.",
    "Nov",
    "November",
    "Nov.",
    "Dec",
    "December",
    "Dec.",
];

/// Whole matches that read plainly without groups: only the `year` alternative
/// matches four digits alone, and only `month` a month name alone or followed
/// by white space and a year (`day` wants one or two digits before a word
/// boundary); only `half` a half or quarter ("H1", "3Q") with perhaps a year,
/// and only `rel` its phrases (no other alternative holds them whole).
#[derive(Clone, Copy)]
#[cfg(test)]
enum Plain {
    Year,
    /// Length of the month name, and where the year starts in the match if one follows.
    Month(usize, Option<usize>),
    /// Read in full: a half, a quarter, a relative month or year.
    Kind(PKind),
}

#[cfg(test)]
impl Plain {
    fn of(m: &str) -> Option<Plain> {
        let b = m.as_bytes();
        if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
            return Some(Plain::Year);
        }
        let name = b.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(b.len());
        // Exactly one month name: "DecembertoJanuary" is a range.
        if !MONTH_NAMES.contains(&&m[..name]) {
            return half_kind(m).or_else(|| rel_kind(m)).map(Plain::Kind);
        }
        if name == b.len() {
            return Some(Plain::Month(name, None));
        }
        let y = b.len().checked_sub(4).filter(|&y| y > name)?;
        (b[name..y].iter().all(u8::is_ascii_whitespace) && b[y..].iter().all(u8::is_ascii_digit))
            .then_some(Plain::Month(name, Some(y)))
    }
}

/// A `rel` phrase, words in any case and apart by any white space.
#[cfg(test)]
fn rel_kind(m: &str) -> Option<PKind> {
    RELATIVE
        .iter()
        .find(|(words, _)| {
            let mut got = m.split_ascii_whitespace();
            words
                .iter()
                .all(|w| got.next().is_some_and(|g| g.eq_ignore_ascii_case(w)))
                && got.next().is_none()
        })
        .map(|&(_, kind)| kind)
}

/// A half or quarter as the `half` alternative writes it: "H1", "2H", "Q3",
/// "4Q", perhaps with a year ("Q3 2025").
#[cfg(test)]
fn half_kind(m: &str) -> Option<PKind> {
    let b = m.as_bytes();
    let (n, unit) = match b.get(..2)? {
        [b'H', d @ b'1'..=b'2'] | [d @ b'1'..=b'2', b'H'] => ((d - b'0') as u32, 6),
        [b'Q', d @ b'1'..=b'4'] | [d @ b'1'..=b'4', b'Q'] => ((d - b'0') as u32, 3),
        _ => return None,
    };
    let rest = &m[2..];
    let y = match rest.trim_start_matches(|c: char| c.is_ascii_whitespace()) {
        "" if rest.is_empty() => None,
        year if year.len() == 4 && year.len() < rest.len() && year.bytes().all(|c| c.is_ascii_digit()) => {
            Some(year.parse().ok()?)
        }
        _ => return None,
    };
    Some(PKind::Span {
        first: unit * n - unit + 1,
        last: unit * n,
        y,
    })
}

/// The reading of a match from its groups.
#[cfg(test)]
fn groups_kind(c: &regex::Captures, base: usize, text: &str, ws: usize, to: usize) -> Option<PKind> {
    let kind = if c.name("range").is_some() {
        PKind::MonthRange {
            m1: month_num(&c["r1"]),
            y1: year(c.name("ry1")),
            m2: month_num(&c["r2"]),
            y2: year(c.name("ry2")),
        }
    } else if c.name("endof").is_some() {
        PKind::MonthEnd {
            m: month_num(&c["em"]),
            y: year(c.name("ey")),
        }
    } else if c.name("day").is_some() {
        let d: u32 = c["dd"].parse().unwrap_or(0);
        let m = month_num(&c["dm"]);
        if !(1..=31).contains(&d) {
            PKind::Month { m, y: None }
        } else {
            PKind::Day {
                m,
                d,
                y: year(c.name("dy")),
            }
        }
    } else if c.name("mq").is_some() {
        let m = month_num(&c["qm"]);
        PKind::Span {
            first: m - 2,
            last: m,
            y: year(c.name("qy")),
        }
    } else if c.name("month").is_some() {
        return month_kind(
            text,
            ws,
            &c["mm"],
            c.name("my").map(|m| m.as_str()),
            c.name("mrel").map(|m| m.as_str()),
        );
    } else if c.name("half").is_some() {
        let y = year(c.name("hy"));
        if let Some(h) = c.name("h").or(c.name("h2")) {
            let h: u32 = h.as_str().parse().unwrap_or(1);
            PKind::Span {
                first: 6 * h - 5,
                last: 6 * h,
                y,
            }
        } else {
            let q: u32 = c
                .name("q")
                .or(c.name("q2"))
                .map_or(1, |q| q.as_str().parse().unwrap_or(1));
            PKind::Span {
                first: 3 * q - 2,
                last: 3 * q,
                y,
            }
        }
    } else if c.name("ord").is_some() {
        let n = match c["o"].to_ascii_lowercase().as_str() {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            _ => 4,
        };
        let y = year(c.name("oy"));
        if y.is_none() && part_of_shorter(&text[c.get(0).expect("the match").end() + base..to]) {
            return None;
        }
        if c["ou"].eq_ignore_ascii_case("half") {
            if n > 2 {
                return None;
            }
            PKind::Span {
                first: 6 * n - 5,
                last: 6 * n,
                y,
            }
        } else {
            PKind::Span {
                first: 3 * n - 2,
                last: 3 * n,
                y,
            }
        }
    } else if c.name("firstn").is_some() {
        const WORDS: [&str; 10] = [
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        ];
        let n = &c["fn"].to_ascii_lowercase();
        let last = n
            .parse::<u32>()
            .ok()
            .or_else(|| WORDS.iter().position(|w| w == n).map(|i| i as u32 + 2));
        match last {
            Some(last @ 1..=12) => PKind::Span {
                first: 1,
                last,
                y: year(c.name("fny")),
            },
            _ => return None,
        }
    } else if c.name("ytd").is_some() {
        PKind::YearToDate
    } else if let Some(r) = c.name("rel") {
        rel_kind(r.as_str()).unwrap_or(PKind::MonthEnd { m: 12, y: None })
    } else if let Some(y) = c.name("year") {
        return year_kind(text, base + y.start(), base + y.end(), to);
    } else {
        return None;
    };
    Some(kind)
}
/// `p`, which a day or days written without a year (`kind`) resolved to, a year
/// earlier; `None` for other kinds.
pub fn year_before(kind: PKind, p: Period) -> Option<Period> {
    let y = ymd_from_days(p.start).0 - 1;
    let kind = match kind {
        PKind::Day { m, d, y: None } => PKind::Day { m, d, y: Some(y) },
        PKind::DayRange { m, d1, d2, y: None } => PKind::DayRange { m, d1, d2, y: Some(y) },
        _ => return None,
    };
    Some(resolve(kind, Month::new(y, 1)))
}

/// The year that puts month `m` nearest to the reference month (within -6..+5 months).
fn anchor(m: u32, reference: Month) -> i32 {
    let y = reference.year();
    let cands = [y - 1, y, y + 1];
    *cands
        .iter()
        .min_by_key(|&&cy| {
            let d = Month::new(cy, m).0 - reference.0;
            if (-6..=5).contains(&d) {
                d.abs()
            } else {
                100 + d.abs()
            }
        })
        .expect("candidates")
}

/// Whether `p` is a total of the year so far: two or more whole months from
/// January, short of the whole year ("January-September", "the first half").
pub fn is_year_to_date(p: Period) -> bool {
    // Most periods are a month or a day: the length rules them out before any calendar sum.
    if !(58..365).contains(&(p.end - p.start)) {
        return false;
    }
    let (first, last) = (Month::of_day(p.start), Month::of_day(p.end));
    first.month() == 1
        && p.start == first.first_day()
        && p.end == last.last_day()
        && last.year() == first.year()
        && (2..12).contains(&last.month())
}

/// The span an expression names, its year anchored on the reference month.
pub fn resolve(kind: PKind, reference: Month) -> Period {
    let month = |m: u32, y: Option<i32>| Month::new(y.unwrap_or_else(|| anchor(m, reference)), m);
    match kind {
        PKind::Month { m, y } => month(m, y).period(),
        PKind::MonthRange { m1, y1, m2, y2 } => {
            // "January to June 2025": the year written at the end anchors both ends.
            let end = month(m2, y2.or(y1));
            let start_year = y1.unwrap_or(if m1 <= m2 { end.year() } else { end.year() - 1 });
            Period {
                start: Month::new(start_year, m1).first_day(),
                end: end.last_day(),
            }
        }
        PKind::Day { m, d, y } => {
            let mo = month(m, y);
            let d = d.min(month_len(mo.year(), mo.month()));
            let day = days_from_ymd(mo.year(), mo.month(), d);
            Period { start: day, end: day }
        }
        PKind::DayRange { m, d1, d2, y } => {
            let mo = month(m, y);
            let last = month_len(mo.year(), mo.month());
            Period {
                start: days_from_ymd(mo.year(), mo.month(), d1.min(last)),
                end: days_from_ymd(mo.year(), mo.month(), d2.min(last)),
            }
        }
        PKind::MonthEnd { m, y } => {
            let e = month(m, y).last_day();
            Period { start: e, end: e }
        }
        PKind::Year(y) => year_period(y),
        PKind::Span { first, last, y } => {
            let y = y.unwrap_or(reference.year());
            Period {
                start: Month::new(y, first).first_day(),
                end: Month::new(y, last).last_day(),
            }
        }
        PKind::Relative(n) => reference.offset(n).period(),
        PKind::YearToDate => Period {
            start: Month::new(reference.year(), 1).first_day(),
            end: reference.last_day(),
        },
        PKind::MonthRelYear { m, dy } => Month::new(reference.year() + dy, m).period(),
        PKind::RelativeYear(n) => year_period(reference.year() + n),
        // No day of writing: the month the report is about is the best reading.
        PKind::Week(_) | PKind::Weekday { .. } => reference.period(),
    }
}

/// The day of the week of `d`: 0 Monday .. 6 Sunday (1970-01-01 was a Thursday).
pub fn weekday(d: Days) -> u32 {
    (d + 3).rem_euclid(7) as u32
}

/// The days a week or a day of the week names, written on day `written`:
/// [`PKind::Week`] and [`PKind::Weekday`] (`None` for other kinds).
pub fn resolve_on_day(kind: PKind, written: Days) -> Option<Period> {
    let monday = written - weekday(written) as Days;
    match kind {
        PKind::Week(n) => {
            let start = monday + 7 * n;
            Some(Period { start, end: start + 4 })
        }
        PKind::Weekday { wd, dw: None } => {
            // The last such day up to the day of writing: "closed at ... on Thursday".
            let d = written - (weekday(written) as Days - wd as Days).rem_euclid(7);
            Some(Period { start: d, end: d })
        }
        PKind::Weekday { wd, dw: Some(dw) } => {
            let d = monday + 7 * dw + wd as Days;
            Some(Period { start: d, end: d })
        }
        _ => None,
    }
}

/// The period expression of a week cue (`lexicon::cue::WEEK_*`, `WEEKDAY`) at
/// `s..e`: "this week", "last Thursday". `None` for other flags.
pub fn week_expr(text: &str, s: usize, e: usize, flags: u32) -> Option<PeriodExpr> {
    use crate::lexicon::cue;
    let dw = if flags & cue::WEEK_LAST != 0 {
        -1
    } else if flags & cue::WEEK_NEXT != 0 {
        1
    } else {
        0
    };
    let kind = if flags & cue::WEEKDAY != 0 {
        PKind::Weekday {
            wd: (flags >> cue::DAY_SHIFT) & 7,
            // "this Friday" is listed under the week cues too; "Friday" alone is not.
            dw: (flags & cue::WEEK != 0).then_some(dw),
        }
    } else if flags & cue::WEEK != 0 {
        PKind::Week(dw)
    } else {
        return None;
    };
    Some(PeriodExpr {
        start: s,
        end: e,
        kind,
        base: is_base(text, s, whole_period(kind)),
    })
}

/// January 1 to December 31 of `y`, from [`MONTH_STARTS`] where it has the year.
fn year_period(y: i32) -> Period {
    if (TABLE_FROM..TABLE_FROM + (TABLE_MONTHS / 12) as i32).contains(&y) {
        return Period {
            start: Month::new(y, 1).first_day(),
            end: Month::new(y, 12).last_day(),
        };
    }
    Period {
        start: days_from_ymd(y, 1, 1),
        end: days_from_ymd(y, 12, 31),
    }
}

#[cfg(test)]
mod expr_tests {
    use super::*;

    #[test]
    fn month_names_are_the_spellings_of_month() {
        let whole = Regex::new(&format!("^{MONTH}$")).unwrap();
        assert!(MONTH_NAMES.iter().all(|n| whole.is_match(n)));
        // And no other: every prefix of a name plus up to two letters or a dot.
        for n in MONTH_NAMES {
            for extra in [
                "", ".", "t", "t.", "e", "er", "ber", "ember", "ust", "y", "il", "ch", "uary", "ruary", "ober",
                "tember",
            ] {
                let w = format!("{}{extra}", &n[..3]);
                assert_eq!(whole.is_match(&w), MONTH_NAMES.contains(&w.as_str()), "{w}");
            }
        }
    }

    #[test]
    fn scan_agrees_with_one_regex_scan() {
        let mut texts = crate::lexicon::tests::sample_texts();
        let n = texts.len();
        for i in 0..n {
            // Sparse non-ASCII letters: the mixed path, next to dates and abbreviations.
            let t = &texts[i];
            let mut sparse = String::new();
            for (k, w) in t.split(' ').enumerate() {
                if k > 0 {
                    sparse.push(' ');
                }
                sparse.push_str(w);
                if k % 97 == 13 {
                    sparse.push('é');
                }
                if k % 89 == 5 {
                    sparse.push_str("ð ");
                }
            }
            texts.push(sparse);
        }
        texts.push("Jan.é to Feb.é 2025é H1é éH1 Sept.é year-to-dateé May 2025 é".into());
        // Halves, quarters and relative phrases, read without the capture engine.
        texts.push(
            "H1 2025, 2H, Q3  2024, 4Q, 1Q2025, H3 2025, Q5, this  Month, THE current\nmonth, during the month, \
             next year, last\tyear, Year-End, the end of the year, the end of the year 2025, so far this year"
                .into(),
        );
        // No-break spaces, en dashes, quotes and CJK next to the figures of saved pages.
        texts.push(
            "From May\u{a0}2025 to “June 2025”, Jan–Mar 2025, 2025年 and the first\u{a0}half of\u{2009}2024.".into(),
        );
        for t in &texts {
            let got = scan(t, 0, t.len());
            assert_eq!(got, scan_regex(t, 0, t.len()));
            assert_eq!(got, scan_reference(t, 0, t.len()));
            let mid = (t.len() / 3..t.len())
                .find(|&i| t.is_char_boundary(i))
                .unwrap_or(t.len());
            let end = (2 * t.len() / 3..t.len())
                .find(|&i| t.is_char_boundary(i))
                .unwrap_or(t.len());
            if mid <= end {
                let got = scan(t, mid, end);
                assert_eq!(got, scan_regex(t, mid, end));
                assert_eq!(got, scan_reference(t, mid, end));
            }
        }
    }

    /// `scan_into` adds to a buffer that already holds the expressions of other
    /// stretches exactly what `scan` of its stretch returns.
    #[test]
    fn scan_into_a_used_buffer_adds_what_scan_returns() {
        let mut buf = Vec::new();
        for t in &crate::lexicon::tests::sample_texts() {
            let third = (t.len() / 3..t.len())
                .find(|&i| t.is_char_boundary(i))
                .unwrap_or(t.len());
            let mut want = buf.clone();
            want.extend(scan(t, 0, third));
            want.extend(scan(t, third, t.len()));
            scan_into(t, 0, third, &mut buf);
            scan_into(t, third, t.len(), &mut buf);
            assert_eq!(buf, want);
        }
        assert!(!buf.is_empty());
    }

    /// One of `words` (apart by `|`) at random.
    fn pick(words: &str, next: &mut impl FnMut(usize) -> usize) -> String {
        let n = words.split('|').count();
        words.split('|').nth(next(n)).expect("a word").to_string()
    }

    /// `w` as it is, in capitals, or with one letter's case flipped.
    fn recase(w: String, next: &mut impl FnMut(usize) -> usize) -> String {
        match next(10) {
            0 => w.to_ascii_uppercase(),
            1 if !w.is_empty() => {
                let k = next(w.len());
                let mut b = w.into_bytes();
                b[k] ^= if b[k].is_ascii_alphabetic() { 0x20 } else { 0 };
                String::from_utf8(b).expect("one ASCII letter flipped")
            }
            _ => w,
        }
    }

    /// Joints between words: white space of every kind, hyphens, punctuation,
    /// non-ASCII characters (no-break space, en dash, letters) or nothing.
    const JOINTS: &str = " | | | |  |\t|\n|\x0B|\x0C|\r\n|||-|,|, |.|_|é|–|\u{a0}|年|(|x|7";

    /// A text stitched at random from the grammar's words, pieces of them and
    /// other words, in random case.
    fn stitched(next: &mut impl FnMut(usize) -> usize) -> String {
        const WORDS: &str = "Jan|January|Jan.|Feb|February|Feb.|Mar|March|Mar.|Apr|April|Apr.|May|may|MAY|Jun|June|\
            Jun.|Jul|July|Jul.|Aug|August|Aug.|Sep|September|Sept|Sept.|Sep.|Septe|Oct|October|Oct.|Nov|November|\
            Nov.|Dec|December|Dec.|Janu|2025|2024|1999|1900|2099|20255|1899|2100|19|20|H1|H2|H3|1H|2H|3H|Q1|Q2|Q3|\
            Q4|Q5|1Q|3Q|4Q|5Q|from|to|through|until|-|as|of|by|at|the|end|end-|month-end|first|second|third|\
            fourth|half|quarter|months|month|two|three|six|nine|ten|eleven|twelve|0|1|3|05|00|10|12|13|24|31|32|\
            39|st|nd|rd|th|,|.|so|far|this|next|last|year|year-end|year-to-date|current|following|previous|\
            during|date|in|than|vs.|mt|%|5.2|price|x|_";
        let mut t = String::new();
        for _ in 0..1 + next(14) {
            t.push_str(&recase(pick(WORDS, next), next));
            t.push_str(&pick(JOINTS, next));
        }
        t
    }

    /// A text made of the pattern's alternatives, their optional parts taken
    /// or not and their words spelt right or nearly, apart by white space of
    /// every kind or nothing, in random case, with words and stray characters
    /// around them.
    fn templated(next: &mut impl FnMut(usize) -> usize) -> String {
        // Each alternative's parts, each part's choices apart by `|`; M, Y, D, N stand for
        // a month, year, day or count.
        const SHAPES: [&[&str]; 10] = [
            &["from|", "M", "Y|", "-|to|through|until|–||and", "M", "Y|"],
            &["as of|by|at|as|", "the|", "end of|end-|month-end|end|of", "M", "Y|"],
            &["M", "D", "st|nd|rd|th||s", ",||.|;", "Y|"],
            &["M", "Y|of last year|this year|next year|of this|last years|"],
            &["H1|H2|1H|2H|Q1|Q2|Q3|Q4|1Q|4Q|H3|Q5|3H", "Y|"],
            &["the|", "first|second|third|fourth|fifth", "half|quarter|halves", "of the year|of|of the|", "Y|"],
            &["the|", "first", "N", "months|month", "of the year|of|of the year of|", "Y|"],
            &["year-to-date|year to date|year-to date|year-to-|so far this year|so far this"],
            &[
                "this|next|last|the|the current|during the|the following|the previous|the end of the|year-end|the end of",
                "month|year|months|",
            ],
            &["Y"],
        ];
        const MONTHS: &str = "Jan|January|Jan.|Feb.|February|Mar|March|Apr|April|May|Jun|June|Jul.|Aug|August|Sep|\
            September|Sept|Sept.|Sep.|Oct|Nov.|November|Dec|December|Septem|Janu|may|JUNE|Jan.uary";
        const SPACES: &str = " | | |  |\t|\n|\x0B|\x0C|\r\n|\u{a0}|\u{2009}||-";
        const AROUND: &str = "| | |. |, |x|s|5|é|_|(|)|%| mt|.5| in | from | than | vs. | and |年|–|-";
        let mut t = String::new();
        for _ in 0..1 + next(4) {
            t.push_str(&pick(AROUND, next));
            let mut first = true;
            for part in SHAPES[next(SHAPES.len())] {
                let w = match pick(part, next).as_str() {
                    "M" => pick(MONTHS, next),
                    "Y" => pick("2025|2024|1999|2009|1900|20255|1899|2100|202|2025.5", next),
                    "D" => pick("1|05|9|10|24|29|31|32|00|0|39|123", next),
                    "N" => pick("1|2|9|10|11|12|13|0|00|07|123|two|six|eleven|twelve|Nine", next),
                    w => w.to_string(),
                };
                if w.is_empty() {
                    continue;
                }
                if !first {
                    t.push_str(&pick(SPACES, next));
                }
                first = false;
                for (k, piece) in recase(w, next).split(' ').enumerate() {
                    if k > 0 {
                        t.push_str(&pick(SPACES, next));
                    }
                    t.push_str(piece);
                }
            }
            t.push_str(&pick(AROUND, next));
        }
        t
    }

    /// The hand-written matcher against the regex it replaces, on every
    /// stitched text and between places in its middle; and against `PERIOD_RE`
    /// on the text itself where the view reads alike (see the next test).
    #[test]
    fn scan_agrees_with_the_regexes_on_stitched_text() {
        let mut next = crate::testing::below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..60_000 {
            let t = if next(2) == 0 {
                stitched(&mut next)
            } else {
                templated(&mut next)
            };
            let at = |k: usize| (k..=t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(t.len());
            let (a, b) = (at(next(t.len() + 1)), at(next(t.len() + 1)));
            let alike = !t.contains(|c: char| c == '–' || (!c.is_ascii() && c.is_whitespace()));
            for (from, to) in [(0, t.len()), (a.min(b), a.max(b))] {
                let got = scan(&t, from, to);
                assert_eq!(got, scan_regex(&t, from, to), "{t:?} {from}..{to}");
                if alike {
                    assert_eq!(got, scan_reference(&t, from, to), "{t:?} {from}..{to}");
                }
            }
        }
    }

    /// Where the view and the text read apart: an en dash after "end" is the
    /// hyphen of "end-", and the words of a `rel` phrase apart by a no-break
    /// space are read as the phrase (`rel_kind` on the text splits at ASCII
    /// white space only, and falls back to the year's end).
    #[test]
    fn the_view_reads_en_dashes_and_no_break_spaces() {
        let t = "at the end–June, next\u{a0}month";
        let kinds = |v: Vec<PeriodExpr>| v.into_iter().map(|e| (&t[e.start..e.end], e.kind)).collect::<Vec<_>>();
        assert_eq!(
            kinds(scan(t, 0, t.len())),
            [
                ("at the end–June", PKind::MonthEnd { m: 6, y: None }),
                ("next\u{a0}month", PKind::Relative(1))
            ]
        );
        assert_eq!(
            kinds(scan_reference(t, 0, t.len())),
            [
                ("June", PKind::Month { m: 6, y: None }),
                ("next\u{a0}month", PKind::MonthEnd { m: 12, y: None })
            ]
        );
    }

    fn kinds(s: &str) -> Vec<(String, PKind, bool)> {
        scan(s, 0, s.len())
            .into_iter()
            .map(|e| (s[e.start..e.end].to_string(), e.kind, e.base))
            .collect()
    }

    #[test]
    fn a_month_a_price_closed_at_is_its_last_day() {
        let k = kinds(
            "billet closed October at 2,990 yuan/mt; the index ended September at $-40.10/dmt; closed October higher",
        );
        let got: Vec<_> = k.iter().map(|(t, k, _)| (t.as_str(), *k)).collect();
        assert_eq!(
            got,
            [
                ("October", PKind::MonthEnd { m: 10, y: None }),
                ("September", PKind::MonthEnd { m: 9, y: None }),
                ("October", PKind::Month { m: 10, y: None }),
            ]
        );
    }

    #[test]
    fn days_written_before_their_month() {
        let k = kinds(
            "stocks fell to 356,000t on 11 June, from 13 May 2025 and 2 March; 1,12 June; 10-11 June; \
             in the week of November 17-21, 2025; 24–28 February; June 5-40; May 3-4%",
        );
        let got: Vec<_> = k.iter().map(|(t, k, base)| (t.as_str(), *k, *base)).collect();
        assert_eq!(
            got,
            [
                ("11 June", PKind::Day { m: 6, d: 11, y: None }, false),
                (
                    "13 May 2025",
                    PKind::Day {
                        m: 5,
                        d: 13,
                        y: Some(2025)
                    },
                    true
                ),
                ("2 March", PKind::Day { m: 3, d: 2, y: None }, false),
                ("June", PKind::Month { m: 6, y: None }, false),
                (
                    "10-11 June",
                    PKind::DayRange {
                        m: 6,
                        d1: 10,
                        d2: 11,
                        y: None
                    },
                    false
                ),
                (
                    "November 17-21, 2025",
                    PKind::DayRange {
                        m: 11,
                        d1: 17,
                        d2: 21,
                        y: Some(2025)
                    },
                    false
                ),
                (
                    "24–28 February",
                    PKind::DayRange {
                        m: 2,
                        d1: 24,
                        d2: 28,
                        y: None
                    },
                    false
                ),
                ("June 5", PKind::Day { m: 6, d: 5, y: None }, false),
                ("May 3", PKind::Day { m: 5, d: 3, y: None }, false),
            ]
        );
    }

    #[test]
    fn months_ranges_and_points() {
        assert_eq!(
            kinds("In January 2025 (31 days)")[0].1,
            PKind::Month { m: 1, y: Some(2025) }
        );
        assert_eq!(
            kinds("from January to November 2025,")[0].1,
            PKind::MonthRange {
                m1: 1,
                y1: None,
                m2: 11,
                y2: Some(2025)
            }
        );
        assert_eq!(
            kinds("for January-February is")[0].1,
            PKind::MonthRange {
                m1: 1,
                y1: None,
                m2: 2,
                y2: None
            }
        );
        assert_eq!(
            kinds("as of January 24, SMM's")[0].1,
            PKind::Day { m: 1, d: 24, y: None }
        );
        assert_eq!(kinds("at the end of May to")[0].1, PKind::MonthEnd { m: 5, y: None });
        assert_eq!(kinds("As of month-end June,")[0].1, PKind::MonthEnd { m: 6, y: None });
        assert_eq!(
            kinds("increase of 28% in H1.")[0].1,
            PKind::Span {
                first: 1,
                last: 6,
                y: None
            }
        );
        assert_eq!(kinds("121 tons this month")[0].1, PKind::Relative(0));
        assert_eq!(
            kinds("In January last year, prices")[0].1,
            PKind::MonthRelYear { m: 1, dy: -1 }
        );
        assert_eq!(
            kinds("in the first 10 months")[0].1,
            PKind::Span {
                first: 1,
                last: 10,
                y: None
            }
        );
        assert_eq!(
            kinds("the first nine months of 2031,")[0].1,
            PKind::Span {
                first: 1,
                last: 9,
                y: Some(2031)
            }
        );
        assert_eq!(kinds("rose 5% year to date")[0].1, PKind::YearToDate);
    }

    #[test]
    fn a_half_of_a_month_or_a_week_is_no_half_year() {
        for t in [
            "fell in the second half of the month",
            "in the first half of July,",
            "during the second half of the week",
        ] {
            assert!(
                kinds(t).iter().all(|k| !matches!(k.1, PKind::Span { .. })),
                "{t}: {:?}",
                kinds(t)
            );
        }
        let h2 = PKind::Span {
            first: 7,
            last: 12,
            y: None,
        };
        assert_eq!(kinds("in the second half of the year")[0].1, h2);
        assert_eq!(kinds("in the second half, output")[0].1, h2);
        assert_eq!(kinds("in the second half of next year")[0].1, h2);
    }

    #[test]
    fn over_above_below_and_on_a_whole_period_compare() {
        for t in [
            "an increase of 3,960 mt over September",
            "2,150 mt below September",
            "0.9 percentage points above its September share",
            "up 10.2% on 2025",
            "up 3% against Q2",
        ] {
            let k = kinds(t);
            assert!(k.len() == 1 && k[0].2, "{t}: {k:?}");
        }
        // "On" before a day dates the figure; "over" inside a word is no comparison.
        for t in ["touched $26.10/lb on September 24", "moreover 2025 output"] {
            let k = kinds(t);
            assert!(k.len() == 1 && !k[0].2, "{t}: {k:?}");
        }
    }

    #[test]
    fn quarters_named_by_their_last_month_and_fiscal_quarters() {
        let span = |first, last, y| PKind::Span { first, last, y };
        for (t, want) in [
            ("output in the September quarter", span(7, 9, None)),
            ("sales in the June 2026 quarter", span(4, 6, Some(2026))),
            ("for the quarter ended 30 September 2026", span(7, 9, Some(2026))),
            ("in the half-year ended June 30, 2026", span(1, 6, Some(2026))),
            ("the three months to December 2025", span(10, 12, Some(2025))),
        ] {
            let k = kinds(t);
            assert!(k.len() == 1 && k[0].1 == want && !k[0].2, "{t}: {k:?}");
        }
        // "May quarter" ends no quarter; "Q1 FY27" is a fiscal quarter, of no calendar months.
        assert!(!kinds("the May quarter")
            .iter()
            .any(|k| matches!(k.1, PKind::Span { .. })));
        assert_eq!(kinds("in Q1 FY27 output"), []);
        // "the" may stand between a comparison and its base.
        let k = kinds("up 7% on the June quarter");
        assert!(k.len() == 1 && k[0].2, "{k:?}");
        // A span of time, not a base; a figure of the sentence before is not before "over".
        for t in [
            "Mills averaged 1,200 t/day over the June quarter",
            "Output reached 41,200 t in July. Over September, stocks fell 4%",
        ] {
            let k = kinds(t);
            assert!(!k.last().expect("a period").2, "{t}: {k:?}");
        }
        // Only a span of months runs "to" a month.
        let k = kinds("maintenance moved from the second quarter to June");
        assert_eq!(k.last().map(|k| k.1), Some(PKind::Month { m: 6, y: None }), "{k:?}");
    }

    #[test]
    fn bases_and_modal_may() {
        let k = kinds("decreased by 10% MoM from May, and may fall");
        assert_eq!(k.len(), 1);
        assert!(k[0].2, "from May is a base");
        let k = kinds("the lowest level since early February");
        assert!(k.len() == 1 && k[0].2, "since February is a base: {k:?}");
        let k = kinds("rose 4% from mid-April, in early June, and 2% from mid-May");
        assert_eq!(k.iter().map(|k| k.2).collect::<Vec<_>>(), [true, false, true], "{k:?}");
        assert!(kinds("production may decline").is_empty());
        assert!(kinds("totaled 2025 mt").is_empty());
        // Before the noun of a figure, "May" and "March" are months; before a verb, not.
        for t in [
            "SMM expects March output to reach",
            "May exports rose",
            "said May prices held",
            "The average May price of copper",
        ] {
            assert_eq!(kinds(t).len(), 1, "{t}");
        }
        for t in [
            "May rise further",
            "troops March on",
            "Output May outpace demand",
            "Nickel Prices May Average $16,000/t",
        ] {
            assert!(kinds(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn years_anchor_on_the_reference_month() {
        let jan25 = Month::new(2025, 1);
        assert_eq!(
            resolve(PKind::Month { m: 12, y: None }, jan25),
            Month::new(2024, 12).period()
        );
        assert_eq!(
            resolve(PKind::Month { m: 2, y: None }, jan25),
            Month::new(2025, 2).period()
        );
        let p = resolve(
            PKind::MonthRange {
                m1: 1,
                y1: None,
                m2: 6,
                y2: None,
            },
            Month::new(2025, 6),
        );
        assert_eq!(
            (p.start, p.end),
            (days_from_ymd(2025, 1, 1), days_from_ymd(2025, 6, 30))
        );
        let e = resolve(PKind::MonthEnd { m: 12, y: None }, jan25);
        assert_eq!(e.start, days_from_ymd(2024, 12, 31));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for &(y, m, d) in &[(1970, 1, 1), (2024, 2, 29), (2025, 12, 31), (1999, 3, 1)] {
            assert_eq!(ymd_from_days(days_from_ymd(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_ymd(1970, 1, 1), 0);
        assert_eq!(days_from_ymd(2025, 1, 1), 20089);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2025-01-27"), Some(days_from_ymd(2025, 1, 27)));
        assert_eq!(parse_iso_date("2025-01-27T10:00:00"), Some(days_from_ymd(2025, 1, 27)));
        assert_eq!(parse_iso_date("2025-02-30"), None);
        assert_eq!(parse_iso_date("Jan 2025"), None);
    }

    #[test]
    fn month_days_from_the_table_are_computed_ones() {
        for k in (TABLE_FROM - 3) * 12..(TABLE_FROM + 253) * 12 {
            let m = Month(k);
            assert_eq!(m.first_day(), days_from_ymd(m.year(), m.month(), 1), "{k}");
            let len = month_len(m.year(), m.month());
            assert_eq!(m.last_day(), days_from_ymd(m.year(), m.month(), len), "{k}");
        }
        for y in TABLE_FROM - 3..TABLE_FROM + 253 {
            let want = Period {
                start: days_from_ymd(y, 1, 1),
                end: days_from_ymd(y, 12, 31),
            };
            assert_eq!(year_period(y), want, "{y}");
        }
        for k in [i32::MIN, i32::MIN + 1, -1, 0, i32::MAX - 1, i32::MAX] {
            assert_eq!(Month(k).in_table(), None, "{k}");
        }
    }

    #[test]
    fn weeks_and_days_of_the_week_count_from_the_day_of_writing() {
        assert_eq!(weekday(days_from_ymd(1970, 1, 1)), 3, "a Thursday");
        // Written on Friday 7 March 2025.
        let friday = days_from_ymd(2025, 3, 7);
        let on = |kind| resolve_on_day(kind, friday).map(|p| (ymd_from_days(p.start), ymd_from_days(p.end)));
        let days = |a: (u32, u32), b: (u32, u32)| Some(((2025, a.0, a.1), (2025, b.0, b.1)));
        assert_eq!(on(PKind::Week(0)), days((3, 3), (3, 7)));
        assert_eq!(on(PKind::Week(-1)), days((2, 24), (2, 28)));
        assert_eq!(on(PKind::Week(1)), days((3, 10), (3, 14)));
        assert_eq!(on(PKind::Weekday { wd: 3, dw: None }), days((3, 6), (3, 6)));
        assert_eq!(on(PKind::Weekday { wd: 4, dw: None }), days((3, 7), (3, 7)));
        assert_eq!(on(PKind::Weekday { wd: 3, dw: Some(-1) }), days((2, 27), (2, 27)));
        assert_eq!(on(PKind::Weekday { wd: 0, dw: Some(1) }), days((3, 10), (3, 10)));
        // On a Monday, "on Friday" is the Friday before.
        let monday = days_from_ymd(2025, 3, 10);
        let p = resolve_on_day(PKind::Weekday { wd: 4, dw: None }, monday).expect("a day");
        assert_eq!(ymd_from_days(p.start), (2025, 3, 7));
        // "this Friday", written on Monday 10 March, is the Friday to come.
        let p = resolve_on_day(PKind::Weekday { wd: 4, dw: Some(0) }, monday).expect("a day");
        assert_eq!(ymd_from_days(p.start), (2025, 3, 14));
        assert_eq!(resolve_on_day(PKind::Relative(0), friday), None);
    }

    #[test]
    fn month_arithmetic() {
        let jan = Month::new(2025, 1);
        assert_eq!(jan.offset(-1), Month::new(2024, 12));
        assert_eq!(Month::new(2024, 2).last_day(), days_from_ymd(2024, 2, 29));
    }
}
