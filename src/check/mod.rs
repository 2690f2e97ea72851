//! `check`: audits a PDF, DOCX, Markdown or accessible-text file against the machine-checkable
//! accessibility rules that Rapporteur's own renderers promise (issue 3), whoever made the file.
//!
//! Input: the file's bytes and its [`Kind`] (see [`detect`]). Output: a list of [`Finding`]s, each
//! naming the [`Rule`] it breaks and, where the format allows, a [`Location`] (page, paragraph,
//! table or line). The rules are data: one table per format ([`pdf::RULES`], [`docx::RULES`],
//! [`markdown::RULES`], [`text::RULES`]), each row an id, a severity and a description, and every
//! finding is made from a row, so an id cannot drift from its description.
//!
//! This module never reads files and never prints: the CLI (`rapporteur check`) does both. It must
//! not panic on any bytes: a file that cannot be parsed at all is a [`CheckError`]; a file that
//! parses but breaks a rule is a finding.

pub mod docx;
pub mod markdown;
pub mod pdf;
pub mod text;

use std::fmt;

use serde::Serialize;

/// The formats `check` audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A PDF file, audited for tagging (PDF/UA-1).
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
    /// CommonMark with YAML front matter.
    Md,
    /// Rapporteur's accessible plain-text profile.
    Txt,
}

impl Kind {
    /// Every kind, in the order the rule tables are listed.
    pub const ALL: [Kind; 4] = [Kind::Pdf, Kind::Docx, Kind::Md, Kind::Txt];

    /// The name used on the command line (`--as`) and in JSON: the usual file extension.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Md => "md",
            Kind::Txt => "txt",
        }
    }

    /// The kind named `name` (a CLI name or a common extension), if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        match name.to_ascii_lowercase().as_str() {
            "pdf" => Some(Kind::Pdf),
            "docx" => Some(Kind::Docx),
            "md" | "markdown" | "mdown" | "mkd" => Some(Kind::Md),
            "txt" | "text" => Some(Kind::Txt),
            _ => None,
        }
    }

    /// The rule table of this kind.
    pub fn rules(self) -> &'static [&'static Rule] {
        match self {
            Kind::Pdf => pdf::RULES,
            Kind::Docx => docx::RULES,
            Kind::Md => markdown::RULES,
            Kind::Txt => text::RULES,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether breaking a rule fails the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file fails the audit (`rapporteur check` exits 1).
    Error,
    /// Advice: reported, but the file still passes.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One row of a rule table: what is checked, under which id.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, `PDF-01`, `DOCX-04`, `MD-02`, `TXT-13`: quoted by users and tests, never reused.
    pub id: &'static str,
    /// Whether a finding fails the file.
    pub severity: Severity,
    /// What a passing file does, in one line.
    pub description: &'static str,
}

impl Rule {
    /// A finding of this rule.
    pub fn finding(
        &'static self,
        message: impl Into<String>,
        location: Option<Location>,
    ) -> Finding {
        Finding {
            rule_id: self.id,
            severity: self.severity,
            message: message.into(),
            location,
        }
    }
}

/// Where in a file a finding is. Numbers count from 1, in document order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// A PDF page.
    Page(u32),
    /// A DOCX paragraph (every `w:p` of the body, tables included).
    Paragraph(usize),
    /// A DOCX table (every `w:tbl`, nested ones included).
    Table(usize),
    /// A line of a Markdown or text file.
    Line(usize),
    /// A part of a package, such as `word/styles.xml`.
    Part(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Page(n) => write!(f, "on page {n}"),
            Location::Paragraph(n) => write!(f, "in paragraph {n}"),
            Location::Table(n) => write!(f, "in table {n}"),
            Location::Line(n) => write!(f, "on line {n}"),
            Location::Part(name) => write!(f, "in {name}"),
        }
    }
}

/// One broken rule at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The id of the [`Rule`] broken.
    pub rule_id: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// Where, when the format allows saying so.
    pub location: Option<Location>,
}

