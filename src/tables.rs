//! Data tables flattened to text: cells split by `|` or tabs on one line per
//! row, or one cell per line. A table is read from its header row (periods
//! such as `Oct.`, `Jan.-Oct.`, `Sep. (Final)`, `Nov. (E)` and bases such as
//! `YoY`) and its unit line (`Unit: 1,000 tonne`); every numeric cell becomes
//! a fact in `extract`.

use crate::numbers;
use crate::periods::{self, PKind};
use crate::segment::{Line, LineKind};

/// What a column holds, read from its header cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Column {
    /// Levels for a period; `forecast` when the header says so ("(E)", "(Final)").
    Period {
        kind: PKind,
        forecast: Option<bool>,
    },
    /// Changes on a basis, for the period the header names ("Nov MoM") or else that
    /// of the nearest period column to the left.
    Basis {
        basis: &'static str,
        unit: Option<&'static str>,
        period: Option<PKind>,
    },
    Other,
}

#[derive(Clone, Debug)]
pub struct Cell {
    /// Byte span of the number in the text.
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// The high end of a range ("75,900-77,000").
    pub high: Option<f64>,
    /// Index into `Table::columns`.
    pub column: usize,
    /// A unit written in the cell itself ("5.2%").
    pub unit: Option<&'static str>,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// Byte span of the row label ("Refined copper", "South Korea").
    pub label: (usize, usize),
    /// Byte span of the whole row, the "sentence" of its facts.
    pub span: (usize, usize),
    /// A unit written in the label: "Zinc ingot price (CNY/mt)".
    pub unit: Option<(&'static str, f64)>,
    pub cells: Vec<Cell>,
    /// The line that heads a group of rows ("Imports for consumption:" over
    /// "Concentrate 260 190"), whose words the rows' labels continue.
    pub group: Option<(usize, usize)>,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Line indices covered (unit line and header included), end exclusive.
    pub lines: (usize, usize),
    /// Byte offset where the table starts (its unit line or header).
    pub top: usize,
    /// The caption's span when it is the table's first line (a caption ending in the
    /// unit of one-cell-per-line cells); else the caption is the line above `top`.
    pub caption: Option<(usize, usize)>,
    pub columns: Vec<Column>,
    /// Byte span of the header row or header cells.
    pub header: (usize, usize),
    /// Byte span of each column's header cell, trimmed (empty where a column has none):
    /// "Volume (mt)" gives its column a unit, "Share of total" a metric.
    pub header_cells: Vec<(usize, usize)>,
    /// Unit and multiplier from the unit line, if any.
    pub unit: Option<(&'static str, f64)>,
    pub rows: Vec<Row>,
}

/// "Unit: 1,000 tonne", "(Unit: 10,000 mt)", "Unit：yuan/mt".
pub fn unit_line(t: &str) -> Option<(&'static str, f64)> {
    // Most lines are not unit lines: their start tells, before any trimming of the end.
    let head = t.trim_start().trim_start_matches('(');
    if !head.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("unit")) {
        return None;
    }
    let t = t.trim().trim_start_matches('(').trim_end_matches(')');
    if !t.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("unit")) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix("unit")?.trim_start_matches('s').trim_start();
    let rest = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix("："))
        .unwrap_or(rest)
        .trim();
    unit_words(rest)
}

/// A table priced in `currency` (a caption "(CNY, average)") whose row label names the
/// quantity priced: "N-type dense polysilicon, per kg" is CNY/kg.
pub fn currency_per_label(currency: &str, label: &str) -> Option<(&'static str, f64)> {
    let lower = label.trim().to_ascii_lowercase();
    let (_, den) = lower.rsplit_once(" per ")?;
    let den = den.trim();
    if den.is_empty() || den.split_ascii_whitespace().count() > 2 {
        return None;
    }
    bare_unit(&format!("{} per {den}", currency.to_ascii_lowercase())).filter(|u| u.0.contains('/'))
}

/// The unit a row label carries in brackets: "Social inventory (mt)", "Price (yuan/mt)",
/// also before a note: "Price (CNY/t, average)".
pub fn label_unit(label: &str) -> Option<(&'static str, f64)> {
    let open = label.rfind('(')?;
    let inner = label[open + 1..]
        .trim_end()
        .strip_suffix(')')?
        .trim()
        .to_ascii_lowercase();
    unit_words(&inner).or_else(|| unit_words(inner.split_once(", ")?.0))
}

/// A bare unit, perhaps with a multiplier: "1,000 tonne", "yuan/mt", "kt"; also with
/// what it counts and a proviso after it: "t ni unless noted", "mt lce".
fn unit_words(rest: &str) -> Option<(&'static str, f64)> {
    bare_unit(rest).or_else(|| {
        let words: Vec<&str> = rest.split_ascii_whitespace().collect();
        // A symbol of the metal counted, or a word of the proviso.
        let qualifier = |w: &str| {
            w.len() <= 3
                && w.bytes().all(|b| b.is_ascii_alphabetic())
                && !["per", "a", "an", "m", "mn", "bn", "k", "yr", "day"].contains(&w)
                || [
                    "unless",
                    "otherwise",
                    "noted",
                    "stated",
                    "indicated",
                    "contained",
                    "content",
                    "metal",
                ]
                .contains(&w)
        };
        (1..words.len().min(4))
            .rev()
            .filter(|&k| words[k..].iter().all(|w| qualifier(w)))
            .find_map(|k| bare_unit(&words[..k].join(" ")))
            // "thousand tonnes of fine copper": what the unit counts follows "of".
            .or_else(|| {
                let k = words
                    .iter()
                    .position(|w| *w == "of")
                    .filter(|&k| (1..=3).contains(&k))?;
                bare_unit(&words[..k].join(" "))
            })
    })
}

/// A unit alone, perhaps with a multiplier, as [`unit_words`] reads it.
fn bare_unit(rest: &str) -> Option<(&'static str, f64)> {
    if rest.is_empty() {
        return None;
    }
    // A currency sign goes before its number: "$/lb" is "$1/lb".
    let sign = ["us$", "$", "¥", "€", "£"].into_iter().find(|c| rest.starts_with(c));
    let probe = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        rest.to_string()
    } else if let Some(sign) = sign {
        format!("{sign}1{}", &rest[sign.len()..])
    } else {
        format!("1 {rest}")
    };
    let q = numbers::scan(&probe, 0, probe.len());
    let q = q.first().filter(|q| q.start == 0 && q.end == probe.len())?;
    Some((q.unit, q.value))
}

const BASIS_HEADERS: &[(&str, &str)] = &[
    ("yoy", "yoy"),
    ("y/y", "yoy"),
    ("y-o-y", "yoy"),
    ("year-on-year", "yoy"),
    ("mom", "mom"),
    ("m/m", "mom"),
    ("m-o-m", "mom"),
    ("month-on-month", "mom"),
    ("wow", "wow"),
    ("w/w", "wow"),
    ("week-on-week", "wow"),
    ("qoq", "qoq"),
    ("q/q", "qoq"),
    // A daily assessment's change: on the day before, which no basis of its own names.
    ("day-on-day", "change"),
    ("d/d", "change"),
    ("dod", "change"),
    ("change", "change"),
    ("growth", "change"),
    ("chg", "change"),
    ("chg.", "change"),
    ("chg%", "change"),
    ("change%", "change"),
    ("% change", "change"),
    ("% chg", "change"),
    ("%chg", "change"),
    // Statistics offices' "Var%" (variation), also "Var. %".
    ("var", "change"),
    ("var.", "change"),
    ("var%", "change"),
    ("var.%", "change"),
    ("% var", "change"),
    ("variation", "change"),
    ("+/-", "change"),
];

