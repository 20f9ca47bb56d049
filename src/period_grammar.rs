//! The grammar of period expressions, `periods::PERIOD_RE`, as a hand-written
//! matcher over the ASCII view of a text (`periods::ascii_view`).
//!
//! [`Matcher`] gives exactly the regex's next match: the leftmost start, and
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

// `\s` of the pattern: ASCII white space, vertical tab included.
use crate::bytes::ascii_space;

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

/// The matches of the period grammar in a text's view, one after another.
///
/// Every match holds a *core*: a month name, or at a word start a year
/// ("2025"), a half or quarter ("H1", "3Q") or one of the words "half",
/// "quarter", "month", "year" (as a prefix, any case); and only where what
/// follows it lets some alternative go on ([`core_at`]). What stands before a
/// match's first core is known from the pattern: nothing before a year or a
/// half; "from " or the "as of the end of " of `endof` before a month name; at
/// most two words before "half" and "quarter" ("the first"), three before
/// "month" ("the first 10", "as of the month-end"), four before "year" ("the
/// end of the"), each opening with one of a few letters ([`WINDOW`]).
///
/// Why no match is missed: let `s` be the leftmost match start from `pos` and
/// `c` the first core in that match. No core lies in `s..c` (the words before
/// a first core hold none), so the core before `c` (if any) lies before `s`,
/// and `s` lies in `c`'s window: after the previous core and at most the known
/// number of words before `c`. Windows of cores are tried in order, each from
/// its start, so every place before `s` has failed when `s` is tried; and `s`,
/// being a match start, matches.
pub struct Matcher<'h> {
    h: &'h [u8],
    cores: Cores<'h>,
}

impl<'h> Matcher<'h> {
    /// The matcher of `h`, ASCII (the view of a text).
    pub fn new(h: &'h [u8]) -> Self {
        Matcher {
            h,
            cores: Cores::new(h),
        }
    }

    /// The leftmost match that starts at or after `pos` (not before the end of
    /// the previous one, if any).
    pub fn next_match(&mut self, pos: usize) -> Option<Match> {
        let h = self.h;
        self.cores.seek(pos);
        let mut from = pos;
        while let Some((c, core)) = self.cores.next() {
            let (lo, kind) = match &core {
                Core::Month(_, Before::From(s)) => (*s, FROM),
                Core::Month(_, Before::EndOf) => (words_back(h, c, from, 5), END_OF),
                Core::Word(kind, words) => (words_back(h, c, from, *words), *kind),
                _ => (c, 0),
            };
            for p in lo.max(from)..c {
                let inside = usize::from(p > 0 && is_word(h[p - 1]));
                if WINDOW[h[p] as usize] >> (kind + inside) & 1 != 0 {
                    if let Some((end, shape)) = match_before(h, p, kind) {
                        return Some(Match { start: p, end, shape });
                    }
                }
            }
            // At the core itself, only the alternatives that can start with it.
            let found = match &core {
                Core::Month(names, _) => {
                    let a = names.after(h, c);
                    range_rest(h, names.m, &a)
                        .or_else(|| day_rest(h, names.m, &a))
                        .or_else(|| month_rest(h, c, names.m, &a))
                }
                Core::Year => Some((c + 4, Shape::Year)),
                Core::Half => half(h, c),
                // "month-end"; "year-to-date", "year-end".
                Core::Word(HALF_QUARTER, _) => None,
                Core::Word(MONTH_WORD, _) => end_of(h, c),
                Core::Word(..) => year_to_date(h, c).or_else(|| relative(h, c)),
            };
            if let Some((end, shape)) = found {
                return Some(Match { start: c, end, shape });
            }
            from = c + 1;
        }
        None
    }
}

/// The letters that can open a match before a core of each kind, as bits of
/// [`WINDOW`] (at a word start, then inside a word, where only "from" and the
/// words of `endof` can start, having no `\b` before them).
const FROM: usize = 0;
const END_OF: usize = 2;
const HALF_QUARTER: usize = 4;
const MONTH_WORD: usize = 6;
const YEAR_WORD: usize = 8;

static WINDOW: [u16; 256] = {
    // Per kind: the letters at a word start, and inside a word.
    const OPEN: [(&[u8], &[u8]); 5] = [
        (b"f", b"f"),
        (b"abtem", b"abtem"),
        (b"tfs", b""),
        (b"tfnldab", b"abt"),
        (b"stnl", b""),
    ];
    let mut t = [0u16; 256];
    let mut k = 0;
    while k < OPEN.len() {
        let mut bit = 0;
        while bit < 2 {
            let letters = if bit == 0 { OPEN[k].0 } else { OPEN[k].1 };
            let mut i = 0;
            while i < letters.len() {
                t[letters[i] as usize] |= 1 << (2 * k + bit);
                t[letters[i].to_ascii_uppercase() as usize] |= 1 << (2 * k + bit);
                i += 1;
            }
            bit += 1;
        }
        k += 1;
    }
    t
};

