//! A byte trie of short surface strings (units, currencies, scale words), matched
//! ASCII case-insensitively at a position, forwards or backwards.
//!
//! It answers what trying a list of surfaces in order answers: the first surface
//! in the list that is written there and that the caller accepts. A walk reads
//! each byte of the text once, one table load a byte, where trying the list
//! compares the text with every surface sharing its first byte ("mt" with 16 others).

/// The dead state: no surface goes on this way. Node 1 is the root.
const DEAD: u16 = 0;
const ROOT: u16 = 1;

pub struct SurfaceTrie {
    /// Each byte's column in `next`: the two ASCII cases of a letter share one, and
    /// bytes in no surface share column 0, whose entries are all `DEAD`.
    column: [u8; 256],
    width: usize,
    /// `next[node * width + column]`: the child, one load a byte.
    next: Vec<u16>,
    /// Per node, the smallest list index of the surfaces ending there, plus one (0: none).
    index: Vec<u16>,
    backwards: bool,
}

impl SurfaceTrie {
    /// A trie of `surfaces` as (list index, surface); with `backwards`, a surface is
    /// read from its last byte, to be found ending at a position.
    pub fn new<'s>(surfaces: impl IntoIterator<Item = (usize, &'s str)>, backwards: bool) -> Self {
        let mut column = [0u8; 256];
        let mut width = 1;
        // Built as child lists, then laid out as a table.
        let mut children: Vec<Vec<(u8, usize)>> = vec![Vec::new(), Vec::new()];
        let mut index: Vec<u16> = vec![0, 0];
        for (i, s) in surfaces {
            assert!(!s.is_empty() && i < usize::from(u16::MAX), "surface {i}: {s:?}");
            let mut bytes: Vec<u8> = s.bytes().map(|c| c.to_ascii_lowercase()).collect();
            if backwards {
                bytes.reverse();
            }
            let mut node = usize::from(ROOT);
            for c in bytes {
                if column[usize::from(c)] == 0 {
                    column[usize::from(c)] = u8::try_from(width).expect("under 256 columns");
                    column[usize::from(c.to_ascii_uppercase())] = column[usize::from(c)];
                    width += 1;
                }
                node = match children[node].iter().find(|e| e.0 == c) {
                    Some(&(_, child)) => child,
                    None => {
                        children.push(Vec::new());
                        index.push(0);
                        let child = children.len() - 1;
                        children[node].push((c, child));
                        child
                    }
                };
            }
            let i = i as u16 + 1;
            if index[node] == 0 || i < index[node] {
                index[node] = i;
            }
        }
        assert!(children.len() < usize::from(u16::MAX), "too many nodes");
        let mut next = vec![DEAD; children.len() * width];
        for (n, kids) in children.iter().enumerate() {
            for &(c, child) in kids {
                next[n * width + usize::from(column[usize::from(c)])] = child as u16;
            }
        }
        SurfaceTrie {
            column,
            width,
            next,
            index,
            backwards,
        }
    }

    /// Whether a walk that reads `c`, then `next` if there is one, can find anything:
    /// a surface is `c` alone or goes on with `next`. A caller that most often finds
    /// nothing tests this first, a few loads, and walks only when it holds.
    #[inline]
    pub fn may_begin(&self, c: u8, next: Option<u8>) -> bool {
        let node = self.child(ROOT, c);
        node != DEAD && (self.index[usize::from(node)] != 0 || next.is_some_and(|n| self.child(node, n) != DEAD))
    }

    #[inline]
    fn child(&self, node: u16, c: u8) -> u16 {
        self.next[usize::from(node) * self.width + usize::from(self.column[usize::from(c)])]
    }

    /// The first listed surface written at `b[at..]` (forwards) or ending at `at`
    /// (backwards), ASCII case-insensitively, that `accept(start, end)` takes:
    /// (list index, start, end).
    #[inline]
    pub fn find(&self, b: &[u8], at: usize, accept: impl Fn(usize, usize) -> bool) -> Option<(usize, usize, usize)> {
        if self.backwards {
            self.walk::<true>(b, at, accept)
        } else {
            self.walk::<false>(b, at, accept)
        }
    }

    #[inline]
    fn walk<const BACK: bool>(
        &self,
        b: &[u8],
        at: usize,
        accept: impl Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        let mut node = ROOT;
        let mut p = at;
        loop {
            // The next byte, away from `at`.
            let c = if BACK {
                if p == 0 {
                    break;
                }
                p -= 1;
                b[p]
            } else {
                let Some(&c) = b.get(p) else { break };
                p += 1;
                c
            };
            node = self.child(node, c);
            if node == DEAD {
                break;
            }
            let i = self.index[usize::from(node)];
            if i != 0 {
                let (s, e) = if BACK { (p, at) } else { (at, p) };
                let k = usize::from(i - 1);
                if best.is_none_or(|(j, _, _)| k < j) && accept(s, e) {
                    best = Some((k, s, e));
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the trie stands for: the list tried in order.
    fn by_list(list: &[&str], b: &[u8], at: usize, backwards: bool) -> Option<(usize, usize, usize)> {
        list.iter().enumerate().find_map(|(i, s)| {
            let n = s.len();
            let (st, e) = if backwards {
                (at.checked_sub(n)?, at)
            } else {
                (at, at + n)
            };
            (e <= b.len() && b[st..e].eq_ignore_ascii_case(s.as_bytes()) && (st + e) % 3 != 1).then_some((i, st, e))
        })
    }

    #[test]
    fn first_listed_accepted_surface() {
        let list = [
            "mt",
            "t",
            "mt/year",
            "ton",
            "tons",
            "Mt",
            "$",
            "us$",
            "¥",
            "a",
            "tonnes per year",
            "mt",
        ];
        let text = "5 mt/YEAR, 6 Tons, 7 tonnes per yea US$ 8¥ MT a";
        for backwards in [false, true] {
            let trie = SurfaceTrie::new(list.iter().copied().enumerate(), backwards);
            for at in 0..=text.len() {
                let b = text.as_bytes();
                // A rule that rejects some matches, so later ones must be found.
                let got = trie.find(b, at, |s, e| (s + e) % 3 != 1);
                assert_eq!(got, by_list(&list, b, at, backwards), "{at} {backwards}");
            }
        }
    }
}
