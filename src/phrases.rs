//! Phrases as sequences of tokens, and the scan that finds them in a text.
//!
//! A token is a run of word bytes (ASCII letters, digits, `_`) or any other
//! single byte. A phrase is word-bounded (no word runs on past either edge)
//! exactly when the text's tokens from its start spell the phrase's tokens, so
//! the scan looks each token of the text up once, a word by its case-folded
//! bytes in a hash table, and walks a trie of token ids from the tokens that
//! begin a phrase. A word costs one probe of the table, where a trie of bytes
//! costs a dependent load for every byte it shares with some phrase.

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
fn hash(key: u128, seed: u64) -> u64 {
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    (lo ^ seed ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A slot's high half: the fingerprint of its word.
const FINGERPRINT: u32 = 0xFFFF_0000;
/// A slot's low half: the id of its word.
const ID: u32 = 0xFFFF;

/// The part of a hash a slot keeps to tell the words of a bucket apart, in the
/// slot's high half: bits below the bucket number's.
#[inline]
fn fingerprint(h: u64) -> u32 {
    (h >> 16) as u32 & FINGERPRINT
}

/// Eight slots of the word table, one 32-byte load: each the [`fingerprint`] of a
/// word and its id (below 2^16) in the low half; 0 if empty.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct Bucket([u32; 8]);

/// A token of the text in some phrase (id not 0), and the node its one-token prefix reaches.
#[derive(Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    id: u32,
    root: u32,
}

/// A scan looks up the tokens of this many blocks of 64 bytes at most before it
/// walks the trie from them: the buffer stays small however long the text.
const BATCH_BLOCKS: usize = 16;

thread_local! {
    /// The tokens of a batch, kept from scan to scan (taken out while in use, so a
    /// `found` that scans again gets a buffer of its own).
    static TOKENS: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
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
    /// The short words by hash: a word is in the bucket its hash's high bits name
    /// (no bucket overflows, no two words of a bucket share a fingerprint, by the
    /// choice of `seed`), so a lookup is one load and a compare of eight slots, with
    /// no branch on how often the text's words are in the table or how far to probe.
    buckets: Vec<Bucket>,
    seed: u64,
    shift: u32,
    /// The key of each short word, by id (0 for ids of single bytes and long words),
    /// which the word a fingerprint matches must equal.
    keys: Vec<u128>,
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
        assert!(n_ids <= ID, "{n_ids} token ids do not fit a slot's 16 bits");
        let mut keys = vec![0u128; n_ids as usize + 1];
        for &(key, id) in &short_words {
            keys[id as usize] = key;
        }
        let (buckets, seed, shift) = word_table(&short_words);
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
        assert!(buckets.iter().all(|k| k.0.iter().all(|&slot| slot & ID <= n_ids)));
        assert!(byte_ids.iter().all(|&id| id <= n_ids));
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
            buckets,
            seed,
            shift,
            keys,
            long_words,
            roots,
            nodes,
            edges,
            outs,
        }
    }

    /// The id of the short word whose key is `key` (0: in no phrase).
    #[inline(always)]
    fn short_id(&self, key: u128) -> u32 {
        let h = hash(key, self.seed);
        // SAFETY: `h >> shift` is below `buckets.len()` (2^(64 - shift)); the ids in
        // slots are below `keys.len()` (see `build`).
        let bucket = unsafe { self.buckets.get_unchecked((h >> self.shift) as usize) };
        let id = bucket_id(bucket, fingerprint(h));
        let known = unsafe { *self.keys.get_unchecked(id as usize) } == key;
        // No branch: whether a word of the text is in the table is a coin toss.
        id & (known as u32).wrapping_neg()
    }

    /// The id of the word `b[s..s + n]` (1 <= n).
    #[inline(always)]
    fn word_id(&self, b: &[u8], s: usize, n: usize) -> u32 {
        if n > SHORT {
            return self.long_word(&b[s..s + n]);
        }
        self.short_id(short_key(b, s, n))
    }

    /// The token starting at `s`: its end and id (0: in no phrase).
    fn token(&self, b: &[u8], s: usize) -> (usize, u32) {
        if !WORD_BYTE[b[s] as usize] {
            return (s + 1, self.byte_ids[b[s] as usize]);
        }
        let e = token_end(b, s);
        (e, self.word_id(b, s, e - s))
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
    ///
    /// Two passes over each batch of blocks: the first finds the tokens from bit masks
    /// of the block's word bytes and looks them up, with no step waiting on the one
    /// before (where a token-by-token loop waits for each token's end to find the next
    /// start); the second walks the trie from the tokens that begin a phrase.
    pub fn scan(&self, b: &[u8], from: usize, to: usize, mut found: impl FnMut(usize, usize, &[P])) {
        let to = to.min(b.len());
        let mut s = from;
        if s > 0 && s < to && WORD_BYTE[b[s - 1] as usize] && WORD_BYTE[b[s] as usize] {
            s = token_end(b, s).min(to);
        }
        let mut tokens = TOKENS.take();
        // Whether the byte before a block is a word byte: `s` starts no word's middle.
        let mut carry = 0;
        while s < to {
            tokens.clear();
            for _ in 0..BATCH_BLOCKS {
                if s >= to {
                    break;
                }
                carry = self.block_tokens(b, s, to, carry, &mut tokens);
                s += 64;
            }
            self.walk(b, &tokens, s.min(to), &mut found);
        }
        TOKENS.set(tokens);
    }

    /// Appends the tokens in a phrase (id not 0) that start in `b[p..to]`'s first 64
    /// bytes; `carry`: whether `b[p - 1]` continues a word into the block (1) or not (0).
    /// Returns the carry into the next block.
    #[inline(always)]
    fn block_tokens(&self, b: &[u8], p: usize, to: usize, carry: u64, out: &mut Vec<Token>) -> u64 {
        let (word, space) = masks64(b, p);
        let in_range = match to - p {
            n if n >= 64 => u64::MAX,
            n => (1 << n) - 1,
        };
        // Spaces start no token when no phrase starts with one: the scan's commonest byte skipped.
        let spaces = if self.space_starts_none { space } else { 0 };
        let mut starts = ((word & !(word << 1 | carry)) | (!word & !spaces)) & in_range;
        out.reserve(64);
        let mut len = out.len();
        while starts != 0 {
            let i = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let q = p + i;
            let run = (!(word >> i)).trailing_zeros() as usize;
            let (end, id) = if run == 0 {
                (q + 1, self.byte_ids[b[q] as usize])
            } else if i + run < 64 {
                (q + run, self.word_id(b, q, run))
            } else {
                // The word runs on into the next block.
                self.token(b, q)
            };
            // SAFETY: ids are below `roots.len()` (see `build`); at most 64 tokens
            // start in a block, and room for 64 was reserved.
            let root = unsafe { *self.roots.get_unchecked(id as usize) };
            unsafe {
                out.as_mut_ptr().add(len).write(Token {
                    start: q,
                    end,
                    id,
                    root,
                })
            };
            // Kept only if in a phrase, without a branch on it.
            len += (id != 0) as usize;
        }
        unsafe { out.set_len(len) };
        word >> 63
    }

    /// Walks the trie from each token of `tokens` that begins a phrase; `done`: the
    /// tokens starting before it are all in `tokens` (if in a phrase), those after
    /// are looked up as the walk reaches them.
    #[inline(always)]
    fn walk(&self, b: &[u8], tokens: &[Token], done: usize, found: &mut impl FnMut(usize, usize, &[P])) {
        for (i, t) in tokens.iter().enumerate() {
            let mut node = t.root;
            let mut end = t.end;
            // The next token the walk may take.
            let mut next = i + 1;
            while node != 0 {
                // SAFETY: child numbers are below `nodes.len()`, node ranges within
                // `edges` and `outs`, as `build` asserts.
                let n = unsafe { self.nodes.get_unchecked(node as usize) };
                if n.outs.0 != n.outs.1 {
                    found(t.start, end, unsafe {
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
                // Space tokens (when phrases start with one) the walk stepped over.
                while tokens.get(next).is_some_and(|x| x.start < end) {
                    next += 1;
                }
                let (next_end, id) = match tokens.get(next) {
                    Some(x) if x.start == end => (x.end, x.id),
                    // A token start before `done` not in `tokens` is in no phrase.
                    _ if end < done => break,
                    _ => self.token(b, end),
                };
                if n.mask & 1 << (id % 32) == 0 {
                    break;
                }
                node = unsafe { self.edges.get_unchecked(n.edges.0 as usize..n.edges.1 as usize) }
                    .iter()
                    .find(|&&(t, _)| t == id)
                    .map_or(0, |&(_, c)| c);
                end = next_end;
            }
        }
    }
}

/// The word table of `words` (key, id): its buckets, the seed of its hash and the
/// shift that takes a hash to a bucket number. About four words a bucket: 8 KB for
/// the ~800 short words of the vocabularies, which stay in L1 through a scan.
fn word_table(words: &[(u128, u32)]) -> (Vec<Bucket>, u64, u32) {
    let mut n = (words.len() / 4).next_power_of_two().max(16);
    loop {
        let shift = 64 - n.trailing_zeros();
        // A few seeds at each size, then twice the buckets.
        for attempt in 0..64u64 {
            let seed = attempt.wrapping_mul(0x2545_F491_4F6C_DD1D);
            if let Some(buckets) = fill_buckets(words, n, seed, shift) {
                return (buckets, seed, shift);
            }
        }
        n *= 2;
    }
}

/// `n` buckets of `words` by `seed`, if none overflows and no two words of a bucket share a fingerprint.
fn fill_buckets(words: &[(u128, u32)], n: usize, seed: u64, shift: u32) -> Option<Vec<Bucket>> {
    let mut buckets = vec![Bucket::default(); n];
    let mut fill = vec![0usize; n];
    for &(key, id) in words {
        let h = hash(key, seed);
        let at = (h >> shift) as usize;
        let fp = fingerprint(h);
        let k = fill[at];
        if k == 8 || buckets[at].0[..k].iter().any(|&x| x & FINGERPRINT == fp) {
            return None;
        }
        buckets[at].0[k] = fp | id;
        fill[at] += 1;
    }
    Some(buckets)
}

/// The id in the slot of `bucket` whose fingerprint is `fp` (0 if none; empty slots
/// hold id 0). At most one slot matches (see [`fill_buckets`]).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn bucket_id(bucket: &Bucket, fp: u32) -> u32 {
    use std::arch::x86_64::*;
    // SSE2 is part of x86_64; the bucket is 32-byte aligned.
    unsafe {
        let p = bucket.0.as_ptr();
        let (lo, hi) = (_mm_load_si128(p.cast()), _mm_load_si128(p.add(4).cast()));
        let high = _mm_set1_epi32(FINGERPRINT as i32);
        let f = _mm_set1_epi32(fp as i32);
        let pick = |x: __m128i| _mm_and_si128(_mm_cmpeq_epi32(_mm_and_si128(x, high), f), x);
        let r = _mm_or_si128(pick(lo), pick(hi));
        let r = _mm_or_si128(r, _mm_shuffle_epi32::<0x4E>(r));
        let r = _mm_or_si128(r, _mm_shuffle_epi32::<0xB1>(r));
        _mm_cvtsi128_si32(r) as u32 & ID
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn bucket_id(bucket: &Bucket, fp: u32) -> u32 {
    bucket
        .0
        .iter()
        .fold(0, |id, &x| id | if x & FINGERPRINT == fp { x & ID } else { 0 })
}

/// Bit masks of `b[p..p + 64]`: its word bytes and its spaces (past the end of `b`, neither).
#[inline(always)]
fn masks64(b: &[u8], p: usize) -> (u64, u64) {
    match b.get(p..p + 64) {
        Some(block) => block_masks(block.try_into().expect("64 bytes")),
        None => tail_masks(&b[p..]),
    }
}

#[cold]
fn tail_masks(tail: &[u8]) -> (u64, u64) {
    let mut block = [0u8; 64];
    block[..tail.len()].copy_from_slice(tail);
    block_masks(&block)
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::*;
    let (mut word, mut space) = (0u64, 0u64);
    for k in 0..4 {
        // SAFETY: SSE2 is part of x86_64; 16 bytes at 16 k are in the block.
        unsafe {
            let x = _mm_loadu_si128(block.as_ptr().add(16 * k).cast());
            word |= u64::from(!non_word16(x) as u16) << (16 * k);
            let sp = _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8))) as u32;
            space |= u64::from(sp) << (16 * k);
        }
    }
    (word, space)
}

#[cfg(not(target_arch = "x86_64"))]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    let (mut word, mut space) = (0u64, 0u64);
    for (i, &c) in block.iter().enumerate() {
        word |= u64::from(is_word_byte(c)) << i;
        space |= u64::from(c == b' ') << i;
    }
    (word, space)
}

