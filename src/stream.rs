//! Streaming: many files through a bounded pipeline, facts out as record batches.
//!
//! ```text
//! reader thread --chunks of file bytes--> parser thread --tables per chunk--> consumer
//!  (std::fs::read)     (bounded: 1)       (rayon: all cores)   (bounded: 1)   (Iterator / Arrow C stream)
//! ```
//!
//! The reader thread reads files ahead while the previous chunk is being
//! parsed, so I/O overlaps parsing; the parser thread parses the next chunk
//! while the consumer (say, a Parquet writer) handles the current one. Both
//! channels hold one chunk, so memory stays at a few chunks whatever the size
//! of the corpus. Dropping the consumer stops both threads at their next send.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use rayon::prelude::*;

use crate::arrow::{facts_schema, Batches, TablesBuilder};
use crate::corpus::{read_file_bytes, ReadOptions, Tables};

/// How files are grouped into chunks (the unit of parallel parsing and of memory).
#[derive(Clone, Copy, Debug)]
pub struct Chunking {
    /// A chunk closes once its files hold this many bytes...
    pub bytes: usize,
    /// ...or this many files.
    pub files: usize,
}

impl Default for Chunking {
    fn default() -> Self {
        Chunking {
            bytes: 8 << 20,
            files: 2048,
        }
    }
}

type FileBytes = (PathBuf, std::io::Result<Vec<u8>>);

/// The tables of each chunk of `paths`, in order, parsed in parallel as the
/// next chunk is read. An `Err` (the thread pool could not start) ends the stream.
pub fn chunks(paths: Vec<PathBuf>, opts: ReadOptions, chunking: Chunking) -> Receiver<Result<Vec<Batches>, String>> {
    let (file_tx, file_rx) = sync_channel::<Vec<FileBytes>>(1);
    let (out_tx, out_rx) = sync_channel(1);
    thread::Builder::new()
        .name("assay-read".into())
        .spawn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            for path in paths {
                let read = std::fs::read(&path);
                bytes += read.as_ref().map_or(0, Vec::len);
                chunk.push((path, read));
                if bytes >= chunking.bytes || chunk.len() >= chunking.files {
                    if file_tx.send(std::mem::take(&mut chunk)).is_err() {
                        return; // the consumer has gone
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = file_tx.send(chunk);
            }
        })
        .expect("spawn the file reader thread");
    thread::Builder::new()
        .name("assay-parse".into())
        .spawn(move || {
            let pool = match opts.threads {
                None | Some(0) => None,
                Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                    Ok(p) => Some(p),
                    Err(e) => {
                        let _ = out_tx.send(Err(format!("cannot start {n} threads: {e}")));
                        return;
                    }
                },
            };
            for files in file_rx {
                let parse = || parse_chunk(files, &opts);
                let tables = match &pool {
                    Some(p) => p.install(parse),
                    None => parse(),
                };
                if out_tx.send(Ok(tables)).is_err() {
                    return;
                }
            }
        })
        .expect("spawn the parser thread");
    out_rx
}

/// One chunk on all threads of the current pool; one set of batches per piece
/// of work rayon splits off (a few per thread), in input order.
fn parse_chunk(files: Vec<FileBytes>, opts: &ReadOptions) -> Vec<Batches> {
    files
        .into_par_iter()
        .with_min_len(4)
        .fold(TablesBuilder::new, |mut b, (path, read)| {
            read_file_bytes(&mut b, &path, read, opts);
            b
        })
        .map(|mut b| b.finish())
        .collect()
}

/// Reads every file through the pipeline and keeps all four tables.
pub fn read_all(paths: Vec<PathBuf>, opts: &ReadOptions, chunking: Chunking) -> Result<Tables, String> {
    let mut t = Tables::default();
    for part in chunks(paths, opts.clone(), chunking) {
        t.extend(part?);
    }
    Ok(t)
}

/// What a [`FactReader`] keeps while it streams: the small tables.
#[derive(Debug, Default)]
pub struct Kept {
    pub documents: Vec<RecordBatch>,
    pub errors: Vec<RecordBatch>,
}

#[derive(Clone, Copy, Debug)]
pub struct StreamOptions {
    /// Most fact rows in one batch (larger chunk outputs are sliced, not copied).
    pub batch_size: usize,
    pub chunking: Chunking,
    /// End the stream with an error at the first document that could not be read.
    pub raise_on_error: bool,
    /// Keep the `errors` rows (else only `documents` is kept).
    pub keep_errors: bool,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            batch_size: 65_536,
            chunking: Chunking::default(),
            raise_on_error: false,
            keep_errors: true,
        }
    }
}

/// Facts of many files as a [`RecordBatchReader`]; documents and errors
/// accumulate in [`FactReader::kept`] as the chunks go by.
pub struct FactReader {
    rx: Receiver<Result<Vec<Batches>, String>>,
    pending: VecDeque<RecordBatch>,
    kept: Arc<Mutex<Kept>>,
    opts: StreamOptions,
    done: bool,
}

