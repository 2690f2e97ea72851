//! Audits a Word document: opens the zip, parses `word/document.xml`, `word/styles.xml` and
//! `docProps/core.xml` with roxmltree, and checks the structure a screen reader navigates by
//! (heading outline levels, real list numbering, table header rows, link text) and the metadata
//! it announces (title, language). Locations are paragraphs (every `w:p` of the body in order,
//! table cells included), tables, or package parts.
//!
//! Elements are matched by local name, so Strict OOXML (another namespace) reads like
//! Transitional. Parts are read from their conventional paths, which Word, LibreOffice and
//! docx-rs all use.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

use super::{CheckError, Finding, Kind, Location, Rule, Severity, excerpt, typed_list_marker};

const TITLE: Rule = Rule {
    id: "DOCX-01",
    severity: Severity::Error,
    description: "a non-empty title (dc:title in docProps/core.xml)",
};
const LANGUAGE: Rule = Rule {
    id: "DOCX-02",
    severity: Severity::Error,
    description: "a document language (w:lang in the styles' docDefaults)",
};
const HEADING_STYLES: Rule = Rule {
    id: "DOCX-03",
    severity: Severity::Error,
    description: "headings use Heading styles: no short all-bold paragraph standing in for one",
};
const ONE_HEADING_1: Rule = Rule {
    id: "DOCX-04",
    severity: Severity::Error,
    description: "exactly one Heading 1 (outline level 1)",
};
const NO_SKIPPED_LEVEL: Rule = Rule {
    id: "DOCX-05",
    severity: Severity::Error,
    description: "heading levels never skip (Heading 1 → Heading 3 is a skip)",
};
const REAL_LISTS: Rule = Rule {
    id: "DOCX-06",
    severity: Severity::Error,
    description: "lists use numbering (w:numPr), not typed bullets or numbers",
};
const NO_SPACING_PARAGRAPHS: Rule = Rule {
    id: "DOCX-07",
    severity: Severity::Error,
    description: "no empty paragraphs used for spacing",
};
const TABLE_HEADER: Rule = Rule {
    id: "DOCX-08",
    severity: Severity::Error,
    description: "the first row of every table is a header row (w:tblHeader)",
};
const LINK_TEXT: Rule = Rule {
    id: "DOCX-09",
    severity: Severity::Error,
    description: "link text is not a bare URL or \"click here\"",
};

/// The DOCX rules, in id order.
pub static RULES: &[&Rule] = &[
    &TITLE,
    &LANGUAGE,
    &HEADING_STYLES,
    &ONE_HEADING_1,
    &NO_SKIPPED_LEVEL,
    &REAL_LISTS,
    &NO_SPACING_PARAGRAPHS,
    &TABLE_HEADER,
    &LINK_TEXT,
];

const DOCUMENT_PART: &str = "word/document.xml";
const STYLES_PART: &str = "word/styles.xml";
const CORE_PART: &str = "docProps/core.xml";
const DC: &str = "http://purl.org/dc/elements/1.1/";

/// A part bigger than this once inflated is refused: a zip bomb must not exhaust memory. Real
/// document parts are a few megabytes.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// A paragraph longer than this is prose even when it is all bold.
const MAX_FAKE_HEADING_WORDS: usize = 12;

/// Style chains (`w:basedOn`) longer than this are cycles.
const MAX_STYLE_CHAIN: usize = 16;

