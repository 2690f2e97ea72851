//! Extract: a cleaned [`RawDoc`](crate::model::raw::RawDoc) → [`Session`]: title, people,
//! questions, sections and key points.
//!
//! The steps, each in its own module: the blocks become items ([`sections::items`]); speaker
//! turns are marked ([`transcript`]); the title is found ([`title`]); the body is walked into
//! sections while people lines and dates go to their fields ([`sections::walk`], [`people`],
//! [`dates`]); then questions ([`questions`]) and key points ([`key_points`], [`attribution`])
//! are read from the sections. Cue words live in [`cues`]. Every word of the input ends up in
//! the model's content or in `removed`.

pub mod attribution;
pub mod cues;
pub mod dates;
pub mod key_points;
pub mod people;
pub mod questions;
pub mod sections;
pub mod shapes;
pub mod title;
pub mod transcript;

use crate::clean::Cleaned;
use crate::error::IngestError;
use crate::model::{LastEdited, Person, PersonGroup, Removal, Session, Source};

/// Builds the session from a cleaned document.
pub fn extract(cleaned: Cleaned, source: Source) -> Result<Session, IngestError> {
    let Cleaned { doc, mut removed } = cleaned;
    let mut items = sections::items(&doc);
    strip_running_headers(&mut items, &mut removed);
    let speakers = transcript::mark_turns(&mut items);
    let found = title::find(&items, &doc.metadata, &removed, source.path.as_deref());

    let mut session = Session::new(found.title.clone(), source);
    session.subtitle = found.subtitle.clone();
    session.date = found.date.clone();
    if let Some(label) = &found.label {
        removed.push(field_label(label));
    }
    apply_metadata(&mut session, &doc.metadata);
    let walked = sections::walk(&items, &found.consumed, &mut session);
    removed.extend(walked.labels.iter().map(|l| field_label(l)));

    if session.date.is_none() {
        session.date = header_date(&session);
    }
    add_speakers(&mut session, speakers);
    fill_affiliations(&mut session);
    session.questions = questions::collect(&session.sections);
    session.last_edited = removed.iter().find_map(last_edited);
    session.removed = removed;
    key_points::collect(&mut session);
    session.warnings.extend(doc.warnings);
    Ok(session)
}

/// A date written in the lines above the body ("12 June 2020 | 11:30-13:00 | Studio"): the
/// paragraphs before the first long one.
fn header_date(session: &Session) -> Option<String> {
    session
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map_while(|b| match b {
            crate::model::Block::Paragraph { text, .. }
                if shapes::word_count(text) < sections::LONG_PARAGRAPH_WORDS =>
            {
                Some(text)
            }
            _ => None,
        })
        .find_map(|t| dates::find_date(t))
        .map(str::to_owned)
}

fn field_label(label: &str) -> Removal {
    Removal {
        text: label.to_owned(),
        reason: "field-label: label of a field whose value is in the model".to_owned(),
    }
}

/// Front matter and document properties: title (when the body gave none), subtitle, date,
/// language.
fn apply_metadata(session: &mut Session, metadata: &[(String, String)]) {
    for (key, value) in metadata {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "subtitle" if session.subtitle.is_none() => session.subtitle = Some(value.to_owned()),
            "date" if session.date.is_none() => session.date = Some(value.to_owned()),
            "lang" | "language" => session.language = value.to_owned(),
            _ => {}
        }
    }
}

/// A transcript's page header glued to the start of a line ("LISBON – Forum 3 EN Note: …"):
/// the header goes to `removed` like its stand-alone copies, the rest of the line stays.
fn strip_running_headers(items: &mut [sections::Item], removed: &mut Vec<Removal>) {
    let headers: Vec<(String, String)> = removed
        .iter()
        .filter(|r| r.reason.starts_with("running-header:"))
        .map(|r| (r.text.clone(), r.reason.clone()))
        .collect();
    for item in items.iter_mut() {
        for (header, reason) in &headers {
            if let Some(rest) = item.text.strip_prefix(header.as_str())
                && rest.starts_with(' ')
            {
                removed.push(Removal {
                    text: header.clone(),
                    reason: reason.clone(),
                });
                item.text = rest.trim().to_owned();
            }
        }
    }
}

