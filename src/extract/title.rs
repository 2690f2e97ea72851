//! The session's title: a "Session title:" field, a marked top-level heading, or the first
//! title-shaped line before the body starts; then a transcript's running page header, the
//! reader's metadata, and last the file's name. A title line that ends with a date segment
//! ("Orientation Sessions 2014 – Day 1, 16 July") keeps the segments before the date as the
//! title and the rest as the subtitle.

use super::cues;
use super::dates;
use super::sections::{Item, Kind, LONG_PARAGRAPH_WORDS};
use super::shapes::{self, split_field, word_count};
use crate::model::Removal;

/// How many non-blank items from the top the title may be: chrome removed, a site puts at most
/// a date, a time and a section label ("Agenda") above the session's own title.
pub const TITLE_SEARCH_ITEMS: usize = 6;

/// The longest title recognised by shape.
pub const MAX_TITLE_WORDS: usize = 30;

/// The title found and what else it gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Title {
    /// The title as written.
    pub title: String,
    /// The rest of the title line after it, when it was split at a date.
    pub subtitle: Option<String>,
    /// A date from the title line.
    pub date: Option<String>,
    /// Items used up (the title line, a label-only title field and its value).
    pub consumed: Vec<usize>,
    /// A field label whose value became the title ("Session title:"), for the audit.
    pub label: Option<String>,
}

/// Finds the title.
pub fn find(
    items: &[Item],
    metadata: &[(String, String)],
    removed: &[Removal],
    path: Option<&str>,
) -> Title {
    if let Some(found) = title_field(items) {
        return found;
    }
    if let Some(found) = first_title_line(items) {
        return found;
    }
    if let Some(header) = removed
        .iter()
        .find(|r| r.reason.starts_with("running-header:"))
        .and_then(|r| r.text.rsplit_once(' ').map(|(t, _)| t.trim().to_owned()))
    {
        return Title {
            title: header,
            ..Title::default()
        };
    }
    if let Some((_, value)) = metadata
        .iter()
        .find(|(k, v)| k == "title" && !v.trim().is_empty())
    {
        return Title {
            title: value.trim().to_owned(),
            ..Title::default()
        };
    }
    let stem = path
        .and_then(|p| p.rsplit(['/', '\\']).next())
        .map(|name| name.rsplit_once('.').map_or(name, |(stem, _)| stem))
        .filter(|s| !s.trim().is_empty());
    Title {
        title: stem.unwrap_or("Untitled session").to_owned(),
        ..Title::default()
    }
}

/// "Session title: …", "Subject: …", or "Session title:" with the value on the next line.
fn title_field(items: &[Item]) -> Option<Title> {
    for (i, item) in items.iter().enumerate() {
        if !matches!(item.kind, Kind::Text | Kind::Heading(_)) {
            continue;
        }
        let Some(field) = split_field(&item.text) else {
            continue;
        };
        if !cues::is_in(cues::TITLE_LABELS, &cues::normalise_label(&field.label)) {
            continue;
        }
        let label = Some(field.label.clone());
        if !field.value.is_empty() {
            return Some(Title {
                title: field.value,
                consumed: vec![i],
                label,
                ..Title::default()
            });
        }
        let (j, next) = items
            .iter()
            .enumerate()
            .skip(i + 1)
            .find(|(_, it)| it.kind != Kind::Blank)?;
        let next_is_field = split_field(&next.text).is_some_and(|f| {
            let label = cues::normalise_label(&f.label);
            cues::people_group(&label).is_some() || cues::is_in(cues::DATE_LABELS, &label)
        });
        if next.kind == Kind::Text && !next_is_field {
            return Some(Title {
                title: next.text.clone(),
                consumed: vec![i, j],
                label,
                ..Title::default()
            });
        }
    }
    None
}

fn first_title_line(items: &[Item]) -> Option<Title> {
    for (i, item) in items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.kind != Kind::Blank)
        .take(TITLE_SEARCH_ITEMS)
    {
        let text = item.text.as_str();
        let words = word_count(text);
        match item.kind {
            Kind::Heading(_) => {
                if split_field(text).is_some_and(|f| !f.value.is_empty()) {
                    continue;
                }
                if words == 1 && cues::is_in(cues::PRE_TITLE_HEADINGS, &cues::normalise_label(text))
                {
                    continue;
                }
                return Some(split_at_date(text, i));
            }
            Kind::Text => {}
            Kind::Turn(_) => return None,
            _ => continue,
        }
        if words >= LONG_PARAGRAPH_WORDS {
            return None;
        }
        if dates::is_date_only(text) || dates::is_time_only(text) {
            continue;
        }
        if words <= 1 {
            if cues::is_in(cues::PRE_TITLE_HEADINGS, &cues::normalise_label(text)) {
                continue;
            }
            return None;
        }
        if split_field(text).is_some_and(|f| {
            let label = cues::normalise_label(&f.label);
            f.value.is_empty()
                || cues::people_group(&label).is_some()
                || cues::is_in(cues::DATE_LABELS, &label)
                || label
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| cues::is_in(cues::FIELD_WORDS, w))
        }) {
            continue;
        }
        if shapes::is_person_name(text) || text.starts_with(['[', '(']) || words > MAX_TITLE_WORDS {
            continue;
        }
        if text.ends_with(['.', ',', ';']) && words > 3 {
            continue;
        }
        return Some(split_at_date(text, i));
    }
    None
}

/// Splits "Title – Day 1, 16 July 2014" at the first segment holding a date.
fn split_at_date(text: &str, index: usize) -> Title {
    let mut title = Title {
        title: text.to_owned(),
        consumed: vec![index],
        ..Title::default()
    };
    for separator in [" – ", " — ", " | ", " - "] {
        let parts: Vec<&str> = text.split(separator).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(k) = (1..parts.len()).find(|&k| dates::find_date(parts[k]).is_some()) {
            title.title = parts[..k].join(separator);
            let rest = parts[k..].join(separator);
            title.date = dates::find_date(&rest).map(str::to_owned);
            title.subtitle = Some(rest);
            return title;
        }
    }
    title.date = dates::find_date(text).map(str::to_owned);
    title
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
    fn title_after_date_and_time_lines() {
        let items = [
            text("Monday, December 18"),
            text("09:00 CET"),
            text("Data and policy: a curriculum (WS1)"),
        ];
        let t = find(&items, &[], &[], None);
        assert_eq!(t.title, "Data and policy: a curriculum (WS1)");
        assert_eq!(t.consumed, [2]);
    }

    #[test]
    fn title_split_at_date_segment() {
        let items = [
            text("Agenda"),
            text("Sessões de Orientação 2014 – Dia 1-16 de julho das 8:30"),
        ];
        let t = find(&items, &[], &[], None);
        assert_eq!(t.title, "Sessões de Orientação 2014");
        assert_eq!(t.date.as_deref(), Some("16 de julho"));
        assert_eq!(t.subtitle.as_deref(), Some("Dia 1-16 de julho das 8:30"));
    }

    #[test]
    fn title_template_field_value_on_next_line() {
        let items = [text("Session title:"), text("Opening the archive")];
        let t = find(&items, &[], &[], None);
        assert_eq!(t.title, "Opening the archive");
        assert_eq!(t.consumed, [0, 1]);
    }

    #[test]
    fn title_not_a_one_word_heading() {
        let items = [text("Room"), text("Hall B")];
        assert_eq!(find(&items, &[], &[], Some("dir/page.txt")).title, "page");
    }
}
