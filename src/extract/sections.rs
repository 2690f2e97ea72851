//! The body: raw blocks → items (text, bullet, heading, quote, speaker turn) → sections of
//! paragraphs, lists and quotes, with people lines and date lines taken out into the model.
//!
//! Plain text has no markup, so headings are recognised by shape: a short line after a blank
//! line that does not end like a sentence, or a known section name ("Agenda", "Lessons
//! learned:") wherever it stands. A short line straight after such a heading is its value
//! ("Room" / "Hall B"), not another heading.

use super::cues;
use super::dates;
use super::people::{self, ParsedPerson};
use super::shapes::{self, split_field, strip_list_marker, word_count};
use crate::model::raw::{RawDoc, RawKind};
use crate::model::{Block, Person, PersonGroup, Section, Session};

/// The most words of a heading recognised by shape; longer lines are prose or field lines.
/// Ten covers "Organising Team (Org Team) List th" and "Session materials and Further reading".
pub const MAX_HEADING_WORDS: usize = 10;

/// Roman-numbered headings ("II. Como articular os espaços…?") may be longer.
pub const MAX_NUMBERED_HEADING_WORDS: usize = 25;

/// A template's prompt ending in a colon ("If there were presentations during the session,
/// please provide a 1-paragraph summary for each Presentation:") heads the answer below it up to
/// this many words; longer lines ending in a colon are prose introducing a list.
pub const MAX_PROMPT_WORDS: usize = 30;

/// A paragraph this long is prose: the header zone (title, people, dates) ends before it.
pub const LONG_PARAGRAPH_WORDS: usize = 20;

/// A line ending in a comma is continued on the next line when it is this short ("Ines
/// Okafor," / "Director of …"): longer lines ending in a comma are verse or lists, kept apart.
pub const MAX_CONTINUED_WORDS: usize = 12;

/// What an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A blank line or a block boundary.
    Blank,
    /// A line of text, shape unknown.
    Text,
    /// A list item.
    Bullet {
        /// True for a numbered list.
        ordered: bool,
    },
    /// A heading the reader marked ("# Title", an HTML `<h2>`), with its level.
    Heading(u8),
    /// A quotation ("> text").
    Quote,
    /// A speaker's turn in a transcript.
    Turn(String),
}

/// One line or block of the document on its way into the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Its text, markers removed.
    pub text: String,
}

impl Item {
    fn new(kind: Kind, text: impl Into<String>) -> Self {
        Item {
            kind,
            text: text.into(),
        }
    }
}

/// Turns raw blocks into items: markers of plain-text lines recognised, wrapped lines joined.
pub fn items(doc: &RawDoc) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let text = block.text.trim();
        match block.kind {
            RawKind::Line => out.push(line_item(text)),
            RawKind::Heading(level) => {
                out.push(Item::new(Kind::Heading(level.max(1)), text));
                out.push(Item::new(Kind::Blank, ""));
            }
            RawKind::Paragraph => {
                out.push(Item::new(Kind::Text, text));
                out.push(Item::new(Kind::Blank, ""));
            }
            RawKind::ListItem { ordered } => {
                out.push(Item::new(Kind::Bullet { ordered }, text));
                let next_is_item = doc
                    .blocks
                    .get(i + 1)
                    .is_some_and(|b| matches!(b.kind, RawKind::ListItem { .. }));
                if !next_is_item {
                    out.push(Item::new(Kind::Blank, ""));
                }
            }
            RawKind::Quote => {
                out.push(Item::new(Kind::Quote, text));
                out.push(Item::new(Kind::Blank, ""));
            }
        }
    }
    join_wrapped(out)
}

fn line_item(text: &str) -> Item {
    if text.is_empty() {
        return Item::new(Kind::Blank, "");
    }
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
        return Item::new(Kind::Heading(hashes as u8), text[hashes..].trim());
    }
    if let Some(rest) = text.strip_prefix('>') {
        return Item::new(Kind::Quote, rest.trim());
    }
    if let Some((ordered, rest)) = strip_list_marker(text) {
        return Item::new(Kind::Bullet { ordered }, rest);
    }
    Item::new(Kind::Text, text)
}

