//! Markdown output re-parsed with comrak: same headings and list items as the model's view, one
//! H1, no skipped levels, no raw HTML, front matter with title and language.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};
use rapporteur::render::view::{DocumentView, Node};
use rapporteur::{Format, IngestOptions, normalise, render};

use crate::common::{Setup, fixtures, seed};

fn text_of<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

struct Parsed {
    front_matter: String,
    headings: Vec<(u8, String)>,
    items: Vec<String>,
    has_html: bool,
}

fn parse(markdown: &str) -> Parsed {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &rapporteur::render::markdown::options());
    let mut parsed = Parsed {
        front_matter: String::new(),
        headings: Vec::new(),
        items: Vec::new(),
        has_html: false,
    };
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::FrontMatter(f) => parsed.front_matter = f.clone(),
            NodeValue::Heading(h) => parsed.headings.push((h.level, text_of(node))),
            NodeValue::Item(_) => parsed.items.push(text_of(node)),
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) => parsed.has_html = true,
            _ => {}
        }
    }
    parsed
}

fn check(name: &str, bytes: &[u8]) {
    let session = normalise(bytes, &IngestOptions::named(name)).unwrap();
    let setup = Setup::default_style();
    let cx = setup.cx(None);
    let markdown = String::from_utf8(render(&session, Format::Md, &cx).unwrap().bytes).unwrap();
    let parsed = parse(&markdown);
    let view = DocumentView::of(&session);

    let expected: Vec<(u8, String)> = view
        .headings()
        .iter()
        .map(|(l, t)| (*l, t.to_string()))
        .collect();
    assert_eq!(parsed.headings, expected, "{name}: headings");
    assert_eq!(
        parsed.headings.iter().filter(|(l, _)| *l == 1).count(),
        1,
        "{name}: one H1"
    );
    for pair in parsed.headings.windows(2) {
        assert!(pair[1].0 <= pair[0].0 + 1, "{name}: skipped level {pair:?}");
    }
    assert!(!parsed.has_html, "{name}: raw HTML");
    assert!(parsed.front_matter.contains("title: "), "{name}");
    assert!(
        parsed
            .front_matter
            .contains(&format!("lang: \"{}\"", session.language))
    );

    let mut expected_items: Vec<String> = view
        .meta
        .iter()
        .map(|m| format!("{}: {}", m.label, m.value))
        .collect();
    for node in &view.nodes {
        if let Node::List { items, .. } = node {
            for item in items {
                let mut text = item.text.clone();
                if let Some(extra) = item.detail.as_ref().or(item.attribution.as_ref()) {
                    text = format!("{text} — {extra}");
                }
                expected_items.push(text);
            }
        }
    }
    assert_eq!(parsed.items, expected_items, "{name}: list items");
}

#[test]
fn seed_markdown_reparses_to_the_same_headings_and_items() {
    check("seed.txt", &seed());
}

#[test]
fn fixture_markdown_reparses_to_the_same_headings_and_items() {
    for (name, bytes) in fixtures() {
        check(&name, &bytes);
    }
}

#[test]
fn markup_characters_in_content_stay_text() {
    let input = "Title with *stars* and <b>tags</b>\n\nA line with [brackets](x) and # hash.\n";
    let session = normalise(input.as_bytes(), &Default::default()).unwrap();
    let setup = Setup::default_style();
    let cx = setup.cx(None);
    let markdown = String::from_utf8(render(&session, Format::Md, &cx).unwrap().bytes).unwrap();
    let parsed = parse(&markdown);
    assert!(!parsed.has_html, "{markdown}");
    assert_eq!(parsed.headings[0].1, "Title with *stars* and <b>tags</b>");
}
