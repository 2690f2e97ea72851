//! People lines in the forms real reports use: "Name, Role, Organisation", "Name (Organisation)",
//! "Name – Role at Organisation", a name alone under a "Moderator" label, several names after
//! "Facilitators:", and IGF roster lines whose stakeholder group, UN regional group and country
//! are not organisations ("Ana Silva, Government, Western European and Others Group (WEOG)").

use super::cues;
use super::shapes::{self, leading_name, split_top_level};

/// A person read from one line or label value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPerson {
    /// The name as written, honorifics removed.
    pub name: String,
    /// The role or title, when written.
    pub role: Option<String>,
    /// The organisation, when written.
    pub organisation: Option<String>,
    /// True when every word of the text is in the name, role or organisation; when false
    /// (a stakeholder group or country was dropped, an "at" joined role and organisation),
    /// the line stays in the body so that no word is lost.
    pub complete: bool,
    /// Text glued to the end of the name when line breaks were lost ("Ravi KumarAdditions
    /// to agenda" → "Additions to agenda"); it goes back to the body.
    pub rest: Option<String>,
}

/// Reads one person from a people line, or None when the text does not start with a name
/// followed by an affiliation separator (", ", " (", " – ") or nothing.
pub fn parse_person(text: &str) -> Option<ParsedPerson> {
    let text = text.trim().trim_end_matches([';', ',']).trim();
    let text = text
        .strip_suffix('.')
        .filter(|t| !t.ends_with(char::is_uppercase))
        .unwrap_or(text);
    if let Some((name, rest)) = leading_name(text)
        && let Some(mut person) = from_rest(name, rest)
    {
        person.complete &= text.starts_with(name);
        return Some(person);
    }
    // Lost line breaks: "Ravi KumarAdditions to agenda".
    let (head, tail) = split_camel_join(text)?;
    if !shapes::is_person_name(head) {
        return None;
    }
    Some(ParsedPerson {
        name: head.to_owned(),
        role: None,
        organisation: None,
        complete: true,
        rest: Some(tail.to_owned()),
    })
}

fn from_rest(name: &str, rest: &str) -> Option<ParsedPerson> {
    let rest = rest.trim();
    let mut person = ParsedPerson {
        name: name.to_owned(),
        role: None,
        organisation: None,
        complete: true,
        rest: None,
    };
    if rest.is_empty() {
        return Some(person);
    }
    let segments: Vec<String> = if let Some(after) = rest.strip_prefix(',') {
        split_top_level(after, ',')
            .into_iter()
            .map(str::to_owned)
            .collect()
    } else if rest.starts_with('(') {
        let close = matching_paren(rest)?;
        let inner = &rest[1..close];
        let after = rest[close + 1..].trim().trim_start_matches(',');
        let mut segments: Vec<String> = split_top_level(inner, ',')
            .into_iter()
            .map(str::to_owned)
            .collect();
        segments.extend(split_top_level(after, ',').into_iter().map(str::to_owned));
        segments
    } else if let Some(after) = rest.strip_prefix(['–', '—', '-', '|']) {
        if !after.starts_with(' ') {
            return None;
        }
        split_top_level(after, ',')
            .into_iter()
            .map(str::to_owned)
            .collect()
    } else {
        return None;
    };
    let (role, organisation, complete) = affiliation(&segments);
    person.role = role;
    person.organisation = organisation;
    person.complete = complete;
    Some(person)
}

/// Splits affiliation segments into role and organisation. Returns whether every word was
/// kept. Stakeholder groups, regional groups and countries written as their own segment are
/// dropped (they are not organisations).
pub fn affiliation(segments: &[String]) -> (Option<String>, Option<String>, bool) {
    let mut complete = true;
    let mut kept: Vec<String> = Vec::new();
    for segment in segments {
        let mut s = segment
            .trim()
            .trim_end_matches(['.', ';'])
            .trim()
            .to_owned();
        // "Acme (WEOG)": a regional group in parentheses after an organisation.
        if let Some(open) = s.rfind(" (")
            && s.ends_with(')')
            && is_group_or_country(&s[open + 2..s.len() - 1])
        {
            s.truncate(open);
            complete = false;
        }
        if s.is_empty() {
            continue;
        }
        if is_group_or_country(&s) {
            complete = false;
            continue;
        }
        kept.push(s);
    }
    match kept.len() {
        0 => (None, None, complete),
        1 => {
            let s = &kept[0];
            if let Some((role, org)) = s.split_once(" at ")
                && has_role_word(role)
            {
                return (
                    Some(role.trim().to_owned()),
                    Some(org.trim().to_owned()),
                    false,
                );
            }
            if let Some((org, role)) = trailing_role(s) {
                return (Some(role.to_owned()), Some(org.to_owned()), complete);
            }
            if has_role_word(s) {
                // "Vice president for Acme Corp’s public sector business": the possessive
                // names the organisation, and the role stays whole.
                (Some(s.clone()), possessive_organisation(s), complete)
            } else {
                (None, Some(s.clone()), complete)
            }
        }
        n => {
            let last = &kept[n - 1];
            if has_role_word(last) && !has_role_word(&kept[0]) {
                // "Acme Corp, Director of Policy"
                (Some(kept[1..].join(", ")), Some(kept[0].clone()), complete)
            } else {
                (Some(kept[..n - 1].join(", ")), Some(last.clone()), complete)
            }
        }
    }
}