/// Bit i set where byte i of `x` is not a word byte.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn non_word16(x: std::arch::x86_64::__m128i) -> u32 {
    use std::arch::x86_64::*;
    // SSE2 is part of x86_64. A byte is outside a range when, shifted so that the
    // range's start lands on i8::MIN, it compares greater than the range's end.
    unsafe {
        let outside = |v: __m128i, lo: u8, width: u8| {
            let y = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
            _mm_cmpgt_epi8(y, _mm_set1_epi8((0x80 + width) as i8))
        };
        let not_digit = outside(x, b'0', 9);
        let not_letter = outside(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', 25);
        let under = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'_' as i8));
        let other = _mm_andnot_si128(under, _mm_and_si128(not_digit, not_letter));
        _mm_movemask_epi8(other) as u32
    }
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
        for case in 0..2400 {
            let mut t = String::new();
            // Some texts long enough to span blocks of 64 bytes and batches of them.
            let pieces_n = if case % 6 == 0 { 1 + next(600) } else { 1 + next(10) };
            for _ in 0..pieces_n {
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
    fn block_masks_agree_with_bytes() {
        let mut block = [b'a'; 64];
        for c in 0..=255u8 {
            for at in [0, 5, 15, 16, 31, 47, 63] {
                block[at] = c;
                let (word, space) = block_masks(&block);
                for (i, &x) in block.iter().enumerate() {
                    assert_eq!(word >> i & 1 == 1, is_word_byte(x), "byte {c} at {at}, bit {i}");
                    assert_eq!(space >> i & 1 == 1, x == b' ', "byte {c} at {at}, bit {i}");
                }
                block[at] = b'a';
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