/// The match at `p`, before a core of `kind` (in [`WINDOW`]) that it would
/// hold first: only the alternatives that can.
fn match_before(h: &[u8], p: usize, kind: usize) -> Option<(usize, Shape)> {
    // Where `\b` opens an alternative, before a letter.
    let open = p == 0 || !is_word(h[p - 1]);
    match kind {
        FROM => range(h, p),
        END_OF => end_of(h, p),
        HALF_QUARTER if open => ordinal_part(h, p),
        MONTH_WORD => end_of(h, p).or_else(|| {
            if open {
                first_n(h, p).or_else(|| relative(h, p))
            } else {
                None
            }
        }),
        YEAR_WORD if open => year_to_date(h, p).or_else(|| relative(h, p)),
        _ => None,
    }
}

// ---- the alternatives ----------------------------------------------------

/// `(?:from\s+)?M(?:\s+Y)?\s*(?:-|–|to|through|until)\s*M(?:\s+Y)?\b`
fn range(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    let from = word(h, p, b"from").and_then(|e| spaces1(h, e));
    if let Some((r1, n)) = from.and_then(|r1| Some((r1, month(h, r1)?))) {
        if let Some(m) = range_rest(h, n.m, &n.after(h, r1)) {
            return Some(m);
        }
    }
    let n = month(h, p)?;
    range_rest(h, n.m, &n.after(h, p))
}

/// `range` from its first month's spellings on.
fn range_rest(h: &[u8], m1: u32, after: &[After]) -> Option<(usize, Shape)> {
    for a in after {
        // With a year (`\s+Y\s*`), then without (`\s*`): the separator must follow.
        if let Some((y, ye)) = a.y {
            if let Some(m) = range_end(h, m1, Some(y), spaces(h, ye)) {
                return Some(m);
            }
        }
        if let Some(m) = range_end(h, m1, None, a.sp) {
            return Some(m);
        }
    }
    None
}

/// `range` from its separator at `k` on: `(?:-|–|to|through|until)\s*M(?:\s+Y)?\b`.
#[inline]
fn range_end(h: &[u8], m1: u32, y1: Option<i32>, k: usize) -> Option<(usize, Shape)> {
    let s = separator(h, k)?;
    let r2 = spaces(h, s);
    let n2 = month(h, r2)?;
    let (end, y2) = n2.after(h, r2).iter().find_map(|a| a.with_year(h))?;
    Some((end, Shape::Range { m1, y1, m2: n2.m, y2 }))
}

/// `-|–|to|through|until`: at most one fits at a place.
#[inline]
fn separator(h: &[u8], i: usize) -> Option<usize> {
    match at(h, i) {
        b'-' => Some(i + 1),
        b't' | b'T' => word(h, i, b"to").or_else(|| word(h, i, b"through")),
        b'u' | b'U' => word(h, i, b"until"),
        _ => None,
    }
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
            let em = spaces(h, k2);
            let Some(n) = month(h, em) else {
                continue;
            };
            if let Some((end, y)) = n.after(h, em).iter().find_map(|a| a.with_year(h)) {
                return Some((end, Shape::EndOf { m: n.m, y }));
            }
        }
    }
    None
}

/// `M\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+Y)?\b`, from the month's spellings on.
fn day_rest(h: &[u8], m: u32, after: &[After]) -> Option<(usize, Shape)> {
    for a in after {
        let k = a.sp;
        let (d1, d2) = (at(h, k), at(h, k + 1));
        if k == a.e || !d1.is_ascii_digit() {
            continue;
        }
        let digit = |c: u8| u32::from(c - b'0');
        // `[0-3]?\d`: two digits, then one.
        if d1 <= b'3' && d2.is_ascii_digit() {
            if let Some(m) = day_end(h, m, digit(d1) * 10 + digit(d2), k + 2) {
                return Some(m);
            }
        }
        if let Some(m) = day_end(h, m, digit(d1), k + 1) {
            return Some(m);
        }
    }
    None
}

/// `day` after its digits, which end at `de`: `(?:st|nd|rd|th)?(?:,?\s+Y)?\b`.
#[inline]
fn day_end(h: &[u8], m: u32, d: u32, de: usize) -> Option<(usize, Shape)> {
    let next = at(h, de);
    // After a digit, a word byte can only open the suffix.
    if is_word(next) && !matches!(next | 0x20, b's' | b'n' | b'r' | b't') {
        return None;
    }
    let suffix = match next | 0x20 {
        b's' => word(h, de, b"st"),
        b'n' => word(h, de, b"nd"),
        b'r' => word(h, de, b"rd"),
        b't' => word(h, de, b"th"),
        _ => None,
    };
    for e in [suffix, Some(de)].into_iter().flatten() {
        // `,?` takes the comma when there is one: without it `\s+` cannot start there.
        if let Some((y, end)) = spaced_year(h, e + usize::from(at(h, e) == b',')) {
            if boundary(h, end) {
                return Some((end, Shape::Day { m, d, y: Some(y) }));
            }
        }
        if boundary(h, e) {
            return Some((e, Shape::Day { m, d, y: None }));
        }
    }
    None
}

