//! Prints the facts of one report as JSON lines (a debugging aid for the reading rules).
//!
//! cargo run --example dump -- DOC_ID PATH [PUBLISHED]

use assay::periods::{parse_iso_date, ymd_from_days};
use assay::{parse_text, ParseOptions};

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn opt(s: Option<&str>) -> String {
    s.map_or("null".into(), json_str)
}

fn date(d: i32) -> String {
    let (y, m, dd) = ymd_from_days(d);
    format!("\"{y:04}-{m:02}-{dd:02}\"")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (doc_id, path) = (&args[1], &args[2]);
    let published = args.get(3).and_then(|p| parse_iso_date(p));
    let text = std::fs::read_to_string(path).expect("readable text");
    let doc = parse_text(&text, &ParseOptions { published });
    let char_at = |b: usize| text[..b].chars().count();
    for f in &doc.facts {
        let (ps, pe) = f
            .period
            .map_or(("null".into(), "null".into()), |p| (date(p.start), date(p.end)));
        println!(
            "{{\"doc_id\":{},\"commodity\":{},\"metric\":{},\"region\":{},\"partner\":{},\"segment\":{},\"period_start\":{},\"period_end\":{},\"forecast\":{},\"basis\":{},\"value\":{},\"value_high\":{},\"unit\":{},\"approx\":{},\"start\":{},\"end\":{},\"text\":{}}}",
            json_str(doc_id),
            opt(f.commodity),
            json_str(f.metric),
            opt(f.region),
            opt(f.partner),
            opt(f.segment),
            ps,
            pe,
            f.forecast,
            json_str(f.basis),
            f.value,
            f.value_high.map_or("null".into(), |v| v.to_string()),
            json_str(f.unit),
            json_str(f.approx),
            char_at(f.start),
            char_at(f.end),
            json_str(&text[f.start..f.end]),
        );
    }
}
