//! Reads a document's text into facts. (Placeholder until the reading rules land.)

use crate::model::{DocMeta, ParseOptions, ParsedDoc};

pub fn parse_text<'a>(text: &'a str, _opts: &ParseOptions) -> ParsedDoc<'a> {
    ParsedDoc { text, meta: DocMeta::default(), sections: Vec::new(), facts: Vec::new() }
}
