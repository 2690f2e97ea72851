//! Markdown reader (comrak): headings, paragraphs, list items and quotes as structured blocks;
//! YAML front matter (`title`, `subtitle`, `date`, `lang`) as metadata. Tables are linearised row
//! by row, links keep their address after the text.

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};

use super::{Input, Read, Reader, decode::decode, text::normalise_whitespace};
use crate::error::{IngestError, Warning};
use crate::model::raw::{RawBlock, RawDoc, RawKind};

/// The Markdown reader.
pub struct Markdown;

impl Reader for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    /// Markdown is recognised by its extension (or `--from md`) only: plain text copied from
    /// wiki pages also has `#` and `-` lines, and site-layout front matter (a Jekyll page saved as
    /// text) is chrome for the text reader's rules, not metadata.
    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }

    fn read(&self, input: &Input, warnings: &mut Vec<Warning>) -> Result<Read, IngestError> {
        let text = decode(input.bytes, warnings)?;
        let arena = Arena::new();
        let mut options = Options::default();
        options.extension.front_matter_delimiter = Some("---".to_owned());
        options.extension.table = true;
        options.extension.strikethrough = true;
        let root = parse_document(&arena, &text, &options);
        let mut doc = RawDoc::default();
        for node in root.children() {
            push_block(node, &mut doc);
        }
        Ok(Read::Raw(doc))
    }
}

fn line_of(node: &AstNode) -> usize {
    node.data.borrow().sourcepos.start.line
}

fn push_block<'a>(node: &'a AstNode<'a>, doc: &mut RawDoc) {
    let line = line_of(node);
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::FrontMatter(front) => {
            // The lines stay in the document, so that clean records them (conservation) while
            // extract also gets the keys as metadata.
            for (i, text) in front.lines().enumerate() {
                if !text.trim().is_empty() {
                    doc.blocks
                        .push(RawBlock::new(RawKind::Line, text.trim_end(), i + 1));
                }
            }
            doc.metadata.extend(front_matter(&front));
        }
        NodeValue::Heading(heading) => push(
            doc,
            RawKind::Heading(heading.level),
            inline_text(node),
            line,
        ),
        NodeValue::Paragraph => push(doc, RawKind::Paragraph, inline_text(node), line),
        NodeValue::CodeBlock(code) => {
            for (i, text) in code.literal.lines().enumerate() {
                push(doc, RawKind::Paragraph, text.to_owned(), line + i + 1);
            }
        }
        NodeValue::HtmlBlock(html) => {
            push(doc, RawKind::Paragraph, strip_tags(&html.literal), line)
        }
        NodeValue::BlockQuote => {
            for child in node.children() {
                let text = inline_text(child);
                push(doc, RawKind::Quote, text, line_of(child));
            }
        }
        NodeValue::List(list) => {
            let ordered = list.list_type == ListType::Ordered;
            for item in node.children() {
                let mut nested = Vec::new();
                let mut text = String::new();
                for child in item.children() {
                    if matches!(child.data.borrow().value, NodeValue::List(_)) {
                        nested.push(child);
                    } else {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(&inline_text(child));
                    }
                }
                push(doc, RawKind::ListItem { ordered }, text, line_of(item));
                for list in nested {
                    push_block(list, doc);
                }
            }
        }
        NodeValue::Table(_) => {
            for row in node.children() {
                let cells: Vec<String> = row.children().map(inline_text).collect();
                push(doc, RawKind::Paragraph, cells.join("; "), line_of(row));
            }
        }
        _ => {
            let text = inline_text(node);
            push(doc, RawKind::Paragraph, text, line);
        }
    }
}

fn push(doc: &mut RawDoc, kind: RawKind, text: String, line: usize) {
    let text = normalise_whitespace(&text);
    if !text.is_empty() {
        doc.blocks.push(RawBlock::new(kind, text, line));
    }
}

/// The text of a node's inline content; a link keeps its address when the text differs.
fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    collect_inline(node, &mut out);
    out
}

fn collect_inline<'a>(node: &'a AstNode<'a>, out: &mut String) {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Text(text) => out.push_str(&text),
        NodeValue::Code(code) => out.push_str(&code.literal),
        NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
        NodeValue::HtmlInline(html) => out.push_str(&strip_tags(&html)),
        NodeValue::Link(link) => {
            let start = out.len();
            for child in node.children() {
                collect_inline(child, out);
            }
            if !link.url.is_empty() && out[start..].trim() != link.url {
                out.push_str(&format!(" ({})", link.url));
            }
        }
        _ => {
            for child in node.children() {
                collect_inline(child, out);
            }
        }
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `key: value` lines of YAML front matter; quoted values are unquoted. Nested YAML is ignored:
/// only flat metadata maps onto the model.
fn front_matter(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.starts_with(' ') && l.trim() != "---")
        .filter_map(|l| l.split_once(':'))
        .map(|(key, value)| (key.trim().to_ascii_lowercase(), unquote(value.trim())))
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

fn unquote(value: &str) -> String {
    if value.starts_with('"')
        && let Ok(text) = serde_json::from_str::<String>(value)
    {
        return text;
    }
    value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .map(|v| v.replace("''", "'"))
        .unwrap_or_else(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> RawDoc {
        let input = Input {
            bytes: text.as_bytes(),
            path: Some("x.md"),
        };
        match Markdown.read(&input, &mut Vec::new()).unwrap() {
            Read::Raw(doc) => doc,
            Read::Model(_) => panic!("not a model"),
        }
    }

    #[test]
    fn front_matter_becomes_metadata() {
        let doc = read("---\ntitle: \"A “quoted” title\"\nlang: fr\n---\n\n# Heading\n");
        assert_eq!(doc.metadata[0], ("title".into(), "A “quoted” title".into()));
        assert_eq!(doc.metadata[1], ("lang".into(), "fr".into()));
    }

    #[test]
    fn structure_is_kept() {
        let doc =
            read("# T\n\nPara *one*.\n\n- a [link](http://x.org)\n- b\n\n> quoted\n\n1. first\n");
        let kinds: Vec<RawKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                RawKind::Heading(1),
                RawKind::Paragraph,
                RawKind::ListItem { ordered: false },
                RawKind::ListItem { ordered: false },
                RawKind::Quote,
                RawKind::ListItem { ordered: true },
            ]
        );
        assert_eq!(doc.blocks[1].text, "Para one.");
        assert_eq!(doc.blocks[2].text, "a link (http://x.org)");
    }

    #[test]
    fn front_matter_lines_stay_visible_to_the_boilerplate_rules() {
        let doc = read("---\nlayout: post\ntitle: T\n---\n\nBody.\n");
        let lines: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == RawKind::Line)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(lines, vec!["---", "layout: post", "title: T", "---"]);
    }
}
