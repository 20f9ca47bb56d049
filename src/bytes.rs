//! Byte scans that look at many bytes per instruction, and the small byte
//! comparisons the reading rules share.
//!
//! `iter().position(pred)` stops at the first hit, and that early exit keeps
//! the loop scalar. Scanning fixed blocks without an exit first, then the one
//! block that has a hit, runs many bytes per instruction on long text without
//! hits (most of a report is words).

const BLOCK: usize = 32;

/// Whether the CPU has AVX2: std detects it once, later calls are a load and a test.
/// The scans with an AVX2 path ask this and fall back to SSE2 (part of x86_64).
#[inline]
pub fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Index of the first byte of `b` for which `pred` holds.
#[inline]
pub fn position(b: &[u8], pred: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for block in b.chunks(BLOCK) {
        if block.iter().fold(false, |seen, &c| seen | pred(c)) {
            return block.iter().position(|&c| pred(c)).map(|k| at + k);
        }
        at += block.len();
    }
    None
}

/// Whether `pred` holds for any byte of `b`.
#[inline]
pub fn any(b: &[u8], pred: impl Fn(u8) -> bool) -> bool {
    position(b, pred).is_some()
}

/// The first place in `b[from..to]` where a sentence may end: a stop (`.`, `!`,
/// `?`) or a control character other than tab; `to` if there is none.
#[inline]
pub fn next_sentence_event(b: &[u8], from: usize, to: usize) -> usize {
    let is_event = |c: u8| matches!(c, b'.' | b'!' | b'?') || (c < 0x20 && c != b'\t');
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SSE2 is part of x86_64; every load stays inside `b[..to]`.
        while i + 16 <= to {
            let m = unsafe {
                let x = _mm_loadu_si128(b.as_ptr().add(i).cast());
                let eq = |c: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8));
                // Unsigned x <= 0x1F: the minimum of the two is x.
                let control = _mm_andnot_si128(eq(b'\t'), _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x));
                let stops = _mm_or_si128(_mm_or_si128(eq(b'.'), eq(b'!')), eq(b'?'));
                _mm_movemask_epi8(_mm_or_si128(stops, control)) as u32
            };
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    (i..to).find(|&k| is_event(b[k])).unwrap_or(to)
}

