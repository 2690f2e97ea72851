//! Dates as people write them: "Monday, December 18", "Tuesday, November 08, 2016",
//! "12 June 2020", "16 de julho", "August 14th, 2014", "2016-11-08". A date is returned as the
//! slice of the text that holds it, never reformatted (the model keeps dates as written).

use super::cues;
use super::shapes::tokens_with_offsets;

/// The first date written in a text, as written.
pub fn find_date(text: &str) -> Option<&str> {
    let tokens = tokens_with_offsets(text);
    let norm: Vec<String> = tokens.iter().map(|(_, t)| normal(t)).collect();
    for (m, word) in norm.iter().enumerate() {
        if let Some(found) = iso_date(tokens[m].1) {
            return Some(found);
        }
        if !cues::is_in(cues::MONTHS, word) {
            continue;
        }
        // A month needs a day next to it: "18 December", "18th of December", "December 18".
        let mut start = None;
        let mut start_offset = 0;
        if m >= 1 && day_of(&norm[m - 1]).is_some() {
            start = Some(m - 1);
        } else if m >= 2
            && matches!(norm[m - 1].as_str(), "de" | "of")
            && day_of(&norm[m - 2]).is_some()
        {
            start = Some(m - 2);
        }
        if let Some(s) = start {
            // "1-16 de julho": the day is the end of the range.
            if let Some((dash, c)) = tokens[s]
                .1
                .char_indices()
                .rfind(|(_, c)| matches!(c, '-' | '–'))
            {
                start_offset = dash + c.len_utf8();
            }
        }
        let mut end = m;
        if start.is_none() {
            if norm.get(m + 1).and_then(|w| day_of(w)).is_some() {
                end = m + 1;
            } else {
                continue;
            }
        }
        // A year after it: "2016", "de 2014".
        if norm.get(end + 1).is_some_and(|w| is_year(w)) {
            end += 1;
        } else if norm.get(end + 1).is_some_and(|w| w == "de")
            && norm.get(end + 2).is_some_and(|w| is_year(w))
        {
            end += 2;
        }
        let mut first = start.unwrap_or(m);
        // A weekday before it: "Monday, December 18".
        if start_offset == 0 && first >= 1 && cues::is_in(cues::WEEKDAYS, &norm[first - 1]) {
            first -= 1;
        }
        let from = tokens[first].0
            + if first == start.unwrap_or(usize::MAX) {
                start_offset
            } else {
                0
            };
        let last = tokens[end];
        let to = last.0 + last.1.len();
        let found = text[from..to].trim_end_matches([',', '.', ';', ':', ')']);
        return Some(found);
    }
    None
}

/// True when a line holds a date and nothing else but punctuation.
pub fn is_date_only(text: &str) -> bool {
    find_date(text).is_some_and(|date| {
        let rest = text.replacen(date, "", 1);
        !rest.chars().any(char::is_alphanumeric)
    })
}

/// True for a line that only gives a time ("09:00 CET", "11:30-13:00", "4:30-5:30pm").
pub fn is_time_only(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.iter().any(|w| is_time(w))
        && words.iter().all(|w| {
            is_time(w)
                || matches!(
                    w.to_lowercase().as_str(),
                    "am" | "pm" | "h" | "-" | "–" | "to" | "a" | "às"
                )
                || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
        })
}

fn is_time(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    let mut saw_digit = false;
    let mut saw_colon = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            saw_digit = true;
        } else if c == ':' || c == 'h' {
            saw_colon |= chars.peek().is_some_and(char::is_ascii_digit) || c == 'h';
        } else if !matches!(c, '-' | '–' | 'a' | 'p' | 'm' | '.') {
            return false;
        }
    }
    saw_digit && saw_colon
}

/// Lower case, surrounding punctuation and ordinal suffixes removed: "18th," → "18".
fn normal(token: &str) -> String {
    let t = token
        .trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .to_lowercase();
    for suffix in ["st", "nd", "rd", "th", "º", "er"] {
        if let Some(number) = t.strip_suffix(suffix)
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
        {
            return number.to_owned();
        }
    }
    t
}

fn day_of(word: &str) -> Option<u32> {
    let day = word.rsplit(['-', '–']).next().unwrap_or(word);
    let n: u32 = day.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn is_year(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

/// "2016-11-08", "08/11/2016", "8.11.2016".
fn iso_date(token: &str) -> Option<&str> {
    let t = token.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | '(' | ')'));
    for separator in ['-', '/', '.'] {
        let parts: Vec<&str> = t.split(separator).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && (is_year(parts[0]) || is_year(parts[2]))
        {
            return Some(t);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_weekday_month_day() {
        assert_eq!(
            find_date("Monday, December 18"),
            Some("Monday, December 18")
        );
        assert!(is_date_only("Monday, December 18"));
    }

    #[test]
    fn date_inside_transcript_header() {
        let text = "Public Forum 2 Tuesday, November 08, 2016 – 11:00 to 13:00 IST";
        assert_eq!(find_date(text), Some("Tuesday, November 08, 2016"));
    }

    #[test]
    fn date_day_month_year_in_pipes() {
        assert_eq!(
            find_date("12 June 2020 | 11:30-13:00 | Studio"),
            Some("12 June 2020")
        );
    }

    #[test]
    fn date_portuguese_range() {
        assert_eq!(find_date("Dia 1-16 de julho das 8:30"), Some("16 de julho"));
    }

    #[test]
    fn date_ordinal_and_iso() {
        assert_eq!(
            find_date("meeting August 14th, 2014"),
            Some("August 14th, 2014")
        );
        assert_eq!(find_date("on 2016-11-08."), Some("2016-11-08"));
        assert_eq!(find_date("WS 12 2020"), None);
        assert_eq!(find_date("held in Lyon in April 2016"), None);
    }

    #[test]
    fn date_range_with_en_dash() {
        assert_eq!(find_date("Dia 1–16 de julho"), Some("16 de julho"));
    }

    #[test]
    fn time_only_lines() {
        assert!(is_time_only("09:00 CET"));
        assert!(is_time_only("11:30-13:00"));
        assert!(!is_time_only("Room 9"));
    }
}