/// Reads a header cell: a period (with its forecast mark) or a basis.
pub fn column(cell: &str) -> Column {
    let lower = cell.trim().to_ascii_lowercase();
    let paren = lower.split_once('(');
    let (core, unit) = match paren {
        Some((head, tail)) if tail.contains('%') => (head.trim(), Some("%")),
        Some((head, tail)) if tail.contains("pp") || tail.contains("ppt") => (head.trim(), Some("pp")),
        _ => (lower.as_str(), None),
    };
    let core = core.trim_end_matches([':', '.']).trim();
    // Once, not per header word: a string pattern builds a searcher each time.
    let bare = core.trim_end_matches(" %");
    // "MoM change", "YoY chg." name the basis as "MoM" does.
    let named = [" change", " chg.", " chg"]
        .into_iter()
        .find_map(|w| bare.strip_suffix(w))
        .unwrap_or(bare);
    if let Some(&(_, basis)) = BASIS_HEADERS
        .iter()
        .find(|(h, _)| core == *h || bare == *h || named == *h)
    {
        // "Var%", "% chg": a percent mark in the header, not in brackets.
        let marked = lower.ends_with('%') || lower.starts_with('%');
        return Column::Basis {
            basis,
            unit: unit.or(marked.then_some("%")),
            period: None,
        };
    }
    // "Nov MoM (%)", "Jan-Nov YoY", "Nov change": a period, then the basis of the changes for it.
    let last = match named.rsplit_once(' ') {
        Some((_, last)) => Some(last),
        // "Nov change": the change word was the last.
        None if named != bare => Some("change"),
        None => None,
    };
    if let Some(last) = last {
        if let Some(&(_, basis)) = BASIS_HEADERS.iter().find(|(h, _)| last == *h) {
            if let Some(p) = periods::scan(cell, 0, cell.len()).into_iter().find(|p| !p.base) {
                return Column::Basis {
                    basis,
                    unit,
                    period: Some(p.kind),
                };
            }
        }
    }
    // The marks in brackets are searched for only in a cell with a bracket (most have none).
    let marked = |marks: &[&str]| paren.is_some() && marks.iter().any(|m| lower.contains(m));
    let forecast = if marked(&["(e)", "(est", "(estimate", "(f)", "(forecast", "(proj", "(p)"])
        || lower.ends_with(" e")
        || lower.ends_with("(e.)")
    {
        Some(true)
    } else if marked(&["(final", "(actual", "(a)"]) {
        Some(false)
    } else {
        None
    };
    // "2025/2024", "2025 vs 2024": the change of a year on the year before.
    if let Some((a, b)) = core.split_once('/').or_else(|| core.split_once(" vs ")) {
        if let (
            Some(Column::Period {
                kind: PKind::Year(y1), ..
            }),
            Some(Column::Period {
                kind: PKind::Year(y2), ..
            }),
        ) = (year_header(a.trim()), year_header(b.trim().trim_end_matches('.')))
        {
            if y1 == y2 + 1 {
                return Column::Basis {
                    basis: "yoy",
                    unit: Some("%"),
                    period: Some(PKind::Year(y1)),
                };
            }
        }
    }
    if let Some(Column::Period { kind, forecast: f }) = year_header(core) {
        return Column::Period {
            kind,
            forecast: forecast.or(f),
        };
    }
    if let Some(kind) = month_year_header(core).or_else(|| months_to_date_header(core)) {
        return Column::Period { kind, forecast };
    }
    let found = periods::scan(cell, 0, cell.len());
    // "Last week (Feb 26)": the date in brackets says which day the column is.
    let day = found
        .iter()
        .find(|p| !p.base && matches!(p.kind, PKind::Day { .. }) && found.len() > 1);
    day.or_else(|| found.iter().find(|p| !p.base))
        .map_or(Column::Other, |p| Column::Period { kind: p.kind, forecast })
}

/// A month and its year as a spreadsheet heads a column (lowercase): "oct-26", "oct'26",
/// "october-2026". In prose "Oct-26" may be a day; over a column it is a month.
fn month_year_header(core: &str) -> Option<PKind> {
    let letters = core.bytes().take_while(u8::is_ascii_alphabetic).count();
    let m = periods::month_named(&core[..letters])?;
    let rest = &core[letters..];
    let digits = ["-", "'", "\u{2019}"].iter().find_map(|sep| rest.strip_prefix(sep))?;
    Some(PKind::Month {
        m,
        y: Some(header_year(digits)?),
    })
}

/// A header's year in two or four digits: "26", "2026".
fn header_year(digits: &str) -> Option<i32> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.len() {
        2 => Some(2000 + digits.parse::<i32>().ok()?),
        4 => digits.parse().ok(),
        _ => None,
    }
}

/// "9M 2026", "9M26": the first nine months of the year, as miners' quarterly tables
/// head their year-to-date columns.
fn months_to_date_header(core: &str) -> Option<PKind> {
    let (n, year) = core.split_once('m')?;
    let n: u32 = n.parse().ok().filter(|n| (2..=11).contains(n))?;
    let y = header_year(year.trim_start())?;
    Some(PKind::Span {
        first: 1,
        last: n,
        y: Some(y),
    })
}

/// The value of `digits` (ASCII digits, commas and dots), as `str::parse` reads it
/// with the commas left out: a table page has a number every dozen bytes, and
/// most are read from their digits without a copy.
fn digits_value(digits: &str) -> Option<f64> {
    let (mut mantissa, mut n, mut decimals, mut dots) = (0u64, 0usize, 0i32, 0);
    for &b in digits.as_bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                n += 1;
                decimals += i32::from(dots > 0);
            }
            b'.' => dots += 1,
            _ => {}
        }
    }
    if dots > 1 {
        return None;
    }
    // Up to 16 digits `exact` takes (no wrap-around); longer ones are parsed.
    numbers::exact(mantissa, n, decimals).or_else(|| digits.replace(',', "").parse().ok())
}

/// A cell that is a number alone: "1,234.5", "-3.2", "+5.1%", "(3.2)" is not read.
/// The number or range of a table cell whose text `tok` starts at `base`, in column `column`.
fn cell_at(base: usize, column: usize, tok: &str) -> Option<Cell> {
    let (value, high, s, e, unit) = match numeric_cell(tok) {
        Some((v, s, e, unit)) => (v, None, s, e, unit),
        None => {
            let (low, high, s, e, unit) = range_cell(tok)?;
            (low, Some(high), s, e, unit)
        }
    };
    Some(Cell {
        start: base + s,
        end: base + e,
        value,
        high,
        column,
        unit,
    })
}

/// A cell holding a range of two unsigned numbers, low to high: "75,900-77,000",
/// "2.0–2.5%". (low, high, start, end, unit), the span without white space.
fn range_cell(cell: &str) -> Option<(f64, f64, usize, usize, Option<&'static str>)> {
    let t = cell.trim();
    // Most cells that are no number are words: no hyphen or en dash (0xE2 leads it), no range.
    if t.len() > 32 || memchr::memchr2(b'-', 0xE2, t.as_bytes()).is_none() {
        return None;
    }
    let lead = t.as_ptr() as usize - cell.as_ptr() as usize;
    let (body, unit) = match t.strip_suffix('%') {
        Some(x) => (x.trim_end(), Some("%")),
        None => (t, None),
    };
    let (a, b) = body.split_once('-').or_else(|| body.split_once('\u{2013}'))?;
    let (low, high) = (unsigned_number(a.trim())?, unsigned_number(b.trim())?);
    // "2025-2026" is a season, not a range of amounts.
    let year = |x: &str| {
        let x = x.trim();
        x.len() == 4 && x.bytes().all(|c| c.is_ascii_digit()) && ("1900".."2101").contains(&x)
    };
    (low < high && !(year(a) && year(b))).then_some((low, high, lead, lead + t.len(), unit))
}