/// Whether `t` ends with `suffix`, ASCII case-insensitively ("... compared with" ~ "WITH").
#[inline]
pub fn ends_with_ignore_case(t: &[u8], suffix: &[u8]) -> bool {
    t.len() >= suffix.len() && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether `t` starts with `prefix`, ASCII case-insensitively.
#[inline]
pub fn starts_with_ignore_case(t: &[u8], prefix: &[u8]) -> bool {
    t.len() >= prefix.len() && t[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The index of the byte of `needle` that is rarest in English text (letters by
/// their frequency; other bytes count as rare): the one to search for first.
pub fn rarest(needle: &[u8]) -> usize {
    const BY_FREQUENCY: &[u8] = b" etaoinsrhldcumfpgwybvkxjqz";
    let rank = |c: u8| {
        BY_FREQUENCY
            .iter()
            .position(|&f| f == c.to_ascii_lowercase())
            .unwrap_or(BY_FREQUENCY.len())
    };
    (0..needle.len()).max_by_key(|&i| rank(needle[i])).unwrap_or(0)
}

/// A byte and the bytes on either side of it to look for, letters in either ASCII
/// case, other bytes as they are (`None`: any neighbour): the places a phrase may
/// match, far rarer than its rarest letter alone (a "v" every hundred bytes of
/// English, an "rve" every few thousand), found 32 bytes at a time.
pub struct Trio {
    /// (byte, the bits OR-ed in before comparing: 0x20 for a letter) of the byte
    /// before, the byte itself and the byte after.
    want: [(u8, u8); 3],
    /// Whether there is a byte before, after to match.
    sides: (bool, bool),
}

impl Trio {
    pub fn new(before: Option<u8>, c: u8, after: Option<u8>) -> Self {
        let fold = |c: u8| {
            let c = c.to_ascii_lowercase();
            (c, if c.is_ascii_lowercase() { 0x20 } else { 0 })
        };
        Trio {
            want: [fold(before.unwrap_or(0)), fold(c), fold(after.unwrap_or(0))],
            sides: (before.is_some(), after.is_some()),
        }
    }

    /// Whether `b[k]` and its neighbours are the trio's.
    #[inline]
    fn at(&self, b: &[u8], k: usize) -> bool {
        let is = |x: u8, (c, or): (u8, u8)| x | or == c;
        is(b[k], self.want[1])
            && (!self.sides.0 || (k > 0 && is(b[k - 1], self.want[0])))
            && (!self.sides.1 || b.get(k + 1).is_some_and(|&x| is(x, self.want[2])))
    }

    /// The first `k >= from` where `b[k]` and its neighbours are the trio's.
    pub fn find(&self, b: &[u8], from: usize) -> Option<usize> {
        let mut k = from;
        #[cfg(target_arch = "x86_64")]
        if has_avx2() && k + 33 <= b.len() {
            if k == 0 {
                if self.at(b, 0) {
                    return Some(0);
                }
                k = 1;
            }
            // SAFETY: AVX2 is there; k >= 1.
            match unsafe { self.find_avx2(b, k) } {
                Ok(found) => return Some(found),
                Err(rest) => k = rest,
            }
        }
        (k..b.len()).find(|&k| self.at(b, k))
    }

    /// [`Trio::find`] from `k >= 1` in blocks of 32 with a byte before and after each
    /// in `b`: the place found, or where the blocks stop.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn find_avx2(&self, b: &[u8], mut k: usize) -> Result<usize, usize> {
        use std::arch::x86_64::*;
        let want = |(c, or): (u8, u8)| (_mm256_set1_epi8(c as i8), _mm256_set1_epi8(or as i8));
        let (w0, w1, w2) = (want(self.want[0]), want(self.want[1]), want(self.want[2]));
        let all = _mm256_set1_epi8(-1);
        // SAFETY (the loads): they read b[k - 1..k + 33], within `b`.
        let is = |p: *const u8, (c, or): (__m256i, __m256i)| unsafe {
            _mm256_cmpeq_epi8(_mm256_or_si256(_mm256_loadu_si256(p.cast()), or), c)
        };
        while k + 33 <= b.len() {
            let p = unsafe { b.as_ptr().add(k) };
            let before = if self.sides.0 { is(unsafe { p.sub(1) }, w0) } else { all };
            let after = if self.sides.1 { is(unsafe { p.add(1) }, w2) } else { all };
            let m = _mm256_movemask_epi8(_mm256_and_si256(is(p, w1), _mm256_and_si256(before, after))) as u32;
            if m != 0 {
                return Ok(k + m.trailing_zeros() as usize);
            }
            k += 32;
        }
        Err(k)
    }
}

/// An ASCII byte that [`char::is_whitespace`] holds white space (it also counts
/// the vertical tab, which [`u8::is_ascii_whitespace`] does not).
#[inline]
pub fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `t.trim_end()`, its ASCII white space dropped a byte at a time (the usual
/// case), characters decoded only from a non-ASCII byte on.
#[inline]
pub fn trim_end(t: &str) -> &str {
    let b = t.as_bytes();
    let mut n = b.len();
    while n > 0 && ascii_space(b[n - 1]) {
        n -= 1;
    }
    if n > 0 && !b[n - 1].is_ascii() {
        return t[..n].trim_end();
    }
    &t[..n]
}

/// The first run of ASCII letters in `s`: "mt" of "13.12 mt", "Q" of "Q1".
pub fn first_alpha_word(s: &str) -> Option<&str> {
    s.split(|c: char| !c.is_ascii_alphabetic()).find(|w| !w.is_empty())
}

/// Whether the word `w` is one of `words` (lowercase), ASCII case-insensitively:
/// a comparison in place of a lowercased copy.
#[inline]
pub fn word_in(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Bit `k` set when byte `k` of the block is an ASCII digit (or, with `eq`, is `c`).
#[inline]
fn mask16(block: &[u8; 16], eq: Option<u8>) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        let x = u128::from_le_bytes(*block);
        // Unsafe only as calls of SSE2 intrinsics, which x86_64 always has: the block is
        // passed by value as two words, no memory is read through a pointer.
        unsafe {
            let v = _mm_set_epi64x((x >> 64) as i64, x as i64);
            let hit = match eq {
                Some(c) => _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)),
                None => {
                    // Digits are the bytes that minus '0' are at most 9 (unsigned).
                    let x = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
                    _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(9)), x)
                }
            };
            _mm_movemask_epi8(hit) as u32
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let hit = |c: u8| eq.map_or(c.is_ascii_digit(), |e| c == e);
        block
            .iter()
            .enumerate()
            .fold(0, |m, (k, &c)| m | (u32::from(hit(c)) << k))
    }
}

/// The first `k` in `from..to` where byte `k` of `b` is a digit (or `eq`), sixteen at a time.
#[inline]
fn find16(b: &[u8], from: usize, to: usize, eq: Option<u8>) -> Option<usize> {
    let within = |k: usize| (k < to).then_some(k);
    let mut at = from;
    let mut blocks = b.get(from..)?.chunks_exact(16);
    for block in &mut blocks {
        if at >= to {
            return None;
        }
        let m = mask16(block.try_into().expect("16 bytes"), eq);
        if m != 0 {
            return within(at + m.trailing_zeros() as usize);
        }
        at += 16;
    }
    if at >= to {
        return None;
    }
    if b.len() >= 16 {
        // The last sixteen bytes of `b`, without those before `at`.
        let s = b.len() - 16;
        let m = mask16(b[s..].try_into().expect("16 bytes"), eq) >> (at - s);
        return (m != 0).then(|| at + m.trailing_zeros() as usize).and_then(within);
    }
    let hit = |c: u8| eq.map_or(c.is_ascii_digit(), |e| c == e);
    (at..to).find(|&k| hit(b[k]))
}