impl Finding {
    /// True when this finding fails the file.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// `PDF-06 heading level skipped: H1 → H3 on page 2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.rule_id)?;
        if self.severity == Severity::Warning {
            f.write_str("(warning) ")?;
        }
        f.write_str(&self.message)?;
        if let Some(location) = &self.location {
            write!(f, " {location}")?;
        }
        Ok(())
    }
}

/// Why a file could not be audited at all (as opposed to breaking a rule).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// Neither the content nor the file name says which format this is.
    #[error(
        "cannot tell the format: not a PDF or DOCX by content, and the name does not end in .md or .txt"
    )]
    UnknownKind,
    /// The bytes are not a file of the expected kind (a broken PDF, a zip without a document).
    #[error("not a readable {kind} file: {reason}")]
    Unreadable {
        /// The kind that was expected.
        kind: Kind,
        /// What the parser said.
        reason: String,
    },
    /// Markdown must be UTF-8 before it can be parsed.
    #[error("not UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
}

/// At most this many findings of one rule are listed per file; the rest are counted in one more
/// finding. A text file indented with tabs would otherwise print a line per line of the file.
pub const MAX_FINDINGS_PER_RULE: usize = 20;

/// Audits one file. Findings are grouped by rule (in table order), in document order within a
/// rule.
pub fn check(bytes: &[u8], kind: Kind) -> Result<Vec<Finding>, CheckError> {
    let findings = match kind {
        Kind::Pdf => pdf::check(bytes)?,
        Kind::Docx => docx::check(bytes)?,
        Kind::Md => markdown::check(bytes)?,
        Kind::Txt => text::check(bytes),
    };
    Ok(group_by_rule(findings, kind.rules()))
}

/// Which kind a file is: by content for PDF and DOCX (their magic bytes are unambiguous), then by
/// the extension of `path`, then Markdown if it opens with front matter. `None` when undecided:
/// Markdown and plain text cannot be told apart by content alone (our text starts `# Title`).
pub fn detect(bytes: &[u8], path: Option<&str>) -> Option<Kind> {
    // PDF 1.7 §7.5.2: readers accept the header anywhere in the first 1024 bytes.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Kind::Docx);
    }
    let extension = path
        .and_then(|p| std::path::Path::new(p).extension())
        .and_then(|e| e.to_str());
    if let Some(kind) = extension.and_then(Kind::from_name) {
        return Some(kind);
    }
    if bytes.starts_with(b"---\n") || bytes.starts_with(b"---\r\n") {
        return Some(Kind::Md);
    }
    None
}

/// Every rule of every kind, in table order.
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    Kind::ALL
        .into_iter()
        .flat_map(|k| k.rules().iter().copied())
}

/// Orders findings by rule (table order), keeps document order within a rule, and caps each
/// rule at [`MAX_FINDINGS_PER_RULE`].
fn group_by_rule(findings: Vec<Finding>, rules: &[&'static Rule]) -> Vec<Finding> {
    let mut grouped = Vec::new();
    for rule in rules {
        let mine: Vec<Finding> = findings
            .iter()
            .filter(|f| f.rule_id == rule.id)
            .cloned()
            .collect();
        let extra = mine.len().saturating_sub(MAX_FINDINGS_PER_RULE);
        grouped.extend(mine.into_iter().take(MAX_FINDINGS_PER_RULE));
        if extra > 0 {
            grouped.push(rule.finding(format!("… and {extra} more like the above"), None));
        }
    }
    grouped
}

/// Characters people type to fake a bullet list. `-`, `*` and `–` also start ordinary text, so
/// they count only when followed by a space; the others count on their own.
pub(crate) const TYPED_BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '▸', '➢', '➤', '·', '-', '*', '–',
];

/// Bullets that are also ordinary punctuation (hyphen, asterisk, en dash, middle dot), so they
/// need a following space to count as a typed bullet.
const AMBIGUOUS_BULLETS: &[char] = &['-', '*', '–', '·'];

/// The typed bullet or number that `text` starts with, if any: `•`, `- `, `1. `, `2) `.
pub(crate) fn typed_list_marker(text: &str) -> Option<String> {
    let text = text.trim_start();
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let followed_by_space = rest.starts_with(char::is_whitespace);
    if TYPED_BULLETS.contains(&first) {
        let counts = !AMBIGUOUS_BULLETS.contains(&first) || followed_by_space;
        return counts.then(|| first.to_string());
    }
    typed_number(text)
}