pub fn numeric_cell(cell: &str) -> Option<(f64, usize, usize, Option<&'static str>)> {
    let t = cell.trim();
    if t.is_empty() || t.len() > 24 {
        return None;
    }
    // `t` is a slice of `cell`: the white space before it is the distance of the pointers.
    let (lead, len) = (t.as_ptr() as usize - cell.as_ptr() as usize, t.len());
    // A change of a rate in points: "2 pp", "-0.5ppt".
    let points = || {
        ["ppt", "pp"]
            .into_iter()
            .find_map(|p| t.strip_suffix(p))
            .map(str::trim_end)
    };
    let (t, unit) = match t.strip_suffix('%') {
        Some(x) => (x.trim_end(), Some("%")),
        None => match points() {
            Some(x) => (x, Some("pp")),
            None => (t, None),
        },
    };
    let v = unsigned_number(t.trim_start_matches(['+', '-', '−']))?;
    let negative = t.starts_with('-') || t.starts_with('−');
    Some((if negative { -v } else { v }, lead, lead + len, unit))
}

/// The value of a number written with digits, commas and dots only, a digit first.
fn unsigned_number(digits: &str) -> Option<f64> {
    let ok = digits.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
    ok.then(|| digits_value(digits)).flatten()
}

fn split_cells(line: &str) -> Option<Vec<(usize, &str)>> {
    // Pipes win over tabs: two pipes settle it; one memchr pass for both, as a cell
    // separator is rare in a paragraph.
    let (mut pipes, mut tabs) = (0, 0);
    for i in memchr::memchr2_iter(b'|', b'\t', line.as_bytes()) {
        if line.as_bytes()[i] == b'|' {
            pipes += 1;
            if pipes == 2 {
                break;
            }
        } else {
            tabs += 1;
        }
    }
    let sep = if pipes >= 2 {
        b'|'
    } else if tabs >= 2 {
        b'\t'
    } else {
        return None;
    };
    let mut out = Vec::with_capacity(8);
    let mut pos = 0;
    // The separator is ASCII: the places memchr finds are character boundaries.
    for end in memchr::memchr_iter(sep, line.as_bytes()).chain([line.len()]) {
        let part = &line[pos..end];
        // A leading pipe makes an empty first cell.
        if pos > 0 || !part.trim().is_empty() {
            out.push((pos, part));
        }
        pos = end + 1;
    }
    // And a trailing one an empty last cell.
    if out.last().is_some_and(|(_, c)| c.trim().is_empty()) {
        out.pop();
    }
    (out.len() >= 2).then_some(out)
}

/// Finds tables among the lines of a text.
pub fn find(text: &str, lines: &[Line]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    // The first cell separator at or after the line being looked at (`usize::MAX` if
    // none): most texts hold none, and a line without one cannot head a delimited
    // table, so `split_cells` is spared a search of each line.
    let b = text.as_bytes();
    let next_sep = |from: usize| memchr::memchr2(b'|', b'\t', &b[from..]).map_or(usize::MAX, |k| from + k);
    let mut sep = next_sep(0);
    // No line before this heads a delimited table (see `delimited`).
    let mut no_header_before = 0;
    while i < lines.len() {
        if sep < lines[i].start {
            sep = next_sep(lines[i].start);
        }
        let cells = if sep < lines[i].end && i >= no_header_before {
            delimited(text, lines, i).map_err(|next| no_header_before = next).ok()
        } else {
            None
        };
        let found = cells
            .or_else(|| one_cell_per_line(text, lines, i))
            .or_else(|| spaced(text, lines, i))
            .or_else(|| gapped(text, lines, i));
        if let Some((t, next)) = found {
            out.push(t);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

fn line_text<'a>(text: &'a str, l: &Line) -> &'a str {
    &text[l.start..l.end]
}

/// The unit line just above `i`, if any (blank lines allowed between).
fn unit_above(text: &str, lines: &[Line], i: usize) -> Option<(usize, (&'static str, f64))> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        match lines[j].kind {
            LineKind::Blank => continue,
            _ => return unit_line(line_text(text, &lines[j])).map(|u| (j, u)),
        }
    }
    None
}

/// The unit a caption just above `i` ends with, in brackets: "Output by province
/// (unit: 10,000 mt)", "Social inventory (mt)". The caption stays the table's caption.
fn caption_unit_above(text: &str, lines: &[Line], i: usize) -> Option<(&'static str, f64)> {
    let above = lines[..i].iter().rev().find(|l| l.kind != LineKind::Blank)?;
    caption_unit(line_text(text, above))
}

/// The unit a caption ends with, in brackets: "(unit: 10,000 mt)", "(10,000 mt)", "(mt)".
fn caption_unit(t: &str) -> Option<(&'static str, f64)> {
    let t = t.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let inner = t[t.rfind('(')? + 1..t.len() - 1].trim();
    unit_line(inner).or_else(|| label_unit(t)).or_else(|| {
        // "(own-sourced, kt)": a proviso, then the unit.
        if let Some((_, last)) = inner.rsplit_once(", ") {
            // Not "(quantities in kt, %)": a percent mark is the unit of some column.
            if let Some(u) = unit_words(&last.trim().to_ascii_lowercase()).filter(|u| !matches!(u.0, "%" | "pp")) {
                return Some(u);
            }
        }
        // "(quantities in million tonnes)", "(tonnes; cash-3M in $/t)": the unit of the
        // table's figures, before any note on some of them.
        let first = inner.split(';').next()?.trim().to_ascii_lowercase();
        let unit = first.rsplit_once(" in ").map_or(first.as_str(), |(what, unit)| {
            if what.split_whitespace().count() <= 2 {
                unit
            } else {
                ""
            }
        });
        unit_words(unit.strip_prefix("in ").unwrap_or(unit).trim())
    })
}

/// The unit a caption's note gives one column: "(tonnes; cash-3M in $/t)" gives the
/// column headed "Cash-3M" dollars a tonne, "(t; prices in US$/t)" the column "Price".
pub fn caption_column_unit(caption: &str, header: &str) -> Option<(&'static str, f64)> {
    let inner = caption.trim_end().strip_suffix(')')?;
    let inner = &inner[inner.rfind('(')? + 1..];
    let header = header.trim().to_ascii_lowercase();
    inner.split([';', ',']).skip(1).find_map(|note| {
        let note = note.trim().to_ascii_lowercase();
        let (what, unit) = note.split_once(" in ")?;
        let what = what.trim();
        let named = header == what || (what.len() >= 4 && header.starts_with(what.trim_end_matches('s')));
        named.then(|| unit_words(unit.trim())).flatten()
    })
}