/// Joins a short line ending in a comma with the line after it ("Ines Okafor," / "Director
/// of …"), and a line continued by one starting in lower case (text wrapped by a mail client).
fn join_wrapped(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    for item in items {
        if item.kind == Kind::Text
            && let Some(previous) = out.last_mut()
            && previous.kind == Kind::Text
        {
            let by_comma =
                previous.text.ends_with(',') && word_count(&previous.text) <= MAX_CONTINUED_WORDS;
            let by_case = !previous.text.ends_with(['.', '!', '?', ':', ';', ')'])
                && word_count(&previous.text) >= 8
                && item.text.chars().next().is_some_and(char::is_lowercase);
            if by_comma || by_case {
                previous.text.push(' ');
                previous.text.push_str(&item.text);
                continue;
            }
        }
        out.push(item);
    }
    out
}

/// Where a heading stands, for the shape test.
pub struct HeadingContext {
    /// A blank line or the document's start comes before it.
    pub after_blank: bool,
    /// The previous item was a heading with nothing under it yet.
    pub after_empty_heading: bool,
    /// The next non-blank item is a list item.
    pub before_list: bool,
}

/// True when a line names a known section, key-point, question or people heading.
pub fn is_known_heading(text: &str) -> bool {
    let label = cues::normalise_label(text);
    if word_count(text) > MAX_HEADING_WORDS || text.contains(": ") {
        return false;
    }
    cues::is_in(cues::SECTION_NAMES, &label)
        || cues::is_in(cues::KEY_POINT_CUES, &label)
        || cues::is_in(cues::QUESTION_CUES, &label)
        || cues::people_group(&label).is_some()
}

/// True when a plain-text line has the shape of a heading where it stands.
pub fn is_heading_shape(text: &str, cx: &HeadingContext) -> bool {
    let words = word_count(text);
    if words == 0 {
        return false;
    }
    if is_known_heading(text) {
        return true;
    }
    if !cx.after_blank || cx.after_empty_heading {
        return false;
    }
    if text.contains('|') || text.starts_with(['[', '(', '"', '“']) || text.contains("://") {
        return false;
    }
    if shapes::has_roman_number(text) {
        return words <= MAX_NUMBERED_HEADING_WORDS && !text.ends_with('.');
    }
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    words <= MAX_HEADING_WORDS
        && starts_well
        && !shapes::ends_like_prose(text)
        && !text.ends_with('?')
        && !text.contains(": ")
        && !dates::is_date_only(text)
        && !dates::is_time_only(text)
        // "Focal Point" above a list is a heading; "Ana Silva" alone is a name.
        && (!shapes::is_person_name(text) || cx.before_list)
        && !text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// Extra text the walk moved out of the body without a home in the model's fields: field
/// labels of lines whose values went into the model.
#[derive(Debug, Default)]
pub struct WalkOutput {
    /// Labels whose lines left the body ("Moderator:"), for the audit in `removed`.
    pub labels: Vec<String>,
}

/// Builds the sections and the people and date fields from the items. `skip` holds the items
/// already used (the title).
pub fn walk(items: &[Item], skip: &[usize], session: &mut Session) -> WalkOutput {
    let mut w = Walker {
        session,
        sections: vec![Section {
            heading: None,
            level: 1,
            blocks: Vec::new(),
        }],
        list: None,
        people_block: None,
        heading_open: false,
        in_header: true,
        after_blank: true,
        after_person: false,
        before_list: false,
        explicit_base: items
            .iter()
            .enumerate()
            .filter(|(i, it)| !skip.contains(i) && matches!(it.kind, Kind::Heading(_)))
            .filter_map(|(_, it)| match it.kind {
                Kind::Heading(level) => Some(level),
                _ => None,
            })
            .min()
            .unwrap_or(1),
        output: WalkOutput::default(),
    };
    for (i, item) in items.iter().enumerate() {
        if skip.contains(&i) {
            w.after_blank = true;
            continue;
        }
        let before_list = items[i + 1..]
            .iter()
            .find(|it| it.kind != Kind::Blank)
            .is_some_and(|it| matches!(it.kind, Kind::Bullet { .. }));
        w.item(item, before_list);
    }
    w.flush_list();
    let mut sections = std::mem::take(&mut w.sections);
    if sections
        .first()
        .is_some_and(|s| s.heading.is_none() && s.blocks.is_empty())
    {
        sections.remove(0);
    }
    w.session.sections = sections;
    w.output
}

struct Walker<'a> {
    session: &'a mut Session,
    sections: Vec<Section>,
    list: Option<(bool, Vec<String>)>,
    people_block: Option<(PersonGroup, usize)>,
    heading_open: bool,
    in_header: bool,
    after_blank: bool,
    after_person: bool,
    before_list: bool,
    explicit_base: u8,
    output: WalkOutput,
}

