//! What a page says about itself: title, publisher, publication date, and the
//! month the report is about (its subject month, which anchors years and
//! separates measured figures from forecasts).

use crate::model::{Days, DocMeta, Period};
use crate::periods::{self, days_from_ymd, Month, PKind};
use crate::segment::{Line, LineKind};
use once_cell::sync::Lazy;
use regex::Regex;

// ASCII word boundaries: a Unicode `\b` makes the regex engine give up its DFA on
// the first non-ASCII byte of a line and crawl the rest.
static DATE_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        (?i:published|date|posted|updated|release\s+time)\s*[:：]?\s*(?P<a>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})
        | ^icon\s*(?P<b>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})
        | (?P<iso>(?-u:\b)(?:19|20)\d\d-\d\d-\d\d(?-u:\b))
        | (?P<c>(?-u:\b)\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})
        | ^[A-Z][A-Za-z]+,\s+(?P<d>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})\s+\((?P<pub>[A-Za-z][A-Za-z&.\x20-]{0,39})\)
        | ^(?P<e>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})(?:\s+\d{1,2}:\d{2})?\s*$
        | (?P<f>(?-u:\b)[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})",
    )
    .expect("date regex compiles")
});

static SOURCE_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)source\s*[:：]\s*(?P<s>[^\n|]{1,60}?)\s*$").expect("source regex compiles"));

/// Whether an ASCII line can hold a match of [`DATE_RE`] (most lines of a report
/// cannot, and are passed over without a regex search). One alternative starts
/// the line with a capitalized word, a comma, white space and a capital letter
/// ("Seoul, Jan 16 (Yonhap)"; not "Meanwhile, lead ..."). The others end in four
/// digits: after "DD, " or "DD " ("Jan 16, 2024"), after "DD Month " ("9 Nov
/// 2025"), or before a hyphen ("2025-01-27").
fn may_hold_date(t: &[u8]) -> bool {
    // `\s` of an ASCII line, vertical tab included.
    let space = crate::bytes::ascii_space;
    let lead = t.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(t.len());
    if t.first().is_some_and(u8::is_ascii_uppercase) && lead > 1 && t.get(lead) == Some(&b',') {
        let gap = t[lead + 1..].iter().take_while(|&&c| space(c)).count();
        if gap > 0 && t.get(lead + 1 + gap).is_some_and(u8::is_ascii_uppercase) {
            return true;
        }
    }
    let mut i = 0;
    // Digits sixteen bytes at a time: a line may be a long paragraph.
    while let Some(y) = crate::bytes::next_digit(t, i) {
        let run = t[y..].iter().take_while(|c| c.is_ascii_digit()).count();
        i = y + run;
        if run < 4 {
            continue;
        }
        if run == 4 && t.get(y + 4) == Some(&b'-') {
            return true;
        }
        // White space before the digits, and before it a day ("16, 2024", "16 2024")
        // or a month word after a day ("9 Nov. 2025").
        let mut p = y;
        while p > 0 && space(t[p - 1]) {
            p -= 1;
        }
        if p == y || p == 0 {
            continue;
        }
        let c = t[p - 1];
        if c == b',' || c.is_ascii_digit() {
            return true;
        }
        if c == b'.' {
            p -= 1;
        }
        let lower = t[..p].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
        let w = p - lower;
        if !(2..=8).contains(&lower) || w == 0 || !t[w - 1].is_ascii_uppercase() {
            continue;
        }
        let mut q = w - 1;
        while q > 0 && space(t[q - 1]) {
            q -= 1;
        }
        if q < w - 1 && q > 0 && t[q - 1].is_ascii_digit() {
            return true;
        }
    }
    false
}

/// Whether a line can hold a match of [`DATE_RE`]: the byte checks of
/// [`may_hold_date`] where the line's characters outside ASCII are neither white space
/// nor digits (what the regex's letters, `\s` and `\d` may match outside ASCII), as in
/// most lines with a curly quote or a dash; a regex search for the others.
fn may_hold_date_in(t: &str) -> bool {
    let plain = t.is_ascii()
        || t.chars()
            .all(|c| c.is_ascii() || !(c.is_whitespace() || c.is_numeric()));
    !plain || may_hold_date(t.as_bytes())
}

