//! Resolves every quantity of a document into a fact: commodity, metric,
//! region, partner, segment, period, forecast flag, basis, signed value.
//!
//! The reading works sentence by sentence. Vocabulary hits (cues, metrics,
//! commodities, regions, segments, periods) are found once for the sentences
//! that state a quantity and the headings, tables and captions; each sentence
//! looks at the hits inside it, so a rule reads like the sentence:
//! "decreased by 81,700 mt MoM, a decline of 7.46%" gives two MoM changes
//! because the second number has its own direction cue and inherits the basis.
//! A sentence that states no quantity only hands a period and a topic metric on
//! to later sentences, and is read only when one of them asks ([`Carried`]).

use std::cell::{Cell, RefCell};

use crate::bytes::{ascii_space, ends_with_ignore_case, starts_with_ignore_case, trim_end, word_in};
use crate::fiscal;
use crate::legend;
use crate::lexicon::{
    commodity_of_heading_from, complete_form, cue, with_hits_in, Hit, HitScan, Region, RegionKind, COMMODITIES,
    METRICS, REGIONS,
};
use crate::meta;
use crate::model::{Days, Fact, ParseOptions, ParsedDoc, Period, Section};
use crate::numbers::{self, QKind, Quantity};
use crate::periods::{self, Month, PKind, PeriodExpr};
use crate::phrases::is_word_byte;
use crate::segment::{self, Line, LineKind};
use crate::tables::{self, Column, Table};

/// Vocabulary hits of one document, or of a stretch of it, each sorted by position.
#[derive(Clone, Copy)]
struct Hits<'h> {
    cues: &'h [Hit],
    metrics: &'h [Hit],
    commodities: &'h [Hit],
    regions: &'h [Hit],
    segments: &'h [Hit],
    periods: &'h [PeriodExpr],
}

impl<'h> Hits<'h> {
    /// The hits starting in `[s, e)`, and the commodities starting in `[s, past)`
    /// (those of the few bytes after it too, which `metric` looks at): a
    /// sentence's few, which its rules search again and again, instead of the whole
    /// document's. `self` holds the hits from the end of the sentence before on and
    /// is left holding those from `e` on: sentences are taken in order, each
    /// starting at or after the end of the one before, so that stepping through a
    /// document visits each hit about once.
    fn take(&mut self, s: usize, e: usize, past: usize) -> Hits<'h> {
        /// The items of `v` starting in `[s, e)`, and how many more start before `past`.
        fn cut<'h, T>(
            v: &mut &'h [T],
            start: impl Fn(&T) -> usize,
            s: usize,
            e: usize,
            past: Option<usize>,
        ) -> &'h [T] {
            // Most lists have no hit in a sentence: their next starts at or after its end.
            if v.first().is_none_or(|h| start(h) >= e) {
                let more = past.map_or(0, |past| v.iter().take_while(|h| start(h) < past).count());
                return &v[..more];
            }
            let skip = v.iter().position(|h| start(h) >= s).unwrap_or(v.len());
            let from_s = &v[skip..];
            let n = from_s.iter().position(|h| start(h) >= e).unwrap_or(from_s.len());
            *v = &from_s[n..];
            let more = past.map_or(0, |past| v.iter().take_while(|h| start(h) < past).count());
            &from_s[..n + more]
        }
        Hits {
            cues: cut(&mut self.cues, |h| h.start, s, e, None),
            metrics: cut(&mut self.metrics, |h| h.start, s, e, None),
            commodities: cut(&mut self.commodities, |h| h.start, s, e, Some(past)),
            regions: cut(&mut self.regions, |h| h.start, s, e, None),
            segments: cut(&mut self.segments, |h| h.start, s, e, None),
            periods: cut(&mut self.periods, |p| p.start, s, e, None),
        }
    }
}

/// The hits lying inside `[s, e)`.
fn within(v: &[Hit], s: usize, e: usize) -> &[Hit] {
    let a = v.partition_point(|h| h.start < s);
    let b = v.partition_point(|h| h.start < e);
    &v[a..b]
}

/// The hits of `v` from `s` on: [`within`] for hits that all start before the end.
fn from_on(v: &[Hit], s: usize) -> &[Hit] {
    &v[v.partition_point(|h| h.start < s)..]
}

/// The hits of `v` before `e`: [`within`] for hits that all start from the start on.
fn until(v: &[Hit], e: usize) -> &[Hit] {
    &v[..v.partition_point(|h| h.start < e)]
}

/// The items of `v` (sorted by start) that start before `e`, found from the back:
/// for a sentence's hits, of which at most a few start at or after `e`.
fn before_end<T>(v: &[T], e: usize, start: impl Fn(&T) -> usize) -> &[T] {
    let mut n = v.len();
    while n > 0 && start(&v[n - 1]) >= e {
        n -= 1;
    }
    &v[..n]
}

/// The first hit starting inside `[s, e)`: [`within`]`.first()` with one search.
fn first_in(v: &[Hit], s: usize, e: usize) -> Option<&Hit> {
    v.get(v.partition_point(|h| h.start < s)).filter(|h| h.start < e)
}

/// [`segment::section_commodity`] of a heading (a trimmed slice of `text`), from
/// `mentions`, the commodity hits of a search of the text that covered the heading's
/// line: within a line that search finds what a search of the heading alone would
/// (no phrase crosses a line end), so the heading need not be searched again.
fn heading_commodity(text: &str, mentions: &[Hit], heading: &str) -> Option<&'static str> {
    // `heading` is a slice of the text: its offset is the distance of the pointers.
    let s = heading.as_ptr() as usize - text.as_ptr() as usize;
    let e = s + heading.trim_end_matches(':').len();
    match first_in(mentions, s, e) {
        Some(first) if first.end <= e => commodity_of_heading_from(text, s, e, first),
        // A hit running past the heading (over its colon) is not what the heading alone
        // holds: search it on its own.
        Some(_) => segment::section_commodity(heading),
        None => None,
    }
}

/// The last hit starting inside `[s, e)`: [`within`]`.last()` with one search.
fn last_in(v: &[Hit], s: usize, e: usize) -> Option<&Hit> {
    v[..v.partition_point(|h| h.start < e)].last().filter(|h| h.start >= s)
}

/// `t.trim().is_empty()`, byte by byte while the text is ASCII (the usual gap
/// between two hits), which needs no decoding of characters.
fn blank(t: &str) -> bool {
    for &b in t.as_bytes() {
        if b >= 0x80 {
            return t.trim().is_empty();
        }
        if !ascii_space(b) {
            return false;
        }
    }
    true
}

/// `t.trim()`: [`trim_start`] and [`trim_end`].
fn trim(t: &str) -> &str {
    trim_end(trim_start(t))
}

/// `t.trim_start()`, its ASCII white space dropped a byte at a time (the usual
/// case), characters decoded only from a non-ASCII byte on.
fn trim_start(t: &str) -> &str {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() && ascii_space(b[i]) {
        i += 1;
    }
    if i < b.len() && !b[i].is_ascii() {
        return t[i..].trim_start();
    }
    &t[i..]
}

/// The flags of a cue hit (its tag).
fn flags(h: &Hit) -> u32 {
    h.tag
}

/// The basis a cue's flags name: [`cue::basis_name`], not asked of the many cues
/// without a basis flag (a direction word: "rose").
fn basis_name(f: u32) -> Option<&'static str> {
    if f & cue::BASIS == 0 {
        None
    } else {
        cue::basis_name(f)
    }
}

/// What carries from sentence to sentence inside a section.
#[derive(Default)]
struct Context {
    /// The commodity of the section's heading.
    commodity: Option<&'static str>,
    /// The commodity the last number of the section took from its own sentence: the
    /// topic of the sentences after it that name none, where the heading names none.
    recent: Option<&'static str>,
    /// Whether a title naming no commodity ("Inventories", "Outlook") came after the
    /// heading that named `commodity`: a section of another kind that only inherits it.
    inherited: bool,
    /// The heading names commodities but is no one's own ("Magnesium Alloy and Powder",
    /// "Copper cathode output rises"): the sentences' topics, from its first on, are no asides.
    named: bool,
    region: Option<&'static str>,
    period: Carried<Period>,
    topic_metric: Carried<&'static str>,
    /// The sentences without a quantity that `period` or `topic_metric` may still
    /// have to read, latest last: one list for both (see [`Carried`]).
    deferred: Vec<(usize, usize)>,
}

impl Context {
    /// The context of a new section: nothing carried over (the buffers kept).
    fn restart(&mut self, commodity: Option<&'static str>, region: Option<&'static str>) {
        self.commodity = commodity;
        self.recent = None;
        self.inherited = false;
        self.named = false;
        self.region = region;
        self.set_period(None);
        self.set_topic_metric(None);
    }

    /// A sentence's own period: it overrides the sentences before it.
    fn set_period(&mut self, v: Option<Period>) {
        self.period.set(v, self.deferred.len());
    }

    /// A sentence's own topic metric: it overrides the sentences before it.
    fn set_topic_metric(&mut self, v: Option<&'static str>) {
        self.topic_metric.set(v, self.deferred.len());
    }

    /// A sentence `s..e` without a quantity, to be read by [`Carried::get`] if need be.
    fn defer(&mut self, s: usize, e: usize) {
        let n = self.deferred.len();
        if self.period.from.get() == n && self.topic_metric.from.get() == n {
            // Neither value has any sentence left to read: start the list afresh.
            self.deferred.clear();
            self.period.from.set(0);
            self.topic_metric.from.set(0);
        }
        self.deferred.push((s, e));
    }
}

/// Buffers that the reading of one document reuses from sentence to sentence
/// instead of allocating them for each.
#[derive(Default)]
struct Scratch {
    basis_spans: Vec<(usize, usize)>,
    pexprs: Vec<PeriodExpr>,
    cuts: Vec<(usize, usize, bool)>,
    relative: Vec<bool>,
    owner: Vec<Option<usize>>,
    direct: Vec<Option<usize>>,
    fact_of: Vec<Option<(usize, PeriodSource)>>,
    /// Per commodity mention of the sentence, the metric it is the subject of.
    subjects: Vec<Option<&'static str>>,
    /// Per period expression of the sentence, its period once resolved.
    resolved: Vec<Cell<Option<Option<Period>>>>,
    heading_qs: Vec<Quantity>,
}

/// A value handed on from sentence to sentence, and the sentences without a
/// quantity met since it was last set, latest last: those of [`Context::deferred`]
/// from `from` on. What those sentences say is read only when the value is asked
/// for, latest first, so most of them (those followed by a sentence that sets the
/// value itself) are never read at all.
struct Carried<T> {
    value: Cell<Option<T>>,
    from: Cell<usize>,
}

impl<T> Default for Carried<T> {
    fn default() -> Self {
        Carried {
            value: Cell::new(None),
            from: Cell::new(0),
        }
    }
}

impl<T: Copy> Carried<T> {
    /// A sentence's own value: it overrides the `deferred` sentences before it.
    fn set(&self, v: Option<T>, deferred: usize) {
        self.value.set(v);
        self.from.set(deferred);
    }

    /// The value now: the latest of the `deferred` sentences pending that `read`
    /// finds one in, else the last set. None is pending afterwards.
    fn get(&self, deferred: &[(usize, usize)], read: impl Fn(usize, usize) -> Option<T>) -> Option<T> {
        let pending = &deferred[self.from.replace(deferred.len())..];
        if let Some(v) = pending.iter().rev().find_map(|&(s, e)| read(s, e)) {
            self.value.set(Some(v));
        }
        self.value.get()
    }
}

/// Where a fact's period came from: written right after the number, elsewhere in
/// its sentence, or the surrounding text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PeriodSource {
    Direct,
    Sentence,
    Context,
}

/// The buffers of [`Reader::topic_period`]: a sentence's period expressions,
/// clause breaks and which expressions are in a relative clause.
type TopicBuffers = (Vec<PeriodExpr>, Vec<(usize, usize, bool)>, Vec<bool>);

#[derive(Clone, Copy)]
struct Reader<'a, 'h> {
    text: &'a str,
    hits: Hits<'h>,
    /// Month that anchors years: the subject month, else the month of publication.
    reference: Option<Month>,
    /// Last day of the subject month: later periods are not yet measured.
    subject_end: Option<Days>,
    /// The period of a sentence that names none and follows none that did: the year so
    /// far the title names (`meta::Meta::subject_span`), the subject month, else the
    /// days the report is about (`meta::Meta::subject_days`).
    subject_period: Option<Period>,
    published: Option<Days>,
    default_commodity: Option<&'static str>,
    /// The commodities the title names (see `meta::Meta::topics`).
    topics: [Option<&'static str>; 4],
}

pub fn parse_text<'a>(text: &'a str, opts: &ParseOptions) -> ParsedDoc<'a> {
    read_document(text, opts, false)
}

/// [`parse_text`]; `search_all` searches the whole text for every vocabulary and
/// reads every sentence in full instead of following [`scan_plan`] (the tests
/// check the plan loses nothing).
fn read_document<'a>(text: &'a str, opts: &ParseOptions, search_all: bool) -> ParsedDoc<'a> {
    thread_local! {
        static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
    }
    WORKSPACE.with(|w| {
        let mut w = w.borrow_mut();
        let doc = read_document_in(text, opts, search_all, &mut w);
        // A very large document leaves large buffers: the next documents start afresh.
        if text.len() > 1 << 24 {
            *w = Workspace::default();
        }
        doc
    })
}

/// A stretch of the text to search: its span, and whether for period expressions too.
type Stretch = (usize, usize, bool);

/// A sentence of a body line: its span and, when it is read in full, the range of
/// its quantities in [`Workspace::quantities`].
type BodySentence = (usize, usize, Option<(usize, usize)>);

/// The buffers that reading a document fills and empties again: each thread keeps
/// one set and reuses it from document to document, so that a corpus of thousands
/// of reports does not allocate (and grow) them thousands of times.
#[derive(Default)]
struct Workspace {
    lines: Vec<Line>,
    plan: Vec<Stretch>,
    sentences: Vec<BodySentence>,
    spans: Vec<(usize, usize)>,
    quantities: Vec<Quantity>,
    scan: HitScan,
    period_exprs: Vec<PeriodExpr>,
    metrics: Vec<Hit>,
    cues: Vec<Hit>,
    commodities: Vec<Hit>,
    scratch: Scratch,
}

/// [`read_document`] with the buffers of `w`.
fn read_document_in<'a>(text: &'a str, opts: &ParseOptions, search_all: bool, w: &mut Workspace) -> ParsedDoc<'a> {
    let Workspace {
        lines,
        plan,
        sentences: body_sentences,
        spans,
        quantities,
        scan,
        period_exprs,
        metrics,
        cues,
        commodities,
        scratch,
    } = w;
    segment::lines_into(text, lines);
    let lines = &lines[..];
    let _fiscal = fiscal::Scope::enter(text);
    let meta = meta::read(text, lines, opts.published);
    let reference = meta.subject.or(meta.doc.published.map(Month::of_day));
    let found_tables = tables::find(text, lines);
    scan_plan(text, lines, &found_tables, plan, body_sentences, spans, quantities);
    if search_all {
        *plan = vec![(0, text.len(), true)];
        for (s, e, qs) in body_sentences.iter_mut() {
            qs.get_or_insert_with(|| {
                let a = quantities.len();
                numbers::scan_into(text, *s, *e, quantities);
                (a, quantities.len())
            });
        }
    }
    scan.clear();
    period_exprs.clear();
    for &(s, e, with_periods) in plan.iter() {
        scan.scan(text, s, e);
        if with_periods {
            periods::scan_into(text, s, e, period_exprs);
        }
    }
    // The body sentences not yet read: they come in text order, as the lines do.
    let mut body_sentences = &body_sentences[..];
    metrics.clear();
    metrics.extend(scan.metrics().iter().filter(|h| METRICS.payload(h).is_some()));
    // Weeks and days of the week are cues of the vocabulary scan, not of the period
    // grammar: they become period expressions, and leave the cues (most texts have none).
    let cues = if scan.cues().iter().any(|h| flags(h) & cue::PERIOD != 0) {
        cues.clear();
        for h in scan.cues() {
            match periods::week_expr(text, h.start, h.end, flags(h)) {
                Some(p) => period_exprs.push(p),
                None => cues.push(*h),
            }
        }
        period_exprs.sort_by_key(|p| p.start);
        // A date written with the day of the week is the date, where the day of the week
        // stands: "Thursday close, May 29", "closed at 9,742 USD/mt on Thursday (August 21)".
        let mut i = 0;
        while i + 1 < period_exprs.len() {
            let (w, d) = (&period_exprs[i], &period_exprs[i + 1]);
            if matches!(w.kind, PKind::Weekday { dw: None, .. })
                && matches!(d.kind, PKind::Day { .. })
                && d.start - w.end <= 12
                && !text[w.end..d.start].contains(['.', ';'])
            {
                // Its span stays the weekday's: the date may stand past a clause break.
                period_exprs[i].kind = period_exprs.remove(i + 1).kind;
            }
            i += 1;
        }
        &cues[..]
    } else {
        scan.cues()
    };
    // "spodumene-based production", "MHP-based output": the feedstock of another product,
    // not a mention of the commodity (a segment still). Most texts have none.
    let based = |h: &Hit| text[h.end..].starts_with("-based");
    let commodities = if scan.commodities().iter().any(based) {
        commodities.clear();
        commodities.extend(scan.commodities().iter().filter(|h| !based(h)));
        &commodities[..]
    } else {
        scan.commodities()
    };
    let r = Reader {
        text,
        hits: Hits {
            cues,
            metrics,
            commodities,
            regions: scan.regions(),
            segments: scan.segments(),
            periods: period_exprs,
        },
        reference,
        subject_end: meta.subject.map(Month::last_day),
        subject_period: meta
            .subject_span
            .or(meta.subject.map(Month::period))
            .or(meta.subject_days),
        published: meta.doc.published,
        default_commodity: meta.commodity,
        topics: meta.topics,
    };
    let mut sections: Vec<Section<'a>> = Vec::new();
    // Whether a heading has opened a commodity's section: such a report runs no wire stories.
    let mut commodity_sections = false;
    // Room for the facts at once, so that the vector does not move them as it grows
    // (a page of tables states one every dozen bytes): a fact per quantity of the
    // sentences read and per table cell, and a few for the headings' numbers.
    let cells: usize = found_tables.iter().flat_map(|t| &t.rows).map(|r| r.cells.len()).sum();
    let mut facts = Vec::with_capacity(quantities.len() + cells + 8);
    // The title's commodity is the default (`Reader::default_commodity`), after the
    // sentences' own topic: a news item's headline names one commodity of several.
    let mut ctx = Context::default();
    let mut next_table = found_tables.iter().peekable();
    // The period the last title (a heading without numbers) named.
    let mut title_period = None;
    // The period ahead the heading of the section names ("Next week (Oct 19-23)"): what
    // its paragraphs start from.
    let mut section_period = None;
    // The hits from the sentence being read on: sentences come in order.
    let mut rest = r.hits;
    for (li, line) in lines.iter().enumerate() {
        // Table lines are read cell by cell, not as sentences.
        if let Some(t) = next_table.peek() {
            if li >= t.lines.0 {
                if li == t.lines.0 {
                    r.read_table(t, &ctx, &mut facts);
                }
                if li + 1 >= t.lines.1 {
                    next_table.next();
                }
                continue;
            }
        }
        match line.kind {
            LineKind::Blank | LineKind::Furniture => continue,
            LineKind::Heading => {
                let heading = trim(&text[line.start..line.end]);
                if let Some(last) = sections.last_mut() {
                    last.end = line.start;
                }
                // "Concentrate market" in a copper report: copper concentrate.
                let commodity = heading_commodity(text, rest.commodities, heading)
                    .and_then(|c| complete_form(c, ctx.commodity.or(ctx.recent).or(meta.commodity)));
                // A section heading that pairs commodities ("Magnesium Alloy and Powder",
                // "Nickel & Cobalt") inherits none: its first is the topic until a sentence
                // names another. (The title names the report's topics: see `Reader::topics`.)
                let named = match commodity {
                    Some(_) => None,
                    None => first_in(rest.commodities, line.start, line.end)
                        .filter(|c| {
                            !sections.is_empty() && {
                                let after = text[c.end..line.end].trim_start();
                                after.starts_with("and ") || after.starts_with("& ")
                            }
                        })
                        .and_then(|c| complete_form(COMMODITIES.payload(c), ctx.commodity.or(meta.commodity))),
                };
                let mut qs = std::mem::take(&mut scratch.heading_qs);
                qs.clear();
                numbers::scan_into(text, line.start, line.end, &mut qs);
                // A later headline that states a number opens a story about the first
                // commodity it names ("INDONESIA: Nickel matte exports slump 18% y/y"),
                // as a wire runs one story after another.
                commodity_sections |= commodity.is_some();
                let story = (!commodity_sections
                    && commodity.is_none()
                    && named.is_none()
                    && !qs.is_empty()
                    && !sections.is_empty())
                .then(|| first_in(rest.commodities, line.start, line.end))
                .flatten()
                .and_then(|c| complete_form(COMMODITIES.payload(c), ctx.commodity.or(meta.commodity)));
                let commodity = commodity.or(story);
                if commodity.is_some() {
                    // A commodity section starts afresh; other headings are sub-heads.
                    ctx.restart(commodity, r.heading_region(line.start, line.end));
                } else if named.is_some() {
                    ctx.commodity = None;
                    ctx.inherited = false;
                }
                // A sub-head starts a new topic: "Concentrate market", then "Smelters".
                ctx.recent = named;
                ctx.named = named.is_some();
                sections.push(Section {
                    heading,
                    commodity: commodity.or(ctx.commodity).or(meta.commodity),
                    start: line.start,
                    end: text.len(),
                });
                // A title (a heading that states no number) opens a new context: the period
                // of the lines above ("Issued: 10 June 2025") does not carry past it. The short
                // data lines under it take its date ("Price snapshot (Thursday close, March 6)",
                // then "LME nickel: $16,215/mt"), not each other's ("* Iron ore stocks: ... at
                // end-May", then "* Fines index: monthly average ...").
                ctx.set_period(if qs.is_empty() { None } else { title_period });
                if commodity.is_none() && qs.is_empty() && ctx.commodity.is_some() {
                    ctx.inherited = true;
                }
                r.read_sentence(&mut rest, line.start, line.end, &qs, &mut ctx, &mut facts, scratch);
                // Only a period ahead is the section's own ("Next week (Oct 19-23)", "Outlook
                // for December"); a caption's month ("Table 1: ..., October 2025") is no topic
                // of the paragraphs after it.
                section_period = None;
                if qs.is_empty() {
                    title_period = ctx.period.value.get();
                    section_period = title_period.filter(|&p| sections.len() > 1 && r.after_measured(p, false));
                }
                scratch.heading_qs = qs;
            }
            LineKind::Body => {
                // A period named in an earlier paragraph does not carry into this one; one
                // the section's heading names does.
                ctx.set_period(section_period);
                while let Some(&(s, e, qs)) = body_sentences.first().filter(|b| b.0 < line.end) {
                    body_sentences = &body_sentences[1..];
                    match qs {
                        Some((a, b)) => {
                            r.read_sentence(&mut rest, s, e, &quantities[a..b], &mut ctx, &mut facts, scratch)
                        }
                        None => {
                            ctx.defer(s, e);
                        }
                    }
                }
            }
        }
    }
    if let Some(last) = sections.last_mut() {
        last.end = last.end.min(text.len());
    }
    legend::scale_million_mt(text, &mut facts);
    ParsedDoc {
        text,
        meta: meta.doc,
        sections,
        facts,
    }
}

/// The stretches of the text to search for vocabulary and periods, in order, into
/// `plan`; and the sentences of the body lines outside tables, which the reading
/// loop takes in turn, into `sentences`, each with the range of its quantities in
/// `quantities` if it is read in full (`spans`: a buffer for a line's sentences). Headings, table lines,
/// the line above a table (its caption) and sentences that state a quantity are
/// read in full and searched; any other sentence (a third of those with digits
/// have only dates) only hands its topic and its period on to later sentences,
/// and is searched on its own when they ask ([`Carried`]). Blank and furniture
/// lines are not searched. Neighbours with only white space between them are
/// one stretch. Table lines are searched for vocabulary only: their cells are
/// read by `read_table`, which takes each column's period from its header and
/// asks the hits only for the labels' commodities, regions and metrics.
fn scan_plan(
    text: &str,
    lines: &[Line],
    tables: &[Table],
    plan: &mut Vec<Stretch>,
    sentences: &mut Vec<BodySentence>,
    spans: &mut Vec<(usize, usize)>,
    quantities: &mut Vec<Quantity>,
) {
    let b = text.as_bytes();
    // Where read_table looks for a caption: the nearest non-blank line above the table.
    // Sorted, and the table lines marked, so that the lines below look both up in
    // constant time: a page of thousands of small tables costs no more per line.
    let mut captions: Vec<usize> = tables
        .iter()
        .map(|t| text[..t.top].trim_end().rfind('\n').map_or(0, |p| p + 1))
        .collect();
    captions.sort_unstable();
    let mut next_caption = 0;
    // Per table line, where its search ends (`usize::MAX`: not a table line); empty
    // (no allocation) for the usual text without tables. A row's search ends with
    // its label: read_table asks the hits of a row only for the label's commodity,
    // region and metric, and the numbers after it are most of the line.
    let mut table_end = vec![usize::MAX; if tables.is_empty() { 0 } else { lines.len() }];
    for t in tables {
        for li in t.lines.0..t.lines.1 {
            table_end[li] = lines[li].end;
        }
        for row in &t.rows {
            let li = lines.partition_point(|l| l.start <= row.label.0).saturating_sub(1);
            if (t.lines.0..t.lines.1).contains(&li) && row.label.1 <= lines[li].end {
                table_end[li] = row.label.1.max(lines[li].start);
            }
        }
    }
    plan.clear();
    sentences.clear();
    quantities.clear();
    let mut add = |s: usize, e: usize, with_periods: bool| match plan.last_mut() {
        Some(last) if last.2 == with_periods && b[last.1..s].iter().all(u8::is_ascii_whitespace) => last.1 = e,
        _ => plan.push((s, e, with_periods)),
    };
    for (li, line) in lines.iter().enumerate() {
        while captions.get(next_caption).is_some_and(|&c| c < line.start) {
            next_caption += 1;
        }
        let caption = captions.get(next_caption) == Some(&line.start);
        if let Some(&end) = table_end.get(li).filter(|&&end| end != usize::MAX) {
            // A table line that is the next table's caption is searched whole.
            add(line.start, if caption { line.end } else { end }, false);
        } else if line.kind == LineKind::Heading {
            add(line.start, line.end, true);
        } else if line.kind == LineKind::Body {
            spans.clear();
            segment::sentences_into(text, line.start, line.end, spans);
            for &(s, e) in spans.iter() {
                let a = quantities.len();
                numbers::scan_into(text, s, e, quantities);
                let qs = (quantities.len() > a || caption).then_some((a, quantities.len()));
                if qs.is_some() {
                    add(s, e, true);
                }
                sentences.push((s, e, qs));
            }
        } else if caption {
            add(line.start, line.end, true);
        }
    }
}