/// Rows split by `|` or tabs: the table headed by line `i` and the line after it.
/// Else the line before which no line heads a table: when the rows below a
/// header hold no number, neither do those below any of them, so the lines
/// under a long run of such rows are not each read again as a header.
fn delimited(text: &str, lines: &[Line], i: usize) -> Result<(Table, usize), usize> {
    let header_line = &lines[i];
    let header_cells = split_cells(line_text(text, header_line)).ok_or(i + 1)?;
    let columns: Vec<Column> = header_cells.iter().map(|(_, c)| column(c)).collect();
    if !columns.iter().any(|c| !matches!(c, Column::Other)) {
        return Err(i + 1);
    }
    let header_spans = header_cells
        .iter()
        .map(|&(off, c)| {
            let s = header_line.start + off + (c.len() - c.trim_start().len());
            (s, s + c.trim().len())
        })
        .collect();
    let mut rows = Vec::new();
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        if l.kind == LineKind::Blank {
            break;
        }
        let Some(cells) = split_cells(line_text(text, l)) else {
            break;
        };
        let mut row_cells = Vec::new();
        for (ci, (off, c)) in cells.iter().enumerate() {
            row_cells.extend(cell_at(l.start + off, ci, c));
        }
        let (loff, label) = cells[0];
        let ls = l.start + loff + (label.len() - label.trim_start().len());
        rows.push(Row {
            label: (ls, ls + label.trim().len()),
            span: (l.start, l.end),
            unit: label_unit(label),
            cells: row_cells,
            group: None,
        });
        j += 1;
    }
    if rows.iter().all(|r| r.cells.is_empty()) {
        return Err(j);
    }
    let (first, unit) = match unit_above(text, lines, i) {
        Some((u, unit)) => (u, Some(unit)),
        None => (i, caption_unit_above(text, lines, i)),
    };
    let top = lines[first].start;
    Ok((
        Table {
            lines: (first, j),
            top,
            caption: None,
            columns,
            header: (header_line.start, header_line.end),
            header_cells: header_spans,
            unit,
            rows,
        },
        j,
    ))
}

/// A column header of a table whose cells are split by spaces: a year, perhaps
/// marked an estimate or a forecast ("2024", "2025e", "2026F", "2025(p)").
fn year_header(tok: &str) -> Option<Column> {
    let b = tok.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(&tok[..2], "19" | "20") {
        return None;
    }
    let mark = tok[4..].trim_matches(['(', ')', '*']);
    if !(mark.is_empty() || (mark.len() == 1 && "eEfFpP".contains(mark))) {
        return None;
    }
    Some(Column::Period {
        kind: PKind::Year(tok[..4].parse().ok()?),
        // "2026f" is a forecast; an estimate ("2025e") of a year gone by is none, and
        // a year not yet measured is one, as the reading of the period decides.
        forecast: mark.eq_ignore_ascii_case("f").then_some(true),
    })
}

/// A cell of a space-split row that holds no number: withheld, not available, nil.
fn placeholder(tok: &str) -> bool {
    matches!(tok, "-" | "--" | "–" | "—" | "NA" | "N/A" | "W" | "XX" | "n.a." | "na")
}

/// The cells at the end of a line split by white space, up to `n`: (offset in the
/// line, token), in order. Stops at the first token that is neither a number nor a placeholder.
fn trailing_cells(t: &str, n: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut end = t.trim_end().len();
    while out.len() < n {
        let head = t[..end].trim_end();
        let start = head.rfind(|c: char| c.is_ascii_whitespace()).map_or(0, |k| k + 1);
        let tok = &head[start..];
        if tok.is_empty() || (numeric_cell(tok).is_none() && !placeholder(tok)) {
            break;
        }
        out.push((start, tok));
        end = start;
    }
    out.reverse();
    out
}

/// A label that tells its figures as a part of a whole: "as a percentage of consumption".
pub fn percentage_of(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    lower.contains("percentage of") || lower.contains("percent of")
}

/// The unit a label names as one of its comma-separated parts, as summaries write
/// them without brackets: "Price, APT, Europe, dollars per kilogram of WO3" (what
/// the unit is of goes), "Net import reliance as a percentage of apparent consumption".
pub fn listed_unit(label: &str) -> Option<(&'static str, f64)> {
    if percentage_of(label) {
        return Some(("%", 1.0));
    }
    label.to_ascii_lowercase().rsplit(',').find_map(|part| {
        let part = part.trim();
        let part = part.find(" of ").map_or(part, |k| &part[..k]);
        unit_words(part)
    })
}

/// "(Data in metric tons of tungsten content unless otherwise specified)": the unit a
/// statistical summary states once for its tables, in one of its first lines.
fn data_note_unit(text: &str, lines: &[Line], before: usize) -> Option<(&'static str, f64)> {
    lines[..before].iter().take(12).find_map(|l| {
        let t = line_text(text, l).trim().trim_start_matches('(');
        let rest = t.get(..8).filter(|h| h.eq_ignore_ascii_case("data in "))?;
        let rest = &t[rest.len()..];
        let cut = [" of ", " unless", ",", ")"]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()
            .unwrap_or(rest.len());
        unit_words(&rest[..cut].trim().to_ascii_lowercase())
    })
}

/// Cells split by runs of two or more spaces (or a tab), as a table laid out in a
/// fixed-width font reads: (offset in the line, cell), the line's indent left out.
fn gap_cells(line: &str) -> Vec<(usize, &str)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        // A cell runs to the first gap: a tab or two white-space bytes in a row.
        while i < b.len() && b[i] != b'\t' && !(b[i] == b' ' && b.get(i + 1).is_some_and(|c| c.is_ascii_whitespace())) {
            i += 1;
        }
        let cell = line[start..i].trim_end();
        if !cell.is_empty() {
            out.push((start, cell));
        }
    }
    out
}

/// The lines from `from` up to the first blank one: (index, line, text).
fn block_lines<'t>(text: &'t str, lines: &'t [Line], from: usize) -> impl Iterator<Item = (usize, &'t Line, &'t str)> {
    lines
        .iter()
        .enumerate()
        .skip(from)
        .map(|(k, l)| (k, l, line_text(text, l)))
        .take_while(|(_, l, lt)| l.kind != LineKind::Blank && !lt.trim().is_empty())
}

/// The numbers among the cells after a row's label (offset in the line starting at
/// `line_start`, text), the first in column 1.
fn number_cells(line_start: usize, cells: &[(usize, &str)]) -> Vec<Cell> {
    cells
        .iter()
        .enumerate()
        .filter_map(|(k, &(off, tok))| cell_at(line_start + off, k + 1, tok))
        .collect()
}

/// The longest header cell of a table laid out by gaps: longer is a phrase of prose.
const MAX_GAP_HEADER: usize = 32;

/// A table laid out in columns by runs of spaces: a header of period and basis cells
/// ("Last week (Feb 26)   This week (Mar 5)   Change", "2024  2025  2026f  2025/2024"),
/// then rows of a label and numbers, perhaps under group lines of a label alone
/// ("Mine supply" over "  South Africa   4,180   3,960").
fn gapped(text: &str, lines: &[Line], i: usize) -> Option<(Table, usize)> {
    let header_line = &lines[i];
    let t = line_text(text, header_line);
    // Most lines have no gap: one search tells.
    memchr::memmem::find(t.trim().as_bytes(), b"  ")?;
    let cells = gap_cells(t);
    if cells.len() < 2 || cells.iter().any(|(_, c)| c.len() > MAX_GAP_HEADER || c.ends_with('.')) {
        return None;
    }
    let mut columns: Vec<Column> = cells.iter().map(|(_, c)| column(c)).collect();
    let mut header_cells: Vec<(usize, usize)> = cells
        .iter()
        .map(|&(off, c)| (header_line.start + off, header_line.start + off + c.len()))
        .collect();
    // The label column: the first cell when it names no period ("Region"), else none written.
    let labelled = matches!(columns[0], Column::Other);
    if !labelled {
        columns.insert(0, Column::Other);
        header_cells.insert(0, (header_line.start, header_line.start));
    }
    if columns.len() < 3 {
        return None;
    }
    let mut rows = Vec::new();
    let mut group = None;
    let mut j = i + 1;
    for (k, l, lt) in block_lines(text, lines, i + 1) {
        j = k;
        let cells = gap_cells(lt);
        if cells.len() == 1
            && numeric_cell(cells[0].1).is_none()
            && cells[0].1.len() <= 60
            && !cells[0].1.ends_with('.')
        {
            // A label alone heads the rows below it.
            let (off, c) = cells[0];
            let c = c.trim_end_matches(':');
            group = Some((l.start + off, l.start + off + c.len()));
            j += 1;
            continue;
        }
        if cells.len() < 2 || cells.len() > columns.len() || numeric_cell(cells[0].1).is_some() {
            break;
        }
        let row_cells = number_cells(l.start, &cells[1..]);
        if row_cells.is_empty() {
            break;
        }
        let (off, label) = cells[0];
        rows.push(Row {
            label: (l.start + off, l.start + off + label.len()),
            span: (l.start, l.end),
            unit: label_unit(label),
            cells: row_cells,
            group,
        });
        j += 1;
    }
    if rows.len() < 2 {
        return None;
    }
    let (first, unit) = match unit_above(text, lines, i) {
        Some((u, unit)) => (u, Some(unit)),
        None => (i, caption_unit_above(text, lines, i)),
    };
    Some((
        Table {
            lines: (first, j),
            top: lines[first].start,
            caption: None,
            columns,
            header: (header_line.start, header_line.end),
            header_cells,
            unit,
            rows,
        },
        j,
    ))
}

