//! Throughput of the Rust core on one thread, without Python: decode-free
//! `parse_text` alone, and parse + Arrow tables (`corpus::parse_texts`, 1 thread).
//!
//! cargo run --release --example bench_core -- [DIR_OR_FILES...] [--seconds S]
//!
//! Defaults to `../shared/corpus`. Prints MB/s (1 MB = 10^6 bytes of text).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use assay::corpus::{self, Format, ReadOptions};
use assay::{parse_text, ParseOptions};

fn inputs(args: &[String]) -> Vec<PathBuf> {
    let roots: Vec<PathBuf> = if args.is_empty() {
        vec![PathBuf::from("../shared/corpus")]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let mut out = Vec::new();
    for r in roots {
        if r.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&r)
                .expect("readable directory")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(r);
        }
    }
    out
}

/// One measured round, a function of its own so that an instruction count can
/// leave out the warm-up: `valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect='*timed_round*' target/release/examples/bench_core --seconds 0`
/// counts three rounds of each measure.
#[inline(never)]
fn timed_round(f: &mut impl FnMut()) {
    f();
}

/// Runs `f` (which processes `bytes` bytes) repeatedly for at least `min`; returns MB/s.
fn rate(bytes: usize, min: Duration, mut f: impl FnMut()) -> (f64, usize) {
    f(); // warm-up: lazy vocabularies compiled, caches filled
    let t0 = Instant::now();
    let mut n = 0;
    while n < 3 || t0.elapsed() < min {
        timed_round(&mut f);
        n += 1;
    }
    (bytes as f64 * n as f64 / t0.elapsed().as_secs_f64() / 1e6, n)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut seconds = 3.0;
    if let Some(i) = args.iter().position(|a| a == "--seconds") {
        seconds = args[i + 1].parse().expect("--seconds takes a number");
        args.drain(i..i + 2);
    }
    let min = Duration::from_secs_f64(seconds);
    let docs: Vec<(String, String)> = inputs(&args)
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(p).expect("UTF-8 text"))
        })
        .collect();
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let opts = ParseOptions::default();

    let mut n_facts = 0;
    let (parse_rate, n) = rate(bytes, min, || {
        n_facts = docs.iter().map(|(_, t)| parse_text(t, &opts).facts.len()).sum();
    });
    println!(
        "parse_text          {parse_rate:8.1} MB/s  ({} docs, {bytes} bytes, {n_facts} facts, {n} rounds)",
        docs.len()
    );

    let ropts = ReadOptions {
        threads: Some(1),
        ..Default::default()
    };
    // Pool built once, outside the timed loop.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let (tables_rate, n) = rate(bytes, min, || {
        let t = pool.install(|| {
            corpus::parse_texts(
                &docs,
                Format::Text,
                &ReadOptions {
                    threads: None,
                    ..ropts.clone()
                },
            )
        });
        assert!(t.is_ok());
    });
    println!("parse_texts+arrow   {tables_rate:8.1} MB/s  (1 thread, {n} rounds)");
}
