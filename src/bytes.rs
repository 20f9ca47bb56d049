//! Byte scans the compiler can vectorize.
//!
//! `iter().position(pred)` stops at the first hit, and that early exit keeps
//! the loop scalar. Scanning fixed blocks without an exit first, then the one
//! block that has a hit, runs many bytes per instruction on long text without
//! hits (most of a report is words).

const BLOCK: usize = 32;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