/// The most words a space-split table's header may have before its years ("World
/// mine production:", "Salient Statistics-United States:"): more is a sentence.
const MAX_HEADER_WORDS: usize = 8;

/// Cells split by spaces, as a statistical summary's tables read when flattened to
/// text: a header line ending in two or more years ("World Mine Production: 2024
/// 2025e"), then rows of a label and as many numbers ("China 67,000 68,000"),
/// perhaps under a group line ending in a colon ("Imports for consumption:").
fn spaced(text: &str, lines: &[Line], i: usize) -> Option<(Table, usize)> {
    let header_line = &lines[i];
    let t = line_text(text, header_line);
    // Most lines end in no year: the last byte tells before any split.
    if !t
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit() || "eEfFpP)*".contains(c))
    {
        return None;
    }
    let mut cols = Vec::new();
    let mut end = t.trim_end().len();
    loop {
        let head = t[..end].trim_end();
        let start = head.rfind(|c: char| c.is_ascii_whitespace()).map_or(0, |k| k + 1);
        match year_header(&head[start..]) {
            Some(c) if start < head.len() => cols.push((start, head.len(), c)),
            _ => break,
        }
        end = start;
        if start == 0 {
            break;
        }
    }
    let head = t[..end].trim();
    if cols.len() < 2 || head.ends_with('.') || head.split_whitespace().count() > MAX_HEADER_WORDS {
        return None;
    }
    cols.reverse();
    // Years in a row, one apart ("2024 2025e"): other four-digit figures are prices or amounts.
    let year = |c: &(usize, usize, Column)| match c.2 {
        Column::Period {
            kind: PKind::Year(y), ..
        } => y,
        _ => 0,
    };
    if cols.windows(2).any(|w| year(&w[1]) != year(&w[0]) + 1) {
        return None;
    }
    let width = cols.len();
    let mut rows = Vec::new();
    let mut group = None;
    let mut j = i + 1;
    for (k, l, lt) in block_lines(text, lines, i + 1) {
        j = k;
        let cells = trailing_cells(lt, width);
        let label = lt[..cells.first().map_or(lt.len(), |c| c.0)].trim_end();
        let ls = l.start + (label.len() - label.trim_start().len());
        let label_span = (ls, l.start + label.len());
        if cells.is_empty() && lt.trim_end().ends_with(':') && lt.len() <= 80 {
            group = Some((ls, l.start + lt.trim_end().len() - 1));
            j += 1;
            continue;
        }
        if cells.len() != width || label.trim().is_empty() {
            break;
        }
        let row_cells = number_cells(l.start, &cells);
        rows.push(Row {
            label: label_span,
            span: (l.start, l.end),
            unit: label_unit(label).or_else(|| listed_unit(label)),
            cells: row_cells,
            group,
        });
        j += 1;
    }
    if rows.len() < 2 || rows.iter().all(|r| r.cells.is_empty()) {
        return None;
    }
    let unit = unit_above(text, lines, i)
        .map(|(_, u)| u)
        .or_else(|| caption_unit(head))
        .or_else(|| caption_unit_above(text, lines, i))
        .or_else(|| data_note_unit(text, lines, i));
    let mut columns = vec![Column::Other];
    columns.extend(cols.iter().map(|c| c.2));
    let hs = header_line.start + (t.len() - t.trim_start().len());
    let mut header_cells = vec![(hs, hs + head.len())];
    header_cells.extend(cols.iter().map(|c| (header_line.start + c.0, header_line.start + c.1)));
    Some((
        Table {
            lines: (i, j),
            top: header_line.start,
            // The header's words before the years are the table's caption.
            caption: Some((hs, hs + head.len())),
            columns,
            header: (header_line.start, header_line.end),
            header_cells,
            unit,
            rows,
        },
        j,
    ))
}

/// A line that can be one table cell: a number, or a short label ("Oct.", "Jan.-Oct.", "South Korea").
fn short_cell(t: &str) -> bool {
    let t = t.trim();
    let abbreviation = t.len() <= 20 && t.split_whitespace().count() <= 3;
    numeric_cell(t).is_some() || (!t.is_empty() && t.len() <= 40 && (abbreviation || !t.ends_with(['.', ';', ','])))
}

/// The most header cells a one-cell-per-line table may have before its first row
/// (and the most numbers a row may have): a unit line followed by a long run of
/// short lines is no such table, and each unit line must not cost a search to the
/// end of the text.
const MAX_CELLS_PER_ROW: usize = 64;

/// The lines after a unit line that can be cells of a one-cell-per-line table
/// (blank lines skipped, up to the first line that cannot be a cell), found only
/// as far as they are asked for.
struct CellLines<'t> {
    text: &'t str,
    lines: &'t [Line],
    /// The next line to look at.
    next: usize,
    /// The cell lines found so far (line indices) and whether each is a number.
    cells: Vec<(usize, bool)>,
    done: bool,
}

impl<'t> CellLines<'t> {
    fn after(text: &'t str, lines: &'t [Line], i: usize) -> Self {
        CellLines {
            text,
            lines,
            next: i + 1,
            cells: Vec::new(),
            done: false,
        }
    }

    /// Cell `k`: its line and whether it is a number.
    fn get(&mut self, k: usize) -> Option<(usize, bool)> {
        while self.cells.len() <= k && !self.done {
            let Some(l) = self.lines.get(self.next) else {
                self.done = true;
                break;
            };
            let j = self.next;
            self.next += 1;
            if l.kind == LineKind::Blank {
                continue;
            }
            let t = line_text(self.text, l);
            if short_cell(t) {
                self.cells.push((j, numeric_cell(t).is_some()));
            } else {
                self.done = true;
            }
        }
        self.cells.get(k).copied()
    }

    fn is_num(&mut self, k: usize) -> bool {
        self.get(k).is_some_and(|(_, num)| num)
    }
}

