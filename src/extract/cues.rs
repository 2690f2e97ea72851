//! Cue words and heading names, as data: the words people write around the facts extract looks
//! for. Every table is matched case-insensitively against a normalised label (lower case, a
//! trailing colon, `(s)` and a trailing number removed: "Organizer 3:" → "organizer").
//!
//! Adding a language or a template's wording is a row here, never an `if` in the rules.

use crate::model::PersonGroup;

/// Labels that introduce people of one group ("Moderator: Ana Silva", "Panelists:").
/// A label may name two roles ("Chairperson/Moderator"): each part is looked up.
pub const PEOPLE_LABELS: &[(&str, PersonGroup)] = &[
    ("moderator", PersonGroup::Moderators),
    ("moderators", PersonGroup::Moderators),
    ("co-moderator", PersonGroup::Moderators),
    ("online moderator", PersonGroup::Moderators),
    ("remote moderator", PersonGroup::Moderators),
    ("onsite moderator", PersonGroup::Moderators),
    ("on-site moderator", PersonGroup::Moderators),
    ("in-person moderator", PersonGroup::Moderators),
    ("chair", PersonGroup::Moderators),
    ("chairs", PersonGroup::Moderators),
    ("co-chair", PersonGroup::Moderators),
    ("co-chairs", PersonGroup::Moderators),
    ("chairperson", PersonGroup::Moderators),
    ("chairman", PersonGroup::Moderators),
    ("chairwoman", PersonGroup::Moderators),
    ("session chair", PersonGroup::Moderators),
    ("facilitator", PersonGroup::Moderators),
    ("facilitators", PersonGroup::Moderators),
    ("session facilitator", PersonGroup::Moderators),
    ("session facilitators", PersonGroup::Moderators),
    ("host", PersonGroup::Moderators),
    ("hosts", PersonGroup::Moderators),
    ("moderated by", PersonGroup::Moderators),
    ("chaired by", PersonGroup::Moderators),
    ("moderadora", PersonGroup::Moderators),
    ("moderador", PersonGroup::Moderators),
    ("moderadores", PersonGroup::Moderators),
    ("modérateur", PersonGroup::Moderators),
    ("modératrice", PersonGroup::Moderators),
    ("moderation", PersonGroup::Moderators),
    ("speaker", PersonGroup::Speakers),
    ("speakers", PersonGroup::Speakers),
    ("additional speakers", PersonGroup::Speakers),
    ("key speakers", PersonGroup::Speakers),
    ("keynote speaker", PersonGroup::Speakers),
    ("keynote", PersonGroup::Speakers),
    ("key participants", PersonGroup::Speakers),
    ("panelist", PersonGroup::Speakers),
    ("panelists", PersonGroup::Speakers),
    ("panellist", PersonGroup::Speakers),
    ("panellists", PersonGroup::Speakers),
    ("panel", PersonGroup::Speakers),
    ("presenter", PersonGroup::Speakers),
    ("presenters", PersonGroup::Speakers),
    ("discussant", PersonGroup::Speakers),
    ("discussants", PersonGroup::Speakers),
    ("list of speakers", PersonGroup::Speakers),
    ("palestrante", PersonGroup::Speakers),
    ("palestrantes", PersonGroup::Speakers),
    ("panelistas", PersonGroup::Speakers),
    ("ponentes", PersonGroup::Speakers),
    ("oradores", PersonGroup::Speakers),
    ("intervenants", PersonGroup::Speakers),
    ("rapporteur", PersonGroup::Rapporteurs),
    ("rapporteurs", PersonGroup::Rapporteurs),
    ("note taker", PersonGroup::Rapporteurs),
    ("note-taker", PersonGroup::Rapporteurs),
    ("notetaker", PersonGroup::Rapporteurs),
    ("note takers", PersonGroup::Rapporteurs),
    ("notes by", PersonGroup::Rapporteurs),
    ("minutes by", PersonGroup::Rapporteurs),
    ("scribe", PersonGroup::Rapporteurs),
    ("transcriber", PersonGroup::Rapporteurs),
    ("relator", PersonGroup::Rapporteurs),
    ("relatora", PersonGroup::Rapporteurs),
    ("organizer", PersonGroup::Organisers),
    ("organizers", PersonGroup::Organisers),
    ("organiser", PersonGroup::Organisers),
    ("organisers", PersonGroup::Organisers),
    ("organizing team", PersonGroup::Organisers),
    ("organising team", PersonGroup::Organisers),
    ("organizadores", PersonGroup::Organisers),
];

/// Label prefixes that start a people label of any group ("List of Speakers and their
/// institutional affiliations" is a Speakers label).
pub const PEOPLE_LABEL_PREFIXES: &[(&str, PersonGroup)] = &[
    ("list of speakers", PersonGroup::Speakers),
    ("speakers and", PersonGroup::Speakers),
    ("panelists and", PersonGroup::Speakers),
];

