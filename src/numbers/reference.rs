//! The quantity finder as it was before it was made faster (commit 6cbc541),
//! kept verbatim for the tests: the fast [`super::scan`] must return exactly what
//! this returns, on the sample texts and on generated ones.

use super::{QKind, Quantity};
use crate::lexicon::{CurrencyPos, CURRENCIES, PER_UNITS, UNITS};
use once_cell::sync::Lazy;
use std::collections::HashMap;

// The surface indices and money unit names the old scan used, from lexicon.rs.

/// Positions in a surface list (ascending, so in the list's order) by the byte
/// `key` picks from each surface, both ASCII cases: a scan tries only the
/// surfaces that can match where it stands, not the whole list.
struct ByteIndex(Vec<Vec<u16>>);

impl ByteIndex {
    fn new<'s>(surfaces: impl Iterator<Item = &'s str>, key: fn(&[u8]) -> u8) -> Self {
        let mut idx = vec![Vec::new(); 256];
        for (i, s) in surfaces.enumerate() {
            let b = key(s.as_bytes());
            idx[b.to_ascii_lowercase() as usize].push(i as u16);
            if b.is_ascii_alphabetic() {
                idx[b.to_ascii_uppercase() as usize].push(i as u16);
            }
        }
        ByteIndex(idx)
    }

    fn get(&self, b: u8) -> &[u16] {
        &self.0[b as usize]
    }
}

fn first_byte(s: &[u8]) -> u8 {
    s[0]
}

fn last_byte(s: &[u8]) -> u8 {
    s[s.len() - 1]
}

static UNITS_BY_FIRST: Lazy<ByteIndex> = Lazy::new(|| ByteIndex::new(UNITS.iter().map(|u| u.0), first_byte));
static CURRENCIES_BY_FIRST: Lazy<ByteIndex> = Lazy::new(|| ByteIndex::new(CURRENCIES.iter().map(|c| c.0), first_byte));
static CURRENCIES_BY_LAST: Lazy<ByteIndex> = Lazy::new(|| ByteIndex::new(CURRENCIES.iter().map(|c| c.0), last_byte));
static PER_UNITS_BY_FIRST: Lazy<ByteIndex> = Lazy::new(|| ByteIndex::new(PER_UNITS.iter().map(|c| c.0), first_byte));

/// Interned "CUR/denominator" unit names, built once from the data files.
static MONEY_UNITS: Lazy<HashMap<(&'static str, &'static str), &'static str>> = Lazy::new(|| {
    let mut m = HashMap::new();
    for &(_, code, _) in CURRENCIES.iter() {
        for &(_, den) in PER_UNITS.iter() {
            m.entry((code, den))
                .or_insert_with(|| &*Box::leak(format!("{code}/{den}").into_boxed_str()));
        }
    }
    m
});

fn money_unit(code: &'static str, per: Option<&'static str>) -> &'static str {
    match per {
        None => code,
        Some(den) => MONEY_UNITS.get(&(code, den)).copied().unwrap_or(code),
    }
}

// The old scan, verbatim.

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Case-insensitive ASCII prefix test at `pos`, with the phrase ending on a word boundary
/// when its last character is a word character.
fn word_at(b: &[u8], pos: usize, w: &str) -> bool {
    let wb = w.as_bytes();
    if pos + wb.len() > b.len() || !b[pos..pos + wb.len()].eq_ignore_ascii_case(wb) {
        return false;
    }
    let end = pos + wb.len();
    !(is_word(wb[wb.len() - 1]) && end < b.len() && is_word(b[end]))
}

