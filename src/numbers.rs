//! Finds quantities in text: a number with its scale word, unit or currency,
//! sign and range partner ("1.2894 million mt", "-$200/dmt", "8%-10%",
//! "5,000-6,000 yuan/kg", "VND 623 billion").
//!
//! A number with no unit is not a quantity (dates, counts, list markers, codes),
//! so it is never returned.

use crate::lexicon::{CurrencyPos, CURRENCIES, PER_UNITS, UNITS};
use crate::surfaces::SurfaceTrie;
use once_cell::sync::Lazy;

/// What kind of amount a quantity is; decides which metrics and bases fit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QKind {
    Mass,
    RateYear,
    RateDay,
    Pct,
    Pp,
    Energy,
    Money,
    MoneyPerUnit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte span of the whole quantity text, sign and currency included.
    pub start: usize,
    pub end: usize,
    /// Magnitudes after scale and unit multipliers, with any written sign.
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: &'static str,
    pub kind: QKind,
    /// A minus sign was written before the (first) number.
    pub signed: bool,
}

#[inline]
fn is_word(b: u8) -> bool {
    CLASS[usize::from(b)] & WORD != 0
}

/// A byte that makes digits right after it part of a code or of another number
/// ("CR3", "H1", "Pb50", "1.5", "1,5", "#5").
#[inline]
fn is_glue(b: u8) -> bool {
    CLASS[usize::from(b)] & GLUE != 0
}

const WORD: u8 = 1;
const GLUE: u8 = 2;

/// Byte classes, one load where the range tests take several instructions: ASCII
/// letters, digits and `_` are word bytes; those and `.`, `,`, `#` are glue.
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] = WORD | GLUE;
        } else if c == b'.' || c == b',' || c == b'#' {
            t[b] = GLUE;
        }
        b += 1;
    }
    t
};

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

/// Whether a surface matched in `b` up to `end` ends there on a word boundary: [`word_at`]'s
/// rule, read off the text (a matched byte is a word byte exactly when the surface's is).
#[inline]
fn bounded_end(b: &[u8], end: usize) -> bool {
    !(is_word(b[end - 1]) && end < b.len() && is_word(b[end]))
}

/// Whether a rate written with "a year" / "a day" ending at `end` is rather a time
/// ago: "188,000 tons a year earlier" is the level of a year before, not a rate.
fn a_time_ago(b: &[u8], end: usize) -> bool {
    const AGO: [&str; 6] = ["earlier", "ago", "before", "prior", "previously", "later"];
    let lead = &b[..end];
    let rate =
        crate::bytes::ends_with_ignore_case(lead, b" a year") || crate::bytes::ends_with_ignore_case(lead, b" a day");
    let from = skip_spaces(b, end, 1);
    rate && AGO.iter().any(|w| word_at(b, from, w))
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
    let keep = (decimals - exponent(multiplier)).max(0);
    if !(0..=12).contains(&keep) || !v.is_finite() || v.abs() >= 1e15 {
        return v;
    }
    // 10^keep is exact, as `10f64.powi(keep)` makes it.
    let p = POW10[keep as usize];
    round(v * p) / p
}

/// `multiplier.log10().round()`, without the logarithm for the multipliers scale words
/// and units make (exact powers of ten, whose logarithm rounds to their exponent).
#[inline]
fn exponent(multiplier: f64) -> i32 {
    match multiplier {
        1.0 => 0,
        1e3 => 3,
        1e6 => 6,
        1e9 => 9,
        1e12 => 12,
        m => m.log10().round() as i32,
    }
}

/// `x.round()` (half away from zero) without a call into libm: below 2^52 the
/// truncation through an integer and the fraction are exact.
#[inline]
fn round(x: f64) -> f64 {
    const EXACT: f64 = (1u64 << 52) as f64;
    if x.is_nan() || x.abs() >= EXACT {
        return x.round();
    }
    let a = x.abs();
    // Through i64: one conversion each way on x86-64, where u64 takes a dozen instructions.
    let t = a as i64 as f64;
    let r = if a - t >= 0.5 { t + 1.0 } else { t };
    // -0.3 rounds to -0.0.
    r.copysign(x)
}

/// A number literal at `i`: digits with thousands separators and a decimal part.
struct Literal {
    value: f64,
    end: usize,
    /// Digits after the decimal point.
    decimals: i32,
    /// `tidy(value, decimals, 1.0)` is `value`: see [`TIDY_BELOW`].
    tidy: bool,
}

fn literal(b: &[u8], i: usize) -> Option<Literal> {
    // The digits' value, gathered as the literal is read; it wraps past 19 digits but
    // is used only for at most 16 (see `exact`).
    let mut mantissa: u64 = 0;
    let digit = |p: usize| b.get(p).map(|c| c.wrapping_sub(b'0')).filter(|&d| d < 10);
    let mut push = |d: u8| mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
    let mut p = i;
    while let Some(d) = digit(p) {
        push(d);
        p += 1;
    }
    if p == i {
        return None;
    }
    let mut digits = p - i;
    let mut has_commas = false;
    // Thousands groups only after a 1-3 digit head: "1,486" but not "LG,New" or "2024,5".
    if p - i <= 3 {
        while p + 3 < b.len()
            && b[p] == b','
            && b[p + 1..p + 4].iter().all(u8::is_ascii_digit)
            && !(p + 4 < b.len() && b[p + 4].is_ascii_digit())
        {
            for &c in &b[p + 1..p + 4] {
                push(c - b'0');
            }
            p += 4;
            digits += 3;
            has_commas = true;
        }
    }
    let mut decimals = 0;
    if p + 1 < b.len() && b[p] == b'.' && b[p + 1].is_ascii_digit() {
        p += 1;
        let d = p;
        while let Some(x) = digit(p) {
            push(x);
            p += 1;
        }
        digits += p - d;
        decimals = (p - d) as i32;
    }
    if let Some(v) = exact(mantissa, digits, decimals) {
        return Some(Literal {
            value: v,
            end: p,
            decimals,
            tidy: mantissa < TIDY_BELOW,
        });
    }
    let s = std::str::from_utf8(&b[i..p]).ok()?;
    // Very long literals are not amounts anyone states; parse a bounded prefix
    // so hostile input stays linear.
    let v = if has_commas {
        s.replace(',', "").parse::<f64>().ok()?
    } else if s.len() > 40 {
        f64::INFINITY
    } else {
        s.parse::<f64>().ok()?
    };
    Some(Literal {
        value: v,
        end: p,
        decimals,
        tidy: false,
    })
}

