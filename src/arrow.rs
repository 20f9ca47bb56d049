//! Arrow schemas of the output tables, and builders filled straight from
//! [`ParsedDoc`]s (no per-row structs in between).
//!
//! One [`TablesBuilder`] takes any number of documents and finishes one
//! [`RecordBatch`] per table, so a parallel chunk of documents is one batch.

use std::sync::{Arc, LazyLock};

use arrow_array::builder::{BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use crate::html::PageMap;
use crate::model::{Days, ParsedDoc};

fn schema(fields: &[(&str, DataType, bool)]) -> SchemaRef {
    Arc::new(Schema::new(
        fields
            .iter()
            .map(|(name, ty, nullable)| Field::new(*name, ty.clone(), *nullable))
            .collect::<Vec<_>>(),
    ))
}

use DataType::{Boolean, Date32, Float64, Int64, Utf8};

static FACTS: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("doc_id", Utf8, false),
        ("commodity", Utf8, true),
        ("metric", Utf8, false),
        ("region", Utf8, true),
        ("partner", Utf8, true),
        ("segment", Utf8, true),
        ("period_start", Date32, true),
        ("period_end", Date32, true),
        ("forecast", Boolean, false),
        ("basis", Utf8, false),
        ("value", Float64, false),
        ("value_high", Float64, true),
        ("unit", Utf8, false),
        ("approx", Utf8, false),
        ("start", Int64, false),
        ("end", Int64, false),
        ("sentence", Utf8, false),
    ])
});

static DOCUMENTS: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("doc_id", Utf8, false),
        ("path", Utf8, true),
        ("title", Utf8, true),
        ("published", Date32, true),
        ("source", Utf8, true),
        ("n_chars", Int64, false),
        ("n_facts", Int64, false),
        ("status", Utf8, false),
        ("message", Utf8, true),
    ])
});

static SECTIONS: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("doc_id", Utf8, false),
        ("index", Int64, false),
        ("heading", Utf8, false),
        ("commodity", Utf8, true),
        ("start", Int64, false),
        ("end", Int64, false),
    ])
});

static ERRORS: LazyLock<SchemaRef> = LazyLock::new(|| {
    schema(&[
        ("doc_id", Utf8, false),
        ("path", Utf8, true),
        ("severity", Utf8, false),
        ("message", Utf8, false),
    ])
});

pub fn facts_schema() -> SchemaRef {
    FACTS.clone()
}
pub fn documents_schema() -> SchemaRef {
    DOCUMENTS.clone()
}
pub fn sections_schema() -> SchemaRef {
    SECTIONS.clone()
}
pub fn errors_schema() -> SchemaRef {
    ERRORS.clone()
}

/// The schema of a table by name (`facts`, `documents`, `sections`, `errors`).
pub fn schema_of(table: &str) -> Option<SchemaRef> {
    match table {
        "facts" => Some(facts_schema()),
        "documents" => Some(documents_schema()),
        "sections" => Some(sections_schema()),
        "errors" => Some(errors_schema()),
        _ => None,
    }
}

/// Where the offsets of facts and sections point: the parsed text itself, or, for a
/// web page, the page as given (the parsed text is what `html` read from it).
pub enum Offsets<'p> {
    Text(CharOffsets),
    Page { map: &'p PageMap, page: CharOffsets },
}