impl FactReader {
    pub fn new(paths: Vec<PathBuf>, read: ReadOptions, opts: StreamOptions) -> Self {
        FactReader {
            rx: chunks(paths, read, opts.chunking),
            pending: VecDeque::new(),
            kept: Arc::default(),
            opts: StreamOptions {
                batch_size: opts.batch_size.max(1),
                ..opts
            },
            done: false,
        }
    }

    /// The documents and errors seen so far (shared: readable while streaming).
    pub fn kept(&self) -> Arc<Mutex<Kept>> {
        self.kept.clone()
    }

    fn take_chunk(&mut self, parts: Vec<Batches>) -> Result<(), ArrowError> {
        let mut first_error = None;
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            for b in &parts {
                if b.documents.num_rows() > 0 {
                    kept.documents.push(b.documents.clone());
                }
                if b.errors.num_rows() > 0 {
                    if self.opts.raise_on_error && first_error.is_none() {
                        first_error = first_error_of(&b.errors);
                    }
                    if self.opts.keep_errors {
                        kept.errors.push(b.errors.clone());
                    }
                }
            }
        }
        if let Some(e) = first_error {
            return Err(ArrowError::ExternalError(e.into()));
        }
        let size = self.opts.batch_size;
        for b in parts {
            let facts = b.facts;
            let mut at = 0;
            while at < facts.num_rows() {
                let n = size.min(facts.num_rows() - at);
                self.pending.push_back(facts.slice(at, n));
                at += n;
            }
        }
        Ok(())
    }
}

/// "path: message" of the first `error` row of an errors batch.
fn first_error_of(errors: &RecordBatch) -> Option<String> {
    let col = |name| errors.column_by_name(name).map(|c| c.as_string::<i32>().clone());
    let (severity, message, path, doc_id) = (col("severity")?, col("message")?, col("path")?, col("doc_id")?);
    (0..errors.num_rows()).find(|&i| severity.value(i) == "error").map(|i| {
        let who = if path.is_null(i) {
            doc_id.value(i)
        } else {
            path.value(i)
        };
        format!("{who}: {}", message.value(i))
    })
}

impl Iterator for FactReader {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(b) = self.pending.pop_front() {
                return Some(Ok(b));
            }
            if self.done {
                return None;
            }
            match self.rx.recv() {
                Ok(Ok(parts)) => {
                    if let Err(e) = self.take_chunk(parts) {
                        self.done = true;
                        return Some(Err(e));
                    }
                }
                Ok(Err(e)) => {
                    self.done = true;
                    return Some(Err(ArrowError::ExternalError(e.into())));
                }
                Err(_) => self.done = true,
            }
        }
    }
}

impl RecordBatchReader for FactReader {
    fn schema(&self) -> SchemaRef {
        facts_schema()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(n: usize) -> (PathBuf, Vec<PathBuf>) {
        let dir = std::env::temp_dir().join(format!("assay-stream-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths = Vec::new();
        for i in 0..n {
            let p = dir.join(format!("r{i:03}.txt"));
            std::fs::write(&p, format!("Copper output fell by {i},000 mt in May 2025.\n")).unwrap();
            paths.push(p);
        }
        paths.push(dir.join("missing.txt"));
        (dir, paths)
    }

    #[test]
    fn streams_every_fact_in_bounded_batches_and_keeps_documents() {
        let (dir, paths) = corpus(40);
        let all = read_all(paths.clone(), &ReadOptions::default(), Chunking::default()).unwrap();
        let total: usize = all.facts.iter().map(RecordBatch::num_rows).sum();
        let opts = StreamOptions {
            batch_size: 3,
            chunking: Chunking { bytes: 200, files: 5 },
            ..Default::default()
        };
        let reader = FactReader::new(
            paths.clone(),
            ReadOptions {
                threads: Some(2),
                ..Default::default()
            },
            opts,
        );
        let kept = reader.kept();
        let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(total >= 40);
        assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), total);
        assert!(batches.iter().all(|b| (1..=3).contains(&b.num_rows())));
        let kept = kept.lock().unwrap();
        assert_eq!(kept.documents.iter().map(RecordBatch::num_rows).sum::<usize>(), 41);
        assert_eq!(kept.errors.iter().map(RecordBatch::num_rows).sum::<usize>(), 1);
        let ids: Vec<String> = kept
            .documents
            .iter()
            .flat_map(|b| {
                let c = b.column_by_name("doc_id").unwrap().as_string::<i32>().clone();
                (0..c.len()).map(move |i| c.value(i).to_owned())
            })
            .collect();
        assert_eq!(ids.first().map(String::as_str), Some("r000"));
        assert_eq!(ids.last().map(String::as_str), Some("missing"));
    }

    #[test]
    fn raise_on_error_ends_the_stream() {
        let (dir, paths) = corpus(3);
        let reader = FactReader::new(
            paths,
            ReadOptions::default(),
            StreamOptions {
                raise_on_error: true,
                ..Default::default()
            },
        );
        let out: Vec<_> = reader.collect();
        std::fs::remove_dir_all(&dir).unwrap();
        let err = out.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(err.contains("missing.txt: cannot read"), "{err}");
    }
}