impl Walker<'_> {
    fn item(&mut self, item: &Item, before_list: bool) {
        self.before_list = before_list;
        let text = item.text.as_str();
        match &item.kind {
            Kind::Blank => {
                if let Some((_, count)) = self.people_block
                    && count > 0
                {
                    self.people_block = None;
                }
                self.after_blank = true;
                self.after_person = false;
                return;
            }
            Kind::Heading(level) => self.explicit_heading(text, *level),
            Kind::Text => self.text(text),
            Kind::Bullet { ordered } => self.bullet(text, *ordered),
            Kind::Quote => {
                self.flush_list();
                self.push(Block::Quote {
                    text: text.to_owned(),
                    speaker: None,
                });
            }
            Kind::Turn(speaker) => {
                self.flush_list();
                self.push(Block::Paragraph {
                    text: text.to_owned(),
                    speaker: Some(speaker.clone()),
                });
            }
        }
        self.after_blank = false;
    }

    fn explicit_heading(&mut self, text: &str, level: u8) {
        if let Some(field) = split_field(text)
            && !field.value.is_empty()
        {
            // "### Session Facilitator(s): Erika Owens, …" is a field, not a section.
            if self.people_field(text, &field.label, &field.value) {
                return;
            }
            self.date_field(&field.label, &field.value);
            self.paragraph(text);
            return;
        }
        let level = level.saturating_sub(self.explicit_base).saturating_add(1);
        self.heading(text, level);
        if let Some(group) = cues::people_group(&cues::normalise_label(text)) {
            self.people_block = Some((group, 0));
        }
    }

    fn text(&mut self, text: &str) {
        if word_count(text) >= LONG_PARAGRAPH_WORDS {
            self.in_header = false;
        }
        if let Some(field) = split_field(text) {
            let label = cues::normalise_label(&field.label);
            if field.value.is_empty() {
                if word_count(&field.label) <= MAX_HEADING_WORDS && !field.label.is_empty() {
                    self.heading(text, 1);
                    if let Some(group) = cues::people_group(&label) {
                        self.people_block = Some((group, 0));
                    }
                    return;
                }
            } else {
                if self.people_field(text, &field.label, &field.value) {
                    return;
                }
                self.date_field(&field.label, &field.value);
                self.people_block = None;
                self.paragraph(text);
                return;
            }
        }
        if text.ends_with(':')
            && word_count(text) <= MAX_PROMPT_WORDS
            && !text.contains(": ")
            && text.chars().next().is_some_and(char::is_uppercase)
        {
            self.heading(text, 1);
            return;
        }
        if let Some((group, count)) = self.people_block {
            let found = people::parse_people_value(text);
            if !found.is_empty() {
                let complete = found.iter().all(|p| p.complete && p.rest.is_none());
                for person in found {
                    self.add_person(group, person);
                }
                self.people_block = Some((group, count + 1));
                if !complete {
                    self.paragraph(text);
                }
                self.heading_open = false;
                return;
            }
            self.people_block = None;
        }
        // An uncued people line is "Name, Role, Organisation" before the body starts or right
        // after another people line; a short line under a heading is that heading's value.
        if (self.in_header || self.after_person)
            && !self.heading_open
            && shapes::leading_name(text).is_some_and(|(_, rest)| rest.starts_with(','))
            && let Some(person) = people::parse_person(text)
            && (person.role.is_some() || person.organisation.is_some())
        {
            let complete = person.complete && person.rest.is_none();
            self.add_person(PersonGroup::Speakers, person);
            self.after_person = true;
            if !complete {
                self.paragraph(text);
            }
            self.heading_open = false;
            return;
        }
        self.after_person = false;
        if self.in_header && self.session.date.is_none() && dates::is_date_only(text) {
            self.session.date = Some(text.to_owned());
            return;
        }
        // "Thursday, 16 May 2024 – 14:00 to 15:00": a date line with a time stays as written.
        if let Some(date) = dates::find_date(text)
            && text.starts_with(date)
        {
            if self.in_header && self.session.date.is_none() {
                self.session.date = Some(date.to_owned());
            }
            self.paragraph(text);
            return;
        }
        let cx = HeadingContext {
            after_blank: self.after_blank,
            after_empty_heading: self.heading_open,
            before_list: self.before_list,
        };
        if is_heading_shape(text, &cx) {
            self.heading(text, 1);
            if let Some(group) = cues::people_group(&cues::normalise_label(text)) {
                self.people_block = Some((group, 0));
            }
            return;
        }
        self.paragraph(text);
    }

    fn bullet(&mut self, text: &str, ordered: bool) {
        // "• Moderator: Ana Silva, Chair, Org" under "Key Participants".
        if let Some(field) = split_field(text)
            && !field.value.is_empty()
            && self.people_field(text, &field.label, &field.value)
        {
            self.heading_open = false;
            return;
        }
        if let Some((group, count)) = self.people_block {
            let found = people::parse_people_value(text);
            if !found.is_empty() && found.iter().all(|p| p.rest.is_none()) {
                let complete = found.iter().all(|p| p.complete);
                for person in found {
                    self.add_person(group, person);
                }
                self.people_block = Some((group, count + 1));
                if complete {
                    return;
                }
            } else {
                self.people_block = None;
            }
        }
        match &mut self.list {
            Some((o, items)) if *o == ordered => items.push(text.to_owned()),
            _ => {
                self.flush_list();
                self.list = Some((ordered, vec![text.to_owned()]));
            }
        }
        self.heading_open = false;
    }

    /// A "Label: value" whose label names a people group: the people go to the model. The
    /// line leaves the body when every word but the label is in a person's fields.
    fn people_field(&mut self, text: &str, label: &str, value: &str) -> bool {
        let normal = cues::normalise_label(label);
        let Some(group) = cues::people_group(&normal) else {
            return false;
        };
        let found = people::parse_people_value(value);
        if found.is_empty() {
            return false;
        }
        let numbered = label.chars().any(|c| c.is_ascii_digit());
        let complete = !numbered && found.iter().all(|p| p.complete && p.rest.is_none());
        let mut label_kept = false;
        let single = found.len() == 1;
        for mut person in found {
            // "Chair: Dana Whitlock", "Note taker: …": with no other role written, the label
            // of a single person is their role in the session (a label over several names is
            // a list heading, not a role).
            if person.role.is_none() && !numbered && single {
                person.role = Some(label.trim().to_owned());
                label_kept = true;
            }
            self.add_person(group, person);
        }
        if complete {
            if !label_kept {
                self.output.labels.push(format!("{}:", label.trim()));
            }
        } else {
            // A word would be lost (a stakeholder group, a roster number, text glued to the
            // name): the line stays in the body as written.
            self.paragraph(text);
        }
        // Lines after "Moderator: Ana Silva, …" that are people lines too are the panel: the
        // uncued-person rule reads them as speakers.
        self.people_block = None;
        self.after_person = true;
        true
    }

    fn date_field(&mut self, label: &str, value: &str) {
        if self.session.date.is_none()
            && cues::is_in(cues::DATE_LABELS, &cues::normalise_label(label))
        {
            self.session.date = Some(dates::find_date(value).unwrap_or(value).to_owned());
        }
    }

    fn add_person(&mut self, group: PersonGroup, parsed: ParsedPerson) {
        add_person(self.session, group, parsed);
    }

    fn heading(&mut self, text: &str, level: u8) {
        self.flush_list();
        let previous = self
            .sections
            .iter()
            .rev()
            .find(|s| s.heading.is_some())
            .map_or(0, |s| s.level);
        let level = level.clamp(1, previous.saturating_add(1).clamp(1, 3));
        self.sections.push(Section {
            heading: Some(text.to_owned()),
            level,
            blocks: Vec::new(),
        });
        self.heading_open = true;
        self.people_block = None;
    }

    fn paragraph(&mut self, text: &str) {
        self.flush_list();
        self.push(Block::Paragraph {
            text: text.to_owned(),
            speaker: None,
        });
    }

    fn push(&mut self, block: Block) {
        self.heading_open = false;
        if let Some(section) = self.sections.last_mut() {
            section.blocks.push(block);
        }
    }

    fn flush_list(&mut self) {
        if let Some((ordered, items)) = self.list.take() {
            self.push(Block::List { items, ordered });
        }
    }
}

