//! Speaker turns in transcripts and minutes: "MODERATOR: …", "RUTH ABRAMS: …" (also inside a
//! line, when a PDF page was flattened), "Ana Silva: …", "Ana Silva (Org): …", "> Ana Silva: …".
//! Each turn becomes a paragraph with its `speaker`; the named speakers become people, and the
//! one who opens the session (welcomes everyone) its moderator.

use super::cues;
use super::people;
use super::sections::{Item, Kind};
use super::shapes::{self, split_field};

/// A document needs at least this many speaker labels to be read as a transcript: one
/// "Name: text" line in a report is more often a field or an attribution than a turn.
pub const MIN_TURNS: usize = 2;

/// Speaker labels that name a role or an unknown voice, not a person.
const ROLE_LABELS: &[&str] = &[
    "moderator",
    "chair",
    "audience",
    "participant",
    "speaker",
    "unknown",
    "unidentified",
    "interpreter",
    "captioner",
    "q",
    "a",
    "question",
    "answer",
    "male speaker",
    "female speaker",
    "unidentified speaker",
    "host",
    "facilitator",
    "all",
    "everyone",
];

/// A speaker label at the start of a line: the speaker, an organisation in parentheses, and
/// the turn's text.
fn line_label(text: &str) -> Option<(String, Option<String>, String)> {
    let field = split_field(text)?;
    if field.pipe {
        return None;
    }
    let label = field.label.trim();
    let normal = cues::normalise_label(label);
    // "MODERATOR: Welcome, everyone." is a turn; "Moderator: Ana Silva" is a people field.
    let caps_turn = shapes::is_caps_name(label)
        && !field.value.is_empty()
        && people::parse_people_value(&field.value).is_empty();
    if (cues::people_group(&normal).is_some() && !caps_turn)
        || cues::is_in(cues::TITLE_LABELS, &normal)
        || cues::is_in(cues::DATE_LABELS, &normal)
        || cues::is_in(cues::ACTION_LABELS, &normal)
        || normal
            .split_whitespace()
            .any(|w| cues::is_in(cues::FIELD_WORDS, w))
    {
        return None;
    }
    if shapes::is_caps_name(label) {
        return Some((label.to_owned(), None, field.value));
    }
    if field.value.is_empty() {
        return None;
    }
    if shapes::is_person_name(label) {
        return Some((label.to_owned(), None, field.value));
    }
    // "Ana Silva (Example Org): …"
    let (name, rest) = shapes::leading_name(label)?;
    let org = rest.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some((name.to_owned(), Some(org.trim().to_owned()), field.value))
}

/// Speaker labels in capitals inside a line ("… India RUTH ABRAMS: Ladies and …"): byte offset
/// of the label's start, the label, and the offset after its colon. Two words at least, so that
/// an acronym before a colon is not taken for a speaker.
fn inline_labels(text: &str) -> Vec<(usize, String, usize)> {
    let tokens = shapes::tokens_with_offsets(text);
    let mut out = Vec::new();
    for (k, (offset, token)) in tokens.iter().enumerate() {
        let Some(word) = token.strip_suffix(':') else {
            continue;
        };
        if !shapes::is_caps_name(word) {
            continue;
        }
        let mut first = k;
        let mut words = vec![word];
        while first > 0 && words.len() < 4 && shapes::is_caps_name(tokens[first - 1].1) {
            first -= 1;
            words.insert(0, tokens[first].1);
        }
        // The label starts the line or follows the end of a sentence or a lower-case word.
        if words.len() >= 2 && first > 0 {
            let label = words.join(" ");
            out.push((tokens[first].0, label, offset + token.len()));
        }
    }
    out
}