/// `M(?:\s+Y|\s+(?:of\s+)?(?:last|this|next)\s+year)?\b`, from the
/// spellings of the month at `p` on; before that `M(?:\s+Y)?\s+quarter\b` for the
/// months that end a quarter.
fn month_rest(h: &[u8], p: usize, m: u32, after: &[After]) -> Option<(usize, Shape)> {
    for a in after {
        // "the September quarter", "the June 2026 quarter": the quarter that ends in the month.
        if m % 3 == 0 {
            let from = a.y.map_or(a.e, |(_, e)| e);
            if let Some(end) = spaces1(h, from).and_then(|k| word(h, k, b"quarter")) {
                if boundary(h, end) {
                    let y = a.y.map(|(y, _)| y);
                    return Some((end, Shape::Half { n: m / 3, unit: 3, y }));
                }
            }
        }
        let shape = |y, rel| Shape::Month {
            m,
            len: a.e - p,
            y,
            rel,
        };
        if let Some((y, end)) = a.y {
            if boundary(h, end) {
                return Some((end, shape(Some(y), None)));
            }
        }
        if a.sp > a.e {
            let k = a.sp;
            let of = word(h, k, b"of").and_then(|e| spaces1(h, e));
            for r in [of, Some(k)].into_iter().flatten() {
                let rel = match at(h, r) | 0x20 {
                    b'l' => word(h, r, b"last").map(|e| (-1, e)),
                    b't' => word(h, r, b"this").map(|e| (0, e)),
                    b'n' => word(h, r, b"next").map(|e| (1, e)),
                    _ => None,
                };
                let Some((dy, re)) = rel else { continue };
                if let Some(end) = spaces1(h, re).and_then(|s| word(h, s, b"year")) {
                    if boundary(h, end) {
                        return Some((end, shape(None, Some(dy))));
                    }
                }
            }
        }
        if boundary(h, a.e) {
            return Some((a.e, shape(None, None)));
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
    let joint = |i: usize| ascii_space(at(h, i)) || at(h, i) == b'-';
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
/// (the leading `\b` checked by the caller).
fn relative(h: &[u8], p: usize) -> Option<(usize, Shape)> {
    // The phrases of `RELATIVE` that open with the first word here, in their
    // order (phrases of other first words cannot fit): that word read once.
    let (e, phrases): (usize, &[usize]) = match at(h, p) | 0x20 {
        b't' => match word(h, p, b"this") {
            Some(e) => (e, &[0, 7]),
            None => (word(h, p, b"the")?, &[1, 4, 6, 11]),
        },
        b'd' => (word(h, p, b"during")?, &[2]),
        b'n' => (word(h, p, b"next")?, &[3, 8]),
        b'l' => (word(h, p, b"last")?, &[5, 9]),
        b'y' => (word(h, p, b"year-end")?, &[10]),
        _ => return None,
    };
    phrases.iter().find_map(|&i| {
        let rest = &crate::periods::RELATIVE[i].0[1..];
        rest.iter()
            .try_fold(e, |e, w| word(h, spaces1(h, e)?, w.as_bytes()))
            .filter(|&e| boundary(h, e))
            .map(|e| (e, Shape::Rel(i)))
    })
}

// ---- pieces --------------------------------------------------------------

/// The spellings of one month at a place, in the order `MONTH` tries them:
/// their lengths.
#[derive(Clone, Copy)]
struct Names {
    m: u32,
    lens: [u8; 3],
    n: u8,
}

impl Names {
    /// Where the spellings that start at `at` end.
    fn ends(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        self.lens[..self.n as usize].iter().map(move |&l| at + l as usize)
    }

    /// What follows each spelling that starts at `at`.
    fn after(&self, h: &[u8], at: usize) -> Afters {
        let mut t = Afters([After::default(); 3], 0);
        for e in self.ends(at) {
            let sp = spaces(h, e);
            let y = if sp > e { year(h, sp) } else { None };
            t.0[t.1] = After { e, sp, y };
            t.1 += 1;
        }
        t
    }
}

/// [`After`] each spelling of a month.
struct Afters([After; 3], usize);

impl std::ops::Deref for Afters {
    type Target = [After];
    fn deref(&self) -> &[After] {
        &self.0[..self.1]
    }
}

/// Where a spelling ends, the white space after it ends, and the year after
/// that white space if one is there: what every alternative looks at next.
#[derive(Clone, Copy, Default)]
struct After {
    e: usize,
    sp: usize,
    y: Option<(i32, usize)>,
}

impl After {
    /// `(?:\s+Y)?\b` after the spelling: the end and the year, if any.
    #[inline]
    fn with_year(&self, h: &[u8]) -> Option<(usize, Option<i32>)> {
        match self.y {
            Some((y, end)) if boundary(h, end) => Some((end, Some(y))),
            _ => boundary(h, self.e).then_some((self.e, None)),
        }
    }
}

/// The letters after the first three of each month's long name.
const LONG: [&[u8]; 12] = [
    b"uary", b"ruary", b"ch", b"il", b"", b"e", b"y", b"ust", b"tember", b"ober", b"ember", b"ember",
];

/// The month (1..=12) whose name's first three letters, as written, are at `i`.
#[inline]
fn month_index(h: &[u8], i: usize) -> Option<u32> {
    let w = h.get(i..i + 3)?;
    let key = u32::from(w[0]) | u32::from(w[1]) << 8 | u32::from(w[2]) << 16;
    let (name, m) = MONTH_SLOTS[month_slot(key)];
    (name == key).then_some(m)
}

/// A multiplier that sends the twelve names' first three letters to sixteen slots apart.
const fn month_slot(key: u32) -> usize {
    (key.wrapping_mul(26596) >> 28) as usize
}

/// The first three letters of each month (as in [`month_index`]) at its slot, and its number.
const MONTH_SLOTS: [(u32, u32); 16] = {
    const NAMES: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
    ];
    let mut t = [(0, 0); 16];
    let mut m = 0;
    while m < 12 {
        let w = NAMES[m];
        let key = w[0] as u32 | (w[1] as u32) << 8 | (w[2] as u32) << 16;
        assert!(t[month_slot(key)].0 == 0, "months in slots apart");
        t[month_slot(key)] = (key, m as u32 + 1);
        m += 1;
    }
    t
};

/// `MONTH` at `i`: `Jan(?:uary|\.)?`, ..., `May`, ..., `Sep(?:tember|t\.?|\.)?`, ...
/// (case as written). At most three spellings fit at one place.
fn month(h: &[u8], i: usize) -> Option<Names> {
    Some(spellings(h, i, month_index(h, i)?))
}

/// The long names' letters after the first three as words: each month's
/// letters (little-endian) and the mask of their bytes.
const LONG_WORDS: [(u64, u64); 12] = {
    let mut t = [(0, 0); 12];
    let mut m = 0;
    while m < 12 {
        let mut k = 0;
        while k < LONG[m].len() {
            t[m].0 |= (LONG[m][k] as u64) << (8 * k);
            t[m].1 |= 0xFF << (8 * k);
            k += 1;
        }
        m += 1;
    }
    t
};

/// The spellings of month `m` whose first three letters are at `i`.
#[inline]
fn spellings(h: &[u8], i: usize, m: u32) -> Names {
    let mut names = Names { m, lens: [0; 3], n: 0 };
    let mut push = |e: usize| {
        names.lens[names.n as usize] = (e - i) as u8;
        names.n += 1;
    };
    let base = i + 3;
    let long = LONG[m as usize - 1];
    // The long name's rest, in one look at eight bytes where there are eight.
    let (letters, mask) = LONG_WORDS[m as usize - 1];
    let is_long = match h.get(base..base + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("eight bytes")) & mask == letters,
        None => h.get(base..base + long.len()).is_some_and(|w| w == long),
    };
    if !long.is_empty() && is_long {
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
    names
}

/// `(?:19|20)\d\d` at `i`: the year and its end.
pub(crate) fn year(h: &[u8], i: usize) -> Option<(i32, usize)> {
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

/// `w` (lowercase) at `i`, ASCII case-insensitively: its end. A byte at a
/// time, as most tries fail at the first byte.
#[inline]
fn word(h: &[u8], i: usize, w: &[u8]) -> Option<usize> {
    let t = h.get(i..)?.get(..w.len())?;
    t.iter()
        .zip(w)
        .all(|(a, b)| a.to_ascii_lowercase() == *b)
        .then_some(i + w.len())
}

/// The four bytes from `i` (NUL past the end) as a little-endian number.
#[inline]
fn four(h: &[u8], i: usize) -> u32 {
    match h.get(i..i + 4) {
        Some(w) => u32::from_le_bytes([w[0], w[1], w[2], w[3]]),
        None => (0..4).fold(0, |n, k| n | u32::from(at(h, i + k)) << (8 * k)),
    }
}

/// The byte at `i`, NUL past the end (which, like the end, is no word byte, no
/// white space and in no literal).
#[inline]
fn at(h: &[u8], i: usize) -> u8 {
    h.get(i).copied().unwrap_or(0)
}

/// `\w` in ASCII.
#[inline]
fn is_word(b: u8) -> bool {
    crate::phrases::word_byte(b)
}

/// The end of the white space from `i` (`\s*`).
#[inline]
fn spaces(h: &[u8], mut i: usize) -> usize {
    while ascii_space(at(h, i)) {
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

/// A core (see [`Matcher`]) and what it tells of the matches holding it first.
enum Core {
    /// A month name's spellings, and what stands before it.
    Month(Names, Before),
    /// "2025": the `year` alternative alone starts with it, and matches.
    Year,
    /// "H1", "3Q": the `half` alternative alone starts with it.
    Half,
    /// "half" or "quarter", "month", "year": its kind in [`WINDOW`] and how
    /// many words before it a match can start.
    Word(usize, usize),
}

/// What stands before a month name, for a match to start there.
enum Before {
    /// Nothing: a match holding the month first starts with it.
    Nothing,
    /// "from " at this place.
    From(usize),
    /// "end of", "end-" or "month-end" (`endof`).
    EndOf,
}

/// The cores of `h` from a place on, in order.
struct Cores<'h> {
    h: &'h [u8],
    /// Where the candidates in `mask` are counted from (`usize::MAX`: none read yet).
    at: usize,
    /// Candidates for cores at `at + k` for each bit `k`.
    mask: u64,
    /// The CPU has AVX2: [`chunk_avx2`] finds a chunk's candidates in half the steps.
    avx2: bool,
}

/// Bytes whose candidates are found at once ([`chunk`]): fewer turns of the loop over them.
const CHUNK: usize = 64;

impl<'h> Cores<'h> {
    fn new(h: &'h [u8]) -> Self {
        Cores {
            h,
            at: usize::MAX,
            mask: 0,
            avx2: crate::bytes::has_avx2(),
        }
    }

    /// [`chunk`] at `i`.
    #[inline]
    fn chunk(&self, i: usize) -> u64 {
        chunk_at(self.h, i, self.avx2)
    }

    /// Drops the candidates before `pos`.
    fn seek(&mut self, pos: usize) {
        if !(self.at <= pos && pos - self.at < CHUNK) {
            // On the grid of the chunks read so far, so that no byte is read twice.
            self.at = if self.at <= pos {
                self.at + ((pos - self.at) & !(CHUNK - 1))
            } else {
                pos
            };
            self.mask = if self.at < self.h.len() { self.chunk(self.at) } else { 0 };
        }
        self.mask &= u64::MAX << (pos - self.at);
    }

    fn next(&mut self) -> Option<(usize, Core)> {
        let h = self.h;
        let mut mask = self.mask;
        loop {
            while mask != 0 {
                let k = self.at + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                // Most candidates are turned down by their first two bytes, at one look.
                let pair = usize::from(h[k]) | usize::from(at(h, k + 1)) << 8;
                if PAIRS[pair / 64] >> (pair % 64) & 1 != 0 {
                    if let Some(core) = core_at(h, k) {
                        self.mask = mask;
                        return Some((k, core));
                    }
                }
            }
            if self.at + CHUNK >= h.len() {
                self.mask = 0;
                return None;
            }
            self.at += CHUNK;
            mask = self.chunk(self.at);
        }
    }
}

/// [`candidates`] among `h[i..i + CHUNK]`, sixteen bytes at a time.
fn chunk(h: &[u8], i: usize) -> u64 {
    if i >= 1 && i + CHUNK <= h.len() {
        (0..CHUNK / 16).fold(0, |m, k| m | u64::from(block(h, i + 16 * k)) << (16 * k))
    } else {
        (0..CHUNK / 16)
            .take_while(|k| i + 16 * k < h.len())
            .fold(0, |m, k| m | u64::from(candidates(h, i + 16 * k)) << (16 * k))
    }
}

/// [`chunk`] at `i < h.len()`, by [`chunk_avx2`] where the CPU has AVX2 (`avx2`):
/// the last chunk of a text, cut short, as the last sixty-four bytes shifted.
#[inline(always)]
fn chunk_at(h: &[u8], i: usize, avx2: bool) -> u64 {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY (both calls): `avx2` is set only where the CPU has AVX2.
        if i + CHUNK <= h.len() {
            if i >= 1 {
                return unsafe { chunk_avx2(h, i) };
            }
        } else if h.len() > CHUNK && i < h.len() {
            // Bits for the bytes from `i` to the end; none past it.
            let s = h.len() - CHUNK;
            return unsafe { chunk_avx2(h, s) } >> (i - s);
        }
    }
    chunk(h, i)
}

/// [`chunk`] among `h[i..i + CHUNK]`, where `i >= 1` and `i + CHUNK <= h.len()`:
/// [`block`]'s tests on thirty-two bytes a step, so half the instructions.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn chunk_avx2(h: &[u8], i: usize) -> u64 {
    use std::arch::x86_64::*;
    assert!(i >= 1 && i + CHUNK <= h.len());
    let half = |k: usize| {
        // Both loads stay inside `h` (asserted above).
        let x = unsafe { _mm256_loadu_si256(h.as_ptr().add(k).cast()) };
        let before = unsafe { _mm256_loadu_si256(h.as_ptr().add(k - 1).cast()) };
        let set1 = |c: u8| _mm256_set1_epi8(c as i8);
        let eq = |v: __m256i, c: u8| _mm256_cmpeq_epi8(v, set1(c));
        // `lo..lo + n` for ASCII bytes: moved to the bottom of the signed range.
        let within = |v: __m256i, lo: u8, n: u8| {
            _mm256_cmpgt_epi8(
                set1(0x80u8.wrapping_add(n)),
                _mm256_add_epi8(v, set1(0x80u8.wrapping_sub(lo))),
            )
        };
        let caps = within(x, b'A', 26);
        let inside = _mm256_or_si256(within(before, b'a', 26), within(before, b'0', 10));
        let letters = _mm256_or_si256(
            _mm256_or_si256(eq(x, b'h'), eq(x, b'q')),
            _mm256_or_si256(eq(x, b'm'), eq(x, b'y')),
        );
        let firsts = _mm256_or_si256(letters, within(x, b'1', 4));
        _mm256_movemask_epi8(_mm256_or_si256(caps, _mm256_andnot_si256(inside, firsts))) as u32
    };
    u64::from(half(i)) | u64::from(half(i + 32)) << 32
}

/// The first two bytes of every core, as bits: a month name's ("Ja", "Se"),
/// a year's ("19", "20"), a half's or quarter's ("H1", "2H", "Q3", "4Q"), and
/// those of "half", "quarter", "month" and "year" in any case.
static PAIRS: [u64; 1024] = {
    const fn set(t: &mut [u64; 1024], a: u8, b: u8) {
        let pair = a as usize | (b as usize) << 8;
        t[pair / 64] |= 1 << (pair % 64);
    }
    let mut t = [0u64; 1024];
    const MONTHS: [&[u8; 2]; 10] = [b"Ja", b"Fe", b"Ma", b"Ap", b"Ju", b"Au", b"Se", b"Oc", b"No", b"De"];
    let mut k = 0;
    while k < MONTHS.len() {
        set(&mut t, MONTHS[k][0], MONTHS[k][1]);
        k += 1;
    }
    set(&mut t, b'1', b'9');
    set(&mut t, b'2', b'0');
    let mut d = b'1';
    while d <= b'4' {
        if d <= b'2' {
            set(&mut t, b'H', d);
            set(&mut t, d, b'H');
        }
        set(&mut t, b'Q', d);
        set(&mut t, d, b'Q');
        d += 1;
    }
    const WORDS: [&[u8; 2]; 4] = [b"ha", b"qu", b"mo", b"ye"];
    let mut k = 0;
    while k < WORDS.len() {
        let [a, b] = *WORDS[k];
        set(&mut t, a, b);
        set(&mut t, a - 32, b);
        set(&mut t, a, b - 32);
        set(&mut t, a - 32, b - 32);
        k += 1;
    }
    t
};

/// Bits for the places among `h[i..i + 16]` that may be cores: capital letters
/// (month names, "H1", "Q3", "Half", "Year"), and where the byte before is no
/// lowercase letter or digit, 'h', 'q', 'm', 'y' and '1' to '4'. At the end of
/// `h` the block is the last sixteen bytes, or a padded copy of a shorter `h`.
#[inline]
fn candidates(h: &[u8], i: usize) -> u32 {
    if i >= 1 && i + 16 <= h.len() {
        block(h, i)
    } else if i >= 1 && h.len() >= 17 {
        let j = h.len() - 16;
        block(h, j) >> (i - j)
    } else {
        // The byte before `i` (none: NUL, no word byte), then up to sixteen, then NUL, which is no candidate.
        let mut pad = [0u8; 17];
        if i > 0 {
            pad[0] = h[i - 1];
        }
        let end = h.len().min(i + 16);
        pad[1..1 + end - i].copy_from_slice(&h[i..end]);
        block(&pad, 1)
    }
}

/// [`candidates`] among `h[i..i + 16]`, where `i >= 1`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn block(h: &[u8], i: usize) -> u32 {
    use std::arch::x86_64::*;
    assert!(i >= 1 && i + 16 <= h.len());
    // SSE2 is part of x86_64; both loads stay inside `h` (asserted above).
    unsafe {
        let x = _mm_loadu_si128(h.as_ptr().add(i).cast());
        let before = _mm_loadu_si128(h.as_ptr().add(i - 1).cast());
        let set1 = |c: u8| _mm_set1_epi8(c as i8);
        let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, set1(c));
        // `lo..lo + n` for ASCII bytes: moved to the bottom of the signed range.
        let within = |v: __m128i, lo: u8, n: u8| {
            _mm_cmplt_epi8(
                _mm_add_epi8(v, set1(0x80u8.wrapping_sub(lo))),
                set1(0x80u8.wrapping_add(n)),
            )
        };
        let caps = within(x, b'A', 26);
        let inside = _mm_or_si128(within(before, b'a', 26), within(before, b'0', 10));
        let letters = _mm_or_si128(
            _mm_or_si128(eq(x, b'h'), eq(x, b'q')),
            _mm_or_si128(eq(x, b'm'), eq(x, b'y')),
        );
        let firsts = _mm_or_si128(letters, within(x, b'1', 4));
        _mm_movemask_epi8(_mm_or_si128(caps, _mm_andnot_si128(inside, firsts))) as u32
    }
}

