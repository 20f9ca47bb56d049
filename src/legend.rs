//! Abbreviations a report defines for itself ("Abbreviations: mt = million tonnes"),
//! which overrule the vocabulary's reading of them for that report.

use crate::model::Fact;
use memchr::memmem;

/// Whether the report defines "mt" as million tonnes: "mt = million tonnes", "MT:
/// million tonnes", "million tonnes (mt)". Indian and some European statistics write
/// so; elsewhere "mt" is a metric tonne.
pub fn mt_is_million_tonnes(text: &str) -> bool {
    let b = text.as_bytes();
    // One search for both spellings: "illion " is rarer than either word after it.
    memmem::find_iter(b, b"illion ").any(|p| {
        let tail = &text[p + 7..];
        let unit = ["tonnes", "metric tonnes"].iter().find(|u| tail.starts_with(*u));
        unit.is_some_and(|unit| {
            let needle_len = 7 + unit.len();
            let Some(m) = p.checked_sub(1).filter(|&m| b[m] | 0x20 == b'm') else {
                return false;
            };
            let before = text[..m].trim_end();
            let defined = ["=", ":", " -", "\u{2013}"].iter().any(|sep| {
                before
                    .strip_suffix(sep)
                    .map(str::trim_end)
                    .is_some_and(abbreviation_before)
            });
            let after = &text[p + needle_len..];
            defined || after.get(..5).is_some_and(|a| a.eq_ignore_ascii_case(" (mt)"))
        })
    })
}

/// `w` ends with the word "mt".
fn abbreviation_before(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && b[b.len() - 2..].eq_ignore_ascii_case(b"mt")
        && b.len().checked_sub(3).is_none_or(|k| !b[k].is_ascii_alphanumeric())
}

/// Reads "13.12 mt" as 13.12 million tonnes in a report that defines "mt" so: each
/// fact in tonnes whose unit word is "mt" is scaled by a million.
pub fn scale_million_mt(text: &str, facts: &mut [Fact<'_>]) {
    let in_mt = |f: &Fact<'_>| {
        matches!(f.unit, "t" | "t/year" | "t/day")
            // Most facts in tonnes are written with no "m" at all (table cells, "kt").
            && memchr::memchr2(b'm', b'M', &text.as_bytes()[f.start..f.end]).is_some()
            && crate::bytes::first_alpha_word(&text[f.start..f.end]).is_some_and(|w| w.eq_ignore_ascii_case("mt"))
    };
    // The definition first: one search of the text costs less than a look at each fact
    // of a table page.
    if !mt_is_million_tonnes(text) || !facts.iter().any(in_mt) {
        return;
    }
    for f in facts.iter_mut().filter(|f| in_mt(f)) {
        f.value *= 1e6;
        f.value_high = f.value_high.map(|v| v * 1e6);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legend_defines_mt_as_million_tonnes() {
        assert!(mt_is_million_tonnes(
            "Abbreviations: mt = million tonnes; kt = thousand tonnes."
        ));
        assert!(mt_is_million_tonnes("Note. MT: Million tonnes"));
        assert!(mt_is_million_tonnes("output in million tonnes (mt) rose"));
        assert!(!mt_is_million_tonnes("Output was 1.2 million tonnes, or 1,200,000 mt."));
        assert!(!mt_is_million_tonnes("smt = million tonnes"));
        assert!(!mt_is_million_tonnes("Copper output rose 3% to 1.1 million tonnes: mt"));
    }
}