/// One cell per line: a header run of short labels, then rows of a label and numbers.
/// Only read after a unit line or a caption ending in its unit, where the layout is unambiguous.
fn one_cell_per_line(text: &str, lines: &[Line], i: usize) -> Option<(Table, usize)> {
    let t = line_text(text, &lines[i]);
    // A caption that ends with its unit heads the cells as a unit line does:
    // "Table 1: China refined zinc production (10,000 mt)".
    let (unit, captioned) = match unit_line(t) {
        Some(u) => (u, false),
        None => (caption_unit(t)?, true),
    };
    // "Destination / Oct 2026 (t) / MoM / ...": a period with its unit is the first number
    // column's header cell, not a caption; the row labels' header may stand above it, and
    // the caption above that ("Table 1 Rare earth exports by destination").
    if captioned && !matches!(column(t), Column::Other) {
        let label_above = i.checked_sub(1).is_some_and(|a| {
            let above = line_text(text, &lines[a]).trim();
            !above.is_empty()
                && numeric_cell(above).is_none()
                && above.split_whitespace().count() <= 3
                && matches!(column(above), Column::Other)
        });
        let first = i - usize::from(label_above);
        let caption = first.checked_sub(1).filter(|&c| {
            // A caption, not the end of a paragraph: the table would swallow its sentence.
            let t = line_text(text, &lines[c]).trim_end();
            lines[c].kind != LineKind::Blank && numeric_cell(t).is_none() && !t.ends_with(['.', ';'])
        });
        let top = caption.unwrap_or(first);
        let mut cells = CellLines::after(text, lines, top);
        cells.next = first;
        let mut table = cell_table(text, lines, top, unit, &mut cells)?;
        table.0.caption = caption.map(|c| (lines[c].start, lines[c].end));
        return Some(table);
    }
    let mut table = cell_table(text, lines, i, unit, &mut CellLines::after(text, lines, i))?;
    if captioned {
        table.0.caption = Some((lines[i].start, lines[i].end));
    }
    Some(table)
}