impl<'p> Offsets<'p> {
    /// `page`: the page the text was read from and the map between the two.
    pub fn new(text: &str, page: Option<(&str, &'p PageMap)>) -> Self {
        match page {
            None => Offsets::Text(CharOffsets::new(text)),
            Some((page, map)) => Offsets::Page {
                map,
                page: CharOffsets::new(page),
            },
        }
    }

    /// The code-point offset of the span starting at text byte `b`.
    pub fn start(&self, b: usize) -> i64 {
        match self {
            Offsets::Text(o) => o.get(b),
            Offsets::Page { map, page } => page.get(map.start(b)),
        }
    }

    /// The code-point offset of the span ending at text byte `e` (exclusive).
    pub fn end(&self, e: usize) -> i64 {
        match self {
            Offsets::Text(o) => o.get(e),
            Offsets::Page { map, page } => page.get(map.end(e)),
        }
    }

    /// Length in code points of the document as given.
    pub fn n_chars(&self) -> i64 {
        match self {
            Offsets::Text(o) | Offsets::Page { page: o, .. } => o.n_chars(),
        }
    }
}

/// Maps byte offsets of one text to code-point offsets (Python `str` indices).
///
/// Reports are mostly ASCII: one scan notes the few wider characters, and a
/// lookup subtracts the bytes beyond the first of those before the offset.
pub struct CharOffsets {
    len: usize,
    /// Per character wider than a byte, in order: its first byte, its length in
    /// bytes, and the bytes beyond the first in it and in all before it.
    wide: Vec<(usize, usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        let mut wide = Vec::new();
        let mut extra = 0;
        let mut i = 0;
        while let Some(k) = crate::bytes::position(&b[i..], |c| !c.is_ascii()) {
            let lead = i + k;
            // A `str` is valid UTF-8: the lead byte tells the length.
            let n = match b[lead] {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            extra += n - 1;
            wide.push((lead, n, extra));
            i = lead + n;
        }
        CharOffsets { len: b.len(), wide }
    }

    /// The code points that start before `byte` (clamped to the text).
    pub fn get(&self, byte: usize) -> i64 {
        let byte = byte.min(self.len);
        let k = self.wide.partition_point(|w| w.0 < byte);
        let Some(&(lead, n, mut extra)) = k.checked_sub(1).map(|k| &self.wide[k]) else {
            return byte as i64;
        };
        // `byte` inside a wide character: only the bytes of it before `byte` are extra.
        if lead + n > byte {
            extra -= lead + n - byte;
        }
        (byte - extra) as i64
    }

    /// The text's length in code points.
    pub fn n_chars(&self) -> i64 {
        self.get(self.len)
    }
}

/// Code points in UTF-8 bytes: every byte that is not a continuation byte.
/// Summed in byte lanes per block (a per-byte `usize` count vectorizes poorly).
fn count_chars(bytes: &[u8]) -> usize {
    let starts = |block: &[u8]| {
        block
            .iter()
            .map(|&b| ((b as i8) >= -0x40) as u8)
            .fold(0u8, u8::wrapping_add)
    };
    let mut blocks = bytes.chunks_exact(128);
    let mut n: usize = blocks.by_ref().map(|block| starts(block) as usize).sum();
    n += starts(blocks.remainder()) as usize;
    n
}

/// Length of a text in code points.
pub fn char_len(text: &str) -> i64 {
    if text.is_ascii() {
        text.len() as i64
    } else {
        count_chars(text.as_bytes()) as i64
    }
}

/// `text[range]`, or "" when the range is not valid for the text (never panics).
fn slice(text: &str, (start, end): (usize, usize)) -> &str {
    text.get(start..end).unwrap_or("")
}

/// The longest sentence a fact's row carries whole (bytes). Sentences of reports
/// stay far below it (the longest of the dev corpus: 637); a longer one is a run of
/// cells or list items without a full stop (cut at `segment::MAX_SENTENCE`), often
/// with hundreds of numbers, and whole it would be copied into each of their rows:
/// a 300 KB page of "1% 2% 3% ..." took 1 GB.
const SENTENCE_WHOLE: usize = 1024;
/// How much of a longer sentence a row carries: about this many bytes around its number.
const SENTENCE_WINDOW: usize = 256;

/// The text of the sentence `(s, e)` a fact at `number` was read from, for its row:
/// the sentence, or past [`SENTENCE_WHOLE`] a window of it around the number, cut
/// at white space. Always a slice of `text` ("" for a range not valid in it).
fn sentence_text(text: &str, (s, e): (usize, usize), number: (usize, usize)) -> &str {
    let sentence = slice(text, (s, e));
    if sentence.len() <= SENTENCE_WHOLE {
        return sentence;
    }
    let (ns, ne) = (number.0.clamp(s, e), number.1.clamp(s, e));
    let half = SENTENCE_WINDOW / 2;
    let mut a = ((ns + ne) / 2).saturating_sub(half).clamp(s, ns);
    let mut b = (a + SENTENCE_WINDOW).clamp(ne, e);
    let bytes = text.as_bytes();
    // Whole words: a window that cuts one starts after the first space of its lead
    // and ends at the last space of its trail.
    if a > s && !bytes[a - 1].is_ascii_whitespace() {
        if let Some(k) = bytes[a..ns].iter().position(u8::is_ascii_whitespace) {
            a += k + 1;
        }
    }
    if b < e && !bytes[b].is_ascii_whitespace() {
        if let Some(k) = bytes[ne..b].iter().rposition(u8::is_ascii_whitespace) {
            b = ne + k;
        }
    }
    while !text.is_char_boundary(a) {
        a += 1;
    }
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text.get(a..b).map_or("", str::trim)
}

#[derive(Default)]
pub struct FactsBuilder {
    doc_id: StringBuilder,
    commodity: StringBuilder,
    metric: StringBuilder,
    region: StringBuilder,
    partner: StringBuilder,
    segment: StringBuilder,
    period_start: Date32Builder,
    period_end: Date32Builder,
    forecast: BooleanBuilder,
    basis: StringBuilder,
    value: Float64Builder,
    value_high: Float64Builder,
    unit: StringBuilder,
    approx: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    sentence: StringBuilder,
}

impl FactsBuilder {
    pub fn append_doc(&mut self, doc_id: &str, doc: &ParsedDoc, offsets: &Offsets) {
        for f in &doc.facts {
            self.doc_id.append_value(doc_id);
            self.commodity.append_option(f.commodity);
            self.metric.append_value(f.metric);
            self.region.append_option(f.region);
            self.partner.append_option(f.partner);
            self.segment.append_option(f.segment);
            self.period_start.append_option(f.period.map(|p| p.start));
            self.period_end.append_option(f.period.map(|p| p.end));
            self.forecast.append_value(f.forecast);
            self.basis.append_value(f.basis);
            self.value.append_value(f.value);
            self.value_high.append_option(f.value_high);
            self.unit.append_value(f.unit);
            self.approx.append_value(f.approx);
            self.start.append_value(offsets.start(f.start));
            self.end.append_value(offsets.end(f.end));
            self.sentence
                .append_value(sentence_text(doc.text, f.sentence, (f.start, f.end)));
        }
    }