fn skip_spaces(b: &[u8], mut p: usize, max: usize) -> usize {
    let lim = (p + max).min(b.len());
    while p < lim && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

/// `2.05 million` is 2050000, not 2049999.9999999998: round a scaled value to the
/// decimals the written number can carry (multipliers are powers of ten).
fn tidy(v: f64, decimals: i32, multiplier: f64) -> f64 {
    let keep = (decimals - multiplier.log10().round() as i32).max(0);
    if !(0..=12).contains(&keep) || !v.is_finite() || v.abs() >= 1e15 {
        return v;
    }
    let p = 10f64.powi(keep);
    (v * p).round() / p
}

/// A number literal at `i`: digits with thousands separators and a decimal part.
/// Returns (value, end).
fn literal(b: &[u8], i: usize) -> Option<(f64, usize)> {
    let mut p = i;
    while p < b.len() && b[p].is_ascii_digit() {
        p += 1;
    }
    if p == i {
        return None;
    }
    let mut has_commas = false;
    // Thousands groups only after a 1-3 digit head: "1,486" but not "LG,New" or "2024,5".
    if p - i <= 3 {
        while p + 3 < b.len()
            && b[p] == b','
            && b[p + 1..p + 4].iter().all(u8::is_ascii_digit)
            && !(p + 4 < b.len() && b[p + 4].is_ascii_digit())
        {
            p += 4;
            has_commas = true;
        }
    }
    if p + 1 < b.len() && b[p] == b'.' && b[p + 1].is_ascii_digit() {
        p += 1;
        while p < b.len() && b[p].is_ascii_digit() {
            p += 1;
        }
    }
    if let Some(v) = exact_value(&b[i..p]) {
        return Some((v, p));
    }
    let s = std::str::from_utf8(&b[i..p]).ok()?;
    // Very long literals are not amounts anyone states; parse a bounded prefix
    // so hostile input stays linear.
    let v = if has_commas {
        s.replace(',', "").parse::<f64>().ok()?
    } else if s.len() > 40 {
        return Some((f64::INFINITY, p));
    } else {
        s.parse::<f64>().ok()?
    };
    Some((v, p))
}

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The value of a literal of digits, thousands commas and one decimal point, when its
/// digits as an integer are exact in an `f64` (below 2^53): that integer divided by a
/// power of ten is then correctly rounded, the same value `str::parse` gives (the
/// fast path of Clinger's algorithm), without copying the digits out of the text.
fn exact_value(lit: &[u8]) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut decimals = None;
    for &c in lit {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 16 {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(c - b'0');
                decimals = decimals.map(|d: usize| d + 1);
            }
            b'.' => decimals = Some(0),
            _ => {}
        }
    }
    let decimals = decimals.unwrap_or(0);
    (mantissa < 1 << 53 && decimals < POW10.len()).then(|| mantissa as f64 / POW10[decimals])
}

const SCALES: &[(&str, f64)] = &[
    ("trillion", 1e12),
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("bln", 1e9),
    ("mln", 1e6),
    ("bn", 1e9),
    ("mn", 1e6),
];

fn scale_at(b: &[u8], p: usize) -> Option<(f64, usize)> {
    let q = skip_spaces(b, p, 2);
    // Every scale word starts with "t", "b" or "m".
    if !b.get(q).is_some_and(|&c| matches!(c | 0x20, b't' | b'b' | b'm')) {
        return None;
    }
    SCALES
        .iter()
        .find(|(w, _)| word_at(b, q, w))
        .map(|(w, m)| (*m, q + w.len()))
}

/// A currency written before a number at the bytes ending at `end` ("$", "US$", "VND ").
fn currency_before(b: &[u8], end: usize) -> Option<(&'static str, usize)> {
    // A word currency stands one space before the number, a symbol right against it
    // (checked below): after a space only surfaces ending one byte earlier can match,
    // as no surface ends in white space; otherwise only those ending at `end - 1`.
    let last = end.checked_sub(if end > 0 && b[end - 1] == b' ' { 2 } else { 1 })?;
    for &k in CURRENCIES_BY_LAST.get(b[last]) {
        let (surface, code, pos) = CURRENCIES[k as usize];
        if pos == CurrencyPos::Post {
            continue;
        }
        let sb = surface.as_bytes();
        let word = is_word(sb[sb.len() - 1]);
        // Word currencies need a space before the number ("VND 623"); symbols may touch it.
        let gap = usize::from(word && end > 0 && b[end - 1] == b' ');
        if word && gap == 0 {
            continue;
        }
        let e = end - gap;
        if e >= sb.len() && b[e - sb.len()..e].eq_ignore_ascii_case(sb) {
            let s = e - sb.len();
            if s > 0 && is_word(b[s - 1]) && is_word(sb[0]) {
                continue;
            }
            return Some((code, s));
        }
    }
    None
}