/// Labels whose value is the session title (rapporteur templates, mailing-list headers).
pub const TITLE_LABELS: &[&str] = &[
    "session title",
    "title of the session",
    "workshop title",
    "title",
    "session name",
    "subject",
    "título",
    "titre",
];

/// Labels whose value is the session date.
pub const DATE_LABELS: &[&str] = &[
    "date",
    "session date",
    "day",
    "day & time",
    "day and time",
    "date and time",
    "date & time",
    "date/time",
    "when",
    "data",
    "fecha",
    "datum",
];

/// Headings and label-only lines that introduce the framing questions.
pub const QUESTION_CUES: &[&str] = &[
    "questions",
    "policy questions",
    "policy question",
    "guiding questions",
    "framing questions",
    "key questions",
    "main questions",
    "questions to be addressed",
    "questions to be discussed",
    "questions addressed",
    "theme question",
    "overarching question",
    "issues and questions",
    "perguntas",
    "preguntas",
    "preguntas guía",
    "questions clés",
];

/// Words that make a heading a question cue when it starts with them ("Perguntas a serem
/// cobertas nesta sessão:"), as long as it is not a Q&A slot ("Perguntas e respostas").
pub const QUESTION_CUE_STARTS: &[&str] = &[
    "questions",
    "policy questions",
    "guiding questions",
    "perguntas a",
    "preguntas a",
    "questions to",
];

/// Headings under which the listed items are key points.
pub const KEY_POINT_CUES: &[&str] = &[
    "lessons learned",
    "lessons learnt",
    "lessons",
    "key takeaways",
    "takeaways",
    "take-aways",
    "key take-aways",
    "key messages",
    "main messages",
    "messages",
    "recommendations",
    "key recommendations",
    "conclusions",
    "conclusion",
    "way forward",
    "the way forward",
    "key points",
    "main points",
    "key issues raised",
    "key issues",
    "key findings",
    "main findings",
    "findings",
    "outcomes",
    "key outcomes",
    "action items",
    "actions",
    "next steps",
    "discussion points",
    "key discussion points",
    "summary of key points",
    "principales conclusiones",
    "conclusiones",
    "recomendações",
    "conclusões",
];

/// Phrases that, in a paragraph ending with a colon, make the following list key points
/// ("…captured key findings, including the following:").
pub const KEY_POINT_INTRO_CUES: &[&str] = &[
    "key findings",
    "key messages",
    "key takeaways",
    "takeaways",
    "lessons learned",
    "recommendations",
    "conclusions",
    "key points",
    "main messages",
];

/// Section names that are headings wherever they stand, even without blank lines around them
/// (minutes copied from Confluence or Google Docs lose their blank lines).
pub const SECTION_NAMES: &[&str] = &[
    "agenda",
    "attendees",
    "participants",
    "present",
    "apologies",
    "regrets",
    "minutes",
    "notes",
    "summary",
    "background",
    "introduction",
    "discussion",
    "decisions",
    "action items",
    "next steps",
    "session description",
    "description",
    "format",
    "interventions",
    "programme",
    "program",
    "agenda items",
    "other business",
    "any other business",
    "aob",
];

/// Headings that may stand above the title without being the session's own title.
pub const PRE_TITLE_HEADINGS: &[&str] = &["agenda", "programme", "program", "programa", "minutes"];

/// Labels that introduce an action item in minutes ("(Action: Pat)").
pub const ACTION_LABELS: &[&str] = &["action", "actions", "action item", "ação", "acción"];

/// Words in a speaker's first turn that show they open and run the session.
pub const WELCOME_CUES: &[&str] = &[
    "welcome",
    "bienvenid",
    "bienvenue",
    "willkommen",
    "bem-vind",
    "i'm your moderator",
    "i will be moderating",
    "i'll be moderating",
];

/// Words that mark a role or title in an affiliation ("Executive Director", "Head of …").
#[rustfmt::skip]
pub const ROLE_WORDS: &[&str] = &[
    "director", "head", "ceo", "cto", "cfo", "coo", "president", "vice-president", "chair",
    "chairman", "chairwoman", "chairperson", "officer", "manager", "coordinator", "co-ordinator",
    "professor", "lecturer", "researcher", "research", "fellow", "adviser", "advisor", "counsel",
    "counsellor", "consultant", "analyst", "specialist", "expert", "lead", "leader", "founder",
    "co-founder", "minister", "ambassador", "secretary", "secretary-general", "deputy", "member",
    "editor", "journalist", "lawyer", "attorney", "engineer", "scientist", "representative",
    "student", "associate", "partner", "executive", "programme", "program", "strategist",
    "commissioner", "councillor", "senator", "delegate", "architect", "developer", "owner",
    "principal", "rapporteur", "assistant", "vp", "svp", "evp", "dean", "chief",
];

