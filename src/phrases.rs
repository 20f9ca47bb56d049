//! Phrases as sequences of tokens, and the scan that finds them in a text.
//!
//! A token is a run of word bytes (ASCII letters, digits, `_`) or any other
//! single byte. A phrase is word-bounded (no word runs on past either edge)
//! exactly when the text's tokens from its start spell the phrase's tokens, so
//! the scan looks each token of the text up once, a word by its case-folded
//! bytes in a hash table, and walks a trie of token ids from each token. Most
//! words of a report begin no phrase and cost one probe of the table, where a
//! trie of bytes costs a dependent load for every byte they share with some phrase.

use std::collections::HashMap;

pub const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// [`is_word_byte`] by one table load, for scans.
#[inline]
pub fn word_byte(b: u8) -> bool {
    WORD_BYTE[b as usize]
}

static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = is_word_byte(b as u8);
        b += 1;
    }
    t
};

/// Words up to this long are hash keys packed into a `u128`.
const SHORT: usize = 16;
/// Longer words are looked up by their bytes; a text word longer than any phrase word is in none.
const LONG: usize = 64;

/// ASCII case folding of word bytes: `| 0x20` maps `A-Z` to `a-z` and keeps
/// digits; `_` becomes 0x7F, which no other word byte does.
const FOLD: u128 = u128::from_le_bytes([0x20; 16]);

/// The key of the short word `b[s..s + n]` (1 <= n <= 16): its folded bytes, zero padded.
#[inline]
fn short_key(b: &[u8], s: usize, n: usize) -> u128 {
    let raw = match b.get(s..s + SHORT) {
        Some(w) => u128::from_le_bytes(w.try_into().expect("16 bytes")),
        None => {
            let mut buf = [0u8; SHORT];
            buf[..n].copy_from_slice(&b[s..s + n]);
            u128::from_le_bytes(buf)
        }
    };
    (raw | FOLD) & KEEP[n]
}

/// `KEEP[n]`: the low `n` bytes of a key (a table: a variable 128-bit shift is several instructions).
static KEEP: [u128; SHORT + 1] = {
    let mut t = [0u128; SHORT + 1];
    let mut n = 1;
    while n <= SHORT {
        t[n] = (t[n - 1] << 8) | 0xFF;
        n += 1;
    }
    t
};