/// A value `exact` makes of digits below this is its own [`tidy`] with multiplier 1:
/// `v = m / 10^d` rounded; `v * 10^d` is then within `m * 2^-51 < 0.5` of `m`, so
/// `round` gives back `m`, and `m / 10^d` is `v` again (tidy's other cases return `v`).
/// Most amounts have no scale or multiplier: their rounding is skipped.
const TIDY_BELOW: u64 = 1 << 50;

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The value of a literal whose digits as an integer (`mantissa`) are exact in an `f64`
/// (at most 16 digits, below 2^53): that integer divided by a power of ten is then
/// correctly rounded, the same value `str::parse` gives (the fast path of Clinger's
/// algorithm), without copying the digits out of the text.
#[inline]
pub(crate) fn exact(mantissa: u64, digits: usize, decimals: i32) -> Option<f64> {
    // Through i64: exact below 2^53, and one instruction where u64 takes several.
    (digits <= 16 && mantissa < 1 << 53).then(|| mantissa as i64 as f64 / POW10[decimals as usize])
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

/// A unit surface: what it stands for.
struct UnitInfo {
    canonical: &'static str,
    multiplier: f64,
    kind: QKind,
    /// The surface starts with "mt" ("mt", "mt/year", "mtpa"): written "Mt", it is million tonnes.
    mt: bool,
}

/// A currency surface: its code (index into `Tables::codes`) and the multiplier of
/// an amount written before it ("cents" are hundredths of a dollar).
struct CurrencyInfo {
    code: u8,
    multiplier: f64,
}

/// The lexicon's surface lists as tries, and what each surface stands for (by its
/// index in its list), built once.
struct Tables {
    /// The currencies that may follow a number, then the units: `unit_of` takes the
    /// first currency written after a number, failing one the first unit, so the first
    /// of this list is both in one walk.
    after: SurfaceTrie,
    /// The currencies of `after`, as indices into `currency_info`.
    after_currencies: Vec<usize>,
    unit_info: Vec<UnitInfo>,
    scales: SurfaceTrie,
    /// Currencies that may precede a number, read backwards: words (one space before
    /// the number) and symbols (against it).
    currency_before_word: SurfaceTrie,
    currency_before_symbol: SurfaceTrie,
    currency_info: Vec<CurrencyInfo>,
    /// Symbol currencies that may open the second number of a range, in list order.
    range_symbols: Vec<&'static [u8]>,
    per_units: SurfaceTrie,
    /// Per per-unit surface: its denominator (index into `dens`).
    per_den: Vec<u8>,
    codes: Vec<&'static str>,
    dens: Vec<&'static str>,
    /// "CUR/den" at `code * dens.len() + den`.
    money_units: Vec<&'static str>,
    /// Some surface has a '(' (none does): a quantity's span may then have one anywhere.
    bracketed_surfaces: bool,
}

static TABLES: Lazy<Tables> = Lazy::new(|| {
    let intern = |names: &mut Vec<&'static str>, s: &'static str| -> u8 {
        let k = names.iter().position(|&n| n == s).unwrap_or_else(|| {
            names.push(s);
            names.len() - 1
        });
        u8::try_from(k).expect("under 256 names")
    };
    let mut codes = Vec::new();
    let currency_info = CURRENCIES
        .iter()
        .map(|&(s, code, _)| CurrencyInfo {
            code: intern(&mut codes, code),
            multiplier: if s.starts_with("cent") || s == "¢" { 0.01 } else { 1.0 },
        })
        .collect();
    let mut dens = Vec::new();
    let per_den = PER_UNITS.iter().map(|&(_, den)| intern(&mut dens, den)).collect();
    let money_units = codes
        .iter()
        .flat_map(|code| {
            dens.iter()
                .map(move |den| &*Box::leak(format!("{code}/{den}").into_boxed_str()))
        })
        .collect();
    let currencies = |keep: fn(&str, CurrencyPos) -> bool| {
        CURRENCIES
            .iter()
            .enumerate()
            .filter(move |(_, c)| keep(c.0, c.2))
            .map(|(i, c)| (i, c.0))
    };
    fn ends_in_word(s: &str) -> bool {
        is_word(s.as_bytes()[s.len() - 1])
    }
    let after_currencies: Vec<usize> = currencies(|_, pos| pos != CurrencyPos::Pre).map(|(i, _)| i).collect();
    let after = after_currencies
        .iter()
        .map(|&i| CURRENCIES[i].0)
        .chain(UNITS.iter().map(|u| u.0))
        .enumerate();
    let bracketed_surfaces = (UNITS.iter().map(|u| u.0))
        .chain(CURRENCIES.iter().map(|c| c.0))
        .chain(PER_UNITS.iter().map(|p| p.0))
        .chain(SCALES.iter().map(|s| s.0))
        .any(|s| s.contains('('));
    Tables {
        after: SurfaceTrie::new(after, false),
        after_currencies,
        unit_info: UNITS
            .iter()
            .map(|&(s, u)| UnitInfo {
                canonical: u.canonical,
                multiplier: u.multiplier,
                kind: u.kind,
                mt: s.starts_with("mt"),
            })
            .collect(),
        scales: SurfaceTrie::new(SCALES.iter().map(|s| s.0).enumerate(), false),
        currency_before_word: SurfaceTrie::new(currencies(|s, pos| pos != CurrencyPos::Post && ends_in_word(s)), true),
        currency_before_symbol: SurfaceTrie::new(
            currencies(|s, pos| pos != CurrencyPos::Post && !ends_in_word(s)),
            true,
        ),
        currency_info,
        range_symbols: CURRENCIES
            .iter()
            .filter(|(s, _, pos)| *pos != CurrencyPos::Post && !is_word(s.as_bytes()[0]))
            .map(|(s, _, _)| s.as_bytes())
            .collect(),
        per_units: SurfaceTrie::new(PER_UNITS.iter().map(|p| p.0).enumerate(), false),
        per_den,
        codes,
        dens,
        money_units,
        bracketed_surfaces,
    }
});

impl Tables {
    fn money_unit(&self, code: u8, den: u8) -> &'static str {
        self.money_units[usize::from(code) * self.dens.len() + usize::from(den)]
    }

    fn scale_at(&self, b: &[u8], p: usize) -> Option<(f64, usize)> {
        // Most numbers are followed by neither a blank nor a scale word's first letter ("%", ",").
        if !b
            .get(p)
            .is_some_and(|&c| matches!(c, b' ' | b'\t') || matches!(c | 0x20, b't' | b'b' | b'm'))
        {
            return None;
        }
        let q = skip_spaces(b, p, 2);
        // Every scale word starts with "t", "b" or "m".
        if !b.get(q).is_some_and(|&c| matches!(c | 0x20, b't' | b'b' | b'm')) {
            return None;
        }
        let (k, _, end) = self.scales.find(b, q, |_, e| bounded_end(b, e))?;
        Some((SCALES[k].1, end))
    }

    /// A currency written before a number at the bytes ending at `end` ("$", "US$", "VND "):
    /// (code, start). Inlined: most numbers have none, found in a few loads, and a
    /// call costs as much again.
    #[inline(always)]
    fn currency_before(&self, b: &[u8], end: usize) -> Option<(u8, usize)> {
        // A word currency stands one space before the number, a symbol right against it.
        // No surface ends in white space, so after a space only a word can match.
        let spaced = end > 0 && b[end - 1] == b' ';
        let (trie, e) = if spaced {
            (&self.currency_before_word, end - 1)
        } else {
            (&self.currency_before_symbol, end)
        };
        // Most numbers have none: the bytes before end no currency.
        if e == 0 || !trie.may_begin(b[e - 1], e.checked_sub(2).map(|k| b[k])) {
            return None;
        }
        self.currency_ending(trie, b, e)
    }

    #[inline(never)]
    fn currency_ending(&self, trie: &SurfaceTrie, b: &[u8], e: usize) -> Option<(u8, usize)> {
        // Not glued to a word before it ("plus$5" has "$", not "us$").
        let (k, s, _) = trie.find(b, e, |s, _| !(s > 0 && is_word(b[s - 1]) && is_word(b[s])))?;
        Some((self.currency_info[k].code, s))
    }

    /// "/mt", "/ton", " per tonne" after a money amount: (denominator, end).
    /// Also " a ton", " a metric ton", and after a bracketed conversion: "812.5 yuan ($113.6) a metric ton".
    fn per_unit(&self, b: &[u8], p: usize) -> Option<(u8, usize)> {
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
        let (k, _, end) = self.per_units.find(b, q, |_, e| bounded_end(b, e))?;
        Some((self.per_den[k], end))
    }

    /// The currency word (code, end, multiplier; "cents" are hundredths of a dollar)
    /// or else the unit written after a number.
    fn word_after(&self, b: &[u8], p: usize) -> Option<After> {
        let q = skip_spaces(b, p, 1);
        let (k, _, end) = self.after.find(b, q, |_, e| bounded_end(b, e) && !a_time_ago(b, e))?;
        let Some(k) = k.checked_sub(self.after_currencies.len()) else {
            let c = &self.currency_info[self.after_currencies[k]];
            return Some(After::Currency(c.code, end, c.multiplier));
        };
        let u = &self.unit_info[k];
        // "5-series", "mt-level": a hyphen glued after the unit makes it a compound word.
        if end < b.len() && b[end] == b'-' && end + 1 < b.len() && b[end + 1].is_ascii_alphabetic() {
            return None;
        }
        // "Mt" (capital M, small t) is a million tonnes in most English trade press;
        // "mt" and "MT" are metric tons.
        let million = u.mt && b[q] == b'M' && b[q + 1] == b't';
        Some(After::Unit(UnitHit {
            canonical: u.canonical,
            multiplier: if million { u.multiplier * 1e6 } else { u.multiplier },
            kind: u.kind,
            end,
        }))
    }
}

