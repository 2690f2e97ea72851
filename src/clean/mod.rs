//! Clean: drops site chrome (ads, navigation, page-history lines, comment widgets) from a
//! [`RawDoc`], recording every dropped block as a [`Removal`] whose reason starts with the id of
//! the rule that matched. The rules are data, in [`rules`].

pub mod rules;

use crate::model::Removal;
use crate::model::raw::RawDoc;

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
    let mut kept = Vec::with_capacity(doc.blocks.len());
    let mut removed = Vec::new();
    for block in doc.blocks {
        match rules::matching_rule(&block.text) {
            Some(rule) => {
                removed.push(Removal {
                    text: block.text.clone(),
                    reason: format!("{}: {}", rule.id, rule.reason),
                });
                if keep_boilerplate {
                    kept.push(block);
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