/// [`may_name_source`] of any line: one outside ASCII only needs a colon, ASCII or
/// full-width (most paragraphs have none), where case folding, Unicode white space
/// and characters of several bytes leave the rest to the regex.
fn may_name_source_in(t: &str, ascii: bool) -> bool {
    if ascii {
        return may_name_source(t.as_bytes());
    }
    memchr::memchr(b':', t.as_bytes()).is_some() || memchr::memmem::find(t.as_bytes(), "：".as_bytes()).is_some()
}

/// Whether an ASCII line can hold a match of [`SOURCE_RE`]: "source" in any case, a
/// colon after it (white space between), and after the colon 1 to 60 characters
/// without a "|" before the end of the line (white space around them).
fn may_name_source(t: &[u8]) -> bool {
    let space = |c: &u8| crate::bytes::ascii_space(*c);
    // Looked for from the colons, rarer than an 's': the white space before a colon
    // and the six bytes before that are the only "source" that can go with it.
    memchr::memchr_iter(b':', t).any(|colon| {
        let p = colon - t[..colon].iter().rev().take_while(|c| space(c)).count();
        if !(p >= 6 && t[p - 6..p].eq_ignore_ascii_case(b"source")) {
            return false;
        }
        let rest = &t[colon + 1..];
        let a = rest.iter().position(|c| !space(c)).unwrap_or(rest.len());
        let b = rest.iter().rposition(|c| !space(c)).map_or(a, |k| k + 1);
        (1..=60).contains(&(b - a)) && !rest[a..b].contains(&b'|')
    })
}

/// "Jan 21, 2026", "January 16, 2024", "9 Nov 2025", "Nov 9" (year from `year_hint`).
fn parse_written_date(s: &str, year_hint: Option<i32>) -> Option<Days> {
    let toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut m = None;
    let mut d = None;
    let mut y = None;
    for t in toks {
        if let Ok(n) = t.parse::<i32>() {
            if n > 31 {
                y = Some(n);
            } else {
                d = Some(n as u32);
            }
        } else {
            let l = t.trim_end_matches('.').to_ascii_lowercase();
            const P: [&str; 12] = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            m = P.iter().position(|p| l.starts_with(p)).map(|i| i as u32 + 1);
        }
    }
    let (m, d, y) = (m?, d?, y.or(year_hint)?);
    (d >= 1 && d <= periods::month_len(y, m)).then(|| days_from_ymd(y, m, d))
}

/// A navigation menu of a saved page: short items between pipes ("Home | Markets |
/// Base Metals | Prices"), part of the masthead, not the first paragraph.
fn is_menu(line: &str) -> bool {
    piped_items(line, 3, 8)
}

/// Whether `line` holds at least `pipes` " | " and no item of more than `words` words.
fn piped_items(line: &str, pipes: usize, words: usize) -> bool {
    line.matches(" | ").count() >= pipes && line.split('|').all(|item| item.split_whitespace().count() <= words)
}

/// Whether `t` is written in capitals: letters, none of them lower case.
fn shouting(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_uppercase()) && !t.bytes().any(|b| b.is_ascii_lowercase())
}

/// `t` with each word's letters after its first in lower case (byte lengths unchanged).
fn title_case(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut in_word = false;
    for c in t.chars() {
        out.push(if in_word { c.to_ascii_lowercase() } else { c });
        in_word = c.is_ascii_alphabetic();
    }
    out
}

/// A kicker or masthead over the headline: short items between pipes ("ENERGY & STEEL |
/// CHINA", "FERROUS WEEKLY | Issue 42 | Friday, October 16, 2026"), not the title.
fn is_kicker(line: &str) -> bool {
    piped_items(line, 1, 4)
}

pub struct Meta<'a> {
    pub doc: DocMeta<'a>,
    /// The month the report is about, when its title or opening headings name one.
    pub subject: Option<Month>,
    /// The months from January the title names when it names no month of its own
    /// ("Steel exports in first seven months rise 14.2%"): what the report is about.
    pub subject_span: Option<Period>,
    /// The days the report is about when it names no month: a day range its title
    /// or an opening heading names ("Market Review (Nov 20-26, 2025)"), else the
    /// week of publication for a weekly, else the day of publication (a daily price
    /// assessment, a news item).
    pub subject_days: Option<Period>,
    /// The commodity the title names, the default for sections that name none.
    pub commodity: Option<&'static str>,
    /// The commodities the title names, the first few: the topics of the report.
    pub topics: [Option<&'static str>; 4],
}

