//! The grammar of period expressions, `periods::PERIOD_RE`, as a hand-written
//! matcher over the ASCII view of a text (`periods::ascii_view`).
//!
//! [`next_match`] gives exactly the regex's next match: the leftmost start, and
//! there the regex's leftmost-first choice, which a backtracking reading of the
//! pattern makes: the alternatives in their order, an optional part taken when
//! the rest can follow, a choice between spellings ("September", "Sept.",
//! "Sept", "Sep.", "Sep") in the pattern's order, and a trailing `\b` sending
//! it back to the next choice. Runs of white space are taken whole: in the
//! pattern nothing after a `\s+` or `\s*` starts with white space. The match
//! comes with what its groups say ([`Shape`]), so it needs no second pass.
//!
//! The regex is `(?i)` (ASCII case folding) except for month names and the
//! letters of "H1" and "Q3"; `\s` is ASCII white space with `\x0B`; `\b` an
//! ASCII word boundary; "–" (en dash) never occurs in the view.

/// What the groups of a match say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `range`: months 1..=12, years as written.
    Range {
        m1: u32,
        y1: Option<i32>,
        m2: u32,
        y2: Option<i32>,
    },
    /// `endof`: "at the end of June 2025".
    EndOf {
        m: u32,
        y: Option<i32>,
    },
    /// `day`: the value of the day's one or two digits (not checked).
    Day {
        m: u32,
        d: u32,
        y: Option<i32>,
    },
    /// `month`: the name's length, then a year or a year relative to the
    /// reference (-1 "last", 0 "this", 1 "next").
    Month {
        m: u32,
        len: usize,
        y: Option<i32>,
        rel: Option<i32>,
    },
    /// `half`: half or quarter `n` (`unit` months long).
    Half {
        n: u32,
        unit: u32,
        y: Option<i32>,
    },
    /// `ord`: "the first half", "third quarter of 2025".
    Ord {
        n: u32,
        half: bool,
        y: Option<i32>,
    },
    /// `firstn`: the number of months (not checked).
    FirstN {
        n: u32,
        y: Option<i32>,
    },
    YearToDate,
    /// `rel`: the index of the phrase in [`RELATIVE`](crate::periods::RELATIVE).
    Rel(usize),
    /// `year`: four digits.
    Year,
}

/// A match of the period grammar at `start..end` of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
}

/// The leftmost match in `h` (ASCII) that starts at or after `pos`.
///
/// Every match holds a *core*: a month name, or at a word start a year
/// ("2025"), a half or quarter ("H1", "3Q") or one of the words "half",
/// "quarter", "month", "year" (as a prefix, any case). What stands before a
/// match's first core is known from the pattern: nothing, or "from " or the
/// "as of the end of " of `endof` before a month name, at most two words before
/// "half" and "quarter" ("the first"), three before "month" ("the first 10",
/// "as of the month-end"), four before "year" ("the end of the"); [`core_at`]
/// tells how many words to look back, and only where the text allows a
/// match at all (a month name after "from", "of", "end-" or "month-end").
///
/// Why no match is missed: let `s` be the leftmost match start from `pos` and
/// `c` the first core of that match. No core lies in `s..c`, so the core before
/// `c` (if any) lies before `s`, and `s` lies in `c`'s window: after the
/// previous core and at most the known number of words before `c`. Windows of
/// cores are tried in order, each from its start, so every position before
/// `s` has failed when `s` is tried; and `s`, being a match start, matches.
pub fn next_match(h: &[u8], pos: usize) -> Option<Match> {
    let mut from = pos;
    loop {
        let (c, words) = next_core(h, from)?;
        let lo = if words == 0 { c } else { words_back(h, c, from, words) };
        for p in lo..c {
            let behind = usize::from(p > 0 && is_word(h[p - 1]));
            if START[h[p] as usize] >> behind & 1 != 0 {
                if let Some((end, shape)) = match_at(h, p) {
                    return Some(Match { start: p, end, shape });
                }
            }
        }
        if let Some((end, shape)) = match_at(h, c) {
            return Some(Match { start: c, end, shape });
        }
        from = c + 1;
    }
}