/// The spans of a sentence's basis cues ("MoM", "the same period last year"), of its `cues`, into `out`.
fn basis_spans_into(cues: &[Hit], out: &mut Vec<(usize, usize)>) {
    out.clear();
    out.extend(
        cues.iter()
            .filter(|h| flags(h) & cue::BASIS != 0)
            .map(|h| (h.start, h.end)),
    );
}

/// The period expressions that are not part of a basis, into `out`: "the same
/// period last year" is a basis, not a period.
fn outside_basis_into(pexprs: &[PeriodExpr], basis_spans: &[(usize, usize)], out: &mut Vec<PeriodExpr>) {
    out.clear();
    if basis_spans.is_empty() {
        // Most sentences: nothing to leave out.
        out.extend_from_slice(pexprs);
        return;
    }
    out.extend(
        pexprs
            .iter()
            .filter(|p| !basis_spans.iter().any(|&(bs, be)| p.start < be && bs < p.end))
            .copied(),
    );
}

/// Per period expression, whether a relative clause holds it ("which was
/// suspended in November 2024"), into `out`: it dates that clause only, not the sentence.
fn in_relative_clause_into(text: &str, clauses: &Clauses, pexprs: &[PeriodExpr], out: &mut Vec<bool>) {
    out.clear();
    out.extend(pexprs.iter().map(|p| {
        let head = trim_start(&text[clauses.start_of(p.start)..p.start]).as_bytes();
        // Most clauses start with neither a "w" nor a "t": no word to compare.
        head.first().is_some_and(|&c| matches!(c | 0x20, b'w' | b't'))
            && ["which ", "who ", "that "]
                .iter()
                .any(|w| starts_with_ignore_case(head, w.as_bytes()))
    }));
}

/// The words and the other bytes of the basis cue phrases ("the same period last
/// year", "m/m"), which any basis cue found is spelled with.
struct BasisTokens {
    /// By length: a bit per first letter (by its low five bits, case folded) and the words.
    words: Vec<(u32, Vec<&'static [u8]>)>,
    /// The other bytes, but the space.
    bytes: [bool; 256],
}

impl BasisTokens {
    /// Whether `w` is one of the words, ASCII case-insensitively.
    fn has(&self, w: &[u8]) -> bool {
        self.words.get(w.len()).is_some_and(|(first, ws)| {
            first & (1 << ((w[0] | 0x20) & 31)) != 0 && ws.iter().any(|x| x.eq_ignore_ascii_case(w))
        })
    }
}

static BASIS_TOKENS: once_cell::sync::Lazy<BasisTokens> = once_cell::sync::Lazy::new(|| {
    let mut t = BasisTokens {
        words: Vec::new(),
        bytes: [false; 256],
    };
    for line in include_str!("../data/cues.tsv").lines() {
        let mut fields = line.trim_end_matches('\r').split('\t');
        if !fields.next().is_some_and(|kind| kind.starts_with("basis:")) {
            continue;
        }
        for phrase in fields.next().unwrap_or("").split('|') {
            let b = phrase.trim().as_bytes();
            let mut i = 0;
            while i < b.len() {
                if !is_word_byte(b[i]) {
                    t.bytes[b[i] as usize] |= b[i] != b' ';
                    i += 1;
                    continue;
                }
                let w = i;
                while i < b.len() && is_word_byte(b[i]) {
                    i += 1;
                }
                let n = i - w;
                if t.words.len() <= n {
                    t.words.resize(n + 1, (0, Vec::new()));
                }
                let (first, ws) = &mut t.words[n];
                *first |= 1 << ((b[w] | 0x20) & 31);
                if !ws.iter().any(|x| x.eq_ignore_ascii_case(&b[w..i])) {
                    ws.push(&b[w..i]);
                }
            }
        }
    }
    t
});

/// Whether a basis cue may cover the period expression `p` ("the same period last
/// year"), as far as the tokens of the text around it tell. A cue is found where the
/// text's tokens (words, ASCII case folded, and single other bytes) spell its phrase,
/// and a phrase neither starts nor ends with a space nor holds two in a row: a cue
/// that covers a byte of `p` spells with one of its own words or other bytes a token
/// of the text from a byte before `p` to a byte after it. Where no such token is a
/// basis phrase's, no basis cue covers `p`.
fn may_be_in_basis(text: &str, p: &PeriodExpr) -> bool {
    let b = text.as_bytes();
    let tokens = &*BASIS_TOKENS;
    let mut i = p.start.saturating_sub(1);
    // From the start of the word there, if any.
    while i > 0 && is_word_byte(b[i - 1]) && is_word_byte(b[i]) {
        i -= 1;
    }
    let end = (p.end + 1).min(b.len());
    while i < end {
        if !is_word_byte(b[i]) {
            if tokens.bytes[b[i] as usize] {
                return true;
            }
            i += 1;
            continue;
        }
        let w = i;
        while i < b.len() && is_word_byte(b[i]) {
            i += 1;
        }
        if tokens.has(&b[w..i]) {
            return true;
        }
    }
    false
}

/// The period expression whose period a sentence hands on: its first that is
/// neither a comparison base nor `skip`ped (dating only part of the sentence).
fn carried_expr(pexprs: &[PeriodExpr], skip: &[bool]) -> Option<usize> {
    (0..pexprs.len()).find(|&i| !pexprs[i].base && !skip.get(i).copied().unwrap_or(false))
}

/// The topic metric a sentence hands on: its first metric cue of a quantity.
fn carried_metric(metrics: &[Hit]) -> Option<&'static str> {
    metrics
        .iter()
        .filter_map(|m| *METRICS.payload(m))
        .find(|m| !matches!(*m, "share" | "other" | "price"))
}

/// A forward-looking word in the clause `cs..ce` (of the sentence whose `cues` these are).
fn clause_has_forward(cues: &[Hit], cs: usize, ce: usize) -> bool {
    within(cues, cs, ce)
        .iter()
        .any(|h| flags(h) & (cue::FORWARD | cue::FORECAST_BEFORE) != 0)
}

/// Words allowed between a number and the period it is "in": "1,087 tons in November".
const ATTACH_WORDS: &[&str] = &[
    "mark",
    "level",
    "threshold",
    "in",
    "at",
    "on",
    "by",
    "for",
    "during",
    "of",
    "the",
    "end",
    "as",
    "month-end",
    "mid",
    "late",
    "early",
    "this",
    "next",
    "mom",
    "yoy",
    "wow",
    "qoq",
    "month-on-month",
    "year-on-year",
    "until",
    "through",
];

/// What a table column's header says, read once for all its rows.
#[derive(Clone, Copy, Default)]
struct ColumnHeader {
    /// It holds percentages ("Cancelled %").
    percent: bool,
    /// The unit its header or the caption's note gives it (none for a basis column).
    unit: Option<(&'static str, f64)>,
    /// A basis column headed as a change ("QoQ change", "Chg", "+/-").
    change: bool,
}

/// A metric that counts a flow, which a day may measure (not a stock, a rate or a price).
fn flow_metric(metric: &str) -> bool {
    matches!(metric, "production" | "exports" | "imports" | "sales" | "demand")
}

/// Whether `words` hold `a` followed by `b` (its trailing punctuation aside), ASCII
/// case-insensitively: "full year", "per day,".
fn word_pair_in<'w>(words: impl Iterator<Item = &'w str>, a: &str, b: &str) -> bool {
    let mut prev = "";
    for w in words {
        if prev.eq_ignore_ascii_case(a) && w.trim_end_matches([',', '.', ';']).eq_ignore_ascii_case(b) {
            return true;
        }
        prev = w;
    }
    false
}

/// Whether `q` stands alone in brackets right after the quantity that ends at `end`:
/// "4,870 mt (14.3%)"; or after ", or" at the end of a clause: "30,120 mt, or 95.8%.".
fn bracketed_after(text: &str, end: usize, q: &Quantity) -> bool {
    if end > q.start {
        return false;
    }
    let (between, after) = (text[end..q.start].trim(), text[q.end..].trim_start());
    between == "(" && after.starts_with(')')
        || between == ", or" && (after.is_empty() || after.starts_with(['.', ';', ',']))
}

/// Words that open a clause of cause, time or contrast inside a sentence.
const SUBORDINATORS: &[&str] = &[
    "as", "because", "since", "amid", "despite", "due", "owing", "after", "while", "whereas",
];

/// The words of `gap`, split at white space (`char::is_whitespace`). A byte below 128 is
/// a character of its own, so ASCII text is read without decoding characters.
fn gap_words(gap: &str) -> impl Iterator<Item = &str> {
    // Whether the character at byte `i` is white space, and its length.
    let char_at = |i: usize| -> (bool, usize) {
        let c = gap.as_bytes()[i];
        if c < 0x80 {
            return (matches!(c, b'\t'..=b'\r' | b' '), 1);
        }
        let ch = gap[i..].chars().next().expect("i is a char boundary");
        (ch.is_whitespace(), ch.len_utf8())
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < gap.len() {
            let (space, n) = char_at(i);
            if !space {
                break;
            }
            i += n;
        }
        let s = i;
        while i < gap.len() {
            let (space, n) = char_at(i);
            if space {
                break;
            }
            i += n;
        }
        (i > s).then(|| &gap[s..i])
    })
}

/// `gap_words(gap).count() <= n`, reading no further than the word after the `n`th:
/// the gap may run from a sentence's start to a hit near its end.
fn at_most_words(gap: &str, n: usize) -> bool {
    gap_words(gap).nth(n).is_none()
}

/// Whether each word of a text given in pieces is one of a list, the pieces read
/// as if joined (a word may run on from one into the next) and commas counted as
/// spaces, without joining them into a new string.
struct OnlyWords<'w> {
    words: &'w [&'w str],
    /// The word being read, and its length: [`OnlyWords::NONE`] once it is too long or
    /// has a character no listed word has.
    word: [u8; 16],
    len: usize,
    ok: bool,
}

impl<'w> OnlyWords<'w> {
    const NONE: usize = usize::MAX;

    fn new(words: &'w [&'w str]) -> Self {
        OnlyWords {
            words,
            word: [0; 16],
            len: 0,
            ok: true,
        }
    }

    fn feed(&mut self, piece: &str) {
        if piece.is_ascii() {
            // The usual piece: its bytes are its characters.
            for &b in piece.as_bytes() {
                if !self.ok {
                    return;
                }
                if ascii_space(b) || b == b',' {
                    self.end_word();
                } else if self.len < self.word.len() {
                    self.word[self.len] = b;
                    self.len += 1;
                } else {
                    self.len = Self::NONE;
                }
            }
            return;
        }
        for c in piece.chars() {
            if !self.ok {
                return;
            }
            if c.is_whitespace() || c == ',' {
                self.end_word();
            } else if c.is_ascii() && self.len < self.word.len() {
                self.word[self.len] = c as u8;
                self.len += 1;
            } else {
                self.len = Self::NONE;
            }
        }
    }

    fn end_word(&mut self) {
        if self.len != 0 {
            let w = self.word.get(..self.len);
            self.ok = w.is_some_and(|w| self.words.iter().any(|x| x.as_bytes().eq_ignore_ascii_case(w)));
            self.len = 0;
        }
    }

    fn finish(mut self) -> bool {
        self.end_word();
        self.ok
    }
}

/// Nouns of change that may stand between a number and the metric it changes:
/// "a 3.06% reduction in total production".
const CHANGE_NOUNS: &[&str] = &[
    "reduction",
    "increase",
    "decrease",
    "decline",
    "drop",
    "rise",
    "growth",
    "cut",
];

/// Small words that may stand between a cue and its number ("below the 17,000 ... mark").
fn adjacent(gap: &str) -> bool {
    words_all_in(gap, &["the", "a", "an", "just", "only", "some"], 2)
}

/// Whether every word of `gap` is one of `words` and there are at most `max`:
/// `gap_words(gap).all(|w| word_in(w, words)) && gap_words(gap).count() <= max`,
/// read byte by byte when the gap is ASCII (as it nearly always is).
fn words_all_in(gap: &str, words: &[&str], max: usize) -> bool {
    let b = gap.as_bytes();
    if !b.is_ascii() {
        return gap_words(gap).all(|w| word_in(w, words)) && at_most_words(gap, max);
    }
    let (mut n, mut i) = (0, 0);
    while i < b.len() {
        if ascii_space(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !ascii_space(b[i]) {
            i += 1;
        }
        n += 1;
        if n > max || !words.iter().any(|w| b[start..i].eq_ignore_ascii_case(w.as_bytes())) {
            return false;
        }
    }
    true
}

/// Text that ends with "by", perhaps followed by an approximation word: "300-series by about".
fn ends_with_by(t: &str) -> bool {
    let l = strip_approx(t);
    l.eq_ignore_ascii_case("by") || ends_with_ignore_case(l.as_bytes(), b" by")
}

/// Text without a trailing approximation word: "... and approximately" -> "... and".
fn strip_approx(t: &str) -> &str {
    let t = trim_end(t);
    [
        "approximately",
        "about",
        "around",
        "nearly",
        "roughly",
        "over",
        "more than",
        "less than",
        "almost",
    ]
    .iter()
    .find(|w| ends_with_ignore_case(t.as_bytes(), w.as_bytes()))
    .map_or(t, |w| trim_end(&t[..t.len() - w.len()]))
}

/// Text that may join a commodity to the metric word after it: letters, spaces,
/// hyphens and apostrophes, at most two words, none of [`JOIN_STOPWORDS`]. Only
/// spaces can separate its words, so they are the pieces between spaces.
fn joining_gap(gap: &[u8]) -> bool {
    gap.iter()
        .all(|&b| b.is_ascii_alphabetic() || b == b' ' || b == b'-' || b == b'\'')
        && {
            let mut words = gap.split(|&b| b == b' ').filter(|w| !w.is_empty());
            // No stop word is longer than five letters.
            let stop = |w: &[u8]| w.len() <= 5 && JOIN_STOPWORDS.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()));
            words.by_ref().take(2).all(|w| !stop(w)) && words.next().is_none()
        }
}

/// Words that cannot stand between a commodity and the metric word it is the subject of.
const JOIN_STOPWORDS: &[&str] = &[
    "to", "in", "of", "the", "a", "an", "was", "were", "is", "are", "and", "or", "by", "for", "with", "from", "on",
    "at", "as", "that", "which", "saw", "has", "had",
];

/// Possessives that date a number a step before the period of its sentence, and
/// the months back: "the previous month's 21,970 mt", "last year's 1.2 million mt".
const EARLIER_POSSESSIVES: &[(&str, i32)] = &[
    ("previous month", 1),
    ("prior month", 1),
    ("last month", 1),
    ("previous year", 12),
    ("prior year", 12),
    ("last year", 12),
];

/// The possessives that name the week before: "from last week's average of 15,015 USD/mt"
/// ("from last week" is a basis cue, which hides the period "last week").
const LAST_WEEK_POSSESSIVES: &[&str] = &["previous week", "prior week", "last week"];

/// `p` moved back as the possessive whose owner ends `owner` (the text before a
/// number's "'s") says, when `p` is a whole month (a week back, when a week or less); else `p`.
fn earlier_by_possessive(owner: &str, p: Period) -> Period {
    let ends = |w: &str| ends_with_ignore_case(owner.as_bytes(), w.as_bytes());
    if p.end - p.start < 7 && LAST_WEEK_POSSESSIVES.iter().any(|w| ends(w)) {
        return Period {
            start: p.start - 7,
            end: p.end - 7,
        };
    }
    EARLIER_POSSESSIVES
        .iter()
        .find(|(w, _)| ends(w))
        .and_then(|&(_, back)| Month::spanning(p).map(|m| m.offset(-back).period()))
        .unwrap_or(p)
}

/// `lead` without the name of a figure it ends with, after a possessive: "last week's"
/// of "last week's average of", "the previous month's level of".
fn possessed_figure(lead: &str) -> Option<&str> {
    let rest = lead.strip_suffix(" of")?.trim_end();
    let name = rest.rsplit(' ').next()?;
    if !word_in(
        name,
        &[
            "average", "close", "level", "figure", "total", "reading", "high", "low", "price",
        ],
    ) {
        return None;
    }
    let owner = rest[..rest.len() - name.len()].trim_end();
    possessive_owner(owner).map(|_| owner)
}

/// `lead` without the possessive "'s" (or "’s") it ends with: its owner.
fn possessive_owner(lead: &str) -> Option<&str> {
    lead.strip_suffix("'s").or_else(|| lead.strip_suffix("\u{2019}s"))
}

/// Whether `gap` (the text after a commodity) opens with an infinitive that makes the
/// commodity the subject of an expectation: " to exceed", " is expected to trade".
fn expected_to(gap: &str) -> bool {
    let mut words = gap_words(gap);
    let mut w = words.next().unwrap_or("");
    if word_in(w, &["is", "are", "was", "were"]) {
        if !words
            .next()
            .is_some_and(|x| word_in(x, &["expected", "projected", "forecast", "likely", "set", "seen"]))
        {
            return false;
        }
        w = words.next().unwrap_or("");
    }
    // Not "to be": "The operating rate of smelters using copper concentrates is expected to be
    // 90.1%" is the smelters' rate; the commodity ends the subject's phrase, it is not the subject.
    w.eq_ignore_ascii_case("to")
        && words
            .next()
            .is_some_and(|v| v.bytes().all(|b| b.is_ascii_lowercase()) && v != "be")
}

/// Words that make the subject of a shipment the supplier of the report's market.
const SUPPLIER_WORDS: &[&str] = &["supplier", "suppliers", "supplied", "supplying", "origin", "origins"];

const CLAUSE_WORDS: &[&str] = &["while", "but", "whereas", "although"];
/// The first two letters of each of [`CLAUSE_WORDS`]: the spaces [`Clauses::new_in`] looks past.
const CLAUSE_STARTS: [[u8; 2]; 3] = [*b"wh", *b"bu", *b"al"];

/// Pushes the clause break at stop `i` of the sentence `s..e`, if it is one: a comma
/// (not one between digits), colon or parenthesis (weak), a semicolon or a space
/// before one of [`CLAUSE_WORDS`] (strong).
#[inline]
fn clause_break(b: &[u8], s: usize, e: usize, i: usize, cuts: &mut Vec<(usize, usize, bool)>) {
    match b[i] {
        b',' if i > s && i + 1 < e && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit() => {}
        // A unit's abbreviation in brackets ("34.7 million wet metric tonnes (wmt) of ore
        // in 2025") is no aside: the clause runs on through it.
        b'(' if abbreviation(&b[i + 1..e.min(b.len())]) => {}
        b')' if closes_abbreviation(b, s, i, e) => {}
        b',' | b':' | b'(' | b')' => cuts.push((i, i + 1, false)),
        b';' => cuts.push((i, i + 1, true)),
        b' ' => {
            for w in CLAUSE_WORDS {
                let end = i + 1 + w.len();
                if end < e && b[end] == b' ' && b[i + 1..end].eq_ignore_ascii_case(w.as_bytes()) {
                    cuts.push((i, end + 1, true));
                }
            }
        }
        _ => {}
    }
}

/// The breakdown a table row's label names: the label without the metric word at
/// `metric` (offsets in the label), a unit in brackets and a leading "from": "Production,
/// secondary" is "secondary", "  from MHP" is "MHP", "Demand" none.
fn label_segment(label: &str, metric: Option<(usize, usize)>) -> Option<&str> {
    fn clean(t: &str) -> &str {
        // A unit in brackets is the row's unit, not its breakdown.
        let t = match t.rfind('(') {
            Some(o) if t.trim_end().ends_with(')') => &t[..o],
            _ => t,
        };
        let t = t.trim_matches(|c: char| c.is_whitespace() || ",;:-".contains(c));
        // The word is ASCII: the cut after it is a character boundary.
        let t = ["from ", "of which ", "of ", "in ", "including ", "incl. "]
            .iter()
            .find(|w| starts_with_ignore_case(t.as_bytes(), w.as_bytes()))
            .map_or(t, |w| &t[w.len()..]);
        t.trim()
    }
    let parts = match metric {
        Some((a, b)) => [clean(&label[..a]), clean(&label[b..])],
        None => [clean(label), ""],
    };
    parts.into_iter().find(|p| !p.is_empty())
}

/// Whether `unit` is money `currency` per some unit ("USD/t" of "USD").
fn per_unit_of(unit: &str, currency: &str) -> bool {
    unit.strip_prefix(currency).is_some_and(|r| r.starts_with('/'))
}

/// Whether `p` runs from January 1 for two months or more but not the whole year: a
/// cumulative figure, which only a year before compares with ("Russian cargoes fell 9.2%"
/// after "Imports in January-October totalled ...").
fn year_to_date(p: Period) -> bool {
    let (_, m, d) = crate::periods::ymd_from_days(p.start);
    (m, d) == (1, 1) && (58..364).contains(&(p.end - p.start))
}

/// Whether `p` is a trading week, Monday to Friday.
fn trading_week(p: Period) -> bool {
    p.end - p.start == 4 && crate::periods::weekday(p.start) == 0
}

/// Whether `before` ends with one unit and "=": the number after it is a conversion
/// factor ("1 lb = 0.4536 kg"), not a market figure.
fn conversion(before: &str) -> bool {
    let Some(head) = before.trim_end().strip_suffix('=') else {
        return false;
    };
    let mut words = head.split_ascii_whitespace().rev();
    matches!((words.next(), words.next()), (Some(u), Some("1")) if u.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Whether `before` ends with a figure and "of": "2.61 million mt of" (what a commodity
/// named next is the object of).
fn figure_of(before: &str) -> bool {
    let Some(head) = before.trim_end().strip_suffix(" of") else {
        return false;
    };
    let tail = &head.as_bytes()[head.len().saturating_sub(16)..];
    tail.iter().any(u8::is_ascii_digit)
}

/// Whether the ")" at `i` closes a bracketed abbreviation of [`abbreviation`]; its "("
/// is at most seventeen bytes back, so the look stops there (a run of ")" stays linear).
fn closes_abbreviation(b: &[u8], s: usize, i: usize, e: usize) -> bool {
    let from = s.max(i.saturating_sub(18));
    b[from..i]
        .iter()
        .rposition(|&c| c == b'(')
        .is_some_and(|k| abbreviation(&b[from + k + 1..e]))
}

/// Whether `b` starts with a short abbreviation and its closing bracket: "wmt)", "LME)".
/// So is a trade code: "HS 2603)", "HS code 740311)".
fn abbreviation(b: &[u8]) -> bool {
    let Some(n) = b.iter().take(17).position(|&c| c == b')') else {
        return false;
    };
    let inner = &b[..n];
    let code = [&b"HS"[..], b"CN", b"HTS"].iter().any(|p| inner.starts_with(p));
    n > 0 && n <= 8 && inner.iter().all(|c| c.is_ascii_alphabetic() || *c == b'/')
        || code
            && inner.last().is_some_and(u8::is_ascii_digit)
            && inner.iter().all(|c| c.is_ascii_alphanumeric() || *c == b' ')
}

/// Calls `f(i)`, in order, for each `i` in `from..to` where `b[i]` is one of `,:();`
/// or a space followed by one of [`CLAUSE_STARTS`] (ASCII case-insensitive), until
/// `f` returns true; thirty-two bytes at a time where the CPU has AVX2, then sixteen.
fn each_clause_stop(b: &[u8], from: usize, to: usize, f: &mut impl FnMut(usize) -> bool) {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        if crate::bytes::has_avx2() {
            // SAFETY: the CPU has AVX2.
            match unsafe { clause_stops_avx2(b, from, to, f) } {
                Some(k) => i = k,
                None => return,
            }
        }
        // SSE2 is part of x86_64; every load stays inside `b`.
        while i + 16 <= to && i + 18 <= b.len() {
            let mut m = unsafe {
                let at = |k: usize| _mm_loadu_si128(b.as_ptr().add(i + k).cast());
                let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
                let lower = |v: __m128i| _mm_or_si128(v, _mm_set1_epi8(0x20));
                let (x, y, z) = (at(0), lower(at(1)), lower(at(2)));
                // "(" and ")" differ in the low bit only, as do ":" and ";".
                let x1 = _mm_or_si128(x, _mm_set1_epi8(1));
                let mut hit = _mm_or_si128(eq(x, b','), _mm_or_si128(eq(x1, b')'), eq(x1, b';')));
                let mut pair = _mm_setzero_si128();
                for p in &CLAUSE_STARTS {
                    pair = _mm_or_si128(pair, _mm_and_si128(eq(y, p[0]), eq(z, p[1])));
                }
                hit = _mm_or_si128(hit, _mm_and_si128(eq(x, b' '), pair));
                _mm_movemask_epi8(hit) as u32
            };
            while m != 0 {
                if f(i + m.trailing_zeros() as usize) {
                    return;
                }
                m &= m - 1;
            }
            i += 16;
        }
    }
    for k in i..to {
        let stop = b",:();".contains(&b[k])
            || (b[k] == b' '
                && k + 2 < b.len()
                && CLAUSE_STARTS
                    .iter()
                    .any(|p| b[k + 1] | 0x20 == p[0] && b[k + 2] | 0x20 == p[1]));
        if stop && f(k) {
            return;
        }
    }
}

/// [`each_clause_stop`] thirty-two bytes at a time: the whole blocks from `from` on,
/// then the rest of `from..to` in one block read from as far back as `b` allows. Where
/// it left off (`to`, but within two bytes of the end of `b`), or None once `f`
/// returned true. The same tests as its SSE2 steps.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn clause_stops_avx2(b: &[u8], from: usize, to: usize, f: &mut impl FnMut(usize) -> bool) -> Option<usize> {
    use std::arch::x86_64::*;
    // Bit `k`: whether `b[j + k]` is a stop, for `j + 34 <= b.len()`.
    let stops = |j: usize| {
        // Every load stays inside `b`.
        let at = |k: usize| unsafe { _mm256_loadu_si256(b.as_ptr().add(j + k).cast()) };
        let eq = |v: __m256i, c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
        let lower = |v: __m256i| _mm256_or_si256(v, _mm256_set1_epi8(0x20));
        let (x, y, z) = (at(0), lower(at(1)), lower(at(2)));
        let x1 = _mm256_or_si256(x, _mm256_set1_epi8(1));
        let hit = _mm256_or_si256(eq(x, b','), _mm256_or_si256(eq(x1, b')'), eq(x1, b';')));
        let mut pair = _mm256_setzero_si256();
        for p in &CLAUSE_STARTS {
            pair = _mm256_or_si256(pair, _mm256_and_si256(eq(y, p[0]), eq(z, p[1])));
        }
        _mm256_movemask_epi8(_mm256_or_si256(hit, _mm256_and_si256(eq(x, b' '), pair))) as u32
    };
    // Calls `f` at the stops of `m` (bit `k` for `i + k`); true once it returned true.
    let mut each = |mut m: u32, i: usize| {
        while m != 0 {
            if f(i + m.trailing_zeros() as usize) {
                return true;
            }
            m &= m - 1;
        }
        false
    };
    let mut i = from;
    while i + 32 <= to && i + 34 <= b.len() {
        if each(stops(i), i) {
            return None;
        }
        i += 32;
    }
    if i < to && b.len() >= 34 && i + 2 < b.len() {
        // Fewer than thirty-two bytes are left (or `b` ends): the block at `j <= i`
        // covers them up to `end`, without its bits before `i` and from `to` on
        // (`i - j < 32`: `i` is not in the last two bytes of `b`).
        let j = i.min(b.len() - 34);
        let end = to.min(j + 32);
        let m = (stops(j) >> (i - j)) & ((1u32 << (end - i)) - 1);
        if each(m, i) {
            return None;
        }
        i = end;
    }
    Some(i)
}

/// The clause breaks of one sentence, found once: punctuation (not the comma of
/// "1,486") and contrast words. A number's clause lies between two breaks.
struct Clauses<'c> {
    s: usize,
    e: usize,
    /// Byte spans of the breaks, sorted, and whether each is strong (";" or a contrast
    /// word, which also ends the reach of a segment named before it).
    cuts: &'c [(usize, usize, bool)],
}