enum After {
    Currency(u8, usize, f64),
    Unit(UnitHit),
}

struct UnitHit {
    canonical: &'static str,
    multiplier: f64,
    kind: QKind,
    end: usize,
}

/// One side of a quantity: optional sign and currency, the literal, optional scale.
struct Side {
    /// Digits written after the decimal point, to undo binary rounding after scaling.
    decimals: i32,
    /// The literal's value is its own `tidy` with multiplier 1.
    tidy: bool,
    /// The scale word written after the literal ("million"), already applied to `value`.
    scale: Option<f64>,
    start: usize,
    value: f64,
    end: usize,
    /// Index into `Tables::codes`.
    currency: Option<u8>,
    negative: bool,
}

fn side_at(t: &Tables, b: &[u8], i: usize) -> Option<Side> {
    let Literal {
        mut value,
        mut end,
        decimals,
        tidy,
    } = literal(b, i)?;
    let mut scale = None;
    if let Some((m, e)) = t.scale_at(b, end) {
        value *= m;
        end = e;
        scale = Some(m);
    }
    let mut start = i;
    let mut currency = None;
    let mut negative = false;
    if let Some((code, s)) = t.currency_before(b, i) {
        currency = Some(code);
        start = s;
    } else if i >= 2 && b[i - 1] == b'-' {
        // "$-12.5/dmt": the sign written between the currency and the digits.
        if let Some((code, s)) = t.currency_before(b, i - 1) {
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
        tidy,
        scale,
        start,
        value,
        end,
        currency,
        negative,
    })
}