/// `1.`, `12)` followed by a space: a number typed by hand in front of a list item.
pub(crate) fn typed_number(text: &str) -> Option<String> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    // Three digits at most: "2024. A year of change" is a sentence, not item 2024.
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = &text[digits..];
    let mut chars = after.chars();
    let delimiter = chars.next()?;
    let is_marker = matches!(delimiter, '.' | ')') && chars.next().is_some_and(char::is_whitespace);
    is_marker.then(|| text[..=digits].to_owned())
}

/// Link text that tells a screen-reader user nothing about where the link goes (WCAG 2.4.4).
pub(crate) fn vague_link_text(text: &str) -> Option<&'static str> {
    let trimmed = text.trim().trim_end_matches(['.', ':', '!']).trim();
    let lower = trimmed.to_lowercase();
    const URL_PREFIXES: &[&str] = &["http://", "https://", "ftp://", "www.", "mailto:"];
    if URL_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return Some("a bare URL");
    }
    const VAGUE: &[&str] = &[
        "click here",
        "click",
        "here",
        "link",
        "this link",
        "read more",
        "more",
        "learn more",
        "this",
        "go",
    ];
    VAGUE
        .contains(&lower.as_str())
        .then_some("not descriptive: it does not say where the link goes")
}

/// Shortens a quoted piece of document text for a one-line message.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX_CHARS {
        text
    } else {
        let cut: String = text.chars().take(MAX_CHARS - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_markers_need_a_space_only_when_ambiguous() {
        assert_eq!(typed_list_marker("• item").as_deref(), Some("•"));
        assert_eq!(typed_list_marker("•item").as_deref(), Some("•"));
        assert_eq!(typed_list_marker("- item").as_deref(), Some("-"));
        assert_eq!(typed_list_marker("-5 degrees"), None);
        assert_eq!(typed_list_marker("*emphasis*"), None);
        assert_eq!(typed_list_marker("1. First").as_deref(), Some("1."));
        assert_eq!(typed_list_marker("12) Twelfth").as_deref(), Some("12)"));
        assert_eq!(typed_list_marker("2024. A year"), None);
        assert_eq!(typed_list_marker("3.5 percent"), None);
    }

    #[test]
    fn vague_links_are_bare_urls_and_click_here() {
        assert!(vague_link_text("https://example.org/x").is_some());
        assert!(vague_link_text("Click here.").is_some());
        assert!(vague_link_text("The 2024 programme").is_none());
    }

    #[test]
    fn detection_by_content_then_extension() {
        assert_eq!(detect(b"%PDF-1.7\n", Some("x.txt")), Some(Kind::Pdf));
        assert_eq!(detect(b"PK\x03\x04rest", None), Some(Kind::Docx));
        assert_eq!(detect(b"# T\n", Some("a/b.MD")), Some(Kind::Md));
        assert_eq!(detect(b"# T\n", Some("b.txt")), Some(Kind::Txt));
        assert_eq!(detect(b"---\ntitle: x\n---\n", None), Some(Kind::Md));
        assert_eq!(detect(b"# T\n", None), None);
    }

    #[test]
    fn rule_ids_are_unique_and_prefixed_by_kind() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in Kind::ALL {
            let prefix = format!("{}-", kind.name().to_uppercase());
            for rule in kind.rules() {
                assert!(rule.id.starts_with(&prefix), "{} in {kind}", rule.id);
                assert!(seen.insert(rule.id), "duplicate {}", rule.id);
            }
        }
    }

    #[test]
    fn findings_beyond_the_cap_are_counted() {
        let findings = (1..=25)
            .map(|n| text::RULES[4].finding("tab", Some(Location::Line(n))))
            .collect();
        let grouped = group_by_rule(findings, text::RULES);
        assert_eq!(grouped.len(), MAX_FINDINGS_PER_RULE + 1);
        assert!(grouped[MAX_FINDINGS_PER_RULE].message.contains("5 more"));
    }
}
