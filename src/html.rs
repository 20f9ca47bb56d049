//! Saved web pages to plain text, with html5ever's tokenizer.
//!
//! The tokenizer streams tokens without building a DOM, and this reader keeps
//! only counters, so arbitrarily deep nesting cannot exhaust the stack. Page
//! chrome (scripts, navigation, headers, forms, hidden elements) is dropped;
//! blocks become lines and table cells are joined with ` | `.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// The readable text of a page and its `<title>`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    pub text: String,
    pub title: Option<String>,
    /// Where each piece of `text` stands in the page, so that offsets can be given
    /// in the document as the user passed it.
    pub map: PageMap,
}

/// A run of `text` and the page bytes it was read from. A run `copied` from the
/// page maps byte for byte; any other (an entity, a space or line break put in
/// for markup) maps as a whole to `src..src_end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    out: usize,
    src: usize,
    src_end: usize,
    copied: bool,
}

/// Byte offsets of a page's text in the page, by runs in order of `out`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMap {
    runs: Vec<Run>,
}

impl PageMap {
    /// The run holding text byte `b` (the first if `b` precedes them all).
    fn run(&self, b: usize) -> Option<&Run> {
        let k = self.runs.partition_point(|r| r.out <= b);
        self.runs.get(k.saturating_sub(1))
    }

    /// The page byte where the character at text byte `b` was read.
    pub fn start(&self, b: usize) -> usize {
        self.run(b).map_or(0, |r| {
            if r.copied {
                r.src + b.saturating_sub(r.out)
            } else {
                r.src
            }
        })
    }

    /// The page byte after the character that ends at text byte `e` (exclusive).
    pub fn end(&self, e: usize) -> usize {
        if e == 0 {
            return self.start(0);
        }
        self.run(e - 1)
            .map_or(0, |r| if r.copied { r.src + (e - r.out) } else { r.src_end })
    }

    /// The runs: (text byte, page byte, whether the run is copied byte for byte), in order.
    pub fn runs(&self) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
        self.runs.iter().map(|r| (r.out, r.src, r.copied))
    }

    /// Text byte `b` was read as page bytes `src..src_end` (`copied`: one for one).
    fn push(&mut self, b: usize, src: usize, src_end: usize, copied: bool) {
        if let Some(last) = self.runs.last_mut() {
            if copied && last.copied && last.src_end == src && last.src + (b - last.out) == src {
                last.src_end = src_end;
                return;
            }
        }
        self.runs.push(Run {
            out: b,
            src,
            src_end,
            copied,
        });
    }

    /// Forgets the text from byte `len` on.
    fn truncate(&mut self, len: usize) {
        while self.runs.last().is_some_and(|r| r.out >= len) {
            self.runs.pop();
        }
        if let Some(r) = self.runs.last_mut().filter(|r| r.copied) {
            r.src_end = r.src_end.min(r.src + (len - r.out));
        }
    }
}

/// Elements whose whole content is not report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "header", "aside", "form", "button", "select",
    "iframe", "svg", "object", "canvas", "textarea",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "br",
    "hr",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "body",
    "center",
    "details",
    "summary",
];

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// Whether a text given without a format is a web page rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(64)
        .collect();
    let head = head.to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// Extracts the readable text and the title of an HTML page.
