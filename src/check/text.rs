//! Audits a plain-text file against Rapporteur's accessible-text profile (issue 3, README): the
//! rules a screen reader, a braille display and liblouis need, and the shape our `txt` renderer
//! writes (`src/render/text.rs`). Works line by line on the decoded text; locations are lines.
//!
//! Not checked: hard wrapping (a long paragraph and a wrapped one look alike line by line) and
//! that every word of the model is present (that needs the model; tests/text.rs does it).

use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::{Finding, Location, Rule, Severity, excerpt, typed_list_marker};

const UTF8: Rule = Rule {
    id: "TXT-01",
    severity: Severity::Error,
    description: "the file is valid UTF-8",
};
const NFC: Rule = Rule {
    id: "TXT-02",
    severity: Severity::Error,
    description: "the text is in Unicode normalisation form C (NFC)",
};
const LF: Rule = Rule {
    id: "TXT-03",
    severity: Severity::Error,
    description: "lines end with LF only (no CR)",
};
const FINAL_NEWLINE: Rule = Rule {
    id: "TXT-04",
    severity: Severity::Error,
    description: "the file ends with exactly one newline",
};
const NO_TABS: Rule = Rule {
    id: "TXT-05",
    severity: Severity::Error,
    description: "no tab characters",
};
const NO_INVISIBLE_OR_PICTURE_CHARS: Rule = Rule {
    id: "TXT-06",
    severity: Severity::Error,
    description: "no control, zero-width, box-drawing, emoji or private-use characters",
};
const ONE_BLANK_LINE: Rule = Rule {
    id: "TXT-07",
    severity: Severity::Error,
    description: "blocks are separated by exactly one empty line (no double, leading or space-only blank lines)",
};
const TITLE_FIRST: Rule = Rule {
    id: "TXT-08",
    severity: Severity::Error,
    description: "line 1 is `# Title`, the only level-1 heading",
};
const METADATA_LINES: Rule = Rule {
    id: "TXT-09",
    severity: Severity::Error,
    description: "`Label: value` metadata lines follow the title",
};
const HEADING_SHAPE: Rule = Rule {
    id: "TXT-10",
    severity: Severity::Error,
    description: "headings are `#` × level, a space and text, on their own line between blank lines",
};
const HEADING_NO_SKIP: Rule = Rule {
    id: "TXT-11",
    severity: Severity::Error,
    description: "heading levels never skip (# then ### is a skip)",
};
const HEADING_NO_COLON: Rule = Rule {
    id: "TXT-12",
    severity: Severity::Error,
    description: "headings do not end with a colon",
};
const NO_DRAWN_LINES: Rule = Rule {
    id: "TXT-13",
    severity: Severity::Error,
    description: "no lines of repeated symbols: decorative rules, ASCII art or drawn tables",
};
const LIST_MARKERS: Rule = Rule {
    id: "TXT-14",
    severity: Severity::Error,
    description: "list items start with `- ` or `1. `, not a typed bullet such as `•`",
};

/// The accessible-text rules, in id order.
pub static RULES: &[&Rule] = &[
    &UTF8,
    &NFC,
    &LF,
    &FINAL_NEWLINE,
    &NO_TABS,
    &NO_INVISIBLE_OR_PICTURE_CHARS,
    &ONE_BLANK_LINE,
    &TITLE_FIRST,
    &METADATA_LINES,
    &HEADING_SHAPE,
    &HEADING_NO_SKIP,
    &HEADING_NO_COLON,
    &NO_DRAWN_LINES,
    &LIST_MARKERS,
];

/// Character classes the profile forbids, as inclusive code-point ranges: braille tables cannot
/// translate them, and screen readers either skip them silently or spell out their names.
const FORBIDDEN_RANGES: &[(u32, u32, &str)] = &[
    (0x200B, 0x200F, "zero-width or direction mark"),
    (0x2028, 0x202E, "line/paragraph separator or direction mark"),
    (0x2060, 0x206F, "invisible format character"),
    (
        0xFEFF,
        0xFEFF,
        "byte-order mark / zero-width no-break space",
    ),
    (0x2500, 0x257F, "box-drawing character"),
    (0x2580, 0x259F, "block element"),
    (0xE000, 0xF8FF, "private-use character"),
    (0xF0000, 0x10FFFF, "private-use character"),
    (0x1F000, 0x1FAFF, "emoji or pictograph"),
    (0x2600, 0x27BF, "emoji or pictograph"),
    (0xFE00, 0xFE0F, "emoji variation selector"),
];

