//! Markdown renderer (comrak): builds a comrak AST from the [`DocumentView`] and lets comrak's
//! CommonMark formatter write it, so escaping is comrak's job and never ours.
//!
//! Guarantees: YAML front matter with `title`, `date` and `lang`; exactly one H1 (the title);
//! heading levels never skip; real list syntax; no raw HTML; people as "Name — Role,
//! Organisation"; key points end with "— Name". Checked by the golden files and by re-parsing the
//! output with comrak (tests/markdown.rs).

use comrak::nodes::{AstNode, ListDelimType, ListType, NodeHeading, NodeList, NodeValue};
use comrak::{Arena, Options};

use super::view::{DocumentView, Item, ListKind, Node};
use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::RenderError;
use crate::model::Session;

/// Writes CommonMark.
pub struct Markdown;

impl Renderer for Markdown {
    fn format(&self) -> Format {
        Format::Md
    }

    fn render(&self, session: &Session, _cx: &RenderContext) -> Result<Rendered, RenderError> {
        let view = DocumentView::of(session);
        let arena = Arena::new();
        let root = build_tree(&arena, &view, session);
        let mut out = String::new();
        comrak::format_commonmark(root, &options(), &mut out).map_err(|e| RenderError::Failed {
            format: "md",
            reason: e.to_string(),
        })?;
        Ok(Rendered::clean(out.into_bytes()))
    }
}

/// The options used to write, and by the tests to re-parse, our Markdown.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options
}

type Tree<'a> = &'a AstNode<'a>;

fn build_tree<'a>(arena: &'a Arena<'a>, view: &DocumentView, session: &Session) -> Tree<'a> {
    let root = add(arena, None, NodeValue::Document);
    add(
        arena,
        Some(root),
        NodeValue::FrontMatter(front_matter(session)),
    );
    heading(arena, root, 1, &view.title);
    if !view.meta.is_empty() {
        let list = list(arena, root, false);
        for line in &view.meta {
            let item = item(arena, list, false);
            let para = add(arena, Some(item), NodeValue::Paragraph);
            let label = add(arena, Some(para), NodeValue::Strong);
            text(arena, label, &format!("{}:", line.label));
            text(arena, para, &format!(" {}", line.value));
        }
    }
    for node in &view.nodes {
        match node {
            Node::Heading { level, text: t } => heading(arena, root, *level, t),
            Node::Paragraph { text: t, speaker } => {
                let para = add(arena, Some(root), NodeValue::Paragraph);
                speaker_label(arena, para, speaker.as_deref());
                text(arena, para, t);
            }
            Node::Quote { text: t, speaker } => {
                let quote = add(arena, Some(root), NodeValue::BlockQuote);
                let para = add(arena, Some(quote), NodeValue::Paragraph);
                speaker_label(arena, para, speaker.as_deref());
                text(arena, para, t);
            }
            Node::List {
                ordered,
                items,
                kind,
            } => {
                let list = list(arena, root, *ordered);
                for entry in items {
                    let item = item(arena, list, *ordered);
                    let para = add(arena, Some(item), NodeValue::Paragraph);
                    text(arena, para, &item_text(entry, *kind));
                }
            }
        }
    }
    root
}

fn item_text(item: &Item, kind: ListKind) -> String {
    match (kind, &item.detail, &item.attribution) {
        (_, Some(detail), _) => format!("{} — {}", item.text, detail),
        (_, None, Some(name)) => format!("{} — {}", item.text, name),
        _ => item.text.clone(),
    }
}

fn front_matter(session: &Session) -> String {
    // JSON strings are valid YAML double-quoted scalars, so serde_json does the quoting.
    let quoted = |s: &str| serde_json::to_string(s).expect("serialising a string cannot fail");
    let mut yaml = String::from("---\n");
    yaml.push_str(&format!("title: {}\n", quoted(&session.title)));
    if let Some(date) = &session.date {
        yaml.push_str(&format!("date: {}\n", quoted(date)));
    }
    yaml.push_str(&format!("lang: {}\n", quoted(&session.language)));
    yaml.push_str("---\n\n");
    yaml
}

fn add<'a>(arena: &'a Arena<'a>, parent: Option<Tree<'a>>, value: NodeValue) -> Tree<'a> {
    let node = arena.alloc(AstNode::from(value));
    if let Some(parent) = parent {
        parent.append(node);
    }
    node
}

fn text<'a>(arena: &'a Arena<'a>, parent: Tree<'a>, literal: &str) {
    add(
        arena,
        Some(parent),
        NodeValue::Text(literal.to_owned().into()),
    );
}

fn heading<'a>(arena: &'a Arena<'a>, root: Tree<'a>, level: u8, literal: &str) {
    let node = add(
        arena,
        Some(root),
        NodeValue::Heading(NodeHeading {
            level,
            setext: false,
            closed: false,
        }),
    );
    text(arena, node, literal);
}

fn speaker_label<'a>(arena: &'a Arena<'a>, para: Tree<'a>, speaker: Option<&str>) {
    if let Some(name) = speaker {
        let strong = add(arena, Some(para), NodeValue::Strong);
        text(arena, strong, &format!("{name}:"));
        text(arena, para, " ");
    }
}

fn list_meta(ordered: bool) -> NodeList {
    NodeList {
        list_type: if ordered {
            ListType::Ordered
        } else {
            ListType::Bullet
        },
        marker_offset: 0,
        padding: if ordered { 3 } else { 2 },
        start: 1,
        delimiter: ListDelimType::Period,
        bullet_char: b'-',
        tight: true,
        is_task_list: false,
    }
}

fn list<'a>(arena: &'a Arena<'a>, root: Tree<'a>, ordered: bool) -> Tree<'a> {
    add(arena, Some(root), NodeValue::List(list_meta(ordered)))
}

fn item<'a>(arena: &'a Arena<'a>, list: Tree<'a>, ordered: bool) -> Tree<'a> {
    add(arena, Some(list), NodeValue::Item(list_meta(ordered)))
}
