//! Key points: the items listed under "Lessons learned", "Key takeaways", "Recommendations",
//! "Way forward" and the like; a list introduced by a paragraph that announces key findings or
//! messages and ends with a colon; and action items in minutes ("… (Action: Dana)"). Points
//! leave the body (their heading stays as a section) and keep the index of that section. An
//! attribution is split off only when it names a known person; otherwise the text stays whole.

use super::attribution;
use super::cues;
use crate::model::{Block, KeyPoint, PersonGroup, Session};

/// True for a heading under which listed items are key points.
pub fn is_key_point_heading(heading: &str) -> bool {
    let label = cues::normalise_label(heading);
    cues::is_in(cues::KEY_POINT_CUES, &label)
        || cues::KEY_POINT_CUES
            .iter()
            .filter(|c| c.contains(' '))
            .any(|c| label.starts_with(c))
}

fn is_point_intro(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.trim_end().ends_with(':') && cues::KEY_POINT_INTRO_CUES.iter().any(|c| lower.contains(c))
}

/// Moves the key points out of the body into `session.key_points`.
pub fn collect(session: &mut Session) {
    let mut raw: Vec<(String, usize)> = Vec::new();
    for (index, section) in session.sections.iter_mut().enumerate() {
        let under_cue = section.heading.as_deref().is_some_and(is_key_point_heading);
        let has_list = section
            .blocks
            .iter()
            .any(|b| matches!(b, Block::List { .. }));
        let mut kept = Vec::with_capacity(section.blocks.len());
        for block in std::mem::take(&mut section.blocks) {
            let after_intro = matches!(kept.last(), Some(Block::Paragraph { text, speaker: None }) if is_point_intro(text));
            match block {
                Block::List { items, .. } if under_cue || after_intro => {
                    raw.extend(items.into_iter().map(|i| (i, index)));
                }
                Block::Paragraph {
                    text,
                    speaker: None,
                } if under_cue && !has_list => raw.push((text, index)),
                other => kept.push(other),
            }
        }
        section.blocks = kept;
    }
    let mut points: Vec<KeyPoint> = raw
        .into_iter()
        .map(|(text, section)| point(session, text, section))
        .collect();
    points.extend(action_items(session));
    session.key_points = points;
}

/// A point with its attribution split off when it names a known person (who then gets the
/// written form as an alias when it differs from their name).
fn point(session: &mut Session, text: String, section: usize) -> KeyPoint {
    let found = attribution::trailing(&text).or_else(|| attribution::leading(&text));
    if let Some(found) = found
        && let Some((group, index)) = attribution::resolve(session, found.name)
    {
        let name = found.name.to_owned();
        let body = found.text.to_owned();
        note_alias(session, group, index, &name);
        return KeyPoint {
            text: body,
            attributed_to: Some(name),
            section: Some(section),
        };
    }
    KeyPoint {
        text,
        attributed_to: None,
        section: Some(section),
    }
}

fn note_alias(session: &mut Session, group: PersonGroup, index: usize, written: &str) {
    let person = &mut super::sections::group_mut(session, group)[index];
    if person.name != written && !person.aliases.iter().any(|a| a == written) {
        person.aliases.push(written.to_owned());
    }
}

/// Action items in minutes' paragraphs: "Pat will book rooms (Action: Pat)More rooms
/// (Action: Pat)". A paragraph leaves the body when each of its actions names a known
/// person; otherwise it stays whole.
fn action_items(session: &mut Session) -> Vec<KeyPoint> {
    let mut out = Vec::new();
    for index in 0..session.sections.len() {
        let mut kept = Vec::new();
        for block in std::mem::take(&mut session.sections[index].blocks) {
            let Block::Paragraph {
                text,
                speaker: None,
            } = &block
            else {
                kept.push(block);
                continue;
            };
            let Some((actions, rest)) = split_actions(text) else {
                kept.push(block);
                continue;
            };
            let resolved: Option<Vec<(PersonGroup, usize)>> = actions
                .iter()
                .map(|(_, name)| attribution::resolve(session, name))
                .collect();
            let Some(resolved) = resolved else {
                kept.push(block);
                continue;
            };
            for ((point, name), (group, person)) in actions.into_iter().zip(resolved) {
                note_alias(session, group, person, &name);
                session.removed.push(crate::model::Removal {
                    text: "Action:".to_owned(),
                    reason:
                        "field-label: action-item label; the point and its owner are a key point"
                            .to_owned(),
                });
                out.push(KeyPoint {
                    text: point,
                    attributed_to: Some(name),
                    section: Some(index),
                });
            }
            if !rest.is_empty() {
                kept.push(Block::Paragraph {
                    text: rest,
                    speaker: None,
                });
            }
        }
        session.sections[index].blocks = kept;
    }
    out
}

/// Splits a paragraph at its action cues: the points with their names, and any text after
/// the last one.
fn split_actions(text: &str) -> Option<(Vec<(String, String)>, String)> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `text`.
    let lower = text.to_ascii_lowercase();
    let mut actions = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(found) = lower[search..].find("action:") {
        let at = search + found;
        search = at + "action:".len();
        let paren = text[..at].ends_with('(');
        let cue_start = if paren { at - 1 } else { at };
        let value_end = if paren {
            text[search..].find(')').map_or(text.len(), |p| search + p)
        } else {
            text.len()
        };
        let name = text[search..value_end]
            .trim()
            .trim_end_matches(['?', '.', '!'])
            .trim();
        let point = text[from..cue_start].trim();
        if point.is_empty() || name.is_empty() || name.split_whitespace().count() > 4 {
            continue;
        }
        actions.push((point.to_owned(), name.to_owned()));
        from = (value_end + usize::from(paren)).min(text.len());
        search = from;
    }
    (!actions.is_empty()).then(|| (actions, text[from..].trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_points_action_items_glued_together() {
        let (actions, rest) =
            split_actions("Book rooms (Action: Pat)More rooms for Wed (Action: Pat)").unwrap();
        assert_eq!(
            actions,
            [
                ("Book rooms".to_owned(), "Pat".to_owned()),
                ("More rooms for Wed".to_owned(), "Pat".to_owned())
            ]
        );
        assert_eq!(rest, "");
        let (actions, _) = split_actions("Weds talksAction: all").unwrap();
        assert_eq!(actions[0], ("Weds talks".to_owned(), "all".to_owned()));
    }

    #[test]
    fn key_points_heading_cues() {
        assert!(is_key_point_heading("Lessons learned:"));
        assert!(is_key_point_heading(
            "Key Issues raised (1 sentence per issue)"
        ));
        assert!(is_key_point_heading("Way forward"));
        assert!(!is_key_point_heading("Session description"));
    }
}
