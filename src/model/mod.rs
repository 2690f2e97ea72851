//! The one internal model of a session document: plain data, serialised with serde.
//!
//! Every input format is normalised into a [`Session`]; every output format is rendered from one.
//! The JSON field names are a contract read by other tools (the scorer, users' scripts): renaming
//! or removing a field means a new schema version. The model does no I/O and knows no other module.

pub mod raw;
pub mod validate;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema identifier written into every serialised [`Session`].
pub const SCHEMA: &str = "rapporteur/session/v1";

/// One session of a conference or workshop, as recovered from its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Session {
    /// Always [`SCHEMA`] for this version of the model.
    pub schema: String,
    /// The session's own title, as written.
    pub title: String,
    /// A second title line, when the document has one.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The session date as written in the document, not reformatted.
    #[serde(default)]
    pub date: Option<String>,
    /// BCP 47 language tag of the content ("en" when nothing says otherwise).
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the document came from.
    pub source: Source,
    /// Who last edited the page and when, from a wiki's page-history line.
    #[serde(default)]
    pub last_edited: Option<LastEdited>,
    /// Moderators, chairs and facilitators.
    #[serde(default)]
    pub moderators: Vec<Person>,
    /// Panellists, presenters and named speakers.
    #[serde(default)]
    pub speakers: Vec<Person>,
    /// Rapporteurs and note takers.
    #[serde(default)]
    pub rapporteurs: Vec<Person>,
    /// Organisers of the session.
    #[serde(default)]
    pub organisers: Vec<Person>,
    /// The framing questions the session set out to answer (also present in the body).
    #[serde(default)]
    pub questions: Vec<String>,
    /// The body, in reading order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Listed takeaways, lessons and messages, with who made them.
    #[serde(default)]
    pub key_points: Vec<KeyPoint>,
    /// Every piece of input dropped as boilerplate, with the rule that dropped it.
    #[serde(default)]
    pub removed: Vec<Removal>,
    /// Things the reader noticed and could work around (an encoding guessed, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The JSON Schema of [`Session`], as shipped in `schema/session-v1.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Session);
    let mut text =
        serde_json::to_string_pretty(&schema).expect("a generated schema always serialises");
    text.push('\n');
    text
}

fn default_language() -> String {
    "en".to_owned()
}

/// The origin of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given by the user (or `archive.zip!entry`), null for standard input.
    #[serde(default)]
    pub path: Option<String>,
    /// The reader that read it: "text", "md", "html", "docx" or "json".
    pub format: String,
    /// Lower-case hex SHA-256 of the input bytes.
    pub sha256: String,
}

/// The page-history facts of a wiki page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LastEdited {
    /// The editor's name, as written.
    #[serde(default)]
    pub by: Option<String>,
    /// When, as written ("9 years, 3 months ago").
    #[serde(default)]
    pub when: Option<String>,
}

/// A person taking part in the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// The name as first written.
    pub name: String,
    /// The role or title ("Executive Director").
    #[serde(default)]
    pub role: Option<String>,
    /// The organisation the person speaks for.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Other spellings of the name seen in the document ("Michelle Woods").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A part of the body under one heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// The heading as written; null for the text before the first heading.
    #[serde(default)]
    pub heading: Option<String>,
    /// 1 for a top-level section (rendered just below the title), 2 and 3 below it.
    pub level: u8,
    /// The content, in reading order.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One block of body content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph, with its speaker when it is a speaker's turn.
    Paragraph {
        /// The paragraph's text on one line.
        text: String,
        /// Who spoke, when the document marks a turn ("MODERATOR:").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// The items' text, markers removed.
        items: Vec<String>,
        /// True for a numbered list.
        #[serde(default)]
        ordered: bool,
    },
    /// A quotation.
    Quote {
        /// The quoted text.
        text: String,
        /// Who is quoted, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
    },
}

/// A listed takeaway, lesson or message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct KeyPoint {
    /// The point, without its attribution.
    pub text: String,
    /// The name of the person it is attributed to, as written in the attribution.
    #[serde(default)]
    pub attributed_to: Option<String>,
    /// Index into `sections` of the section the point was listed under; null when it stands
    /// apart (renderers then put it under a "Key points" heading at the end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<usize>,
}

/// A piece of input dropped as boilerplate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Removal {
    /// The dropped text, as written.
    pub text: String,
    /// Starts with the rule id: `"page-history: wiki page history line"`.
    pub reason: String,
}

impl Session {
    /// An empty session with the given title and source, ready to be filled in.
    pub fn new(title: impl Into<String>, source: Source) -> Self {
        Session {
            schema: SCHEMA.to_owned(),
            title: title.into(),
            subtitle: None,
            date: None,
            language: default_language(),
            source,
            last_edited: None,
            moderators: Vec::new(),
            speakers: Vec::new(),
            rapporteurs: Vec::new(),
            organisers: Vec::new(),
            questions: Vec::new(),
            sections: Vec::new(),
            key_points: Vec::new(),
            removed: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Every person, with the name of the group they are in, in model order.
    pub fn people(&self) -> impl Iterator<Item = (PersonGroup, &Person)> {
        PersonGroup::ALL
            .iter()
            .flat_map(move |group| self.group(*group).iter().map(move |p| (*group, p)))
    }

    /// The people of one group.
    pub fn group(&self, group: PersonGroup) -> &[Person] {
        match group {
            PersonGroup::Moderators => &self.moderators,
            PersonGroup::Speakers => &self.speakers,
            PersonGroup::Rapporteurs => &self.rapporteurs,
            PersonGroup::Organisers => &self.organisers,
        }
    }

    /// The person whose name or alias is `name`, if any.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.people()
            .map(|(_, p)| p)
            .find(|p| p.name == name || p.aliases.iter().any(|a| a == name))
    }
}

/// The four groups of people a session names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonGroup {
    /// Moderators, chairs, facilitators.
    Moderators,
    /// Panellists and speakers.
    Speakers,
    /// Rapporteurs and note takers.
    Rapporteurs,
    /// Organisers.
    Organisers,
}

impl PersonGroup {
    /// The groups in the order renderers show them.
    pub const ALL: [PersonGroup; 4] = [
        PersonGroup::Moderators,
        PersonGroup::Speakers,
        PersonGroup::Rapporteurs,
        PersonGroup::Organisers,
    ];

    /// A heading for the group, singular when it has one member.
    pub fn label(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (PersonGroup::Moderators, true) => "Moderator",
            (PersonGroup::Moderators, false) => "Moderators",
            (PersonGroup::Speakers, true) => "Speaker",
            (PersonGroup::Speakers, false) => "Speakers",
            (PersonGroup::Rapporteurs, true) => "Rapporteur",
            (PersonGroup::Rapporteurs, false) => "Rapporteurs",
            (PersonGroup::Organisers, true) => "Organiser",
            (PersonGroup::Organisers, false) => "Organisers",
        }
    }
}