impl<'c> Clauses<'c> {
    /// The clauses of `text[s..e]` around the positions up to `upto`, their breaks
    /// kept in `cuts`: those up to the first at or after `upto`, which is all that
    /// [`Clauses::of`] and [`Clauses::strong_start`] read for such a position (the
    /// rest of the sentence is not scanned).
    fn new_in(text: &str, s: usize, e: usize, upto: usize, cuts: &'c mut Vec<(usize, usize, bool)>) -> Self {
        let b = text.as_bytes();
        cuts.clear();
        // The break at `i`, if any; true once the break at or after `upto` is found.
        let mut at = |i: usize| {
            let n = cuts.len();
            clause_break(b, s, e, i, cuts);
            cuts.len() > n && i >= upto
        };
        each_clause_stop(b, s, e, &mut at);
        Clauses { s, e, cuts }
    }

    /// Where the part of the sentence that `pos` belongs to starts, past strong breaks only.
    fn strong_start(&self, pos: usize) -> usize {
        let k = self.cuts.partition_point(|c| c.1 <= pos);
        self.cuts[..k].iter().rev().find(|c| c.2).map_or(self.s, |c| c.1)
    }

    /// Where the clause around `pos` starts: [`Clauses::of`]`.0`.
    fn start_of(&self, pos: usize) -> usize {
        let k = self.cuts.partition_point(|c| c.1 <= pos);
        if k > 0 {
            self.cuts[k - 1].1
        } else {
            self.s
        }
    }

    /// The clause around `pos`: (start, end).
    fn of(&self, pos: usize) -> (usize, usize) {
        let k = self.cuts.partition_point(|c| c.1 <= pos);
        let cs = if k > 0 { self.cuts[k - 1].1 } else { self.s };
        let ce = self.cuts[k..].iter().find(|c| c.0 >= pos).map_or(self.e, |c| c.0);
        (cs, ce)
    }
}