/// Index of the first ASCII digit in `b[from..]`.
#[inline]
pub fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    find16(b, from, b.len(), None)
}

/// Index of the first `c` in `b[from..to]`.
#[inline]
pub fn find_byte(b: &[u8], from: usize, to: usize, c: u8) -> Option<usize> {
    find16(b, from, to, Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_end_is_str_trim_end() {
        let pieces = [
            "",
            " ",
            "\t",
            "\n",
            "\x0B",
            "\x0C",
            "\r",
            "\u{a0}",
            "\u{85}",
            "\u{2009}",
            "\u{3000}",
            "x",
            "from",
            "é",
            "年",
            "\u{1F600}",
            ".",
        ];
        let mut next = crate::testing::below(0x5851_F42D_4C95_7F2D);
        for _ in 0..20_000 {
            let s: String = (0..next(6)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(trim_end(&s), s.trim_end(), "{s:?}");
        }
    }

    #[test]
    fn agrees_with_iterator_position() {
        let text = "Copper output rose 5.2% in May; stocks at 1,200 mt.".repeat(7);
        for start in 0..text.len() {
            let b = &text.as_bytes()[start..];
            assert_eq!(
                position(b, |c| c.is_ascii_digit()),
                b.iter().position(u8::is_ascii_digit)
            );
            assert_eq!(position(b, |c| c == b';'), b.iter().position(|&c| c == b';'));
        }
        assert_eq!(position(b"", |c| c == b'x'), None);
        assert!(!any(b"no digits here at all, not one", |c| c.is_ascii_digit()));
    }

    #[test]
    fn digits_and_bytes_found_as_iterators_find_them() {
        let text = "Copper (Cu) rose 5.2% in May; stocks at 1,200 mt (é).    no digits or brackets here at all.";
        let b = text.as_bytes();
        for end in [0, 5, 15, 16, 17, 40, b.len()] {
            let b = &b[..end];
            for from in 0..=b.len() {
                let want = b[from..].iter().position(u8::is_ascii_digit).map(|k| from + k);
                assert_eq!(next_digit(b, from), want, "{end} {from}");
                for to in from..=b.len() {
                    let want = b[from..to].iter().position(|&c| c == b'(').map(|k| from + k);
                    assert_eq!(find_byte(b, from, to, b'('), want, "{end} {from} {to}");
                }
            }
        }
    }

    #[test]
    fn trios_found_as_a_byte_by_byte_check_finds_them() {
        let text =
            "Copyright 2025 SMM. ALL RIGHTS RESERVED, reServed; survey: nerve r v e rve\0RVE é \x12ve RV".repeat(3);
        let b = text.as_bytes();
        let trios = [
            (Some(b'r'), b'v', Some(b'e')),
            (None, b'v', Some(b'e')),
            (Some(b'r'), b'v', None),
            (None, b'V', None),
            (Some(b' '), b'r', Some(b'v')),
            (Some(b'2'), b'0', Some(b'2')),
        ];
        for (before, c, after) in trios {
            let trio = Trio::new(before, c, after);
            let lower = |x: u8| x.to_ascii_lowercase();
            for end in [0, 1, 17, 18, 40, b.len() - 1, b.len()] {
                let h = &b[..end];
                let is = |k: usize| {
                    lower(h[k]) == lower(c)
                        && before.is_none_or(|x| k > 0 && lower(h[k - 1]) == x)
                        && after.is_none_or(|x| k + 1 < h.len() && lower(h[k + 1]) == x)
                };
                for from in 0..=end {
                    let want = (from..end).find(|&k| is(k));
                    assert_eq!(
                        trio.find(&b[..end], from),
                        want,
                        "{before:?} {c} {after:?} {from}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn rarest_byte_of_a_phrase() {
        // "v" is rarer in English than any other letter of the phrase.
        assert_eq!(b"all rights reserved"[rarest(b"all rights reserved")], b'v');
        assert_eq!(b"source"[rarest(b"source")], b'u');
    }

    #[test]
    fn sentence_events_agree_with_a_byte_by_byte_check() {
        let text = "Output rose 1.5% MoM! Why?\tStocks\x0cfell\0 (5.2%). \u{a0}End.".repeat(4);
        let b = text.as_bytes();
        for from in 0..b.len() {
            for to in [b.len(), b.len() - 1, (from + 17).min(b.len()), from] {
                let want = (from..to)
                    .find(|&k| matches!(b[k], b'.' | b'!' | b'?') || (b[k] < 0x20 && b[k] != b'\t'))
                    .unwrap_or(to);
                assert_eq!(next_sentence_event(b, from, to), want, "{from}..{to}");
            }
        }
    }

    #[test]
    fn suffixes_in_any_case() {
        assert!(ends_with_ignore_case(b"output rose BY", b" by"));
        assert!(ends_with_ignore_case(b"by", b"by"));
        assert!(!ends_with_ignore_case(b"y", b"by"));
        assert!(!ends_with_ignore_case("fell by é".as_bytes(), b"by"));
    }
}