/// Marks speaker turns when the document has enough of them. Returns the speakers in order of
/// first appearance with any organisation written in their label, and their first turn.
pub fn mark_turns(items: &mut Vec<Item>) -> Vec<(String, Option<String>, String)> {
    let count: usize = items
        .iter()
        .filter(|i| matches!(i.kind, Kind::Text | Kind::Quote))
        .map(|i| usize::from(line_label(&i.text).is_some()) + inline_labels(&i.text).len())
        .sum();
    if count < MIN_TURNS {
        return Vec::new();
    }
    let mut speakers: Vec<(String, Option<String>, String)> = Vec::new();
    let mut note = |name: &str, org: Option<String>, text: &str| {
        if !speakers.iter().any(|(n, _, _)| n == name) {
            speakers.push((name.to_owned(), org, text.to_owned()));
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut current: Option<String> = None;
    for item in items.drain(..) {
        match item.kind {
            Kind::Text | Kind::Quote => {
                let (start_speaker, body) = match line_label(&item.text) {
                    Some((name, org, value)) => {
                        note(&name, org, &value);
                        current = Some(name.clone());
                        (Some(name), value)
                    }
                    None => (None, item.text.clone()),
                };
                let labels = inline_labels(&body);
                let mut speaker =
                    start_speaker.or_else(|| current.clone().filter(|_| item.kind == Kind::Text));
                let mut from = 0;
                for (k, (start, label, after)) in labels.iter().enumerate() {
                    push_turn(
                        &mut out,
                        &item.kind,
                        speaker.take(),
                        body[from..*start].trim(),
                    );
                    let end = labels.get(k + 1).map_or(body.len(), |next| next.0);
                    note(label, None, body[*after..end].trim());
                    speaker = Some(label.clone());
                    current = Some(label.clone());
                    from = *after;
                }
                push_turn(&mut out, &item.kind, speaker, body[from..].trim());
            }
            // A heading or a blank line ends a turn: the next paragraph has its own label or none.
            Kind::Heading(_) | Kind::Blank => {
                current = None;
                out.push(item);
            }
            _ => out.push(item),
        }
    }
    *items = out;
    speakers
}

fn push_turn(out: &mut Vec<Item>, kind: &Kind, speaker: Option<String>, text: &str) {
    if text.is_empty() {
        return;
    }
    let kind = match speaker {
        Some(name) => Kind::Turn(name),
        None => kind.clone(),
    };
    out.push(Item {
        kind,
        text: text.to_owned(),
    });
}

/// True when a speaker label names a role or an unknown voice rather than a person.
pub fn is_role_label(label: &str) -> bool {
    cues::is_in(ROLE_LABELS, &cues::normalise_label(label))
}

/// True when a first turn opens the session ("Good morning, everybody. Welcome to …").
pub fn opens_session(turn: &str) -> bool {
    let lower = turn.to_lowercase();
    cues::WELCOME_CUES.iter().any(|c| lower.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Item {
        Item {
            kind: Kind::Text,
            text: t.into(),
        }
    }

    #[test]
    fn transcript_speaker_labels_at_line_start() {
        let mut items = vec![
            text("MODERATOR: Welcome all."),
            text("Ana Silva (Example Org): Thanks."),
            text("Plain line."),
        ];
        let speakers = mark_turns(&mut items);
        assert_eq!(items[0].kind, Kind::Turn("MODERATOR".into()));
        assert_eq!(items[1].kind, Kind::Turn("Ana Silva".into()));
        assert_eq!(items[1].text, "Thanks.");
        assert_eq!(speakers[1].1.as_deref(), Some("Example Org"));
    }

    #[test]
    fn transcript_labels_inside_a_flattened_line() {
        let mut items = vec![text(
            "Forum 2 EN header RUTH ABRAMS: Please sit. KOFI MENSAH: Welcome to the forum.",
        )];
        let speakers = mark_turns(&mut items);
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].kind, Kind::Text);
        assert_eq!(items[2].kind, Kind::Turn("KOFI MENSAH".into()));
        assert!(opens_session(&speakers[1].2));
    }

    #[test]
    fn transcript_fields_are_not_turns() {
        let mut items = vec![
            text("Proposer's Name: Ms. Ana Silva"),
            text("Stakeholder Group: Civil Society"),
            text("Hi everybody: There"),
        ];
        assert!(mark_turns(&mut items).is_empty());
        assert_eq!(items[0].kind, Kind::Text);
    }
}