/// A currency word after a number: (code, end, multiplier); "cents" are hundredths of a dollar.
fn currency_after(b: &[u8], p: usize) -> Option<(&'static str, usize, f64)> {
    let q = skip_spaces(b, p, 1);
    CURRENCIES_BY_FIRST
        .get(*b.get(q)?)
        .iter()
        .map(|&k| &CURRENCIES[k as usize])
        .filter(|(_, _, pos)| *pos != CurrencyPos::Pre)
        .find(|(s, _, _)| word_at(b, q, s))
        .map(|(s, code, _)| {
            (
                *code,
                q + s.len(),
                if s.starts_with("cent") || *s == "¢" { 0.01 } else { 1.0 },
            )
        })
}

/// "/mt", "/ton", " per tonne" after a money amount.
/// Also " a ton", " a metric ton", and after a bracketed conversion: "812.5 yuan ($113.6) a metric ton".
fn per_unit(b: &[u8], p: usize) -> Option<(&'static str, usize)> {
    let mut p = p;
    // Skip a short bracketed conversion, or the closing bracket of one we stand in.
    let s0 = skip_spaces(b, p, 1);
    if s0 < b.len() && b[s0] == b'(' {
        if let Some(close) = b[s0..(s0 + 24).min(b.len())].iter().position(|&c| c == b')') {
            p = s0 + close + 1;
        }
    } else if s0 < b.len() && b[s0] == b')' {
        p = s0 + 1;
    }
    let q = if p < b.len() && b[p] == b'/' {
        skip_spaces(b, p + 1, 1)
    } else {
        let q = skip_spaces(b, p, 1);
        if word_at(b, q, "per") {
            skip_spaces(b, q + 3, 1)
        } else if word_at(b, q, "a") {
            skip_spaces(b, q + 1, 1)
        } else if word_at(b, q, "an") {
            skip_spaces(b, q + 2, 1)
        } else {
            return None;
        }
    };
    PER_UNITS_BY_FIRST
        .get(*b.get(q)?)
        .iter()
        .map(|&k| &PER_UNITS[k as usize])
        .find(|(s, _)| word_at(b, q, s))
        .map(|(s, den)| (*den, q + s.len()))
}

struct UnitHit {
    canonical: &'static str,
    multiplier: f64,
    kind: QKind,
    end: usize,
}

fn unit_after(b: &[u8], p: usize) -> Option<UnitHit> {
    let q = skip_spaces(b, p, 1);
    for &k in UNITS_BY_FIRST.get(*b.get(q)?) {
        let (surface, u) = &UNITS[k as usize];
        if word_at(b, q, surface) {
            let kind = u.kind;
            let end = q + surface.len();
            // "5-series", "mt-level": a hyphen glued after the unit makes it a compound word.
            if end < b.len() && b[end] == b'-' && end + 1 < b.len() && b[end + 1].is_ascii_alphabetic() {
                return None;
            }
            // "Mt" (capital M, small t) is a million tonnes in most English trade press;
            // "mt" and "MT" are metric tons.
            let million = surface.starts_with("mt") && b[q] == b'M' && b[q + 1] == b't';
            return Some(UnitHit {
                canonical: u.canonical,
                multiplier: if million { u.multiplier * 1e6 } else { u.multiplier },
                kind,
                end,
            });
        }
    }
    None
}

/// One side of a quantity: optional sign and currency, the literal, optional scale.
struct Side {
    /// Digits written after the decimal point, to undo binary rounding after scaling.
    decimals: i32,
    /// The scale word written after the literal ("million"), already applied to `value`.
    scale: Option<f64>,
    start: usize,
    value: f64,
    end: usize,
    currency: Option<&'static str>,
    negative: bool,
}