/// Adds a person to a group, or fills in the role and organisation of the same name already
/// there.
pub fn add_person(session: &mut Session, group: PersonGroup, parsed: ParsedPerson) {
    let list = group_mut(session, group);
    let folded = parsed.name.to_lowercase();
    if let Some(existing) = list.iter_mut().find(|p| p.name.to_lowercase() == folded) {
        if existing.role.is_none() {
            existing.role = parsed.role;
        }
        if existing.organisation.is_none() {
            existing.organisation = parsed.organisation;
        }
        return;
    }
    list.push(Person {
        name: parsed.name,
        role: parsed.role,
        organisation: parsed.organisation,
        aliases: Vec::new(),
    });
}

/// The people of one group, to change.
pub fn group_mut(session: &mut Session, group: PersonGroup) -> &mut Vec<Person> {
    match group {
        PersonGroup::Moderators => &mut session.moderators,
        PersonGroup::Speakers => &mut session.speakers,
        PersonGroup::Rapporteurs => &mut session.rapporteurs,
        PersonGroup::Organisers => &mut session.organisers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(after_blank: bool, after_empty_heading: bool) -> HeadingContext {
        HeadingContext {
            after_blank,
            after_empty_heading,
            before_list: false,
        }
    }

    #[test]
    fn heading_short_line_after_blank() {
        assert!(is_heading_shape("Session teaser", &cx(true, false)));
        assert!(!is_heading_shape("Session teaser", &cx(false, false)));
        assert!(!is_heading_shape("Hall B", &cx(true, true)));
        assert!(!is_heading_shape("I mean I --", &cx(true, false)));
        assert!(!is_heading_shape(
            "Why don't we get started?",
            &cx(true, false)
        ));
    }

    #[test]
    fn heading_known_names_anywhere() {
        assert!(is_heading_shape("Attendees", &cx(false, false)));
        assert!(is_heading_shape("Lessons learned:", &cx(false, false)));
        assert!(!is_heading_shape(
            "Lessons learned: many",
            &cx(false, false)
        ));
    }

    #[test]
    fn heading_roman_numbered_question() {
        assert!(is_heading_shape(
            "II. Como articular os espaços nacionais no IGF global?",
            &cx(true, false)
        ));
    }

    #[test]
    fn items_join_comma_continuation() {
        let doc =
            crate::ingest::text::lines("Ines Okafor,\nDirector of Studies, Delta Institute\n");
        let items = items(&doc);
        assert_eq!(
            items[0].text,
            "Ines Okafor, Director of Studies, Delta Institute"
        );
    }

    #[test]
    fn items_markers() {
        let doc = crate::ingest::text::lines("# Title\n• point\n1. first\n> quoted\n");
        let kinds: Vec<Kind> = items(&doc).into_iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Heading(1),
                Kind::Bullet { ordered: false },
                Kind::Bullet { ordered: true },
                Kind::Quote
            ]
        );
    }
}