/// Audits a DOCX. Fails when the zip or its main part cannot be read.
pub fn check(bytes: &[u8]) -> Result<Vec<Finding>, CheckError> {
    let unreadable = |reason: String| CheckError::Unreadable {
        kind: Kind::Docx,
        reason,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a zip ({e})")))?;
    let document_xml = read_part(&mut archive, DOCUMENT_PART)
        .map_err(unreadable)?
        .ok_or_else(|| unreadable(format!("no {DOCUMENT_PART}: not a Word document")))?;
    let document = Document::parse(&document_xml)
        .map_err(|e| unreadable(format!("{DOCUMENT_PART} is not well-formed XML ({e})")))?;
    // Styles and core properties are optional parts: a missing or broken one is a finding.
    let styles_xml = read_part(&mut archive, STYLES_PART).ok().flatten();
    let styles_doc = styles_xml.as_deref().and_then(|x| Document::parse(x).ok());
    let core_xml = read_part(&mut archive, CORE_PART).ok().flatten();
    let core_doc = core_xml.as_deref().and_then(|x| Document::parse(x).ok());

    let mut findings = Vec::new();
    check_title(core_doc.as_ref(), &mut findings);
    let styles = Styles::read(styles_doc.as_ref());
    check_language(styles_doc.as_ref(), &mut findings);
    let Some(body) = document.root_element().children().find(|n| is_w(n, "body")) else {
        return Err(unreadable(format!("{DOCUMENT_PART} has no w:body")));
    };
    let paragraphs: Vec<Paragraph> = body
        .descendants()
        .filter(|n| is_w(n, "p"))
        .enumerate()
        .map(|(i, node)| Paragraph::read(node, i + 1, &styles))
        .collect();
    check_headings(&paragraphs, &mut findings);
    check_lists(&paragraphs, &mut findings);
    check_spacing(body, &paragraphs, &mut findings);
    check_tables(body, &mut findings);
    check_links(&paragraphs, &mut findings);
    Ok(findings)
}

/// A part's text, `None` when the package has no such part.
fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} inflates to more than {MAX_PART_BYTES} bytes"
        ));
    }
    // XML parts are UTF-8 in every producer we know; a stray BOM is allowed by XML.
    let text = String::from_utf8_lossy(&bytes);
    Ok(Some(text.trim_start_matches('\u{FEFF}').to_owned()))
}

fn is_w(node: &Node, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local
}

/// A `w:val`-like attribute by local name, whatever its namespace prefix.
fn attribute<'a>(node: &Node<'a, '_>, local: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == local)
        .map(|a| a.value())
}

fn child<'a, 'i>(node: &Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is_w(n, local))
}

/// An on/off property (`<w:b/>`, `<w:tblHeader w:val="true"/>`): on unless its value says off.
fn is_on(node: Option<Node>) -> bool {
    node.is_some_and(|n| !matches!(attribute(&n, "val"), Some("0" | "false" | "off" | "none")))
}

fn check_title(core: Option<&Document>, findings: &mut Vec<Finding>) {
    let title = core.and_then(|doc| {
        doc.descendants()
            .find(|n| n.tag_name().namespace() == Some(DC) && n.tag_name().name() == "title")
            .and_then(|n| n.text())
            .map(str::trim)
            .filter(|t| !t.is_empty())
    });
    if title.is_none() {
        findings.push(TITLE.finding(
            "no document title (dc:title is missing or empty)",
            Some(Location::Part(CORE_PART.into())),
        ));
    }
}

fn check_language(styles: Option<&Document>, findings: &mut Vec<Finding>) {
    let language = styles.and_then(|doc| {
        let defaults = doc.descendants().find(|n| is_w(n, "docDefaults"))?;
        let lang = defaults.descendants().find(|n| is_w(n, "lang"))?;
        attribute(&lang, "val").filter(|v| !v.trim().is_empty())
    });
    if language.is_none() {
        findings.push(LANGUAGE.finding(
            "no document language (w:lang in the styles' docDefaults)",
            Some(Location::Part(STYLES_PART.into())),
        ));
    }
}

/// What the checks need from `word/styles.xml`, by style id.
struct Styles {
    by_id: BTreeMap<String, StyleFacts>,
}

/// One style's own facts; inherited ones are found by following `based_on`.
struct StyleFacts {
    based_on: Option<String>,
    /// 0-based, as in `w:outlineLvl` (0 = Heading 1, 9 = body text).
    outline_level: Option<u8>,
    is_bold: bool,
    has_numbering: bool,
}