impl<'a, 'h> Reader<'a, 'h> {
    fn heading_region(&self, s: usize, e: usize) -> Option<&'static str> {
        first_in(self.hits.regions, s, e)
            .map(|h| REGIONS.payload(h).name)
            .filter(|n| *n != "China")
    }

    fn resolve(&self, kind: PKind) -> Option<Period> {
        let explicit_year = match kind {
            PKind::Month { y, .. }
            | PKind::Day { y, .. }
            | PKind::DayRange { y, .. }
            | PKind::MonthEnd { y, .. }
            | PKind::Span { y, .. } => y.is_some(),
            PKind::MonthRange { y1, y2, .. } => y1.is_some() || y2.is_some(),
            PKind::Year(_) => true,
            PKind::Relative(_)
            | PKind::RelativeYear(_)
            | PKind::MonthRelYear { .. }
            | PKind::YearToDate
            | PKind::Week(_)
            | PKind::Weekday { .. } => false,
        };
        // A week or a day of the week counts from the day of writing.
        if let Some(p) = self.published.and_then(|d| periods::resolve_on_day(kind, d)) {
            return Some(p);
        }
        // "last month", "next month" count from the day of writing; "this month" is the
        // month the report is about.
        if let (PKind::Relative(n), Some(d)) = (kind, self.published) {
            if n != 0 {
                return Some(Month::of_day(d).offset(n).period());
            }
        }
        match self.reference {
            Some(r) => Some(periods::resolve(kind, r)),
            None if explicit_year => Some(periods::resolve(kind, Month::new(2000, 1))),
            None => None,
        }
    }

    /// The period of `pexprs[pi]`, resolved only the first time `resolved[pi]` is asked.
    fn resolve_at(
        &self,
        pexprs: &[PeriodExpr],
        resolved: &[Cell<Option<Option<Period>>>],
        pi: usize,
    ) -> Option<Period> {
        resolved[pi].get().unwrap_or_else(|| {
            let p = self.resolve(pexprs[pi].kind);
            resolved[pi].set(Some(p));
            p
        })
    }

    /// Reads the sentence `s..e`, whose quantities are `qs`.
    /// `rest`: the hits from this sentence on (see [`Hits::take`]).
    #[allow(clippy::too_many_arguments)]
    fn read_sentence(
        &self,
        rest: &mut Hits<'h>,
        s: usize,
        e: usize,
        qs: &[Quantity],
        ctx: &mut Context,
        out: &mut Vec<Fact<'a>>,
        scratch: &mut Scratch,
    ) {
        // The few bytes past the end: "imported\ncopper" (see `metric`).
        let r = Reader {
            hits: rest.take(s, e, (e + 3).min(self.text.len())),
            ..*self
        };
        r.read_sentence_in(s, e, qs, ctx, out, scratch);
    }

    /// [`Reader::read_sentence`], with the hits of the sentence only.
    fn read_sentence_in(
        &self,
        s: usize,
        e: usize,
        qs: &[Quantity],
        ctx: &mut Context,
        out: &mut Vec<Fact<'a>>,
        scratch: &mut Scratch,
    ) {
        let text = self.text;
        let Scratch {
            basis_spans,
            pexprs,
            cuts,
            relative,
            owner,
            direct,
            fact_of,
            subjects,
            resolved,
            ..
        } = scratch;
        // The hits of the sentence (see `read_sentence`).
        let cues = self.hits.cues;
        // The flags of all the sentence's cues, gathered in one pass. Most sentences
        // have no basis cue: then every period expression counts, and none is copied.
        let all_flags = cues.iter().fold(0, |a, h| a | flags(h));
        let pexprs = if all_flags & cue::BASIS == 0 {
            basis_spans.clear();
            self.hits.periods
        } else {
            basis_spans_into(cues, basis_spans);
            outside_basis_into(self.hits.periods, basis_spans, pexprs);
            &pexprs[..]
        };
        let basis_spans = &basis_spans[..];
        let metrics = self.hits.metrics;
        if qs.is_empty() && pexprs.is_empty() {
            self.update_context(ctx, None, metrics);
            return;
        }
        // The clauses are asked about at the numbers and period expressions only.
        let upto = qs
            .last()
            .map_or(0, |q| q.start)
            .max(pexprs.last().map_or(0, |p| p.start));
        let clauses = Clauses::new_in(text, s, e, upto, cuts);
        in_relative_clause_into(text, &clauses, pexprs, relative);
        let relative = &relative[..];
        let past = all_flags & cue::PAST != 0;
        let forward = all_flags & cue::FORWARD != 0;
        if qs.is_empty() {
            let carried = carried_expr(pexprs, relative).and_then(|i| self.resolve(pexprs[i].kind));
            self.update_context(ctx, carried, metrics);
            return;
        }

        // Periods written right after a number belong to it alone.
        owner.clear();
        owner.resize(pexprs.len(), None);
        direct.clear();
        direct.resize(qs.len(), None);
        for (qi, q) in qs.iter().enumerate() {
            let limit = qs.get(qi + 1).map_or(e, |n| n.start);
            let first = pexprs.partition_point(|p| p.start < q.end);
            for (pi, p) in pexprs.iter().enumerate().skip(first) {
                if p.start > limit || p.start - q.end > 40 {
                    break;
                }
                if p.base || owner[pi].is_some() {
                    continue;
                }
                let gap = &text[q.end..p.start];
                // A bracketed aside may stand between: "186,400 mt (gross weight) last week".
                let gap = match gap.trim_start().strip_prefix('(').and_then(|g| g.split_once(')')) {
                    Some((_, rest)) => rest,
                    None => gap,
                };
                let punct = gap.bytes().any(|b| matches!(b, b',' | b';' | b'.' | b'(' | b')'));
                if !punct && words_all_in(gap, ATTACH_WORDS, usize::MAX) {
                    owner[pi] = Some(qi);
                    direct[qi] = Some(pi);
                }
                break;
            }
        }

        // Several numbers of a sentence often share a period expression: resolve each once.
        resolved.clear();
        resolved.resize(pexprs.len(), Cell::new(None));
        let resolved = &resolved[..];

        // What each commodity mention is the subject of does not depend on the quantity.
        // The commodities before `e`: at most the few of the bytes past the end are left out.
        let mentions = before_end(self.hits.commodities, e, |h| h.start);
        subjects.clear();
        subjects.extend(mentions.iter().map(|c| self.subject_metric(c, metrics)));
        let subjects = &subjects[..];

        // Per quantity: its fact's index in `out` (grades have none) and its period's source.
        fact_of.clear();
        // (is_change, sign, basis) of the previous quantity in the sentence
        let mut prev: Option<(bool, f64, &'static str)> = None;
        let mut prev_level: Option<(&'static str, &'static str, usize)> = None;
        // The first period expression a number of the sentence was dated by.
        let mut first_used: Option<usize> = None;
        // Where the cues from the number on start, kept from one number to the next.
        let mut ks = 0;
        for (qi, q) in qs.iter().enumerate() {
            // The sentence's cues before the number and from its end on, found once: the
            // searches below each look on one side only. Numbers come in order, so the
            // search goes on from the number before (unless this one starts before it).
            if ks > 0 && cues[ks - 1].start >= q.start {
                ks = cues.partition_point(|h| h.start < q.start);
            }
            while ks < cues.len() && cues[ks].start < q.start {
                ks += 1;
            }
            let mut ke = ks;
            while ke < cues.len() && cues[ke].start < q.end {
                ke += 1;
            }
            let (before_q, after_q) = (&cues[..ks], &cues[ke..]);
            if self.is_grade(q, after_q, mentions) || conversion(&text[s..q.start]) {
                fact_of.push(None);
                continue;
            }
            let pre_start = if qi > 0 { qs[qi - 1].end } else { s };
            let post_end = qs.get(qi + 1).map_or(e, |n| n.start);
            let (cs, ce) = clauses.of(q.start);
            let pre = from_on(before_q, pre_start.max(cs));
            let (period, source, pi) =
                self.period(qi, q, s, cs, ce, pexprs, resolved, owner, direct, relative, qs, ctx);
            first_used = first_used.min(pi).or(first_used).or(pi);
            // A day written without its year that would fall after the day of writing is
            // the one before it, unless the clause looks ahead: "the first assessment of
            // the year, $10.20/lb on January 2" in a December report is last January's. The
            // day after writing is a slip of the dateline's time zone, not a year back.
            let period = match (period, pi.map(|pi| pexprs[pi].kind), self.published) {
                (Some(p), Some(kind), Some(written)) if p.start > written + 1 && !clause_has_forward(cues, cs, ce) => {
                    periods::year_before(kind, p).or(period)
                }
                _ => period,
            };
            // "down 4,040 mt from the previous month's 21,970 mt": the month before; "up 7.7%
            // from August's 2.275 million tons": August's. An owner's figure is a level.
            let lead = text[pre_start.max(s)..q.start].trim_end();
            // "from last week's average of 15,015 USD/mt": the owner's figure, named.
            let lead = possessed_figure(lead).unwrap_or(lead);
            let owner = possessive_owner(lead);
            let owner_end = owner.map(|o| pre_start.max(s) + o.len());
            let owned_by = owner_end.and_then(|oe| pexprs.iter().position(|p| p.end == oe));
            let period = match (source, period, owner, owned_by) {
                (PeriodSource::Direct, ..) | (_, None, _, None) | (_, _, None, _) => period,
                (_, _, _, Some(pi)) => self.resolve_at(pexprs, resolved, pi).or(period),
                (_, Some(p), Some(o), None) => Some(earlier_by_possessive(o, p)),
            };
            // "Full-year copper guidance is narrowed to 1.0-1.05 Mt": a figure its sentence
            // does not date is the report's year.
            let full_year = || {
                let clause = &text[cs..q.start];
                gap_words(clause).any(|w| w.eq_ignore_ascii_case("full-year"))
                    || word_pair_in(gap_words(clause), "full", "year")
            };
            let period = match source {
                PeriodSource::Context if full_year() => self.resolve(PKind::RelativeYear(0)).or(period),
                _ => period,
            };
            // "slipped to 47.2% from 49.6% in August": the first is the month after the second's.
            let period = match (source, qs.get(qi + 1).and_then(|_| direct[qi + 1])) {
                (PeriodSource::Direct, _) | (_, None) => period,
                (_, Some(pi)) => {
                    let next = &qs[qi + 1];
                    let to_a_from_b = self.after_from(next.start, s)
                        && word_in(trim(&text[q.end..next.start]), &["from"])
                        && !self.after_from(q.start, s);
                    match self.resolve_at(pexprs, resolved, pi).and_then(Month::spanning) {
                        Some(m) if to_a_from_b => Some(m.offset(1).period()),
                        _ => period,
                    }
                }
            };
            let post = until(after_q, post_end.min(ce.max(q.end)));

            // Forecast figure named as such: "the expected 48,000 mt".
            let expected_figure = pre.last().is_some_and(|h| {
                flags(h) & cue::FORECAST_BEFORE != 0 && h.end <= q.start && adjacent(&text[h.end..q.start])
            });

            // --- level or change, and its direction
            let mut dl = pre.iter().rev().find(|h| flags(h) & (cue::DIRECTION | cue::LEVEL) != 0);
            // "... cut the capacity of its refinery by 40%": "by" before the number answers
            // the direction verb even when level words ("of") stand between.
            if dl.is_some_and(|d| flags(d) & cue::DIRECTION == 0) && ends_with_by(&text[pre_start.max(cs)..q.start]) {
                if let Some(d) = pre.iter().rev().find(|h| flags(h) & cue::DIRECTION != 0) {
                    dl = Some(d);
                }
            }
            let post_dir = self.post_direction(after_q, q, post_end).or_else(|| {
                // "a 14% MoM and 19% YoY drop": the direction after the pair applies to both.
                // Not "August's 2.275 million tons and 7.3% higher": a pair states one kind of change.
                let next = qs.get(qi + 1).filter(|n| n.unit == q.unit)?;
                // Only its end is read: the leading white space need not be trimmed.
                let between = trim_end(&text[q.end..next.start]).as_bytes();
                let joined = ends_with_ignore_case(between, b"and") || ends_with_ignore_case(between, b"or");
                (joined && self.connector_only(q.end, next.start, basis_spans))
                    .then(|| {
                        let after_next = &after_q[after_q.partition_point(|h| h.start < next.end)..];
                        self.post_direction(after_next, next, qs.get(qi + 2).map_or(e, |n| n.start))
                    })
                    .flatten()
            });
            let expected_figure = expected_figure && post_dir.is_none();
            let mut change: Option<(f64, Option<&'static str>)> = None; // (sign, basis from the cue itself)
            if expected_figure {
            } else if let Some(d) = dl.filter(|d| flags(d) & cue::DIRECTION != 0) {
                let f = flags(d);
                let sign = if f & cue::UP != 0 { 1.0 } else { -1.0 };
                // "a MoM drop of", "YoY increase of": a basis word right before the cue.
                let before = last_in(before_q, pre_start.min(d.start), d.start)
                    .filter(|b| flags(b) & cue::BASIS != 0 && blank(&text[b.end..d.start]));
                change = Some((
                    sign,
                    basis_name(f).or_else(|| before.and_then(|b| basis_name(flags(b)))),
                ));
            } else if let Some(sign) = post_dir {
                change = Some((sign, None));
            } else if owner_end.is_none() {
                if let Some((true, sign, _)) = prev {
                    let lead = strip_approx(&text[pre_start..q.start]);
                    let joined = [&b" and"[..], b" or", b" but"]
                        .iter()
                        .any(|w| ends_with_ignore_case(lead.as_bytes(), w));
                    // A level word before the joint belongs to the change before it: "up
                    // 4.2% from July and 7.9% from August 2025" (the second is a change too).
                    let elliptic = dl.is_none() && ends_with_by(lead) || joined;
                    if elliptic || dl.is_none() && self.connector_only(pre_start, q.start, basis_spans) {
                        // The basis carries too, unless a base of its own says otherwise
                        // (see `--- basis`).
                        change = Some((sign, None));
                    }
                }
            }

            // "+$585/mt w/w", "-6.9% YoY": a sign written before the number and a basis
            // right after it state a change.
            // Not after a level word ("stood at -$85/mt vs last week's"), and only a basis
            // written as one word ("w/w", "YoY", "month-on-month").
            if change.is_none() && !expected_figure && dl.is_none() {
                let plus = text.as_bytes()[..q.start].last() == Some(&b'+');
                let basis = post.first().filter(|h| {
                    flags(h) & cue::BASIS != 0 && blank(&text[q.end..h.start]) && !text[h.start..h.end].contains(' ')
                });
                if let Some(b) = basis.filter(|_| plus || q.signed) {
                    change = Some((if q.signed { -1.0 } else { 1.0 }, basis_name(flags(b))));
                }
            }

            // --- basis
            let basis = match change {
                None => "level",
                Some((_, cue_basis)) => {
                    let own = post
                        .iter()
                        .enumerate()
                        .find(|(i, h)| {
                            flags(h) & cue::BASIS != 0
                                && !post.get(i + 1).is_some_and(|n| {
                                    flags(n) & cue::DIRECTION != 0
                                        && flags(n) & (cue::UP_AFTER | cue::DOWN_AFTER) == 0
                                        && blank(&text[h.end..n.start])
                                })
                        })
                        .and_then(|(_, h)| cue::basis_name(flags(h)));
                    // Markers elsewhere in the sentence: any but "than expected", which is about its own number.
                    let general = |h: &&Hit| flags(h) & cue::BASIS & !cue::VS_EXPECTED != 0;
                    own.or(cue_basis)
                        .or_else(|| self.basis_from_base(q.end, post_end.min(ce.max(q.end)), pexprs, resolved, period))
                        .or(prev.filter(|p| p.0).map(|p| p.2))
                        .or_else(|| {
                            let later = after_q.iter().find(general);
                            later
                                .or_else(|| before_q.iter().rev().find(general))
                                .and_then(|h| cue::basis_name(flags(h)))
                        })
                        // Unmarked: a monthly (weekly) figure moves against the month (week)
                        // before; a year's, or a total from January on, that the sentence dates
                        // against the same span a year before ("2026 output is expected
                        // to grow 3-4%"); a point in time or an undated event is a plain
                        // change.
                        .unwrap_or(match (period, pexprs.iter().any(|p| !p.base)) {
                            // A whole calendar year the paragraph is about moved against the
                            // year before: "Mine supply fell 4% to 5.59 Moz" in a review of 2025
                            // (an event ahead, "will reduce annual output by", is a plain change).
                            // The year must be over: "this year" in June is not yet.
                            (Some(p), false)
                                if !forward
                                    && p.end - p.start >= 364
                                    && self.published.is_none_or(|w| p.end < w)
                                    && crate::periods::ymd_from_days(p.start).1 == 1 =>
                            {
                                "yoy"
                            }
                            // A figure of the report's trading week, dated or not, moved over
                            // the week: "Alloy-grade rose by $0.30" in a weekly.
                            (Some(p), dated) if dated || forward || trading_week(p) || year_to_date(p) => {
                                let (_, m, d) = crate::periods::ymd_from_days(p.start);
                                if (27..=30).contains(&(p.end - p.start)) {
                                    "mom"
                                } else if trading_week(p) {
                                    // A trading week against the week before.
                                    "wow"
                                } else if year_to_date(p) || dated && (m, d) == (1, 1) && p.end - p.start >= 58 {
                                    "yoy"
                                } else {
                                    "change"
                                }
                            }
                            _ => "change",
                        })
                }
            };
            let sign = change.map_or(1.0, |c| c.0);
            let signed = |v: f64| {
                if change.is_some() && !q.signed {
                    sign * v.abs()
                } else {
                    v
                }
            };
            let value = signed(q.value);
            let value_high = q.value_high.map(signed);
            prev = Some((change.is_some(), sign, basis));

            // --- approximation
            let approx = pre
                .iter()
                .rev()
                .find(|h| flags(h) & cue::APPROX != 0 && h.end <= q.start && adjacent(&text[h.end..q.start]))
                .map_or("exact", |h| {
                    let f = flags(h);
                    if f & cue::ABOUT != 0 {
                        "about"
                    } else if f & cue::OVER != 0 {
                        "over"
                    } else {
                        "under"
                    }
                });

            // --- metric
            // "$212.50 a tonne, up $4.75 on the week": a change in the currency alone moves
            // the price before it, per the price's unit.
            // So does the price it moved to: "rose $1.35 on the day to $104.85/dmt".
            let price_after = || {
                let next = qs
                    .get(qi + 1)
                    .filter(|n| n.kind == QKind::MoneyPerUnit && per_unit_of(n.unit, q.unit))?;
                words_all_in(
                    &text[q.end..next.start],
                    &["on", "the", "day", "week", "month", "to"],
                    5,
                )
                .then_some(next.unit)
            };
            let per_price = match prev_level {
                Some((u, "price", _)) if change.is_some() && q.kind == QKind::Money && per_unit_of(u, q.unit) => {
                    Some(u)
                }
                _ if change.is_some() && q.kind == QKind::Money => price_after(),
                _ => None,
            };
            let priced;
            let qm = match per_price {
                Some(unit) => {
                    priced = Quantity {
                        unit,
                        kind: QKind::MoneyPerUnit,
                        ..q.clone()
                    };
                    &priced
                }
                None => q,
            };
            let metric = match self.metric(qm, s, cs, metrics, ctx, change.is_some(), prev_level) {
                "exports" if self.shipped_to_home(s, e) => "imports",
                // In a paragraph on imports, a foreign country that shipped or sent a
                // quantity supplied the home market: "Zimbabwe shipped 121,400 mt".
                "exports" if self.context_metric(ctx) == Some("imports") && self.foreign_shipper(cs, q.start) => {
                    "imports"
                }
                m => m,
            };
            // Not when it counts something else: "..., while profit rose $1.2 billion".
            let unit = per_price.filter(|_| metric == "price").unwrap_or(q.unit);
            // "Daily average crude steel output was 2.13 million tonnes": a flow counted per day;
            // "daily" must qualify the flow word ("the daily operating rate rose and output
            // reached", "SMM's daily survey showed output" count no day).
            let daily_flow = || {
                gap_words(&text[cs..q.start]).any(|w| {
                    w.eq_ignore_ascii_case("daily") && {
                        let end = w.as_ptr() as usize - text.as_ptr() as usize + w.len();
                        first_in(self.hits.metrics, end, q.start).is_some_and(|m| {
                            m.start - end <= 40
                                && METRICS.payload(m).is_some_and(flow_metric)
                                && !gap_words(&text[end..m.start])
                                    .any(|g| word_in(g, &["survey", "data", "report", "showed", "shows"]))
                        })
                    }
                })
            };
            // "an average 1.962 million t of crude steel per day".
            let per_day_after = || word_pair_in(gap_words(&text[q.end..e]).take(6), "per", "day");
            let unit = match unit {
                "t" if flow_metric(metric) && (daily_flow() || per_day_after()) => "t/day",
                u => u,
            };
            // The last level: a change after it, or after another change of it, moves it;
            // not a share in brackets after it ("4,870 mt (14.3%), up 9.6% MoM").
            if change.is_none() && !prev_level.is_some_and(|p| bracketed_after(text, p.2, q)) {
                prev_level = Some((q.unit, metric, q.end));
            }

            // --- commodity
            let own = self
                .commodity(q, metric, s, cs, ce, mentions, subjects)
                .and_then(|c| complete_form(c, ctx.commodity.or(ctx.recent).or(self.default_commodity)));
            // The last topic of the section's sentences goes before the title's first commodity
            // only when the title names it too: a headline names the topics of the report,
            // and a commodity it does not name is an aside ("Indonesia's intermediate exports").
            let recent = ctx
                .recent
                .filter(|c| ctx.named || self.default_commodity.is_none() || self.topics.contains(&Some(*c)));
            // Under a title that names no commodity ("Outlook" after "Aluminium"), what the
            // number's clause or section names goes before the inherited commodity: "SHFE
            // copper is expected to trade between 78,200 and 79,800 yuan/mt".
            let own = own.or_else(|| {
                ctx.inherited
                    .then(|| {
                        within(mentions, cs, q.start)
                            .iter()
                            .rev()
                            .find(|c| !self.governed(c, s))
                            .and_then(|c| complete_form(COMMODITIES.payload(c), ctx.commodity))
                    })
                    .flatten()
            });
            let inherited = if ctx.inherited {
                recent.or(ctx.commodity)
            } else {
                ctx.commodity.or(recent)
            };
            let commodity = own.or(inherited).or(self.default_commodity);
            if own.is_some() {
                ctx.recent = own;
            }

            // --- forecast
            let forecast = expected_figure
                || match (period, self.subject_end.or(self.published)) {
                    // A later month is a forecast, unless the sentence tells it as a measured event
                    // ("TCs fell further in December") and no forecast word governs the number.
                    (Some(p), Some(_)) => {
                        self.after_measured(p, forward) && (!past || clause_has_forward(cues, cs, ce))
                    }
                    _ => forward && clause_has_forward(cues, cs, ce),
                };

            // --- region, partner, segment
            let (region, partner) = self.region_partner(q, s, e, metric, ctx);
            let (region, partner) = match self.respective_region(qs, qi, e) {
                Some(r) if r.kind != RegionKind::Province && matches!(metric, "exports" | "imports") => {
                    (region.filter(|&g| g != r.name), Some(r.name))
                }
                Some(r) => (Some(r.name), partner.filter(|&p| p != r.name)),
                None => (region, partner),
            };
            // The last segment before the number, if the part of the sentence it is in reaches it.
            let segment = until(self.hits.segments, q.start)
                .last()
                .filter(|h| h.start >= clauses.strong_start(q.start))
                .map(|h| &text[h.start..h.end]);

            // A deficit is a negative balance: "a deficit of about 1,000 t" is -1,000 t, and
            // a deficit that widened by 500 t moved the balance by -500 t.
            // A relative change of a deficit is not flipped: -1,000 t to -800 t is still -20%.
            let deficit = metric == "other"
                && !q.signed
                && q.unit != "%"
                && last_in(self.hits.metrics, cs, q.start)
                    .is_some_and(|m| word_in(&text[m.start..m.end], &["deficit", "deficits"]));
            let (value, value_high) = match deficit {
                true => (-value, value_high.map(|v| -v)),
                false => (value, value_high),
            };
            fact_of.push(Some((out.len(), source)));
            out.push(Fact {
                commodity,
                metric,
                region,
                partner,
                segment,
                period,
                forecast,
                basis,
                value,
                value_high,
                unit,
                approx,
                start: q.start,
                end: q.end,
                sentence: (s, e),
            });
        }
        self.date_from_a_to_b(qs, s, out, fact_of);
        // Not handed on either: the start of "from 301 tons in November to 24 tons" (asked
        // of the expressions in turn until one is handed on, not of all of them).
        // The sentence hands on the period its numbers were dated by: "With demand entering
        // the peak season in September, copper is expected to trade between 78,200 and
        // 79,800 yuan/mt next week" hands on next week, not September.
        let hands_on =
            |i: usize| !pexprs[i].base && !relative[i] && !owner[i].is_some_and(|qi| self.after_from(qs[qi].start, s));
        let carried = first_used
            .filter(|&i| hands_on(i))
            .or_else(|| (0..pexprs.len()).find(|&i| hands_on(i)))
            .and_then(|i| self.resolve_at(pexprs, resolved, i));
        self.update_context(ctx, carried, metrics);
    }

    /// A percentage that names a grade: "(50% metal content)", "98% sulphuric acid".
    /// `after`: the sentence's cues from `q.end` on; `mentions`: its commodity hits.
    fn is_grade(&self, q: &Quantity, after: &[Hit], mentions: &[Hit]) -> bool {
        if q.kind != QKind::Pct || q.value_high.is_some() {
            return false;
        }
        let close = |p: usize| p - q.end <= 2 && blank(&self.text[q.end..p]);
        // "antimony ingot (99.65%)", "Nd oxide (≥99.5%)": a purity in brackets alone, right
        // after the product it grades.
        let b = self.text.as_bytes();
        let purity = b.get(q.end) == Some(&b')') && !q.signed && {
            let lead = &self.text[..q.start];
            let open = lead.trim_end_matches(['≥', '>', '=', ' ']);
            // A purity is high ("99.65%") or marked as a minimum ("≥99%"); "(62%)" after a
            // product is its share.
            (q.value >= 90.0 || open.len() < lead.trim_end().len())
                && open.ends_with('(')
                && until(mentions, q.start)
                    .last()
                    .is_some_and(|c| c.end < open.len() && blank(&open[c.end..open.len() - 1]))
        };
        purity
            || from_on(mentions, q.end).first().is_some_and(|h| close(h.start))
            || after
                .first()
                .is_some_and(|h| flags(h) & cue::GRADE_AFTER != 0 && close(h.start))
    }

    /// "up 2% compared to December": the base month names the basis.
    fn basis_from_base(
        &self,
        a: usize,
        b: usize,
        pexprs: &[PeriodExpr],
        resolved: &[Cell<Option<Option<Period>>>],
        period: Option<Period>,
    ) -> Option<&'static str> {
        let first = pexprs.partition_point(|p| p.start < a);
        let base = first
            + pexprs[first..]
                .iter()
                .take_while(|p| p.start < b)
                .position(|p| p.base)?;
        let bp = self.resolve_at(pexprs, resolved, base)?;
        let period = period?;
        let (bm, m) = (Month::of_day(bp.start), Month::of_day(period.start));
        // A quarter against the one before ("6% higher than in the second quarter"), a
        // week against the week before.
        let quarters = (89..=91).contains(&(period.end - period.start)) && (89..=91).contains(&(bp.end - bp.start));
        let weeks = (4..=6).contains(&(period.end - period.start)) && period.start - bp.start == 7;
        Some(if weeks {
            "wow"
        } else if quarters && bm == m.offset(-3) {
            "qoq"
        } else if bm == m.offset(-1) {
            "mom"
        } else if bm == m.offset(-12) {
            "yoy"
        } else {
            "change"
        })
    }

    /// Every numeric cell of a table: the header gives period, basis and forecast,
    /// the unit line the unit, the row label commodity, region or segment.
    fn read_table(&self, t: &Table, ctx: &Context, out: &mut Vec<Fact<'a>>) {
        let text = self.text;
        // The caption: the table's own first line, or the nearest non-blank line above it.
        let caption = t.caption.unwrap_or_else(|| {
            let above = text[..t.top].trim_end();
            let start = above.rfind('\n').map_or(0, |p| p + 1);
            // A paragraph above the table is no caption of it.
            if above.len() - start > 160 {
                (above.len(), above.len())
            } else {
                (start, above.len())
            }
        });
        let metric_in = |a: usize, b: usize| within(self.hits.metrics, a, b).iter().find_map(|m| *METRICS.payload(m));
        let caption_metric = metric_in(caption.0, caption.1);
        // "2026 guidance", "Forecast balance": a caption that looks ahead makes the figures
        // of a period not yet over forecasts.
        let caption_forward = within(self.hits.cues, caption.0, caption.1)
            .iter()
            .any(|h| flags(h) & cue::FORWARD != 0);
        // A column's own header cell: "Volume (mt)" holds tonnes of what the caption counts
        // ("China refined zinc imports by origin"), "Share of total" holds shares.
        let header_cell = |ci: usize| t.header_cells.get(ci).copied().filter(|&(a, b)| b > a);
        // The label column's header names the metric of the whole table ("Output | Oct. |
        // Sep."); a metric in another column's header is that column's.
        let table_metric = header_cell(0)
            .and_then(|(a, b)| metric_in(a, b))
            .or(caption_metric)
            .or(metric_in(t.header.0, t.header.1))
            .or(self.context_metric(ctx));
        let column_metric = |ci: usize| {
            let (a, b) = header_cell(ci)?;
            metric_in(a, b).filter(|&m| m != "production" || caption_metric.is_none())
        };
        let complete = |h: &Hit| complete_form(COMMODITIES.payload(h), ctx.commodity.or(self.default_commodity));
        let caption_commodity = first_in(self.hits.commodities, caption.0, caption.1).and_then(complete);
        // "Salient Statistics-United States": the place the whole table is about.
        let caption_region = first_in(self.hits.regions, caption.0, caption.1).map(|h| REGIONS.payload(h).name);
        // "Item (mt) | Nov 19 | Nov 12": the label column's header gives the table's unit.
        let table_unit = t
            .unit
            .or_else(|| header_cell(0).and_then(|(a, b)| tables::label_unit(&text[a..b])));
        // A plain change column (no percent mark: "D/D", "Change") counts in the table's unit.
        let absolute_changes = t.columns.iter().any(|c| {
            matches!(
                c,
                Column::Basis {
                    basis: "change",
                    unit: None,
                    period: None
                }
            )
        });
        // Per column, once for all rows.
        let header_units: Vec<ColumnHeader> = t
            .columns
            .iter()
            .enumerate()
            .map(|(ci, column)| {
                let header = header_cell(ci).map(|(a, b)| &text[a..b]);
                let percent_column = header.is_some_and(|h| h.trim_end().ends_with('%'));
                let (unit, change_header) = match column {
                    Column::Basis { .. } => {
                        let lower = header.unwrap_or("").to_ascii_lowercase();
                        (
                            None,
                            lower.contains("change") || lower.contains("chg") || lower.contains("+/-"),
                        )
                    }
                    _ => (
                        header.and_then(|h| {
                            tables::label_unit(h)
                                .or_else(|| percent_column.then_some(("%", 1.0)))
                                .or_else(|| tables::caption_column_unit(&text[caption.0..caption.1], h))
                        }),
                        false,
                    ),
                };
                ColumnHeader {
                    percent: percent_column,
                    unit,
                    change: change_header,
                }
            })
            .collect();
        for row in &t.rows {
            let (ls, le) = row.label;
            // A group line ("Imports for consumption:") says what its rows do not.
            let (gs, ge) = row.group.unwrap_or((ls, ls));
            let commodity = first_in(self.hits.commodities, ls, le)
                .or_else(|| first_in(self.hits.commodities, gs, ge))
                .and_then(complete);
            let region_hit = first_in(self.hits.regions, ls, le).map(|h| REGIONS.payload(h));
            // The breakdown the label names besides its metric ("Production, secondary").
            let metric_word = first_in(self.hits.metrics, ls, le).map(|m| (m.start - ls, m.end.min(le) - ls));
            // A row labelled by a period alone ("Q1 2026 | 118 | -4"): the period of its
            // cells that no column dates.
            let label_period = (le > ls && text.as_bytes()[ls].is_ascii_alphanumeric())
                .then(|| {
                    let label = trim(&text[ls..le]);
                    let found = periods::scan(text, ls, ls + label.len());
                    match found.as_slice() {
                        [p] if !p.base && p.start == ls && p.end == ls + label.len() => Some(p.kind),
                        _ => None,
                    }
                })
                .flatten();
            let segment = (commodity.is_none() && region_hit.is_none() && label_period.is_none() && le > ls)
                .then(|| label_segment(&text[ls..le], metric_word))
                .flatten();
            for cell in &row.cells {
                let column = t.columns.get(cell.column).copied().unwrap_or(Column::Other);
                let (period_kind, col_forecast, basis, col_unit) = match column {
                    Column::Period { kind, forecast } => (Some(kind), forecast, "level", None),
                    Column::Basis { basis, unit, period } => {
                        // A basis column speaks of the latest period of its group: in
                        // "Oct. | Sep. | YoY | Jan.-Oct. | YoY" the first YoY is October's,
                        // in "Q3 2025 | Q2 2026 | Q3 2026 | QoQ" the QoQ is Q3 2026's; basis
                        // columns side by side share one ("Oct. | Sep. | MoM | YoY").
                        let before = &t.columns[..cell.column.min(t.columns.len())];
                        let is_basis = |c: &Column| matches!(c, Column::Basis { .. });
                        let end = before.iter().rposition(|c| !is_basis(c)).map_or(0, |p| p + 1);
                        let group = before[..end].iter().rposition(is_basis).map_or(0, |p| p + 1);
                        let left = self.latest_column(&before[group..end]);
                        // A "Change" beside two periods ("Last week (Feb 26) | This week (Mar 5) |
                        // Change") is the later one's, on the basis their distance tells, and
                        // counted in the table's unit.
                        if let (None, "change") = (period, basis) {
                            if let Some((kind, basis)) = self.change_between(&before[group..end]) {
                                (Some(kind), None, basis, unit)
                            } else {
                                (left.map(|l| l.0), left.and_then(|l| l.1), basis, unit)
                            }
                        } else {
                            // Changes are percentages unless the header or the row names a unit,
                            // or the header calls them a change, which is counted in the table's
                            // unit ("QoQ change" under "(USD/t)", "WoW change" under "Item (mt)"),
                            // or a plain change column beside it is ("Stocks | D/D | W/W" under
                            // "(million tonnes)").
                            let in_table_unit = || {
                                let change_header = header_units.get(cell.column).is_some_and(|h| h.change);
                                // Not a year's or a month's "change" in a table of quantities:
                                // those are percentages.
                                let counted =
                                    table_unit.is_some_and(|u| u.0.contains('/') || matches!(basis, "wow" | "change"));
                                counted && (change_header || absolute_changes)
                            };
                            let unit = unit.or(row.unit.map(|u| u.0));
                            // In the table's unit: none of the column's own, so that the
                            // table's multiplier applies.
                            let unit = if unit.is_none() && in_table_unit() {
                                None
                            } else {
                                Some(unit.unwrap_or("%"))
                            };
                            match period {
                                Some(kind) => (Some(kind), None, basis, unit),
                                None => (left.map(|l| l.0), left.and_then(|l| l.1), basis, unit),
                            }
                        }
                    }
                    Column::Other => (label_period, None, "level", None),
                };
                // A basis column beside no period column speaks of its row's period.
                let period_kind = period_kind.or(label_period);
                let ColumnHeader {
                    percent: percent_column,
                    unit: header_unit,
                    ..
                } = header_units.get(cell.column).copied().unwrap_or_default();
                let (unit, mult) = match (cell.unit.or(col_unit), row.unit.or(header_unit).or(table_unit)) {
                    (Some(u), _) => (u, 1.0),
                    // "(CNY, average)" over "N-type dense polysilicon, per kg".
                    (None, Some((u, 1.0)))
                        if !u.contains('/') && u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) =>
                    {
                        tables::currency_per_label(u, &text[ls..le]).unwrap_or((u, 1.0))
                    }
                    (None, Some((u, mult))) => (u, mult),
                    (None, None) => continue,
                };
                // 9.13 x 10,000 is 91300.00000000001 in binary: a table's figures have
                // a few decimals, and the scaled value keeps no more than six.
                let scaled = |v: f64| if mult == 1.0 { v } else { (v * mult * 1e6).round() / 1e6 };
                let (value, value_high) = (scaled(cell.value), cell.high.map(scaled));
                let period = period_kind
                    .and_then(|k| self.resolve(k))
                    .or(self.context_period(ctx))
                    .or(self.subject_period);
                let forecast = col_forecast.unwrap_or(period.is_some_and(|p| self.after_measured(p, caption_forward)));
                let metric = match unit {
                    "t/year" => "capacity",
                    u if u.contains('/') && u != "t/day" => "price",
                    // "Net import reliance as a percentage of apparent consumption".
                    "%" if basis == "level" && tables::percentage_of(&text[ls..le]) => "share",
                    // A column of percentages beside quantities, naming no metric of its own:
                    // each a part of its row's total ("Cancelled %").
                    "%" if basis == "level" && percent_column && column_metric(cell.column).is_none() => "share",
                    _ => metric_in(ls, le)
                        .or_else(|| metric_in(gs, ge))
                        .or(column_metric(cell.column))
                        .or(table_metric)
                        .unwrap_or("production"),
                };
                let trade = matches!(metric, "exports" | "imports");
                let home = caption_region.or(ctx.region).or(Some("China"));
                let (region, partner) = match region_hit {
                    Some(r) if r.kind == RegionKind::Province || !trade => (Some(r.name), None),
                    Some(r) => (home, Some(r.name)),
                    None => (home, None),
                };
                out.push(Fact {
                    commodity: commodity
                        .or(caption_commodity)
                        .or(ctx.commodity)
                        .or(self.default_commodity),
                    metric,
                    region,
                    partner,
                    segment,
                    period,
                    forecast,
                    basis,
                    value,
                    value_high,
                    unit,
                    approx: "exact",
                    start: cell.start,
                    end: cell.end,
                    sentence: row.span,
                });
            }
        }
    }

    /// The period column of `columns` that ends last (the first of those that end
    /// together), with its forecast mark.
    fn latest_column(&self, columns: &[Column]) -> Option<(PKind, Option<bool>)> {
        let mut best: Option<(PKind, Option<bool>, Option<Days>)> = None;
        for c in columns {
            if let Column::Period { kind, forecast } = *c {
                let end = self.resolve(kind).map(|p| p.end);
                if best.is_none_or(|b| end > b.2) {
                    best = Some((kind, forecast, end));
                }
            }
        }
        best.map(|b| (b.0, b.1))
    }

    /// The period and basis of a change column after `columns`: the later of the last
    /// two period columns, and "wow", "mom", "qoq" or "yoy" as they are a week, a month,
    /// a quarter or a year apart ("change" otherwise). None without two period columns.
    fn change_between(&self, columns: &[Column]) -> Option<(PKind, &'static str)> {
        let mut periods = columns.iter().rev().filter_map(|c| match c {
            Column::Period { kind, .. } => Some(*kind),
            _ => None,
        });
        let (b, a) = (periods.next()?, periods.next()?);
        let (pa, pb) = (self.resolve(a)?, self.resolve(b)?);
        let (later, gap) = if pb.start >= pa.start {
            (b, pb.start - pa.start)
        } else {
            (a, pa.start - pb.start)
        };
        let basis = match gap {
            7 => "wow",
            28..=31 => "mom",
            89..=92 => "qoq",
            365 | 366 => "yoy",
            _ => "change",
        };
        Some((later, basis))
    }

    /// A period not yet measured when the report was written: after its subject month
    /// and after its publication (or running past it with a forecast word); with only a
    /// publication date, after that date.
    fn after_measured(&self, p: Period, forward: bool) -> bool {
        match (self.subject_end, self.published) {
            (Some(end), published) => p.end > end && (published.is_none_or(|d| p.start > d) || forward),
            (None, Some(d)) => p.start > d || (p.end > d && forward),
            (None, None) => false,
        }
    }

    /// A direction written after the number: "5,800 mt lower than", "a 2.9 pp MoM decline".
    /// `after`: the sentence's cues from `q.end` on.
    fn post_direction(&self, after: &[Hit], q: &Quantity, limit: usize) -> Option<f64> {
        // A percentage "ahead of" or "behind" a base: "4.0% ahead of the first nine months
        // of 2025" (not a level "ahead of the Spring Festival").
        if matches!(q.kind, QKind::Pct | QKind::Pp) {
            let rest = self.text[q.end..].trim_start().as_bytes();
            if starts_with_ignore_case(rest, b"ahead of ") {
                return Some(1.0);
            }
            if starts_with_ignore_case(rest, b"behind ") {
                return Some(-1.0);
            }
        }
        let mut pos = q.end;
        for h in after.iter().take_while(|h| h.start < limit) {
            if !blank(&self.text[pos..h.start]) {
                return None;
            }
            let f = flags(h);
            if f & cue::BASIS != 0 && f & (cue::UP_AFTER | cue::DOWN_AFTER) == 0 {
                pos = h.end;
                continue;
            }
            if f & cue::UP_AFTER != 0 {
                return Some(1.0);
            }
            if f & cue::DOWN_AFTER != 0 {
                return Some(-1.0);
            }
            return None;
        }
        None
    }

    /// Only joining words (and basis markers) stand between two numbers: "7.46% MoM and 4.5% YoY".
    fn connector_only(&self, a: usize, b: usize, basis_spans: &[(usize, usize)]) -> bool {
        let mut words = OnlyWords::new(&["and", "or", "but", "by", "respectively"]);
        let mut pos = a;
        let first = basis_spans.partition_point(|&(_, be)| be <= a);
        for &(bs, be) in &basis_spans[first..] {
            if bs >= b {
                break;
            }
            words.feed(&self.text[pos..bs.max(pos)]);
            pos = be.min(b);
        }
        words.feed(&self.text[pos.min(b)..b]);
        words.finish()
    }

    /// Whether the mention `c` (in a sentence from `s`) is the object of a preposition:
    /// "the share of LFP in power batteries".
    fn governed(&self, c: &Hit, s: usize) -> bool {
        let lead = self.text.as_bytes()[c.start.saturating_sub(6).max(s)..c.start].trim_ascii_end();
        [&b" in"[..], b" of", b" for", b" from", b" with", b" to"]
            .iter()
            .any(|p| ends_with_ignore_case(lead, p))
    }

    /// Whether the sentence `s..e` tells of goods shipped to the report's home market,
    /// without the word export: "Chile remained the top supplier, shipping 805,000 tons
    /// (to China)" is China's imports from Chile.
    /// A foreign country is the subject of the clause `cs..q` and the verb is no
    /// "export" word ("Zimbabwe shipped", "Australia sent").
    fn foreign_shipper(&self, cs: usize, q: usize) -> bool {
        let text = self.text;
        !self.says_export(cs, q)
            && within(self.hits.regions, cs, q).first().is_some_and(|r| {
                let region = REGIONS.payload(r);
                // The country itself is the subject: not "Australia's main ports shipped".
                region.kind == RegionKind::Country
                    && region.name != "China"
                    && at_most_words(&text[cs..r.start], 1)
                    && first_in(self.hits.metrics, r.end, q).is_some_and(|m| blank(&text[r.end..m.start]))
            })
    }

    /// A metric word of `s..e` is an "export" word ("exports", "exported").
    fn says_export(&self, s: usize, e: usize) -> bool {
        within(self.hits.metrics, s, e)
            .iter()
            .any(|m| starts_with_ignore_case(&self.text.as_bytes()[m.start..m.end], b"export"))
    }

    fn shipped_to_home(&self, s: usize, e: usize) -> bool {
        let text = self.text;
        let mut prev = "";
        !self.says_export(s, e)
            && text[s..e]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .any(|w| {
                    let to_china = prev.eq_ignore_ascii_case("to") && w == "China";
                    prev = w;
                    to_china || word_in(w, SUPPLIER_WORDS)
                })
    }

    fn after_from(&self, pos: usize, s: usize) -> bool {
        let tail = self.text.as_bytes()[pos.saturating_sub(12).max(s)..pos].trim_ascii_end();
        ends_with_ignore_case(tail, b"from")
    }

    /// `prev`: unit and metric of the previous level in the sentence, for lists
    /// ("5-series accounted for 14.18%, ...; and 9-series held steady at 13.02%").
    #[allow(clippy::too_many_arguments)]
    fn metric(
        &self,
        q: &Quantity,
        s: usize,
        cs: usize,
        metrics: &[Hit],
        ctx: &Context,
        is_change: bool,
        prev: Option<(&'static str, &'static str, usize)>,
    ) -> &'static str {
        let text = self.text;
        // A cue right after the number names what it counts: "750,000 mt of smelting capacity".
        // Metrics are sorted by start: those from the number's end on, while near enough.
        let after = from_on(metrics, q.end)
            .iter()
            .take_while(|m| m.start - q.end <= 30)
            .find(|m| {
                let gap = &text[q.end..m.start];
                // Bytes, not characters: no byte of a non-ASCII character is ASCII.
                let punct = gap
                    .bytes()
                    .any(|b| matches!(b, b',' | b'.' | b';' | b':' | b'(' | b')'));
                // "a 3.06% reduction in total production": a change noun may stand between.
                !punct && {
                    let (mut n, mut change_noun, mut plain) = (0, false, true);
                    for w in gap_words(gap) {
                        change_noun = if n == 0 {
                            word_in(w, CHANGE_NOUNS)
                        } else {
                            change_noun && word_in(w, &["in", "of", "the", "total", "overall", "its"])
                        };
                        plain &= !word_in(w, &["mom", "yoy", "to", "and", "from"]) && !word_in(w, SUBORDINATORS);
                        n += 1;
                    }
                    change_noun && n <= 4 || n <= 2 && plain
                }
            });
        // "48.11% of production, CR5 for 62.4%": the word after "% of" names the whole, not the next number.
        let of_whole = |m: &Hit| {
            let b = trim_end(&text[s..m.start]).as_bytes();
            // Most texts before a metric word end in none of the three last letters.
            matches!(b.last(), Some(b'f' | b'e' | b'l'))
                && (b.ends_with(b"% of") || b.ends_with(b"% of the") || b.ends_with(b"% of total"))
        };
        // "representing an increase of 5.3%": a share word does not make a change a share.
        let share_word = |m: &Hit| {
            let w = &text.as_bytes()[m.start..m.end];
            let participle = [&b"represent"[..], b"account", b"constitut"]
                .iter()
                .any(|p| starts_with_ignore_case(w, p));
            participle
                && first_in(self.hits.cues, m.end, q.start).is_some_and(|h| {
                    flags(h) & cue::DIRECTION != 0 && h.start - m.end <= 5 && adjacent(&text[m.end..h.start])
                })
        };
        // "inventories of imported iron ore": a trade word describing a commodity is not the metric.
        let modifier = |m: &Hit| {
            matches!(m.end - m.start, 6 | 8)
                && word_in(&text[m.start..m.end], &["imported", "exported", "import", "export"])
                && first_in(self.hits.commodities, m.end, m.end + 3).is_some_and(|c| blank(&text[m.end..c.start]))
        };
        // "the impact of maintenance on output was 21,500 mt": what is affected is not what
        // the number measures; the impact is.
        let affected = |m: &Hit| {
            // In the number's own clause: "a limited impact on output, which still reached ..."
            // is output.
            if m.start < cs {
                return false;
            }
            let lead = trim_end(&text[s..m.start]).as_bytes();
            let lead = lead.strip_suffix(b" the").unwrap_or(lead);
            ends_with_ignore_case(lead, b" on")
                && until(metrics, m.start).iter().rev().take(2).any(|i| {
                    m.start - i.end <= 40 && starts_with_ignore_case(&text.as_bytes()[i.start..i.end], b"impact")
                })
        };
        // "Shipments to South Korea were 6,120 mt, accounting for 55.8%, followed by Poland
        // at 1,240 mt": a share word that a percentage before this figure took says nothing
        // of the tonnage after it (the word before it does).
        let taken = |m: &Hit| {
            !is_change
                && !matches!(q.kind, QKind::Pct | QKind::Pp)
                && *METRICS.payload(m) == Some("share")
                && prev.is_some_and(|p| p.2 > m.start)
        };
        // Those ending before the number start before it (`metrics` all start from `s` on).
        let before = until(metrics, q.start).iter().rev().find(|m| {
            !(m.end > q.start || of_whole(m) || modifier(m) || is_change && share_word(m) || affected(m) || taken(m))
        });
        let in_clause = before.is_some_and(|m| m.start >= cs);
        let listed = prev
            .filter(|(unit, _, _)| !is_change && !in_clause && after.is_none() && *unit == q.unit)
            .map(|p| p.1);
        // "a loss of about 10,000 t of output": the number is the loss, not the output after it.
        let governs = before.filter(|m| {
            m.start >= cs
                && *METRICS.payload(m) == Some("other")
                && words_all_in(
                    &text[m.end..q.start],
                    &[
                        "of",
                        "about",
                        "around",
                        "some",
                        "nearly",
                        "roughly",
                        "approximately",
                        "an",
                        "estimated",
                    ],
                    3,
                )
        });
        let cue_metric = listed.or(governs.or(after).or(before).and_then(|m| *METRICS.payload(m)));
        // A change with no word of its own moves the level stated before it in the sentence:
        // "HRC averaged 3,215 yuan/mt, down 2.1% MoM"; not when its clause names a subject of
        // its own ("..., while Yunnan smelters cut runs by 5%").
        let own_subject = |from: usize| {
            let from = from.max(cs);
            !within(self.hits.regions, from, q.start).is_empty()
                || !within(self.hits.commodities, from, q.start).is_empty()
        };
        let moved = prev.filter(|p| is_change && !own_subject(p.2)).map(|p| p.1);
        let mut metric = cue_metric.or(moved).or_else(|| self.context_metric(ctx));
        // The unit decides where cue words cannot: a money-per-unit figure is a price
        // (or a loss), a yearly rate a capacity, "N% of ..." a share.
        match q.kind {
            QKind::RateYear => metric = Some("capacity"),
            QKind::MoneyPerUnit if metric != Some("other") => metric = Some("price"),
            // A sum of money is no output either: "capex guidance of $3.9 billion".
            QKind::Money
                if metric.is_none()
                    || metric == Some("production")
                    || metric == Some("price") && cue_metric.is_none() =>
            {
                metric = Some("other")
            }
            QKind::Pct if !is_change => {
                let rest = text.as_bytes()[q.end..(q.end + 12).min(text.len())].trim_ascii_start();
                // "Turkey ranked second with 4,870 mt (14.3%)": the bracketed percent of a
                // level is its share of the whole.
                if prev.is_some_and(|p| bracketed_after(text, p.2, q)) {
                    metric = Some("share");
                } else if starts_with_ignore_case(rest, b"of ") {
                    // "ran at only 48% of capacity", "of their capacity": a run rate, not a share.
                    let whole = gap_words(&text[q.end..])
                        .skip(1)
                        .take(3)
                        .find(|w| !word_in(w, &["its", "their", "the", "total", "nameplate", "installed"]));
                    let whole = whole.map(|w| w.trim_end_matches(|c: char| c.is_ascii_punctuation()));
                    metric = Some(if whole.is_some_and(|w| w.eq_ignore_ascii_case("capacity")) {
                        "operating_rate"
                    } else {
                        "share"
                    });
                } else if starts_with_ignore_case(rest, b"capacity") {
                    // "operating at 50% capacity"
                    metric = Some("operating_rate");
                }
            }
            _ => {}
        }
        if matches!(q.kind, QKind::Mass | QKind::RateDay) && metric == Some("operating_rate") {
            metric = Some("production");
        }
        if matches!(metric, Some("price"))
            && !matches!(q.kind, QKind::MoneyPerUnit | QKind::Money | QKind::Pct | QKind::Pp)
        {
            metric = self.context_metric(ctx).filter(|m| *m != "price");
        }
        metric.unwrap_or(match q.kind {
            QKind::MoneyPerUnit => "price",
            QKind::RateYear => "capacity",
            QKind::Money => "other",
            QKind::Energy => "capacity",
            _ => "production",
        })
    }

    /// The metric word a commodity mention is joined to, which makes it a subject:
    /// "copper concentrate index", "exports of NCM precursors". `metrics`: the sentence's.
    fn subject_metric(&self, c: &Hit, metrics: &[Hit]) -> Option<&'static str> {
        let text = self.text;
        let next = metrics.get(metrics.partition_point(|m| m.start < c.end));
        let joined_after = next.filter(|m| m.start - c.end <= 30 && joining_gap(&text.as_bytes()[c.end..m.start]));
        let joined_before = || {
            let k = metrics.partition_point(|m| m.end <= c.start);
            k.checked_sub(1).map(|i| &metrics[i]).filter(|m| {
                if c.start - m.end > 10 {
                    return false;
                }
                word_in(trim(&text[m.end..c.start]), &["of", "of the"])
            })
        };
        joined_after.or_else(joined_before).and_then(|m| *METRICS.payload(m))
    }

    /// Whether `text[a..b]`, between a commodity and a verb, lets the commodity be the
    /// verb's subject: a word at most ("Zinc ingot prices fell"), or where the subject is
    /// ("Lithium carbonate in China rose"), after an aside in brackets ("Spodumene
    /// concentrate (SC6, CIF China) added $15/t").
    fn before_verb(&self, a: usize, b: usize) -> bool {
        let gap = &self.text[a..b];
        let a = match gap
            .trim_start()
            .strip_prefix('(')
            .and_then(|r| r.find(')').map(|k| (r, k)))
        {
            Some((rest, k)) => b - rest.len() + k + 1,
            None => a,
        };
        if b - a <= 24 && at_most_words(&self.text[a..b], 1) {
            return true;
        }
        match within(self.hits.regions, a, b) {
            [r] => word_in(trim(&self.text[a..r.start]), &["in", "at", "across"]) && blank(&self.text[r.end..b]),
            _ => false,
        }
    }

    /// The commodity a sentence makes the subject of a number: a commodity name
    /// joined to a metric word. `mentions`: the sentence's commodity hits, and
    /// `subjects` their [`Reader::subject_metric`]s.
    #[allow(clippy::too_many_arguments)]
    fn commodity(
        &self,
        q: &Quantity,
        metric: &str,
        s: usize,
        cs: usize,
        ce: usize,
        mentions: &[Hit],
        subjects: &[Option<&'static str>],
    ) -> Option<&'static str> {
        let text = self.text;
        // A subject earlier in the sentence carries to this number when it is in the
        // same clause or speaks of the same metric ("departures of bauxite ..., while
        // Australia's ports shipped 900,000 mt").
        let carries = |c: &Hit, subject: Option<&str>| c.start >= cs || subject == Some(metric);
        // "..., while cobalt metal fell 2% to 168,000 yuan/mt": a commodity right before a
        // direction verb in the number's own clause is its subject. So is one that opens
        // the clause before a verb that states a level ("Spot lithium carbonate averaged
        // ..."; not "the rate of smelters using copper concentrates was ..."); prepositions
        // state a level too, but are no verb.
        let verb = |c: &Hit, h: &Hit, from: usize| {
            flags(h) & cue::DIRECTION != 0
                || (flags(h) & cue::LEVEL != 0
                    && !word_in(&text[h.start..h.end], &["at", "to", "of", "with", "from"])
                    && at_most_words(&text[from..c.start], 2))
        };
        // `from`: where the clause the mention opens starts.
        let acts_from = |c: &Hit, from: usize| {
            // Not the object of a preposition: "the share of LFP in power batteries rose".
            !self.governed(c, s)
                && first_in(self.hits.cues, c.end, q.start)
                    .is_some_and(|h| verb(c, h, from) && self.before_verb(c.end, h.start))
        };
        let acts = |c: &Hit| acts_from(c, cs.max(s));
        if let Some(c) = mentions
            .iter()
            .rev()
            .find(|c| c.start >= cs && c.end <= q.start && acts(c))
        {
            return Some(*COMMODITIES.payload(c));
        }
        // A label: "Battery-grade nickel sulphate: 28,000-28,500 yuan/mt, +250 yuan/mt w/w",
        // also with its specification before the colon: "Lithium hydroxide monohydrate,
        // battery grade (min 56.5% LiOH), cif China: assessed at $9.50-10.20/kg".
        if let Some(c) = mentions.first().filter(|c| {
            c.end <= q.start
                && at_most_words(&text[s..c.start], 2)
                && text[c.end..q.start].find(':').is_some_and(|i| {
                    let spec = c.end + i;
                    text[c.end..spec].trim().is_empty()
                        || (mentions.get(1).is_none_or(|m| m.start >= q.start)
                            && !within(self.hits.cues, c.end, spec)
                                .iter()
                                .any(|h| flags(h) & (cue::DIRECTION | cue::LEVEL) != 0))
                })
        }) {
            return Some(*COMMODITIES.payload(c));
        }
        // The subject of an expectation: "expects cobalt sulphate to exceed 70,000 yuan/mt",
        // "SHFE copper is expected to trade between 78,200 and 79,800 yuan/mt".
        if let Some(c) = within(mentions, cs, q.start)
            .iter()
            .rev()
            .find(|c| c.end <= q.start && !self.governed(c, s) && expected_to(&text[c.end..q.start]))
        {
            return Some(*COMMODITIES.payload(c));
        }
        let subject_mentions = || mentions.iter().zip(subjects).filter(|(_, m)| m.is_some());
        if let Some((c, _)) = subject_mentions()
            .rev()
            .find(|&(c, m)| c.end <= q.start && carries(c, *m))
        {
            return Some(*COMMODITIES.payload(c));
        }
        // A subject after the number, unless a cause or a contrast comes between: "ran at
        // only 48% of capacity as electricity costs stayed high" is not electricity's rate.
        if let Some((c, _)) = subject_mentions().find(|(c, _)| c.start >= q.end && c.end <= ce) {
            if !gap_words(&text[q.end..c.start]).any(|w| word_in(w, SUBORDINATORS)) {
                return Some(*COMMODITIES.payload(c));
            }
        }
        // "185,000 mt of bauxite"
        if let Some(c) = mentions
            .iter()
            .find(|c| c.start >= q.end)
            .filter(|c| c.start - q.end <= 8)
        {
            if trim(&text[q.end..c.start]).eq_ignore_ascii_case("of") && c.start >= cs {
                return Some(*COMMODITIES.payload(c));
            }
        }
        // The subject that opens the sentence carries to a later clause that names no
        // commodity and no metric of its own: "Lithium carbonate averaged 92,350 yuan/mt,
        // up 1,850 yuan/mt WoW" (not "..., while the operating rate rose 1.2 points").
        // So does the object of its first figure: "China imported 2.61 million mt of copper
        // ores in August, up 4.2% from July".
        if !mentions.iter().any(|c| c.start >= cs && c.start < ce) && within(self.hits.metrics, cs, ce).is_empty() {
            if let Some(c) = mentions
                .first()
                .filter(|c| c.end <= cs && (acts_from(c, s) || figure_of(&text[s..c.start])))
            {
                return Some(*COMMODITIES.payload(c));
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn period(
        &self,
        qi: usize,
        q: &Quantity,
        s: usize,
        cs: usize,
        ce: usize,
        pexprs: &[PeriodExpr],
        resolved: &[Cell<Option<Option<Period>>>],
        owner: &[Option<usize>],
        direct: &[Option<usize>],
        relative: &[bool],
        qs: &[Quantity],
        ctx: &Context,
    ) -> (Option<Period>, PeriodSource, Option<usize>) {
        // A period written after a number serves the others too ("dropped 35% YoY to 9,800 mt
        // in October"), except the start of "from 301 tons in November to 24 tons".
        let free =
            |pi: usize| !pexprs[pi].base && owner[pi].is_none_or(|o| o == qi || !self.after_from(qs[o].start, s));
        let pick = |pi: usize| self.resolve_at(pexprs, resolved, pi);
        if let Some(pi) = direct[qi] {
            return (pick(pi), PeriodSource::Direct, Some(pi));
        }
        // Expressions are sorted by position: look only where each search can succeed,
        // and only as far as the searches before found nothing.
        let before_q = pexprs.partition_point(|p| p.start < q.start);
        let in_clause_before = || {
            (pexprs.partition_point(|p| p.start < cs)..before_q)
                .rev()
                .find(|&pi| free(pi) && pexprs[pi].end <= q.start)
        };
        let in_clause_after = || {
            (pexprs.partition_point(|p| p.start < q.end)..pexprs.partition_point(|p| p.start < ce))
                .find(|&pi| free(pi) && pexprs[pi].end <= ce)
        };
        let in_sentence_before = || {
            (0..before_q)
                .rev()
                .find(|&pi| !relative[pi] && pexprs[pi].start >= s && pexprs[pi].end <= q.start && free(pi))
        };
        if let Some(pi) = in_clause_before().or_else(in_clause_after).or_else(in_sentence_before) {
            if let Some(p) = pick(pi) {
                return (Some(p), PeriodSource::Sentence, Some(pi));
            }
        }
        (
            self.context_period(ctx).or(self.subject_period),
            PeriodSource::Context,
            None,
        )
    }

    /// "fell from 1,818 tons to 807 tons": the first level is the month before the second,
    /// unless a period is written right after it.
    fn date_from_a_to_b(
        &self,
        qs: &[Quantity],
        s: usize,
        out: &mut [Fact<'a>],
        fact_of: &[Option<(usize, PeriodSource)>],
    ) {
        for i in 0..qs.len().saturating_sub(1) {
            let (Some((fa, source)), Some((fb, _))) = (fact_of[i], fact_of[i + 1]) else {
                continue;
            };
            if source == PeriodSource::Direct || !self.after_from(qs[i].start, s) {
                continue;
            }
            let between = self.text[qs[i].end..qs[i + 1].start].trim().to_ascii_lowercase();
            let last = between.rsplit(' ').next().unwrap_or("");
            let to_b = between == "to"
                || between.ends_with(" to")
                || (["just", "only", "around", "about"].contains(&last) && between.contains("to "));
            if !to_b {
                continue;
            }
            if let Some(p) = out[fb].period {
                if let Some(m) =
                    Month::spanning(p).filter(|_| source == PeriodSource::Context || out[fa].period == Some(p))
                {
                    out[fa].period = Some(m.offset(-1).period());
                }
            }
        }
    }

    /// Where the activity happens and, for trade, the counterpart. A country that owns
    /// the trade ("Congo's cobalt exports", "South Korea imported") reports it; one
    /// reached by "to"/"from" or named as a destination is the partner.
    fn region_partner(
        &self,
        q: &Quantity,
        s: usize,
        e: usize,
        metric: &str,
        ctx: &Context,
    ) -> (Option<&'static str>, Option<&'static str>) {
        let text = self.text;
        // The sentence's hits start from `s` on (see `read_sentence`).
        let hits = until(self.hits.regions, q.start);
        let metrics = || until(self.hits.metrics, q.start);
        let trade = matches!(metric, "exports" | "imports" | "share");
        let mut region = ctx.region;
        let mut partner = None;
        for h in hits {
            let r = REGIONS.payload(h);
            if r.kind == RegionKind::Province || !trade {
                region = Some(r.name);
                continue;
            }
            let after = &text[h.end..];
            let possessive = after.starts_with("'s") || after.starts_with("’s");
            let before = text.as_bytes()[h.start.saturating_sub(10).max(s)..h.start].trim_ascii_end();
            let reached = [&b"to"[..], b"from", b"into", b"toward", b"towards"].iter().any(|w| {
                ends_with_ignore_case(before, w)
                    && (before.len() == w.len() || before[before.len() - w.len() - 1] == b' ')
            });
            // "South Korea imported": the country right before a trade word.
            let owns_verb = metrics().iter().any(|m| {
                m.start >= h.end
                    && m.start - h.end <= 12
                    && text[h.end..m.start]
                        .trim()
                        .chars()
                        .all(|c| c.is_alphabetic() || c == ' ' || c == '\'')
            });
            if (possessive || owns_verb) && !reached {
                region = Some(r.name);
            } else if r.name != "overseas" && Some(r.name) != region {
                partner = Some(r.name);
            }
        }
        // "... worth of cobalt products from China": the counterpart after the number.
        if trade && partner.is_none() {
            partner = within(self.hits.regions, q.end, e)
                .iter()
                .take_while(|h| h.start - q.end <= 80)
                .find(|h| {
                    let before = text[q.end..h.start].trim_end().to_ascii_lowercase();
                    (before.ends_with(" from") || before.ends_with(" to")) && !before.contains([',', ';'])
                })
                .map(|h| REGIONS.payload(h).name);
        }
        if partner == region {
            partner = None;
        }
        (region.or(Some("China")), partner)
    }

    /// The region a "respectively" list gives the number `qs[qi]`: "Thailand and India
    /// took 5,400 mt and 4,760 mt respectively" gives Thailand to the first and India
    /// to the second (with two numbers a region, "..., up 3% and 5% respectively", in turn).
    fn respective_region(&self, qs: &[Quantity], qi: usize, e: usize) -> Option<&'static Region> {
        let text = self.text;
        let q = &qs[qi];
        // Most numbers have fewer than two regions before them: no list to look for.
        let before = until(self.hits.regions, q.start);
        if before.len() < 2 {
            return None;
        }
        let r_end = q.end + memchr::memmem::find(&text.as_bytes()[q.end..e], b"respectively")?;
        // The list: the last run of regions joined by "and" or commas.
        let mut first = before.len() - 1;
        while first > 0 && words_all_in(&text[before[first - 1].end..before[first].start], &["and", "&", ","], 2) {
            first -= 1;
        }
        let list = &before[first..];
        // The numbers of the list: from its last region up to "respectively" (a run of `qs`,
        // which are in text order, with `qi` among them).
        let in_group = |q: &Quantity| q.start >= list[list.len() - 1].end && q.end <= r_end;
        if !in_group(&qs[qi]) {
            return None;
        }
        let at = qs[..qi].iter().rev().take_while(|q| in_group(q)).count();
        let size = at + qs[qi..].iter().take_while(|q| in_group(q)).count();
        if list.len() < 2 || size % list.len() != 0 {
            return None;
        }
        Some(REGIONS.payload(&list[at % list.len()]))
    }

    /// Carries the sentence's period (see [`carried_expr`]) and topic metric to the next sentences.
    fn update_context(&self, ctx: &mut Context, period: Option<Period>, metrics: &[Hit]) {
        if let Some(p) = period {
            // A total of the year so far is an aside in a paragraph about a month: "...
            // 1.1275 million mt from January to September. The operating rate hovered
            // around 42%" is September's rate. It carries only where no period did.
            let aside = periods::is_year_to_date(p) && self.context_period(ctx).is_some();
            if !aside {
                ctx.set_period(Some(p));
            }
        }
        if let Some(m) = carried_metric(metrics) {
            ctx.set_topic_metric(Some(m));
        }
    }

    /// The period that the sentence `s..e`, which states no quantity, hands on
    /// (what [`Reader::read_sentence`] would set), searched for now.
    fn topic_period(&self, s: usize, e: usize) -> Option<Period> {
        thread_local! {
            // The periods, breaks and relative flags of the sentence being read:
            // buffers kept from call to call, not allocated for each sentence.
            static BUFFERS: RefCell<TopicBuffers> = const { RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
        }
        BUFFERS.with(|b| self.topic_period_in(s, e, &mut b.borrow_mut()))
    }

    /// [`Reader::topic_period`] with the buffers `found`, `cuts` and `relative`.
    fn topic_period_in(&self, s: usize, e: usize, (found, cuts, relative): &mut TopicBuffers) -> Option<Period> {
        let text = self.text;
        found.clear();
        periods::scan_into(text, s, e, found);
        let clauses = Clauses::new_in(text, s, e, found.last()?.start, cuts);
        // Whether an expression is in a relative clause does not depend on the others:
        // the expressions outside a basis are those of `found` that no basis cue covers.
        in_relative_clause_into(text, &clauses, found, relative);
        let first = carried_expr(found, relative)?;
        // The vocabulary is searched for basis cues only when one may cover that expression.
        let pick = if may_be_in_basis(text, &found[first]) {
            let mut spans = Vec::new();
            with_hits_in(text, s, e, |h| basis_spans_into(h.cues(), &mut spans));
            (first..found.len()).find(|&i| {
                let p = &found[i];
                !p.base && !relative[i] && !spans.iter().any(|&(bs, be)| p.start < be && bs < p.end)
            })?
        } else {
            first
        };
        self.resolve(found[pick].kind)
    }

    /// The period carried to a sentence.
    fn context_period(&self, ctx: &Context) -> Option<Period> {
        ctx.period.get(&ctx.deferred, |s, e| self.topic_period(s, e))
    }

    /// The topic metric carried to a sentence.
    fn context_metric(&self, ctx: &Context) -> Option<&'static str> {
        ctx.topic_metric.get(&ctx.deferred, |s, e| {
            with_hits_in(self.text, s, e, |h| carried_metric(h.metrics()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn facts_of(text: &str) -> Vec<Fact<'_>> {
        parse_text(
            text,
            &ParseOptions {
                published: Some(crate::periods::days_from_ymd(2025, 1, 27)),
            },
        )
        .facts
    }

    /// Sentences without a quantity are read only when a later one asks for their
    /// period or topic, furniture not at all: the facts are those of a search of
    /// everything that reads every sentence in full.
    #[test]
    fn planned_vocabulary_search_gives_the_facts_of_a_full_search() {
        let opts = ParseOptions {
            published: Some(crate::periods::days_from_ymd(2025, 1, 27)),
        };
        let mut texts = crate::lexicon::tests::sample_texts();
        assert!(texts.len() >= 10, "corpus, samples and fixtures with their variants");
        // A basis phrase in a sentence without a quantity keeps its period out of the context.
        texts.push(
            "Zinc Ingot\n\nIn January 2025, zinc ingot output was 500,000 mt. Demand eased over the previous \
             month. Output then fell 3%.\n"
                .into(),
        );
        let mut facts = 0;
        for t in &texts {
            let planned = read_document(t, &opts, false);
            let full = read_document(t, &opts, true);
            let rows = |d: &ParsedDoc| d.facts.iter().map(|f| row(f, t)).collect::<Vec<_>>();
            assert_eq!(rows(&planned), rows(&full));
            facts += planned.facts.len();
        }
        assert!(facts > 1000, "the texts state many facts ({facts})");
    }

    /// A heading's commodity read from the hits of a search of its whole text is
    /// the one a search of the heading alone gives.
    #[test]
    fn heading_commodity_from_the_document_search_is_the_headings_own() {
        let mut texts = crate::lexicon::tests::sample_texts();
        texts.push(
            "Prices of copper\nCopper Cathode:\nOverseas Aluminum\nIndonesian NPI Market\n  Zinc Ingot  \n\
             Nickel Pig Iron (NPI):\nCopper and Aluminum\nAluminum Outlook for 2025\nLithium carbonate\n"
                .into(),
        );
        let (mut headings, mut named) = (0, 0);
        for t in &texts {
            let mentions = crate::lexicon::with_hits_in(t, 0, t.len(), |h| h.commodities().to_vec());
            for line in segment::lines(t) {
                let heading = trim(&t[line.start..line.end]);
                if heading.is_empty() {
                    continue;
                }
                let own = segment::section_commodity(heading);
                assert_eq!(heading_commodity(t, &mentions, heading), own, "{heading:?}");
                headings += 1;
                named += usize::from(own.is_some());
            }
        }
        assert!(
            headings > 1000 && named > 50,
            "{headings} lines, {named} name a commodity"
        );
    }

    fn row(f: &Fact, t: &str) -> String {
        let p = f.period.map(|p| {
            let (y, m, d) = crate::periods::ymd_from_days(p.start);
            let (y2, m2, d2) = crate::periods::ymd_from_days(p.end);
            format!("{y}-{m:02}-{d:02}..{y2}-{m2:02}-{d2:02}")
        });
        format!(
            "{} {} {} {} {} {} {}{}",
            &t[f.start..f.end],
            f.commodity.unwrap_or("-"),
            f.metric,
            f.basis,
            f.value,
            f.unit,
            p.unwrap_or_default(),
            if f.forecast { " F" } else { "" }
        )
    }

    /// Each fact's value and commodity ("-" for none).
    fn value_commodities(t: &str) -> Vec<(f64, &'static str)> {
        facts_of(t)
            .iter()
            .map(|f| (f.value, f.commodity.unwrap_or("-")))
            .collect()
    }

    /// Each fact's value and the months its period starts and ends in.
    fn value_months(facts: &[Fact]) -> Vec<(f64, u32, u32)> {
        let month = |d| crate::periods::ymd_from_days(d).1;
        facts
            .iter()
            .map(|f| {
                let p = f.period.expect("a period");
                (f.value, month(p.start), month(p.end))
            })
            .collect()
    }

    /// Each fact's value and the first day of its period (year, month, day).
    fn value_dates(t: &str) -> Vec<(f64, (i32, u32, u32))> {
        facts_of(t)
            .iter()
            .map(|f| {
                (
                    f.value,
                    crate::periods::ymd_from_days(f.period.expect("a period").start),
                )
            })
            .collect()
    }

    fn rows(t: &str) -> Vec<String> {
        facts_of(t).iter().map(|f| row(f, t)).collect()
    }

    const HEAD: &str = "Overview of Metal Production in January 2025 and Forecast for February\nZinc Ingot\n";

    #[test]
    fn only_words_reads_the_pieces_as_one_text() {
        let words = ["and", "or", "by", "respectively"];
        let pieces = [
            "and",
            "AND",
            "or",
            " ",
            ",",
            "x",
            "by",
            "é",
            "\u{a0}",
            "\t",
            "respectively",
            "an",
            "d",
            "",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let mut only = OnlyWords::new(&words);
                    for piece in [a, b, c] {
                        only.feed(piece);
                    }
                    let t = format!("{a}{b}{c}");
                    let want = t
                        .split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|w| !w.is_empty())
                        .all(|w| word_in(w, &words));
                    assert_eq!(only.finish(), want, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn gap_words_split_at_unicode_white_space() {
        for gap in [
            "",
            "  ",
            "as of\tthe\n end",
            "nine\u{a0}months\u{2009}to",
            "caf\u{e9} 3,000 \u{3000}t\u{85}x",
            " \u{1c}a ",
        ] {
            let want: Vec<&str> = gap.split(char::is_whitespace).filter(|w| !w.is_empty()).collect();
            assert_eq!(gap_words(gap).collect::<Vec<_>>(), want, "{gap:?}");
            for n in 0..4 {
                assert_eq!(at_most_words(gap, n), want.len() <= n, "{gap:?} {n}");
            }
        }
    }

    #[test]
    fn joining_gap_reads_the_words_as_split_at_white_space() {
        assert!(JOIN_STOPWORDS.iter().all(|w| w.len() <= 5));
        let old = |gap: &str| {
            gap.bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-' || b == b'\'')
                && gap_words(gap).count() <= 2
                && gap_words(gap).all(|w| !word_in(w, JOIN_STOPWORDS))
        };
        let pieces = [
            "", " ", "  ", "of", "Of", "ore", "x-y", "a'b", "in", "the", "\t", "1", ",", "é", "-",
        ];
        let mut n = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let gap = format!("{a}{b} {c}{d}");
                        assert_eq!(joining_gap(gap.as_bytes()), old(&gap), "{gap:?}");
                        let gap = format!("{a} {b}{c} {d}");
                        assert_eq!(joining_gap(gap.as_bytes()), old(&gap), "{gap:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 10_000);
    }

    /// Whether byte `i` is a stop of [`each_clause_stop`], byte by byte.
    fn is_clause_stop(b: &[u8], i: usize) -> bool {
        b",:();".contains(&b[i])
            || (b[i] == b' '
                && i + 2 < b.len()
                && CLAUSE_STARTS
                    .iter()
                    .any(|p| b[i + 1] | 0x20 == p[0] && b[i + 2] | 0x20 == p[1]))
    }

    /// The breaks as found before [`Clauses::new_in`] stopped early: every byte checked.
    fn all_cuts(text: &str, s: usize, e: usize) -> Vec<(usize, usize, bool)> {
        let b = text.as_bytes();
        let mut cuts = Vec::new();
        for i in (s..e).filter(|&i| is_clause_stop(b, i)) {
            clause_break(b, s, e, i, &mut cuts);
        }
        cuts
    }

    #[test]
    fn clause_stops_agree_with_a_byte_by_byte_check() {
        let text = "Output (Ni) rose; BUT while 1,200 mt: whereas Also, but alb wh".repeat(5);
        let b = text.as_bytes();
        // Stretches that end in each of the steps: thirty-two bytes (with AVX2), sixteen, one.
        let n = b.len();
        // From near the end of the text too, where the last block is read from further back.
        for from in [0, 3, 17, n - 40, n - 33, n - 3, n - 2, n - 1] {
            let tos = [n, n - 1, n - 20, from, from + 31, from + 33, from + 49];
            for to in tos.into_iter().filter(|&to| from <= to && to <= n) {
                let mut got = Vec::new();
                each_clause_stop(b, from, to, &mut |i| {
                    got.push(i);
                    false
                });
                let want: Vec<usize> = (from..to).filter(|&i| is_clause_stop(b, i)).collect();
                assert_eq!(got, want, "{from}..{to}");
                assert!(!got.is_empty() || to - from < 40, "{from}..{to}: no stop to check");
                // A way out: `f` returning true ends the scan at that stop, in any step.
                for k in [2, want.len() / 2, want.len().saturating_sub(1)] {
                    let Some(&last) = want.get(k) else { continue };
                    let mut seen = Vec::new();
                    each_clause_stop(b, from, to, &mut |i| {
                        seen.push(i);
                        i == last
                    });
                    assert_eq!(seen, want[..=k]);
                }
            }
        }
    }

    #[test]
    fn clauses_up_to_a_position_answer_as_all_the_clauses() {
        let pieces = [
            "a",
            " ",
            "1,486",
            "1,",
            ",2",
            ", ",
            ":",
            ";",
            "(",
            ")",
            " while ",
            " But ",
            " whereas ",
            " although ",
            " wh",
            " al",
            "Bu",
            "x",
            "é",
            " but",
            "; ",
        ];
        // A simple generator: every text of a fixed length drawn from the pieces.
        let mut next = crate::testing::below(0x2545_f491_4f6c_dd1du64);
        for _ in 0..3000 {
            let n = 1 + next(24);
            let mut t = String::new();
            for _ in 0..n {
                t.push_str(pieces[next(pieces.len())]);
            }
            let lead = next(3);
            let t = format!("{}{t}{}", " ".repeat(lead), "x".repeat(next(3)));
            let (s, e) = (lead, t.len() - next(2));
            let full = all_cuts(&t, s, e);
            let mut cuts = Vec::new();
            assert_eq!(
                Clauses::new_in(&t, s, e, usize::MAX, &mut cuts).cuts,
                &full[..],
                "{t:?}"
            );
            let whole = Clauses { s, e, cuts: &full };
            for upto in s..=e {
                let mut cuts = Vec::new();
                let part = Clauses::new_in(&t, s, e, upto, &mut cuts);
                for pos in s..=upto {
                    assert_eq!(part.of(pos), whole.of(pos), "{t:?} {upto} {pos}");
                    assert_eq!(part.strong_start(pos), whole.strong_start(pos), "{t:?} {upto} {pos}");
                }
            }
        }
    }

    /// [`Context`]'s one list of deferred sentences reads as a list per carried value would.
    #[test]
    fn carried_values_share_one_list_of_deferred_sentences() {
        // The values as kept before: a list of pending sentences each.
        struct Old {
            value: Option<u32>,
            pending: Vec<(usize, usize)>,
        }
        impl Old {
            fn get(
                &mut self,
                reads: &mut Vec<(usize, usize)>,
                read: impl Fn(usize, usize) -> Option<u32>,
            ) -> Option<u32> {
                while let Some((s, e)) = self.pending.pop() {
                    reads.push((s, e));
                    if let Some(v) = read(s, e) {
                        self.value = Some(v);
                        self.pending.clear();
                    }
                }
                self.value
            }
        }
        let mut next = crate::testing::below(0x9e37_79b9_7f4a_7c15u64);
        for round in 0..200 {
            let mut ctx = Context::default();
            let mut old = [
                Old {
                    value: None,
                    pending: Vec::new(),
                },
                Old {
                    value: None,
                    pending: Vec::new(),
                },
            ];
            // Which sentences hold a value for which of the two.
            let holds = |k: usize, s: usize| (s * 7 + k * 3 + round) % 5 == 0;
            for step in 0..300 {
                let k = next(2);
                match next(4) {
                    0 | 1 => {
                        ctx.defer(step, step + 1);
                        old[0].pending.push((step, step + 1));
                        old[1].pending.push((step, step + 1));
                    }
                    2 => {
                        let v = (next(3) != 0).then_some(step as u32);
                        if k == 0 {
                            ctx.set_period(v.map(|d| Period {
                                start: d as Days,
                                end: d as Days,
                            }));
                        } else {
                            ctx.set_topic_metric(v.map(|_| "x"));
                        }
                        old[k].value = v;
                        old[k].pending.clear();
                    }
                    _ => {
                        let (mut want, mut got) = (Vec::new(), std::cell::RefCell::new(Vec::new()));
                        let expected = old[k].get(&mut want, |s, _| holds(k, s).then_some(s as u32));
                        let read = |s: usize, e: usize| {
                            got.borrow_mut().push((s, e));
                            holds(k, s).then_some(s)
                        };
                        let value = if k == 0 {
                            ctx.period
                                .get(&ctx.deferred, |s, e| {
                                    read(s, e).map(|d| Period {
                                        start: d as Days,
                                        end: d as Days,
                                    })
                                })
                                .map(|p| p.start as u32)
                        } else {
                            ctx.topic_metric
                                .get(&ctx.deferred, |s, e| read(s, e).map(|_| "x"))
                                .map(|_| 0)
                        };
                        let expected = if k == 0 { expected } else { expected.map(|_| 0) };
                        assert_eq!(value, expected, "round {round} step {step}");
                        // The sentences read, latest first, up to the one that holds a value.
                        let cut = want
                            .iter()
                            .position(|&(s, _)| holds(k, s))
                            .map_or(want.len(), |i| i + 1);
                        assert_eq!(got.get_mut()[..], want[..cut], "round {round} step {step}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_all_in_reads_the_words_of_gap_words() {
        let words = ["the", "a", "in"];
        let pieces = [
            "", " ", "\t", "\x0b", "\u{a0}", "the", "The", "a", "ab", "in", "x", "é", ",",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let t = format!("{a}{b}{c}{d}");
                        for max in [0, 1, 2, usize::MAX] {
                            let old = gap_words(&t).all(|w| word_in(w, &words)) && gap_words(&t).count() <= max;
                            assert_eq!(words_all_in(&t, &words, max), old, "{t:?} {max}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn basis_cues_are_searched_only_where_one_may_cover_a_period() {
        // What `may_be_in_basis` assumes of the phrases.
        for line in include_str!("../data/cues.tsv")
            .lines()
            .filter(|l| l.starts_with("basis:"))
        {
            for phrase in line.split('\t').nth(1).unwrap().split('|') {
                let t = phrase.trim();
                assert!(!t.contains("  ") && !t.contains(['\t', '\n', '\r', '=']), "{t:?}");
            }
        }
        // `topic_period` as it was: the cues searched in every sentence with a period.
        fn before(r: &Reader, s: usize, e: usize) -> Option<Period> {
            let found = periods::scan(r.text, s, e);
            if found.is_empty() {
                return None;
            }
            let (mut spans, mut pexprs, mut cuts, mut relative) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            with_hits_in(r.text, s, e, |h| basis_spans_into(h.cues(), &mut spans));
            outside_basis_into(&found, &spans, &mut pexprs);
            in_relative_clause_into(
                r.text,
                &Clauses::new_in(r.text, s, e, pexprs.last().map_or(s, |p| p.start), &mut cuts),
                &pexprs,
                &mut relative,
            );
            carried_expr(&pexprs, &relative).and_then(|i| r.resolve(pexprs[i].kind))
        }
        let pieces = [
            "compared with the same period last year",
            "the same period",
            " ",
            "  ",
            "last month",
            "in November 2024",
            ", which",
            " that ",
            "from ",
            "m/m",
            "MoM",
            "month-on-month",
            "Year-On-Year",
            "the previous month",
            "over ",
            "Q3",
            "2024",
            "this year",
            "than ",
            "a year earlier",
            "-",
            "/",
            "é",
            "on the month",
            "October",
            " ago",
            "last year",
            "rose 5%",
            "\n",
        ];
        let mut next = crate::testing::below(0x9e37_79b9_7f4a_7c15u64);
        let (mut quick, mut searched) = (0, 0);
        for _ in 0..4000 {
            let n = 1 + next(10);
            let mut t = String::new();
            for _ in 0..n {
                t.push_str(pieces[next(pieces.len())]);
            }
            let hits: Hits = Hits {
                cues: &[],
                metrics: &[],
                commodities: &[],
                regions: &[],
                segments: &[],
                periods: &[],
            };
            let r = Reader {
                text: &t,
                hits,
                reference: Some(Month::new(2025, 3)),
                subject_end: None,
                subject_period: None,
                published: None,
                default_commodity: None,
                topics: [None; 4],
            };
            assert_eq!(r.topic_period(0, t.len()), before(&r, 0, t.len()), "{t:?}");
            // And the premise: no basis cue covers an expression said to be clear of them.
            let mut spans = Vec::new();
            with_hits_in(&t, 0, t.len(), |h| basis_spans_into(h.cues(), &mut spans));
            for p in periods::scan(&t, 0, t.len()) {
                if may_be_in_basis(&t, &p) {
                    searched += 1;
                } else {
                    quick += 1;
                    assert!(
                        !spans.iter().any(|&(bs, be)| p.start < be && bs < p.end),
                        "{t:?} {}",
                        p.start
                    );
                }
            }
        }
        assert!(quick > 1000 && searched > 1000, "{quick} {searched}");
    }

    #[test]
    fn blank_and_trims_are_those_of_str() {
        let pieces = [
            "", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1f", "a", "of", "\u{a0}", "\u{3000}", "\u{85}", "é",
            "\u{2028}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(blank(&t), t.trim().is_empty(), "{t:?}");
                    assert_eq!(trim(&t), t.trim(), "{t:?}");
                    assert_eq!(trim_start(&t), t.trim_start(), "{t:?}");
                    assert_eq!(trim_end(&t), t.trim_end(), "{t:?}");
                }
            }
        }
        for b in 0..128u8 {
            assert_eq!(ascii_space(b), (b as char).is_whitespace(), "{b}");
        }
    }

    #[test]
    fn clause_words_begin_with_a_listed_pair() {
        for w in CLAUSE_WORDS {
            assert!(CLAUSE_STARTS.contains(&[w.as_bytes()[0], w.as_bytes()[1]]), "{w}");
        }
    }

    #[test]
    fn changes_inherit_direction_and_basis() {
        let t = format!("{HEAD}In January, China's zinc ingot output fell by 12,300 mt MoM, a drop of 2.1%, but rose 3.4% YoY, beating expectations by 1,100 mt.\n");
        assert_eq!(
            rows(&t),
            [
                "12,300 mt zinc production mom -12300 t 2025-01-01..2025-01-31",
                "2.1% zinc production mom -2.1 % 2025-01-01..2025-01-31",
                "3.4% zinc production yoy 3.4 % 2025-01-01..2025-01-31",
                "1,100 mt zinc production vs_expected 1100 t 2025-01-01..2025-01-31",
            ]
        );
    }

    #[test]
    fn comparisons_with_an_earlier_week_month_or_year_name_the_basis() {
        // The wording of weekly and newswire reports: "than a year ago", "over the week".
        let t = format!(
            "{HEAD}Zinc ingot output fell 46,000 mt from a week earlier and was 8.3% lower than a year ago. \
             Social inventories rose 4,512 mt over the week. Smelter output was 2.4% higher than a month earlier.\n"
        );
        let bases: Vec<&str> = facts_of(&t).iter().map(|f| f.basis).collect();
        assert_eq!(bases, ["wow", "yoy", "wow", "mom"], "{:#?}", rows(&t));
        // "more than" (an approximation before a number) does not hide the basis after it.
        let t = format!(
            "{HEAD}In January, zinc ingot output was 36% more than a year earlier and 5,000 mt less than \
             the previous month, at more than 500,000 mt.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.basis, f.value, f.approx)).collect();
        assert_eq!(
            got,
            [
                ("yoy", 36.0, "exact"),
                ("mom", -5000.0, "exact"),
                ("level", 500000.0, "over")
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn a_commodity_that_opens_the_sentence_before_a_level_verb_is_its_subject() {
        let t = "Weekly Battery Materials Review\n\nSpot lithium carbonate averaged 92,350 yuan/mt in January, \
                 up 1,850 yuan/mt WoW. Copper cathode averaged 82,350 yuan/mt. The operating rate of smelters \
                 using copper concentrates was 86%.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.commodity, f.value)).collect();
        assert_eq!(
            got,
            [
                (Some("lithium_carbonate"), 92350.0),
                (Some("lithium_carbonate"), 1850.0),
                (Some("copper_cathode"), 82350.0),
                // Not the concentrates the smelters use: the topic of the sentence before.
                (Some("copper_cathode"), 86.0)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_sentence_without_a_commodity_takes_the_last_one_its_section_named() {
        // No commodity in the masthead or the headings: each number takes the topic of the
        // sentence before it, until a sub-head starts another topic.
        let t = "HARBOUR METALS RESEARCH\nMonthly Bulletin\n\nPART A. OUTPUT\n\
                 China produced 318,000 mt of silicon metal in January. Yunnan made 24,300 mt.\n\
                 Smelters\nThe operating rate averaged 41.2%.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.commodity, f.value)).collect();
        assert_eq!(
            got,
            [(Some("silicon"), 318000.0), (Some("silicon"), 24300.0), (None, 41.2)],
            "{:#?}",
            rows(t)
        );
        // The masthead's commodity is the default, where no sentence names one.
        let t = "NORTHGATE RESEARCH\nCopper Quarterly: Q3 review\n\nSmelters\nThe operating rate averaged 84.7%.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| f.commodity).collect();
        assert_eq!(got, [Some("copper_cathode")], "{:#?}", rows(t));
        // A title names the report's topics: a commodity it does not name is an aside,
        // and the sentences after it fall back to the title's.
        for (title, second) in [
            ("China's Zinc Ingot Exports Fall in May", "zinc"),
            (
                "China's Zinc Ingot Exports Fall, Zinc Concentrate Imports Rise",
                "zinc_concentrate",
            ),
        ] {
            let t = format!(
                "{title}\n\nZinc concentrate imports rose 8% to 410,000 mt in May. \
                 Zhejiang shipped 1,910 mt in May.\n"
            );
            let got: Vec<_> = facts_of(&t).iter().map(|f| f.commodity).collect();
            assert_eq!(got[2], Some(second), "{title}: {:#?}", rows(&t));
        }
    }

    #[test]
    fn a_basis_column_that_names_its_period_reads_percent_changes_of_that_period() {
        let t = "Output of battery salts, 2025 (unit: 10,000 mt)\n\
                 Product | Oct | Nov | Jan-Nov | Nov MoM (%)\n\
                 Lithium carbonate | 9.13 | 9.48 | 86.41 | 3.8\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| {
                let p = f.period.expect("a period");
                (f.value, f.unit, f.basis, p.end - p.start)
            })
            .collect();
        assert_eq!(
            got,
            [
                (91300.0, "t", "level", 30),
                (94800.0, "t", "level", 29),
                (864100.0, "t", "level", 334),
                // November's change, not the January-November total's, and not scaled.
                (3.8, "%", "mom", 29),
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_change_without_a_metric_word_moves_the_level_before_it() {
        let t = format!(
            "{HEAD}Hot-rolled coil averaged 3,215 yuan/mt in January, down 2.1% MoM and 12.4% YoY. \
             Zinc ingot averaged 24,000 yuan/mt in January, while Yunnan smelters cut runs by 5%.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.metric, f.basis)).collect();
        assert_eq!(
            got,
            [
                (3215.0, "price", "level"),
                (-2.1, "price", "mom"),
                (-12.4, "price", "yoy"),
                (24000.0, "price", "level"),
                // A clause with a subject of its own.
                (-5.0, "production", "mom")
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn a_form_named_without_its_metal_is_that_form_of_the_reports_metal() {
        let t = "NORTHGATE RESEARCH\nCopper Quarterly: Q3 review\n\nConcentrate market\n\
                 Spot TCs for clean concentrate averaged $-42.3/dmt in September. Chile supplied 2.61 million mt.\n\
                 Cathode prices\nCathode exports jumped to 186,000 mt in September.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.commodity)).collect();
        assert_eq!(
            got,
            [
                (-42.3, Some("copper_concentrate")),
                (2610000.0, Some("copper_concentrate")),
                (186000.0, Some("copper_cathode"))
            ],
            "{:#?}",
            rows(t)
        );
        let doc = parse_text(t, &ParseOptions::default());
        let sections: Vec<_> = doc.sections.iter().map(|s| (s.heading, s.commodity)).collect();
        assert_eq!(sections[2], ("Concentrate market", Some("copper_concentrate")));
        assert_eq!(sections[3], ("Cathode prices", Some("copper_cathode")));
    }

    #[test]
    fn a_heading_line_takes_no_period_from_the_line_above() {
        let t = "Ferrous Monthly: May 2025\nIssued: 10 June 2025\n\nHighlights\n* Iron ore stocks: 139.8 million wmt at end-May\n\
                 * Crude steel: 86.55 million mt, +1.2% MoM\n\
                 \nPrice snapshot (Thursday close, May 29)\nHRC: 3,215 yuan/mt\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| {
                let p = f.period.expect("a period");
                (f.value, crate::periods::ymd_from_days(p.start), p.end - p.start)
            })
            .collect();
        assert_eq!(
            got,
            [
                (139800000.0, (2025, 5, 31), 0),
                // Not the date of the data line above.
                (86550000.0, (2025, 5, 1), 30),
                (1.2, (2025, 5, 1), 30),
                // A data line under a dated title keeps its date (the date, not the day
                // of the week written with it).
                (3215.0, (2025, 5, 29), 0)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_total_of_the_year_so_far_does_not_date_the_sentences_after_it() {
        let t = "Manganese Monthly Review\nEMM\nChina's EMM output in August 2025 was 82,300 mt, up 2.1% MoM. \
                 Output from January to August totalled 610,000 mt, up 5% YoY. The operating rate held at 61%.\n\
                 Output from January to August totalled 610,000 mt. Of this, Guangxi produced 240,000 mt.\n";
        let got = value_months(&facts_of(t));
        assert_eq!(
            got,
            [
                (82300.0, 8, 8),
                (2.1, 8, 8),
                (610000.0, 1, 8),
                (5.0, 1, 8),
                // August's rate, not the year's so far.
                (61.0, 8, 8),
                (610000.0, 1, 8),
                // With no month before it, the total carries.
                (240000.0, 1, 8)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_change_from_the_day_before_is_a_change() {
        let t = "Copper Daily\nSHFE copper closed at 78,560 yuan/mt, up 350 yuan/mt day-on-day.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(got, [(78560.0, "level"), (350.0, "change")], "{:#?}", rows(t));
    }

    #[test]
    fn a_miss_against_the_previous_forecast_is_vs_expected() {
        let t =
            "EMD\nSeptember EMD output was 32,450 mt, about 800 mt higher than the previously expected 31,000 mt.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis, f.forecast)).collect();
        assert_eq!(
            got,
            [
                (32450.0, "level", false),
                (800.0, "vs_expected", false),
                (31000.0, "level", true)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn the_previous_months_figure_is_the_month_before() {
        let t = "Lithium Carbonate\nImports in October totaled 17,930 mt, down 4,040 mt from the previous month's 21,970 mt.\n";
        let got: Vec<_> = value_dates(t).into_iter().map(|(v, (_, m, _))| (v, m)).collect();
        assert_eq!(got, [(17930.0, 10), (-4040.0, 10), (21970.0, 9)], "{:#?}", rows(t));
    }

    #[test]
    fn to_a_from_b_in_a_month_dates_a_the_month_after() {
        let t =
            "Manganese Sulphate Review: September 2025\n\nManganese Sulphate\nOnce August restocking was complete, \
                 the operating rate slipped to 47.2% from 49.6% in August.\n";
        let got: Vec<_> = value_dates(t).into_iter().map(|(v, (_, m, _))| (v, m)).collect();
        assert_eq!(got, [(47.2, 9), (49.6, 8)], "{:#?}", rows(t));
    }

    #[test]
    fn goods_shipped_to_the_home_market_are_its_imports() {
        let t = "Copper Concentrate Imports\nChile remained the top supplier, shipping 805,000 tons in September. \
                 Peru shipped 612,000 tons to China. China's exports of copper ore were shipped 1,200 tons.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.metric)).collect();
        assert_eq!(
            got,
            [(805000.0, "imports"), (612000.0, "imports"), (1200.0, "exports")],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_months_figure_named_by_its_possessive_is_that_months_level() {
        let t = "Copper Concentrate Imports: September 2025\n\nChina imported 2.45 million tons of copper concentrate \
                 in September, up 7.7% from August's 2.275 million tons and 7.3% higher than a year earlier.\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| {
                (
                    f.value,
                    f.basis,
                    crate::periods::ymd_from_days(f.period.expect("a period").start).1,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (2450000.0, "level", 9),
                (7.7, "mom", 9),
                (2275000.0, "level", 8),
                (7.3, "yoy", 9)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn under_a_title_naming_no_commodity_the_clause_names_it() {
        let t = "Weekly Review\n\nCopper\nSHFE copper closed at 78,960 yuan/mt.\n\nAluminium\n\
                 SHFE aluminium closed at 20,610 yuan/mt.\n\nOutlook\n\
                 SHFE copper is expected to trade between 78,200 and 79,800 yuan/mt next week. \
                 Prices may range from 20,400 yuan/mt to 20,800 yuan/mt.\n";
        let got = value_commodities(t);
        assert_eq!(
            got,
            [
                (78960.0, "copper_cathode"),
                (20610.0, "aluminum"),
                (78200.0, "copper_cathode"),
                // The section's last named commodity, not the one the title inherits.
                (20400.0, "copper_cathode"),
                (20800.0, "copper_cathode")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_day_of_the_week_with_its_date_in_brackets_is_the_date() {
        let t = "Copper Weekly\nPublished: Aug 22, 2025\n\nCopper\nLME copper closed at 9,742 USD/mt on Thursday (August 21), \
                 up 0.6% day-on-day.\n";
        let got: Vec<_> = value_dates(t).into_iter().map(|(v, (_, _, d))| (v, d)).collect();
        assert_eq!(got, [(9742.0, 21), (0.6, 21)], "{:#?}", rows(t));
    }

    #[test]
    fn a_day_without_its_year_after_the_day_of_writing_is_last_years_unless_looked_forward_to() {
        let t = "Nickel Daily\nPublished: Dec 9, 2025\n\nNickel\nThe price is 40% above the first assessment of \
                 the year, $11.50/lb on January 2. Buyers expect $16.00/lb by January 5. \
                 Spot cargoes fetched $15.10/lb on December 10. A year ago they hit $14.20/lb on December 20.\n";
        let got: Vec<_> = value_dates(t).into_iter().filter(|(v, _)| *v != 40.0).collect();
        assert_eq!(
            got,
            [
                (11.5, (2025, 1, 2)),
                (16.0, (2026, 1, 5)),
                (15.1, (2025, 12, 10)),
                (14.2, (2024, 12, 20))
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_deficit_is_a_negative_balance_and_a_conversion_no_figure() {
        let t = "Cobalt Quarterly\nPublished: Oct 21, 2026\n\nCobalt\nThe cobalt market ran a surplus of 2,400 t in \
                 Q3 2026 and will swing to a deficit of 800-1,100 t in Q4. Prices are quoted per lb; 1 lb = 0.4536 kg. \
                 The nickel deficit fell 20% in the quarter.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.value_high)).collect();
        assert_eq!(
            got,
            [(2400.0, None), (-800.0, Some(-1100.0)), (-20.0, None)],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn guidance_and_turned_out_are_production() {
        let t = "Zinc News\nPublished: Oct 27, 2026\n\nZinc\nThe smelter, with capacity of 150,000 t/year, \
                 turned out 101,300 t in January-September. It cut its 2026 guidance to 132,000-135,000 t. \
                 The Q3 2026 deficit turned out at 12,000 t. Capex guidance for 2027 is $0.9 billion.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.metric, f.forecast)).collect();
        assert_eq!(
            got,
            [
                (150_000.0, "capacity", false),
                (101_300.0, "production", false),
                (132_000.0, "production", true),
                // A deficit that turned out at a figure was not produced; money is no output.
                (-12_000.0, "other", false),
                (900_000_000.0, "other", true)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn over_and_on_compare_only_after_a_figure() {
        let t = "Copper Review\nPublished: Nov 20, 2026\n\nCopper\nOutput was 41,200 t in October, up 5.3% over \
                 September. Over H1 2026, output rose 8%. Based on Q3 2026 data, output rose 6% in October.\n";
        let start = |f: &Fact| f.period.map(|p| crate::periods::ymd_from_days(p.start));
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis, start(f))).collect();
        let (oct, h1) = (Some((2026, 10, 1)), Some((2026, 1, 1)));
        assert_eq!(
            got,
            [
                (41_200.0, "level", oct),
                (5.3, "mom", oct),
                (8.0, "yoy", h1),
                (6.0, "mom", oct)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_change_in_a_weekly_moves_over_the_week_in_the_unit_of_its_price() {
        let t = "Coal Weekly\nPublished: Nov 13, 2026\n\nCoking coal\nHard coking coal was assessed at $212.50 a \
                 tonne FOB, up $4.75. Coal was $98.50/t while profit rose $1.2 billion.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.unit, f.basis)).collect();
        assert_eq!(
            got,
            [
                (212.5, "USD/t", "level"),
                (4.75, "USD/t", "wow"),
                (98.5, "USD/t", "level"),
                // A sum of something else in the currency is no change of the price.
                (1.2e9, "USD", "wow")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_direction_after_the_number_with_its_basis_in_one_word() {
        let t = "Graphite Exports, September 2026\nPublished: Oct 20, 2026\n\nGraphite\nChina exported 18,400 t of \
                 graphite in September 2026, down 2.1% from August but 9.4% more than in September 2025. Japan took \
                 7,540 t, despite a 3.3% monthly drop, and India 6,100 t, 4.6% less than in August. Imports of \
                 3,000 t more than doubled.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [
                (18400.0, "level"),
                (-2.1, "mom"),
                (9.4, "yoy"),
                (7540.0, "level"),
                (-3.3, "mom"),
                (6100.0, "level"),
                (-4.6, "mom"),
                (3000.0, "level")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn the_same_period_of_a_year_is_a_base_and_consumption_areas_no_demand() {
        let t = "Graphite Review\nPublished: Oct 20, 2026\n\nGraphite\nOutput over January-September amounted to \
                 1.2 million mt, 6.8% more than in the same period of 2025. In September the operating rate climbs 2.1 \
                 percentage points, a gain of 1.4 percentage points over August. Stocks in the main consumption areas stood at \
                 82,000 mt.\n";
        let start = |f: &Fact| f.period.map(|p| crate::periods::ymd_from_days(p.start));
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| (f.value, f.metric, f.basis, start(f)))
            .collect();
        let jan = Some((2026, 1, 1));
        assert_eq!(
            got[..3],
            [
                (1_200_000.0, "production", "level", jan),
                (6.8, "production", "yoy", jan),
                (2.1, "operating_rate", "mom", Some((2026, 9, 1)))
            ],
            "{:#?}",
            rows(t)
        );
        assert_eq!((got[3].0, got[3].2), (1.4, "mom"), "{:#?}", rows(t));
        assert_eq!((got[4].0, got[4].1), (82_000.0, "inventory"), "{:#?}", rows(t));
    }

    #[test]
    fn a_commodity_before_a_present_tense_level_verb_is_its_subject() {
        let t = "Review\nPublished: Nov 9, 2026\n\nAlumina\nOctober alumina output climbs 5.1% MoM; primary \
                 aluminium reaches 3.79 million mt.\n";
        assert_eq!(
            value_commodities(t),
            [(5.1, "alumina"), (3_790_000.0, "aluminum")],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_commodity_placed_before_its_verb_is_its_subject() {
        let t = "Battery Metals Daily\nPublished: Nov 5, 2026\n\nBattery-grade lithium carbonate in China rose \
                 by 350 yuan/mt to 76,450 yuan/mt, while cobalt in Europe eased to $24.10/lb. Spodumene \
                 concentrate (SC6, CIF China) added $15/t.\n";
        assert_eq!(
            value_commodities(t),
            [
                (350.0, "lithium_carbonate"),
                (76_450.0, "lithium_carbonate"),
                (24.1, "cobalt"),
                (15.0, "lithium_ore")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_form_named_alone_is_that_of_the_reports_metal() {
        let t = "Lithium Daily\nPublished: Nov 5, 2026\n\nLithium carbonate held at 76,450 yuan/mt.\n\n\
                 Hydroxide\nCoarse hydroxide slipped by 150 yuan/mt to 70,800 yuan/mt.\n";
        assert_eq!(
            value_commodities(t),
            [
                (76_450.0, "lithium_carbonate"),
                (-150.0, "lithium_hydroxide"),
                (70_800.0, "lithium_hydroxide")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_day_on_day_column_holds_changes_and_a_range_cell_both_ends() {
        let t =
            "Lithium Daily\nPublished: Nov 5, 2026\n\nSPOT PRICES (yuan/mt)\nProduct | Range | Average | Day-on-day\n\
                 Lithium carbonate, battery grade | 75,900-77,000 | 76,450 | +350\n\
                 Lithium hydroxide, coarse | 70,100\u{2013}71,800 | 70,950 | -150\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| (f.value, f.value_high, f.basis, f.unit))
            .collect();
        assert_eq!(
            got,
            [
                (75_900.0, Some(77_000.0), "level", "CNY/t"),
                (76_450.0, None, "level", "CNY/t"),
                (350.0, None, "change", "CNY/t"),
                (70_100.0, Some(71_800.0), "level", "CNY/t"),
                (70_950.0, None, "level", "CNY/t"),
                (-150.0, None, "change", "CNY/t")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_gapped_table_of_metric_columns_takes_units_from_its_caption() {
        let t = "Warehouse Stocks Daily\nPublished: Nov 20, 2026\n\n\
                 Exchange stocks, 19 November 2026 (tonnes; spread in $/t)\n\
                 Metal     Stock      Change   Cancelled %   Spread\n\
                 Zinc      88,150     -1,200   17.5          +12.00\n\
                 Lead      201,400    +650     9.8           -31.25\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| (f.value, f.unit, f.metric, f.basis))
            .collect();
        assert_eq!(
            got,
            [
                (88_150.0, "t", "inventory", "level"),
                (-1_200.0, "t", "inventory", "change"),
                (17.5, "%", "share", "level"),
                (12.0, "USD/t", "price", "level"),
                (201_400.0, "t", "inventory", "level"),
                (650.0, "t", "inventory", "change"),
                (9.8, "%", "share", "level"),
                (-31.25, "USD/t", "price", "level")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn spreadsheet_month_headers_and_growth_columns() {
        let t = "Steel Monthly\nPublished: Nov 18, 2026\n\n\
                 Table 2: Output (quantities in million tonnes)\n\
                 Item                 Oct-26   Oct-25   Growth (%)\n\
                 Pig iron              7.12     6.80        4.7\n\
                 Sponge iron           4.05     4.21       -3.8\n";
        let got: Vec<String> = facts_of(t)
            .iter()
            .map(|f| {
                let (y, m, _) = crate::periods::ymd_from_days(f.period.expect("a period").start);
                format!("{} {} {} {y}-{m}", f.value, f.unit, f.basis)
            })
            .collect();
        assert_eq!(
            got,
            [
                "7120000 t level 2026-10",
                "6800000 t level 2025-10",
                "4.7 % yoy 2026-10",
                "4050000 t level 2026-10",
                "4210000 t level 2025-10",
                "-3.8 % yoy 2026-10"
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn mt_is_million_tonnes_where_the_report_says_so() {
        let body = "Crude steel output was 13.12 mt in October 2026, priced at Rs 50,850 per mt; \
                    capacity reached 212.3 mt per annum.\n";
        let plain = format!("Steel Monthly\nPublished: Nov 18, 2026\n\n{body}");
        let defined =
            format!("Steel Monthly\nPublished: Nov 18, 2026\n\nAbbreviations: mt = million tonnes.\n\n{body}");
        let values = |t: &str| facts_of(t).iter().map(|f| (f.value, f.unit)).collect::<Vec<_>>();
        assert_eq!(values(&plain)[0], (13.12, "t"));
        let got = values(&defined);
        assert_eq!(got[0], (13_120_000.0, "t"), "{got:?}");
        assert_eq!(got.last(), Some(&(212_300_000.0, "t/year")), "{got:?}");
    }

    #[test]
    fn fiscal_years_in_calendar_months() {
        let dated = |t: &str| {
            facts_of(t)
                .iter()
                .map(|f| {
                    let p = f.period.expect("a period");
                    let (y1, m1, _) = crate::periods::ymd_from_days(p.start);
                    let (y2, m2, _) = crate::periods::ymd_from_days(p.end);
                    format!("{} {y1}-{m1}..{y2}-{m2}", f.value)
                })
                .collect::<Vec<_>>()
        };
        // India: April to March.
        let t = "Steel Monthly\nPublished: Nov 18, 2026\n\nIndia's crude steel output for April-October FY27 \
                 reached 90.45 million tonnes. The ministry expects 158 million tonnes in FY2026-27.\n";
        assert_eq!(dated(t), ["90450000 2026-4..2026-10", "158000000 2026-4..2027-3"]);
        // An ASX miner: July to June; a month-named quarter is the calendar's.
        let t = "Quarterly Report\nPublished: Oct 22, 2026\n\nKestrel Resources (ASX: KRR) produced 58,400oz of \
                 gold in Q1 FY27, against 55,510oz in the September quarter of FY26.\n";
        assert_eq!(dated(t), ["58400 2026-7..2026-9", "55510 2025-7..2025-9"]);
        // No country and no legend: a fiscal quarter is no calendar one.
        let t = "Quarterly Report\nPublished: Oct 22, 2026\n\nThe company produced 58,400oz of gold in Q1 FY27.\n";
        assert!(
            !dated(t).contains(&"58400 2026-1..2026-3".to_string()),
            "{:?}",
            dated(t)
        );
    }

    #[test]
    fn an_unmarked_change_of_a_cumulative_figure_is_year_on_year() {
        let t = "Coal Imports\nPublished: Nov 12, 2026\n\nCoking coal\nImports in January-October 2026 totalled \
                 104.6 million t, 5.8% more than a year earlier. Russian cargoes fell 9.2% to 22.1 million t.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [
                (104_600_000.0, "level"),
                (5.8, "yoy"),
                (-9.2, "yoy"),
                (22_100_000.0, "level")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn past_participles_of_direction_verbs_are_changes() {
        let t = "Stocks Weekly\nPublished: Nov 24, 2026\n\nOver the past week LME zinc stocks have fallen by \
                 2,150 t, while lead stocks have grown by 900 t.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        // Unmarked changes over the report's trading week are week-on-week.
        assert_eq!(got, [(-2_150.0, "wow"), (900.0, "wow")]);
    }

    #[test]
    fn narrowed_and_widened_are_changes() {
        let t = "Nickel Balance\nPublished: Nov 20, 2026\n\nNickel\nThe nickel deficit narrowed by 3,000 t in \
                 October to 9,000 t, and the cobalt surplus widened 12% in October.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [(3000.0, "mom"), (-9000.0, "level"), (12.0, "mom")],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_heading_that_names_a_period_ahead_dates_its_paragraphs() {
        let t = "COKE WEEKLY | Friday, March 13, 2026\n\n\
                 Coke\nCoke stocks at ports fell 40,000 mt to 1.92 million mt.\n\n\
                 Next week (Mar 16-20)\nWe expect coke prices to hold at 1,450-1,500 yuan/mt.\n\n\
                 Table 1: Coke stocks, March 2026\nStocks were 1.92 million mt.\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| {
                let p = f.period.expect("a period");
                let (_, m, d) = crate::periods::ymd_from_days(p.start);
                let (_, m2, d2) = crate::periods::ymd_from_days(p.end);
                (f.value, f.forecast, (m, d), (m2, d2))
            })
            .collect();
        assert_eq!(got[2], (1450.0, true, (3, 16), (3, 20)), "{:#?}", rows(t));
        // A month that is not ahead is no section period: the week of writing, as before.
        assert_eq!(got[3], (1_920_000.0, false, (3, 9), (3, 13)), "{:#?}", rows(t));
    }

    #[test]
    fn a_quarterly_table_dates_its_change_columns_by_the_latest_quarter() {
        let t = "Quarterly Review - Cobalt, Q2 2026\nIssued 14 July 2026\n\n\
                 Cobalt sulphate output was 15,900 t in the quarter.\n\n\
                 Table 2: Cobalt sulphate by quarter (t Co unless noted)\n\
                 \x20                        Q2 2025   Q1 2026   Q2 2026      QoQ      YoY\n\
                 Production                 17,300    14,800    15,900    +7.4%    -8.1%\n\
                 \x20 from hydroxide          12,100    10,200    11,000    +7.8%    -9.1%\n\
                 Price (CNY/t, average)     31,000    44,500    47,200    +6.1%   +52.3%\n";
        let got: Vec<String> = facts_of(t)
            .iter()
            .map(|f| {
                let p = f.period.expect("a period");
                let (y, m, _) = crate::periods::ymd_from_days(p.start);
                let (_, m2, _) = crate::periods::ymd_from_days(p.end);
                format!(
                    "{} {} {} {} {}-{m}..{m2} {}",
                    f.value,
                    f.unit,
                    f.metric,
                    f.basis,
                    y,
                    f.segment.unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "15900 t production level 2026-4..6 -",
                "17300 t production level 2025-4..6 -",
                "14800 t production level 2026-1..3 -",
                "15900 t production level 2026-4..6 -",
                "7.4 % production qoq 2026-4..6 -",
                "-8.1 % production yoy 2026-4..6 -",
                "12100 t production level 2025-4..6 hydroxide",
                "10200 t production level 2026-1..3 hydroxide",
                "11000 t production level 2026-4..6 hydroxide",
                "7.8 % production qoq 2026-4..6 hydroxide",
                "-9.1 % production yoy 2026-4..6 hydroxide",
                "31000 CNY/t price level 2025-4..6 -",
                "44500 CNY/t price level 2026-1..3 -",
                "47200 CNY/t price level 2026-4..6 -",
                "6.1 % price qoq 2026-4..6 -",
                "52.3 % price yoy 2026-4..6 -",
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_summary_table_split_by_spaces_gives_its_rows_the_group_metric_and_listed_units() {
        let t = "MOLYBDENUM\n(Data in metric tons of contained molybdenum unless otherwise noted)\n\
                 Published: Feb 2, 2026\n\n\
                 Key figures-Canada: 2024 2025e\n\
                 Production, mine 3,100 3,400\n\
                 Imports for consumption:\n\
                 Oxide 1,200 -\n\
                 Price, roasted concentrate, dollars per kilogram of Mo 48.20 51.75\n\
                 Recycling as a percentage of demand 21 23\n";
        let got: Vec<String> = facts_of(t)
            .iter()
            .map(|f| {
                let y = crate::periods::ymd_from_days(f.period.expect("a period").start).0;
                format!(
                    "{} {} {} {} {y} {}",
                    f.value,
                    f.unit,
                    f.metric,
                    f.region.unwrap_or("-"),
                    f.forecast
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "3100 t production Canada 2024 false",
                "3400 t production Canada 2025 false",
                "1200 t imports Canada 2024 false",
                "48.2 USD/kg price Canada 2024 false",
                "51.75 USD/kg price Canada 2025 false",
                "21 % share Canada 2024 false",
                "23 % share Canada 2025 false",
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_sentence_hands_on_the_period_its_numbers_were_dated_by() {
        let t = "Nickel Weekly\nPublished: Aug 22, 2025\n\nOutlook\nWith stainless mills restocking ahead of the \
                 October holiday, SHFE nickel is expected to trade between 121,000 and 124,000 yuan/mt next week. \
                 Nickel sulphate may hold within 27,500-28,000 yuan/mt.\n";
        let got: Vec<_> = value_dates(t).into_iter().map(|(v, (_, m, d))| (v, m, d)).collect();
        // Next week is August 25-29.
        assert_eq!(got, [(121000.0, 8, 25), (27500.0, 8, 25)], "{:#?}", rows(t));
    }

    #[test]
    fn a_change_column_beside_two_dates_is_the_later_ones_change_in_the_tables_unit() {
        let t = "Zinc Stocks Weekly\nPublished: Mar 5, 2026\n\n\
                 Table 1: Zinc ingot social inventory (unit: 10,000 mt)\n\
                 Region      Last week (Feb 26)   This week (Mar 5)   Change\n\
                 Shanghai          3.10               3.42          +0.32\n\
                 Tianjin           1.50               1.45          -0.05\n";
        let got: Vec<String> = facts_of(t)
            .iter()
            .map(|f| {
                let (_, m, d) = crate::periods::ymd_from_days(f.period.expect("a period").start);
                format!("{} {} {} {} {m}-{d}", f.value, f.unit, f.basis, f.metric)
            })
            .collect();
        assert_eq!(
            got[..3],
            [
                "31000 t level inventory 2-26",
                "34200 t level inventory 3-5",
                "3200 t wow inventory 3-5"
            ],
            "{:#?}",
            rows(t)
        );
        assert_eq!(got[5], "-500 t wow inventory 3-5");
    }

    #[test]
    fn a_supply_table_in_thousand_ounces_reads_its_groups_forecasts_and_year_on_year_column() {
        let t = "PGM Summary\nPublished: Mar 10, 2026\n\n\
                 Table 1. Rhodium supply and demand (koz)\n\
                 \x20                          2024     2025    2026f   2025/2024\n\
                 Mine supply\n\
                 \x20 South Africa               610      590      600      -3%\n\
                 Demand\n\
                 \x20 Automotive                 820      840      850      +2%\n";
        let got: Vec<String> = facts_of(t)
            .iter()
            .map(|f| {
                let (y, _, _) = crate::periods::ymd_from_days(f.period.expect("a period").start);
                format!("{} {} {} {} {y} {}", f.value, f.unit, f.basis, f.metric, f.forecast)
            })
            .collect();
        assert_eq!(
            got,
            [
                "610000 oz level production 2024 false",
                "590000 oz level production 2025 false",
                "600000 oz level production 2026 true",
                "-3 % yoy production 2025 false",
                "820000 oz level demand 2024 false",
                "840000 oz level demand 2025 false",
                "850000 oz level demand 2026 true",
                "2 % yoy demand 2025 false",
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_units_abbreviation_in_brackets_does_not_cut_the_clause() {
        let t = "Ore Weekly\nPublished: Feb 12, 2026\n\nOre\nThe country shipped 12.5 million wet metric tonnes \
                 (wmt) of bauxite abroad in 2025, while output (see chart) rose 4%.\n";
        let got = value_months(&facts_of(t));
        assert_eq!(got[0], (12_500_000.0, 1, 12), "{:#?}", rows(t));
    }

    #[test]
    fn a_level_climbed_past_or_dipped_below_is_a_threshold_not_a_change() {
        let t = "Aluminium Weekly\nPublished: Mar 5, 2026\n\nAluminium\nIngot stocks climb past 1 million mt for the \
                 first time. Prices may dip below 20,000 yuan/mt next week.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis, f.approx)).collect();
        assert_eq!(
            got,
            [(1_000_000.0, "level", "over"), (20000.0, "level", "under")],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn the_object_of_a_first_figure_and_its_change_carry_past_a_code_and_a_base() {
        let t = "Customs Review\nPublished: 21 September 2026\n\nCopper\nChina imported 1.94 million mt of \
                 zinc ores and concentrates (HS 2608) in August 2026, up 3.1% from July and 6.4% from August 2025.\n";
        let got: Vec<_> = facts_of(t)
            .iter()
            .map(|f| {
                let (y, m, _) = crate::periods::ymd_from_days(f.period.expect("a period").start);
                (f.value, f.commodity.unwrap_or("-"), f.basis, y, m)
            })
            .collect();
        assert_eq!(
            got,
            [
                (1_940_000.0, "zinc_concentrate", "level", 2026, 8),
                (3.1, "zinc_concentrate", "mom", 2026, 8),
                (6.4, "zinc_concentrate", "yoy", 2026, 8)
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_change_of_a_whole_year_the_paragraph_is_about_is_year_on_year() {
        let t = "PGM Review\nPublished: Mar 10, 2026\n\nRhodium\nThe rhodium market was in deficit in 2025. \
                 Mine supply fell 4% to 710 koz, and recycling rose 6% to 350 koz.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [(-4.0, "yoy"), (710_000.0, "level"), (6.0, "yoy"), (350_000.0, "level")],
            "{:#?}",
            rows(t)
        );
        // A year not yet over has no year-on-year figure so far.
        let t = t.replace("2026", "2025");
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(got[0], (-4.0, "change"), "{:#?}", rows(&t));
    }

    #[test]
    fn the_subject_of_an_expectation_is_the_numbers_commodity() {
        let t =
            "Cobalt Weekly\n\nCobalt\nA trader expects cobalt metal to average $23-25/lb in Q4 and cobalt sulphate \
                 to exceed 70,000 yuan/mt by December. Exports to China are expected to reach 5,000 mt. \
                 The operating rate of refiners using cobalt hydroxide is expected to be 75%.\n";
        let got = value_commodities(t);
        assert_eq!(
            got,
            [
                (23.0, "cobalt"),
                (70000.0, "cobalt_sulphate"),
                (5000.0, "cobalt"),
                (75.0, "cobalt")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_title_about_the_year_so_far_dates_the_numbers_no_sentence_dates() {
        let t = "Steel exports in first seven months rise 14.2%\n\n\
                 Viet Nam exported 6.84 million tonnes of steel in the first seven months of 2025. \
                 In July alone, exports reached 1.02 million tonnes.\n\n\
                 The European Union remained the largest buyer with 1.97 million tonnes.\n";
        let doc = parse_text(
            t,
            &ParseOptions {
                published: Some(crate::periods::days_from_ymd(2025, 8, 14)),
            },
        );
        let got = value_months(&doc.facts);
        assert_eq!(
            got,
            [(14.2, 1, 7), (6840000.0, 1, 7), (1020000.0, 7, 7), (1970000.0, 1, 7)],
            "{:#?}",
            doc.facts.iter().map(|f| row(f, t)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_commodity_that_labels_a_line_is_its_numbers() {
        let t = "Nickel Weekly\n\nPrice snapshot\nLME nickel: $16,215/mt, +$585/mt w/w\n\
                 Battery-grade nickel sulphate: 28,000-28,500 yuan/mt, +250 yuan/mt w/w\n";
        let got = value_commodities(t);
        assert_eq!(
            got,
            [
                (16215.0, "nickel"),
                (585.0, "nickel"),
                (28000.0, "nickel_sulphate"),
                (250.0, "nickel_sulphate")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_label_with_its_specification_names_the_line_and_its_grades_are_no_facts() {
        // The product's grade and delivery terms stand between it and the colon; the
        // content percentages ("min 99.8% Co", "min 6% Li2O") are grades.
        let t = "Battery Metals Daily\n\nAssessments\n\
                 Cobalt standard grade (min 99.8% Co), in-whs Rotterdam: assessed at $24.10-25.40/lb, unchanged\n\
                 Lithium hydroxide monohydrate, battery grade (min 56.5% LiOH), cif Asia: assessed at $9.50-10.20/kg\n\
                 Spodumene concentrate (SC6, min 6% Li2O), cif China: assessed at $1,185-1,230/t, up $25/t\n";
        let got = value_commodities(t);
        assert_eq!(
            got,
            [
                (24.1, "cobalt"),
                (9.5, "lithium_hydroxide"),
                (1185.0, "lithium_ore"),
                (25.0, "lithium_ore")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_feedstock_before_based_is_a_segment_not_the_commodity() {
        let t = "Lithium Carbonate\nLithium carbonate output rose to 61,300 mt in March 2031. By feedstock, \
                 spodumene-based production accounted for 58% of the total.\n";
        let f = facts_of(t);
        assert_eq!(
            (f[1].value, f[1].commodity, f[1].segment),
            (58.0, Some("lithium_carbonate"), Some("spodumene")),
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn made_up_is_a_share_not_a_rise() {
        let t =
            "Secondary Lead\nSecondary lead output in July was 268,500 mt, up 2.2% MoM, of which secondary refined \
                 lead made up 71.5%.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.metric, f.basis)).collect();
        assert_eq!(
            got,
            [
                (268500.0, "production", "level"),
                (2.2, "production", "mom"),
                (71.5, "share", "level")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn the_impact_on_output_is_no_output() {
        let t = format!(
            "{HEAD}The impact of maintenance on output was 21,500 mt in January, compared with 36,800 mt \
             in December. Output fell by 6,000 mt. The strike had a limited impact on output, which still \
             reached 512,000 mt in January.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.metric)).collect();
        assert_eq!(
            got,
            [
                (21500.0, "other"),
                (36800.0, "other"),
                (-6000.0, "production"),
                // Another clause: the output it reached.
                (512000.0, "production")
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn weeks_and_days_of_the_week_date_a_weekly_report() {
        // Written on Friday 7 March 2025.
        let t = "Nickel Weekly\n\nRefined nickel\nLME nickel: $16,215/mt, +$585/mt w/w, -6.9% YoY\n\
                 LME nickel closed at $16,215/mt on Thursday, against $15,630/mt last Thursday. \
                 Spot nickel averaged 131,650 yuan/mt this week, up 2,900 yuan/mt. \
                 We expect nickel to trade at 126,000-132,000 yuan/mt next week. \
                 The import window stood at -$85/mt vs last week's -$40/mt.\n";
        let doc = parse_text(
            t,
            &ParseOptions {
                published: Some(crate::periods::days_from_ymd(2025, 3, 7)),
            },
        );
        let day = |d: Days| {
            let (y, m, d) = crate::periods::ymd_from_days(d);
            format!("{y}-{m:02}-{d:02}")
        };
        let got: Vec<_> = doc
            .facts
            .iter()
            .map(|f| {
                let p = f.period.expect("a period");
                (f.value, f.basis, day(p.start), day(p.end))
            })
            .collect();
        let want = [
            // An undated line of a weekly: the week of writing, Monday to Friday. A sign
            // and a basis state a change.
            (16215.0, "level", "2025-03-03", "2025-03-07"),
            (585.0, "wow", "2025-03-03", "2025-03-07"),
            (-6.9, "yoy", "2025-03-03", "2025-03-07"),
            // The Thursday before the Friday of writing, and the one of the week before.
            (16215.0, "level", "2025-03-06", "2025-03-06"),
            (15630.0, "level", "2025-02-27", "2025-02-27"),
            // Monday to Friday; a change of a week's figure is against the week before.
            (131650.0, "level", "2025-03-03", "2025-03-07"),
            (2900.0, "wow", "2025-03-03", "2025-03-07"),
            (126000.0, "level", "2025-03-10", "2025-03-14"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|&(v, b, s, e)| (v, b, s.to_string(), e.to_string()))
            .collect();
        assert_eq!(got[..8], want, "{:#?}", rows(t));
        // A sign after a level word states a level, not a change against the basis after it.
        let levels: Vec<_> = got[8..].iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(levels, [(-85.0, "level"), (-40.0, "level")], "{:#?}", rows(t));
    }

    #[test]
    fn an_unmarked_change_of_a_year_or_a_total_from_january_is_yoy() {
        let t = format!(
            "{HEAD}Zinc ingot output for 2024 rose 6.1%. SMM expects 2025 zinc ingot output to grow 3-4%. \
             Cumulative zinc ingot output for January-November 2024 rose 9.6%. The closure will reduce annual \
             zinc ingot output by 20,000 mt.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [(6.1, "yoy"), (3.0, "yoy"), (9.6, "yoy"), (-20000.0, "change")],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn a_respectively_list_gives_each_number_its_region() {
        let t = format!(
            "{HEAD}In January, zinc ingot exports rose. Thailand and India took 5,400 mt and 4,760 mt respectively. \
             Exports to Vietnam, Japan and South Korea were 1,000 mt, 2,000 mt and 3,000 mt, up 5%, 6% and 7% YoY \
             respectively. Henan and Hunan produced 120,000 mt and 80,000 mt of zinc ingot respectively.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.region, f.partner)).collect();
        let (c, p) = (Some("China"), |n: &'static str| Some(n));
        assert_eq!(
            got,
            [
                (c, p("Thailand")),
                (c, p("India")),
                (c, p("Vietnam")),
                (c, p("Japan")),
                (c, p("South Korea")),
                (c, p("Vietnam")),
                (c, p("Japan")),
                (c, p("South Korea")),
                (p("Henan"), None),
                (p("Hunan"), None),
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn approximations_after_a_verb() {
        let t = format!(
            "{HEAD}February zinc ingot output is expected to fall to about 14,100 mt. Zinc ingot sales in January \
             exceeded 200,000 mt, and inventory rose to roughly 5,000 mt. Imports will stay near 55,000-60,000 mt.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.basis, f.approx)).collect();
        assert_eq!(
            got,
            [
                (14100.0, "level", "about"),
                (200000.0, "level", "over"),
                (5000.0, "level", "about"),
                (55000.0, "level", "about")
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn volume_and_value_of_a_trade_figure_keep_its_metric() {
        let t = format!(
            "{HEAD}In January, zinc ingot exports reached 12,000 mt, worth US$38 million, up 25.3% in volume and 11.2% in value YoY.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.metric, f.region, f.value)).collect();
        assert!(got.iter().all(|g| g.0 == "exports" && g.1 == Some("China")), "{got:?}");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn the_month_may_is_not_the_modal_verb() {
        // No date to tell a measured month from a coming one: the words must.
        let t = "Zinc Ingot\nZinc ingot imports in May alone reached 38,000 mt. Output may rise 2% next month.\n";
        let got: Vec<_> = parse_text(t, &ParseOptions::default())
            .facts
            .iter()
            .map(|f| (f.value, f.forecast))
            .collect();
        assert_eq!(got, [(38000.0, false), (2.0, true)]);
    }

    #[test]
    fn thousands_commas_do_not_break_clauses() {
        let t = format!("{HEAD}February zinc ingot output is expected to rise by 21,400 mt MoM, up 4%, and by 35,200 mt YoY, up 6.2%.\n");
        let r = rows(&t);
        assert!(r[2].contains(" yoy 35200 t 2025-02-01..2025-02-28 F"), "{r:?}");
        assert!(r[3].contains(" yoy 6.2 %"), "{r:?}");
    }

    #[test]
    fn levels_after_to_and_from_a_to_b() {
        let t = format!("{HEAD}Port zinc concentrate inventory fell from 412,000 mt to 388,500 mt, while the operating rate rose 1.2 percentage points to 71.5% in January.\n");
        assert_eq!(
            rows(&t),
            [
                "412,000 mt zinc_concentrate inventory level 412000 t 2024-12-01..2024-12-31",
                "388,500 mt zinc_concentrate inventory level 388500 t 2025-01-01..2025-01-31",
                "1.2 percentage points zinc operating_rate mom 1.2 pp 2025-01-01..2025-01-31",
                "71.5% zinc operating_rate level 71.5 % 2025-01-01..2025-01-31",
            ]
        );
    }

    #[test]
    fn points_in_time_shares_and_prices() {
        let t = format!("{HEAD}As of January 24, zinc ingot social inventory stood at 96,300 mt. Yunnan accounted for 38% of the total. Zinc concentrate TCs were 2,150 yuan/mt at the end of December.\n");
        assert_eq!(
            rows(&t),
            [
                "96,300 mt zinc inventory level 96300 t 2025-01-24..2025-01-24",
                // The point in time of the previous sentence carries, as in the gold annotation.
                "38% zinc share level 38 % 2025-01-24..2025-01-24",
                "2,150 yuan/mt zinc_concentrate price level 2150 CNY/t 2024-12-31..2024-12-31",
            ]
        );
    }

    #[test]
    fn expected_figures_and_relative_clauses() {
        let t = format!("{HEAD}The maintenance impact was 8,000 mt, 1,500 mt lower than the expected 9,500 mt. Its 60,000 mt line, which was idled in October 2024, restarted, lifting capacity to 300,000 mt.\n");
        let r = rows(&t);
        assert_eq!(r[0], "8,000 mt zinc other level 8000 t 2025-01-01..2025-01-31");
        assert_eq!(r[1], "1,500 mt zinc other vs_expected -1500 t 2025-01-01..2025-01-31");
        assert_eq!(r[2], "9,500 mt zinc other level 9500 t 2025-01-01..2025-01-31 F");
        assert!(
            r[4].ends_with("capacity level 300000 t 2025-01-01..2025-01-31"),
            "{r:?}"
        );
    }

    #[test]
    fn sentences_without_a_quantity_hand_on_their_latest_period_and_topic() {
        let t = format!(
            "{HEAD}Output at smelters slipped in December. Inventories were built up in November, as winter approached. Buyers stayed cautious. The total was 5,000 mt.\nBuyers stayed cautious in the spot market. A further 6,000 mt followed.\nSales picked up on December 20, 2024 as mills restocked. Buyers stayed cautious. Another 7,000 mt was reported.\n"
        );
        let r = rows(&t);
        assert_eq!(
            r,
            [
                "5,000 mt zinc inventory level 5000 t 2024-11-01..2024-11-30",
                // A new paragraph drops the period, not the topic.
                "6,000 mt zinc inventory level 6000 t 2025-01-01..2025-01-31",
                // Digits that state no quantity (a date) are read the same way.
                "7,000 mt zinc sales level 7000 t 2024-12-20..2024-12-20",
            ]
        );
    }

    const TABLES: &str = "China Refined Copper Output and Trade, October 2031\nCopper Cathode\nSMM data show refined copper output by region in October.\nUnit: 1,000 tonne\nRegion | Oct. | Sep. (Final) | YoY | Jan.-Oct. | YoY\nJiangxi | 182.4 | 179.0 | 3.1% | 1,702.5 | 4.4%\nAnhui | 121.7 | 125.3 | -2.6% | 1,188.0 | 1.9%\nTotal | 1,045.2 | 1,038.8 | 4.0 | 9,876.1 | -\nThe November outlook follows in the next section.\nCopper cathode exports by destination\nUnit: mt\nDestination\nOct.\nNov. (E)\nTaiwan\n5,120\n4,800\nSouth Korea\n3,260\n3,900\n";

    #[test]
    fn period_expressions_do_not_run_between_a_table_and_the_text_around_it() {
        // A caption's "January-October" does not take its year from the header below
        // it, nor does a table's last "Oct." swallow the year that opens the next line.
        let text = "Zinc\n\nZinc output rose 5% in January-October\n2023 | 2022 | YoY\nZinc | 12 | 11 | 9\n\n\
                    Unit: mt\nProduct | Sep. | Oct.\nZinc | 12 | 11\nLead | 3 | Oct.\n2023 zinc output rose 3%.\n";
        let r: Vec<String> = facts_of(text).iter().map(|f| row(f, text)).collect();
        assert_eq!(r[0], "5% zinc production yoy 5 % 2024-01-01..2024-10-31", "{r:#?}");
        assert_eq!(
            r.last().unwrap(),
            "3% zinc production yoy 3 % 2023-01-01..2023-12-31",
            "{r:#?}"
        );
    }

    #[test]
    fn flattened_tables_give_one_fact_per_numeric_cell() {
        let facts = parse_text(TABLES, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, TABLES)).collect();
        // 3 rows x 5 numeric cells ("-" is empty) in the pipe table, 2 x 2 in the one-cell-per-line table.
        assert_eq!(r.len(), 14 + 4, "{r:#?}");
        assert_eq!(
            r[0],
            "182.4 copper_cathode production level 182400 t 2031-10-01..2031-10-31"
        );
        assert_eq!(
            r[1],
            "179.0 copper_cathode production level 179000 t 2031-09-01..2031-09-30"
        );
        assert_eq!(r[2], "3.1% copper_cathode production yoy 3.1 % 2031-10-01..2031-10-31");
        assert_eq!(
            r[3],
            "1,702.5 copper_cathode production level 1702500 t 2031-01-01..2031-10-31"
        );
        assert_eq!(r[4], "4.4% copper_cathode production yoy 4.4 % 2031-01-01..2031-10-31");
        assert_eq!(
            r[7],
            "-2.6% copper_cathode production yoy -2.6 % 2031-10-01..2031-10-31"
        );
        assert_eq!(r[12], "4.0 copper_cathode production yoy 4 % 2031-10-01..2031-10-31");
        assert_eq!(facts[0].region, Some("Jiangxi"));
        assert_eq!(facts[10].segment, Some("Total"));
        assert_eq!(
            r[14],
            "5,120 copper_cathode exports level 5120 t 2031-10-01..2031-10-31"
        );
        assert_eq!(
            r[15],
            "4,800 copper_cathode exports level 4800 t 2031-11-01..2031-11-30 F"
        );
        assert_eq!(
            (facts[14].partner, facts[16].partner),
            (Some("Taiwan"), Some("South Korea"))
        );
        // No sentence reading of table lines: every fact is a cell.
        assert!(facts.iter().all(|f| f.approx == "exact" && f.value_high.is_none()));
    }

    #[test]
    fn a_header_cell_gives_its_column_a_unit_and_a_metric() {
        // "Volume (mt)": tonnes of what the caption counts (imports), not of production,
        // which "volume" alone would name; "Share of total": shares.
        let t = "Tin Trade Monthly, March 2031\n\nTable 1: China tin ingot imports by origin, March 2031\n\
                 Origin | Volume (mt) | MoM | Share of total\nIndonesia | 1,250 | -8.1% | 61.2%\n\
                 Bolivia | 640 | +3.5% | 31.3%\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "1,250 tin imports level 1250 t 2031-03-01..2031-03-31",
                "-8.1% tin imports mom -8.1 % 2031-03-01..2031-03-31",
                "61.2% tin share level 61.2 % 2031-03-01..2031-03-31",
                "640 tin imports level 640 t 2031-03-01..2031-03-31",
                "+3.5% tin imports mom 3.5 % 2031-03-01..2031-03-31",
                "31.3% tin share level 31.3 % 2031-03-01..2031-03-31",
            ]
        );
        assert_eq!(facts[0].partner, Some("Indonesia"));
    }

    #[test]
    fn a_caption_ending_in_its_unit_heads_cells_one_per_line() {
        // The caption's "(10,000 mt)" scales the level cells and states no fact of
        // its own; "MoM" and "YoY" side by side both speak of the first month, not
        // of the month the sentence before the table forecasts.
        let t = "Tin Monthly Review, March 2031\n\nFor April, SMM expects tin output of 16,000 mt.\n\n\
                 Table 2: China refined tin output (10,000 mt)\nProduct\nMar 2031\nFeb 2031\nMoM\nYoY\n\
                 Refined tin\n1.52\n1.47\n3.4%\n-1.3%\n\nNote: SMM survey.\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "16,000 mt tin production level 16000 t 2031-04-01..2031-04-30 F",
                "1.52 tin production level 15200 t 2031-03-01..2031-03-31",
                "1.47 tin production level 14700 t 2031-02-01..2031-02-28",
                "3.4% tin production mom 3.4 % 2031-03-01..2031-03-31",
                "-1.3% tin production yoy -1.3 % 2031-03-01..2031-03-31",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn run_rates_and_the_causes_after_them() {
        // "ran at", "of capacity": a run rate; the commodity of a clause of cause after
        // the number ("as electricity costs ...") is neither its subject nor its metric.
        let t = "Ferrous Review, October 2031\n\nSteel Billet\n\
                 Tangshan billet averaged 2,990 yuan/mt in October.\n\
                 In east China, electric-arc furnace billet producers ran at only 48% of capacity in October as electricity costs stayed high.\n\
                 Guangxi plants ran at 12.5% as electricity tariffs stayed elevated.\n\
                 Billet exporters shipped 82% of their output to Southeast Asia.\n";
        let r: Vec<String> = facts_of(t).iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "2,990 yuan/mt steel_billet price level 2990 CNY/t 2031-10-01..2031-10-31",
                "48% steel_billet operating_rate level 48 % 2031-10-01..2031-10-31",
                "12.5% steel_billet operating_rate level 12.5 % 2031-10-01..2031-10-31",
                "82% steel_billet share level 82 % 2031-10-01..2031-10-31",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn weeks_by_their_days_and_the_week_before() {
        // "November 17-21" is those days; "last week's average of" the week before;
        // "closed at ... on Thursday" that Thursday, not the Tuesday before it.
        let t = "Nickel Weekly\n\nNickel\nIn the week of November 17-21, LME nickel averaged 14,655 USD/mt, \
                 down 2.4% from last week's average of 15,015 USD/mt. Prices dipped below 14,500 USD/mt \
                 on Tuesday and closed at 14,480 USD/mt on Thursday.\n";
        let opts = ParseOptions {
            published: Some(crate::periods::days_from_ymd(2031, 11, 21)),
        };
        let r: Vec<String> = parse_text(t, &opts).facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "14,655 USD/mt nickel price level 14655 USD/t 2031-11-17..2031-11-21",
                "2.4% nickel price wow -2.4 % 2031-11-17..2031-11-21",
                "15,015 USD/mt nickel price level 15015 USD/t 2031-11-10..2031-11-14",
                "14,500 USD/mt nickel price level 14500 USD/t 2031-11-18..2031-11-18",
                "14,480 USD/mt nickel price level 14480 USD/t 2031-11-20..2031-11-20",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn a_heading_that_pairs_commodities_inherits_none() {
        // Under "Magnesium Alloy and Powder" after a "Magnesium Ingot" section, a number
        // whose sentence names no commodity takes the last one named, not the ingot.
        let t = "China Magnesium Trade, March 2031\n\nMagnesium Ingot\nIngot exports were 31,500 mt in March.\n\n\
                 Magnesium Alloy and Powder\nMagnesium alloy exports came to 9,800 mt in March. Vietnam took 2,100 mt, \
                 or 21.4% of the total.\n";
        let r: Vec<String> = facts_of(t).iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r[2..],
            [
                "2,100 mt magnesium_alloy exports level 2100 t 2031-03-01..2031-03-31",
                "21.4% magnesium_alloy share level 21.4 % 2031-03-01..2031-03-31",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn asides_in_brackets_and_scheduled_output() {
        // "(gross weight)" does not part a number from the period after it; output
        // "scheduled for" a month not yet over is a forecast.
        let t = "Nickel Weekly\n\nNickel\nPort stocks of nickel ore rose to 9.2 million mt (wet basis) last week.\n\
                 Stainless steel output scheduled for November is 3.36 million mt, down 1.8% MoM.\n";
        let opts = ParseOptions {
            published: Some(crate::periods::days_from_ymd(2031, 11, 21)),
        };
        let r: Vec<String> = parse_text(t, &opts).facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "9.2 million mt nickel_ore inventory level 9200000 t 2031-11-10..2031-11-14",
                "3.36 million mt stainless_steel production level 3360000 t 2031-11-01..2031-11-30 F",
                "1.8% stainless_steel production mom -1.8 % 2031-11-01..2031-11-30 F",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn a_percent_in_brackets_after_a_level_is_its_share() {
        // "(31.6%)" is Peru's share of the total; the change after it still moves the level.
        let t = "China Zinc Concentrate Imports, March 2031\n\nZinc concentrate imports were 410,000 mt in March. \
                 Peru ranked second with 129,600 mt (31.6%), up 7.2% MoM.\n";
        let r: Vec<String> = facts_of(t).iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r[1..],
            [
                "129,600 mt zinc_concentrate imports level 129600 t 2031-03-01..2031-03-31",
                "31.6% zinc_concentrate share level 31.6 % 2031-03-01..2031-03-31",
                "7.2% zinc_concentrate imports mom 7.2 % 2031-03-01..2031-03-31",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn share_words_segments_and_prepositional_subjects() {
        let t = "SMM China Metal Production Review for February 2031\nCopper Cathode\nProduction in March is expected to be 1.07 million mt, representing an increase of 5.3% MoM.\nThe operating rate of small smelters was 67.2%, while imports stood at 312,000 mt in February.\nLFP\nThe market share of LFP in power batteries rose to 82% in February.\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r[1], "5.3% copper_cathode production mom 5.3 % 2031-03-01..2031-03-31 F",
            "{r:#?}"
        );
        assert_eq!(facts[2].segment, Some("small smelters"));
        assert_eq!(facts[3].segment, None, "a segment does not reach past 'while'");
        assert_eq!(r[4], "82% lfp share level 82 % 2031-02-01..2031-02-28");
    }

    #[test]
    fn a_loss_of_output_is_the_loss_and_a_daily_flow_is_per_day() {
        let t = format!(
            "{HEAD}A furnace fire idled 40,000 mt of capacity, a loss of about 3,000 mt of output in January. \
             Daily average zinc output was 1,850 mt in January, while inventories stood at 52,000 mt. \
             Member smelters produced an average 1,790 mt of zinc per day.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.metric, f.unit)).collect();
        assert_eq!(
            got,
            [
                (40000.0, "capacity", "t"),
                (3000.0, "other", "t"),
                (1850.0, "production", "t/day"),
                // A stock is no flow: not per day.
                (52000.0, "inventory", "t"),
                (1790.0, "production", "t/day")
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn output_that_is_seen_at_a_figure_is_a_forecast() {
        // The month of writing is not over: a figure for it that is "seen" is expected.
        let t = "Zinc market note\n\nZinc output is seen at 512,000 mt in January.\n";
        let r = rows(t);
        assert_eq!(
            r,
            ["512,000 mt zinc production level 512000 t 2025-01-01..2025-01-31 F"],
            "{r:#?}"
        );
    }

    #[test]
    fn quarterly_bases_name_qoq_and_yoy() {
        let t = "Quarterly production report, third quarter 2025\n\nCopper\n\
                 Copper production of 268.3 kt was 6% higher than the previous quarter and 7.3% above \
                 the same quarter of last year. Zinc output rose 4.1% on the prior quarter. Lead output \
                 fell 2% on a year earlier.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [
                (268300.0, "level"),
                (6.0, "qoq"),
                (7.3, "yoy"),
                (4.1, "qoq"),
                (-2.0, "yoy")
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_later_headline_with_a_figure_opens_a_story_about_its_commodity() {
        let t = "METALS WIRE | Asia edition\n\n\
                 PERU: Zinc concentrate output rises 4% in January\n\
                 Lima, Feb 20 (Metals Wire) - Peru produced 112,000 mt of zinc concentrate in January. \
                 The figure was 6,000 mt above the December level.\n\n\
                 PERU: Tin exports climb 12% y/y in January\n\
                 Lima, Feb 20 (Metals Wire) - Shipments totalled 2,300 mt in January, officials said.\n";
        let got: Vec<_> = facts_of(t).iter().map(|f| (f.value, f.commodity)).collect();
        assert_eq!(
            got,
            [
                (4.0, Some("zinc_concentrate")),
                (112000.0, Some("zinc_concentrate")),
                (6000.0, Some("zinc_concentrate")),
                (12.0, Some("tin")),
                // The sentence names no commodity: the story's headline does.
                (2300.0, Some("tin"))
            ],
            "{:#?}",
            rows(t)
        );
    }

    #[test]
    fn a_statistics_office_compares_with_respect_to_a_base() {
        let t = format!(
            "{HEAD}Zinc output reached 51,000 mt in January, a decrease of 3.1% in relation to the same \
             month of the previous year. Output registered an increase of 1.4% with respect to December.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [(51000.0, "level"), (-3.1, "yoy"), (1.4, "mom")],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn a_variation_column_and_a_unit_of_what_it_counts() {
        // "(thousand tonnes of fine copper)": the unit, then what it counts; "Var%" holds
        // the change from the first month column to the second.
        let t = "Copper production bulletin, March 2031\n\n\
                 Table 1: Mine output by company (thousand tonnes of fine copper)\n\
                 Company        Mar-30   Mar-31   Var%\n\
                 Andes Norte    120.5    115.2    -4.4\n\
                 Pacifico Sur   80.1     84.0     4.9\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let got: Vec<_> = facts.iter().map(|f| (f.value, f.unit, f.basis)).collect();
        assert_eq!(
            got,
            [
                (120500.0, "t", "level"),
                (115200.0, "t", "level"),
                (-4.4, "%", "yoy"),
                (80100.0, "t", "level"),
                (84000.0, "t", "level"),
                (4.9, "%", "yoy")
            ],
            "{:#?}",
            facts.iter().map(|f| row(f, t)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_miners_quarterly_table_and_its_comparisons() {
        // "(own-sourced, kt)": a proviso, then the unit; "9M 2030" is January-September.
        let t = "Production report for the third quarter of 2030\n\n\
                 Zinc\n\
                 Zinc production of 96.1 kt was 3% higher than in the second quarter. \
                 Year-to-date output of 291.5 kt is 4.0% ahead of the first nine months of 2029.\n\n\
                 Production summary (own-sourced, kt)\n\
                 Metal   Q3 2030   Q3 2029   9M 2030\n\
                 Zinc   96.1   104.7   291.5\n\
                 Lead   40.2   38.9   118.0\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "96.1 kt zinc production level 96100 t 2030-07-01..2030-09-30",
                "3% zinc production qoq 3 % 2030-07-01..2030-09-30",
                "291.5 kt zinc production level 291500 t 2030-01-01..2030-09-30",
                "4.0% zinc production yoy 4 % 2030-01-01..2030-09-30",
                "96.1 zinc production level 96100 t 2030-07-01..2030-09-30",
                "104.7 zinc production level 104700 t 2029-07-01..2029-09-30",
                "291.5 zinc production level 291500 t 2030-01-01..2030-09-30",
                "40.2 lead production level 40200 t 2030-07-01..2030-09-30",
                "38.9 lead production level 38900 t 2029-07-01..2029-09-30",
                "118.0 lead production level 118000 t 2030-01-01..2030-09-30",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn rows_labelled_by_quarters_date_their_cells_and_a_price_tables_change_is_in_its_unit() {
        let t = "Aluminium premium quarterly, March 2031\n\n\
                 Table: Japan premium history (USD/t)\n\
                 Quarter  | MJP  | QoQ change\n\
                 Q3 2030  | 121  | -5\n\
                 Q4 2030  | 126  | +5\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "121 aluminum price level 121 USD/t 2030-07-01..2030-09-30",
                "-5 aluminum price qoq -5 USD/t 2030-07-01..2030-09-30",
                "126 aluminum price level 126 USD/t 2030-10-01..2030-12-31",
                "+5 aluminum price qoq 5 USD/t 2030-10-01..2030-12-31",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn a_unit_in_the_label_header_and_a_caption_that_looks_ahead() {
        // "Item (mt)" gives the table's unit, and its "WoW change" is counted in it;
        // "2031 guidance" makes the year's figures forecasts.
        let t = "Metals weekly, March 6, 2031\n\n\
                 Weekly inventory snapshot\n\
                 Item (mt) | Mar 5 | Feb 26 | WoW change\n\
                 Zinc ingot, seven regions | 131,900 | 125,200 | 6,700\n\
                 Lead ingot, five regions | 38,700 | 41,600 | -2,900\n\n\
                 2031 guidance\n\
                 Metal (kt)   Previous   Current\n\
                 Zinc   380-400   390-410\n\
                 Lead   150-160   150-160\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "131,900 zinc inventory level 131900 t 2031-03-05..2031-03-05",
                "125,200 zinc inventory level 125200 t 2031-02-26..2031-02-26",
                "6,700 zinc inventory wow 6700 t 2031-03-05..2031-03-05",
                "38,700 lead inventory level 38700 t 2031-03-05..2031-03-05",
                "41,600 lead inventory level 41600 t 2031-02-26..2031-02-26",
                "-2,900 lead inventory wow -2900 t 2031-03-05..2031-03-05",
                "380-400 zinc production level 380000 t 2031-01-01..2031-12-31 F",
                "390-410 zinc production level 390000 t 2031-01-01..2031-12-31 F",
                "150-160 lead production level 150000 t 2031-01-01..2031-12-31 F",
                "150-160 lead production level 150000 t 2031-01-01..2031-12-31 F",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn a_purity_in_brackets_a_share_word_before_another_figure_and_what_smm_sees() {
        let t = format!(
            "{HEAD}Quotations for zinc ingot (99.995%) ranged between 22,800 and 23,100 yuan/mt. \
             Exports to South Korea were 6,120 mt, accounting for 55.8%, followed by Poland at 1,240 mt. \
             SMM sees February production falling by 3%-5% MoM.\n"
        );
        let r = rows(&t);
        assert_eq!(
            r,
            [
                "22,800 and 23,100 yuan/mt zinc price level 22800 CNY/t 2025-01-01..2025-01-31",
                "6,120 mt zinc exports level 6120 t 2025-01-01..2025-01-31",
                "55.8% zinc share level 55.8 % 2025-01-01..2025-01-31",
                "1,240 mt zinc exports level 1240 t 2025-01-01..2025-01-31",
                "3%-5% zinc production mom -3 % 2025-02-01..2025-02-28 F",
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn a_heading_that_names_a_form_with_a_flow_opens_its_section() {
        // "Concentrate imports by origin" in a copper report: copper concentrate's section.
        let t = "China copper trade, January 2025\n\nRefined copper\n\
                 China imported 301,000 mt of refined copper in January.\n\n\
                 Concentrate imports by origin\n\
                 Chile kept its place as the top supplier, shipping 791,400 mt in January.\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let got: Vec<_> = facts.iter().map(|f| (f.value, f.commodity)).collect();
        assert_eq!(
            got,
            [
                (301000.0, Some("copper_cathode")),
                (791400.0, Some("copper_concentrate"))
            ],
            "{:#?}",
            facts.iter().map(|f| row(f, t)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn review_cases_of_this_sessions_rules_read_as_they_should() {
        // A level "ahead of" an event; shares in brackets (not purities); "daily" that
        // qualifies no flow; "with respect to" naming a topic, not a base.
        let t = format!(
            "{HEAD}Social inventories stood at 120,000 mt ahead of the Spring Festival. \
             Exports were mainly zinc ingot (62%) and zinc alloy (25%). \
             The daily operating rate rose and output reached 520,000 mt in January. \
             With respect to February, SMM expects output of 480,000 mt.\n"
        );
        let got: Vec<_> = facts_of(&t)
            .iter()
            .map(|f| (f.value, f.unit, f.basis, f.forecast))
            .collect();
        assert_eq!(
            got,
            [
                (120000.0, "t", "level", false),
                (62.0, "%", "level", false),
                (25.0, "%", "level", false),
                (520000.0, "t", "level", false),
                (480000.0, "t", "level", true),
            ],
            "{:#?}",
            rows(&t)
        );
    }

    #[test]
    fn a_foreign_shipper_in_an_imports_paragraph_and_a_share_after_or() {
        let t = "China lithium raw material imports, January 2025\n\nSpodumene\n\
                 China imported 612,000 mt of spodumene in January. Imports from Australia totaled \
                 358,700 mt, or 58.6%. Zimbabwe shipped 121,400 mt, while Australia's main ports \
                 shipped 900,000 mt.\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let got: Vec<_> = facts.iter().map(|f| (f.value, f.metric)).collect();
        assert_eq!(
            got,
            [
                (612000.0, "imports"),
                (358700.0, "imports"),
                (58.6, "share"),
                (121400.0, "imports"),
                // The ports are the subject, not the country: departures.
                (900000.0, "exports")
            ],
            "{:#?}",
            facts.iter().map(|f| row(f, t)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_port_stocks_daily_with_its_bases_and_a_table_of_changes_in_its_unit() {
        let t = "Port stocks daily, March 6, 2031\n\n\
                 Coal stocks at northern ports stood at 27.84 million tonnes on Thursday. Stocks were \
                 8.7% above the same day last year. Coal was offered at $54.20/t FOB, $0.40 lower than \
                 on Wednesday. The fines index rose $1.35 on the day to $104.85/dmt.\n\n\
                 Northern port coal stocks (million tonnes)\n\
                 Port          | Stocks | D/D   | W/W\n\
                 Qinhuangdao   | 6.45   | -0.05 | +0.21\n\
                 Caofeidian    | 7.12   | +0.14 | +0.38\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        let d = "2031-03-06..2031-03-06";
        assert_eq!(
            r,
            [
                format!("27.84 million tonnes coal inventory level 27840000 t {d}"),
                format!("8.7% coal inventory yoy 8.7 % {d}"),
                format!("$54.20/t coal price level 54.2 USD/t {d}"),
                format!("$0.40 coal price change -0.4 USD/t {d}"),
                format!("$1.35 coal price change 1.35 USD/dmt {d}"),
                format!("$104.85/dmt coal price level 104.85 USD/dmt {d}"),
                format!("6.45 coal inventory level 6450000 t {d}"),
                format!("-0.05 coal inventory change -50000 t {d}"),
                format!("+0.21 coal inventory wow 210000 t {d}"),
                format!("7.12 coal inventory level 7120000 t {d}"),
                format!("+0.14 coal inventory change 140000 t {d}"),
                format!("+0.38 coal inventory wow 380000 t {d}"),
            ],
            "{r:#?}"
        );
    }

    #[test]
    fn a_table_priced_in_a_currency_takes_each_rows_quantity_from_its_label() {
        let t = "Solar weekly, March 6, 2031\n\n\
                 Weekly price summary (CNY, average)\n\
                 Product   Mar 6   Feb 27   Change\n\
                 N-type dense polysilicon, per kg   41.5   42.3   -0.8\n\
                 TOPCon cell, per W   0.268   0.272   -0.004\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let got: Vec<_> = facts.iter().map(|f| (f.value, f.unit, f.commodity)).collect();
        assert_eq!(
            got,
            [
                (41.5, "CNY/kg", Some("polysilicon")),
                (42.3, "CNY/kg", Some("polysilicon")),
                (-0.8, "CNY/kg", Some("polysilicon")),
                (0.268, "CNY/W", Some("solar_cell")),
                (0.272, "CNY/W", Some("solar_cell")),
                (-0.004, "CNY/W", Some("solar_cell"))
            ],
            "{:#?}",
            facts.iter().map(|f| row(f, t)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_change_against_last_weeks_assessment_is_week_on_week() {
        let t = "Cobalt weekly, March 6, 2031\n\n\
                 Standard-grade cobalt was assessed at $17.60-18.10/lb, a fall of $0.65/lb, or 3.5%, \
                 against last week's assessment.\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let got: Vec<_> = facts.iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(
            got,
            [(17.6, "level"), (-0.65, "wow"), (-3.5, "wow")],
            "{:#?}",
            facts.iter().map(|f| row(f, t)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn ease_edge_lower_and_recover_are_directions() {
        let t = format!(
            "{HEAD}February production is expected to ease by roughly 5% MoM. Zinc output edged \
             lower 1.2% in January, and inventories recovered 3,000 mt.\n"
        );
        let got: Vec<_> = facts_of(&t).iter().map(|f| (f.value, f.basis)).collect();
        assert_eq!(got, [(-5.0, "mom"), (-1.2, "mom"), (3000.0, "mom")], "{:#?}", rows(&t));
    }

    #[test]
    fn full_year_guidance_is_the_reports_year() {
        let t = "Production report for the third quarter of 2030\n\n\
                 Copper production was 268.3 kt in the quarter. Full-year copper guidance is narrowed \
                 to 1.0-1.05 Mt.\n";
        let facts = parse_text(t, &ParseOptions::default()).facts;
        let r: Vec<String> = facts.iter().map(|f| row(f, t)).collect();
        assert_eq!(
            r,
            [
                "268.3 kt copper_cathode production level 268300 t 2030-07-01..2030-09-30",
                "1.0-1.05 Mt copper_cathode production level 1000000 t 2030-01-01..2030-12-31 F",
            ],
            "{r:#?}"
        );
    }
}
