//! The invariants every [`Session`] holds, checked in debug builds and by the tests.

use super::{Block, Session};

/// A broken invariant of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks the structural invariants: a title, heading levels from 1 without skips, key points
/// pointing at existing sections and attributed to known people.
pub fn validate(session: &Session) -> Vec<Violation> {
    let mut found = Vec::new();
    if session.title.trim().is_empty() {
        found.push(Violation("the title is empty".into()));
    }
    let mut previous_level = 0u8;
    for section in &session.sections {
        if section.level == 0 || section.level > previous_level.saturating_add(1).max(1) {
            found.push(Violation(format!(
                "section {:?} has level {} after level {}",
                section.heading, section.level, previous_level
            )));
        }
        if section.heading.is_some() {
            previous_level = section.level;
        }
    }
    for point in &session.key_points {
        if let Some(name) = &point.attributed_to
            && session.person_named(name).is_none()
        {
            found.push(Violation(format!(
                "key point attributed to {name:?}, who is not among the people"
            )));
        }
        if let Some(index) = point.section
            && index >= session.sections.len()
        {
            found.push(Violation(format!(
                "key point points at section {index}, which does not exist"
            )));
        }
    }
    found
}

/// Every piece of text the model presents as content, in reading order.
pub fn content_texts(session: &Session) -> Vec<&str> {
    let mut texts: Vec<&str> = vec![session.title.as_str()];
    texts.extend(session.subtitle.as_deref());
    texts.extend(session.date.as_deref());
    for (_, person) in session.people() {
        texts.push(&person.name);
        texts.extend(person.role.as_deref());
        texts.extend(person.organisation.as_deref());
    }
    for section in &session.sections {
        texts.extend(section.heading.as_deref());
        for block in &section.blocks {
            match block {
                Block::Paragraph { text, speaker } | Block::Quote { text, speaker } => {
                    texts.extend(speaker.as_deref());
                    texts.push(text);
                }
                Block::List { items, .. } => texts.extend(items.iter().map(String::as_str)),
            }
        }
    }
    for point in &session.key_points {
        texts.push(&point.text);
        texts.extend(point.attributed_to.as_deref());
    }
    texts
}

/// Splits text into lower-cased words (letters and digits), the unit of content conservation.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}