fn side_at(b: &[u8], i: usize) -> Option<Side> {
    let (v, mut end) = literal(b, i)?;
    let decimals = b[i..end]
        .iter()
        .position(|&c| c == b'.')
        .map_or(0, |d| (end - i - d - 1) as i32);
    let mut value = v;
    let mut scale = None;
    if let Some((m, e)) = scale_at(b, end) {
        value *= m;
        end = e;
        scale = Some(m);
    }
    let mut start = i;
    let mut currency = None;
    let mut negative = false;
    if let Some((code, s)) = currency_before(b, i) {
        currency = Some(code);
        start = s;
    } else if i >= 2 && b[i - 1] == b'-' {
        // "$-12.5/dmt": the sign written between the currency and the digits.
        if let Some((code, s)) = currency_before(b, i - 1) {
            currency = Some(code);
            start = s;
            negative = true;
        }
    }
    if negative {
        // sign already read between currency and digits
    } else if start > 0 && (b[start - 1] == b'-') && (start < 2 || !is_word(b[start - 2])) {
        negative = true;
        start -= 1;
    } else if start >= 3 && &b[start - 3..start] == "−".as_bytes() {
        negative = true;
        start -= 3;
    }
    Some(Side {
        decimals,
        scale,
        start,
        value,
        end,
        currency,
        negative,
    })
}

/// The unit that follows a side: percent, mass, rate, currency-after or per-unit money.
fn unit_of(b: &[u8], side: &Side) -> Option<UnitHit> {
    let p = side.end;
    if let Some(code) = side.currency {
        if let Some((den, e)) = per_unit(b, p) {
            return Some(UnitHit {
                canonical: money_unit(code, Some(den)),
                multiplier: 1.0,
                kind: QKind::MoneyPerUnit,
                end: e,
            });
        }
        return Some(UnitHit {
            canonical: code,
            multiplier: 1.0,
            kind: QKind::Money,
            end: p,
        });
    }
    if p < b.len() && b[p] == b'%' {
        return Some(UnitHit {
            canonical: "%",
            multiplier: 1.0,
            kind: QKind::Pct,
            end: p + 1,
        });
    }
    if let Some((code, e, mult)) = currency_after(b, p) {
        if let Some((den, e2)) = per_unit(b, e) {
            return Some(UnitHit {
                canonical: money_unit(code, Some(den)),
                multiplier: mult,
                kind: QKind::MoneyPerUnit,
                end: e2,
            });
        }
        return Some(UnitHit {
            canonical: code,
            multiplier: mult,
            kind: QKind::Money,
            end: e,
        });
    }
    unit_after(b, p).or_else(|| bracket_scale(b, p))
}