/// Bytes that can begin a match: bit 0 after a non-word byte (or at the text's
/// start), bit 1 after a word byte, where only the alternatives without a
/// leading `\b` can start: month names, "from" and the words of `endof`.
static START: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let l = c | 0x20;
        let inside = matches!(c, b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D')
            || matches!(l, b'f' | b'a' | b'b' | b't' | b'e' | b'm') && c.is_ascii_alphabetic();
        let outside = inside
            || matches!(c, b'H' | b'Q' | b'1'..=b'4')
            || matches!(l, b's' | b'y' | b'd' | b'n' | b'l') && c.is_ascii_alphabetic();
        t[b] = outside as u8 | (inside as u8) << 1;
        b += 1;
    }
    t
};

/// The match at `p`, if one starts there: its end and shape.
pub fn match_at(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let b = *h.get(p)?;
    let l = b | 0x20;
    let month = matches!(b, b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D');
    if month || l == b'f' {
        if let Some(m) = range(h, p) {
            return Some(m);
        }
    }
    if matches!(l, b'a' | b'b' | b't' | b'e' | b'm') {
        if let Some(m) = end_of(h, p) {
            return Some(m);
        }
    }
    if month {
        if let Some(m) = day(h, p).or_else(|| month_alone(h, p)) {
            return Some(m);
        }
    }
    // The rest open with `\b` before a word byte.
    if p > 0 && is_word(h[p - 1]) {
        return None;
    }
    if matches!(b, b'H' | b'Q' | b'1'..=b'4') {
        if let Some(m) = half(h, p) {
            return Some(m);
        }
    }
    if matches!(l, b't' | b'f' | b's') {
        if let Some(m) = ordinal_part(h, p).or_else(|| first_n(h, p)) {
            return Some(m);
        }
    }
    if matches!(l, b'y' | b's') {
        if let Some(m) = year_to_date(h, p) {
            return Some(m);
        }
    }
    if matches!(l, b't' | b'd' | b'n' | b'l' | b'y') {
        if let Some(m) = relative(h, p) {
            return Some(m);
        }
    }
    if matches!(b, b'1' | b'2') {
        let (_, e) = year(h, p)?;
        return boundary(h, e).then_some((e, Shape::Year));
    }
    None
}

// ---- the alternatives ----------------------------------------------------

/// `(?:from\s+)?M(?:\s+Y)?\s*(?:-|–|to|through|until)\s*M(?:\s+Y)?\b`
fn range(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let from = word(h, p, b"from").and_then(|e| spaces1(h, e));
    for r1 in [from, Some(p)].into_iter().flatten() {
        let Some(n1) = month(h, r1) else { continue };
        for &e1 in n1.ends() {
            for (y1, e) in with_year(h, e1).into_iter().flatten() {
                let Some(s) = separator(h, spaces(h, e)) else {
                    continue;
                };
                let r2 = spaces(h, s);
                let Some(n2) = month(h, r2) else { continue };
                for &e2 in n2.ends() {
                    for (y2, end) in with_year(h, e2).into_iter().flatten() {
                        if boundary(h, end) {
                            let (m1, m2) = (n1.m, n2.m);
                            return Some((end, Shape::Range { m1, y1, m2, y2 }));
                        }
                    }
                }
            }
        }
    }
    None
}

/// `-|–|to|through|until`: at most one fits at a place.
fn separator(h: &[u8], i: usize) -> Option<usize> {
    if at(h, i) == b'-' {
        return Some(i + 1);
    }
    word(h, i, b"to")
        .or_else(|| word(h, i, b"through"))
        .or_else(|| word(h, i, b"until"))
}

/// `(?:as\s+of\s+|by\s+|at\s+)?(?:the\s+)?(?:end\s+of|end-|month-end)\s*M(?:\s+Y)?\b`
fn end_of(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let then_space = |e: Option<usize>| e.and_then(|e| spaces1(h, e));
    let lead = then_space(then_space(word(h, p, b"as")).and_then(|e| word(h, e, b"of")))
        .or_else(|| then_space(word(h, p, b"by")))
        .or_else(|| then_space(word(h, p, b"at")));
    for k0 in [lead, Some(p)].into_iter().flatten() {
        let the = then_space(word(h, k0, b"the"));
        for k1 in [the, Some(k0)].into_iter().flatten() {
            let k2 = match word(h, k1, b"end") {
                // "end\s+of", else "end-".
                Some(e) => match then_space(Some(e)).and_then(|s| word(h, s, b"of")) {
                    Some(o) => o,
                    None if at(h, e) == b'-' => e + 1,
                    None => continue,
                },
                None => match word(h, k1, b"month-end") {
                    Some(e) => e,
                    None => continue,
                },
            };
            let Some(n) = month(h, spaces(h, k2)) else {
                continue;
            };
            for &e in n.ends() {
                for (y, end) in with_year(h, e).into_iter().flatten() {
                    if boundary(h, end) {
                        return Some((end, Shape::EndOf { m: n.m, y }));
                    }
                }
            }
        }
    }
    None
}

/// `M\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+Y)?\b`
fn day(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let n = month(h, p)?;
    for &e1 in n.ends() {
        let Some(k) = spaces1(h, e1) else { continue };
        let (a, b) = (at(h, k), at(h, k + 1));
        let digit = |c: u8| u32::from(c - b'0');
        let two = (b'0'..=b'3').contains(&a) && b.is_ascii_digit();
        let days = [
            two.then(|| (k + 2, digit(a) * 10 + digit(b))),
            a.is_ascii_digit().then(|| (k + 1, digit(a))),
        ];
        for (de, d) in days.into_iter().flatten() {
            let suffix = [b"st", b"nd", b"rd", b"th"].iter().find_map(|s| word(h, de, *s));
            for e in [suffix, Some(de)].into_iter().flatten() {
                // `,?` takes the comma when there is one: without it `\s+` cannot start there.
                let y = spaced_year(h, e + usize::from(at(h, e) == b','));
                for (y, end) in [y.map(|(y, end)| (Some(y), end)), Some((None, e))]
                    .into_iter()
                    .flatten()
                {
                    if boundary(h, end) {
                        return Some((end, Shape::Day { m: n.m, d, y }));
                    }
                }
            }
        }
    }
    None
}

/// `M(?:\s+Y|\s+(?:of\s+)?(?:last|this|next)\s+year)?\b`
fn month_alone(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let n = month(h, p)?;
    for &e1 in n.ends() {
        let shape = |y, rel| Shape::Month {
            m: n.m,
            len: e1 - p,
            y,
            rel,
        };
        if let Some(k) = spaces1(h, e1) {
            if let Some((y, end)) = year(h, k) {
                if boundary(h, end) {
                    return Some((end, shape(Some(y), None)));
                }
            }
            let of = word(h, k, b"of").and_then(|e| spaces1(h, e));
            for r in [of, Some(k)].into_iter().flatten() {
                let Some((dy, re)) = [(b"last", -1), (b"this", 0), (b"next", 1)]
                    .iter()
                    .find_map(|&(w, dy)| word(h, r, w).map(|e| (dy, e)))
                else {
                    continue;
                };
                if let Some(end) = spaces1(h, re).and_then(|s| word(h, s, b"year")) {
                    if boundary(h, end) {
                        return Some((end, shape(None, Some(dy))));
                    }
                }
            }
        }
        if boundary(h, e1) {
            return Some((e1, shape(None, None)));
        }
    }
    None
}

/// `\b(?-i:H[12]|[12]H|Q[1-4]|[1-4]Q)(?:\s+Y)?\b` (the leading `\b` checked by the caller).
fn half(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let (a, b) = (at(h, p), at(h, p + 1));
    let (n, unit) = match (a, b) {
        (b'H', b'1'..=b'2') => (b, 6),
        (b'1'..=b'2', b'H') => (a, 6),
        (b'Q', b'1'..=b'4') => (b, 3),
        (b'1'..=b'4', b'Q') => (a, 3),
        _ => return None,
    };
    let n = u32::from(n - b'0');
    with_year(h, p + 2)
        .into_iter()
        .flatten()
        .find(|&(_, end)| boundary(h, end))
        .map(|(y, end)| (end, Shape::Half { n, unit, y }))
}

/// `\b(?:the\s+)?(?:first|second|third|fourth)\s+(?:half|quarter)(?:\s+of\s+(?:the\s+year\s+)?Y)?\b`
fn ordinal_part(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    for k in [the(h, p), Some(p)].into_iter().flatten() {
        let Some((n, oe)) = [&b"first"[..], b"second", b"third", b"fourth"]
            .iter()
            .enumerate()
            .find_map(|(i, w)| word(h, k, w).map(|e| (i as u32 + 1, e)))
        else {
            continue;
        };
        let Some(u) = spaces1(h, oe) else { continue };
        let (half, ue) = match word(h, u, b"half") {
            Some(e) => (true, e),
            None => match word(h, u, b"quarter") {
                Some(e) => (false, e),
                None => continue,
            },
        };
        if let Some((y, end)) = of_year(h, ue).into_iter().flatten().find(|&(_, end)| boundary(h, end)) {
            return Some((end, Shape::Ord { n, half, y }));
        }
    }
    None
}

/// `\b(?:the\s+)?first\s+(?:\d{1,2}|two|...|eleven)\s+months(?:\s+of\s+(?:the\s+year\s+)?Y)?\b`
fn first_n(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    const WORDS: [&[u8]; 10] = [
        b"two", b"three", b"four", b"five", b"six", b"seven", b"eight", b"nine", b"ten", b"eleven",
    ];
    for k in [the(h, p), Some(p)].into_iter().flatten() {
        let Some(f) = word(h, k, b"first").and_then(|e| spaces1(h, e)) else {
            continue;
        };
        let (a, b) = (at(h, f), at(h, f + 1));
        let digit = |c: u8| u32::from(c - b'0');
        let counts = [
            (a.is_ascii_digit() && b.is_ascii_digit()).then(|| (digit(a) * 10 + digit(b), f + 2)),
            a.is_ascii_digit().then(|| (digit(a), f + 1)),
            WORDS
                .iter()
                .enumerate()
                .find_map(|(i, w)| word(h, f, w).map(|e| (i as u32 + 2, e))),
        ];
        for (n, ne) in counts.into_iter().flatten() {
            let Some(me) = spaces1(h, ne).and_then(|s| word(h, s, b"months")) else {
                continue;
            };
            if let Some((y, end)) = of_year(h, me).into_iter().flatten().find(|&(_, end)| boundary(h, end)) {
                return Some((end, Shape::FirstN { n, y }));
            }
        }
    }
    None
}

/// `\byear[\s-]to[\s-]date\b|\bso\s+far\s+this\s+year\b`
fn year_to_date(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let joint = |i: usize| is_space(at(h, i)) || at(h, i) == b'-';
    let e = p + 12;
    if word(h, p, b"year").is_some()
        && joint(p + 4)
        && word(h, p + 5, b"to").is_some()
        && joint(p + 7)
        && word(h, p + 8, b"date").is_some()
        && boundary(h, e)
    {
        return Some((e, Shape::YearToDate));
    }
    phrase(h, p, &["so", "far", "this", "year"])
        .filter(|&e| boundary(h, e))
        .map(|e| (e, Shape::YearToDate))
}

/// `\b(?:this\s+month|the\s+current\s+month|...|the\s+end\s+of\s+the\s+year)\b`
fn relative(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    crate::periods::RELATIVE.iter().enumerate().find_map(|(i, (words, _))| {
        phrase(h, p, words)
            .filter(|&e| boundary(h, e))
            .map(|e| (e, Shape::Rel(i)))
    })
}

// ---- pieces --------------------------------------------------------------

/// The spellings of one month at a place: where each ends, in the order `MONTH` tries them.
struct Names {
    m: u32,
    ends: [usize; 3],
    n: usize,
}

impl Names {
    fn ends(&self) -> &[usize] {
        &self.ends[..self.n]
    }
}

/// The letters after the first three of each month's long name.
const LONG: [&[u8]; 12] = [
    b"uary", b"ruary", b"ch", b"il", b"", b"e", b"y", b"ust", b"tember", b"ober", b"ember", b"ember",
];

/// The month (1..=12) whose name's first three letters, as written, are at `i`.
fn month_index(h: &[u8], i: usize) -> Option<u32> {
    let w = h.get(i..i + 3)?;
    Some(match (w[0], w[1], w[2]) {
        (b'J', b'a', b'n') => 1,
        (b'F', b'e', b'b') => 2,
        (b'M', b'a', b'r') => 3,
        (b'A', b'p', b'r') => 4,
        (b'M', b'a', b'y') => 5,
        (b'J', b'u', b'n') => 6,
        (b'J', b'u', b'l') => 7,
        (b'A', b'u', b'g') => 8,
        (b'S', b'e', b'p') => 9,
        (b'O', b'c', b't') => 10,
        (b'N', b'o', b'v') => 11,
        (b'D', b'e', b'c') => 12,
        _ => return None,
    })
}

/// `MONTH` at `i`: `Jan(?:uary|\.)?`, ..., `May`, ..., `Sep(?:tember|t\.?|\.)?`, ...
/// (case as written). At most three spellings fit at one place.
fn month(h: &[u8], i: usize) -> Option<Names> {
    let m = month_index(h, i)?;
    let mut names = Names { m, ends: [0; 3], n: 0 };
    let mut push = |e: usize| {
        names.ends[names.n] = e;
        names.n += 1;
    };
    let base = i + 3;
    let long = LONG[m as usize - 1];
    if !long.is_empty() && h[base..].starts_with(long) {
        push(base + long.len());
    }
    if m == 9 && at(h, base) == b't' {
        if at(h, base + 1) == b'.' {
            push(base + 2);
        }
        push(base + 1);
    }
    if m != 5 && at(h, base) == b'.' {
        push(base + 1);
    }
    push(base);
    Some(names)
}

/// `(?:19|20)\d\d` at `i`: the year and its end.
fn year(h: &[u8], i: usize) -> Option<(i32, usize)> {
    let d = h.get(i..i + 4)?;
    let century = match (d[0], d[1]) {
        (b'1', b'9') => 1900,
        (b'2', b'0') => 2000,
        _ => return None,
    };
    (d[2].is_ascii_digit() && d[3].is_ascii_digit())
        .then(|| (century + i32::from(d[2] - b'0') * 10 + i32::from(d[3] - b'0'), i + 4))
}

/// `\s+Y` at `i`.
fn spaced_year(h: &[u8], i: usize) -> Option<(i32, usize)> {
    year(h, spaces1(h, i)?)
}

/// `(?:\s+Y)?` after `i`: the choices in the order tried (with the year, without).
fn with_year(h: &[u8], i: usize) -> [Option<(Option<i32>, usize)>; 2] {
    [spaced_year(h, i).map(|(y, e)| (Some(y), e)), Some((None, i))]
}

/// `(?:\s+of\s+(?:the\s+year\s+)?Y)?` after `i`: the choices in the order tried.
fn of_year(h: &[u8], i: usize) -> [Option<(Option<i32>, usize)>; 3] {
    let of = spaces1(h, i)
        .and_then(|s| word(h, s, b"of"))
        .and_then(|e| spaces1(h, e));
    let the_year = of
        .and_then(|k| the(h, k))
        .and_then(|k| word(h, k, b"year"))
        .and_then(|e| spaced_year(h, e));
    [
        the_year.map(|(y, e)| (Some(y), e)),
        of.and_then(|k| year(h, k)).map(|(y, e)| (Some(y), e)),
        Some((None, i)),
    ]
}

/// `the\s+` at `i`: its end.
fn the(h: &[u8], i: usize) -> Option<usize> {
    spaces1(h, word(h, i, b"the")?)
}

/// Words (ASCII, lowercase) at `i` one after another, apart by white space: the end.
fn phrase(h: &[u8], i: usize, words: &[&str]) -> Option<usize> {
    let mut e = word(h, i, words[0].as_bytes())?;
    for w in &words[1..] {
        e = word(h, spaces1(h, e)?, w.as_bytes())?;
    }
    Some(e)
}

/// `w` (lowercase) at `i`, ASCII case-insensitively: its end.
#[inline]
fn word(h: &[u8], i: usize, w: &[u8]) -> Option<usize> {
    let e = i + w.len();
    (e <= h.len() && h[i..e].eq_ignore_ascii_case(w)).then_some(e)
}

/// The byte at `i`, NUL past the end (which, like the end, is no word byte, no
/// white space and in no literal).
#[inline]
fn at(h: &[u8], i: usize) -> u8 {
    h.get(i).copied().unwrap_or(0)
}

/// `\s`: ASCII white space, vertical tab included (unlike `u8::is_ascii_whitespace`).
#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

#[inline]
fn is_word(b: u8) -> bool {
    crate::phrases::is_word_byte(b)
}

/// The end of the white space from `i` (`\s*`).
#[inline]
fn spaces(h: &[u8], mut i: usize) -> usize {
    while is_space(at(h, i)) {
        i += 1;
    }
    i
}

/// `\s+` at `i`: its end.
#[inline]
fn spaces1(h: &[u8], i: usize) -> Option<usize> {
    let e = spaces(h, i);
    (e > i).then_some(e)
}

/// `\b` at `i`.
#[inline]
fn boundary(h: &[u8], i: usize) -> bool {
    (i > 0 && is_word(h[i - 1])) != is_word(at(h, i))
}

// ---- cores ---------------------------------------------------------------

/// The first core at or after `from` (see [`next_match`]) and how many words
/// before it a match holding it first can start. Candidates are found sixteen
/// bytes at a time: capital letters, and after a byte that is no lowercase
/// letter or digit, 'h', 'q', 'm', 'y' and '1' to '4'.
fn next_core(h: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        if i == 0 && !h.is_empty() {
            if let Some(words) = core_at(h, 0) {
                return Some((0, words));
            }
            i = 1;
        }
        // SSE2 is part of x86_64; every load stays inside `h` (the block at `i - 1` needs `i >= 1`).
        while i + 16 <= h.len() {
            let mut m = unsafe {
                let x = _mm_loadu_si128(h.as_ptr().add(i).cast());
                let before = _mm_loadu_si128(h.as_ptr().add(i - 1).cast());
                let set1 = |c: u8| _mm_set1_epi8(c as i8);
                let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, set1(c));
                // `lo..lo + n` for ASCII bytes: shifted to the bottom of the signed range.
                let within = |v: __m128i, lo: u8, n: u8| {
                    _mm_cmplt_epi8(
                        _mm_add_epi8(v, set1(0x80u8.wrapping_sub(lo))),
                        set1(0x80u8.wrapping_add(n)),
                    )
                };
                let caps = within(x, b'A', 26);
                let inside = _mm_or_si128(within(before, b'a', 26), within(before, b'0', 10));
                let firsts = _mm_or_si128(
                    _mm_or_si128(
                        _mm_or_si128(eq(x, b'h'), eq(x, b'q')),
                        _mm_or_si128(eq(x, b'm'), eq(x, b'y')),
                    ),
                    within(x, b'1', 4),
                );
                _mm_movemask_epi8(_mm_or_si128(caps, _mm_andnot_si128(inside, firsts))) as u32
            };
            while m != 0 {
                let k = i + m.trailing_zeros() as usize;
                if let Some(words) = core_at(h, k) {
                    return Some((k, words));
                }
                m &= m - 1;
            }
            i += 16;
        }
    }
    (i..h.len()).find_map(|k| core_at(h, k).map(|words| (k, words)))
}

