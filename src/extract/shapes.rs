//! Line shapes shared by the extract rules: list markers, "Label: value" lines, names,
//! sentences. Pure functions on one line of text; the rules that use them say where a shape
//! counts.

use super::cues;

/// The most words a "Label:" may have before the colon; longer prefixes are sentences
/// ("The goals to reach in the field are: …"). Eight covers "List of Speakers and their
/// institutional affiliations" minus its last word, which `people_group` matches by prefix.
pub const MAX_LABEL_WORDS: usize = 8;

/// The most words in a person's name (not counting honorifics): "Carlos Rey Moreno de la
/// Torre" is six with particles; longer runs of capitalised words are titles or organisations.
pub const MAX_NAME_WORDS: usize = 6;

/// Words of a line: whitespace-separated pieces holding a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A list marker at the start of a plain-text line: bullets ("•", "-", "*", "◦") and numbers
/// ("1.", "2)", "(a)", "b)"). Returns whether the list is ordered and the text after it.
pub fn strip_list_marker(text: &str) -> Option<(bool, &str)> {
    const BULLETS: &[char] = &[
        '•', '◦', '▪', '‣', '●', '○', '■', '□', '·', '*', '-', '–', '—', '➢', '►', '✓',
    ];
    let mut chars = text.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) {
        let rest = &text[first.len_utf8()..];
        if rest.starts_with(' ') && !rest.trim().is_empty() {
            // "- 20 minutes" is a bullet; "--" or "—" alone is a rule, handled by the caller.
            return Some((false, rest.trim_start()));
        }
        return None;
    }
    // "1. text", "12) text", "(3) text", "a) text"
    let body = text.strip_prefix('(').unwrap_or(text);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let (marker_len, closing) = if digits > 0 && digits <= 3 {
        (digits, body[digits..].chars().next())
    } else if body.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && body[1..].starts_with(')')
    {
        (1, Some(')'))
    } else {
        return None;
    };
    let closing = closing?;
    if closing != '.' && closing != ')' {
        return None;
    }
    let after = &body[marker_len + 1..];
    if after.starts_with(' ') && !after.trim().is_empty() {
        // "2016. The forum…" would be a year, not a number: lists do not count past 999.
        Some((true, after.trim_start()))
    } else {
        None
    }
}

/// A Roman-numbered heading ("II. Como articular…"): numerals I–XXXIX then "." or ")".
pub fn has_roman_number(text: &str) -> bool {
    let numeral: String = text
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .collect();
    if numeral.is_empty() || numeral.len() > 6 {
        return false;
    }
    let rest = &text[numeral.len()..];
    (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2
}

/// A "Label: value" line split at its first colon, or a pipe-separated field row
/// ("Session title | Opening", "| Moderator | Ana Silva |").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The text before the separator, trimmed.
    pub label: String,
    /// The text after it, trimmed; empty for a label-only line ("Speakers:").
    pub value: String,
    /// True when the separator was a pipe.
    pub pipe: bool,
}

/// Splits a line into a field, when it has that shape.
pub fn split_field(text: &str) -> Option<Field> {
    let trimmed = text.trim();
    if trimmed.starts_with('|') || (trimmed.contains(" | ") && !trimmed.contains(':')) {
        let cells: Vec<&str> = trimmed
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.len() >= 2 && word_count(cells[0]) <= MAX_LABEL_WORDS {
            return Some(Field {
                label: cells[0].trim_end_matches(':').trim().to_owned(),
                value: cells[1..].join(" | "),
                pipe: true,
            });
        }
        return None;
    }
    let colon = trimmed.find(':')?;
    let label = trimmed[..colon].trim();
    let value = trimmed[colon + 1..].trim();
    let before = trimmed[..colon].chars().next_back();
    let after = trimmed[colon + 1..].chars().next();
    if label.is_empty()
        || word_count(label) > MAX_LABEL_WORDS
        || label.contains(['.', '?', '!', ';', '"', '“'])
        || label.to_lowercase().ends_with("http")
        || label.to_lowercase().ends_with("https")
        // "8:30" is a time, not a label
        || (before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some(Field {
        label: label.to_owned(),
        value: value.to_owned(),
        pipe: false,
    })
}

/// True for a word that can be part of a name written in title case: "Anne-Marie", "Dubé",
/// "O'Brien", "MacIntosh", initials "J." and "MJ".
fn is_title_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    if !word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    // An all-capitals word longer than initials is an acronym (an organisation), not a name.
    letters > 0 && (upper < letters || letters <= 2)
}

