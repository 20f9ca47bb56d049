//! The `assay._core` extension module: tables over the Arrow PyCapsule
//! interface, and the parsing entry points (which release the GIL).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{Schema, SchemaRef};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::arrow::{self as tables, CharOffsets, Origin, TablesBuilder};
use crate::corpus::{self, Format, ReadOptions};
use crate::decode;
use crate::model::Days;
use crate::periods::parse_iso_date;
use crate::stream::{Chunking, FactReader, Kept, StreamOptions};

/// The PyCapsule interface's ArrowArrayStream capsule over `reader`. The capsule
/// owns the stream; dropping it releases the stream unless a consumer moved it out.
fn stream_capsule(py: Python<'_>, reader: Box<dyn RecordBatchReader + Send>) -> PyResult<Bound<'_, PyCapsule>> {
    PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(reader), c"arrow_array_stream")
}

/// The PyCapsule interface's ArrowSchema capsule of `schema`.
fn schema_capsule<'py>(py: Python<'py>, schema: &Schema) -> PyResult<Bound<'py, PyCapsule>> {
    let schema = FFI_ArrowSchema::try_from(schema).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    PyCapsule::new_with_value(py, schema, c"arrow_schema")
}

/// An Arrow table held in Rust: a schema and its record batches.
///
/// Consumers (pyarrow, polars, duckdb, pandas via pyarrow) import it through
/// `__arrow_c_stream__` without copying the buffers.
#[pyclass(module = "assay._core", name = "ArrowTable", frozen)]
pub struct ArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl ArrowTable {
    fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Self {
        ArrowTable { schema, batches }
    }
}

#[pymethods]
impl ArrowTable {
    /// Total rows over all batches.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema.fields().iter().map(|f| f.name().clone()).collect()
    }

    #[getter]
    fn num_batches(&self) -> usize {
        self.batches.len()
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    /// Exports the batches as an ArrowArrayStream capsule. A requested schema
    /// is not honoured (the protocol allows it): the columns have fixed types.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(self.batches.clone().into_iter().map(Ok), self.schema.clone());
        stream_capsule(py, Box::new(reader))
    }

    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, &self.schema)
    }

    /// One table from several of the same schema (batches are shared, not copied).
    #[staticmethod]
    fn concat(tables: Vec<PyRef<'_, ArrowTable>>) -> PyResult<ArrowTable> {
        let Some(first) = tables.first() else {
            return Err(PyValueError::new_err("concat needs at least one table"));
        };
        let schema = first.schema.clone();
        if let Some(other) = tables.iter().find(|t| t.schema != schema) {
            return Err(PyValueError::new_err(format!(
                "cannot concatenate tables with columns {:?} and {:?}",
                first.column_names(),
                other.column_names()
            )));
        }
        Ok(ArrowTable::new(
            schema,
            tables.iter().flat_map(|t| t.batches.iter().cloned()).collect(),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable({} rows, columns={:?})",
            self.num_rows(),
            self.column_names()
        )
    }
}

/// An empty table of `facts`, `documents`, `sections` or `errors`.
#[pyfunction]
fn empty_table(name: &str) -> PyResult<ArrowTable> {
    tables::schema_of(name)
        .map(|schema| ArrowTable::new(schema, Vec::new()))
        .ok_or_else(|| PyValueError::new_err(format!("no table named {name:?}")))
}

fn published(iso: Option<&str>) -> PyResult<Option<Days>> {
    iso.map(|s| {
        parse_iso_date(s).ok_or_else(|| PyValueError::new_err(format!("published: not a YYYY-MM-DD date: {s:?}")))
    })
    .transpose()
}

/// A web page's text and its runs (text offset, page offset, copied one for one), in code points.
type PageText = (String, Vec<(i64, i64, bool)>);

/// Parses one text. Returns `(page, document, sections, facts)`: offsets index the
/// text as given; `page` is, for a web page, the text read from it and where
/// each run of that text stands in the page (else None).
#[pyfunction]
#[pyo3(signature = (text, doc_id, published_iso=None, format="auto"))]
fn parse(
    py: Python<'_>,
    text: String,
    doc_id: String,
    published_iso: Option<&str>,
    format: &str,
) -> PyResult<(Option<PageText>, ArrowTable, ArrowTable, ArrowTable)> {
    let published = published(published_iso)?;
    let format = Format::from_name(format)
        .ok_or_else(|| PyValueError::new_err(format!("format must be 'auto', 'text' or 'html', not {format:?}")))?;
    let (page_text, out) = py.detach(|| {
        let origin = Origin {
            doc_id: &doc_id,
            published,
            ..Default::default()
        };
        // Parsing is guarded inside `parse_text_into`; this guards building the rows
        // too, so a panic anywhere gives an error row for the document, never a PanicException.
        catch_unwind(AssertUnwindSafe(|| {
            let mut b = TablesBuilder::new();
            let page = corpus::parse_text_into(&mut b, origin, &text, format, published).map(|(page_text, map)| {
                let (in_text, in_page) = (CharOffsets::new(&page_text), CharOffsets::new(&text));
                let runs = map
                    .runs()
                    .map(|(t, p, copied)| (in_text.get(t), in_page.get(p), copied))
                    .collect();
                (page_text, runs)
            });
            crate::faults::check(&doc_id, "tables");
            (page, b.finish())
        }))
        .unwrap_or_else(|payload| {
            let what = panic_message(payload.as_ref());
            log::error!("panic while reading {doc_id:?}: {what}");
            let mut b = TablesBuilder::new();
            b.append_failed(&origin, 0, &format!("internal error: {what}"));
            (None, b.finish())
        })
    });
    Ok((
        page_text,
        ArrowTable::new(tables::documents_schema(), vec![out.documents]),
        ArrowTable::new(tables::sections_schema(), vec![out.sections]),
        ArrowTable::new(tables::facts_schema(), vec![out.facts]),
    ))
}

