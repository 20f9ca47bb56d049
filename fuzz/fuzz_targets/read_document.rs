//! Fuzzes the entry points a document goes through: bytes -> `decode` ->
//! (`html_to_text`) -> `parse_text` -> Arrow tables, plus `corpus::parse_texts`.
//!
//! The reading functions are called directly, not through the corpus guards
//! (which turn panics into error rows), so a panic is a crash the fuzzer sees.
//! Each fact is checked against the contract: offsets on character boundaries
//! inside the text and inside their sentence, finite values, ordered periods.
#![no_main]

use assay::corpus::{self, Format, ReadOptions};
use assay::{decode, html, parse_text, ParseOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    // Low bits: how the bytes become text; bit 2: anchor years with a publication date.
    let published = (mode & 4 != 0).then_some(20_000);
    let text = match mode & 3 {
        // Detected encoding (BOM, UTF-8, GB18030), as files are read.
        0 | 1 => match decode::decode(bytes, None) {
            Ok(d) => d.text,
            Err(_) => return,
        },
        // A chosen legacy encoding.
        2 => decode::decode(bytes, decode::lookup("gbk")).map(|d| d.text).unwrap_or_default(),
        // Whatever a Python str can carry (lossy UTF-8, NULs kept).
        _ => String::from_utf8_lossy(bytes).into_owned(),
    };
    let page = html::html_to_text(&text);
    check(&page.text, published);
    check(&text, published);
    // The whole pipeline to Arrow (guarded: it must give one document row per input).
    let docs = [("t", text.as_str())];
    let format = if mode & 8 != 0 { Format::Html } else { Format::Auto };
    let t = corpus::parse_texts(&docs, format, &ReadOptions { published, ..Default::default() }).unwrap();
    assert_eq!(t.documents.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
});

fn check(text: &str, published: Option<i32>) {
    let doc = parse_text(text, &ParseOptions { published });
    let on = |i: usize| i <= text.len() && text.is_char_boundary(i);
    for f in &doc.facts {
        assert!(f.start < f.end && on(f.start) && on(f.end), "fact offsets {}..{}", f.start, f.end);
        let (ss, se) = f.sentence;
        assert!(on(ss) && on(se) && ss <= f.start && f.end <= se, "sentence {ss}..{se} vs {}..{}", f.start, f.end);
        assert!(f.value.is_finite(), "value {} at {}..{}", f.value, f.start, f.end);
        if let Some(high) = f.value_high {
            assert!(high.is_finite(), "value_high {high}");
        }
        if let Some(p) = f.period {
            assert!(p.start <= p.end, "period {}..{}", p.start, p.end);
        }
    }
    for s in &doc.sections {
        assert!(s.start <= s.end && on(s.start) && on(s.end), "section {}..{}", s.start, s.end);
    }
}