/// The unit that follows a side: percent, mass, rate, currency-after or per-unit money.
/// The commonest, a percent sign against a number without currency, is read inline.
#[inline(always)]
fn unit_of(t: &Tables, b: &[u8], side: &Side) -> Option<UnitHit> {
    if side.currency.is_none() && b.get(side.end) == Some(&b'%') {
        return Some(UnitHit {
            canonical: "%",
            multiplier: 1.0,
            kind: QKind::Pct,
            end: side.end + 1,
        });
    }
    unit_after(t, b, side)
}

#[inline(never)]
fn unit_after(t: &Tables, b: &[u8], side: &Side) -> Option<UnitHit> {
    let p = side.end;
    if let Some(code) = side.currency {
        if let Some((den, e)) = t.per_unit(b, p) {
            return Some(UnitHit {
                canonical: t.money_unit(code, den),
                multiplier: 1.0,
                kind: QKind::MoneyPerUnit,
                end: e,
            });
        }
        return Some(UnitHit {
            canonical: t.codes[usize::from(code)],
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
    let (code, e, mult) = match t.word_after(b, p) {
        Some(After::Currency(code, e, mult)) => (code, e, mult),
        Some(After::Unit(u)) => return Some(u),
        None => return bracket_scale(t, b, p),
    };
    Some(match t.per_unit(b, e) {
        Some((den, e2)) => UnitHit {
            canonical: t.money_unit(code, den),
            multiplier: mult,
            kind: QKind::MoneyPerUnit,
            end: e2,
        },
        None => UnitHit {
            canonical: t.codes[usize::from(code)],
            multiplier: mult,
            kind: QKind::Money,
            end: e,
        },
    })
}

/// A unit in brackets that scales the number before it by a power of ten, as
/// Chinese statistics write ten thousands: "33.85 (10,000 yuan/mt)" is 338,500
/// yuan/mt, "12.5 (10,000 mt)" 125,000 mt. The bracket, `p` on, is the unit's span.
fn bracket_scale(t: &Tables, b: &[u8], p: usize) -> Option<UnitHit> {
    let open = skip_spaces(b, p, 1);
    if b.get(open) != Some(&b'(') || !b.get(open + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let inner = side_at(t, b, open + 1)?;
    // A bracket in the bracket is no scale (and reading it would recurse).
    if inner.currency.is_some() || inner.negative || b.get(skip_spaces(b, inner.end, 1)) == Some(&b'(') {
        return None;
    }
    let u = unit_of(t, b, &inner).filter(|u| u.kind != QKind::Pct && b.get(u.end) == Some(&b')'))?;
    let scale = inner.value;
    let power_of_ten = (10.0..=1e8).contains(&scale) && scale == 10f64.powi(scale.log10().round() as i32);
    power_of_ten.then_some(UnitHit {
        canonical: u.canonical,
        multiplier: scale * u.multiplier,
        kind: u.kind,
        end: u.end + 1,
    })
}

/// Whether the bracket at `k` in `q`'s span holds the unit of a scale (see [`bracket_scale`]).
fn scale_bracket(b: &[u8], q: &Quantity, k: usize) -> bool {
    b[k + 1].is_ascii_digit() && b[q.end - 1] == b')'
}

/// Whether a range separator may follow at `p` ("-", "~", "–", "—", "to", "and"): the
/// separators of [`range_second`] whatever its flags, tested before the words before the
/// number are looked at for them.
#[inline]
fn range_may_follow(b: &[u8], p: usize) -> bool {
    let q = skip_spaces(b, p, 1);
    match b.get(q) {
        Some(b'-' | b'~' | 0xE2) => true,
        Some(&c) if c | 0x20 == b't' => word_at(b, q, "to"),
        Some(&c) if c | 0x20 == b'a' => word_at(b, q, "and"),
        _ => false,
    }
}

/// The range separator after the first side, and where the second side's literal starts.
/// Returns (where the second side's literal starts, whether it has its own minus sign).
fn range_second(t: &Tables, b: &[u8], p: usize, first_has_unit: bool, between: bool) -> Option<(usize, bool)> {
    let mut q = skip_spaces(b, p, 1);
    if between && word_at(b, q, "and") {
        // "between 3.58 and 3.62 million mt"
        q += 3;
    } else if q < b.len() && matches!(b[q], b'-' | b'~') {
        q += 1;
    } else if b.get(q) == Some(&0xE2) && (b[q..].starts_with("–".as_bytes()) || b[q..].starts_with("—".as_bytes()))
    {
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
    if let Some(s) = t
        .range_symbols
        .iter()
        .find(|s| b.get(r) == Some(&s[0]) && b[r..].starts_with(s))
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
///
/// Most stretches (sentences) have no digit: the search for the first is all their
/// scan, done here, by AVX2 where the CPU has it, before the scan proper is entered.
#[inline]
pub fn scan_into(text: &str, from: usize, to: usize, out: &mut Vec<Quantity>) {
    let b = &text.as_bytes()[..to];
    #[cfg(target_arch = "x86_64")]
    let first = if crate::bytes::has_avx2() {
        // SAFETY: the CPU has AVX2.
        unsafe { next_digit_avx2(b, from) }
    } else {
        next_digit(b, from)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let first = next_digit(b, from);
    if let Some(at) = first {
        // The scan from `from` finds no digit before `at`: it goes on as from `at`.
        scan_from(text, at, to, out);
    }
}

/// [`scan_into`] from the first digit on.
#[inline(never)]
fn scan_from(text: &str, from: usize, to: usize, out: &mut Vec<Quantity>) {
    let t = &*TABLES;
    let b = &text.as_bytes()[..to];
    let mut i = from;
    while i < to {
        let Some(at) = next_digit(b, i) else {
            break;
        };
        i = at;
        // Digits glued to letters or decimals are codes or parts of numbers ("CR3", "H1", "Pb50").
        if i > 0 && is_glue(b[i - 1]) {
            while i < to && is_word(b[i]) {
                i += 1;
            }
            continue;
        }
        match quantity_at(t, b, i) {
            // "(unit: 10,000 mt)" says how a table's numbers are written, and states none.
            Some(q) if declares_unit(b, q.start) => i = q.end.max(i + 1),
            Some(mut q) => {
                // "812.5 yuan ($113.6) a metric ton": the span stops before the bracket and
                // reading resumes inside it, so the conversion is a quantity of its own.
                // A bracket gets into a span only where `per_unit` steps over one, after money.
                let bracket = if t.bracketed_surfaces || matches!(q.kind, QKind::Money | QKind::MoneyPerUnit) {
                    crate::bytes::find_byte(b, q.start, q.end, b'(')
                        // A bracket that closes the span is the unit of a scale ("33.85 (10,000 yuan/mt)").
                        .filter(|&k| !scale_bracket(b, &q, k))
                } else {
                    None
                };
                i = match bracket.map(|k| k - q.start) {
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

/// Whether "unit:" or "units:" (a full-width colon too) stands right before `s`.
#[inline]
fn declares_unit(b: &[u8], s: usize) -> bool {
    // Most numbers follow a space and a word: the colon test rules them out at once.
    let before = b[..s].trim_ascii_end();
    let Some(w) = before
        .strip_suffix(b":")
        .or_else(|| before.strip_suffix("：".as_bytes()))
    else {
        return false;
    };
    let w = w.trim_ascii_end();
    let w = w.strip_suffix(b"s").or_else(|| w.strip_suffix(b"S")).unwrap_or(w);
    crate::bytes::ends_with_ignore_case(w, b"unit") && (w.len() == 4 || !w[w.len() - 5].is_ascii_alphanumeric())
}

/// [`next_digit`] by AVX2 loads of thirty-two bytes.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn next_digit_avx2(b: &[u8], from: usize) -> Option<usize> {
    use std::arch::x86_64::*;
    let digits = |k: usize| {
        // Every load reads thirty-two bytes inside `b`.
        let v = unsafe { _mm256_loadu_si256(b.as_ptr().add(k).cast()) };
        // '0'..='9' moved to the bottom of the signed range (-128..=-119): one compare.
        let x = _mm256_add_epi8(v, _mm256_set1_epi8(0x50));
        _mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8(-118), x)) as u32
    };
    let mut at = from;
    while at + 32 <= b.len() {
        let m = digits(at);
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 32;
    }
    if at < b.len() && b.len() >= 32 {
        // The last thirty-two bytes of `b`, without those before `at`.
        let s = b.len() - 32;
        let m = digits(s) >> (at - s);
        return (m != 0).then(|| at + m.trailing_zeros() as usize);
    }
    next_digit(b, at)
}

/// Index of the first ASCII digit in `b[from..]`, as [`crate::bytes::next_digit`] finds it,
/// thirty-two bytes a step: most of a sentence has no digit, and a step of two blocks
/// tests and branches once.
#[inline]
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        let mut at = from;
        // SSE2 is part of x86_64; every load reads sixteen bytes inside `b`.
        let digits = |k: usize| unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(k).cast());
            // '0'..='9' moved to the bottom of the signed range (-128..=-119): one compare.
            let x = _mm_add_epi8(v, _mm_set1_epi8(0x50));
            _mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-118))) as u32
        };
        while at + 32 <= b.len() {
            let m = digits(at) | digits(at + 16) << 16;
            if m != 0 {
                return Some(at + m.trailing_zeros() as usize);
            }
            at += 32;
        }
        if at < b.len() && b.len() >= 16 {
            if at + 16 <= b.len() {
                let m = digits(at);
                if m != 0 {
                    return Some(at + m.trailing_zeros() as usize);
                }
                at += 16;
            }
            // The last sixteen bytes of `b`, without those before `at`.
            let s = b.len() - 16;
            let m = digits(s) >> (at - s);
            return (m != 0).then(|| at + m.trailing_zeros() as usize);
        }
        b.get(at..)?.iter().position(u8::is_ascii_digit).map(|k| at + k)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        crate::bytes::next_digit(b, from)
    }
}

fn quantity_at(t: &Tables, b: &[u8], i: usize) -> Option<Quantity> {
    let first = side_at(t, b, i)?;
    let unit1 = unit_of(t, b, &first);
    // Range: the unit is written once after the second number, or after both ("8%-10%").
    let after_first = unit1
        .as_ref()
        .filter(|u| u.kind == QKind::Pct)
        .map_or(first.end, |u| u.end);
    let has_own_unit = unit1
        .as_ref()
        .is_some_and(|u| u.kind != QKind::Money || first.currency.is_none());
    if (unit1.is_none()
        || unit1.as_ref().is_some_and(|u| u.kind == QKind::Pct)
        || !has_own_unit
        || first.currency.is_some())
        && range_may_follow(b, after_first)
    {
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
        let preceded_by_by =
            tail.len() >= 3 && tail.ends_with(b" by") && word_at(b, skip_spaces(b, after_first, 1), "to");
        if let Some((j, second_negative)) = range_second(
            t,
            b,
            after_first,
            preceded_by_from || (has_own_unit && unit1.as_ref().is_some_and(|u| u.kind != QKind::Money)),
            preceded_by_between,
        ) {
            if let Some(mut second) = side_at(t, b, j) {
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
                // "rose by $0.30 to $18.20-18.90/lb": a change, then the level it led to (a
                // range perhaps), not a range; the change takes the level's unit. A change is
                // a small part of the level; the two ends of a range are near each other.
                let level_unit = || {
                    let range_end = || {
                        let (k, _) = range_second(t, b, second.end, false, false)?;
                        let mut third = side_at(t, b, k)?;
                        third.currency = third.currency.or(second.currency);
                        unit_of(t, b, &third)
                    };
                    range_end().or_else(|| unit_of(t, b, &second))
                };
                if let Some(u2) = (preceded_by_by && !second_negative && second.value > 4.0 * first_value)
                    .then(level_unit)
                    .flatten()
                    // "by 5 to 25%" is a range of percentages.
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
                if let Some(u2) = unit_of(t, b, &second) {
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
    let value = if first.tidy && first.scale.is_none() && u.multiplier == 1.0 {
        first.value
    } else {
        tidy(
            first.value * u.multiplier,
            first.decimals,
            first.scale.unwrap_or(1.0) * u.multiplier,
        )
    };
    Some(Quantity {
        start: first.start,
        end: u.end,
        value: sign * value,
        value_high: None,
        unit: u.canonical,
        kind: u.kind,
        signed: first.negative,
    })
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (f64, Option<f64>, &'static str, String) {
        let q = scan(s, 0, s.len());
        assert_eq!(q.len(), 1, "{s:?}: {q:?}");
        (
            q[0].value,
            q[0].value_high,
            q[0].unit,
            s[q[0].start..q[0].end].to_string(),
        )
    }

    #[test]
    fn literals_read_as_str_parse_reads_them() {
        let lits = [
            "0",
            "7",
            "7.46",
            "81,700",
            "1.2894",
            "0.1",
            "0.3",
            "123,456,789.987654",
            "9007199254740991",
            "9007199254740993",
            "12345678901234567",
            "1.7976931348623157",
            "2.05",
            "0.000000000000000000001",
            "4,202",
            "99.99",
            "3.14159265358979",
            "100,000,000,000,000",
        ];
        for l in lits {
            let want: f64 = l.replace(',', "").parse().unwrap();
            let Literal { value, end, .. } = literal(l.as_bytes(), 0).unwrap();
            assert_eq!((value.to_bits(), end), (want.to_bits(), l.len()), "{l}");
        }
        // Every decimal with up to 6 digits on either side of the point.
        for k in 0..20_000u64 {
            let l = format!(
                "{}.{:0w$}",
                k * 7919 % 1_000_000,
                k * 104_729 % 1_000_000,
                w = (k % 6 + 1) as usize
            );
            let want: f64 = l.parse().unwrap();
            assert_eq!(literal(l.as_bytes(), 0).unwrap().value.to_bits(), want.to_bits(), "{l}");
        }
    }

    #[test]
    fn digits_found_as_bytes_next_digit_finds_them() {
        let text = "Copper output rose 5.2% in May; stocks at 1,200 mt. é 9 ".repeat(3);
        for len in 0..=text.len() {
            let b = &text.as_bytes()[..len];
            for from in 0..=len + 1 {
                assert_eq!(next_digit(b, from), crate::bytes::next_digit(b, from), "{len} {from}");
            }
        }
        let all: Vec<u8> = (0..=255u8).chain(0..=255).collect();
        for from in 0..all.len() {
            assert_eq!(next_digit(&all, from), crate::bytes::next_digit(&all, from), "{from}");
        }
        #[cfg(target_arch = "x86_64")]
        if crate::bytes::has_avx2() {
            for t in [text.as_bytes(), &all[..]] {
                for len in 0..=t.len() {
                    let b = &t[..len];
                    for from in 0..=len + 1 {
                        let got = unsafe { next_digit_avx2(b, from) };
                        assert_eq!(got, crate::bytes::next_digit(b, from), "{len} {from}");
                    }
                }
            }
        }
    }

    /// An exact literal below [`TIDY_BELOW`] is its own `tidy` with multiplier 1.
    #[test]
    fn small_exact_literals_are_tidy() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut ms: Vec<u64> = (0..2000)
            .chain([TIDY_BELOW - 1, TIDY_BELOW - 2, 999_999_999_999_999])
            .collect();
        for _ in 0..300_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Mantissas of every length up to 2^50.
            ms.push(seed % (TIDY_BELOW >> ((seed >> 58) % 50)));
        }
        for m in ms.into_iter().filter(|&m| m < TIDY_BELOW) {
            for d in 0..=16 {
                let v = exact(m, 16, d).unwrap();
                assert_eq!(tidy(v, d, 1.0).to_bits(), v.to_bits(), "{m} / 10^{d}");
            }
        }
    }

    /// `tidy` without libm: the same rounding, exponents and powers as `round`, `log10`
    /// and `powi` give, for every multiplier a quantity can have.
    #[test]
    fn tidy_helpers_agree_with_libm() {
        let t = &*TABLES;
        let units = t.unit_info.iter().flat_map(|u| [u.multiplier, u.multiplier * 1e6]);
        let per = units.chain(t.currency_info.iter().map(|c| c.multiplier)).chain([1.0]);
        let scales: Vec<f64> = SCALES.iter().map(|s| s.1).chain([1.0]).collect();
        for m in per {
            for &s in &scales {
                let x = s * m;
                assert_eq!(exponent(x), x.log10().round() as i32, "{s} * {m}");
            }
        }
        for k in 0..=12 {
            assert_eq!(POW10[k as usize].to_bits(), 10f64.powi(k).to_bits());
        }
        let mut xs = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            -0.3,
            0.49999999999999994,
            4503599627370495.5,
            4503599627370497.0,
            -4503599627370495.5,
            9007199254740993.0,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ];
        let mut seed: u64 = 0x853C_49E6_748F_EA9B;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Scaled amounts as tidy makes them, and halves exactly between integers.
            let v = (seed % 10_000_000) as f64 / POW10[(seed >> 40) as usize % 8];
            xs.extend([v * POW10[(seed >> 50) as usize % 13], (seed >> 20) as f64 + 0.5]);
        }
        for x in xs {
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "{x}");
        }
        assert!(round(f64::NAN).is_nan());
    }

    #[test]
    fn masses_scales_and_separators() {
        assert_eq!(
            one("decreased by 81,700 mt MoM"),
            (81700.0, None, "t", "81,700 mt".into())
        );
        assert_eq!(
            one("by 1.2894 million mt YoY"),
            (1289400.0, None, "t", "1.2894 million mt".into())
        );
        assert_eq!(one("a drop of over 5 kt in"), (5000.0, None, "t", "5 kt".into()));
        assert_eq!(one("by approximately 10kt MoM"), (10000.0, None, "t", "10kt".into()));
        assert_eq!(
            one("cuts of 20,000 mt/year"),
            (20000.0, None, "t/year", "20,000 mt/year".into())
        );
        assert_eq!(one("totaled 6,487 tons,"), (6487.0, None, "t", "6,487 tons".into()));
        assert_eq!(one("output of 1.2 Mt in"), (1.2e6, None, "t", "1.2 Mt".into()));
        assert_eq!(one("capacity of 3 Mtpa"), (3e6, None, "t/year", "3 Mtpa".into()));
        assert_eq!(
            one("shipped 100,000 wet metric tons"),
            (1e5, None, "wmt", "100,000 wet metric tons".into())
        );
        assert_eq!(
            one("to 43.51 million tonnes per year"),
            (43510000.0, None, "t/year", "43.51 million tonnes per year".into())
        );
    }

    #[test]
    fn tons_a_year_is_a_rate_but_tons_a_year_earlier_a_level() {
        assert_eq!(
            one("restarting 40,000 metric tons a year of capacity"),
            (40000.0, None, "t/year", "40,000 metric tons a year".into())
        );
        assert_eq!(
            one("about 1.1 million tons a year of smelting capacity"),
            (1.1e6, None, "t/year", "1.1 million tons a year".into())
        );
        assert_eq!(
            one("mills ran 2,500 tonnes a day, "),
            (2500.0, None, "t/day", "2,500 tonnes a day".into())
        );
        assert_eq!(
            one("from 188,000 tons a year earlier."),
            (188000.0, None, "t", "188,000 tons".into())
        );
        assert_eq!(
            one("against 96,000 tonnes a year ago"),
            (96000.0, None, "t", "96,000 tonnes".into())
        );
    }

    #[test]
    fn percents_and_points() {
        assert_eq!(
            one("down 7.50 percentage points MoM"),
            (7.5, None, "pp", "7.50 percentage points".into())
        );
        assert_eq!(
            one("a 2.9 percentage point MoM decline"),
            (2.9, None, "pp", "2.9 percentage point".into())
        );
        assert_eq!(one("up 4.54% YoY"), (4.54, None, "%", "4.54%".into()));
        assert_eq!(one("dropped 12pc on the month"), (12.0, None, "%", "12pc".into()));
        for unit in ["(unit: 10,000 mt)", "Units：1,000 t", "Unit : 100 mt"] {
            assert!(scan(unit, 0, unit.len()).is_empty(), "{unit}");
        }
        assert_eq!(scan("community: 10,000 mt", 0, 20).len(), 1);
        assert_eq!(one("up 3.5 pct"), (3.5, None, "%", "3.5 pct".into()));
    }

    #[test]
    fn money() {
        assert_eq!(one("index was $1.76/mt,"), (1.76, None, "USD/t", "$1.76/mt".into()));
        assert_eq!(
            one("as low as -$200/dmt."),
            (-200.0, None, "USD/dmt", "-$200/dmt".into())
        );
        assert_eq!(one("were 800 yuan/mt)"), (800.0, None, "CNY/t", "800 yuan/mt".into()));
        assert_eq!(
            one("approximately $241 million worth"),
            (241e6, None, "USD", "$241 million".into())
        );
        assert_eq!(
            one("reaching VND 623 billion,"),
            (623e9, None, "VND", "VND 623 billion".into())
        );
        assert_eq!(
            one("invested 120 billion yuan to"),
            (120e9, None, "CNY", "120 billion yuan".into())
        );
        assert_eq!(
            one("slipped to $-12.5/dmt,"),
            (-12.5, None, "USD/dmt", "$-12.5/dmt".into())
        );
        assert_eq!(
            one("were around 1.25 cents/lb"),
            (0.0125, None, "USD/lb", "1.25 cents/lb".into())
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(
            one("at 5,000-6,000 yuan/kg"),
            (5000.0, Some(6000.0), "CNY/kg", "5,000-6,000 yuan/kg".into())
        );
        assert_eq!(one("increase by 8%-10% MoM"), (8.0, Some(10.0), "%", "8%-10%".into()));
        assert_eq!(
            one("offers at -$80 to -$100/dmt"),
            (-80.0, Some(-100.0), "USD/dmt", "-$80 to -$100/dmt".into())
        );
        assert_eq!(one("dropped by 20-30%"), (20.0, Some(30.0), "%", "20-30%".into()));
        assert_eq!(one("to $58-66/mt on"), (58.0, Some(66.0), "USD/t", "$58-66/mt".into()));
        assert_eq!(one("of 5-6 million mt"), (5e6, Some(6e6), "t", "5-6 million mt".into()));
        assert_eq!(one("at 2.05 million t/d").0, 2050000.0);
        assert_eq!(one("of 1.2345 kt").0, 1234.5);
        assert_eq!(one("was $1.76/mt").0, 1.76);
        assert_eq!(
            one("between 3.58 and 3.62 million mt"),
            (3580000.0, Some(3620000.0), "t", "3.58 and 3.62 million mt".into())
        );
    }

    #[test]
    fn a_change_by_then_the_level_it_led_to_is_no_range() {
        let all = |s: &str| -> Vec<_> {
            scan(s, 0, s.len())
                .iter()
                .map(|q| (q.value, q.value_high, q.unit, s[q.start..q.end].to_string()))
                .collect()
        };
        // The change takes the unit of the level after it, a range or not.
        assert_eq!(
            all("rose by $0.30 to $18.20-18.90/lb."),
            [
                (0.3, None, "USD/lb", "$0.30".into()),
                (18.2, Some(18.9), "USD/lb", "$18.20-18.90/lb".into())
            ]
        );
        assert_eq!(
            all("fell by 1,500 to 38,000 t"),
            [
                (1500.0, None, "t", "1,500".into()),
                (38000.0, None, "t", "38,000 t".into())
            ]
        );
        assert_eq!(
            all("fees ranged from 220 to 340 yuan/mt"),
            [(220.0, Some(340.0), "CNY/t", "220 to 340 yuan/mt".into())]
        );
        assert_eq!(
            all("may grow by 2-10% in 2027"),
            [(2.0, Some(10.0), "%", "2-10%".into())]
        );
        assert_eq!(all("may grow by 5 to 25%"), [(5.0, Some(25.0), "%", "5 to 25%".into())]);
        // Ends near each other are a range still.
        assert_eq!(
            all("oversupplied by 8 to 10 million tonnes"),
            [(8e6, Some(1e7), "t", "8 to 10 million tonnes".into())]
        );
    }

    #[test]
    fn money_per_unit_in_words() {
        assert_eq!(
            one("was up at $9,712 a ton, while"),
            (9712.0, None, "USD/t", "$9,712 a ton".into())
        );
        let s = "climbed to 812.5 yuan ($113.6) a metric ton.";
        let q = scan(s, 0, s.len());
        assert_eq!(
            q.iter().map(|q| (q.value, q.unit)).collect::<Vec<_>>(),
            [(812.5, "CNY/t"), (113.6, "USD/t")]
        );
        assert_eq!(&s[q[0].start..q[0].end], "812.5 yuan");
        assert!(q[0].end <= q[1].start, "spans do not overlap");
    }

    #[test]
    fn units_in_brackets_scale_by_powers_of_ten() {
        assert_eq!(
            one("averaged 33.85 (10,000 yuan/mt), up"),
            (338500.0, None, "CNY/t", "33.85 (10,000 yuan/mt)".into())
        );
        assert_eq!(
            one("output of 12.5 (10,000 mt) in May"),
            (125000.0, None, "t", "12.5 (10,000 mt)".into())
        );
        assert_eq!(
            one("quoted at 49.5-50.0 (10,000 yuan/mt)."),
            (495000.0, Some(500000.0), "CNY/t", "49.5-50.0 (10,000 yuan/mt)".into())
        );
        // A bracket that is no power of ten, or holds a share, scales nothing.
        for s in ["Shandong 120 (30%) and", "about 120 (15 mt) and", "at 5 (10,000 (mt))"] {
            assert!(scan(s, 0, s.len()).iter().all(|q| q.value < 1e5), "{s}");
        }
    }

    #[test]
    fn from_a_to_b_is_two_levels() {
        let s = "fell from 1,818 tons to 807 tons.";
        let q = scan(s, 0, s.len());
        assert_eq!(q.iter().map(|q| q.value).collect::<Vec<_>>(), [1818.0, 807.0]);
    }

    #[test]
    fn numbers_without_units_are_not_quantities() {
        for s in [
            "January 2025 (31 days)",
            "Published: Jan 21, 2026 17:28",
            "13 enterprises",
            "reasons: 1. Some smelters",
            "Pb50 and 210RN grades, 300-series",
            "Service Hotline: 139 1787 2118",
            "the 5-series share",
            "CR3 and H1 and Q3",
        ] {
            assert!(scan(s, 0, s.len()).is_empty(), "{s}");
        }
    }

    #[test]
    fn hostile_literals_stay_bounded() {
        let s = format!("{} mt", "9".repeat(100_000));
        assert!(scan(&s, 0, s.len()).is_empty());
    }
}
