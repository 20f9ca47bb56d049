//! The `assay._core` extension module: tables over the Arrow PyCapsule
//! interface, and the parsing entry points (which release the GIL).

use std::path::PathBuf;

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::SchemaRef;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::arrow::{self as tables, Origin, TablesBuilder};
use crate::corpus::{self, Format, ReadOptions};
use crate::decode;
use crate::model::Days;
use crate::periods::parse_iso_date;

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
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The capsule owns the stream; dropping it releases the stream unless a consumer moved it out.
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema =
            FFI_ArrowSchema::try_from(self.schema.as_ref()).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        PyCapsule::new_with_value(py, schema, c"arrow_schema")
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

/// Parses one text. Returns `(text, document, sections, facts)` where `text` is
/// what the offsets refer to when that is not the input (an HTML page's text), else None.
#[pyfunction]
#[pyo3(signature = (text, doc_id, published_iso=None, format="auto"))]
fn parse(
    py: Python<'_>,
    text: String,
    doc_id: String,
    published_iso: Option<&str>,
    format: &str,
) -> PyResult<(Option<String>, ArrowTable, ArrowTable, ArrowTable)> {
    let published = published(published_iso)?;
    let format = Format::from_name(format)
        .ok_or_else(|| PyValueError::new_err(format!("format must be 'auto', 'text' or 'html', not {format:?}")))?;
    let (page_text, out) = py.detach(|| {
        let mut b = TablesBuilder::new();
        let origin = Origin {
            doc_id: &doc_id,
            published,
            ..Default::default()
        };
        let page_text = corpus::parse_text_into(&mut b, origin, &text, format, published);
        (page_text, b.finish())
    });
    Ok((
        page_text,
        ArrowTable::new(tables::documents_schema(), vec![out.documents]),
        ArrowTable::new(tables::sections_schema(), vec![out.sections]),
        ArrowTable::new(tables::facts_schema(), vec![out.facts]),
    ))
}

/// Reads and parses files in parallel. Returns `(documents, sections, facts, errors)`.
#[pyfunction]
#[pyo3(signature = (paths, published_iso=None, encoding=None, threads=None))]
fn read_files(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    published_iso: Option<&str>,
    encoding: Option<&str>,
    threads: Option<usize>,
) -> PyResult<(ArrowTable, ArrowTable, ArrowTable, ArrowTable)> {
    let encoding = encoding
        .map(|label| decode::lookup(label).ok_or_else(|| PyValueError::new_err(format!("unknown encoding: {label:?}"))))
        .transpose()?;
    let opts = ReadOptions {
        published: published(published_iso)?,
        encoding,
        threads,
    };
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
            let first = dates.first().copied().flatten();
            if dates.iter().all(|d| *d == first) {
                let docs: Vec<(&str, &str)> = doc_ids
                    .iter()
                    .zip(&texts)
                    .map(|(d, t)| (d.as_str(), t.as_str()))
                    .collect();
                let opts = ReadOptions {
                    published: first,
                    encoding: None,
                    threads,
                };
                return corpus::parse_texts(&docs, format, &opts);
            }
            parse_dated_texts(&doc_ids, &texts, &dates, format, threads)
        })
        .map_err(PyRuntimeError::new_err)?;
    Ok((
        ArrowTable::new(tables::documents_schema(), t.documents),
        ArrowTable::new(tables::sections_schema(), t.sections),
        ArrowTable::new(tables::facts_schema(), t.facts),
        ArrowTable::new(tables::errors_schema(), t.errors),
    ))
}

/// `corpus::parse_texts` with a date of publication per text: chunks in parallel, batches in input order.
fn parse_dated_texts(
    doc_ids: &[String],
    texts: &[String],
    dates: &[Option<Days>],
    format: Format,
    threads: Option<usize>,
) -> Result<corpus::Tables, String> {
    use rayon::prelude::*;
    let idx: Vec<usize> = (0..texts.len()).collect();
    let work = || {
        let per_chunk = idx.len().div_ceil(rayon::current_num_threads() * 4).clamp(1, 256);
        idx.par_chunks(per_chunk)
            .map(|chunk| {
                let mut b = TablesBuilder::new();
                for &i in chunk {
                    let origin = Origin {
                        doc_id: &doc_ids[i],
                        published: dates[i],
                        ..Default::default()
                    };
                    corpus::parse_text_into(&mut b, origin, &texts[i], format, dates[i]);
                }
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

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Rust `log` records go to Python's `logging` (logger names start with "assay").
    pyo3_log::init();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<ArrowTable>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(read_files, m)?)?;
    m.add_function(wrap_pyfunction!(parse_texts, m)?)?;
    m.add_function(wrap_pyfunction!(empty_table, m)?)?;
    Ok(())
}