/// A doc_id for each path, unique among them (the file stem unless stems collide).
#[pyfunction]
fn doc_ids(paths: Vec<PathBuf>) -> Vec<String> {
    corpus::unique_doc_ids(&paths)
}

/// Each path with its symbolic links resolved, as `os.path.realpath` gives it for
/// an existing file (a path that cannot be resolved is returned as it is): the key
/// that finds a file named twice. One system call per path, GIL released, where
/// `os.path.realpath` costs one per directory of the path in Python code.
#[pyfunction]
fn real_paths(py: Python<'_>, paths: Vec<PathBuf>) -> Vec<std::ffi::OsString> {
    py.detach(|| {
        paths
            .into_iter()
            .map(|p| std::fs::canonicalize(&p).unwrap_or(p).into_os_string())
            .collect()
    })
}

/// Test hook: reading the document `doc_id` panics at `stage` ("read": while it
/// is parsed, "tables": while its rows are built); `None` disarms.
#[pyfunction]
#[pyo3(signature = (doc_id=None, stage="read"))]
fn _panic_for_test(doc_id: Option<String>, stage: &str) -> PyResult<()> {
    crate::faults::panic_on(doc_id.map(|d| (d, stage.to_owned()))).map_err(PyValueError::new_err)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Reads and parses files in parallel. Returns `(documents, sections, facts, errors)`.
#[pyfunction]
#[pyo3(signature = (paths, published_iso=None, encoding=None, threads=None, doc_ids=None))]
fn read_files(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    published_iso: Option<&str>,
    encoding: Option<&str>,
    threads: Option<usize>,
    doc_ids: Option<Vec<String>>,
) -> PyResult<(ArrowTable, ArrowTable, ArrowTable, ArrowTable)> {
    let mut opts = read_options(published_iso, encoding, threads)?;
    if let Some(ids) = doc_ids {
        if ids.len() != paths.len() {
            return Err(PyValueError::new_err(format!(
                "{} doc_ids for {} paths",
                ids.len(),
                paths.len()
            )));
        }
        opts.doc_ids = Some(Arc::new(corpus::doc_id_map(&paths, ids)));
    }
    let t = py
        .detach(|| corpus::read_files(&paths, &opts))
        .map_err(PyRuntimeError::new_err)?;
    Ok((
        ArrowTable::new(tables::documents_schema(), t.documents),
        ArrowTable::new(tables::sections_schema(), t.sections),
        ArrowTable::new(tables::facts_schema(), t.facts),
        ArrowTable::new(tables::errors_schema(), t.errors),
    ))
}

/// Parses in-memory texts in parallel (GIL released). `published` is one ISO
/// date (or None) per text. Returns `(documents, sections, facts, errors)`.
#[pyfunction]
#[pyo3(signature = (doc_ids, texts, published=None, format="auto", threads=None))]
fn parse_texts(
    py: Python<'_>,
    doc_ids: Vec<String>,
    texts: Vec<String>,
    published: Option<Vec<Option<String>>>,
    format: &str,
    threads: Option<usize>,
) -> PyResult<(ArrowTable, ArrowTable, ArrowTable, ArrowTable)> {
    if doc_ids.len() != texts.len() {
        let msg = format!("{} doc_ids for {} texts", doc_ids.len(), texts.len());
        return Err(PyValueError::new_err(msg));
    }
    let format = Format::from_name(format)
        .ok_or_else(|| PyValueError::new_err(format!("format must be 'auto', 'text' or 'html', not {format:?}")))?;
    let dates: Vec<Option<Days>> = match published {
        None => vec![None; texts.len()],
        Some(p) if p.len() != texts.len() => {
            let msg = format!("{} published dates for {} texts", p.len(), texts.len());
            return Err(PyValueError::new_err(msg));
        }
        Some(p) => p
            .iter()
            .map(|d| self::published(d.as_deref()))
            .collect::<PyResult<_>>()?,
    };
    let t = py
        .detach(|| {
            let docs: Vec<(&str, &str, Option<Days>)> = (0..texts.len())
                .map(|i| (doc_ids[i].as_str(), texts[i].as_str(), dates[i]))
                .collect();
            corpus::parse_dated_texts(&docs, format, threads)
        })
        .map_err(PyRuntimeError::new_err)?;
    Ok((
        ArrowTable::new(tables::documents_schema(), t.documents),
        ArrowTable::new(tables::sections_schema(), t.sections),
        ArrowTable::new(tables::facts_schema(), t.facts),
        ArrowTable::new(tables::errors_schema(), t.errors),
    ))
}

fn read_options(published_iso: Option<&str>, encoding: Option<&str>, threads: Option<usize>) -> PyResult<ReadOptions> {
    let encoding = encoding
        .map(|label| decode::lookup(label).ok_or_else(|| PyValueError::new_err(format!("unknown encoding: {label:?}"))))
        .transpose()?;
    Ok(ReadOptions {
        published: published(published_iso)?,
        encoding,
        threads,
        ..Default::default()
    })
}

/// Facts of many files, parsed chunk by chunk as they are consumed.
///
/// Files are read ahead on one thread and parsed on all cores (without the
/// GIL) while the consumer handles the previous batch. The stream can be
/// consumed once: through `__arrow_c_stream__` (pyarrow, polars, duckdb) or
/// `next_batch`. `documents()` and `errors()` are the rows seen so far.
#[pyclass(module = "assay._core", name = "FactStream", frozen)]
pub struct FactStream {
    reader: Mutex<Option<FactReader>>,
    kept: Arc<Mutex<Kept>>,
}

impl FactStream {
    fn take(&self) -> PyResult<FactReader> {
        self.reader
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .ok_or_else(|| PyRuntimeError::new_err("the stream has already been consumed"))
    }

    fn kept_table(&self, documents: bool) -> ArrowTable {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if documents {
            ArrowTable::new(tables::documents_schema(), kept.documents.clone())
        } else {
            ArrowTable::new(tables::errors_schema(), kept.errors.clone())
        }
    }
}

#[pymethods]
impl FactStream {
    #[new]
    #[pyo3(signature = (paths, published_iso=None, encoding=None, threads=None, batch_size=65536,
                        chunk_bytes=16777216, raise_on_error=false, keep_errors=true))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        paths: Vec<PathBuf>,
        published_iso: Option<&str>,
        encoding: Option<&str>,
        threads: Option<usize>,
        batch_size: usize,
        chunk_bytes: usize,
        raise_on_error: bool,
        keep_errors: bool,
    ) -> PyResult<Self> {
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be positive"));
        }
        let mut opts = read_options(published_iso, encoding, threads)?;
        opts.doc_ids = Some(Arc::new(corpus::doc_id_map(&paths, corpus::unique_doc_ids(&paths))));
        let stream_opts = StreamOptions {
            batch_size,
            chunking: Chunking {
                bytes: chunk_bytes.max(1),
                ..Chunking::default()
            },
            raise_on_error,
            keep_errors,
        };
        let reader = FactReader::new(paths, opts, stream_opts);
        let kept = reader.kept();
        Ok(FactStream {
            reader: Mutex::new(Some(reader)),
            kept,
        })
    }

    /// The next batch of facts as a one-batch table, or None at the end (GIL released while parsing).
    fn next_batch(&self, py: Python<'_>) -> PyResult<Option<ArrowTable>> {
        let mut reader = self.take()?;
        let next = py.detach(|| {
            let r = reader.next();
            (r, reader)
        });
        let (r, reader) = next;
        *self.reader.lock().unwrap_or_else(|e| e.into_inner()) = Some(reader);
        match r {
            None => Ok(None),
            Some(Ok(b)) => Ok(Some(ArrowTable::new(tables::facts_schema(), vec![b]))),
            Some(Err(e)) => Err(PyRuntimeError::new_err(stream_error_text(&e))),
        }
    }

    /// Hands the rest of the stream to an Arrow consumer (once).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        stream_capsule(py, Box::new(self.take()?))
    }

    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, &tables::facts_schema())
    }

    /// `documents` rows of the files parsed so far.
    fn documents(&self) -> ArrowTable {
        self.kept_table(true)
    }

    /// `errors` rows of the files parsed so far.
    fn errors(&self) -> ArrowTable {
        self.kept_table(false)
    }

    /// Whether the stream is still available (not handed to an Arrow consumer).
    #[getter]
    fn available(&self) -> bool {
        self.reader.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }
}

/// The message of a stream error without Arrow's "External error: " prefix.
fn stream_error_text(e: &arrow_schema::ArrowError) -> String {
    match e {
        arrow_schema::ArrowError::ExternalError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Rust `log` records go to Python's `logging` (logger names start with "assay").
    pyo3_log::init();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<ArrowTable>()?;
    m.add_class::<FactStream>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(read_files, m)?)?;
    m.add_function(wrap_pyfunction!(doc_ids, m)?)?;
    m.add_function(wrap_pyfunction!(real_paths, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(parse_texts, m)?)?;
    m.add_function(wrap_pyfunction!(empty_table, m)?)?;
    Ok(())
}