    pub fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.commodity.finish()),
            Arc::new(self.metric.finish()),
            Arc::new(self.region.finish()),
            Arc::new(self.partner.finish()),
            Arc::new(self.segment.finish()),
            Arc::new(self.period_start.finish()),
            Arc::new(self.period_end.finish()),
            Arc::new(self.forecast.finish()),
            Arc::new(self.basis.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.value_high.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.approx.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.sentence.finish()),
        ];
        RecordBatch::try_new(facts_schema(), columns).expect("facts columns match the facts schema")
    }
}

#[derive(Default)]
pub struct SectionsBuilder {
    doc_id: StringBuilder,
    index: Int64Builder,
    heading: StringBuilder,
    commodity: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
}

impl SectionsBuilder {
    pub fn append_doc(&mut self, doc_id: &str, doc: &ParsedDoc, offsets: &Offsets) {
        for (i, s) in doc.sections.iter().enumerate() {
            self.doc_id.append_value(doc_id);
            self.index.append_value(i as i64);
            self.heading.append_value(s.heading);
            self.commodity.append_option(s.commodity);
            self.start.append_value(offsets.start(s.start));
            self.end.append_value(offsets.end(s.end));
        }
    }

    pub fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.index.finish()),
            Arc::new(self.heading.finish()),
            Arc::new(self.commodity.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
        ];
        RecordBatch::try_new(sections_schema(), columns).expect("sections columns match the sections schema")
    }
}

/// How reading one document went (the `documents.status` column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    Warning,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "error",
        }
    }
}

/// One `documents` row; `title` and `published` fill in what the text itself does not say.
pub struct DocRow<'a> {
    pub doc_id: &'a str,
    pub path: Option<&'a str>,
    pub title: Option<&'a str>,
    pub published: Option<Days>,
    pub source: Option<&'a str>,
    pub n_chars: i64,
    pub n_facts: i64,
    pub status: Status,
    pub message: Option<&'a str>,
}

#[derive(Default)]
pub struct DocumentsBuilder {
    doc_id: StringBuilder,
    path: StringBuilder,
    title: StringBuilder,
    published: Date32Builder,
    source: StringBuilder,
    n_chars: Int64Builder,
    n_facts: Int64Builder,
    status: StringBuilder,
    message: StringBuilder,
}

impl DocumentsBuilder {
    pub fn append(&mut self, row: &DocRow) {
        self.doc_id.append_value(row.doc_id);
        self.path.append_option(row.path);
        self.title.append_option(row.title);
        self.published.append_option(row.published);
        self.source.append_option(row.source);
        self.n_chars.append_value(row.n_chars);
        self.n_facts.append_value(row.n_facts);
        self.status.append_value(row.status.as_str());
        self.message.append_option(row.message);
    }

