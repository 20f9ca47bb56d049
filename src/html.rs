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
    let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    let title = state.title.map(|t| collapse(&t)).filter(|t| !t.is_empty());
    HtmlText {
        text: state.out.trim_end().to_owned(),
        title,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Reader {
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
}

impl State {
    fn text(&mut self, s: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(s);
            return;
        }
        if self.skip.is_some() {
            return;
        }
        for c in s.chars() {
            if c == '\n' && self.pre > 0 {
                self.newline();
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }

    fn newline(&mut self) {
        self.out.truncate(self.out.trim_end_matches(' ').len());
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }

    fn cell(&mut self) {
        self.out.truncate(self.out.trim_end_matches(' ').len());
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push_str(" | ");
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

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(s) => state.text(&s),
            Token::TagToken(tag) => {
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
        assert_eq!(
            out,
            HtmlText {
                text: "Text".into(),
                title: Some("T".into())
            }
        );
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

    #[test]
    fn recognises_pages() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>"));
        assert!(!looks_like_html("Copper output <fell> 5%"));
    }
}