impl Styles {
    fn read(doc: Option<&Document>) -> Styles {
        let mut by_id = BTreeMap::new();
        for style in doc
            .into_iter()
            .flat_map(|d| d.descendants())
            .filter(|n| is_w(n, "style"))
        {
            let Some(id) = attribute(&style, "styleId") else {
                continue;
            };
            let ppr = child(&style, "pPr");
            let name = child(&style, "name").and_then(|n| attribute(&n, "val"));
            let outline_level = ppr
                .and_then(|p| child(&p, "outlineLvl"))
                .and_then(|o| attribute(&o, "val"))
                .and_then(|v| v.parse().ok())
                .or_else(|| name.and_then(heading_level_from_name));
            let facts = StyleFacts {
                based_on: child(&style, "basedOn")
                    .and_then(|b| attribute(&b, "val"))
                    .map(str::to_owned),
                outline_level,
                is_bold: is_on(child(&style, "rPr").and_then(|r| child(&r, "b"))),
                has_numbering: ppr.and_then(|p| child(&p, "numPr")).is_some(),
            };
            by_id.insert(id.to_owned(), facts);
        }
        Styles { by_id }
    }

    /// The first fact a style or one of its ancestors has.
    fn inherited<T>(&self, id: &str, fact: impl Fn(&StyleFacts) -> Option<T>) -> Option<T> {
        let mut id = id;
        for _ in 0..MAX_STYLE_CHAIN {
            let facts = self.by_id.get(id)?;
            if let Some(value) = fact(facts) {
                return Some(value);
            }
            id = facts.based_on.as_deref()?;
        }
        None
    }

    /// 1-based heading level of a paragraph style. Without a styles part, Word's built-in ids
    /// (`Heading1`…) still say it.
    fn heading_level(&self, id: &str) -> Option<u8> {
        self.inherited(id, |f| f.outline_level)
            .filter(|level| *level < 9)
            .map(|level| level + 1)
            .or_else(|| {
                if self.by_id.contains_key(id) {
                    None
                } else {
                    heading_level_from_name(id).map(|l| l + 1)
                }
            })
    }
}

/// `heading 2` / `Heading2` → outline level 1 (0-based), as Word's built-in names are.
fn heading_level_from_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let digits = lower.strip_prefix("heading")?.trim();
    digits
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=9).contains(n))
        .map(|n| n - 1)
}

/// One `w:p`, as the checks need it.
struct Paragraph<'a, 'i> {
    node: Node<'a, 'i>,
    number: usize,
    text: String,
    heading_level: Option<u8>,
    has_numbering: bool,
    /// Every run with text is bold, by direct formatting or its paragraph style.
    is_all_bold: bool,
    /// Holds something besides text: a picture, an object, a page break, a section break.
    has_non_text_content: bool,
    is_in_table: bool,
}

