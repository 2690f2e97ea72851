//! Clean: drops site chrome (ads, navigation, page-history lines, comment widgets) from a
//! [`RawDoc`], recording every dropped block as a [`Removal`] whose reason starts with the id of
//! the rule that matched. The rules are data, in [`rules`]; this module only runs them.
//!
//! A dropped plain-text line leaves a blank line behind, so that extract still sees the block
//! boundary the line made (a heading after a removed banner still follows a "blank").

pub mod rules;

use crate::model::Removal;
use crate::model::raw::{RawBlock, RawDoc, RawKind};

/// A cleaned document and what was taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The document without boilerplate.
    pub doc: RawDoc,
    /// What was dropped, in reading order.
    pub removed: Vec<Removal>,
}

/// Runs the rule table over a document. With `keep_boilerplate`, matches are reported in
/// `removed` but stay in the document.
pub fn clean(doc: RawDoc, keep_boilerplate: bool) -> Cleaned {
    let matched: Vec<Option<&'static rules::Rule>> = {
        let cx = rules::Context::new(doc.blocks.iter().map(|b| b.text.as_str()).collect());
        (0..doc.blocks.len())
            .map(|i| rules::matching_rule(&cx, i))
            .collect()
    };
    let mut kept = Vec::with_capacity(doc.blocks.len());
    let mut removed = Vec::new();
    for (block, rule) in doc.blocks.into_iter().zip(matched) {
        match rule {
            Some(rule) => {
                removed.push(Removal {
                    text: block.text.clone(),
                    reason: format!("{}: {}", rule.id, rule.reason),
                });
                if keep_boilerplate {
                    kept.push(block);
                } else if block.kind == RawKind::Line {
                    kept.push(RawBlock::new(RawKind::Line, "", block.line));
                }
            }
            None => kept.push(block),
        }
    }
    Cleaned {
        doc: RawDoc {
            blocks: kept,
            ..doc
        },
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::lines;

    #[test]
    fn removed_line_leaves_a_blank_and_a_reason() {
        let doc = lines("Title\nComments (0)\nBody line\n");
        let cleaned = clean(doc, false);
        assert_eq!(cleaned.doc.blocks.len(), 3);
        assert_eq!(cleaned.doc.blocks[1].text, "");
        assert_eq!(cleaned.removed.len(), 1);
        assert!(cleaned.removed[0].reason.starts_with("comment-widget: "));
    }

    #[test]
    fn keep_boilerplate_reports_but_keeps() {
        let cleaned = clean(lines("Title\nComments (0)\n"), true);
        assert_eq!(cleaned.doc.blocks[1].text, "Comments (0)");
        assert_eq!(cleaned.removed.len(), 1);
    }
}