/// [`candidates`] among `h[i..i + 16]`, where `i >= 1`, a byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn block(h: &[u8], i: usize) -> u32 {
    (0..16).fold(0, |m, k| m | u32::from(candidate(h[i + k - 1], h[i + k])) << k)
}

/// Whether `x`, after `before`, may be a core (what [`block`] finds).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn candidate(before: u8, x: u8) -> bool {
    x.is_ascii_uppercase()
        || matches!(x, b'h' | b'q' | b'm' | b'y' | b'1'..=b'4')
            && !(before.is_ascii_lowercase() || before.is_ascii_digit())
}

/// A core at `i`: a month name ("Jan", "Sept." ... as written, anywhere, as
/// `MONTH` has no `\b` before it) or, at a word start, a year "19xx" or "20xx",
/// a half or quarter ("H1", "2H", "Q3", "4Q"), or the words "half", "quarter",
/// "month", "year" (prefixes, any case); each only if what follows lets an
/// alternative holding it first go on: white space, a word boundary, or for a
/// month name the start of "to", "through" or "until" ("JantoMar"), for
/// "month" the "s" of "months".
#[inline]
fn core_at(h: &[u8], i: usize) -> Option<Core> {
    // Most candidates are turned down here by their first two or three bytes.
    let (a, b) = (h[i], at(h, i + 1));
    match a {
        b'J' | b'F' | b'A' | b'S' | b'O' | b'N' | b'D' | b'M' => {
            let key = u32::from(a) | u32::from(b) << 8 | u32::from(at(h, i + 2)) << 16;
            let (name, m) = MONTH_SLOTS[month_slot(key)];
            if name == key {
                month_core(h, i, m)
            } else if a == b'M' && b | 0x20 == b'o' {
                word_core(h, i)
            } else {
                None
            }
        }
        b'1' if matches!(b, b'9' | b'H' | b'Q') => number_core(h, i),
        b'2' if matches!(b, b'0' | b'H' | b'Q') => number_core(h, i),
        b'3' | b'4' if b == b'Q' => number_core(h, i),
        b'H' | b'Q' => number_core(h, i),
        b'h' if b | 0x20 == b'a' => word_core(h, i),
        b'q' if b | 0x20 == b'u' => word_core(h, i),
        b'm' if b | 0x20 == b'o' => word_core(h, i),
        b'y' | b'Y' if b | 0x20 == b'e' => word_core(h, i),
        _ => None,
    }
}