#[inline]
fn hash(key: u128) -> u64 {
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The part of a hash a slot keeps to tell words apart without loading their keys:
/// low bits of the product, where the slot number takes the high ones.
#[inline]
fn fingerprint(h: u64) -> u32 {
    h as u32
}

#[derive(Clone, Copy, Default)]
struct Node {
    /// Range of `edges`: (token id, child) of this node, except its space child.
    edges: (u32, u32),
    /// Bit `id % 32` set for the token id of each of `edges`: most tokens after a
    /// node continue no phrase, and the mask tells so without searching the edges.
    mask: u32,
    /// The child by a space token (0: none): most steps of a walk are over the
    /// space between two words, taken without a token lookup or edge search.
    space: u32,
    /// Range of `outs`: the payloads of the phrases that end here.
    outs: (u32, u32),
}

/// A trie of phrases over token ids, with the table that gives a text's tokens their ids.
pub struct PhraseIndex<P> {
    /// Id of each single-byte token (0: in no phrase).
    byte_ids: [u32; 256],
    /// Open addressing table of the short words, at most a quarter full: each slot the
    /// fingerprint of a word's hash (high half) and its id (low half), 0 if empty.
    /// 8 bytes a slot keep the table in L1 (a few thousand words); a word's key is
    /// loaded only when its fingerprint matches.
    slots: Vec<u64>,
    /// The key of each short word, by id (0 for ids of single bytes and long words).
    keys: Vec<u128>,
    shift: u32,
    long_words: HashMap<Vec<u8>, u32>,
    /// Token id -> the node its one-token prefix reaches (0: none).
    roots: Vec<u32>,
    /// No phrase starts with a space: the scan steps over the one after a token.
    space_starts_none: bool,
    nodes: Vec<Node>,
    edges: Vec<(u32, u32)>,
    outs: Vec<P>,
}

impl<P: Copy> PhraseIndex<P> {
    /// `phrases`: (lowercase phrase, payload). A phrase may appear more than once.
    pub fn build<'p>(phrases: impl IntoIterator<Item = (&'p str, P)>) -> Self {
        let mut ids: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut byte_ids = [0u32; 256];
        let mut n_ids = 0u32;
        // Trie under construction: node 0 is the root.
        let mut kids: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        let mut ends: Vec<Vec<P>> = vec![Vec::new()];
        for (phrase, payload) in phrases {
            let b = phrase.as_bytes();
            let mut node = 0usize;
            let mut s = 0;
            while s < b.len() {
                let e = token_end(b, s);
                let id = if is_word_byte(b[s]) {
                    assert!(e - s <= LONG, "phrase word longer than {LONG} bytes: {phrase}");
                    let folded: Vec<u8> = b[s..e].iter().map(|&c| c | 0x20).collect();
                    *ids.entry(folded).or_insert_with(|| {
                        n_ids += 1;
                        n_ids
                    })
                } else {
                    let slot = &mut byte_ids[b[s] as usize];
                    if *slot == 0 {
                        n_ids += 1;
                        *slot = n_ids;
                    }
                    *slot
                };
                node = match kids[node].iter().find(|&&(t, _)| t == id) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        kids.push(Vec::new());
                        ends.push(Vec::new());
                        let child = kids.len() - 1;
                        kids[node].push((id, child as u32));
                        child
                    }
                };
                s = e;
            }
            ends[node].push(payload);
        }

        let mut short_words: Vec<(u128, u32)> = ids
            .iter()
            .filter(|(w, _)| w.len() <= SHORT)
            .map(|(w, &id)| (short_key(w, 0, w.len()), id))
            .collect();
        // In id order, so that the table (and so the probes a scan costs) is the same every run.
        short_words.sort_unstable_by_key(|&(_, id)| id);
        let bits = (short_words.len() * 4).next_power_of_two().max(16).trailing_zeros();
        let shift = 64 - bits;
        let mut slots = vec![0u64; 1 << bits];
        let mut keys = vec![0u128; n_ids as usize + 1];
        for (key, id) in short_words {
            let h = hash(key);
            let mut at = (h >> shift) as usize;
            while slots[at] != 0 {
                at = (at + 1) & (slots.len() - 1);
            }
            slots[at] = u64::from(fingerprint(h)) << 32 | u64::from(id);
            keys[id as usize] = key;
        }
        let long_words = ids.into_iter().filter(|(w, _)| w.len() > SHORT).collect();

        let mut roots = vec![0u32; n_ids as usize + 1];
        for &(id, child) in &kids[0] {
            roots[id as usize] = child;
        }
        let space = byte_ids[b' ' as usize];
        let mut nodes = vec![Node::default(); kids.len()];
        let (mut edges, mut outs) = (Vec::new(), Vec::new());
        for (n, node) in nodes.iter_mut().enumerate() {
            let start = edges.len() as u32;
            for &(id, child) in &kids[n] {
                if space != 0 && id == space {
                    node.space = child;
                } else {
                    edges.push((id, child));
                    node.mask |= 1 << (id % 32);
                }
            }
            node.edges = (start, edges.len() as u32);
            node.outs = (outs.len() as u32, (outs.len() + ends[n].len()) as u32);
            outs.extend(&ends[n]);
        }
        // What the scan's unchecked loads rely on: every token id (of a byte, a short
        // or a long word) indexes `roots` and `keys`, every child `nodes`; node ranges are in bounds.
        assert!(roots.len() == n_ids as usize + 1 && keys.len() == roots.len());
        assert!(slots.iter().all(|&slot| (slot as u32) <= n_ids) && byte_ids.iter().all(|&id| id <= n_ids));
        let in_nodes = |c: u32| (c as usize) < nodes.len();
        assert!(roots.iter().all(|&c| in_nodes(c)) && edges.iter().all(|&(_, c)| in_nodes(c)));
        assert!(nodes.iter().all(|n| in_nodes(n.space)
            && n.edges.0 <= n.edges.1
            && n.edges.1 as usize <= edges.len()
            && n.outs.0 <= n.outs.1
            && n.outs.1 as usize <= outs.len()));
        PhraseIndex {
            space_starts_none: roots[space as usize] == 0,
            byte_ids,
            slots,
            keys,
            shift,
            long_words,
            roots,
            nodes,
            edges,
            outs,
        }
    }

    /// The token starting at `s`: its end and id (0: in no phrase).
    #[inline(always)]
    fn token(&self, b: &[u8], s: usize) -> (usize, u32) {
        if !WORD_BYTE[b[s] as usize] {
            return (s + 1, self.byte_ids[b[s] as usize]);
        }
        let (n, raw) = match b.get(s..s + SHORT) {
            // One load gives the word's length and (most often) all its bytes.
            Some(w) => {
                let w: &[u8; SHORT] = w.try_into().expect("16 bytes");
                let n = word_len16(w);
                if n == SHORT {
                    (token_end(b, s) - s, u128::from_le_bytes(*w))
                } else {
                    (n, u128::from_le_bytes(*w))
                }
            }
            None => {
                let n = token_end(b, s) - s;
                let mut buf = [0u8; SHORT];
                let k = n.min(SHORT);
                buf[..k].copy_from_slice(&b[s..s + k]);
                (n, u128::from_le_bytes(buf))
            }
        };
        let e = s + n;
        if n > SHORT {
            return (e, self.long_word(&b[s..e]));
        }
        let key = (raw | FOLD) & KEEP[n];
        let h = hash(key);
        let fp = fingerprint(h);
        let mask = self.slots.len() - 1;
        let mut at = (h >> self.shift) as usize;
        loop {
            // SAFETY: `h >> shift` is below `slots.len()` (2^(64 - shift)), and so is
            // any `at & mask`; the ids in slots are below `keys.len()` (see `build`).
            // Unchecked: a probe is the scan's commonest step, its checks a tenth of it.
            let slot = unsafe { *self.slots.get_unchecked(at) };
            if slot == 0 {
                return (e, 0);
            }
            let id = slot as u32;
            if (slot >> 32) as u32 == fp && unsafe { *self.keys.get_unchecked(id as usize) } == key {
                return (e, id);
            }
            at = (at + 1) & mask;
        }
    }

    #[cold]
    fn long_word(&self, w: &[u8]) -> u32 {
        if w.len() > LONG || self.long_words.is_empty() {
            return 0;
        }
        let mut buf = [0u8; LONG];
        for (d, &c) in buf.iter_mut().zip(w) {
            *d = c | 0x20;
        }
        self.long_words.get(&buf[..w.len()]).copied().unwrap_or(0)
    }

    /// Calls `found(start, end, payloads)` for the phrases spelled by the tokens
    /// from each token start in `b[from..to]` (a phrase may run past `to`), in
    /// order of start and, within a start, of end. A word cut by `from` is not a start.
    pub fn scan(&self, b: &[u8], from: usize, to: usize, found: impl FnMut(usize, usize, &[P])) {
        // Two loops, one for each answer to "does a phrase start with a space?": the
        // scan's commonest step is over the space after a token, where no test is then left.
        if self.space_starts_none {
            self.scan_with::<true>(b, from, to, found)
        } else {
            self.scan_with::<false>(b, from, to, found)
        }
    }

    /// [`PhraseIndex::scan`]; `STEP_SPACES`: no phrase starts with a space (`space_starts_none`).
    #[inline(always)]
    fn scan_with<const STEP_SPACES: bool>(
        &self,
        b: &[u8],
        from: usize,
        to: usize,
        mut found: impl FnMut(usize, usize, &[P]),
    ) {
        // Tells the compiler a start below `to` is within `b`: no bounds checks on it.
        let to = to.min(b.len());
        let mut s = from;
        if s > 0 && s < to && WORD_BYTE[b[s - 1] as usize] && WORD_BYTE[b[s] as usize] {
            s = token_end(b, s).min(to);
        }
        // The first token a walk looked up past its start, as (position, end, id): the
        // scan's next start, almost always (a walk's later lookups hardly ever are), so
        // the word costs a hash probe less the second time.
        let mut next = (usize::MAX, 0usize, 0u32);
        while s < to {
            let (e, id) = if next.0 == s {
                (next.1, next.2)
            } else {
                self.token(b, s)
            };
            // SAFETY (here and in the walk): token ids are below `roots.len()` and child
            // numbers below `nodes.len()`, as `build` asserts.
            let mut node = unsafe { *self.roots.get_unchecked(id as usize) };
            let mut end = e;
            while node != 0 {
                let n = unsafe { self.nodes.get_unchecked(node as usize) };
                if n.outs.0 != n.outs.1 {
                    found(s, end, unsafe {
                        self.outs.get_unchecked(n.outs.0 as usize..n.outs.1 as usize)
                    });
                }
                if end == b.len() {
                    break;
                }
                if b[end] == b' ' {
                    node = n.space;
                    end += 1;
                    continue;
                }
                if n.mask == 0 {
                    break;
                }
                let (next_end, id) = self.token(b, end);
                // Only the walk's first lookup is kept (`next` is at or before `s`, or unset, until then).
                if next.0 <= s || next.0 == usize::MAX {
                    next = (end, next_end, id);
                }
                if n.mask & 1 << (id % 32) == 0 {
                    break;
                }
                node = unsafe { self.edges.get_unchecked(n.edges.0 as usize..n.edges.1 as usize) }
                    .iter()
                    .find(|&&(t, _)| t == id)
                    .map_or(0, |&(_, c)| c);
                end = next_end;
            }
            s = e;
            // Most words are followed by one space, which begins no phrase.
            if STEP_SPACES && s < to && b[s] == b' ' {
                s += 1;
            }
        }
    }
}

