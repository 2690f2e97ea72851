//! The structure tree: the laid-out blocks → krilla's [`TagTree`], in reading order.
//!
//! It mirrors the document view: the title is the only H1, section headings are H2–H4 with their
//! text as title, paragraphs and metadata lines are P, quotations are BlockQuote › P, and lists
//! (people and key points included) are L › LI › Lbl + LBody with the bullet or number in Lbl
//! and never in LBody (PDF/UA-1 7.6). Page numbers are artifacts and never reach this tree.

use std::num::NonZeroU16;

use krilla::tagging::{Identifier, ListNumbering, Node, Tag, TagGroup, TagTree};

use super::layout::{Layout, Part, Role};

/// Builds the tag tree. `identifiers[b][f]` marks fragment `f` of block `b` as drawn.
pub(crate) fn tag_tree(
    layout: &Layout,
    identifiers: &[Vec<Identifier>],
    language: &str,
) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(language.to_owned()));
    // The list being filled: its index in the layout and its group.
    let mut open_list: Option<(usize, TagGroup)> = None;

    for (block, ids) in layout.blocks.iter().zip(identifiers) {
        let parts = |wanted: Part| -> Vec<Node> {
            block
                .fragments
                .iter()
                .zip(ids)
                .filter(|(fragment, _)| fragment.part == wanted)
                .map(|(_, id)| Node::from(*id))
                .collect()
        };
        let group = match block.role {
            Role::ListItem { list, ordered } => {
                if open_list.as_ref().is_some_and(|(index, _)| *index != list)
                    && let Some((_, finished)) = open_list.take()
                {
                    tree.push(finished);
                }
                let (_, group) = open_list.get_or_insert_with(|| {
                    let numbering = if ordered {
                        ListNumbering::Decimal
                    } else {
                        ListNumbering::Disc
                    };
                    (list, TagGroup::new(Tag::L(numbering)))
                });
                let label = TagGroup::with_children(Tag::Lbl, parts(Part::Label));
                let body = TagGroup::with_children(Tag::LBody, parts(Part::Body));
                group.push(TagGroup::with_children(
                    Tag::LI,
                    vec![label.into(), body.into()],
                ));
                continue;
            }
            Role::Heading(level) => {
                // View levels run 1..=4; a zero would be a bug upstream, shown as H1 rather than lost.
                let level = NonZeroU16::new(u16::from(level)).unwrap_or(NonZeroU16::MIN);
                TagGroup::with_children(Tag::Hn(level, Some(block.text.clone())), parts(Part::Body))
            }
            Role::Paragraph => TagGroup::with_children(Tag::P, parts(Part::Body)),
            Role::Quote => TagGroup::with_children(
                Tag::BlockQuote,
                vec![TagGroup::with_children(Tag::P, parts(Part::Body)).into()],
            ),
        };
        if let Some((_, finished)) = open_list.take() {
            tree.push(finished);
        }
        tree.push(group);
    }
    if let Some((_, group)) = open_list {
        tree.push(group);
    }
    tree
}