/// "33.85 (10,000 yuan/mt)": a bracketed unit scaled by a power of ten.
fn bracket_scale(b: &[u8], p: usize) -> Option<UnitHit> {
    let open = skip_spaces(b, p, 1);
    if b.get(open) != Some(&b'(') || !b.get(open + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let inner = side_at(b, open + 1)?;
    if inner.currency.is_some() || inner.negative || b.get(skip_spaces(b, inner.end, 1)) == Some(&b'(') {
        return None;
    }
    let u = unit_of(b, &inner).filter(|u| u.kind != QKind::Pct && b.get(u.end) == Some(&b')'))?;
    let scale = inner.value;
    let power_of_ten = (10.0..=1e8).contains(&scale) && scale == 10f64.powi(scale.log10().round() as i32);
    power_of_ten.then_some(UnitHit {
        canonical: u.canonical,
        multiplier: scale * u.multiplier,
        kind: u.kind,
        end: u.end + 1,
    })
}

/// The range separator after the first side, and where the second side's literal starts.
/// Returns (where the second side's literal starts, whether it has its own minus sign).
fn range_second(b: &[u8], p: usize, first_has_unit: bool, between: bool) -> Option<(usize, bool)> {
    let mut q = skip_spaces(b, p, 1);
    if between && word_at(b, q, "and") {
        // "between 3.58 and 3.62 million mt"
        q += 3;
    } else if q < b.len() && matches!(b[q], b'-' | b'~') {
        q += 1;
    } else if b[q..].starts_with("–".as_bytes()) || b[q..].starts_with("—".as_bytes()) {
        q += 3;
    } else if !first_has_unit && word_at(b, q, "to") {
        q += 2;
    } else {
        return None;
    }
    q = skip_spaces(b, q, 1);
    // The second side may carry its own sign and currency: "-$80 to -$100/dmt".
    let mut r = q;
    let negative = r < b.len() && b[r] == b'-';
    if negative {
        r += 1;
    }
    if let Some(&(s, _, _)) = CURRENCIES
        .iter()
        .find(|(s, _, pos)| *pos != CurrencyPos::Post && !is_word(s.as_bytes()[0]) && b[r..].starts_with(s.as_bytes()))
    {
        r += s.len();
    }
    (r < b.len() && b[r].is_ascii_digit()).then_some((r, negative))
}

/// All quantities in `text[from..to]`, in order.
pub fn scan(text: &str, from: usize, to: usize) -> Vec<Quantity> {
    let mut out = Vec::new();
    scan_into(text, from, to, &mut out);
    out
}

/// [`scan`], appended to `out` (one buffer for many stretches).
pub fn scan_into(text: &str, from: usize, to: usize, out: &mut Vec<Quantity>) {
    let b = &text.as_bytes()[..to];
    let mut i = from;
    while i < to {
        let Some(off) = crate::bytes::position(&b[i..], |c| c.is_ascii_digit()) else {
            break;
        };
        i += off;
        // Digits glued to letters or decimals are codes or parts of numbers ("CR3", "H1", "Pb50").
        if i > 0 && (is_word(b[i - 1]) || b[i - 1] == b'.' || b[i - 1] == b',' || b[i - 1] == b'#') {
            while i < to && is_word(b[i]) {
                i += 1;
            }
            continue;
        }
        match quantity_at(b, i) {
            Some(mut q) => {
                // "812.5 yuan ($113.6) a metric ton": the span stops before the bracket and
                // reading resumes inside it, so the conversion is a quantity of its own.
                let scale_bracket = |k: usize| b[k + 1].is_ascii_digit() && b[q.end - 1] == b')';
                i = match (b[q.start..q.end].iter().position(|&c| c == b'(')).filter(|&p| !scale_bracket(q.start + p)) {
                    Some(p) => {
                        q.end = q.start + b[q.start..q.start + p].trim_ascii_end().len();
                        q.start + p + 1
                    }
                    None => q.end.max(i + 1),
                };
                out.push(q);
            }
            None => {
                // Skip the rest of this literal.
                while i < to && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
                    i += 1;
                }
            }
        }
    }
}