/// True for a word of a name written in capitals, as transcripts label speakers ("KOFI").
fn is_caps_name_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// A title-case name word that is not a role or organisation word, nor, first in a name, a
/// word that starts sentences and labels ("The", "Session").
fn is_name_word_at(word: &str, first: bool) -> bool {
    let folded = lower(word);
    let excluded = cues::is_in(cues::ROLE_WORDS, &folded)
        || cues::is_in(cues::ORG_WORDS, &folded)
        || (first && cues::is_in(cues::NOT_NAME_WORDS, &folded));
    is_title_name_word(word) && !excluded
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// The name at the start of a text, after any honorific: the longest run of name words (with
/// particles such as "de la" inside), two to [`MAX_NAME_WORDS`] words. Returns the name and the
/// rest of the text after it. A word ending in a comma ends the name.
pub fn leading_name(text: &str) -> Option<(&str, &str)> {
    let tokens = tokens_with_offsets(text);
    let mut index = 0;
    while index < tokens.len() && cues::is_in(cues::HONORIFICS, &lower(tokens[index].1)) {
        index += 1;
    }
    let start = index;
    let mut end = start; // exclusive token index of the name
    let mut last_was_particle = false;
    while end < tokens.len() && end - start < MAX_NAME_WORDS + 2 {
        let raw = tokens[end].1;
        let word = raw.trim_end_matches([',', ';', ':']);
        let ends_clause = word.len() != raw.len();
        let is_particle = end > start && cues::is_in(cues::NAME_PARTICLES, word);
        if is_particle {
            last_was_particle = true;
        } else if is_name_word_at(word, end == start) {
            last_was_particle = false;
        } else {
            break;
        }
        end += 1;
        if ends_clause {
            break;
        }
    }
    if last_was_particle {
        end -= 1;
    }
    let count = end - start;
    if !(2..=MAX_NAME_WORDS).contains(&count) {
        return None;
    }
    let name_start = tokens[start].0;
    let last = tokens[end - 1];
    let name_end = last.0 + last.1.trim_end_matches([',', ';', ':']).len();
    Some((&text[name_start..name_end], &text[name_end..]))
}

/// True when the whole text is a person's name (honorifics allowed before it).
pub fn is_person_name(text: &str) -> bool {
    leading_name(text.trim()).is_some_and(|(_, rest)| rest.trim().is_empty())
}

/// True for a speaker label in capitals ("RUTH ABRAMS", "MODERATOR"), one to four words.
pub fn is_caps_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| is_caps_name_word(w))
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

/// Whitespace-separated tokens with their byte offsets.
pub fn tokens_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Splits a paragraph into sentences after ".", "?" or "!" followed by a space and a capital.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '?' | '!')
            && chars.get(i + 1).is_some_and(|(_, n)| *n == ' ')
            && chars
                .get(i + 2)
                .is_some_and(|(_, n)| n.is_uppercase() || matches!(n, '“' | '"' | '¿'))
        {
            let end = pos + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// True when the text ends like a sentence or a clause (not a heading).
pub fn ends_like_prose(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', ',', ';', '!', '…', '-', '–', '—'])
}

/// Splits a text at commas that are not inside parentheses.
pub fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if c == separator && depth <= 0 => {
                out.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_bullet_and_number() {
        assert_eq!(strip_list_marker("• Why now?"), Some((false, "Why now?")));
        assert_eq!(strip_list_marker("1. Ana will"), Some((true, "Ana will")));
        assert_eq!(strip_list_marker("b) second"), Some((true, "second")));
        assert_eq!(strip_list_marker("15 years experience."), None);
        assert_eq!(strip_list_marker("-- "), None);
        assert_eq!(strip_list_marker("4:30 pm"), None);
    }

    #[test]
    fn field_colon_and_pipe() {
        let field = split_field("Moderator: Ana Silva, Chair").unwrap();
        assert_eq!(
            (field.label.as_str(), field.value.as_str()),
            ("Moderator", "Ana Silva, Chair")
        );
        let field = split_field("| Session title | Opening |").unwrap();
        assert_eq!(
            (field.label.as_str(), field.value.as_str()),
            ("Session title", "Opening")
        );
        assert!(split_field("at 8:30 in the morning").is_none());
        assert!(
            split_field("The goals to reach in the field of the forum this year are: a, b")
                .is_none()
        );
    }

    #[test]
    fn name_at_start_of_people_line() {
        assert_eq!(
            leading_name("Anne-Marie Dubois, Deputy Head"),
            Some(("Anne-Marie Dubois", ", Deputy Head"))
        );
        assert_eq!(
            leading_name("Ms Lynn St Amour, the Chair"),
            Some(("Lynn St Amour", ", the Chair"))
        );
        assert_eq!(leading_name("Executive Director, X"), None);
        assert_eq!(leading_name("The session was opened"), None);
        assert!(is_person_name("Nicolás Ibáñez"));
        assert!(!is_person_name("LACNIC"));
    }

    #[test]
    fn caps_speaker_label() {
        assert!(is_caps_name("RUTH ABRAMS"));
        assert!(is_caps_name("MODERATOR"));
        assert!(!is_caps_name("Brad White"));
    }

    #[test]
    fn sentences_split_before_capitals() {
        assert_eq!(
            sentences("One. Two? three. Four"),
            vec!["One.", "Two? three.", "Four"]
        );
    }
}