impl<'a, 'i> Paragraph<'a, 'i> {
    fn read(node: Node<'a, 'i>, number: usize, styles: &Styles) -> Self {
        let ppr = child(&node, "pPr");
        let style_id = ppr
            .and_then(|p| child(&p, "pStyle"))
            .and_then(|s| attribute(&s, "val"));
        let direct_level = ppr
            .and_then(|p| child(&p, "outlineLvl"))
            .and_then(|o| attribute(&o, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9)
            .map(|l| l + 1);
        let heading_level =
            direct_level.or_else(|| style_id.and_then(|id| styles.heading_level(id)));
        let style_is_bold =
            style_id.is_some_and(|id| styles.inherited(id, |f| f.is_bold.then_some(())).is_some());
        let has_numbering = ppr.and_then(|p| child(&p, "numPr")).is_some()
            || style_id.is_some_and(|id| {
                styles
                    .inherited(id, |f| f.has_numbering.then_some(()))
                    .is_some()
            });
        let runs: Vec<Node> = node.descendants().filter(|n| is_w(n, "r")).collect();
        let text_runs: Vec<&Node> = runs
            .iter()
            .filter(|r| !run_text(r).trim().is_empty())
            .collect();
        let is_all_bold = !text_runs.is_empty()
            && text_runs.iter().all(|r| {
                let direct = child(r, "rPr").and_then(|p| child(&p, "b"));
                match direct {
                    Some(_) => is_on(direct),
                    None => style_is_bold,
                }
            });
        let has_non_text_content = node.descendants().any(|n| {
            (n.is_element()
                && matches!(
                    n.tag_name().name(),
                    "drawing" | "pict" | "object" | "sectPr" | "fldChar"
                ))
                || (is_w(&n, "br") && attribute(&n, "type") == Some("page"))
        });
        Paragraph {
            node,
            number,
            text: runs.iter().map(run_text).collect(),
            heading_level,
            has_numbering,
            is_all_bold,
            has_non_text_content,
            is_in_table: node.ancestors().any(|a| is_w(&a, "tc")),
        }
    }

    fn location(&self) -> Option<Location> {
        Some(Location::Paragraph(self.number))
    }

    fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && !self.has_non_text_content
    }
}

/// The text of one run: `w:t`, tabs as spaces.
fn run_text(run: &Node) -> String {
    run.children()
        .filter_map(|n| match n.tag_name().name() {
            "t" if n.is_element() => n.text().map(str::to_owned),
            "tab" if n.is_element() => Some(" ".to_owned()),
            _ => None,
        })
        .collect()
}

fn check_headings(paragraphs: &[Paragraph], findings: &mut Vec<Finding>) {
    let headings: Vec<(u8, &Paragraph)> = paragraphs
        .iter()
        .filter_map(|p| p.heading_level.map(|level| (level, p)))
        .collect();
    match headings
        .iter()
        .filter(|(l, _)| *l == 1)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => findings.push(ONE_HEADING_1.finding("no Heading 1 (outline level 1)", None)),
        [_] => {}
        [_, rest @ ..] => {
            for (_, extra) in rest {
                findings.push(ONE_HEADING_1.finding(
                    format!("a second Heading 1 \"{}\"", excerpt(&extra.text)),
                    extra.location(),
                ));
            }
        }
    }
    for pair in headings.windows(2) {
        let ((previous, _), (level, paragraph)) = (pair[0], pair[1]);
        if level > previous + 1 {
            findings.push(NO_SKIPPED_LEVEL.finding(
                format!(
                    "heading level skipped: Heading {previous} → Heading {level} \"{}\"",
                    excerpt(&paragraph.text)
                ),
                paragraph.location(),
            ));
        }
    }
    for paragraph in paragraphs {
        let text = paragraph.text.trim();
        let looks_like_heading = paragraph.heading_level.is_none()
            && paragraph.is_all_bold
            && !paragraph.has_numbering
            && !paragraph.is_in_table
            && text.split_whitespace().count() <= MAX_FAKE_HEADING_WORDS
            && !text.ends_with(['.', ',', ';', ':', '!', '?']);
        if looks_like_heading {
            findings.push(HEADING_STYLES.finding(
                format!(
                    "bold paragraph \"{}\" looks like a heading but has no Heading style",
                    excerpt(text)
                ),
                paragraph.location(),
            ));
        }
    }
}

fn check_lists(paragraphs: &[Paragraph], findings: &mut Vec<Finding>) {
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let Some(marker) = typed_list_marker(&paragraph.text) else {
            continue;
        };
        let is_number = marker.starts_with(|c: char| c.is_ascii_digit());
        if is_number {
            // One paragraph starting "3." can be prose; two in a row are a typed list.
            let neighbour_numbered = |i: Option<usize>| {
                i.and_then(|i| paragraphs.get(i))
                    .and_then(|p| typed_list_marker(&p.text))
                    .is_some_and(|m| m.starts_with(|c: char| c.is_ascii_digit()))
            };
            let in_typed_run =
                neighbour_numbered(index.checked_sub(1)) || neighbour_numbered(Some(index + 1));
            if paragraph.has_numbering || !in_typed_run {
                continue;
            }
        }
        // A typed bullet is wrong even in a numbered paragraph: it is read out twice.
        findings.push(REAL_LISTS.finding(
            format!(
                "list item typed with \"{marker}\": \"{}\" (use a list style with numbering)",
                excerpt(&paragraph.text)
            ),
            paragraph.location(),
        ));
    }
}

