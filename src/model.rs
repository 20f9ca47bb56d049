//! Plain data types shared by the reading modules and the Arrow layer.
//!
//! Strings are borrowed: vocabulary from the compiled lexicon (`&'static str`),
//! sentences and segments from the document text (`&'a str`), so reading a
//! document allocates per document, not per fact.

/// A date as days since 1970-01-01 (Arrow `date32`).
pub type Days = i32;

/// The span a number describes, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Days,
    pub end: Days,
}

/// One stated number, resolved (see `shared/eval/GUIDE.md` for the contract).
#[derive(Clone, Debug)]
pub struct Fact<'a> {
    pub commodity: Option<&'static str>,
    pub metric: &'static str,
    pub region: Option<&'static str>,
    pub partner: Option<&'static str>,
    pub segment: Option<&'a str>,
    pub period: Option<Period>,
    pub forecast: bool,
    pub basis: &'static str,
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: &'static str,
    pub approx: &'static str,
    /// Byte offsets of the number's text in the document text (end exclusive).
    pub start: usize,
    pub end: usize,
    /// Byte range of the sentence the fact was read from.
    pub sentence: (usize, usize),
}

/// A titled part of a report ("Copper Cathode", "By Province: ...").
#[derive(Clone, Debug)]
pub struct Section<'a> {
    pub heading: &'a str,
    pub commodity: Option<&'static str>,
    /// Byte offsets of the section (heading included) in the document text.
    pub start: usize,
    pub end: usize,
}

/// What the page says about itself.
#[derive(Clone, Debug, Default)]
pub struct DocMeta<'a> {
    pub title: Option<&'a str>,
    pub published: Option<Days>,
    pub source: Option<&'a str>,
}

/// Everything read from one document.
#[derive(Clone, Debug)]
pub struct ParsedDoc<'a> {
    pub text: &'a str,
    pub meta: DocMeta<'a>,
    pub sections: Vec<Section<'a>>,
    pub facts: Vec<Fact<'a>>,
}

/// Caller's hints for one document.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// Anchors years when the text carries no date of its own.
    pub published: Option<Days>,
}