/// Labels of `Label: value` lines are short: "Moderator", "Date", "Source document".
const MAX_LABEL_CHARS: usize = 40;

/// A drawn line is at least this long: "..." or "**" can be prose, "***" is a section break.
const MIN_DRAWN_CHARS: usize = 3;

/// Four identical symbols in a row ("====", "----", "....") are decoration or leaders.
const MIN_SYMBOL_RUN: usize = 4;

/// Audits accessible plain text. Never fails: undecodable bytes are a finding, and the rest of
/// the file is still checked on a lossy decoding.
pub fn check(bytes: &[u8]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(error) => {
            let offset = error.valid_up_to();
            findings.push(UTF8.finding(
                format!("invalid UTF-8 at byte {offset}"),
                Some(Location::Line(line_of_offset(bytes, offset))),
            ));
            String::from_utf8_lossy(bytes)
        }
    };

    check_file_shape(&text, &mut findings);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    // `split` yields an empty piece after the final newline; it is not a line.
    let lines = match lines.split_last() {
        Some((&"", rest)) => rest.to_vec(),
        _ => lines,
    };
    for (index, line) in lines.iter().enumerate() {
        check_characters(line, index + 1, &mut findings);
    }
    check_blank_lines(&lines, &mut findings);
    check_title_and_metadata(&lines, &mut findings);
    check_headings(&lines, &mut findings);
    check_line_shapes(&lines, &mut findings);
    findings
}

/// NFC, line endings and the final newline: properties of the whole file.
fn check_file_shape(text: &str, findings: &mut Vec<Finding>) {
    if !is_nfc(text) {
        let first = text.split('\n').position(|line| !is_nfc(line)).unwrap_or(0);
        let line = text.split('\n').nth(first).unwrap_or_default();
        let composed: String = line.nfc().collect();
        let column = line
            .chars()
            .zip(composed.chars())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        findings.push(NFC.finding(
            format!(
                "text is not in NFC (decomposed characters, first at column {})",
                column + 1
            ),
            Some(Location::Line(first + 1)),
        ));
    }
    let cr_lines: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| l.contains('\r'))
        .map(|(i, _)| i + 1)
        .collect();
    if let Some(first) = cr_lines.first() {
        findings.push(LF.finding(
            format!(
                "CRLF line endings (a carriage return) on {} line(s), the first",
                cr_lines.len()
            ),
            Some(Location::Line(*first)),
        ));
    }
    if text.is_empty() {
        findings.push(FINAL_NEWLINE.finding("the file is empty", None));
    } else if !text.ends_with('\n') {
        findings.push(FINAL_NEWLINE.finding("no newline at the end of the file", None));
    } else if text.ends_with("\n\n") || text.ends_with("\n\r\n") {
        findings.push(FINAL_NEWLINE.finding("blank lines at the end of the file", None));
    }
}

/// The first forbidden character of a line, named by class.
fn check_characters(line: &str, number: usize, findings: &mut Vec<Finding>) {
    if let Some(column) = line.chars().position(|c| c == '\t') {
        findings.push(NO_TABS.finding(
            format!("tab character at column {}", column + 1),
            Some(Location::Line(number)),
        ));
    }
    let forbidden = line
        .chars()
        .enumerate()
        .find_map(|(i, c)| forbidden_class(c).map(|class| (i, c, class)));
    if let Some((column, c, class)) = forbidden {
        findings.push(NO_INVISIBLE_OR_PICTURE_CHARS.finding(
            format!("{class} U+{:04X} at column {}", c as u32, column + 1),
            Some(Location::Line(number)),
        ));
    }
}