/// A core at the name of month `m` at `i`.
#[inline]
fn month_core(h: &[u8], i: usize, m: u32) -> Option<Core> {
    let mut names = spellings(h, i, m);
    // Spellings that no alternative can go on from are dropped.
    let goes_on = |e: usize| {
        let b = at(h, e);
        ascii_space(b) || matches!(b | 0x20, b'-' | b't' | b'u') || boundary(h, e)
    };
    let mut n = 0;
    for k in 0..names.n as usize {
        if goes_on(i + names.lens[k] as usize) {
            names.lens[n] = names.lens[k];
            n += 1;
        }
    }
    names.n = n as u8;
    (n > 0).then(|| Core::Month(names, before_month(h, i)))
}

/// A core at a word start at `i` that opens with a digit, "H" or "Q": a year
/// or a half or quarter ("1H", "H1", "3Q", "Q3"), else perhaps "Half" or "Quarter".
fn number_core(h: &[u8], i: usize) -> Option<Core> {
    if i > 0 && is_word(h[i - 1]) {
        return None;
    }
    let core = match (h[i], at(h, i + 1)) {
        (b'1', b'9') | (b'2', b'0') => {
            return (year(h, i).is_some() && !is_word(at(h, i + 4))).then_some(Core::Year);
        }
        (b'1'..=b'2', b'H') | (b'1'..=b'4', b'Q') | (b'H', b'1'..=b'2') | (b'Q', b'1'..=b'4') => Core::Half,
        (b'H' | b'Q', _) => return word_core(h, i),
        _ => return None,
    };
    (!is_word(at(h, i + 2))).then_some(core)
}