pub fn html_to_text(html: &str) -> HtmlText {
    let tokenizer = Tokenizer::new(
        Reader {
            page: html,
            state: RefCell::default(),
        },
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    let title = state.title.take().map(|t| collapse(&t)).filter(|t| !t.is_empty());
    let len = state.out.trim_end().len();
    state.truncate(len);
    HtmlText {
        text: state.out,
        title,
        map: state.map,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Reader<'p> {
    /// The page as given, which the tokens are followed through (the tokenizer tells no positions).
    page: &'p str,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    out: String,
    /// Whitespace seen since the last character written.
    space: bool,
    /// The element being skipped and how deeply it is nested in itself.
    skip: Option<(String, u32)>,
    /// Depth of `<pre>`, where line breaks are kept.
    pre: u32,
    title: Option<String>,
    in_title: bool,
    /// The page byte the next token starts at or after.
    cursor: usize,
    map: PageMap,
}

impl State {
    fn text(&mut self, page: &str, s: &str) {
        if self.in_title || self.skip.is_some() {
            for c in s.chars() {
                self.locate(page, c);
            }
        }
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(s);
            return;
        }
        if self.skip.is_some() {
            return;
        }
        for c in s.chars() {
            let (at, end, copied) = self.locate(page, c);
            if c == '\n' && self.pre > 0 {
                self.newline();
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
                    self.map.push(self.out.len(), at, at, false);
                    self.out.push(' ');
                }
                self.space = false;
                self.map.push(self.out.len(), at, end, copied);
                self.out.push(c);
            }
        }
    }

    /// Where the character `c` of a token is in the page: its bytes there and whether
    /// they are `c` itself (not an entity or a line break the tokenizer rewrote).
    /// Moves the cursor past them.
    fn locate(&mut self, page: &str, c: char) -> (usize, usize, bool) {
        let at = self.cursor;
        let rest = page.as_bytes().get(at..).unwrap_or_default();
        // An "&" that starts a reference is the entity's ("&amp;" reads as "&").
        let reference = c == '&' && is_reference(rest);
        if !reference && page.get(at..).is_some_and(|r| r.starts_with(c)) {
            self.cursor += c.len_utf8();
            return (at, self.cursor, true);
        }
        let end = match rest {
            // The tokenizer reads "\r\n" and a lone "\r" as "\n".
            [b'\r', b'\n', ..] if c == '\n' => at + 2,
            [b'\r', ..] if c == '\n' => at + 1,
            [b'&', ..] => at + entity_len(rest),
            // Not where the tokens say (a second character of one entity): no move.
            _ => at,
        };
        self.cursor = end;
        (at, end, false)
    }

    /// Moves the cursor past the markup (tag, comment, doctype) that starts at the next `<`.
    fn pass_markup(&mut self, page: &str) {
        let b = page.as_bytes();
        let Some(lt) = b.get(self.cursor..).and_then(|r| memchr::memchr(b'<', r)) else {
            return;
        };
        let at = self.cursor + lt;
        self.cursor = markup_end(b, at);
    }

    /// Appends text the page does not hold (a space, a line break, a cell bar), mapped to the cursor.
    fn put(&mut self, s: &str) {
        self.map.push(self.out.len(), self.cursor, self.cursor, false);
        self.out.push_str(s);
    }

    fn truncate(&mut self, len: usize) {
        self.out.truncate(len);
        self.map.truncate(len);
    }

    fn newline(&mut self) {
        self.truncate(self.out.trim_end_matches(' ').len());
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.put("\n");
        }
        self.space = false;
    }

    fn cell(&mut self) {
        self.truncate(self.out.trim_end_matches(' ').len());
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.put(" | ");
        }
        self.space = false;
    }

    fn tag(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        // Raw-text elements have content even when written self-closing.
        let opens = start && !VOID.contains(&name) && (!tag.self_closing || raw_kind(name).is_some());
        if let Some((root, depth)) = &mut self.skip {
            if root == name {
                if opens {
                    *depth += 1;
                } else if !start {
                    *depth -= 1;
                }
            } else if start && name == "body" && root == "head" {
                // An unclosed <head> ends where the body begins.
                *depth = 0;
            }
            // The page title lives in the skipped <head>; an <svg> title is an icon's.
            if name == "title" {
                self.in_title = start && self.title.is_none() && root != "svg";
            }
            if *depth == 0 {
                self.skip = None;
                self.newline();
            }
            return;
        }
        if name == "title" {
            self.in_title = start && self.title.is_none();
            return;
        }
        if opens && (SKIPPED.contains(&name) || hidden(tag)) {
            self.skip = Some((name.to_owned(), 1));
            return;
        }
        match name {
            "td" | "th" if start => self.cell(),
            "pre" if start => self.pre += 1,
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.newline();
        }
    }
}

