//! Accessible plain-text renderer, for screen readers and braille displays.
//!
//! Builds a list of lines from the [`DocumentView`] with one blank line between blocks, then joins
//! them. The profile (also in the README): UTF-8 NFC, LF, one final newline; no tabs, control,
//! zero-width, box-drawing, emoji or private-use characters; no hard wrapping unless `--wrap N`;
//! line 1 `# Title`, then `Label: value` lines (Date, Moderator, Language, Source, Format);
//! `## Contents` when there are four or more sections; headings as `#` × level on their own line
//! without a trailing colon; list items one per line with `- ` or `1. `; people as
//! `- Name, Role, Organisation`; attribution at the end in parentheses; no tables, rules or
//! markup symbols. Checked by `tests/text.rs` and the golden files.

use unicode_normalization::UnicodeNormalization;

use super::view::{DocumentView, Item, ListKind, Node};
use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::RenderError;
use crate::model::Session;

/// Writes accessible plain text.
pub struct Text;

/// The number of sections from which a contents list is worth its lines.
const CONTENTS_FROM_SECTIONS: usize = 4;

/// Explains the only markup the reader meets.
const FORMAT_NOTE: &str = "Headings start with # signs, more signs for a lower level; list items start with a dash or a number.";

impl Renderer for Text {
    fn format(&self) -> Format {
        Format::Txt
    }

    fn render(&self, session: &Session, cx: &RenderContext) -> Result<Rendered, RenderError> {
        let view = DocumentView::of(session);
        let blocks = blocks(&view, session);
        let mut out = String::new();
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for line in block {
                match cx.wrap {
                    Some(width) if width > 0 => push_wrapped(&mut out, &clean(line), width),
                    _ => out.push_str(&clean(line)),
                }
                out.push('\n');
            }
        }
        Ok(Rendered::clean(out.into_bytes()))
    }
}

/// The document as blocks of lines; blocks are separated by exactly one blank line.
fn blocks(view: &DocumentView, session: &Session) -> Vec<Vec<String>> {
    let mut blocks = vec![vec![format!("# {}", view.title)]];
    let mut meta: Vec<String> = view
        .meta
        .iter()
        .map(|m| format!("{}: {}", m.label, m.value))
        .collect();
    meta.push(format!("Language: {}", view.language));
    if let Some(path) = &session.source.path {
        meta.push(format!("Source: {path}"));
    }
    meta.push(format!("Format: {FORMAT_NOTE}"));
    blocks.push(meta);

    let sections: Vec<&str> = view
        .nodes
        .iter()
        .filter_map(|n| match n {
            Node::Heading { level: 2, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if sections.len() >= CONTENTS_FROM_SECTIONS {
        blocks.push(vec!["## Contents".to_owned()]);
        blocks.push(
            sections
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect(),
        );
    }

    for node in &view.nodes {
        blocks.push(match node {
            Node::Heading { level, text } => {
                vec![format!("{} {text}", "#".repeat(usize::from(*level)))]
            }
            Node::Paragraph { text, speaker } => vec![match speaker {
                Some(name) => format!("{name}: {text}"),
                None => text.clone(),
            }],
            Node::Quote { text, speaker } => vec![match speaker {
                Some(name) => format!("Quote from {name}: {text}"),
                None => format!("Quote: {text}"),
            }],
            Node::List {
                ordered,
                items,
                kind,
            } => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let marker = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "- ".to_owned()
                    };
                    format!("{marker}{}", item_text(item, *kind))
                })
                .collect(),
        });
    }
    blocks
}

fn item_text(item: &Item, kind: ListKind) -> String {
    match (kind, &item.detail, &item.attribution) {
        (_, Some(detail), _) => format!("{}, {detail}", item.text),
        (_, None, Some(name)) => format!("{} ({name})", item.text),
        _ => item.text.clone(),
    }
}

/// True for characters the profile forbids: controls, zero-width and format characters,
/// box drawing, private use, and pictographs/emoji, which braille tables cannot translate.
fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    c.is_control()
        || matches!(code, 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF)
        || (0x2500..=0x259F).contains(&code)
        || (0xE000..=0xF8FF).contains(&code)
        || (0xF0000..=0x10FFFF).contains(&code)
        || (0x1F000..=0x1FAFF).contains(&code)
        || (0x2600..=0x27BF).contains(&code)
        || (0xFE00..=0xFE0F).contains(&code)
}

/// Applies the character rules of the profile to one line.
fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last_space = false;
    for c in line.nfc() {
        let c = if c == '\t' || c == '\u{00A0}' { ' ' } else { c };
        if is_forbidden(c) {
            continue;
        }
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    out.trim().to_owned()
}

/// Wraps one logical line at spaces; continuation lines of a list item are indented to its text.
fn push_wrapped(out: &mut String, line: &str, width: usize) {
    let indent = list_marker_width(line);
    let mut column = 0;
    for word in line.split(' ') {
        let length = word.chars().count();
        if column > 0 && column + 1 + length > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += length;
    }
}

fn list_marker_width(line: &str) -> usize {
    if line.starts_with("- ") {
        return 2;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_tabs_emoji_and_box_drawing() {
        assert_eq!(clean("a\tb 🙂 ──── c\u{200B}d"), "a b cd");
    }

    #[test]
    fn clean_composes_to_nfc() {
        assert_eq!(clean("Quille\u{301}"), "Quillé");
    }

    #[test]
    fn wrapping_indents_list_continuations() {
        let mut out = String::new();
        push_wrapped(&mut out, "- one two three four", 9);
        assert_eq!(out, "- one two\n  three\n  four");
    }
}