    pub fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.path.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.n_chars.finish()),
            Arc::new(self.n_facts.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.message.finish()),
        ];
        RecordBatch::try_new(documents_schema(), columns).expect("documents columns match the documents schema")
    }
}

#[derive(Default)]
pub struct ErrorsBuilder {
    doc_id: StringBuilder,
    path: StringBuilder,
    severity: StringBuilder,
    message: StringBuilder,
}

impl ErrorsBuilder {
    pub fn append(&mut self, doc_id: &str, path: Option<&str>, severity: Status, message: &str) {
        self.doc_id.append_value(doc_id);
        self.path.append_option(path);
        self.severity.append_value(severity.as_str());
        self.message.append_value(message);
    }

    pub fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.path.finish()),
            Arc::new(self.severity.finish()),
            Arc::new(self.message.finish()),
        ];
        RecordBatch::try_new(errors_schema(), columns).expect("errors columns match the errors schema")
    }
}

/// One batch of each output table.
#[derive(Clone, Debug)]
pub struct Batches {
    pub documents: RecordBatch,
    pub sections: RecordBatch,
    pub facts: RecordBatch,
    pub errors: RecordBatch,
}

/// Where a document came from and what happened before parsing (decoding warnings, HTML title).
#[derive(Clone, Copy, Debug, Default)]
pub struct Origin<'a> {
    pub doc_id: &'a str,
    pub path: Option<&'a str>,
    /// Used when the text names no title of its own (an HTML `<title>`).
    pub title: Option<&'a str>,
    /// Used when the text carries no date of its own (the caller's `published`).
    pub published: Option<Days>,
    pub warnings: &'a [String],
}

/// Appends many documents, finishes one batch per table.
#[derive(Default)]
pub struct TablesBuilder {
    documents: DocumentsBuilder,
    sections: SectionsBuilder,
    facts: FactsBuilder,
    errors: ErrorsBuilder,
}