/// How many of the 16 bytes lead with word bytes (16: all of them).
#[cfg(target_arch = "x86_64")]
#[inline]
fn word_len16(w: &[u8; SHORT]) -> usize {
    use std::arch::x86_64::*;
    // SSE2 is part of x86_64. A byte is outside a range when, shifted so that the
    // range's start lands on i8::MIN, it compares greater than the range's end.
    unsafe {
        let x = _mm_loadu_si128(w.as_ptr().cast());
        let outside = |v: __m128i, lo: u8, width: u8| {
            let y = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
            _mm_cmpgt_epi8(y, _mm_set1_epi8((0x80 + width) as i8))
        };
        let not_digit = outside(x, b'0', 9);
        let not_letter = outside(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', 25);
        let under = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'_' as i8));
        let other = _mm_andnot_si128(under, _mm_and_si128(not_digit, not_letter));
        // The bit past the block stops the count at 16.
        (_mm_movemask_epi8(other) as u32 | 1 << SHORT).trailing_zeros() as usize
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn word_len16(w: &[u8; SHORT]) -> usize {
    w.iter().position(|&c| !is_word_byte(c)).unwrap_or(SHORT)
}

/// End of the token at `s`: past the word, or past the one other byte.
#[inline]
fn token_end(b: &[u8], s: usize) -> usize {
    if !WORD_BYTE[b[s] as usize] {
        return s + 1;
    }
    let mut e = s + 1;
    while e < b.len() && WORD_BYTE[b[e] as usize] {
        e += 1;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(index: &PhraseIndex<u32>, text: &str) -> Vec<(usize, usize, Vec<u32>)> {
        let mut out = Vec::new();
        index.scan(text.as_bytes(), 0, text.len(), |s, e, p| out.push((s, e, p.to_vec())));
        out
    }

    #[test]
    fn phrases_are_found_on_token_boundaries_case_folded() {
        let index = PhraseIndex::build([
            ("up", 0),
            ("up by", 1),
            ("y/y", 2),
            ("ex-china", 3),
            ("ternary cathode precursor material", 4),
        ]);
        let text = "Output UP by 5% y/y, update; Ex-China TERNARY cathode precursor material";
        let got = found(&index, text);
        let spans: Vec<(&str, Vec<u32>)> = got.iter().map(|(s, e, p)| (&text[*s..*e], p.clone())).collect();
        assert_eq!(
            spans,
            [
                ("UP", vec![0]),
                ("UP by", vec![1]),
                ("y/y", vec![2]),
                ("Ex-China", vec![3]),
                ("TERNARY cathode precursor material", vec![4]),
            ]
        );
    }

    /// The scan against its definition by comparing bytes: a phrase is found where
    /// the text spells it case-folded, starting at a token start in range, with no
    /// word running on past its end.
    #[test]
    fn scan_agrees_with_comparing_bytes() {
        let phrases = [
            "cu",
            "cu price",
            "cu  price",
            "price",
            "price up",
            "up",
            "up by",
            "y/y",
            "ex-china",
            " ",
            " up",
            "up ",
            "a b c d",
            "a b",
            "_",
            "x_y",
            "2025",
            "q3 2025",
            "-",
            "pyroantimonatesodium",
            "pyroantimonatesodium cu",
            "cathode",
            "copper cathode",
            "cu price",
            "by 5%",
        ];
        // With and without phrases that start with a space (the scan steps over spaces when none do).
        let all = PhraseIndex::build(phrases.iter().enumerate().map(|(i, p)| (*p, i as u32)));
        let no_space_starts = PhraseIndex::build(
            phrases
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.starts_with(' '))
                .map(|(i, p)| (*p, i as u32)),
        );
        let pieces = [
            "cu",
            "CU",
            "Price",
            "price",
            "up",
            "Up",
            "by",
            "y/y",
            "Ex-China",
            "a",
            "b",
            "c",
            "d",
            "x_y",
            "_",
            "2025",
            "Q3",
            "5%",
            "copper",
            "cathode",
            "PyroantimonateSodium",
            "pyroantimonatesodiums",
            "é",
            "7",
            "x",
            "-",
            "/",
            "z".repeat(70).leak(),
        ];
        let glue = [" ", " ", " ", "  ", "", "-", "\n", "_", ",", "é"];
        let mut next = crate::testing::below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..1 + next(10) {
                t.push_str(pieces[next(pieces.len())]);
                t.push_str(glue[next(glue.len())]);
            }
            let b = t.as_bytes();
            let (from, to) = match next(3) {
                0 => (0, b.len()),
                _ => {
                    let x = next(b.len() + 1);
                    (x, x + next(b.len() + 1 - x))
                }
            };
            let space_starts = next(2) == 0;
            let index = if space_starts { &all } else { &no_space_starts };
            let mut got = Vec::new();
            index.scan(b, from, to, |s, e, p| got.push((s, e, p.to_vec())));
            let cut = |at: usize| at > 0 && at < b.len() && is_word_byte(b[at - 1]) && is_word_byte(b[at]);
            let mut want: Vec<(usize, usize, Vec<u32>)> = Vec::new();
            for s in (from..to).filter(|&s| !cut(s)) {
                let mut at_s: Vec<(usize, usize, Vec<u32>)> = Vec::new();
                for (i, p) in phrases
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| space_starts || !p.starts_with(' '))
                {
                    let e = s + p.len();
                    if e <= b.len() && !cut(e) && b[s..e].eq_ignore_ascii_case(p.as_bytes()) {
                        match at_s.iter_mut().find(|w| w.1 == e) {
                            Some(w) => w.2.push(i as u32),
                            None => at_s.push((s, e, vec![i as u32])),
                        }
                    }
                }
                at_s.sort_by_key(|w| w.1);
                want.extend(at_s);
            }
            assert_eq!(got, want, "{t:?} {from}..{to}");
        }
    }

    #[test]
    fn word_lengths_by_block_agree_with_bytes() {
        let mut w = [b'a'; SHORT];
        for c in 0..=255u8 {
            for at in [0, 5, 15] {
                w[at] = c;
                let want = w.iter().position(|&c| !is_word_byte(c)).unwrap_or(SHORT);
                assert_eq!(word_len16(&w), want, "byte {c} at {at}");
                w[at] = b'a';
            }
        }
    }

    #[test]
    fn long_words_and_text_ends() {
        let index = PhraseIndex::build([("pyroantimonatesodium", 7), ("cu", 8)]);
        assert_eq!(found(&index, "PyroantimonateSodium"), [(0, 20, vec![7])]);
        assert_eq!(found(&index, "pyroantimonatesodiums cu"), [(22, 24, vec![8])]);
        assert_eq!(found(&index, "cu_"), []);
    }

    #[test]
    fn a_scan_starts_after_a_cut_word_and_runs_past_its_end() {
        let index = PhraseIndex::build([("copper cathode", 1), ("cathode", 2)]);
        let text = "xcathode copper cathode";
        let mut out = Vec::new();
        index.scan(text.as_bytes(), 3, 12, |s, e, p| out.push((s, e, p.to_vec())));
        assert_eq!(out, [(9, 23, vec![1])]);
    }
}