/// The class of a forbidden character. Tab, CR and LF have rules of their own.
fn forbidden_class(c: char) -> Option<&'static str> {
    if matches!(c, '\t' | '\r' | '\n') {
        return None;
    }
    if c.is_control() {
        return Some("control character");
    }
    let code = c as u32;
    FORBIDDEN_RANGES
        .iter()
        .find(|(low, high, _)| (*low..=*high).contains(&code))
        .map(|(_, _, class)| *class)
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// One empty line between blocks: no blank first line, no two blank lines in a row, and a blank
/// line holds nothing (a line of spaces reads as text to some braille displays).
fn check_blank_lines(lines: &[&str], findings: &mut Vec<Finding>) {
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        if !is_blank(line) {
            continue;
        }
        if !line.is_empty() {
            findings.push(
                ONE_BLANK_LINE.finding("blank line contains spaces", Some(Location::Line(number))),
            );
        }
        if index == 0 {
            findings.push(
                ONE_BLANK_LINE
                    .finding("the file starts with a blank line", Some(Location::Line(1))),
            );
        } else if is_blank(lines[index - 1]) && index + 1 < lines.len() {
            // Blank lines at the very end are TXT-04's business.
            findings.push(ONE_BLANK_LINE.finding(
                "two or more blank lines in a row",
                Some(Location::Line(number)),
            ));
        }
    }
}

/// A heading line: `(level, text)`, or `None` for a line that is not one. A line starting with
/// `#` is always meant as a heading in this profile; a malformed one has level 0.
fn heading(line: &str) -> Option<(usize, &str)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if hashes == 0 {
        return None;
    }
    let rest = &line[hashes..];
    let well_formed = hashes <= 6 && rest.starts_with(' ') && !rest.trim().is_empty();
    Some((if well_formed { hashes } else { 0 }, rest.trim()))
}

fn check_title_and_metadata(lines: &[&str], findings: &mut Vec<Finding>) {
    match lines.first().map(|l| heading(l)) {
        Some(Some((1, _))) => {}
        Some(_) => findings.push(TITLE_FIRST.finding(
            "the first line is not a `# Title` heading",
            Some(Location::Line(1)),
        )),
        None => return,
    }
    for (index, line) in lines.iter().enumerate().skip(1) {
        if let Some((1, text)) = heading(line) {
            findings.push(TITLE_FIRST.finding(
                format!("a second level-1 heading \"{}\"", excerpt(text)),
                Some(Location::Line(index + 1)),
            ));
        }
    }

    // The metadata block is the first block after the title line.
    let Some(start) = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| !is_blank(l))
        .map(|(i, _)| i)
    else {
        findings.push(METADATA_LINES.finding("no `Label: value` lines after the title", None));
        return;
    };
    let block = lines[start..].iter().take_while(|l| !is_blank(l));
    for (offset, line) in block.enumerate() {
        if !is_metadata_line(line) {
            let message = if offset == 0 {
                format!(
                    "expected `Label: value` lines after the title, found \"{}\"",
                    excerpt(line)
                )
            } else {
                format!("not a `Label: value` line: \"{}\"", excerpt(line))
            };
            findings
                .push(METADATA_LINES.finding(message, Some(Location::Line(start + offset + 1))));
            return;
        }
    }
}

/// `Label: value`: a short label starting with a capital letter, a colon, a space, a value.
fn is_metadata_line(line: &str) -> bool {
    let Some((label, value)) = line.split_once(": ") else {
        return false;
    };
    let label_ok = label.chars().next().is_some_and(char::is_uppercase)
        && label.chars().count() <= MAX_LABEL_CHARS
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '’' | '/'));
    label_ok && !value.trim().is_empty()
}

fn check_headings(lines: &[&str], findings: &mut Vec<Finding>) {
    let mut previous_level = None;
    for (index, line) in lines.iter().enumerate() {
        let Some((level, text)) = heading(line) else {
            continue;
        };
        let location = Some(Location::Line(index + 1));
        if level == 0 {
            findings.push(HEADING_SHAPE.finding(
                format!(
                    "malformed heading \"{}\": use one to six # signs, a space and text",
                    excerpt(line)
                ),
                location,
            ));
            continue;
        }
        let blank_before = index == 0 || is_blank(lines[index - 1]);
        let blank_after = lines.get(index + 1).is_none_or(|l| is_blank(l));
        if !blank_before || !blank_after {
            findings.push(HEADING_SHAPE.finding(
                format!(
                    "heading \"{}\" is not on its own line (needs a blank line {})",
                    excerpt(text),
                    if blank_before {
                        "after it"
                    } else {
                        "before it"
                    }
                ),
                location.clone(),
            ));
        }
        if let Some(previous) = previous_level
            && level > previous + 1
        {
            findings.push(HEADING_NO_SKIP.finding(
                format!(
                    "heading level skipped: {} → {}",
                    "#".repeat(previous),
                    "#".repeat(level)
                ),
                location.clone(),
            ));
        }
        if text.ends_with(':') || text.ends_with('：') {
            findings.push(HEADING_NO_COLON.finding(
                format!("heading \"{}\" ends with a colon", excerpt(text)),
                location,
            ));
        }
        previous_level = Some(level);
    }
}