impl TablesBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A document that was read: its facts, sections, and an ok/warning row.
    /// `page`: for a web page, the page as given and where its text stands in it.
    pub fn append_parsed(&mut self, origin: &Origin, doc: &ParsedDoc, page: Option<(&str, &PageMap)>) {
        self.append_warnings(origin);
        // One scan of the text serves the offsets of both tables and its length.
        let offsets = Offsets::new(doc.text, page);
        self.facts.append_doc(origin.doc_id, doc, &offsets);
        self.sections.append_doc(origin.doc_id, doc, &offsets);
        let message = (!origin.warnings.is_empty()).then(|| origin.warnings.join("; "));
        self.documents.append(&DocRow {
            doc_id: origin.doc_id,
            path: origin.path,
            title: doc.meta.title.or(origin.title),
            published: doc.meta.published.or(origin.published),
            source: doc.meta.source,
            n_chars: offsets.n_chars(),
            n_facts: doc.facts.len() as i64,
            status: if message.is_some() { Status::Warning } else { Status::Ok },
            message: message.as_deref(),
        });
    }

    /// A document that could not be read: an error row in `documents` and in `errors`.
    pub fn append_failed(&mut self, origin: &Origin, n_chars: i64, error: &str) {
        self.append_warnings(origin);
        self.errors.append(origin.doc_id, origin.path, Status::Error, error);
        self.documents.append(&DocRow {
            doc_id: origin.doc_id,
            path: origin.path,
            title: origin.title,
            published: origin.published,
            source: None,
            n_chars,
            n_facts: 0,
            status: Status::Error,
            message: Some(error),
        });
    }

    fn append_warnings(&mut self, origin: &Origin) {
        for w in origin.warnings {
            self.errors.append(origin.doc_id, origin.path, Status::Warning, w);
        }
    }

    pub fn finish(&mut self) -> Batches {
        Batches {
            documents: self.documents.finish(),
            sections: self.sections.finish(),
            facts: self.facts.finish(),
            errors: self.errors.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Fact, Period, Section};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int64Type};

    fn fact(text: &str, number: &str, sentence: &str) -> Fact<'static> {
        let start = text.find(number).unwrap();
        let s = text.find(sentence).unwrap();
        Fact {
            commodity: Some("copper_cathode"),
            metric: "production",
            region: Some("China"),
            partner: None,
            segment: None,
            period: Some(Period {
                start: 20089,
                end: 20119,
            }),
            forecast: false,
            basis: "mom",
            value: -81700.0,
            value_high: None,
            unit: "t",
            approx: "exact",
            start,
            end: start + number.len(),
            sentence: (s, s + sentence.len()),
        }
    }

    fn doc(text: &str) -> ParsedDoc<'_> {
        let sentence = "Output fell by 81,700 mt.";
        ParsedDoc {
            text,
            meta: DocMeta {
                title: None,
                published: Some(20115),
                source: Some("SMM"),
            },
            sections: vec![Section {
                heading: "Copper",
                commodity: Some("copper_cathode"),
                start: 0,
                end: text.len(),
            }],
            facts: vec![fact(text, "81,700 mt", sentence)],
        }
    }

    #[test]
    fn schemas_have_the_contract_columns() {
        let names: Vec<_> = facts_schema().fields().iter().map(|f| f.name().clone()).collect();
        assert_eq!(
            names,
            [
                "doc_id",
                "commodity",
                "metric",
                "region",
                "partner",
                "segment",
                "period_start",
                "period_end",
                "forecast",
                "basis",
                "value",
                "value_high",
                "unit",
                "approx",
                "start",
                "end",
                "sentence"
            ]
        );
        assert_eq!(documents_schema().fields().len(), 9);
        assert_eq!(sections_schema().fields().len(), 6);
        assert_eq!(errors_schema().fields().len(), 4);
        assert!(schema_of("nope").is_none());
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Cu – 铜\nOutput fell by 81,700 mt.";
        let mut b = TablesBuilder::new();
        b.append_parsed(
            &Origin {
                doc_id: "d",
                ..Default::default()
            },
            &doc(text),
            None,
        );
        let out = b.finish();
        let facts = &out.facts;
        assert_eq!(facts.num_rows(), 1);
        let start = facts
            .column_by_name("start")
            .unwrap()
            .as_primitive::<Int64Type>()
            .value(0) as usize;
        let end = facts
            .column_by_name("end")
            .unwrap()
            .as_primitive::<Int64Type>()
            .value(0) as usize;
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[start..end].iter().collect::<String>(), "81,700 mt");
        assert_eq!(
            facts.column_by_name("sentence").unwrap().as_string::<i32>().value(0),
            "Output fell by 81,700 mt."
        );
        assert_eq!(
            facts
                .column_by_name("value")
                .unwrap()
                .as_primitive::<Float64Type>()
                .value(0),
            -81700.0
        );
        assert!(facts.column_by_name("value_high").unwrap().is_null(0));
        assert!(facts.column_by_name("partner").unwrap().is_null(0));
        assert_eq!(
            facts
                .column_by_name("period_start")
                .unwrap()
                .as_primitive::<Date32Type>()
                .value(0),
            20089
        );

        let sections = &out.sections;
        assert_eq!(
            sections
                .column_by_name("end")
                .unwrap()
                .as_primitive::<Int64Type>()
                .value(0),
            chars.len() as i64
        );
        let docs = &out.documents;
        assert_eq!(
            docs.column_by_name("n_chars")
                .unwrap()
                .as_primitive::<Int64Type>()
                .value(0),
            chars.len() as i64
        );
        assert_eq!(docs.column_by_name("status").unwrap().as_string::<i32>().value(0), "ok");
        assert_eq!(
            docs.column_by_name("source").unwrap().as_string::<i32>().value(0),
            "SMM"
        );
    }

    #[test]
    fn code_points_are_counted_across_blocks() {
        let text = "Zn – 锌 price 21,500 yuan/mt é ".repeat(40);
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(count_chars(&text.as_bytes()[..end]), text[..end].chars().count());
        }
    }

    #[test]
    fn char_offsets_count_the_code_points_before_every_byte() {
        let text = "Zn – 锌 price 21,500 yuan/mt é 𝄞 end".repeat(5);
        let o = CharOffsets::new(&text);
        for byte in 0..=text.len() + 3 {
            let want = count_chars(&text.as_bytes()[..byte.min(text.len())]) as i64;
            assert_eq!(o.get(byte), want, "{byte}");
        }
        assert_eq!(o.n_chars(), text.chars().count() as i64);
        assert_eq!(CharOffsets::new("plain").get(3), 3);
    }

    #[test]
    fn char_offsets_go_both_ways() {
        let text = "é1é2é3";
        let o = CharOffsets::new(text);
        assert_eq!(o.get(3), 2);
        assert_eq!(o.get(8), 5);
        assert_eq!(o.get(2), 1);
        assert_eq!(o.get(100), 6);
        assert_eq!(o.get(0), 0);
    }

    #[test]
    fn many_documents_make_one_batch_and_failures_keep_a_row() {
        let text = "Output fell by 81,700 mt.";
        let warnings = vec!["invalid UTF-8 replaced".to_string()];
        let mut b = TablesBuilder::new();
        b.append_parsed(
            &Origin {
                doc_id: "a",
                ..Default::default()
            },
            &doc(text),
            None,
        );
        b.append_parsed(
            &Origin {
                doc_id: "b",
                warnings: &warnings,
                ..Default::default()
            },
            &doc(text),
            None,
        );
        b.append_failed(
            &Origin {
                doc_id: "c",
                path: Some("c.pdf"),
                ..Default::default()
            },
            0,
            "not text: looks like PDF",
        );
        let out = b.finish();
        assert_eq!(out.facts.num_rows(), 2);
        assert_eq!(out.documents.num_rows(), 3);
        let status = out.documents.column_by_name("status").unwrap().as_string::<i32>();
        assert_eq!(
            (status.value(0), status.value(1), status.value(2)),
            ("ok", "warning", "error")
        );
        let severity = out.errors.column_by_name("severity").unwrap().as_string::<i32>();
        assert_eq!(out.errors.num_rows(), 2);
        assert_eq!((severity.value(0), severity.value(1)), ("warning", "error"));
        // The builder is reusable after finishing.
        assert_eq!(b.finish().documents.num_rows(), 0);
    }

    #[test]
    fn rows_of_a_long_sentence_carry_a_window_around_their_number() {
        // A list of warehouse stocks without a full stop: one sentence of ~4 KB with
        // hundreds of numbers. Each row holds a window of whole words around its own
        // number, not the whole sentence again.
        let items: String = (0..400)
            .map(|i| format!("warehouse {i} held {} mt, ", 100 + i))
            .collect();
        let text = format!("Zinc ingot stocks by warehouse: {items}and the rest.");
        let doc = crate::parse_text(&text, &Default::default());
        assert!(doc.facts.len() > 100, "{} facts", doc.facts.len());
        assert!(doc.facts[0].sentence.1 - doc.facts[0].sentence.0 > SENTENCE_WHOLE);
        let mut b = FactsBuilder::default();
        b.append_doc("x", &doc, &Offsets::new(&text, None));
        let batch = b.finish();
        let sentences = batch.column_by_name("sentence").unwrap().as_string::<i32>();
        for (i, f) in doc.facts.iter().enumerate() {
            let w = sentences.value(i);
            assert!(w.len() <= SENTENCE_WINDOW, "{} bytes", w.len());
            // A slice of the text that holds the number, starting and ending on whole words.
            let start = text.find(w).expect("a slice of the text");
            assert!(
                start <= f.start && f.end <= start + w.len(),
                "{w:?} misses {}",
                &text[f.start..f.end]
            );
            assert!(start == 0 || text.as_bytes()[start - 1] == b' ', "{w:?}");
            let after = text.as_bytes().get(start + w.len());
            assert!(after.is_none_or(|c| *c == b' ' || *c == b','), "{w:?}");
        }
        // A sentence of a report is carried whole.
        let doc = crate::parse_text(
            "Zinc ingot stocks fell by 1,200 mt WoW to 84,500 mt.",
            &Default::default(),
        );
        let mut b = FactsBuilder::default();
        b.append_doc("y", &doc, &Offsets::new(doc.text, None));
        let batch = b.finish();
        let sentences = batch.column_by_name("sentence").unwrap().as_string::<i32>();
        assert_eq!(
            sentences.value(1),
            "Zinc ingot stocks fell by 1,200 mt WoW to 84,500 mt."
        );
    }

    #[test]
    fn bad_sentence_ranges_do_not_panic() {
        let text = "é";
        let mut d = doc("Output fell by 81,700 mt.");
        d.text = text;
        d.facts[0].sentence = (1, 2);
        let mut b = FactsBuilder::default();
        b.append_doc("x", &d, &Offsets::new(text, None));
        assert_eq!(
            b.finish()
                .column_by_name("sentence")
                .unwrap()
                .as_string::<i32>()
                .value(0),
            ""
        );
    }
}
