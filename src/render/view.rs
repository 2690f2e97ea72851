//! The reading-order view of a [`Session`] that every renderer walks.
//!
//! It decides, once for all formats, which headings exist and at which level, where people and
//! key points appear and what the metadata lines say. Renderers only choose the syntax, so a
//! heading or list item in the Markdown output is the same one in the DOCX, PDF and text output.

use crate::model::{Block, Person, PersonGroup, Session};

/// The document as a flat sequence of nodes under one title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentView {
    /// The title: the one level-1 heading.
    pub title: String,
    /// `Label: value` facts shown under the title (Subtitle, Date, Moderator, Last edited).
    pub meta: Vec<MetaLine>,
    /// The body in reading order; heading levels start at 2 and never skip.
    pub nodes: Vec<Node>,
    /// BCP 47 language of the content.
    pub language: String,
}

/// A labelled fact about the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaLine {
    /// "Date", "Moderator", …
    pub label: &'static str,
    /// The value as written.
    pub value: String,
}

/// One node of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A heading; `level` is 2, 3 or 4 (the title is the only level 1).
    Heading {
        /// The rendered heading level.
        level: u8,
        /// The heading text, without a trailing colon.
        text: String,
    },
    /// A paragraph, with the speaker of a turn.
    Paragraph {
        /// The text.
        text: String,
        /// The speaker, shown as a label before the text.
        speaker: Option<String>,
    },
    /// A quotation.
    Quote {
        /// The text.
        text: String,
        /// Who is quoted.
        speaker: Option<String>,
    },
    /// A list of items.
    List {
        /// True for a numbered list.
        ordered: bool,
        /// The items.
        items: Vec<Item>,
        /// What the list holds, for renderers that mark it (people, key points, other).
        kind: ListKind,
    },
}

/// What a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// A list from the body.
    Body,
    /// People: `text` is the name, `detail` the role and organisation.
    People,
    /// Key points: `attribution` names who made the point.
    KeyPoints,
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The item's main text (a person's name for people).
    pub text: String,
    /// Role and organisation of a person, joined with ", ".
    pub detail: Option<String>,
    /// Who made a key point.
    pub attribution: Option<String>,
}

impl Item {
    fn plain(text: &str) -> Item {
        Item {
            text: text.to_owned(),
            detail: None,
            attribution: None,
        }
    }
}

/// The heading under which people are listed.
pub const PARTICIPANTS_HEADING: &str = "Participants";
/// The heading given to untitled text that follows the participants.
pub const REPORT_HEADING: &str = "Report";
/// The heading for key points not listed under a section of their own.
pub const KEY_POINTS_HEADING: &str = "Key points";

/// Highest rendered heading level; deeper model levels are shown at this level.
const DEEPEST_LEVEL: u8 = 4;

impl DocumentView {
    /// Builds the view of a session.
    pub fn of(session: &Session) -> DocumentView {
        let mut nodes = Vec::new();
        let has_people = session.people().next().is_some();
        let group_labels: Vec<&str> = PersonGroup::ALL
            .iter()
            .filter(|g| !session.group(**g).is_empty())
            .flat_map(|g| [g.label(1), g.label(2)])
            .collect();
        if has_people {
            nodes.push(heading(2, PARTICIPANTS_HEADING));
            for group in PersonGroup::ALL {
                let people = session.group(group);
                if people.is_empty() {
                    continue;
                }
                nodes.push(heading(3, group.label(people.len())));
                nodes.push(Node::List {
                    ordered: false,
                    items: people.iter().map(person_item).collect(),
                    kind: ListKind::People,
                });
            }
        }

        // Rendered level of the last heading, so that model levels never skip once rendered.
        let mut last_level = 1u8;
        for (index, section) in session.sections.iter().enumerate() {
            if is_emptied_people_heading(session, index, &group_labels) {
                // Its people are listed under "Participants" with this same label.
                continue;
            }
            match &section.heading {
                Some(text) => {
                    let level = (section.level.saturating_add(1))
                        .clamp(2, last_level.saturating_add(1).min(DEEPEST_LEVEL));
                    last_level = level;
                    nodes.push(heading(level, text));
                }
                None if has_people && !section.blocks.is_empty() && last_level != 2 => {
                    last_level = 2;
                    nodes.push(heading(2, REPORT_HEADING));
                }
                None => {}
            }
            nodes.extend(section.blocks.iter().map(block_node));
            let points: Vec<Item> = session
                .key_points
                .iter()
                .filter(|p| p.section == Some(index))
                .map(|p| key_point_item(&p.text, p.attributed_to.as_deref()))
                .collect();
            if !points.is_empty() {
                nodes.push(key_point_list(points));
            }
        }
        let loose: Vec<Item> = session
            .key_points
            .iter()
            .filter(|p| p.section.is_none_or(|i| i >= session.sections.len()))
            .map(|p| key_point_item(&p.text, p.attributed_to.as_deref()))
            .collect();
        if !loose.is_empty() {
            nodes.push(heading(2, KEY_POINTS_HEADING));
            nodes.push(key_point_list(loose));
        }

        DocumentView {
            title: session.title.clone(),
            meta: meta_lines(session),
            nodes,
            language: session.language.clone(),
        }
    }