fn quantity_at(b: &[u8], i: usize) -> Option<Quantity> {
    let first = side_at(b, i)?;
    let unit1 = unit_of(b, &first);
    // Range: the unit is written once after the second number, or after both ("8%-10%").
    let after_first = unit1
        .as_ref()
        .filter(|u| u.kind == QKind::Pct)
        .map_or(first.end, |u| u.end);
    let has_own_unit = unit1
        .as_ref()
        .is_some_and(|u| u.kind != QKind::Money || first.currency.is_none());
    // "from 1,818 tons to 807 tons" is two levels; "from 5,000-6,000 yuan/kg" is still a range.
    let tail = b[first.start.saturating_sub(16)..first.start].trim_ascii_end();
    // "ranged from 220 to 340 yuan/mt" is a range.
    let ranged = [&b"ranged from"[..], b"ranging from", b"ranges from", b"range from"]
        .iter()
        .any(|w| {
            crate::bytes::ends_with_ignore_case(tail, w)
                && tail
                    .len()
                    .checked_sub(w.len() + 1)
                    .is_none_or(|k| !tail[k].is_ascii_alphabetic())
        });
    let preceded_by_from = !ranged && crate::bytes::ends_with_ignore_case(tail, b"from");
    let preceded_by_between = crate::bytes::ends_with_ignore_case(tail, b"between");
    // "rose by $0.30 to $18.20/lb": a change, then the level it led to (not "by 2-10%").
    let preceded_by_by = tail.len() >= 3 && tail.ends_with(b" by") && word_at(b, skip_spaces(b, after_first, 1), "to");
    if unit1.is_none()
        || unit1.as_ref().is_some_and(|u| u.kind == QKind::Pct)
        || !has_own_unit
        || first.currency.is_some()
    {
        if let Some((j, second_negative)) = range_second(
            b,
            after_first,
            preceded_by_from || (has_own_unit && unit1.as_ref().is_some_and(|u| u.kind != QKind::Money)),
            preceded_by_between,
        ) {
            if let Some(mut second) = side_at(b, j) {
                // The separator hyphen is not a sign; only a second minus is.
                second.negative = second_negative;
                // "$58-66/mt": the currency is written once, before the first number.
                second.currency = second.currency.or(first.currency);
                // "5-6 million mt", "between 3.58 and 3.62 million mt": one scale for both ends.
                let first_value = match (first.scale, second.scale) {
                    (None, Some(m)) => first.value * m,
                    _ => first.value,
                };
                let compatible = |u2: &UnitHit| match &unit1 {
                    None => true,
                    Some(u1) => u1.canonical == u2.canonical || (first.currency.is_some() && u1.kind == QKind::Money),
                };
                let sign = |neg: bool| if neg { -1.0 } else { 1.0 };
                // A change by an amount, then the level (a range perhaps) over four times it.
                if preceded_by_by && !second_negative && second.value > 4.0 * first_value {
                    let third = range_second(b, second.end, false, false).and_then(|(k, _)| side_at(b, k));
                    let u2 = match third {
                        Some(mut third) => {
                            third.currency = third.currency.or(second.currency);
                            unit_of(b, &third)
                        }
                        None => None,
                    };
                    if let Some(u2) = u2
                        .or_else(|| unit_of(b, &second))
                        .filter(|u| compatible(u) && u.kind != QKind::Pct)
                    {
                        return Some(Quantity {
                            start: first.start,
                            end: unit1.as_ref().map_or(first.end, |u| u.end.max(first.end)),
                            value: sign(first.negative)
                                * tidy(
                                    first_value * u2.multiplier,
                                    first.decimals,
                                    first.scale.unwrap_or(1.0) * u2.multiplier,
                                ),
                            value_high: None,
                            unit: u2.canonical,
                            kind: u2.kind,
                            signed: first.negative,
                        });
                    }
                }
                if let Some(u2) = unit_of(b, &second) {
                    if compatible(&u2) && second.value.is_finite() {
                        return Some(Quantity {
                            start: first.start,
                            end: u2.end,
                            value: sign(first.negative)
                                * tidy(
                                    first_value * u2.multiplier,
                                    first.decimals,
                                    second.scale.unwrap_or(1.0) * u2.multiplier,
                                ),
                            value_high: Some(
                                sign(second.negative)
                                    * tidy(
                                        second.value * u2.multiplier,
                                        second.decimals,
                                        second.scale.unwrap_or(1.0) * u2.multiplier,
                                    ),
                            ),
                            unit: u2.canonical,
                            kind: u2.kind,
                            signed: first.negative,
                        });
                    }
                }
            }
        }
    }
    let u = unit1?;
    if !first.value.is_finite() {
        return None;
    }
    let sign = if first.negative { -1.0 } else { 1.0 };
    Some(Quantity {
        start: first.start,
        end: u.end,
        value: sign
            * tidy(
                first.value * u.multiplier,
                first.decimals,
                first.scale.unwrap_or(1.0) * u.multiplier,
            ),
        value_high: None,
        unit: u.canonical,
        kind: u.kind,
        signed: first.negative,
    })
}