/// Empty body paragraphs used as vertical space. Allowed: the one paragraph Word requires at the
/// end of the body, and the one it requires between two adjacent tables.
fn check_spacing(body: Node, paragraphs: &[Paragraph], findings: &mut Vec<Finding>) {
    let blocks: Vec<Node> = body
        .children()
        .filter(|n| is_w(n, "p") || is_w(n, "tbl"))
        .collect();
    // Keyed by the element's byte offset in the part: unique, and cheap to look up in long files.
    let by_offset: BTreeMap<usize, &Paragraph> = paragraphs
        .iter()
        .map(|p| (p.node.range().start, p))
        .collect();
    let paragraph_of = |node: &Node| by_offset.get(&node.range().start).copied();
    let is_empty_paragraph = |node: &Node| paragraph_of(node).is_some_and(Paragraph::is_empty);
    let mut index = 0;
    while index < blocks.len() {
        if !is_empty_paragraph(&blocks[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < blocks.len() && is_empty_paragraph(&blocks[index]) {
            index += 1;
        }
        let run = index - start;
        let is_last = index == blocks.len();
        let between_tables = start > 0
            && is_w(&blocks[start - 1], "tbl")
            && blocks.get(index).is_some_and(|n| is_w(n, "tbl"));
        if run == 1 && (is_last || between_tables) {
            continue;
        }
        let location = paragraph_of(&blocks[start]).and_then(Paragraph::location);
        let message = if run == 1 {
            "empty paragraph used for spacing (use space before/after in the style)".to_owned()
        } else {
            format!(
                "{run} empty paragraphs in a row used for spacing (use space before/after in the style)"
            )
        };
        findings.push(NO_SPACING_PARAGRAPHS.finding(message, location));
    }
}

fn check_tables(body: Node, findings: &mut Vec<Finding>) {
    for (index, table) in body.descendants().filter(|n| is_w(n, "tbl")).enumerate() {
        let Some(first_row) = child(&table, "tr") else {
            continue;
        };
        let is_header = is_on(child(&first_row, "trPr").and_then(|p| child(&p, "tblHeader")));
        if !is_header {
            findings.push(TABLE_HEADER.finding(
                "first row is not marked as a header row (w:tblHeader)",
                Some(Location::Table(index + 1)),
            ));
        }
    }
}

fn check_links(paragraphs: &[Paragraph], findings: &mut Vec<Finding>) {
    for paragraph in paragraphs {
        let links = paragraph.node.descendants().filter(|n| {
            is_w(n, "hyperlink")
                || (is_w(n, "fldSimple")
                    && attribute(n, "instr")
                        .is_some_and(|i| i.trim_start().starts_with("HYPERLINK")))
        });
        for link in links {
            let text: String = link
                .descendants()
                .filter(|n| is_w(n, "r"))
                .map(|r| run_text(&r))
                .collect();
            if let Some(problem) = super::vague_link_text(&text) {
                findings.push(LINK_TEXT.finding(
                    format!("link text \"{}\" is {problem}", excerpt(&text)),
                    paragraph.location(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_zip_is_an_error() {
        assert!(check(b"PK\x03\x04 not really").is_err());
        assert!(check(b"").is_err());
    }

    #[test]
    fn heading_names() {
        assert_eq!(heading_level_from_name("heading 1"), Some(0));
        assert_eq!(heading_level_from_name("Heading3"), Some(2));
        assert_eq!(heading_level_from_name("Header"), None);
    }
}