    /// The headings in order, as (level, text), the title first at level 1.
    pub fn headings(&self) -> Vec<(u8, &str)> {
        let mut out = vec![(1, self.title.as_str())];
        out.extend(self.nodes.iter().filter_map(|n| match n {
            Node::Heading { level, text } => Some((*level, text.as_str())),
            _ => None,
        }));
        out
    }
}

/// A heading such as "Speakers" whose list of people extract moved into the people lists: it has
/// no blocks and no key points of its own, nothing below it, and the Participants part already
/// shows the same label.
fn is_emptied_people_heading(session: &Session, index: usize, group_labels: &[&str]) -> bool {
    let section = &session.sections[index];
    let Some(text) = &section.heading else {
        return false;
    };
    let label = text.trim().trim_end_matches([':', '：']).trim();
    let has_points = session.key_points.iter().any(|p| p.section == Some(index));
    let has_children = session
        .sections
        .get(index + 1)
        .is_some_and(|next| next.level > section.level);
    section.blocks.is_empty()
        && !has_points
        && !has_children
        && group_labels.iter().any(|g| g.eq_ignore_ascii_case(label))
}

fn meta_lines(session: &Session) -> Vec<MetaLine> {
    let mut meta = Vec::new();
    let mut push = |label, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            meta.push(MetaLine { label, value });
        }
    };
    push("Subtitle", session.subtitle.clone());
    push("Date", session.date.clone());
    let moderators: Vec<&str> = session.moderators.iter().map(|p| p.name.as_str()).collect();
    let label = if moderators.len() == 1 {
        "Moderator"
    } else {
        "Moderators"
    };
    push(label, Some(moderators.join("; ")));
    if let Some(edited) = &session.last_edited {
        let parts: Vec<&str> = [edited.by.as_deref(), edited.when.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        push("Last edited", Some(parts.join(", ")));
    }
    meta
}

fn heading(level: u8, text: &str) -> Node {
    let trimmed = text.trim().trim_end_matches([':', '：']).trim_end();
    Node::Heading {
        level,
        text: if trimmed.is_empty() {
            text.trim()
        } else {
            trimmed
        }
        .to_owned(),
    }
}

fn block_node(block: &Block) -> Node {
    match block {
        Block::Paragraph { text, speaker } => Node::Paragraph {
            text: text.clone(),
            speaker: speaker.clone(),
        },
        Block::Quote { text, speaker } => Node::Quote {
            text: text.clone(),
            speaker: speaker.clone(),
        },
        Block::List { items, ordered } => Node::List {
            ordered: *ordered,
            items: items.iter().map(|i| Item::plain(i)).collect(),
            kind: ListKind::Body,
        },
    }
}

fn person_item(person: &Person) -> Item {
    let detail: Vec<&str> = [person.role.as_deref(), person.organisation.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    Item {
        text: person.name.clone(),
        detail: (!detail.is_empty()).then(|| detail.join(", ")),
        attribution: None,
    }
}

fn key_point_item(text: &str, attributed_to: Option<&str>) -> Item {
    Item {
        text: text.to_owned(),
        detail: None,
        attribution: attributed_to.map(str::to_owned),
    }
}

fn key_point_list(items: Vec<Item>) -> Node {
    Node::List {
        ordered: false,
        items,
        kind: ListKind::KeyPoints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyPoint, Section, Source};

    fn session() -> Session {
        let mut s = Session::new(
            "T",
            Source {
                path: None,
                format: "text".into(),
                sha256: String::new(),
            },
        );
        s.speakers.push(Person {
            name: "Ann Lee".into(),
            role: Some("Chair".into()),
            organisation: Some("ACME".into()),
            aliases: vec![],
        });
        s.sections.push(Section {
            heading: None,
            level: 1,
            blocks: vec![Block::Paragraph {
                text: "Intro.".into(),
                speaker: None,
            }],
        });
        s.sections.push(Section {
            heading: Some("Lessons learned:".into()),
            level: 1,
            blocks: vec![],
        });
        s.key_points.push(KeyPoint {
            text: "Be brief.".into(),
            attributed_to: Some("Ann Lee".into()),
            section: Some(1),
        });
        s
    }

    #[test]
    fn untitled_text_after_participants_gets_a_report_heading() {
        let view = DocumentView::of(&session());
        assert_eq!(
            view.headings(),
            vec![
                (1, "T"),
                (2, PARTICIPANTS_HEADING),
                (3, "Speaker"),
                (2, REPORT_HEADING),
                (2, "Lessons learned"),
            ]
        );
    }

    #[test]
    fn key_points_follow_their_section() {
        let view = DocumentView::of(&session());
        let Some(Node::List { kind, items, .. }) = view.nodes.last() else {
            panic!("last node is not a list: {:?}", view.nodes.last());
        };
        assert_eq!(*kind, ListKind::KeyPoints);
        assert_eq!(items[0].attribution.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn deep_model_levels_never_skip_when_rendered() {
        let mut s = session();
        s.sections[1].level = 3;
        let view = DocumentView::of(&s);
        let levels: Vec<u8> = view.headings().iter().map(|(l, _)| *l).collect();
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{levels:?}");
        }
    }
}
