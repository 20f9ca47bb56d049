//! Many documents in parallel: read, decode, strip HTML, parse, build Arrow.
//!
//! Documents are processed in chunks on rayon's pool; each chunk becomes one
//! batch per table. Every input gets exactly one `documents` row: a document
//! that cannot be read, or whose parsing panics, becomes an error row.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::RecordBatch;
use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::arrow::{char_len, Batches, Origin, TablesBuilder};
use crate::html::PageMap;
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
    /// The doc_id of each file (see [`unique_doc_ids`]); a file not in it is named by its stem.
    pub doc_ids: Option<Arc<HashMap<PathBuf, String>>>,
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

/// Reads and parses files; each is named by [`ReadOptions::doc_ids`] or else [`unique_doc_ids`].
///
/// Files are read ahead on their own thread while the previous chunk is parsed
/// on all threads (see [`crate::stream`]).
pub fn read_files<P: AsRef<Path> + Sync>(paths: &[P], opts: &ReadOptions) -> Result<Tables, String> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
    let named;
    let opts = match opts.doc_ids {
        Some(_) => opts,
        None => {
            named = ReadOptions {
                doc_ids: Some(Arc::new(doc_id_map(&paths, unique_doc_ids(&paths)))),
                ..opts.clone()
            };
            &named
        }
    };
    crate::stream::read_all(paths, opts, crate::stream::Chunking::default())
}

/// `paths` paired with their doc_ids, for [`ReadOptions::doc_ids`].
pub fn doc_id_map(paths: &[PathBuf], doc_ids: Vec<String>) -> HashMap<PathBuf, String> {
    paths.iter().cloned().zip(doc_ids).collect()
}

/// A doc_id for each path, unique among them: the file stem (`reports/a.txt` -> `a`);
/// where stems collide, the path from the colliding files' common folder without
/// extension (`x/a`, `y/a`), or with it where that still collides (`x/a.txt`,
/// `x/a.html`); a path given twice
/// gets `#2`, `#3`...
pub fn unique_doc_ids<P: AsRef<Path>>(paths: &[P]) -> Vec<String> {
    let stem = |p: &Path| p.file_stem().unwrap_or(p.as_os_str()).to_string_lossy().into_owned();
    let stems: Vec<String> = paths.iter().map(|p| stem(p.as_ref())).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in stems.iter().enumerate() {
        groups.entry(s).or_default().push(i);
    }
    let mut ids = stems.clone();
    for members in groups.values().filter(|m| m.len() > 1) {
        let parts: Vec<Vec<String>> = members
            .iter()
            .map(|&i| {
                let p = paths[i].as_ref();
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect()
            })
            .collect();
        // Folders shared by all of them (never the file name itself).
        let shortest = parts.iter().map(Vec::len).min().unwrap_or(0);
        let common = (0..shortest.saturating_sub(1))
            .take_while(|&k| parts.iter().all(|p| p[k] == parts[0][k]))
            .count();
        let relative = |p: &[String], keep_ext: bool| {
            let mut rest = p[common..].to_vec();
            if let (false, Some(last)) = (keep_ext, rest.last_mut()) {
                *last = stem(Path::new(last.as_str()));
            }
            rest.join("/")
        };
        let without: Vec<String> = parts.iter().map(|p| relative(p, false)).collect();
        for (k, &i) in members.iter().enumerate() {
            // Another file (not the same path given again) with the same name.
            let clash = (0..members.len()).any(|j| without[j] == without[k] && parts[j] != parts[k]);
            ids[i] = if clash {
                relative(&parts[k], true)
            } else {
                without[k].clone()
            };
        }
    }
    // Anything still taken (the same path twice, or a relative name equal to another's) gets a number.
    let mut seen = HashSet::new();
    for id in &mut ids {
        if !seen.insert(id.clone()) {
            let base = id.clone();
            let mut n = 2;
            while !seen.insert(format!("{base}#{n}")) {
                n += 1;
            }
            *id = format!("{base}#{n}");
        }
    }
    ids
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

/// Parses in-memory texts given as `(doc_id, text, published)`: a date of publication per text.
pub fn parse_dated_texts<S: AsRef<str> + Sync>(
    docs: &[(S, S, Option<Days>)],
    format: Format,
    threads: Option<usize>,
) -> Result<Tables, String> {
    run(docs, threads, |b, (doc_id, text, published)| {
        let origin = Origin {
            doc_id: doc_id.as_ref(),
            published: *published,
            ..Default::default()
        };
        parse_text_into(b, origin, text.as_ref(), format, *published);
    })
}

/// Parses one text into `b`; HTML is read down to its text first.
/// For a web page, returns the text read from it and where that text stands in the page.
pub fn parse_text_into(
    b: &mut TablesBuilder,
    origin: Origin,
    text: &str,
    format: Format,
    published: Option<Days>,
) -> Option<(String, PageMap)> {
    let is_html = match format {
        Format::Html => true,
        Format::Text => false,
        Format::Auto => html::looks_like_html(text),
    };
    if !is_html {
        parse_into(b, &origin, text, None, published);
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
                Some((text, &page.map)),
                published,
            );
            Some((page.text, page.map))
        }
        Err(e) => {
            b.append_failed(&origin, 0, &e);
            Some(Default::default())
        }
    }
}