fn check_line_shapes(lines: &[&str], findings: &mut Vec<Finding>) {
    for (index, line) in lines.iter().enumerate() {
        if heading(line).is_some() {
            continue;
        }
        let location = Some(Location::Line(index + 1));
        if let Some(shape) = drawn_shape(line) {
            findings.push(NO_DRAWN_LINES.finding(shape, location));
            continue;
        }
        if let Some(marker) = typed_list_marker(line)
            && !line.starts_with("- ")
            && !is_numbered_item(line)
        {
            findings.push(LIST_MARKERS.finding(
                format!("list item typed with \"{marker}\": use \"- \" or \"1. \""),
                location,
            ));
        }
    }
}

/// `1. item`: the profile's numbered-list form (a number, a full stop, a space).
fn is_numbered_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// What kind of drawing a line is, if it is one.
fn drawn_shape(line: &str) -> Option<&'static str> {
    let visible: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.len() >= MIN_DRAWN_CHARS && !visible.iter().any(|c| c.is_alphanumeric()) {
        return Some("line of symbols only (a decorative rule or ASCII art)");
    }
    let trimmed = line.trim();
    if trimmed.len() > 1
        && trimmed.starts_with('|')
        && trimmed.ends_with('|')
        && trimmed.matches('|').count() >= 3
    {
        return Some("table drawn with | characters (linearise it into sentences or a list)");
    }
    let mut run = 0;
    let mut previous = None;
    for c in line.chars() {
        if Some(c) == previous && !c.is_alphanumeric() && !c.is_whitespace() {
            run += 1;
        } else {
            run = 1;
        }
        previous = Some(c);
        if run >= MIN_SYMBOL_RUN && !c.is_alphanumeric() && !c.is_whitespace() {
            return Some("run of repeated symbols (a decorative rule or dot leaders)");
        }
    }
    None
}

/// 1-based line number of a byte offset.
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        let mut ids: Vec<_> = check(text.as_bytes()).iter().map(|f| f.rule_id).collect();
        ids.dedup();
        ids
    }

    const GOOD: &str = "# Title\n\nDate: 1 May\nLanguage: en\n\n## Part\n\nText.\n\n- one\n- two\n";

    #[test]
    fn a_profile_document_passes() {
        assert_eq!(ids(GOOD), Vec::<&str>::new());
    }

    #[test]
    fn each_defect_has_its_rule() {
        assert_eq!(ids(&GOOD.replace("Text.", "Te\txt.")), ["TXT-05"]);
        assert_eq!(ids(&GOOD.replace("Text.", "Text. 🙂")), ["TXT-06"]);
        assert_eq!(ids(&GOOD.replace("\n\nText.", "\n\n\nText.")), ["TXT-07"]);
        assert_eq!(ids(&GOOD.replace("## Part", "## Part:")), ["TXT-12"]);
        assert_eq!(ids(&GOOD.replace("## Part", "### Part")), ["TXT-11"]);
        assert_eq!(ids(&GOOD.replace("Text.", "==========")), ["TXT-13"]);
        assert_eq!(ids(&GOOD.replace("- one", "• one")), ["TXT-14"]);
        assert_eq!(ids(&GOOD.replace("\n", "\r\n")), ["TXT-03"]);
        assert_eq!(ids(&format!("{GOOD}\n")), ["TXT-04"]);
        assert_eq!(ids(&GOOD.replace("Date: 1 May", "Some prose")), ["TXT-09"]);
        assert_eq!(ids(&GOOD.replace("Text.", "Que\u{301}bec.")), ["TXT-02"]);
    }

    #[test]
    fn invalid_utf8_is_a_finding_not_an_error() {
        let mut bytes = GOOD.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\n");
        assert!(check(&bytes).iter().any(|f| f.rule_id == "TXT-01"));
    }

    #[test]
    fn drawn_lines() {
        assert!(drawn_shape("* * *").is_some());
        assert!(drawn_shape("| a | b |").is_some());
        assert!(drawn_shape("Intro ........ 3").is_some());
        assert!(drawn_shape("Wait... what?").is_none());
        assert!(drawn_shape("- one").is_none());
    }
}
