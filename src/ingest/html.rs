//! HTML reader (scraper, an HTML5 parser): saved wiki pages and wiki exports. Navigation,
//! scripts, styles, forms, comments and sidebars are dropped by structure (element names, ARIA
//! roles and the class names wiki engines give their chrome); headings, paragraphs, list items
//! and quotes are kept as structured blocks, links as "text (address)". The `<title>` and
//! `<html lang>` become metadata.

use scraper::{ElementRef, Html, Node};

use super::{Input, Read, Reader, decode::decode, text::normalise_whitespace};
use crate::error::{IngestError, Warning};
use crate::model::raw::{RawBlock, RawDoc, RawKind};

/// The HTML reader.
pub struct HtmlReader;

/// Elements that never hold session content.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "form", "button", "select", "iframe", "svg",
    "head", "footer", "aside",
];

/// ARIA roles of page chrome.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
];

/// Words in ids and classes that wiki engines (MediaWiki, PBworks, Confluence) give their chrome.
const CHROME_MARKERS: &[&str] = &[
    "sidebar",
    "navigation",
    "navbar",
    "nav-",
    "menu",
    "breadcrumb",
    "footer",
    "header-bar",
    "toolbar",
    "cookie",
    "advert",
    "banner",
    "jump-to",
    "mw-jump",
    "printfooter",
    "catlinks",
    "mw-editsection",
];

/// Block-level elements: their text becomes one block.
const BLOCK_ELEMENTS: &[&str] = &[
    "p", "div", "section", "article", "main", "body", "td", "th", "tr", "table", "dd", "dt", "pre",
    "ul", "ol", "dl", "center",
];

impl Reader for HtmlReader {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn sniff(&self, head: &[u8]) -> bool {
        let text = String::from_utf8_lossy(head).to_ascii_lowercase();
        let start = text.trim_start_matches('\u{feff}').trim_start();
        start.starts_with("<!doctype html")
            || start.starts_with("<html")
            || (start.starts_with("<?xml") && text.contains("<html"))
    }

    fn read(&self, input: &Input, warnings: &mut Vec<Warning>) -> Result<Read, IngestError> {
        let text = decode(input.bytes, warnings)?;
        let html = Html::parse_document(&text);
        let mut doc = RawDoc::default();
        let root = html.root_element();
        if let Some(lang) = root.value().attr("lang").filter(|l| !l.trim().is_empty()) {
            doc.metadata
                .push(("lang".to_owned(), lang.trim().to_owned()));
        }
        let title_selector =
            scraper::Selector::parse("head > title").expect("a constant selector parses");
        if let Some(title) = html.select(&title_selector).next() {
            let title = normalise_whitespace(&title.text().collect::<String>());
            if !title.is_empty() {
                doc.metadata.push(("page-title".to_owned(), title));
            }
        }
        let mut walker = Walker {
            doc: &mut doc,
            pending: String::new(),
            line: 0,
        };
        walker.element(root);
        walker.flush(RawKind::Paragraph);
        Ok(Read::Raw(doc))
    }
}

struct Walker<'d> {
    doc: &'d mut RawDoc,
    pending: String,
    line: usize,
}

impl Walker<'_> {
    fn flush(&mut self, kind: RawKind) {
        let text = normalise_whitespace(&self.pending);
        self.pending.clear();
        if !text.is_empty() {
            self.line += 1;
            self.doc.blocks.push(RawBlock::new(kind, text, self.line));
        }
    }

    fn element(&mut self, element: ElementRef) {
        let name = element.value().name();
        if is_chrome(element) {
            return;
        }
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                Some(RawKind::Heading(name[1..].parse().unwrap_or(1)))
            }
            "li" => Some(RawKind::ListItem {
                ordered: element
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|p| p.value().name() == "ol"),
            }),
            "blockquote" => Some(RawKind::Quote),
            _ => None,
        };
        if let Some(kind) = kind {
            self.flush(RawKind::Paragraph);
            self.inline(element);
            self.flush(kind);
            return;
        }
        let is_block = BLOCK_ELEMENTS.contains(&name) || name == "html";
        if is_block {
            self.flush(RawKind::Paragraph);
        }
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.pending.push_str(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        match child.value().name() {
                            "br" => self.pending.push(' '),
                            "a" => self.link(child),
                            _ => self.element(child),
                        }
                    }
                }
                _ => {}
            }
        }
        if is_block {
            self.flush(RawKind::Paragraph);
        }
    }

    /// Inline content of a heading, list item or quote: nested lists become their own items.
    fn inline(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.pending.push_str(text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_chrome(child) {
                        continue;
                    }
                    match child.value().name() {
                        "ul" | "ol" => {
                            let parent_kind = RawKind::ListItem {
                                ordered: element.value().name() == "ol",
                            };
                            self.flush(parent_kind);
                            self.element(child);
                        }
                        "br" => self.pending.push(' '),
                        "a" => self.link(child),
                        "p" | "div" => {
                            self.pending.push(' ');
                            self.inline(child);
                        }
                        _ => self.inline(child),
                    }
                }
                _ => {}
            }
        }
    }

    fn link(&mut self, element: ElementRef) {
        let text = normalise_whitespace(&element.text().collect::<String>());
        self.pending.push_str(&text);
        if let Some(href) = element.value().attr("href") {
            let is_web = href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:");
            if is_web && text != href && !text.is_empty() {
                self.pending.push_str(&format!(" ({href})"));
            }
        }
    }
}

fn is_chrome(element: ElementRef) -> bool {
    let value = element.value();
    if SKIPPED_ELEMENTS.contains(&value.name()) {
        return true;
    }
    if value
        .attr("role")
        .is_some_and(|r| SKIPPED_ROLES.contains(&r))
        || value.attr("hidden").is_some()
    {
        return true;
    }
    let marks = format!(
        "{} {}",
        value.attr("id").unwrap_or(""),
        value.attr("class").unwrap_or("")
    )
    .to_ascii_lowercase();
    CHROME_MARKERS.iter().any(|m| marks.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> RawDoc {
        let input = Input {
            bytes: html.as_bytes(),
            path: Some("x.html"),
        };
        match HtmlReader.read(&input, &mut Vec::new()).unwrap() {
            Read::Raw(doc) => doc,
            Read::Model(_) => panic!("not a model"),
        }
    }

    #[test]
    fn chrome_is_dropped_by_structure_and_content_kept() {
        let doc = read(
            "<!DOCTYPE html><html lang=\"en\"><head><title>T</title><script>x()</script></head>\
             <body><nav>Home | Login</nav><div id=\"mw-navigation\">Tools</div>\
             <h1>Session</h1><p>Moderator: <a href=\"https://ex.org/ann\">Ann Lee</a>, Chair</p>\
             <ul><li>one</li><li>two<ul><li>deep</li></ul></li></ul><blockquote>said</blockquote>\
             <footer>© Site</footer></body></html>",
        );
        let texts: Vec<(&RawKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (&b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (&RawKind::Heading(1), "Session"),
                (
                    &RawKind::Paragraph,
                    "Moderator: Ann Lee (https://ex.org/ann), Chair"
                ),
                (&RawKind::ListItem { ordered: false }, "one"),
                (&RawKind::ListItem { ordered: false }, "two"),
                (&RawKind::ListItem { ordered: false }, "deep"),
                (&RawKind::Quote, "said"),
            ]
        );
        assert!(doc.metadata.contains(&("lang".into(), "en".into())));
    }
}