/// A core at a word start at `i` that is one of the words "half", "quarter",
/// "month" ("months") or "year".
fn word_core(h: &[u8], i: usize) -> Option<Core> {
    if i > 0 && is_word(h[i - 1]) {
        return None;
    }
    // Four letters at once, in lower case (a byte that folds to a letter is that letter).
    let w = four(h, i) | 0x2020_2020;
    let (kind, words, len) = if w == u32::from_le_bytes(*b"half") {
        (HALF_QUARTER, 2, 4)
    } else if w == u32::from_le_bytes(*b"quar") && word(h, i + 4, b"ter").is_some() {
        (HALF_QUARTER, 2, 7)
    } else if w == u32::from_le_bytes(*b"mont") && at(h, i + 4) | 0x20 == b'h' {
        (MONTH_WORD, 3, 5)
    } else if w == u32::from_le_bytes(*b"year") {
        (YEAR_WORD, 4, 4)
    } else {
        return None;
    };
    let ends_word = |k: usize| !is_word(at(h, k));
    let months = kind == MONTH_WORD && at(h, i + 5) | 0x20 == b's' && ends_word(i + 6);
    (ends_word(i + len) || months).then_some(Core::Word(kind, words))
}

/// What stands before the month name at `c` (white space aside) that lets a
/// match holding it first start before it: "from" (`range`), or "end of",
/// "end-" or "month-end" (`endof`, up to five words: "as of the end of").
fn before_month(h: &[u8], c: usize) -> Before {
    // Glued to the word before it, a month name can follow only "of", "end-" or "month-end".
    if c > 0 && !ascii_space(h[c - 1]) && !matches!(h[c - 1] | 0x20, b'f' | b'-' | b'd') {
        return Before::Nothing;
    }
    let mut q = c;
    while q > 0 && ascii_space(h[q - 1]) {
        q -= 1;
    }
    let ends = |w: &[u8]| crate::bytes::ends_with_ignore_case(&h[..q], w);
    let tail = q.checked_sub(1).map_or(0, |k| h[k] | 0x20);
    match tail {
        b'm' if q < c && ends(b"from") => Before::From(q - 4),
        b'f' if ends(b"of") => Before::EndOf,
        b'-' if ends(b"end-") => Before::EndOf,
        b'd' if ends(b"month-end") => Before::EndOf,
        _ => Before::Nothing,
    }
}