pub fn read<'a>(text: &'a str, lines: &[Line], published_hint: Option<Days>) -> Meta<'a> {
    let mut published = None;
    let mut source = None;
    let mut title = None;
    let mut kicker = None;
    // Publication lines sit at the top of a page; a bounded look keeps big pages cheap.
    for l in lines.iter().take(60) {
        let t = text[l.start..l.end].trim();
        if t.is_empty() {
            continue;
        }
        // One ASCII check of the line for both pre-checks, none once both are settled.
        let ascii = (published.is_none() || source.is_none()) && t.is_ascii();
        let may_hold = |t: &str| {
            if ascii {
                may_hold_date(t.as_bytes())
            } else {
                may_hold_date_in(t)
            }
        };
        if published.is_none() && may_hold(t) {
            if let Some(c) = DATE_RE.captures(t) {
                let hint = published_hint.map(|d| periods::ymd_from_days(d).0);
                // A bare date counts on a short line of its own, not inside a sentence.
                // So does a date written out at the end of a byline ("By Staff | March 14, 2025").
                let bare = c.name("iso").or(c.name("c")).or(c.name("f")).is_some();
                published = if bare && t.len() > 80 {
                    None
                } else if let Some(iso) = c.name("iso") {
                    periods::parse_iso_date(iso.as_str())
                } else {
                    let s = c
                        .name("a")
                        .or(c.name("b"))
                        .or(c.name("c"))
                        .or(c.name("d"))
                        .or(c.name("e"))
                        .or(c.name("f"))
                        .map(|m| m.as_str());
                    s.and_then(|s| parse_written_date(s, hint))
                };
                if let (None, Some(p)) = (source, c.name("pub")) {
                    source = Some(p.as_str());
                }
            }
        }
        if source.is_none() && may_name_source_in(t, ascii) {
            if let Some(c) = SOURCE_RE.captures(t) {
                let s = c["s"].trim();
                if !s.is_empty() {
                    let start = t.as_ptr() as usize - text.as_ptr() as usize + c.name("s").expect("group").start();
                    source = Some(&text[start..start + s.len()]);
                }
            }
        }
        if title.is_none() && l.kind == LineKind::Heading && t.split_whitespace().count() >= 3 {
            match is_kicker(t) {
                true => kicker = kicker.or(Some(t)),
                false => title = Some(t),
            }
        }
    }
    // A kicker is the title only when no other heading is ("Copper imports fall 8% | Wire").
    let title = title.or(kicker);
    let published = published.or(published_hint);
    let reference = published.map(Month::of_day);
    // The subject month: the first month the title or an opening heading names.
    let mut subject = None;
    let mut subject_days = None;
    // A quarter or half the title names: "Quarterly Summary - Nickel Sulphate, Q3 2026".
    let mut subject_part = None;
    // A weekly report ("Nickel Weekly", "SMM Weekly: ...") is about the week it was written.
    let mut weekly = false;
    let heads = lines.iter().filter(|l| l.kind == LineKind::Heading).take(8);
    for l in heads {
        let t = &text[l.start..l.end];
        weekly |= t
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("weekly"));
        // "QUARTERLY REPORT FOR THE QUARTER ENDED 30 SEPTEMBER 2026": month names are read
        // as written ("Sep", "September"), so a heading in capitals is read in title case.
        let titled = shouting(t).then(|| title_case(t));
        let found = match &titled {
            Some(tc) => periods::scan(tc, 0, tc.len()),
            None => periods::scan(text, l.start, l.end),
        };
        // "COPPER OUTPUT MAY RISE IN Q4": a bare "May" in capitals is the modal verb.
        let modal = |k: &PKind| titled.is_some() && matches!(k, PKind::Month { m: 5, y: None });
        for e in found.into_iter().filter(|e| !modal(&e.kind)) {
            let explicit = matches!(e.kind, PKind::Month { y: Some(_), .. });
            if explicit || (matches!(e.kind, PKind::Month { .. }) && reference.is_some()) {
                let p = periods::resolve(e.kind, reference.unwrap_or(Month::new(2000, 1)));
                subject = Some(Month::of_day(p.start));
                break;
            }
            if let PKind::Span { first, last, y } = e.kind {
                if (y.is_some() || reference.is_some()) && matches!(last - first, 2 | 5) {
                    let p = periods::resolve(e.kind, reference.unwrap_or(Month::new(2000, 1)));
                    subject = Some(Month::of_day(p.end));
                    subject_part = Some(p);
                    break;
                }
            }
            let explicit = matches!(e.kind, PKind::DayRange { y: Some(_), .. });
            if subject_days.is_none() && (explicit || matches!(e.kind, PKind::DayRange { .. }) && reference.is_some()) {
                subject_days = Some(periods::resolve(e.kind, reference.unwrap_or(Month::new(2000, 1))));
            }
        }
        if subject.is_some() || subject_days.is_some() || crate::segment::section_commodity(t).is_some() {
            break;
        }
    }
    // A heading that names a month as well is about the month.
    let subject_days = subject_days
        .or_else(|| {
            let day = published?;
            match weekly {
                true => periods::resolve_on_day(PKind::Week(0), day),
                false => Some(Period { start: day, end: day }),
            }
        })
        .filter(|_| subject.is_none());
    // A news item about the year so far: "Steel exports in first seven months rise 14.2%".
    let subject_span = subject_part.or(match (subject, title, reference) {
        (None, Some(t), Some(r)) => {
            let s = t.as_ptr() as usize - text.as_ptr() as usize;
            periods::scan(text, s, s + t.len())
                .into_iter()
                .map(|e| periods::resolve(e.kind, r))
                .find(|&p| periods::is_year_to_date(p))
        }
        _ => None,
    });
    if let Some(p) = subject_span {
        subject = Some(Month::of_day(p.end));
    }
    let commodities_of = |t: &str| {
        let mut topics = [None; 4];
        crate::lexicon::with_hits_in(t, 0, t.len(), |h| {
            let named = h.commodities().iter().map(|c| *crate::lexicon::COMMODITIES.payload(c));
            // A form without its metal ("cathode") names no topic of its own.
            for (slot, c) in topics
                .iter_mut()
                .zip(named.filter(|c| crate::lexicon::form_of(c).is_none()))
            {
                *slot = Some(c);
            }
        });
        topics
    };
    // The title's commodities; else those of the first line of the masthead (the headings
    // above the first paragraph) to name one: "NORTHGATE RESEARCH" over "Copper Quarterly".
    let topics = title.map(commodities_of).filter(|t| t[0].is_some()).or_else(|| {
        lines
            .iter()
            .take_while(|l| l.kind != LineKind::Body || is_menu(&text[l.start..l.end]))
            .filter(|l| l.kind == LineKind::Heading)
            .take(8)
            .map(|l| commodities_of(&text[l.start..l.end]))
            .find(|t| t[0].is_some())
    });
    let topics = topics.unwrap_or_default();
    Meta {
        doc: DocMeta {
            title,
            published,
            source,
        },
        subject,
        subject_span,
        subject_days,
        commodity: topics[0],
        topics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Seen = (Option<String>, Option<(i32, u32, u32)>, Option<String>, Option<Month>);

    #[test]
    fn the_masthead_names_the_default_commodity_past_a_menu() {
        let commodity = |t: &str| read(t, &crate::segment::lines(t), None).commodity;
        let t = "Harbour Metals News\nHome | News | Ferrous | Non-ferrous | Energy Metals | Rare Earths | Analysis | Events | Contact\n\
                 Cobalt metal climbs to $21.50/lb as quota caps supply\n\
                 Cobalt prices extended their rally this week after the quota was confirmed.\n";
        assert_eq!(commodity(t), Some("cobalt"));
        // A paragraph ends the masthead: a heading below it is a section's.
        let t = "Harbour Metals News\nPrices extended their rally this week after the quota was confirmed.\n\
                 Cobalt Market\nCobalt rose.\n";
        assert_eq!(commodity(t), None);
    }

    fn meta_of(t: &str) -> Seen {
        let lines = crate::segment::lines(t);
        let m = read(t, &lines, None);
        (
            m.doc.title.map(str::to_string),
            m.doc.published.map(periods::ymd_from_days),
            m.doc.source.map(str::to_string),
            m.subject,
        )
    }

    #[test]
    fn lines_passed_over_hold_no_date_or_source() {
        let lines = [
            "Published: Apr 2, 2025 09:10",
            "iconJan 27, 2025 20:27",
            "Seoul, Jan 16 (Yonhap)",
            "Nov 21, 2025",
            "Updated 2025-03-04 by the desk",
            "It rose on 12 March 2024 in a long sentence.",
            "Output rose 5% in May, up 1,200 mt.",
            "Category: Industry TrendsDate: January 16, 2024 15:17Source: Yonhap News Agency",
            "Data SOURCE: SMM",
            "A, b",
            "Zinc, lead and tin",
        ];
        for t in lines {
            if DATE_RE.is_match(t) {
                assert!(may_hold_date(t.as_bytes()), "{t}");
            }
            if SOURCE_RE.is_match(t) {
                assert!(may_name_source(t.as_bytes()), "{t}");
            }
        }
        assert!(!may_hold_date(b"Output rose 5% in May, up 1,200 mt."));
        assert!(!may_hold_date(b"Output rose 5% in November 2025, up 1,200 mt."));
        assert!(!may_hold_date(b"Meanwhile, lead concentrate TCs fell (SMM)"));
        assert!(may_hold_date(b"Seoul,\x0bJan 16 (Yonhap)"));
        assert!(!may_name_source(b"Forces: none"));
        assert!(!may_name_source(b"Our sources: a long list | of things"));
    }

    /// [`may_name_source`] as it was first written, from each "source" forward to a colon.
    fn may_name_source_reference(t: &[u8]) -> bool {
        if memchr::memchr(b':', t).is_none() {
            return false;
        }
        let space = |c: &u8| c.is_ascii_whitespace() || *c == 0x0B;
        memchr::memchr2_iter(b's', b'S', t).any(|i| {
            if !t[i..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case(b"source")) {
                return false;
            }
            let colon = i + 6 + t[i + 6..].iter().take_while(|c| space(c)).count();
            if t.get(colon) != Some(&b':') {
                return false;
            }
            let rest = &t[colon + 1..];
            let a = rest.iter().position(|c| !space(c)).unwrap_or(rest.len());
            let b = rest.iter().rposition(|c| !space(c)).map_or(a, |k| k + 1);
            (1..=60).contains(&(b - a)) && !rest[a..b].contains(&b'|')
        })
    }

    /// Random lines of date-like pieces: every one the regexes match passes the checks.
    #[test]
    fn lines_the_regexes_match_pass_the_checks() {
        const PIECES: [&str; 55] = [
            "Jan",
            "January",
            "Nov.",
            "Sept",
            "Dec",
            "May",
            "2025",
            "1999",
            "20251",
            "16",
            "5",
            "09",
            "12:30",
            ",",
            " ",
            "  ",
            "\t",
            "\u{b}",
            "Published",
            "published:",
            "Date",
            ":",
            "icon",
            "(Yonhap)",
            "Seoul,",
            "-",
            "2025-01-27",
            "In",
            "rose",
            "x",
            "Source",
            "SOURCE:",
            "data",
            "SMM",
            "|",
            "a long tail of words here",
            "(",
            ")",
            "Release time",
            "posted",
            "updated",
            "12",
            "Apr.",
            "Co",
            "\u{a0}",
            "\u{2019}s",
            "\u{2014}",
            "Bogot\u{e1},",
            "\u{663}\u{660}",
            "\u{ff12}\u{ff10}\u{ff12}\u{ff15}",
            "\u{ff1a}",
            "\u{17f}ource",
            "Meanwhile,",
            "Lead",
            "\u{b}Nov",
        ];
        let mut next = crate::testing::below(0x2545_F491_4F6C_DD1D);
        let (mut dates, mut sources, mut wide) = (0, 0, 0);
        for _ in 0..200_000 {
            let mut line = String::new();
            for _ in 0..1 + next(9) {
                line.push_str(PIECES[next(PIECES.len())]);
                if next(3) > 0 {
                    line.push(' ');
                }
            }
            let t = line.trim();
            if DATE_RE.is_match(t) {
                dates += 1;
                assert!(may_hold_date_in(t), "{t:?}");
            }
            assert_eq!(
                may_name_source(line.as_bytes()),
                may_name_source_reference(line.as_bytes()),
                "{line:?}"
            );
            if t.is_ascii() && SOURCE_RE.is_match(t) {
                sources += 1;
                assert!(may_name_source(t.as_bytes()), "{t:?}");
            }
            if !t.is_ascii() && SOURCE_RE.is_match(t) {
                wide += 1;
                assert!(may_name_source_in(t, false), "{t:?}");
            }
        }
        assert!(
            dates > 1000 && sources > 1000 && wide > 1000,
            "{dates} dates, {sources} sources, {wide} outside ASCII"
        );
        // Dates in every written shape, with words around them.
        const LEAD: [&str; 9] = [
            "",
            "Caf\u{e9} \u{2014} ",
            "Published: ",
            "icon",
            "Date ",
            "Seoul, ",
            "It rose on ",
            "x ",
            "Updated:",
        ];
        const MONTH: [&str; 6] = ["Jan", "Nov.", "September", "May", "dec", "Ab"];
        const GAP: [&str; 7] = [" ", "  ", "\t", "", "\u{b}", "\u{a0}", "\u{2009}"];
        const DAY: [&str; 4] = ["16", "5", "123", "x"];
        const TAIL: [&str; 5] = ["", " 20:27", " (Yonhap)", " rose 5%.", "-01-27"];
        let mut dated = 0;
        for _ in 0..100_000 {
            let day_first = next(2) == 0;
            let (m, d) = (MONTH[next(MONTH.len())], DAY[next(DAY.len())]);
            let mut line = LEAD[next(LEAD.len())].to_string();
            let (g1, g2) = (GAP[next(GAP.len())], GAP[next(GAP.len())]);
            let comma = if next(2) == 0 { "," } else { "" };
            if day_first {
                line.push_str(&format!("{d}{g1}{m}{g2}"));
            } else {
                line.push_str(&format!("{m}{g1}{d}{comma}{g2}"));
            }
            line.push_str(["2025", "1999", "20251", "202"][next(4)]);
            line.push_str(TAIL[next(TAIL.len())]);
            let t = line.trim();
            if DATE_RE.is_match(t) {
                dated += 1;
                assert!(may_hold_date_in(t), "{t:?}");
            }
        }
        assert!(dated > 10_000, "{dated} dated lines");
    }

    #[test]
    fn publication_lines() {
        let (title, p, s, subj) =
            meta_of("Zinc Output Climbs in March 2025\n\nPublished: Apr 2, 2025 09:10\nSource: SMM\nBody.\n");
        assert_eq!(title.as_deref(), Some("Zinc Output Climbs in March 2025"));
        assert_eq!(p, Some((2025, 4, 2)));
        assert_eq!(s.as_deref(), Some("SMM"));
        assert_eq!(subj, Some(Month::new(2025, 3)));
        let (_, p, _, _) = meta_of("Weekly: Port Stocks Rise Again\nNov 21, 2025\nBody text.\n");
        assert_eq!(p, Some((2025, 11, 21)));
        let (_, p, _, _) = meta_of("Weekly: Port Stocks Rise Again\nBody text mentions 12 March 2024 in a long sentence that goes on and on and on past eighty characters.\n");
        assert_eq!(p, None, "a date inside a sentence is not the publication date");
        let (_, p, _, _) = meta_of("Some Page Title Here\niconJan 27, 2025 20:27\nSource:SMM\n");
        assert_eq!(p, Some((2025, 1, 27)));
        let (_, p, s, _) = meta_of(
            "A Title For Trade\nCategory: Industry TrendsDate: January 16, 2024 15:17Source: Yonhap News Agency\n",
        );
        assert_eq!((p, s.as_deref()), (Some((2024, 1, 16)), Some("Yonhap News Agency")));
        let (_, p, _, _) = meta_of("Lithium Prices Slide Again\n\nBy Staff Reporter | March 14, 2025\nBody.\n");
        assert_eq!(p, Some((2025, 3, 14)), "a byline's date");
        let (_, p, _, _) = meta_of("Lithium Prices Slide Again\nBy Staff Reporter, Updated Mar. 4, 2025 10:32 GMT\n");
        assert_eq!(p, Some((2025, 3, 4)), "a byline's date");
        let (_, p, s, _) = meta_of(
            "Alumina Exports Climb Again\nSydney, 12 June 2025 (Argus) - Australian alumina exports rose to 1.62mn t in April, up by 7pc.\n",
        );
        assert_eq!(
            (p, s.as_deref()),
            (Some((2025, 6, 12)), Some("Argus")),
            "a dateline's date"
        );
        let (_, p, s, _) =
            meta_of("Nickel Ore Shipments Rise\nSINGAPORE, Nov 14, 2025 (Metals Wire) - Ore shipments rose.\n");
        assert_eq!((p, s.as_deref()), (Some((2025, 11, 14)), Some("Metals Wire")));
    }

    #[test]
    fn a_report_that_names_no_month_is_about_its_days() {
        let days = |t: &str| {
            let m = read(t, &crate::segment::lines(t), None);
            let p = m.subject_days.expect("days");
            (periods::ymd_from_days(p.start), periods::ymd_from_days(p.end))
        };
        // A week in the title: those days.
        let t = "Steel Weekly: Rebar Stocks Fall (Nov 20-26, 2025)\nPublished: November 27, 2025\nStocks fell.\n";
        assert_eq!(days(t), ((2025, 11, 20), (2025, 11, 26)));
        // A weekly without one: Monday to Friday of the week it was written (a Thursday).
        let t = "Steel Weekly: Rebar Stocks Fall\nPublished: November 27, 2025\nStocks fell.\n";
        assert_eq!(days(t), ((2025, 11, 24), (2025, 11, 28)));
        // A daily price assessment or a news item: the day it was written.
        let t = "Battery Metals Daily: Cobalt Range Widens\nTuesday 09 December 2025, 17:45 GMT\nCobalt was assessed higher.\n";
        assert_eq!(days(t), ((2025, 12, 9), (2025, 12, 9)));
        // A report that names its month is about the month.
        let t = "Steel Weekly: Rebar Stocks Fall in November\nPublished: November 27, 2025\nStocks fell.\n";
        let m = read(t, &crate::segment::lines(t), None);
        assert_eq!((m.subject, m.subject_days), (Some(Month::new(2025, 11)), None));
    }

    #[test]
    fn a_quarterly_is_about_the_quarter_its_title_names() {
        let t = "Quarterly Review No. 12 - Cobalt, Q2 2026
Issued 14 July 2026

Cobalt output rose.
";
        let m = read(t, &crate::segment::lines(t), None);
        let p = m.subject_span.expect("a quarter");
        assert_eq!(
            (periods::ymd_from_days(p.start), periods::ymd_from_days(p.end)),
            ((2026, 4, 1), (2026, 6, 30))
        );
        assert_eq!((m.subject, m.subject_days), (Some(Month::new(2026, 6)), None));
    }

    #[test]
    fn a_title_in_capitals_names_its_quarter() {
        let t = "KESTREL MINING LIMITED
QUARTERLY ACTIVITIES REPORT FOR THE QUARTER ENDED 30 SEPTEMBER 2026

Gold output rose.
";
        let m = read(t, &crate::segment::lines(t), periods::parse_iso_date("2026-10-22"));
        let p = m.subject_span.expect("a quarter");
        assert_eq!(
            (periods::ymd_from_days(p.start), periods::ymd_from_days(p.end)),
            ((2026, 7, 1), (2026, 9, 30))
        );
        // A bare "MAY" in capitals is the modal verb.
        let t = "COPPER OUTPUT MAY RISE IN Q4 2026\n\nOutput rose.\n";
        let m = read(t, &crate::segment::lines(t), periods::parse_iso_date("2026-10-22"));
        assert_eq!(m.subject, Some(Month::new(2026, 12)));
    }

    #[test]
    fn a_kicker_over_the_headline_is_not_the_title() {
        let t = "METALS & MINING | CHINA
Nickel sulphate output seen rising as new lines start

BEIJING, Nov 12 (Wire) - Output rose.
";
        let m = read(t, &crate::segment::lines(t), None);
        assert_eq!(
            m.doc.title,
            Some("Nickel sulphate output seen rising as new lines start")
        );
        assert_eq!(m.commodity, Some("nickel_sulphate"));
    }
}