/// The named speakers of a transcript become speakers; the first who opens the session
/// (welcomes everyone) is its moderator when no moderator is named elsewhere.
fn add_speakers(session: &mut Session, speakers: Vec<(String, Option<String>, String)>) {
    let mut moderator_found = !session.moderators.is_empty();
    for (name, organisation, first_turn) in speakers {
        if transcript::is_role_label(&name) || attribution::resolve(session, &name).is_some() {
            continue;
        }
        let group = if !moderator_found && transcript::opens_session(&first_turn) {
            moderator_found = true;
            PersonGroup::Moderators
        } else {
            PersonGroup::Speakers
        };
        sections::add_person(
            session,
            group,
            people::ParsedPerson {
                name,
                role: None,
                organisation,
                complete: true,
                rest: None,
            },
        );
    }
}

/// A person named alone under a "Moderator" label who is listed with an affiliation elsewhere
/// (an "Organizer 2: Bo Li, Example Registry" line) gets that affiliation.
fn fill_affiliations(session: &mut Session) {
    let known: Vec<Person> = session
        .people()
        .map(|(_, p)| p.clone())
        .filter(|p| p.role.is_some() || p.organisation.is_some())
        .collect();
    for group in PersonGroup::ALL {
        for person in sections::group_mut(session, group) {
            if person.role.is_some() || person.organisation.is_some() {
                continue;
            }
            if let Some(other) = known
                .iter()
                .find(|k| k.name.to_lowercase() == person.name.to_lowercase())
            {
                person.role = other.role.clone();
                person.organisation = other.organisation.clone();
            }
        }
    }
}

/// "Page history last edited by Ann Lee 9 years, 3 months ago" → by and when;
/// "This page was last edited on 3 May 2021, at 10:00." → when.
fn last_edited(removal: &Removal) -> Option<LastEdited> {
    if !removal.reason.starts_with("page-history:") {
        return None;
    }
    let text = removal.text.trim().trim_end_matches('.');
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower
        .find("edited by ")
        .or_else(|| lower.find("modified by "))
        .or_else(|| lower.find("updated by "))
        .or_else(|| lower.find("created by "))
    {
        let after = &text[at + lower[at..].find("by ").unwrap_or(0) + 3..];
        let (by, when) = match shapes::leading_name(after) {
            Some((name, rest)) => (name.to_owned(), rest.trim_start_matches(',').trim()),
            None => {
                let (name, rest) = after.split_once(',').unwrap_or((after, ""));
                (name.trim().to_owned(), rest.trim())
            }
        };
        let when = when
            .strip_prefix("last modified on ")
            .or_else(|| when.strip_prefix("on "))
            .unwrap_or(when);
        return Some(LastEdited {
            by: Some(by).filter(|b| !b.is_empty()),
            when: Some(when.to_owned()).filter(|w| !w.is_empty()),
        });
    }
    let when = lower
        .find(" on ")
        .map(|at| text[at + 4..].trim().to_owned())
        .filter(|w| !w.is_empty());
    Some(LastEdited { by: None, when })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removal(text: &str) -> Removal {
        Removal {
            text: text.into(),
            reason: "page-history: wiki page history line".into(),
        }
    }

    #[test]
    fn last_edited_pbworks() {
        let e = last_edited(&removal(
            "Page history last edited by Ann Lee 9 years, 3 months ago",
        ))
        .unwrap();
        assert_eq!(e.by.as_deref(), Some("Ann Lee"));
        assert_eq!(e.when.as_deref(), Some("9 years, 3 months ago"));
    }

    #[test]
    fn last_edited_mediawiki_and_confluence() {
        let e = last_edited(&removal(
            "This page was last edited on 3 May 2021, at 10:00.",
        ))
        .unwrap();
        assert_eq!(
            (e.by, e.when.as_deref()),
            (None, Some("3 May 2021, at 10:00"))
        );
        let e = last_edited(&removal("Created by Ann Lee, last modified on May 3, 2019")).unwrap();
        assert_eq!(
            (e.by.as_deref(), e.when.as_deref()),
            (Some("Ann Lee"), Some("May 3, 2019"))
        );
    }
}