/// "Acme Labs CEO" → ("Acme Labs", "CEO"): role words written after an
/// organisation's name.
fn trailing_role(s: &str) -> Option<(&str, &str)> {
    let words = shapes::tokens_with_offsets(s);
    let n = words.len();
    if n < 2 {
        return None;
    }
    let mut first_role = n;
    while first_role > 0 && cues::is_in(cues::ROLE_WORDS, &words[first_role - 1].1.to_lowercase()) {
        first_role -= 1;
    }
    if first_role == n || first_role == 0 {
        return None;
    }
    // "Social Researcher" is one role; "Acme Labs CEO" is an organisation and a role:
    // split only after a name of two words or more, or before a role acronym.
    let acronym = words[first_role..]
        .iter()
        .all(|(_, w)| w.chars().all(char::is_uppercase));
    if first_role < 2 && !acronym {
        return None;
    }
    if words[..first_role]
        .iter()
        .any(|(_, w)| cues::is_in(cues::ROLE_WORDS, &w.to_lowercase()))
        || !words[..first_role]
            .iter()
            .all(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let split = words[first_role].0;
    Some((s[..split].trim(), s[split..].trim()))
}

fn possessive_organisation(role: &str) -> Option<String> {
    let (_, after) = role
        .split_once(" for ")
        .or_else(|| role.split_once(" at "))?;
    let end = after.find("’s ").or_else(|| after.find("'s "))?;
    let org = &after[..end];
    (org.split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !org.is_empty())
    .then(|| org.to_owned())
}

/// True when a text holds a word that names a role ("Director", "Head", "CEO").
pub fn has_role_word(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/'))
        .any(|w| cues::is_in(cues::ROLE_WORDS, &w.to_lowercase()))
}

fn is_group_or_country(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    cues::is_in(cues::STAKEHOLDER_GROUPS, &t)
        || cues::is_in(cues::REGIONAL_GROUPS, &t)
        || cues::is_in(cues::COUNTRIES, &t)
}

fn matching_paren(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A lower-case letter directly followed by a capital and a lower-case letter inside a word,
/// after two to six words: where a lost line break glued two lines together.
fn split_camel_join(text: &str) -> Option<(&str, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = [w[0], w[1], w[2]];
        if a.is_lowercase() && b.is_uppercase() && c.is_lowercase() {
            let head = &text[..i];
            if (2..=shapes::MAX_NAME_WORDS).contains(&head.split_whitespace().count()) {
                return Some((head, &text[i..]));
            }
            return None;
        }
    }
    None
}

/// Reads the people in a label's value: one person ("Ana Silva, Chair, Org"), several names
/// separated by commas, semicolons or "and" ("Erika Owens, Helga Salinas, Ted Han"), or names
/// with organisations in parentheses ("Ana Silva (Org A), Bo Li (Org B)").
pub fn parse_people_value(value: &str) -> Vec<ParsedPerson> {
    let value = value.trim();
    let parts = split_top_level(value, ';');
    if parts.len() > 1 {
        let people: Vec<ParsedPerson> = parts.iter().filter_map(|p| parse_person(p)).collect();
        if people.len() == parts.len() {
            return people;
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for segment in split_top_level(value, ',') {
        for piece in segment.split(" and ").flat_map(|p| p.split(" & ")) {
            names.push(piece.trim());
        }
    }
    let listed = names.len() >= 2
        && names.iter().all(|n| {
            parse_person(n).is_some_and(|p| {
                p.role.is_none()
                    && p.rest.is_none()
                    && (p.organisation.is_none() || n.ends_with(')'))
            })
        });
    if listed {
        return names.iter().filter_map(|n| parse_person(n)).collect();
    }
    parse_person(value).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (String, Option<String>, Option<String>, bool) {
        let p = parse_person(text).unwrap();
        (p.name, p.role, p.organisation, p.complete)
    }

    #[test]
    fn people_name_role_organisation() {
        assert_eq!(
            parts("Ana Silva, Director, Policy Division, Example Org"),
            (
                "Ana Silva".into(),
                Some("Director, Policy Division".into()),
                Some("Example Org".into()),
                true
            )
        );
    }

    #[test]
    fn people_name_organisation_in_parentheses() {
        assert_eq!(
            parts("Bo Li (Example Institute)"),
            ("Bo Li".into(), None, Some("Example Institute".into()), true)
        );
    }

    #[test]
    fn people_name_dash_role_at_organisation() {
        assert_eq!(
            parts("Bo Li – Head of Research at Example Lab"),
            (
                "Bo Li".into(),
                Some("Head of Research".into()),
                Some("Example Lab".into()),
                false
            )
        );
    }

    #[test]
    fn people_roster_drops_groups_and_countries() {
        assert_eq!(
            parts("Ana Silva, Government, Western European and Others Group (WEOG)"),
            ("Ana Silva".into(), None, None, false)
        );
        assert_eq!(
            parts("Ana Silva, Acme (WEOG)"),
            ("Ana Silva".into(), None, Some("Acme".into()), false)
        );
        assert_eq!(
            parts("Ana Silva, Acme Labs CEO, Switzerland"),
            (
                "Ana Silva".into(),
                Some("CEO".into()),
                Some("Acme Labs".into()),
                false
            )
        );
    }

    #[test]
    fn people_joined_line_break() {
        let p = parse_person("Ana SilvaAdditions to agenda").unwrap();
        assert_eq!(p.name, "Ana Silva");
        assert_eq!(p.rest.as_deref(), Some("Additions to agenda"));
    }

    #[test]
    fn people_several_names_in_one_value() {
        let people = parse_people_value("Ana Silva, Bo Li and Cy Twombly");
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ana Silva", "Bo Li", "Cy Twombly"]);
        assert_eq!(parse_people_value("Ana Silva, Example Org").len(), 1);
    }

    #[test]
    fn people_sentence_is_not_a_people_line() {
        assert!(parse_person("Ana Silva began her talk by saying").is_none());
        assert!(parse_person("The session was opened").is_none());
    }
}