/// A core at `i`, and how many words before it a match holding it first can start.
fn core_at(h: &[u8], i: usize) -> Option<usize> {
    let a = h[i];
    if a.is_ascii_uppercase() && month_index(h, i).is_some() {
        return Some(month_reach(h, i));
    }
    if i > 0 && is_word(h[i - 1]) {
        return None;
    }
    let b = at(h, i + 1);
    match a {
        b'1' | b'2' if year(h, i).is_some() => Some(0),
        b'1'..=b'4' if b == b'Q' || (b == b'H' && a <= b'2') => Some(0),
        b'H' if matches!(b, b'1'..=b'2') => Some(0),
        b'Q' if matches!(b, b'1'..=b'4') => Some(0),
        _ => match a | 0x20 {
            b'h' if word(h, i, b"half").is_some() => Some(2),
            b'q' if word(h, i, b"quarter").is_some() => Some(2),
            b'm' if word(h, i, b"month").is_some() => Some(3),
            b'y' if word(h, i, b"year").is_some() => Some(4),
            _ => None,
        },
    }
}

/// How many words before the month name at `c` a match holding it first can
/// start: none, unless "from" (`range`) or the "end of", "end-" or
/// "month-end" of `endof` stand before it; then up to five ("as of the end of").
fn month_reach(h: &[u8], c: usize) -> usize {
    let mut q = c;
    while q > 0 && is_space(h[q - 1]) {
        q -= 1;
    }
    let t = &h[..q];
    let ends = |w: &[u8]| crate::bytes::ends_with_ignore_case(t, w);
    if (q < c && ends(b"from")) || ends(b"of") || ends(b"end-") || ends(b"month-end") {
        5
    } else {
        0
    }
}

/// The start of the `n`th word before `i` (words of letters, digits and
/// hyphens, white space between them), not before `lo`.
fn words_back(h: &[u8], i: usize, lo: usize, n: usize) -> usize {
    let mut p = i;
    for _ in 0..n {
        while p > lo && is_space(h[p - 1]) {
            p -= 1;
        }
        while p > lo && (is_word(h[p - 1]) || h[p - 1] == b'-') {
            p -= 1;
        }
    }
    p
}
