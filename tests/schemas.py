"""The contract columns of each table: (name, type, nullable)."""

import pyarrow as pa

FACTS = [
    ("doc_id", pa.string(), False),
    ("commodity", pa.string(), True),
    ("metric", pa.string(), False),
    ("region", pa.string(), True),
    ("partner", pa.string(), True),
    ("segment", pa.string(), True),
    ("period_start", pa.date32(), True),
    ("period_end", pa.date32(), True),
    ("forecast", pa.bool_(), False),
    ("basis", pa.string(), False),
    ("value", pa.float64(), False),
    ("value_high", pa.float64(), True),
    ("unit", pa.string(), False),
    ("approx", pa.string(), False),
    ("start", pa.int64(), False),
    ("end", pa.int64(), False),
    ("sentence", pa.string(), False),
]
DOCUMENTS = [
    ("doc_id", pa.string(), False),
    ("path", pa.string(), True),
    ("title", pa.string(), True),
    ("published", pa.date32(), True),
    ("source", pa.string(), True),
    ("n_chars", pa.int64(), False),
    ("n_facts", pa.int64(), False),
    ("status", pa.string(), False),
    ("message", pa.string(), True),
]
SECTIONS = [
    ("doc_id", pa.string(), False),
    ("index", pa.int64(), False),
    ("heading", pa.string(), False),
    ("commodity", pa.string(), True),
    ("start", pa.int64(), False),
    ("end", pa.int64(), False),
]
ERRORS = [
    ("doc_id", pa.string(), False),
    ("path", pa.string(), True),
    ("severity", pa.string(), False),
    ("message", pa.string(), False),
]
