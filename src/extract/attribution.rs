//! Attributions of points to people: "… (Name)", "… — Name", "… (Action: Name)", "Name: …",
//! and matching the name as written to a known person, including spelling variants
//! ("Johanne Ekberg" for "Johane Ekberg"), surnames alone ("Ekberg") and first names alone
//! ("Pat") when only one person has them.

use super::cues;
use super::shapes;
use crate::model::{Person, PersonGroup, Session};

/// An attribution found in a point's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution<'a> {
    /// The point's text without the attribution.
    pub text: &'a str,
    /// The name as written.
    pub name: &'a str,
}

/// The attribution at the end of a point: "(Name)", "(Action: Name)", "Action: Name",
/// "— Name", "– Name".
pub fn trailing(text: &str) -> Option<Attribution<'_>> {
    let t = text.trim_end();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        let inner = t[open + 1..t.len() - 1].trim();
        let name = action_value(inner).unwrap_or(inner);
        if is_name_like(name) {
            return Some(Attribution {
                text: t[..open].trim_end(),
                name,
            });
        }
    }
    // "… Action: Dana", "… talksAction: all", "… slot(s) Action: All?"
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `t`.
    let lower = t.to_ascii_lowercase();
    for label in cues::ACTION_LABELS {
        let cue = format!("{label}:");
        if let Some(at) = lower.rfind(&cue) {
            let name = t[at + cue.len()..].trim().trim_end_matches(['?', '.', '!']);
            let before = t[..at].trim_end();
            if is_name_like(name) && !before.is_empty() {
                return Some(Attribution { text: before, name });
            }
        }
    }
    for dash in [" — ", " – ", " - ", " -- "] {
        if let Some(at) = t.rfind(dash) {
            let name = t[at + dash.len()..].trim();
            if is_name_like(name) && name.split_whitespace().count() >= 2 {
                return Some(Attribution {
                    text: t[..at].trim_end(),
                    name,
                });
            }
        }
    }
    None
}

/// "Name: point" at the start of a point.
pub fn leading(text: &str) -> Option<Attribution<'_>> {
    let (label, rest) = text.split_once(": ")?;
    (shapes::is_person_name(label) && !rest.trim().is_empty()).then_some(Attribution {
        text: rest.trim(),
        name: label.trim(),
    })
}

fn action_value(inner: &str) -> Option<&str> {
    let (label, value) = inner.split_once(':')?;
    cues::is_in(cues::ACTION_LABELS, &label.trim().to_lowercase()).then_some(value.trim())
}

/// A name as attributions write it: one to four capitalised words ("Ekberg", "Ana Silva").
fn is_name_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_alphabetic)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
        && words[0].chars().next().is_some_and(char::is_uppercase)
}

/// The person a name as written refers to: the same name or alias, a one-letter spelling
/// variant of the same full name, or a surname or first name that only one person has.
pub fn resolve(session: &Session, written: &str) -> Option<(PersonGroup, usize)> {
    let wanted = fold(written);
    let everyone: Vec<(PersonGroup, usize, &Person)> = PersonGroup::ALL
        .iter()
        .flat_map(|g| {
            session
                .group(*g)
                .iter()
                .enumerate()
                .map(move |(i, p)| (*g, i, p))
        })
        .collect();
    let names_of = |p: &Person| -> Vec<String> {
        std::iter::once(&p.name)
            .chain(&p.aliases)
            .map(|n| fold(n))
            .collect()
    };
    if let Some((g, i, _)) = everyone
        .iter()
        .find(|(_, _, p)| names_of(p).contains(&wanted))
    {
        return Some((*g, *i));
    }
    if let Some((g, i, _)) = everyone
        .iter()
        .find(|(_, _, p)| is_spelling_variant(&fold(&p.name), &wanted))
    {
        return Some((*g, *i));
    }
    if wanted.split_whitespace().count() == 1 {
        for position in [Part::Last, Part::First] {
            let hits: Vec<&(PersonGroup, usize, &Person)> = everyone
                .iter()
                .filter(|(_, _, p)| part(&fold(&p.name), position) == Some(wanted.as_str()))
                .collect();
            let distinct: Vec<String> = {
                let mut names: Vec<String> = hits.iter().map(|(_, _, p)| fold(&p.name)).collect();
                names.dedup();
                names
            };
            if distinct.len() == 1 {
                let (g, i, _) = hits[0];
                return Some((*g, *i));
            }
        }
    }
    None
}

#[derive(Clone, Copy)]
enum Part {
    First,
    Last,
}

fn part(name: &str, which: Part) -> Option<&str> {
    match which {
        Part::First => name.split_whitespace().next(),
        Part::Last => name.split_whitespace().last(),
    }
}

/// Lower case, whitespace collapsed.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "michele woods" / "michelle woods": same surname, each other word equal or differing by
/// one letter with the same initial.
fn is_spelling_variant(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    wa.len() == wb.len()
        && wa.len() >= 2
        && wa.last() == wb.last()
        && wa.iter().zip(&wb).all(|(x, y)| {
            x == y || (x.chars().next() == y.chars().next() && edit_distance(x, y) <= 1)
        })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn session() -> Session {
        let mut s = Session::new(
            "T",
            Source {
                path: None,
                format: "text".into(),
                sha256: String::new(),
            },
        );
        for name in ["Ann Lee", "Johane Ekberg", "Pat Quinlan"] {
            s.speakers.push(Person {
                name: name.into(),
                role: None,
                organisation: None,
                aliases: vec![],
            });
        }
        s
    }

    #[test]
    fn attribution_parenthesised_name() {
        let a = trailing("Stay pragmatic (and patient)! (Ann Lee)").unwrap();
        assert_eq!(
            (a.text, a.name),
            ("Stay pragmatic (and patient)!", "Ann Lee")
        );
        assert!(trailing("Budget approved (and patient)").is_none());
    }

    #[test]
    fn attribution_action_item() {
        let a = trailing("Book the rooms (Action: Pat)").unwrap();
        assert_eq!((a.text, a.name), ("Book the rooms", "Pat"));
        let a = trailing("Reach out to everyone Action: All?").unwrap();
        assert_eq!((a.text, a.name), ("Reach out to everyone", "All"));
    }

    #[test]
    fn attribution_dash_name() {
        let a = trailing("Trust takes time — Ann Lee").unwrap();
        assert_eq!(a.name, "Ann Lee");
    }

    #[test]
    fn resolve_variants_and_surnames() {
        let s = session();
        assert_eq!(
            resolve(&s, "Johanne Ekberg"),
            Some((PersonGroup::Speakers, 1))
        );
        assert_eq!(resolve(&s, "Lee"), Some((PersonGroup::Speakers, 0)));
        assert_eq!(resolve(&s, "Pat"), Some((PersonGroup::Speakers, 2)));
        assert_eq!(resolve(&s, "All"), None);
    }
}
