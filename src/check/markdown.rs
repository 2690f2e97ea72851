//! Audits a Markdown file: parses it with comrak (CommonMark plus GFM tables, with `---` front
//! matter) and walks the tree. Locations are source lines, front matter included.
//!
//! Choice: the front matter `title` does **not** stand for the H1. The body must have exactly one
//! H1 of its own, because that heading is what renderers (GitHub, pandoc, static sites) show and
//! what screen-reader heading navigation lands on; front matter is metadata most of them hide.
//! Our renderer writes both (`src/render/markdown.rs`). markdownlint's MD025 counts a front
//! matter title as an H1 unless its `front_matter_title` option is set to "", so a markdownlint
//! config used on our output must set it.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

use super::{CheckError, Finding, Location, Rule, Severity, excerpt, typed_list_marker};

const FRONT_MATTER: Rule = Rule {
    id: "MD-01",
    severity: Severity::Error,
    description: "YAML front matter (`---`) with a non-empty `title` and `lang`",
};
const ONE_H1: Rule = Rule {
    id: "MD-02",
    severity: Severity::Error,
    description: "exactly one H1 in the body (the front matter title does not count)",
};
const NO_SKIPPED_LEVEL: Rule = Rule {
    id: "MD-03",
    severity: Severity::Error,
    description: "heading levels never skip (# then ### is a skip)",
};
const NO_EMPHASIS_HEADING: Rule = Rule {
    id: "MD-04",
    severity: Severity::Error,
    description: "no bold or italic one-line paragraph standing in for a heading",
};
const NO_RAW_HTML: Rule = Rule {
    id: "MD-05",
    severity: Severity::Error,
    description: "no raw HTML (comments are allowed)",
};
const LIST_SYNTAX: Rule = Rule {
    id: "MD-06",
    severity: Severity::Error,
    description: "lists use list syntax (`- `, `1. `), not paragraphs starting with a typed `•`",
};
const IMAGE_ALT: Rule = Rule {
    id: "MD-07",
    severity: Severity::Error,
    description: "images have alt text",
};
const LINK_TEXT: Rule = Rule {
    id: "MD-08",
    severity: Severity::Error,
    description: "link text is not a bare URL or \"click here\"",
};

/// The Markdown rules, in id order.
pub static RULES: &[&Rule] = &[
    &FRONT_MATTER,
    &ONE_H1,
    &NO_SKIPPED_LEVEL,
    &NO_EMPHASIS_HEADING,
    &NO_RAW_HTML,
    &LIST_SYNTAX,
    &IMAGE_ALT,
    &LINK_TEXT,
];

/// A paragraph ending in one of these is a sentence or a label, not a heading; the same list as
/// markdownlint's MD036 default.
const SENTENCE_END: &[char] = &[
    '.', ',', ';', ':', '!', '?', '。', '，', '；', '：', '！', '？',
];

type Node<'a> = &'a AstNode<'a>;

/// Audits Markdown. Fails only on bytes that are not UTF-8.
pub fn check(bytes: &[u8]) -> Result<Vec<Finding>, CheckError> {
    let text = std::str::from_utf8(bytes).map_err(|e| CheckError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    let mut findings = Vec::new();
    check_front_matter(root, &mut findings);
    check_headings(root, &mut findings);
    for node in root.descendants() {
        check_node(node, &mut findings);
    }
    Ok(findings)
}

/// CommonMark with the GFM extensions people use (tables, strikethrough, task lists), so that a
/// table is read as a table; front matter between `---` lines, as our renderer writes it.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options
}

fn line_of(node: Node) -> Option<Location> {
    let line = node.data.borrow().sourcepos.start.line;
    (line > 0).then_some(Location::Line(line))
}

fn text_of(node: Node) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

fn check_front_matter(root: Node, findings: &mut Vec<Finding>) {
    let front_matter = root.children().find_map(|n| match &n.data.borrow().value {
        NodeValue::FrontMatter(text) => Some(text.clone()),
        _ => None,
    });
    let Some(front_matter) = front_matter else {
        findings.push(FRONT_MATTER.finding(
            "no YAML front matter (`---` lines with title and lang)",
            Some(Location::Line(1)),
        ));
        return;
    };
    let missing: Vec<&str> = ["title", "lang"]
        .into_iter()
        .filter(|key| front_matter_value(&front_matter, key).is_none_or(str::is_empty))
        .collect();
    if !missing.is_empty() {
        findings.push(FRONT_MATTER.finding(
            format!("front matter has no {}", missing.join(" and no ")),
            Some(Location::Line(1)),
        ));
    }
}

/// The value of a top-level `key: value` line of YAML front matter, unquoted. Not a YAML parser:
/// enough for the one-line scalars `title` and `lang` are.
fn front_matter_value<'a>(front_matter: &'a str, key: &str) -> Option<&'a str> {
    front_matter.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        (name == key).then(|| {
            let value = value.trim();
            value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value)
                .trim()
        })
    })
}

fn check_headings(root: Node, findings: &mut Vec<Finding>) {
    let headings: Vec<(u8, Node)> = root
        .descendants()
        .filter_map(|n| match &n.data.borrow().value {
            NodeValue::Heading(h) => Some((h.level, n)),
            _ => None,
        })
        .collect();
    let h1s: Vec<Node> = headings
        .iter()
        .filter(|(level, _)| *level == 1)
        .map(|(_, n)| *n)
        .collect();
    match h1s.as_slice() {
        [] => findings.push(ONE_H1.finding("no H1 (`# Title`) in the body", None)),
        [_] => {}
        [_, rest @ ..] => {
            for extra in rest {
                findings.push(ONE_H1.finding(
                    format!("a second H1 \"{}\"", excerpt(&text_of(extra))),
                    line_of(extra),
                ));
            }
        }
    }
    for pair in headings.windows(2) {
        let ((previous, _), (level, node)) = (pair[0], pair[1]);
        if level > previous + 1 {
            findings.push(NO_SKIPPED_LEVEL.finding(
                format!("heading level skipped: H{previous} → H{level}"),
                line_of(node),
            ));
        }
    }
}