/// Decodes and parses the bytes read from `path` (or records why they could not be read).
pub fn read_file_bytes(b: &mut TablesBuilder, path: &Path, bytes: std::io::Result<Vec<u8>>, opts: &ReadOptions) {
    let doc_id = match opts.doc_ids.as_ref().and_then(|ids| ids.get(path)) {
        Some(id) => std::borrow::Cow::Borrowed(id.as_str()),
        None => path
            .file_stem()
            .map_or_else(|| path.to_string_lossy(), |s| s.to_string_lossy()),
    };
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
        let page = is_html.then(|| html::html_to_text(&decoded.text));
        Ok((decoded, page))
    });
    match prepared {
        Ok((decoded, page)) => {
            let origin = Origin {
                title: page.as_ref().and_then(|p| p.title.as_deref()),
                warnings: &decoded.warnings,
                ..origin
            };
            match &page {
                Some(p) => parse_into(b, &origin, &p.text, Some((&decoded.text, &p.map)), opts.published),
                None => parse_into(b, &origin, &decoded.text, None, opts.published),
            }
        }
        Err(e) => b.append_failed(&origin, 0, &e),
    }
}

/// Parses `text` and appends it; a panic or an inconsistent result becomes an error row.
/// `page`: for a web page, the page as given, which offsets index, and where `text` stands in it.
fn parse_into(
    b: &mut TablesBuilder,
    origin: &Origin,
    text: &str,
    page: Option<(&str, &PageMap)>,
    published: Option<Days>,
) {
    let opts = ParseOptions { published };
    match guarded(|| {
        crate::faults::check(origin.doc_id, "read");
        let doc = crate::extract::parse_text(text, &opts);
        check(&doc)?;
        Ok(doc)
    }) {
        Ok(doc) => b.append_parsed(origin, &doc, page),
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
    fn doc_ids_are_unique_per_corpus() {
        let ids = unique_doc_ids(&[
            "r/x/a.txt",
            "r/y/a.txt",
            "r/b.txt",
            "r/z/c.txt",
            "r/z/c.html",
            "r/b.txt",
            "r/q/x/a.txt",
        ]);
        assert_eq!(ids, ["x/a", "y/a", "b", "c.txt", "c.html", "b#2", "q/x/a"]);
        assert_eq!(
            unique_doc_ids(&["a.txt", "sub/a.txt", "other"]),
            ["a", "sub/a", "other"]
        );
        assert_eq!(unique_doc_ids::<&str>(&[]), Vec::<String>::new());
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
        assert_eq!(
            n_chars[3], 69,
            "HTML is counted as given, markup and all, as its offsets are"
        );
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