/// Whether `b` starts with a character reference written in full: `&name;` or `&#...`.
fn is_reference(b: &[u8]) -> bool {
    if b.get(1) == Some(&b'#') {
        return true;
    }
    let n = entity_len(b);
    n > 2 && b[n - 1] == b';'
}

/// Length of the character reference at the start of `b` (`&amp;`, `&#8211;`, `&#x2013;`,
/// `&nbsp` without its semicolon), as far as the tokenizer reads one.
fn entity_len(b: &[u8]) -> usize {
    let mut n = 1;
    if b.get(1) == Some(&b'#') {
        n = 2;
        if matches!(b.get(2), Some(b'x' | b'X')) {
            n = 3;
        }
    }
    while n < 40 && b.get(n).is_some_and(|c| c.is_ascii_alphanumeric()) {
        n += 1;
    }
    if b.get(n) == Some(&b';') {
        n += 1;
    }
    n
}

/// The byte after the markup starting with the `<` at `at`: a comment up to its
/// `-->`, a tag or doctype up to the `>` outside quoted attribute values.
fn markup_end(b: &[u8], at: usize) -> usize {
    let rest = &b[at..];
    if rest.starts_with(b"<!--") {
        return memchr::memmem::find(&rest[4..], b"-->").map_or(b.len(), |k| at + 4 + k + 3);
    }
    let mut quote = None;
    let mut after_eq = false;
    for (k, &c) in rest.iter().enumerate().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'>' => return at + k + 1,
            None if (c == b'"' || c == b'\'') && after_eq => quote = Some(c),
            None => {}
        }
        if !c.is_ascii_whitespace() {
            after_eq = c == b'=';
        }
    }
    b.len()
}