fn check_node(node: Node, findings: &mut Vec<Finding>) {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::HtmlBlock(block) if !is_comment(&block.literal) => {
            findings.push(NO_RAW_HTML.finding(
                format!("raw HTML block \"{}\"", excerpt(&block.literal)),
                line_of(node),
            ))
        }
        NodeValue::HtmlInline(html) if !is_comment(&html) => findings
            .push(NO_RAW_HTML.finding(format!("raw HTML \"{}\"", excerpt(&html)), line_of(node))),
        NodeValue::Paragraph => check_paragraph(node, findings),
        NodeValue::Image(_) if text_of(node).trim().is_empty() => {
            findings.push(IMAGE_ALT.finding("image without alt text", line_of(node)));
        }
        NodeValue::Link(_) => {
            let text = text_of(node);
            if let Some(problem) = super::vague_link_text(&text) {
                findings.push(LINK_TEXT.finding(
                    format!("link text \"{}\" is {problem}", excerpt(&text)),
                    line_of(node),
                ));
            }
        }
        _ => {}
    }
}

fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

fn check_paragraph(node: Node, findings: &mut Vec<Finding>) {
    let is_top_level = node
        .parent()
        .is_some_and(|p| matches!(p.data.borrow().value, NodeValue::Document));
    if is_top_level && is_emphasis_heading(node) {
        findings.push(NO_EMPHASIS_HEADING.finding(
            format!(
                "emphasis used as a heading: \"{}\" (use a # heading)",
                excerpt(&text_of(node))
            ),
            line_of(node),
        ));
    }
    // Each line of a paragraph may be a typed item: "• one\n• two" is one paragraph.
    let start_line = node.data.borrow().sourcepos.start.line;
    let mut line_start = true;
    let mut line = start_line;
    for child in node.children() {
        match &child.data.borrow().value {
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                line_start = true;
                line += 1;
            }
            NodeValue::Text(text) if line_start => {
                line_start = false;
                if let Some(marker) = typed_list_marker(text)
                    && !marker.chars().next().is_some_and(|c| c.is_ascii_digit())
                {
                    findings.push(LIST_SYNTAX.finding(
                        format!("paragraph line starts with a typed \"{marker}\": use \"- \""),
                        (line > 0).then_some(Location::Line(line)),
                    ));
                }
            }
            _ => line_start = false,
        }
    }
}

/// A one-line paragraph whose only content is bold or italic text without sentence punctuation:
/// `**Results**` where `## Results` was meant (markdownlint MD036).
fn is_emphasis_heading(paragraph: Node) -> bool {
    let children: Vec<Node> = paragraph.children().collect();
    let [only] = children.as_slice() else {
        return false;
    };
    if !matches!(
        only.data.borrow().value,
        NodeValue::Strong | NodeValue::Emph
    ) {
        return false;
    }
    let is_plain = only.descendants().skip(1).all(|d| {
        matches!(
            d.data.borrow().value,
            NodeValue::Text(_) | NodeValue::Strong | NodeValue::Emph | NodeValue::Code(_)
        )
    });
    let text = text_of(only);
    let text = text.trim();
    is_plain && !text.is_empty() && !text.ends_with(SENTENCE_END)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(markdown: &str) -> Vec<&'static str> {
        let mut ids: Vec<_> = check(markdown.as_bytes())
            .unwrap()
            .iter()
            .map(|f| f.rule_id)
            .collect();
        ids.dedup();
        ids
    }

    const GOOD: &str = "---\ntitle: \"T\"\nlang: \"en\"\n---\n\n# T\n\n- **Date:** 1 May\n\n## Part\n\n**Ana:** We met.\n\n1. one\n2. two\n";

    #[test]
    fn our_shape_passes() {
        assert_eq!(ids(GOOD), Vec::<&str>::new());
    }

    #[test]
    fn each_defect_has_its_rule() {
        assert_eq!(ids(&GOOD.replace("lang: \"en\"\n", "")), ["MD-01"]);
        assert_eq!(ids(&GOOD.replace("## Part", "# Part")), ["MD-02"]);
        assert_eq!(ids(&GOOD.replace("## Part", "### Part")), ["MD-03"]);
        assert_eq!(ids(&GOOD.replace("## Part", "**Part**")), ["MD-04"]);
        assert_eq!(ids(&GOOD.replace("We met.", "We <b>met</b>.")), ["MD-05"]);
        assert_eq!(
            ids(&GOOD.replace("1. one\n2. two", "• one\n• two")),
            ["MD-06"]
        );
        assert_eq!(ids(&GOOD.replace("We met.", "![](x.png)")), ["MD-07"]);
        assert_eq!(ids(&GOOD.replace("We met.", "[click here](x)")), ["MD-08"]);
    }

    #[test]
    fn lines_count_from_the_top_of_the_file() {
        let findings = check(GOOD.replace("## Part", "# Part").as_bytes()).unwrap();
        assert_eq!(findings[0].location, Some(Location::Line(10)));
    }
}
