//! Many documents in parallel: read, decode, strip HTML, parse, build Arrow.
//!
//! Documents are processed in chunks on rayon's pool; each chunk becomes one
//! batch per table. Every input gets exactly one `documents` row: a document
//! that cannot be read, or whose parsing panics, becomes an error row.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use arrow_array::RecordBatch;
use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::arrow::{char_len, Batches, Origin, TablesBuilder};
use crate::model::{Days, ParseOptions, ParsedDoc};
use crate::{decode, html};

/// How the input text is to be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// HTML when the text looks like a web page (or, for files, has an .html/.htm name).
    #[default]
    Auto,
    Text,
    Html,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "auto" => Some(Format::Auto),
            "text" => Some(Format::Text),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Anchors years for documents that carry no date of their own.
    pub published: Option<Days>,
    /// Decode files with this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Worker threads; `None` uses rayon's global pool.
    pub threads: Option<usize>,
}

/// The output tables, each as the batches of its chunks (in input order).
#[derive(Clone, Debug, Default)]
pub struct Tables {
    pub documents: Vec<RecordBatch>,
    pub sections: Vec<RecordBatch>,
    pub facts: Vec<RecordBatch>,
    pub errors: Vec<RecordBatch>,
}

impl Extend<Batches> for Tables {
    fn extend<I: IntoIterator<Item = Batches>>(&mut self, iter: I) {
        for b in iter {
            self.documents.push(b.documents);
            self.sections.push(b.sections);
            self.facts.push(b.facts);
            self.errors.push(b.errors);
        }
    }
}

impl FromIterator<Batches> for Tables {
    fn from_iter<I: IntoIterator<Item = Batches>>(iter: I) -> Self {
        let mut t = Tables::default();
        t.extend(iter);
        t
    }
}

/// Reads and parses files; the doc_id of each is its file name without extension.
///
/// Files are read ahead on their own thread while the previous chunk is parsed
/// on all threads (see [`crate::stream`]).
pub fn read_files<P: AsRef<Path> + Sync>(paths: &[P], opts: &ReadOptions) -> Result<Tables, String> {
    let paths = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
    crate::stream::read_all(paths, opts, crate::stream::Chunking::default())
}

/// Parses in-memory texts given as `(doc_id, text)`.
pub fn parse_texts<S: AsRef<str> + Sync>(
    docs: &[(S, S)],
    format: Format,
    opts: &ReadOptions,
) -> Result<Tables, String> {
    run(docs, opts.threads, |b, (doc_id, text)| {
        let origin = Origin {
            doc_id: doc_id.as_ref(),
            published: opts.published,
            ..Default::default()
        };
        parse_text_into(b, origin, text.as_ref(), format, opts.published);
    })
}

/// Parses one text into `b`; HTML is read down to its text first.
/// Returns the text that offsets refer to when that is not the input itself.
pub fn parse_text_into(
    b: &mut TablesBuilder,
    origin: Origin,
    text: &str,
    format: Format,
    published: Option<Days>,
) -> Option<String> {
    let is_html = match format {
        Format::Html => true,
        Format::Text => false,
        Format::Auto => html::looks_like_html(text),
    };
    if !is_html {
        parse_into(b, &origin, text, published);
        return None;
    }
    match guarded(|| Ok(html::html_to_text(text))) {
        Ok(page) => {
            parse_into(
                b,
                &Origin {
                    title: page.title.as_deref(),
                    ..origin
                },
                &page.text,
                published,
            );
            Some(page.text)
        }
        Err(e) => {
            b.append_failed(&origin, 0, &e);
            Some(String::new())
        }
    }
}

/// Decodes and parses the bytes read from `path` (or records why they could not be read).
pub fn read_file_bytes(b: &mut TablesBuilder, path: &Path, bytes: std::io::Result<Vec<u8>>, opts: &ReadOptions) {
    let doc_id = path
        .file_stem()
        .map_or_else(|| path.to_string_lossy(), |s| s.to_string_lossy());
    let path_str = path.to_string_lossy();
    let origin = Origin {
        doc_id: &doc_id,
        path: Some(&path_str),
        published: opts.published,
        ..Default::default()
    };
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let prepared = guarded(|| {
        let bytes = bytes.map_err(|e| format!("cannot read: {e}"))?;
        let decoded = decode::decode(bytes, opts.encoding)?;
        Ok(if is_html {
            let page = html::html_to_text(&decoded.text);
            (page.text, page.title, decoded.warnings)
        } else {
            (decoded.text, None, decoded.warnings)
        })
    });
    match prepared {
        Ok((text, title, warnings)) => {
            let origin = Origin {
                title: title.as_deref(),
                warnings: &warnings,
                ..origin
            };
            parse_into(b, &origin, &text, opts.published);
        }
        Err(e) => b.append_failed(&origin, 0, &e),
    }
}

/// Parses `text` and appends it; a panic or an inconsistent result becomes an error row.
fn parse_into(b: &mut TablesBuilder, origin: &Origin, text: &str, published: Option<Days>) {
    let opts = ParseOptions { published };
    match guarded(|| {
        let doc = crate::extract::parse_text(text, &opts);
        check(&doc)?;
        Ok(doc)
    }) {
        Ok(doc) => b.append_parsed(origin, &doc),
        Err(e) => b.append_failed(origin, char_len(text), &e),
    }
}