/// [`one_cell_per_line`] below the unit line `i`, reading `cells` only as far as it must.
fn cell_table(
    text: &str,
    lines: &[Line],
    i: usize,
    unit: (&'static str, f64),
    cells: &mut CellLines,
) -> Option<(Table, usize)> {
    // Header: the non-numeric cells before the first row label (a label followed by a number).
    let mut first_row = 0;
    loop {
        if first_row > MAX_CELLS_PER_ROW || cells.get(first_row + 1).is_none() {
            return None;
        }
        if !cells.is_num(first_row) && cells.is_num(first_row + 1) {
            break;
        }
        first_row += 1;
    }
    if first_row == 0 {
        return None;
    }
    let mut width = 0;
    while cells.is_num(first_row + 1 + width) {
        width += 1;
        if width > MAX_CELLS_PER_ROW {
            return None;
        }
    }
    let header: Vec<usize> = cells.cells[..first_row].iter().map(|&(j, _)| j).collect();
    // Header cells for the number columns are the last `width` ones ("Item" may lead).
    let col_cells = &header[header.len().saturating_sub(width)..];
    // Column 0 is the row label; number columns without a header cell read as Other.
    let mut columns = vec![Column::Other; 1 + width - col_cells.len()];
    columns.extend(col_cells.iter().map(|&j| column(line_text(text, &lines[j]))));
    let mut header_cells = vec![(0, 0); 1 + width - col_cells.len()];
    header_cells.extend(col_cells.iter().map(|&j| {
        let t = line_text(text, &lines[j]);
        let s = lines[j].start + (t.len() - t.trim_start().len());
        (s, s + t.trim().len())
    }));
    if !columns.iter().any(|c| !matches!(c, Column::Other)) {
        return None;
    }
    let mut rows = Vec::new();
    let mut k = first_row;
    while cells.get(k).is_some_and(|(_, num)| !num) {
        if !(k + 1..=k + width).all(|n| cells.is_num(n)) {
            break;
        }
        let label = &lines[cells.cells[k].0];
        let lt = line_text(text, label);
        let ls = label.start + (lt.len() - lt.trim_start().len());
        let nums = &cells.cells[k + 1..=k + width];
        let row_cells = nums
            .iter()
            .enumerate()
            .filter_map(|(ci, &(j, _))| cell_at(lines[j].start, ci + 1, line_text(text, &lines[j])))
            .collect();
        let last = lines[nums[width - 1].0].end;
        rows.push(Row {
            label: (ls, ls + lt.trim().len()),
            span: (label.start, last),
            unit: label_unit(lt),
            cells: row_cells,
            group: None,
        });
        k += 1 + width;
    }
    if rows.is_empty() {
        return None;
    }
    let end_line = match cells.get(k) {
        Some((j, _)) => j,
        None => cells.cells.last().map_or(i + 1, |&(j, _)| j + 1),
    };
    let header_span = (lines[header[0]].start, lines[*header.last().expect("non-empty")].end);
    let top = lines[i].start;
    Some((
        Table {
            lines: (i, end_line),
            top,
            caption: None,
            columns,
            header: header_span,
            header_cells,
            unit: Some(unit),
            rows,
        },
        end_line,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    #[test]
    fn a_unit_line_reads_a_bounded_run_of_cells() {
        // A unit line over thousands of short lines that never turn into rows: the
        // search for the first row stops after the most header cells a table may have.
        let text = format!("Unit: mt\n{}Copper\n12\n", "Oct.\n".repeat(5000));
        let lines = segment::lines(&text);
        let unit = unit_line(line_text(&text, &lines[0])).expect("a unit line");
        let mut cells = CellLines::after(&text, &lines, 0);
        assert!(cell_table(&text, &lines, 0, unit, &mut cells).is_none());
        assert!(
            cells.cells.len() <= MAX_CELLS_PER_ROW + 2,
            "{} cells read",
            cells.cells.len()
        );

        // A real table after such a run is still found, rows and all.
        let text = format!(
            "{}Prices held steady through the month, traders said.\nUnit: mt\nOct.\nSep.\nCopper\n12\n13\nZinc\n4\n5\n",
            "Unit: kt\n".repeat(3000)
        );
        let lines = segment::lines(&text);
        let tables = find(&text, &lines);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.unit, Some(("t", 1.0)));
        let labels: Vec<&str> = t.rows.iter().map(|r| &text[r.label.0..r.label.1]).collect();
        assert_eq!(labels, ["Copper", "Zinc"]);
        assert_eq!(t.rows[1].cells.iter().map(|c| c.value).collect::<Vec<_>>(), [4.0, 5.0]);
    }

    #[test]
    fn rows_without_numbers_are_not_read_again_as_headers() {
        // Below a header whose rows hold no number, no row heads a table either: the
        // search goes on after the run instead of from each of its lines.
        let run = "Oct. | Nov. | Dec.\n".repeat(2000);
        let text = format!("{run}\nUnit: mt\nProduct | Oct. | Sep.\nCopper | 12 | 13\n");
        let lines = segment::lines(&text);
        assert_eq!(delimited(&text, &lines, 0).err(), Some(2000));
        let tables = find(&text, &lines);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(&text[t.header.0..t.header.1], "Product | Oct. | Sep.");
        assert_eq!(
            t.rows[0].cells.iter().map(|c| c.value).collect::<Vec<_>>(),
            [12.0, 13.0]
        );
    }

    #[test]
    fn a_caption_ending_in_a_unit_gives_the_table_its_unit() {
        for (caption, unit) in [
            (
                "Primary lead output by province (unit: 10,000 mt)",
                Some(("t", 10000.0)),
            ),
            ("Social inventory by region (mt)", Some(("t", 1.0))),
            ("Output by province (CR3)", None),
        ] {
            let text = format!("{caption}\nProvince\tOct.\tSep.\nHenan\t12.5\t12.1\n");
            let tables = find(&text, &segment::lines(&text));
            assert_eq!(tables.len(), 1, "{caption}");
            assert_eq!(tables[0].unit, unit, "{caption}");
            assert_eq!(tables[0].top, caption.len() + 1, "the caption stays above the table");
        }
    }

    #[test]
    fn a_period_with_its_unit_heads_a_column_of_a_one_cell_per_line_table() {
        let text = "Table 2 Graphite exports by destination\nDestination\nSep 2026 (t)\nMoM\nShare\n\
                    Japan\n1,204.5\n-3.2%\n41.0%\nIndia\n880\n+6.1%\n30.0%\n";
        let lines = segment::lines(text);
        let tables = find(text, &lines);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        let caption = t.caption.map(|(a, b)| &text[a..b]);
        assert_eq!(caption, Some("Table 2 Graphite exports by destination"));
        assert!(matches!(t.columns[1], Column::Period { .. }), "{:?}", t.columns);
        assert!(
            matches!(t.columns[2], Column::Basis { basis: "mom", .. }),
            "{:?}",
            t.columns
        );
        let cells: Vec<Vec<f64>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.value).collect())
            .collect();
        assert_eq!(cells, [vec![1204.5, -3.2, 41.0], vec![880.0, 6.1, 30.0]]);
    }

    #[test]
    fn a_table_split_by_spaces_is_read_from_its_years() {
        let text = "MOLYBDENUM\n(Data in thousand metric tons of contained molybdenum unless otherwise noted)\n\n\
                    Output rose in 2024 2025\n\n\
                    Key figures-Canada: 2024 2025e\n\
                    Output, mine 3.1 3.4\n\
                    Shipments abroad:\n\
                    Oxide 1.2 -\n\
                    Price, roasted concentrate, dollars per kilogram of Mo 48.20 51.75\n\
                    Recycling as a percentage of demand 21 23\n\nAfter the table 2024 2025\n";
        let lines = segment::lines(text);
        let tables = find(text, &lines);
        assert_eq!(tables.len(), 1, "{tables:#?}");
        let t = &tables[0];
        assert_eq!(t.unit, Some(("t", 1000.0)));
        assert_eq!(t.columns.len(), 3);
        assert!(matches!(
            t.columns[2],
            Column::Period {
                kind: PKind::Year(2025),
                forecast: None
            }
        ));
        let (a, b) = t.caption.expect("the words before the years");
        assert_eq!(&text[a..b], "Key figures-Canada:");
        let got: Vec<(&str, Option<&str>, Vec<f64>)> = t
            .rows
            .iter()
            .map(|r| {
                (
                    &text[r.label.0..r.label.1],
                    r.group.map(|(a, b)| &text[a..b]),
                    r.cells.iter().map(|c| c.value).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Output, mine", None, vec![3.1, 3.4]),
                ("Oxide", Some("Shipments abroad"), vec![1.2]),
                (
                    "Price, roasted concentrate, dollars per kilogram of Mo",
                    Some("Shipments abroad"),
                    vec![48.2, 51.75]
                ),
                (
                    "Recycling as a percentage of demand",
                    Some("Shipments abroad"),
                    vec![21.0, 23.0]
                ),
            ]
        );
        assert_eq!(t.rows[2].unit, Some(("USD/kg", 1.0)));
        assert_eq!(t.rows[3].unit, Some(("%", 1.0)));
        // Cells are split at ASCII white space only: a wider space character stays in its token.
        let text = "Key 2024 2025\nA 1 2\nC 5 6\nB\u{85}3 4\n";
        let tables = find(text, &segment::lines(text));
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].rows.len(),
            2,
            "the row whose cells cannot be split ends the table"
        );
        // Four-digit figures that are not years in a row head no table.
        let prices = "Spot prices (USD/oz)\nGold 2035 2041\nSilver 23 24\nPlatinum 980 990\n";
        assert!(find(prices, &segment::lines(prices)).is_empty());
        // A sentence that ends in years heads no table, nor does a header with no rows.
        for text in [
            "Mine output was compared for 2024 and 2025.\nCanada 3.1 3.4\nChile 2.2 2.5\n",
            "Output in 2023 2024 2025\n\nCanada 3.1 3.4\nChile 2.2 2.5\n",
        ] {
            assert!(find(text, &segment::lines(text)).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_table_laid_out_by_gaps_is_read_from_its_header() {
        let text = "Table 3. Cobalt supply and demand (kt)\n\
                    \x20                          2024     2025    2026f   2025/2024\n\
                    Mine supply\n\
                    \x20 Congo (DRC)              170      182      190      +7%\n\
                    \x20 Indonesia                 28       41       52     +46%\n\
                    Market balance               -12      +6\n\
                    \n\
                    Region      Last week (Feb 26)   This week (Mar 5)   Change\n\
                    Ningbo            3.10               3.42          +0.32\n\
                    Total             5.00               5.20          +0.20\n";
        let lines = segment::lines(text);
        let tables = find(text, &lines);
        assert_eq!(tables.len(), 2, "{tables:#?}");
        let t = &tables[0];
        assert_eq!(t.unit, Some(("t", 1000.0)));
        assert!(
            matches!(
                t.columns[..],
                [
                    Column::Other,
                    Column::Period {
                        kind: PKind::Year(2024),
                        forecast: None
                    },
                    Column::Period {
                        kind: PKind::Year(2025),
                        forecast: None
                    },
                    Column::Period {
                        kind: PKind::Year(2026),
                        forecast: Some(true)
                    },
                    Column::Basis {
                        basis: "yoy",
                        unit: Some("%"),
                        period: Some(PKind::Year(2025))
                    },
                ]
            ),
            "{:?}",
            t.columns
        );
        let label = |r: &Row| &text[r.label.0..r.label.1];
        let group = |r: &Row| r.group.map(|(a, b)| &text[a..b]);
        assert_eq!(
            t.rows
                .iter()
                .map(|r| (label(r), group(r), r.cells.len()))
                .collect::<Vec<_>>(),
            [
                ("Congo (DRC)", Some("Mine supply"), 4),
                ("Indonesia", Some("Mine supply"), 4),
                ("Market balance", Some("Mine supply"), 2),
            ]
        );
        assert_eq!(t.rows[2].cells[1].column, 2);
        let t = &tables[1];
        assert!(
            matches!(
                t.columns[..],
                [
                    Column::Other,
                    Column::Period {
                        kind: PKind::Day { m: 2, d: 26, y: None },
                        ..
                    },
                    Column::Period {
                        kind: PKind::Day { m: 3, d: 5, y: None },
                        ..
                    },
                    Column::Basis { basis: "change", .. },
                ]
            ),
            "{:?}",
            t.columns
        );
        assert_eq!(t.rows.len(), 2);
        // Prose with two spaces after its full stops heads no table.
        let prose = "Output rose 5% in October.  Prices fell in November.  Stocks held.\nCopper  12  13\nZinc  4  5\n";
        assert!(find(prose, &segment::lines(prose)).is_empty());
    }

    #[test]
    fn unit_lines() {
        assert_eq!(unit_line("Unit: 1,000 tonne"), Some(("t", 1000.0)));
        assert_eq!(unit_line("(Unit: 10,000 mt)"), Some(("t", 10000.0)));
        assert_eq!(unit_line("Unit: yuan/mt"), Some(("CNY/t", 1.0)));
        assert_eq!(unit_line("Unit: kt"), Some(("t", 1000.0)));
        assert_eq!(unit_line("United States"), None);
        assert_eq!(label_unit("Zinc ingot price (CNY/mt)"), Some(("CNY/t", 1.0)));
        assert_eq!(label_unit("Social inventory (mt)"), Some(("t", 1.0)));
        assert_eq!(label_unit("Top 3 (CR3)"), None);
        assert_eq!(label_unit("Zinc ingot price (CNY/mt)"), Some(("CNY/t", 1.0)));
        assert_eq!(label_unit("Social inventory (mt)"), Some(("t", 1.0)));
        assert_eq!(label_unit("Top 3 (CR3)"), None);
        assert_eq!(label_unit("Cobalt metal ($/lb)"), Some(("USD/lb", 1.0)));
        assert_eq!(label_unit("Price (US$/t)"), Some(("USD/t", 1.0)));
        // What a unit counts, a proviso or a note after it.
        assert_eq!(
            caption_unit("Table 3: Cobalt balance (t Co unless noted)"),
            Some(("t", 1.0))
        );
        assert_eq!(caption_unit("Lithium salts (10,000 mt LCE)"), Some(("t", 10000.0)));
        assert_eq!(caption_unit("Table 1 (quantities in million tonnes)"), Some(("t", 1e6)));
        assert_eq!(caption_unit("Stocks (tonnes; spread in $/t)"), Some(("t", 1.0)));
        assert_eq!(caption_unit("Notes (as reported in the press)"), None);
        assert_eq!(
            caption_column_unit("Stocks (tonnes; spread in $/t)", "Spread"),
            Some(("USD/t", 1.0))
        );
        assert_eq!(
            caption_column_unit("Stocks (t; prices in US$/t)", "Price"),
            Some(("USD/t", 1.0))
        );
        assert_eq!(caption_column_unit("Stocks (tonnes; spread in $/t)", "Stock"), None);
        assert_eq!(label_unit("Price (CNY/t, average)"), Some(("CNY/t", 1.0)));
        assert_eq!(label_unit("Output (Q3, Q4)"), None);
        // A rate is no unit with a proviso.
        assert_ne!(caption_unit("Throughput (t per day)"), Some(("t", 1.0)));
    }

    #[test]
    fn header_cells() {
        assert!(matches!(
            column("Oct."),
            Column::Period {
                kind: PKind::Month { m: 10, y: None },
                forecast: None
            }
        ));
        assert!(matches!(
            column("Sep. (Final)"),
            Column::Period {
                forecast: Some(false),
                ..
            }
        ));
        assert!(matches!(
            column("Nov. (E)"),
            Column::Period {
                forecast: Some(true),
                ..
            }
        ));
        assert!(matches!(
            column("Jan.-Oct."),
            Column::Period {
                kind: PKind::MonthRange { m1: 1, m2: 10, .. },
                ..
            }
        ));
        assert_eq!(
            column("YoY"),
            Column::Basis {
                basis: "yoy",
                unit: None,
                period: None
            }
        );
        assert_eq!(
            column("MoM (%)"),
            Column::Basis {
                basis: "mom",
                unit: Some("%"),
                period: None
            }
        );
        assert_eq!(
            column("MoM change (pp)"),
            Column::Basis {
                basis: "mom",
                unit: Some("pp"),
                period: None
            }
        );
        assert_eq!(
            column("YoY chg."),
            Column::Basis {
                basis: "yoy",
                unit: None,
                period: None
            }
        );
        // A period before the basis: the changes are that period's.
        assert_eq!(
            column("Nov MoM (%)"),
            Column::Basis {
                basis: "mom",
                unit: Some("%"),
                period: Some(PKind::Month { m: 11, y: None })
            }
        );
        assert!(matches!(
            column("Jan-Nov YoY"),
            Column::Basis {
                basis: "yoy",
                period: Some(PKind::MonthRange { m1: 1, m2: 11, .. }),
                ..
            }
        ));
        assert!(matches!(
            column("Nov change (%)"),
            Column::Basis {
                basis: "change",
                period: Some(PKind::Month { m: 11, y: None }),
                ..
            }
        ));
        assert_eq!(column("Product"), Column::Other);
    }

    #[test]
    fn digits_are_valued_as_str_parse_values_them() {
        // Generated cells of digits, commas and dots: the same value (or none) as the
        // commas left out and the rest parsed.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let len = 1 + (next() % 24) as usize;
            let mut s: String = (0..len)
                .map(|_| match next() % 10 {
                    0 => ',',
                    1 => '.',
                    _ => char::from(b'0' + (next() % 10) as u8),
                })
                .collect();
            s.replace_range(0..1, &((next() % 10) as u8).to_string());
            let want: Option<f64> = s.replace(',', "").parse().ok();
            assert_eq!(digits_value(&s).map(f64::to_bits), want.map(f64::to_bits), "{s:?}");
        }
        for s in [
            "12.",
            "0.1",
            "9007199254740993",
            "1,234.5",
            "99999999999999999999",
            "1.2.3",
        ] {
            let want: Option<f64> = s.replace(',', "").parse().ok();
            assert_eq!(digits_value(s).map(f64::to_bits), want.map(f64::to_bits), "{s:?}");
        }
    }

    #[test]
    fn cells_split_at_pipes_or_tabs_with_their_offsets() {
        assert_eq!(
            split_cells("Copper | 12 | 13"),
            Some(vec![(0, "Copper "), (8, " 12 "), (13, " 13")])
        );
        // Edge pipes make no cells; a blank cell inside stays.
        assert_eq!(
            split_cells("| Zinc |  | 5% |"),
            Some(vec![(1, " Zinc "), (8, "  "), (11, " 5% ")])
        );
        assert_eq!(split_cells("Lead\t3\t4"), Some(vec![(0, "Lead"), (5, "3"), (7, "4")]));
        // Two pipes win over tabs; offsets count bytes of wider characters.
        assert_eq!(
            split_cells("Ni\tkel | 铜 | 5"),
            Some(vec![(0, "Ni\tkel "), (8, " 铜 "), (14, " 5")])
        );
        assert_eq!(split_cells("one | cell"), None);
        assert_eq!(split_cells("| only |"), None);
        assert_eq!(split_cells("no separator"), None);
    }

    #[test]
    fn numeric_cells() {
        assert_eq!(numeric_cell(" 1,234.5 ").map(|c| c.0), Some(1234.5));
        assert_eq!(numeric_cell("-3.2%").map(|c| (c.0, c.3)), Some((-3.2, Some("%"))));
        // The span of the number inside the cell, its white space left out.
        assert_eq!(numeric_cell("  +4.5 % \t"), Some((4.5, 2, 8, Some("%"))));
        assert_eq!(numeric_cell("\u{3000}12"), Some((12.0, 3, 5, None)));
        assert_eq!(numeric_cell("-"), None);
        assert_eq!(numeric_cell(" 2 pp").map(|c| (c.0, c.3)), Some((2.0, Some("pp"))));
        assert_eq!(numeric_cell("-0.5ppt").map(|c| (c.0, c.3)), Some((-0.5, Some("pp"))));
        assert_eq!(numeric_cell("N/A"), None);
        assert_eq!(numeric_cell("Oct."), None);
        assert_eq!(range_cell(" 75,900-77,000 "), Some((75_900.0, 77_000.0, 1, 14, None)));
        assert_eq!(
            range_cell("2.0\u{2013}2.5%").map(|c| (c.0, c.1, c.4)),
            Some((2.0, 2.5, Some("%")))
        );
        // Low to high only: "2026-11" is a month, "-5-3" no range.
        assert_eq!(range_cell("2026-11"), None);
        assert_eq!(range_cell("2025-2026"), None);
        assert_eq!(range_cell("1,950-2,100").map(|c| (c.0, c.1)), Some((1950.0, 2100.0)));
        assert_eq!(range_cell("-5-3"), None);
        assert_eq!(range_cell("N/A-3"), None);
    }
}