fn hidden(tag: &Tag) -> bool {
    tag.attrs.iter().any(|a| match &*a.name.local {
        "hidden" => true,
        "aria-hidden" => a.value.trim().eq_ignore_ascii_case("true"),
        "style" => {
            let style: String = a
                .value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// The tokenizer state an element's content is read in (the tree builder's job, done here).
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
        "title" | "textarea" => Some(RawKind::Rcdata),
        _ => None,
    }
}

impl TokenSink for Reader<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(s) => state.text(self.page, &s),
            Token::NullCharacterToken => {
                state.locate(self.page, '\0');
            }
            Token::CommentToken(_) | Token::DoctypeToken(_) => state.pass_markup(self.page),
            Token::TagToken(tag) => {
                state.pass_markup(self.page);
                state.tag(&tag);
                if tag.kind == TagKind::StartTag {
                    if let Some(kind) = raw_kind(&tag.name) {
                        return TokenSinkResult::RawData(kind);
                    }
                    if &*tag.name == "plaintext" {
                        return TokenSinkResult::Plaintext;
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_chrome_is_dropped() {
        let page = r#"<!DOCTYPE html><html><head><title>Copper  Weekly &amp; Outlook</title>
            <style>p { color: red }</style><script>var a = "<p>not text</p>"; if (a < b) {}</script></head>
            <body><header>Site name</header><nav><ul><li>Home</li><li>Metals</li></ul></nav>
            <article><h1>Copper Weekly</h1><p>Output fell&nbsp;by 81,700&nbsp;mt,
            down   7.46%.</p><p hidden>secret 1</p><div style="display: none">secret 2</div>
            <span aria-hidden="true">secret 3</span><form><button>Subscribe</button></form>
            <noscript>enable js</noscript><template><p>tpl</p></template>
            <svg><title>icon</title><text>99</text></svg><iframe src="x">frame</iframe>
            <aside>Ad</aside></article><footer>Contact 123-456</footer></body></html>"#;
        let out = html_to_text(page);
        assert_eq!(out.title.as_deref(), Some("Copper Weekly & Outlook"));
        assert_eq!(out.text, "Copper Weekly\nOutput fell by 81,700 mt, down 7.46%.");
    }

    #[test]
    fn tables_and_lists() {
        let page =
            "<table><tr><th>Metal</th><th>Output</th></tr><tr><td> Copper </td><td>1.01 million mt</td></tr></table>\
                    <ul><li>one</li><li>two<br>three</li></ul>";
        assert_eq!(
            html_to_text(page).text,
            "Metal | Output\nCopper | 1.01 million mt\none\ntwo\nthree"
        );
    }

    #[test]
    fn nested_skips_count_their_own_depth() {
        let page = "<div><nav><nav>a</nav>b<div>c</div></nav>kept<div hidden><div>x</div>y</div>also</div>";
        assert_eq!(html_to_text(page).text, "kept\nalso");
    }

    #[test]
    fn self_closing_script_still_hides_its_content() {
        assert_eq!(
            html_to_text("<p>a</p><script src='x'/>var x;</script><p>b</p>").text,
            "a\nb"
        );
        assert_eq!(html_to_text("<p>a<svg/>b</p>").text, "ab");
    }

    #[test]
    fn unclosed_head_ends_at_body() {
        let out = html_to_text("<html><head><title>T</title><body><p>Text</p>");
        assert_eq!((out.text.as_str(), out.title.as_deref()), ("Text", Some("T")));
    }

    #[test]
    fn pre_keeps_lines() {
        assert_eq!(html_to_text("<pre>a  1\nb  2</pre>").text, "a 1\nb 2");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let n = 200_000;
        let page = format!("{}deep 42%{}", "<div><span>".repeat(n), "</span></div>".repeat(n));
        assert_eq!(html_to_text(&page).text, "deep 42%");
        let page = format!("{}x{}after", "<nav>".repeat(n), "</nav>".repeat(n));
        assert_eq!(html_to_text(&page).text, "after");
    }

    /// The page text under the map of text bytes `s..e`.
    fn source<'p>(page: &'p str, out: &HtmlText, s: usize, e: usize) -> &'p str {
        &page[out.map.start(s)..out.map.end(e)]
    }

    #[test]
    fn text_offsets_map_to_the_page_as_given() {
        let page = "<!DOCTYPE html>\r\n<html><head><title>Zinc &amp; lead</title>\r\n\
            <script>if (a<b) { x = \"<p>9 mt</p>\"; }</script></head><body>\r\n\
            <nav><a href=\"/a?b=1&amp;c=2\" title='x>y'>Home</a></nav><!-- a <p>comment</p> -->\r\n\
            <h1>Zinc ingot &ndash; exports &amp;imports</h1>\r\n<p class=\"lead\">Exports reached <strong>6.84 million\r\n  \
            tonnes</strong>, up&nbsp;14.2%&#160;YoY.</p><table><tr><td>Belgium</td><td>1,250</td></tr></table></body></html>";
        let out = html_to_text(page);
        assert_eq!(
            out.text,
            "Zinc ingot – exports &imports\nExports reached 6.84 million tonnes, up 14.2% YoY.\nBelgium | 1,250"
        );
        let at = |w: &str| {
            let s = out.text.find(w).expect("in the text");
            source(page, &out, s, s + w.len())
        };
        assert_eq!(at("Zinc ingot"), "Zinc ingot");
        assert_eq!(at("–"), "&ndash;");
        assert_eq!(at("&imports"), "&amp;imports");
        assert_eq!(at("6.84 million tonnes"), "6.84 million\r\n  tonnes");
        assert_eq!(at("14.2%"), "14.2%");
        assert_eq!(at("up 14.2% YoY"), "up&nbsp;14.2%&#160;YoY");
        assert_eq!(at("1,250"), "1,250");
        assert_eq!(at("Belgium | 1,250"), "Belgium</td><td>1,250");
    }

    #[test]
    fn recognises_pages() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>"));
        assert!(!looks_like_html("Copper output <fell> 5%"));
    }
}