/// The start of the `n`th word before `i` (words of letters, digits and
/// hyphens, white space between them), not before `lo`.
fn words_back(h: &[u8], i: usize, lo: usize, n: usize) -> usize {
    let mut p = i;
    for _ in 0..n {
        while p > lo && ascii_space(h[p - 1]) {
            p -= 1;
        }
        while p > lo && (is_word(h[p - 1]) || h[p - 1] == b'-') {
            p -= 1;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_find_the_candidates() {
        let text = b"In May 2025 (H1), the first 10 months; 3Q,4Q, x2025 [2024] month-end Year_m h q y 1 2 3 4 5 \
            MoM 12,345 half QUARTER years 1H 2H";
        for i in 1..text.len() - 16 {
            let want = (0..16).fold(0, |m, k| m | u32::from(candidate(text[i + k - 1], text[i + k])) << k);
            assert_eq!(block(text, i), want, "{i}");
        }
        // The AVX2 chunks find what the SSE2 blocks find.
        #[cfg(target_arch = "x86_64")]
        if crate::bytes::has_avx2() {
            let all: Vec<u8> = (0..=255u8).chain(text.iter().copied()).chain(0..=255u8).collect();
            for t in [&text[..], &all[..]] {
                for i in 1..=t.len() - CHUNK {
                    assert_eq!(unsafe { chunk_avx2(t, i) }, chunk(t, i), "{i}");
                }
                // Also cut short at the end, on texts of every length.
                for len in 0..=t.len() {
                    for i in 0..len {
                        assert_eq!(chunk_at(&t[..len], i, true), chunk(&t[..len], i), "{len} {i}");
                    }
                }
            }
        }
        // Every core is found, from every place, also when the search skips ahead
        // (as after a match) by various lengths, on texts short and long.
        let long = text.repeat(3);
        for t in [&text[..], &text[..40], &text[..12], &long[..]] {
            let cores: Vec<usize> = (0..t.len()).filter(|&k| core_at(t, k).is_some()).collect();
            for i in 0..t.len() {
                for skip in [0, 1, 5, 17, 63, 64, 70] {
                    let mut c = Cores::new(t);
                    c.seek(i);
                    let mut found = Vec::new();
                    let mut want = Vec::new();
                    while let Some((k, _)) = c.next() {
                        found.push(k);
                        c.seek(k + 1 + skip);
                    }
                    let mut k = i;
                    while let Some(&next) = cores.iter().find(|&&x| x >= k) {
                        want.push(next);
                        k = next + 1 + skip;
                    }
                    assert_eq!(found, want, "{i} {skip} {}", t.len());
                }
            }
        }
    }

    /// `relative` against the reading it replaces: every phrase of `RELATIVE`
    /// in order, each from its first word, at every place of texts stitched
    /// from the phrases' words, their pieces and white space, in random case.
    #[test]
    fn relative_agrees_with_trying_every_phrase() {
        let every = |h: &[u8], p: usize| {
            (0..crate::periods::RELATIVE.len()).find_map(|i| {
                phrase(h, p, crate::periods::RELATIVE[i].0)
                    .filter(|&e| boundary(h, e))
                    .map(|e| (e, Shape::Rel(i)))
            })
        };
        const WORDS: [&str; 20] = [
            "this",
            "the",
            "th",
            "thes",
            "during",
            "next",
            "last",
            "year-end",
            "year",
            "month",
            "months",
            "current",
            "following",
            "previous",
            "end",
            "of",
            "year-",
            "THE",
            "Next",
            "x",
        ];
        const JOINTS: [&str; 8] = [" ", " ", "  ", "\t", "\x0B", "", "-", "\n "];
        let mut next = crate::testing::below(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..1 + next(6) {
                t.push_str(WORDS[next(WORDS.len())]);
                t.push_str(JOINTS[next(JOINTS.len())]);
            }
            let h = t.as_bytes();
            for p in 0..=h.len() {
                assert_eq!(relative(h, p), every(h, p), "{t:?} {p}");
            }
        }
    }

    /// `month` against the byte-by-byte reading of the spellings it replaces,
    /// with the names whole, cut short or misspelt, up to the end of the text.
    #[test]
    fn month_spellings_agree_with_reading_bytes() {
        let bytes = |h: &[u8], i: usize| {
            let m = month_index(h, i)?;
            let base = i + 3;
            let long = LONG[m as usize - 1];
            let mut ends = Vec::new();
            if !long.is_empty() && h.get(base..base + long.len()).is_some_and(|w| w.iter().eq(long)) {
                ends.push(base + long.len());
            }
            if m == 9 && at(h, base) == b't' {
                if at(h, base + 1) == b'.' {
                    ends.push(base + 2);
                }
                ends.push(base + 1);
            }
            if m != 5 && at(h, base) == b'.' {
                ends.push(base + 1);
            }
            ends.push(base);
            Some((m, ends))
        };
        let names = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Sept.",
            "Sept",
            "Sep.",
            "Jan.",
            "Mayo",
            "Septembre",
            "Octobe",
            "Decembers",
        ];
        for n in names {
            for cut in 0..=n.len() {
                for tail in ["", " ", "x", "2025 ", ". 12345678"] {
                    let t = format!("{}{tail}", &n[..cut]);
                    let h = t.as_bytes();
                    let got = month(h, 0).map(|s| (s.m, s.ends(0).collect::<Vec<_>>()));
                    assert_eq!(got, bytes(h, 0), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn relative_phrases_open_with_their_letters() {
        for (i, (words, _)) in crate::periods::RELATIVE.iter().enumerate() {
            let t = words.join(" ");
            assert_eq!(relative(t.as_bytes(), 0), Some((t.len(), Shape::Rel(i))), "{t}");
        }
    }
}