/// IGF stakeholder groups: written after a name, they are not organisations.
pub const STAKEHOLDER_GROUPS: &[&str] = &[
    "government",
    "civil society",
    "private sector",
    "technical community",
    "intergovernmental organization",
    "intergovernmental organisation",
    "academia",
    "business",
    "youth",
    "international organization",
    "international organisation",
];

/// UN regional groups, as IGF pages write them after a name.
pub const REGIONAL_GROUPS: &[&str] = &[
    "western european and others group",
    "western european and others group (weog)",
    "weog",
    "african group",
    "asia-pacific group",
    "asia pacific group",
    "eastern european group",
    "latin american and caribbean group",
    "latin american and caribbean group (grulac)",
    "grulac",
    "intergovernmental organization",
];

/// Countries, matched against a whole affiliation segment ("Acme, Switzerland"): a country
/// written alone after an organisation is not part of it.
#[rustfmt::skip]
pub const COUNTRIES: &[&str] = &[
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia",
    "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium",
    "belize", "benin", "bhutan", "bolivia", "bosnia and herzegovina", "botswana", "brazil",
    "brasil", "brunei", "bulgaria", "burkina faso", "burundi", "cambodia", "cameroon", "canada",
    "cape verde", "chad", "chile", "china", "colombia", "comoros", "congo", "costa rica",
    "croatia", "cuba", "cyprus", "czech republic", "czechia", "denmark", "djibouti", "dominica",
    "dominican republic", "ecuador", "egypt", "el salvador", "eritrea", "estonia", "eswatini",
    "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana",
    "greece", "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras", "hungary",
    "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "jamaica",
    "japan", "jordan", "kazakhstan", "kenya", "kiribati", "kosovo", "kuwait", "kyrgyzstan", "laos",
    "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg",
    "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius",
    "mexico", "méxico", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique",
    "myanmar", "namibia", "nepal", "netherlands", "new zealand", "nicaragua", "niger", "nigeria",
    "north macedonia", "norway", "oman", "pakistan", "palestine", "panama", "papua new guinea",
    "paraguay", "peru", "perú", "philippines", "poland", "portugal", "qatar", "romania", "russia",
    "russian federation", "rwanda", "samoa", "saudi arabia", "senegal", "serbia", "seychelles",
    "sierra leone", "singapore", "slovakia", "slovenia", "somalia", "south africa", "south korea",
    "korea", "south sudan", "spain", "sri lanka", "sudan", "suriname", "sweden", "switzerland",
    "syria", "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tonga", "trinidad and
    tobago", "tunisia", "turkey", "türkiye", "turkmenistan", "tuvalu", "uganda", "ukraine", "united
    arab emirates", "uae", "united kingdom", "uk", "united states", "united states of america",
    "usa", "us", "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam", "viet nam", "yemen",
    "zambia", "zimbabwe",
];

/// Honorifics written before a name; they are not part of it.
#[rustfmt::skip]
pub const HONORIFICS: &[&str] = &[
    "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof.", "professor", "sir",
    "dame", "h.e.", "he", "ambassador", "amb.", "hon.", "mme", "mme.", "m.", "sr.", "sra.", "dra.",
];

/// Lower-case particles allowed inside a person's name ("Carlos Rey de la Torre").
#[rustfmt::skip]
pub const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la",
    "le", "bin", "ibn", "al", "el", "y", "st", "st.",
];

/// Capitalised words that start sentences or labels and are never the first word of a name.
#[rustfmt::skip]
pub const NOT_NAME_WORDS: &[&str] = &[
    "the", "this", "that", "these", "those", "a", "an", "and", "or", "but", "if", "in", "on", "at",
    "for", "of", "to", "with", "by", "from", "as", "we", "i", "you", "he", "she", "it", "they",
    "our", "my", "his", "her", "their", "your", "what", "why", "how", "who", "when", "where",
    "which", "is", "are", "was", "were", "be", "do", "does", "did", "can", "could", "will",
    "would", "should", "may", "might", "must", "all", "some", "any", "no", "not", "yes", "ok",
    "okay", "so", "then", "thank", "thanks", "hi", "hello", "dear", "good", "please", "note",
    "notes", "session", "room", "date", "time", "day", "venue", "format", "country", "stakeholder",
    "group", "name", "organization", "organisation", "title", "type", "location", "place", "email",
    "phone", "dial", "access", "code", "content", "description", "summary", "agenda", "status",
    "report", "proposer's", "co-proposer's", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "page", "comments", "comment",
    "source", "question", "questions", "answer", "key", "lessons", "main", "general", "other",
    "new", "more", "next", "last", "first", "second", "third", "open", "closing", "opening",
    "welcome", "introduction", "part", "section", "chapter", "workshop", "panel", "forum",
    "meeting", "internet", "digital", "global", "national", "international", "united", "european",
    "world", "public", "private", "civil", "technical", "government",
];