/// Offsets must lie on character boundaries of the text, or the Arrow offsets would be wrong.
fn check(doc: &ParsedDoc) -> Result<(), String> {
    let ok = |(s, e): (usize, usize)| s <= e && doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e);
    for (i, f) in doc.facts.iter().enumerate() {
        if !ok((f.start, f.end)) || !ok(f.sentence) {
            return Err(format!(
                "internal error: fact {i} has offsets outside the text ({}..{})",
                f.start, f.end
            ));
        }
    }
    for (i, s) in doc.sections.iter().enumerate() {
        if !ok((s.start, s.end)) {
            return Err(format!(
                "internal error: section {i} has offsets outside the text ({}..{})",
                s.start, s.end
            ));
        }
    }
    Ok(())
}

/// Runs `f`, turning a panic into an error message.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        log::error!("panic while reading a document: {what}");
        Err(format!("internal error: {what}"))
    })
}

/// Processes `items` in parallel chunks, one set of batches per chunk.
fn run<T: Sync>(
    items: &[T],
    threads: Option<usize>,
    f: impl Fn(&mut TablesBuilder, &T) + Sync,
) -> Result<Tables, String> {
    let work = || {
        // Several chunks per thread balance uneven documents; a cap keeps batches moderate.
        let per_chunk = items.len().div_ceil(rayon::current_num_threads() * 4).clamp(1, 256);
        items
            .par_chunks(per_chunk)
            .map(|chunk| {
                let mut b = TablesBuilder::new();
                chunk.iter().for_each(|item| f(&mut b, item));
                b.finish()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect()
    };
    match threads {
        None | Some(0) => Ok(work()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(work))
            .map_err(|e| format!("cannot start {n} threads: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use arrow_array::Array;

    fn column(batches: &[RecordBatch], name: &str) -> Vec<String> {
        batches
            .iter()
            .flat_map(|b| {
                let c = b.column_by_name(name).unwrap().as_string::<i32>();
                (0..c.len()).map(|i| c.value(i).to_owned()).collect::<Vec<_>>()
            })
            .collect()
    }

    fn rows(batches: &[RecordBatch]) -> usize {
        batches.iter().map(|b| b.num_rows()).sum()
    }

    #[test]
    fn every_file_gets_one_row() {
        let dir = std::env::temp_dir().join(format!("assay-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let mut paths = vec![
            write("a.txt", "Copper output fell 5%.".as_bytes()),
            write("b.pdf", b"%PDF-1.4 ..."),
            write("c.txt", b"Copper \xFF output"),
            write(
                "d.html",
                b"<html><head><title>Page</title></head><body><p>Text</p></body></html>",
            ),
            dir.join("missing.txt"),
        ];
        for i in 0..20 {
            paths.push(write(&format!("n{i:02}.txt"), b"Nickel."));
        }
        let t = read_files(
            &paths,
            &ReadOptions {
                threads: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        assert_eq!(rows(&t.documents), paths.len());
        let ids = column(&t.documents, "doc_id");
        assert_eq!(&ids[..5], ["a", "b", "c", "d", "missing"]);
        let status = column(&t.documents, "status");
        assert_eq!(&status[..5], ["ok", "error", "warning", "ok", "error"]);
        let errors = column(&t.errors, "message");
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0], "not text: looks like PDF");
        assert!(errors[1].contains("replaced with U+FFFD"));
        assert!(errors[2].starts_with("cannot read:"));
        let n_chars: Vec<i64> = t
            .documents
            .iter()
            .flat_map(|b| {
                b.column_by_name("n_chars")
                    .unwrap()
                    .as_primitive::<Int64Type>()
                    .values()
                    .to_vec()
            })
            .collect();
        assert_eq!(n_chars[3], 4, "HTML is counted as its text");
    }

    #[test]
    fn texts_in_memory() {
        let docs = [
            ("x", "Aluminum output rose."),
            ("y", "<!DOCTYPE html><title>T</title><p>Hi</p>"),
        ];
        let t = parse_texts(&docs, Format::Auto, &ReadOptions::default()).unwrap();
        assert_eq!(column(&t.documents, "doc_id"), ["x", "y"]);
        let titles: Vec<Option<String>> = t
            .documents
            .iter()
            .flat_map(|b| {
                let c = b.column_by_name("title").unwrap().as_string::<i32>();
                c.iter().map(|v| v.map(str::to_owned)).collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(titles[1].as_deref(), Some("T"));
        assert!(parse_texts::<&str>(&[], Format::Text, &ReadOptions::default())
            .unwrap()
            .facts
            .is_empty());
    }

    #[test]
    fn panics_become_error_rows() {
        let mut b = TablesBuilder::new();
        let r: Result<(), String> = guarded(|| panic!("boom"));
        b.append_failed(
            &Origin {
                doc_id: "p",
                ..Default::default()
            },
            0,
            &r.unwrap_err(),
        );
        let out = b.finish();
        assert_eq!(column(&[out.documents], "message"), ["internal error: boom"]);
    }

    #[test]
    fn inconsistent_offsets_are_caught() {
        let text = "é";
        let doc = ParsedDoc {
            text,
            meta: Default::default(),
            sections: vec![crate::model::Section {
                heading: "H",
                commodity: None,
                start: 0,
                end: 1,
            }],
            facts: vec![],
        };
        assert!(check(&doc).unwrap_err().contains("section 0"));
    }
}
