//! Bookmarks: the headings, nested by level, each pointing at the top of its first line.
//!
//! PDF/UA-1 7.17 wants an outline; readers use it to jump between sections. The title (the one
//! level-1 heading) is the root, open, with every section below it.

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};

use super::layout::{Layout, Role};

/// Builds the outline from the heading blocks in reading order.
pub(crate) fn outline(layout: &Layout) -> Outline {
    let headings: Vec<(u8, OutlineNode)> = layout
        .blocks
        .iter()
        .filter_map(|block| match block.role {
            Role::Heading(level) => {
                let (page, y) = block.anchor;
                let destination = XyzDestination::new(page, Point::from_xy(0.0, y));
                Some((level, OutlineNode::new(block.text.clone(), destination)))
            }
            _ => None,
        })
        .collect();
    let mut outline = Outline::new();
    let mut pending = headings.into_iter().peekable();
    for node in children(&mut pending, 0) {
        outline.push_child(node.with_open(true));
    }
    outline
}

/// Takes the headings deeper than `parent_level` off the front of `pending`, nested.
fn children(
    pending: &mut std::iter::Peekable<impl Iterator<Item = (u8, OutlineNode)>>,
    parent_level: u8,
) -> Vec<OutlineNode> {
    let mut nodes = Vec::new();
    while let Some((level, _)) = pending.peek() {
        if *level <= parent_level {
            break;
        }
        let level = *level;
        let Some((_, mut node)) = pending.next() else {
            break;
        };
        for child in children(pending, level) {
            node.push_child(child);
        }
        nodes.push(node);
    }
    nodes
}
