//! Micro-benchmarks of the reading core on one thread (`cargo bench --bench core`).
//!
//! Inputs are the shared corpus documents (`../shared/corpus`) when present,
//! else a small built-in report; throughput is reported in bytes of text.

use assay::corpus::{parse_texts, Format, ReadOptions};
use assay::{lexicon, meta, numbers, parse_text, periods, segment, ParseOptions};
use divan::counter::BytesCount;
use divan::Bencher;

const FALLBACK: &str = "Copper Cathode\n\nIn May 2025, China's copper cathode output fell by 81,700 mt MoM, \
a decline of 7.46%, and rose 12.5% YoY. Imports from Chile reached 250,000 mt in Q1 2025; \
prices are expected to rise to 80,000 yuan/mt next month.\n";

fn docs() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir("../shared/corpus")
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| {
                    let p = e.path();
                    let text = std::fs::read_to_string(&p).ok()?;
                    Some((p.file_stem()?.to_string_lossy().into_owned(), text))
                })
                .collect()
        })
        .unwrap_or_default();
    if v.is_empty() {
        v.push(("fallback".into(), FALLBACK.repeat(50)));
    }
    v.sort();
    v
}

fn bytes(docs: &[(String, String)]) -> BytesCount {
    BytesCount::new(docs.iter().map(|(_, t)| t.len()).sum::<usize>())
}

/// Times `per_doc` over every document; its results are summed so none is optimised away.
fn over_docs(b: Bencher, per_doc: impl Fn(&str) -> usize + Sync) {
    let docs = docs();
    b.counter(bytes(&docs))
        .bench(|| docs.iter().map(|(_, t)| per_doc(divan::black_box(t))).sum::<usize>());
}

#[divan::bench]
fn parse_text_all(b: Bencher) {
    let opts = ParseOptions::default();
    over_docs(b, |t| parse_text(t, &opts).facts.len());
}

#[divan::bench]
fn parse_and_arrow_tables(b: Bencher) {
    let docs = docs();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    b.counter(bytes(&docs))
        .bench(|| pool.install(|| parse_texts(&docs, Format::Text, &ReadOptions::default()).unwrap()));
}

#[divan::bench]
fn periods_scan(b: Bencher) {
    over_docs(b, |t| periods::scan(t, 0, t.len()).len());
}

#[divan::bench]
fn vocab_find_all(b: Bencher) {
    over_docs(b, |t| lexicon::find_all(t).cues.len());
}

#[divan::bench]
fn segment_lines_and_sentences(b: Bencher) {
    over_docs(b, |t| {
        segment::lines(t)
            .iter()
            .map(|l| segment::sentences(t, l.start, l.end).len())
            .sum()
    });
}

#[divan::bench]
fn meta_read(b: Bencher) {
    let docs = docs();
    // Lines are split outside the timed loop: this times meta::read alone.
    let lines: Vec<_> = docs.iter().map(|(_, t)| segment::lines(t)).collect();
    b.counter(bytes(&docs)).bench(|| {
        docs.iter()
            .zip(&lines)
            .map(|((_, t), l)| meta::read(t, l, None).doc.title.map_or(0, str::len))
            .sum::<usize>()
    });
}

#[divan::bench]
fn numbers_scan(b: Bencher) {
    over_docs(b, |t| numbers::scan(t, 0, t.len()).len());
}

fn main() {
    divan::main();
}