/// Words that make a "Label:" line a field rather than a speaker turn ("Proposer's Name:").
#[rustfmt::skip]
pub const FIELD_WORDS: &[&str] = &[
    "name", "organization", "organisation", "country", "group", "format", "time", "date", "title",
    "session", "type", "room", "venue", "location", "stakeholder", "email", "e-mail", "phone",
    "dial", "code", "content", "description", "summary", "agenda", "status", "theme", "topic",
    "track", "language", "duration", "link", "url", "website", "tags", "category", "proposals",
    "references", "background", "objectives", "outcome", "outcomes", "report", "issue", "issues",
    "question", "questions", "note", "notes", "level", "day", "subject", "affiliation",
    "affiliations", "region", "contact", "materials", "reading", "participation",
];

/// Words that make a run of capitalised words an organisation, not a person's name.
#[rustfmt::skip]
pub const ORG_WORDS: &[&str] = &[
    "org", "foundation", "institute", "institut", "university", "universidad", "universidade",
    "université", "college", "school", "association", "center", "centre", "council", "ministry",
    "agency", "network", "society", "commission", "committee", "forum", "office", "department",
    "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "corp", "corp.", "corporation", "company",
    "group", "lab", "labs", "laboratory", "bank", "union", "alliance", "coalition", "federation",
    "initiative", "project", "programme", "trust", "fund", "partners", "platform", "secretariat",
    "observatory", "academy", "board", "authority", "bureau", "service", "services", "systems",
    "technologies", "media", "news", "times", "press", "government", "embassy", "mission",
];

/// Month names (and common abbreviations) in the languages of the documents seen so far.
#[rustfmt::skip]
pub const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril",
    "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre",
    "diciembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
];

/// Weekday names, as written before a date ("Monday, December 18").
#[rustfmt::skip]
pub const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-
    feira",
];

/// Looks a normalised label up in a table.
pub fn is_in(table: &[&str], label: &str) -> bool {
    table.contains(&label)
}

/// The group a people label names, if it is one ("Chairperson/Moderator" → Moderators).
pub fn people_group(label: &str) -> Option<PersonGroup> {
    let lookup = |part: &str| {
        let part = part.trim();
        PEOPLE_LABELS
            .iter()
            .find(|(cue, _)| *cue == part)
            .map(|(_, group)| *group)
            .or_else(|| {
                PEOPLE_LABEL_PREFIXES
                    .iter()
                    .find(|(cue, _)| part.starts_with(cue))
                    .map(|(_, group)| *group)
            })
    };
    lookup(label).or_else(|| {
        // "Chairperson/Moderator", "Rapporteur/Note Taker": the first part that is a cue.
        if label.contains('/') {
            label.split('/').find_map(lookup)
        } else {
            None
        }
    })
}

/// Normalises a label for the tables: lower case, whitespace collapsed, trailing colon, `(s)`,
/// and a trailing number ("Speaker 3") removed.
pub fn normalise_label(label: &str) -> String {
    let mut text = label.trim().trim_end_matches(':').trim().to_lowercase();
    text = text.replace("(s)", "s").replace('’', "'");
    let mut words: Vec<&str> = text.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            w.chars()
                .all(|c| c.is_ascii_digit() || c == '#' || c == '.')
        })
    {
        words.pop();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_numbered_speaker() {
        assert_eq!(normalise_label("Speaker 3:"), "speaker");
        assert_eq!(people_group("speaker"), Some(PersonGroup::Speakers));
    }

    #[test]
    fn label_two_roles_with_slash() {
        let label = normalise_label("Rapporteur/Note Taker:");
        assert_eq!(people_group(&label), Some(PersonGroup::Rapporteurs));
        let label = normalise_label("Chairperson/Moderator");
        assert_eq!(people_group(&label), Some(PersonGroup::Moderators));
    }

    #[test]
    fn label_plural_in_parentheses() {
        let label = normalise_label("Session Facilitator(s):");
        assert_eq!(label, "session facilitators");
        assert_eq!(people_group(&label), Some(PersonGroup::Moderators));
    }

    #[test]
    fn label_list_of_speakers() {
        let label = normalise_label("List of Speakers and their institutional affiliations:");
        assert_eq!(people_group(&label), Some(PersonGroup::Speakers));
    }
}
