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
        Ok(Rendered::clean(without_list_separators(out).into_bytes()))
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
    // Alternates for each list that directly follows another, so they stay two lists.
    let mut alternate = false;
    if !view.meta.is_empty() {
        let list = list(arena, root, false, alternate);
        for line in &view.meta {
            let item = item(arena, list, false, alternate);
            let para = add(arena, Some(item), NodeValue::Paragraph);
            let label = add(arena, Some(para), NodeValue::Strong);
            text(arena, label, &format!("{}:", line.label));
            text(arena, para, &format!(" {}", line.value));
        }
        alternate = true;
    }
    for node in &view.nodes {
        if !matches!(node, Node::List { .. }) {
            alternate = false;
        }
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
                let list = list(arena, root, *ordered, alternate);
                for entry in items {
                    let item = item(arena, list, *ordered, alternate);
                    let para = add(arena, Some(item), NodeValue::Paragraph);
                    text(arena, para, &item_text(entry, *kind));
                }
                alternate = !alternate;
            }
        }
    }
    root
}

/// comrak separates adjacent lists with an `<!-- end list -->` comment, which is raw HTML (banned
/// from our output). CommonMark ends a list when the bullet character or the ordered delimiter
/// changes, so the comment is dropped and the bullet of the list after it switches between `-`
/// and `*` (comrak writes one bullet character for the whole document; ordered lists already
/// alternate their delimiter in the tree).
fn without_list_separators(markdown: String) -> String {
    if !markdown.contains(LIST_SEPARATOR) {
        return markdown;
    }
    let mut out = String::with_capacity(markdown.len());
    let mut swapped = false;
    for line in markdown.split_inclusive('\n') {
        if line.trim_end() == LIST_SEPARATOR {
            swapped = !swapped;
            continue;
        }
        match line.strip_prefix("- ") {
            Some(rest) if swapped => {
                out.push_str("* ");
                out.push_str(rest);
            }
            _ => {
                let is_list_line = line.trim().is_empty()
                    || line.starts_with(' ')
                    || line.starts_with(|c: char| c.is_ascii_digit());
                if !is_list_line {
                    swapped = false;
                }
                out.push_str(line);
            }
        }
    }
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

const LIST_SEPARATOR: &str = "<!-- end list -->";

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

fn list_meta(ordered: bool, alternate: bool) -> NodeList {
    NodeList {
        list_type: if ordered {
            ListType::Ordered
        } else {
            ListType::Bullet
        },
        marker_offset: 0,
        padding: if ordered { 3 } else { 2 },
        start: 1,
        delimiter: if alternate {
            ListDelimType::Paren
        } else {
            ListDelimType::Period
        },
        bullet_char: if alternate { b'*' } else { b'-' },
        tight: true,
        is_task_list: false,
    }
}

fn list<'a>(arena: &'a Arena<'a>, root: Tree<'a>, ordered: bool, alternate: bool) -> Tree<'a> {
    add(
        arena,
        Some(root),
        NodeValue::List(list_meta(ordered, alternate)),
    )
}

fn item<'a>(arena: &'a Arena<'a>, list: Tree<'a>, ordered: bool, alternate: bool) -> Tree<'a> {
    add(
        arena,
        Some(list),
        NodeValue::Item(list_meta(ordered, alternate)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Section, Source};
    use crate::style::{FontSet, Style};

    #[test]
    fn adjacent_lists_stay_apart_without_raw_html() {
        let mut session = Session::new(
            "T",
            Source {
                path: None,
                format: "text".into(),
                sha256: String::new(),
            },
        );
        let list = |items: &[&str], ordered| Block::List {
            items: items.iter().map(|i| i.to_string()).collect(),
            ordered,
        };
        session.sections.push(Section {
            heading: Some("H".into()),
            level: 1,
            blocks: vec![
                list(&["a", "b"], false),
                list(&["c"], false),
                list(&["d"], true),
                list(&["e"], true),
            ],
        });
        let style = Style::built_in("default").expect("built-in style");
        let fonts = FontSet::embedded();
        let cx = RenderContext {
            style: &style,
            fonts: &fonts,
            timestamp: 0,
            wrap: None,
        };
        let out = String::from_utf8(Markdown.render(&session, &cx).expect("renders").bytes)
            .expect("UTF-8");
        assert!(!out.contains("<!--"), "{out}");
        let arena = Arena::new();
        let root = comrak::parse_document(&arena, &out, &options());
        let lists = root
            .children()
            .filter(|n| matches!(n.data.borrow().value, NodeValue::List(_)))
            .count();
        assert_eq!(lists, 4, "{out}");
    }
}
