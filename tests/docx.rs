//! The DOCX renderer checked from outside: pandoc reads the file and must find the headings, list
//! items and paragraphs of the Markdown output; the package XML is opened and checked for the
//! accessibility rules of `src/render/docx/mod.rs`; bytes are compared across renders.

use std::io::Read;
use std::path::Path;

use pretty_assertions::assert_eq;
use rapporteur::model::{Block, KeyPoint, LastEdited, Person, Section, Source};
use rapporteur::render::DEFAULT_TIMESTAMP;
use rapporteur::{FontSet, Format, RenderContext, Session, Style};
use serde_json::Value;

use crate::common::{check_golden, require_tool, seed, tool_output};

/// Every built-in style: a style changes presentation, never content.
fn built_in_styles() -> impl Iterator<Item = &'static str> {
    rapporteur::style::BUILT_IN.iter().map(|(name, _)| *name)
}

fn person(name: &str, role: Option<&str>, organisation: Option<&str>) -> Person {
    Person {
        name: name.into(),
        role: role.map(Into::into),
        organisation: organisation.map(Into::into),
        aliases: vec![],
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        text: text.into(),
        speaker: None,
    }
}

/// A session with every kind of node the view produces, and text that tests encodings:
/// "Quillé", en dashes, curly quotes and apostrophes.
fn rich_session() -> Session {
    let mut s = Session::new(
        "Lessons learned from “other” multistakeholder processes – a review",
        Source {
            path: Some("rich.txt".into()),
            format: "text".into(),
            sha256: String::new(),
        },
    );
    s.date = Some("12 March 2024".into());
    s.last_edited = Some(LastEdited {
        by: Some("Mary Murphy".into()),
        when: Some("9 years, 3 months ago".into()),
    });
    s.moderators.push(person(
        "Anne-Marie Buzatu",
        Some("Deputy Head of Operations IV"),
        Some("DCAF"),
    ));
    s.speakers.push(person(
        "Andy Orsmond",
        Some("Executive Director"),
        Some("International Code of Conduct Association"),
    ));
    s.speakers.push(person(
        "Michel Quillé",
        Some("Vice-President"),
        Some("International Forum on Technologies and Security"),
    ));
    s.speakers.push(person(
        "Michele Woods",
        Some("Director, Copyright Law Division"),
        Some("WIPO"),
    ));
    s.questions = vec![
        "What makes a process legitimate?".into(),
        "How are decisions taken?".into(),
    ];
    s.sections = vec![
        Section {
            heading: None,
            level: 1,
            blocks: vec![paragraph(
                "The session opened at 10:00 – later than planned – with “a short welcome” and the \
                 moderator’s reminder of the rules.",
            )],
        },
        Section {
            heading: Some("Framing questions:".into()),
            level: 1,
            blocks: vec![
                paragraph("The moderator asked the panel:"),
                Block::List {
                    items: s.questions.clone(),
                    ordered: false,
                },
            ],
        },
        Section {
            heading: Some("Discussion".into()),
            level: 1,
            blocks: vec![
                Block::Paragraph {
                    text: "We’ve learned that trust takes years – and one day to lose.".into(),
                    speaker: Some("Michel Quillé".into()),
                },
                Block::Quote {
                    text: "Consensus is a process, not an event.".into(),
                    speaker: Some("Michele Woods".into()),
                },
                paragraph("Three steps were proposed:"),
                Block::List {
                    items: vec![
                        "Agree on “who is in the room”.".into(),
                        "Write the rules down.".into(),
                        "Review them every year.".into(),
                    ],
                    ordered: true,
                },
            ],
        },
        Section {
            heading: Some("Implementation in 2019–2021".into()),
            level: 2,
            blocks: vec![
                paragraph("Pilots ran in three regions."),
                Block::Quote {
                    text: "It worked better than we feared.".into(),
                    speaker: None,
                },
            ],
        },
        Section {
            heading: Some("Lessons learned".into()),
            level: 1,
            blocks: vec![
                paragraph("The panel drew these lessons:"),
                // A body list right before the key points: two lists in a row must stay two.
                Block::List {
                    items: vec!["Context matters.".into()],
                    ordered: false,
                },
            ],
        },
    ];
    s.key_points = vec![
        KeyPoint {
            text: "Stay pragmatic (and a little bit patient)!".into(),
            attributed_to: Some("Andy Orsmond".into()),
            section: Some(4),
        },
        KeyPoint {
            text: "Listen to the “silent” stakeholders.".into(),
            attributed_to: Some("Michel Quillé".into()),
            section: Some(4),
        },
        KeyPoint {
            text: "Keep the secretariat small.".into(),
            attributed_to: Some("Michele Woods".into()),
            section: Some(4),
        },
    ];
    s
}

fn seed_session() -> Session {
    rapporteur::normalise(&seed(), &rapporteur::IngestOptions::named("seed.txt")).unwrap()
}

/// Both test sessions, named for golden files and messages.
fn sessions() -> Vec<(&'static str, Session)> {
    vec![("rich", rich_session()), ("seed", seed_session())]
}

fn render(session: &Session, format: Format, style: &str) -> Vec<u8> {
    render_at(session, format, style, DEFAULT_TIMESTAMP)
}

fn render_at(session: &Session, format: Format, style: &str, timestamp: i64) -> Vec<u8> {
    let style = Style::built_in(style).unwrap();
    let fonts = FontSet::embedded();
    let cx = RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp,
        wrap: None,
    };
    let rendered = rapporteur::render(session, format, &cx).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    rendered.bytes
}

/// The text of one package part.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} is missing from the package"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

// ---------------------------------------------------------------------------------------------
// A small XML tree, so that assertions name elements instead of matching strings.

#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn parse(xml: &str) -> Element {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack = vec![Element::default()];
        let open = |e: &quick_xml::events::BytesStart| Element {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..Element::default()
        };
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => stack.push(open(&e)),
                Event::Empty(e) => stack.last_mut().unwrap().children.push(open(&e)),
                Event::End(_) => {
                    let done = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(done);
                }
                Event::Text(t) => stack
                    .last_mut()
                    .unwrap()
                    .text
                    .push_str(&t.xml10_content().unwrap()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref().unwrap() {
                        Some(c) => c.to_string(),
                        None => {
                            let name = String::from_utf8(r.to_vec()).unwrap();
                            quick_xml::escape::resolve_xml_entity(&name)
                                .unwrap()
                                .to_owned()
                        }
                    };
                    stack.last_mut().unwrap().text.push_str(&resolved);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        stack.pop().unwrap()
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every element below this one named `name`, in document order.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for child in &self.children {
            if child.name == name {
                out.push(child);
            }
            child.all(name, out);
        }
    }

    fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    /// The concatenated `w:t` text below this element.
    fn run_text(&self) -> String {
        self.find_all("w:t")
            .iter()
            .map(|t| t.text.as_str())
            .collect()
    }
}

/// One `w:p` of the body: its style, its list, its text.
#[derive(Debug)]
struct WordParagraph {
    style: Option<String>,
    num_id: Option<String>,
    text: String,
}

fn paragraphs(docx: &[u8]) -> Vec<WordParagraph> {
    let document = Element::parse(&part(docx, "word/document.xml"));
    document
        .find_all("w:p")
        .into_iter()
        .map(|p| {
            let ppr = p.child("w:pPr");
            WordParagraph {
                style: ppr
                    .and_then(|ppr| ppr.child("w:pStyle"))
                    .and_then(|s| s.attr("w:val"))
                    .map(Into::into),
                num_id: ppr
                    .and_then(|ppr| ppr.child("w:numPr"))
                    .and_then(|n| n.child("w:numId"))
                    .and_then(|n| n.attr("w:val"))
                    .map(Into::into),
                text: p.run_text(),
            }
        })
        .collect()
}

fn style_by_id<'a>(styles: &'a Element, id: &str) -> &'a Element {
    styles
        .find_all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("style {id} is not defined"))
}

fn val<'a>(parent: &'a Element, path: &[&str]) -> Option<&'a str> {
    let mut element = parent;
    for name in path {
        element = element.child(name)?;
    }
    element.attr("w:val")
}

// ---------------------------------------------------------------------------------------------
// pandoc's reading of a file, flattened into lines of (kind, text).

fn inline_text(inlines: &Value) -> String {
    let mut out = String::new();
    for inline in inlines.as_array().unwrap() {
        let content = &inline["c"];
        match inline["t"].as_str().unwrap() {
            "Str" => out.push_str(content.as_str().unwrap()),
            "Space" | "SoftBreak" | "LineBreak" => out.push(' '),
            "Strong" => out.push_str(&format!("**{}**", inline_text(content))),
            "Emph" => out.push_str(&format!("_{}_", inline_text(content))),
            "Span" => out.push_str(&inline_text(&content[1])),
            "Link" => out.push_str(&inline_text(&content[1])),
            "Code" => out.push_str(content[1].as_str().unwrap()),
            "Quoted" => {
                let (open, close) = if content[0]["t"] == "DoubleQuote" {
                    ("“", "”")
                } else {
                    ("‘", "’")
                };
                out.push_str(&format!("{open}{}{close}", inline_text(&content[1])));
            }
            other => out.push_str(&format!("<{other}>")),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn block_lines(blocks: &Value, prefix: &str, out: &mut Vec<String>) {
    for block in blocks.as_array().unwrap() {
        let content = &block["c"];
        match block["t"].as_str().unwrap() {
            "Header" => out.push(format!(
                "{prefix}h{} {}",
                content[0],
                inline_text(&content[2])
            )),
            "Para" | "Plain" => out.push(format!("{prefix}p {}", inline_text(content))),
            "BulletList" => list_lines("ul", content, prefix, out),
            "OrderedList" => {
                let start = &content[0][0];
                list_lines(&format!("ol start={start}"), &content[1], prefix, out);
            }
            "BlockQuote" => block_lines(content, &format!("{prefix}> "), out),
            "Div" => block_lines(&content[1], prefix, out),
            // comrak separates two adjacent lists with `<!-- end list -->`; a comment is not
            // content, and the DOCX keeps the lists apart with two numIds instead.
            "RawBlock"
                if content[1]
                    .as_str()
                    .is_some_and(|raw| raw.starts_with("<!--")) => {}
            other => out.push(format!("{prefix}<{other}>")),
        }
    }
}

fn list_lines(kind: &str, items: &Value, prefix: &str, out: &mut Vec<String>) {
    out.push(format!("{prefix}{kind}"));
    for item in items.as_array().unwrap() {
        let mut inner = Vec::new();
        block_lines(item, "", &mut inner);
        let texts: Vec<&str> = inner
            .iter()
            .map(|l| l.strip_prefix("p ").unwrap_or(l))
            .collect();
        out.push(format!("{prefix}  - {}", texts.join(" / ")));
    }
    out.push(format!("{prefix}end {kind}"));
}

/// What pandoc sees in a file: one line per heading, paragraph, list and list item.
fn pandoc_lines(path: &Path, from: &str) -> Vec<String> {
    let json = tool_output(
        "pandoc",
        &["-f", from, "-t", "json", path.to_str().unwrap()],
    );
    let doc: Value = serde_json::from_str(&json).unwrap();
    let mut out = Vec::new();
    block_lines(&doc["blocks"], "", &mut out);
    out
}

// ---------------------------------------------------------------------------------------------

#[test]
fn docx_shows_what_markdown_shows_through_pandoc() {
    if !require_tool("pandoc", "docx_shows_what_markdown_shows_through_pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, session) in sessions() {
        let md_path = dir.path().join(format!("{name}.md"));
        std::fs::write(&md_path, render(&session, Format::Md, "default")).unwrap();
        // comrak writes CommonMark; pandoc's `markdown` would add smart quotes and other
        // extensions our writer never meant.
        let expected = pandoc_lines(&md_path, "commonmark+yaml_metadata_block");
        for style in built_in_styles() {
            let docx_path = dir.path().join(format!("{name}-{style}.docx"));
            std::fs::write(&docx_path, render(&session, Format::Docx, style)).unwrap();
            let actual = pandoc_lines(&docx_path, "docx");
            assert_eq!(
                expected.join("\n"),
                actual.join("\n"),
                "{name} ({style}): Markdown (left) and DOCX (right) differ through pandoc"
            );
        }
    }
}

#[test]
fn docx_comparison_notices_a_missing_paragraph() {
    // The comparison above is only worth something if it fails on a lost block or a wrong level.
    if !require_tool("pandoc", "docx_comparison_notices_a_missing_paragraph") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let full = rich_session();
    let mut shorter = full.clone();
    shorter.sections[2].blocks.remove(2);
    let mut deeper = full.clone();
    deeper.sections[3].level = 1;
    let md_path = dir.path().join("full.md");
    std::fs::write(&md_path, render(&full, Format::Md, "default")).unwrap();
    let expected = pandoc_lines(&md_path, "commonmark+yaml_metadata_block");
    for (name, changed) in [("shorter", shorter), ("deeper", deeper)] {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, render(&changed, Format::Docx, "default")).unwrap();
        assert_ne!(expected, pandoc_lines(&path, "docx"), "{name}");
    }
}

#[test]
fn docx_package_follows_the_accessibility_rules() {
    let session = rich_session();
    let docx = render(&session, Format::Docx, "default");

    let core = Element::parse(&part(&docx, "docProps/core.xml"));
    let core = core.child("cp:coreProperties").unwrap();
    let text = |name: &str| core.child(name).map(|e| e.text.clone());
    assert_eq!(text("dc:title").as_deref(), Some(session.title.as_str()));
    assert_eq!(text("dc:creator").as_deref(), Some("Rapporteur"));
    assert_eq!(
        text("dc:subject").as_deref(),
        Some("Session report, 12 March 2024")
    );
    assert_eq!(text("dc:language").as_deref(), Some("en"));

    let styles = Element::parse(&part(&docx, "word/styles.xml"));
    let defaults = styles.find_all("w:docDefaults");
    assert_eq!(defaults.len(), 1);
    assert_eq!(
        val(defaults[0], &["w:rPrDefault", "w:rPr", "w:lang"]),
        Some("en")
    );
    for level in 1..=4 {
        let style = style_by_id(&styles, &format!("Heading{level}"));
        assert_eq!(
            val(style, &["w:name"]),
            Some(format!("heading {level}").as_str())
        );
        assert_eq!(
            val(style, &["w:pPr", "w:outlineLvl"]),
            Some((level - 1).to_string().as_str()),
            "Heading{level} outline level"
        );
    }
    assert!(
        styles.find_all("w:i").is_empty() && styles.find_all("w:iCs").is_empty(),
        "no style is italic"
    );
    assert!(
        styles
            .find_all("w:jc")
            .iter()
            .all(|jc| jc.attr("w:val") != Some("both")),
        "nothing is justified"
    );

    let numbering = Element::parse(&part(&docx, "word/numbering.xml"));
    // numId → the number format of level 0 of its abstractNum.
    let list_format = |num_id: &str| -> String {
        let num = numbering
            .find_all("w:num")
            .into_iter()
            .find(|n| n.attr("w:numId") == Some(num_id))
            .unwrap_or_else(|| panic!("numId {num_id} is not defined in numbering.xml"));
        let abstract_id = val(num, &["w:abstractNumId"]).unwrap();
        let definition = numbering
            .find_all("w:abstractNum")
            .into_iter()
            .find(|a| a.attr("w:abstractNumId") == Some(abstract_id))
            .unwrap();
        let level = definition
            .find_all("w:lvl")
            .into_iter()
            .find(|l| l.attr("w:ilvl") == Some("0"))
            .unwrap();
        val(level, &["w:numFmt"]).unwrap().to_owned()
    };

    let paragraphs = paragraphs(&docx);
    let headings_1: Vec<&WordParagraph> = paragraphs
        .iter()
        .filter(|p| p.style.as_deref() == Some("Heading1"))
        .collect();
    assert_eq!(headings_1.len(), 1, "exactly one Heading 1");
    assert_eq!(headings_1[0].text, session.title);
    assert_eq!(
        paragraphs[0].style.as_deref(),
        Some("Heading1"),
        "title first"
    );
    for p in &paragraphs {
        assert!(!p.text.trim().is_empty(), "empty (spacer) paragraph: {p:?}");
        assert!(!p.text.starts_with('•'), "typed bullet: {p:?}");
        assert!(
            !p.text.starts_with("1.") && !p.text.starts_with("- "),
            "typed list marker: {p:?}"
        );
    }
    let items: Vec<&WordParagraph> = paragraphs
        .iter()
        .filter(|p| p.style.as_deref() == Some("ListParagraph"))
        .collect();
    // 3 meta lines (date, moderator, last edited), 1 + 3 people, 2 questions, 3 steps, 1 + 3
    // lessons.
    assert_eq!(items.len(), 16, "{items:#?}");
    for item in &items {
        let id = item.num_id.as_deref().expect("a list item has w:numPr");
        let expected = if item.text.starts_with("Agree on")
            || item.text.starts_with("Write the rules")
            || item.text.starts_with("Review them")
        {
            "decimal"
        } else {
            "bullet"
        };
        assert_eq!(list_format(id), expected, "{item:?}");
    }
    // Each list has its own numId, so the numbered list starts at 1 and lists stay apart.
    let mut ids: Vec<&str> = items.iter().filter_map(|i| i.num_id.as_deref()).collect();
    ids.dedup();
    assert_eq!(
        ids.len(),
        7,
        "meta, moderator, speakers, questions, steps, body list, lessons"
    );
    assert!(items.iter().any(|i| i.text
        == "Michel Quillé — Vice-President, International Forum on Technologies and Security"));
    assert!(
        items
            .iter()
            .any(|i| i.text == "Listen to the “silent” stakeholders. — Michel Quillé")
    );
    // Heading levels never skip.
    let mut last = 0;
    for p in &paragraphs {
        if let Some(level) = p
            .style
            .as_deref()
            .and_then(|s| s.strip_prefix("Heading"))
            .and_then(|l| l.parse::<i32>().ok())
        {
            assert!(level <= last + 1, "heading level skips to {level}: {p:?}");
            last = level;
        }
    }
}

#[test]
fn docx_large_print_sizes_come_from_the_style() {
    let docx = render(&rich_session(), Format::Docx, "large-print");
    let styles = Element::parse(&part(&docx, "word/styles.xml"));
    let defaults = styles.find_all("w:docDefaults")[0];
    // Half-points: 18 pt body, 24/22/20 pt headings (issue 3, "Styles").
    assert_eq!(
        val(defaults, &["w:rPrDefault", "w:rPr", "w:sz"]),
        Some("36")
    );
    for (level, size) in [(1, "48"), (2, "44"), (3, "40")] {
        let style = style_by_id(&styles, &format!("Heading{level}"));
        assert_eq!(val(style, &["w:rPr", "w:sz"]), Some(size), "H{level}");
        assert!(style.child("w:rPr").unwrap().child("w:b").is_some(), "bold");
    }
    let spacing = defaults
        .child("w:pPrDefault")
        .and_then(|p| p.child("w:pPr"))
        .and_then(|p| p.child("w:spacing"))
        .expect("body spacing in docDefaults");
    // 18 pt after paragraphs, line height 1.25 (in 240ths of a line).
    assert_eq!(spacing.attr("w:after"), Some("360"));
    assert_eq!(spacing.attr("w:line"), Some("300"));

    let document = Element::parse(&part(&docx, "word/document.xml"));
    let size = document.find_all("w:pgSz")[0];
    assert_eq!(
        (size.attr("w:w"), size.attr("w:h")),
        (Some("11906"), Some("16838")),
        "A4"
    );
    let margin = document.find_all("w:pgMar")[0];
    for side in ["w:top", "w:right", "w:bottom", "w:left"] {
        let twips: i32 = margin.attr(side).unwrap().parse().unwrap();
        assert!(twips >= 1417, "{side} margin {twips} twips is under 25 mm");
    }
    assert!(document.find_all("w:i").is_empty(), "no italics");
    assert!(
        document
            .find_all("w:jc")
            .iter()
            .all(|jc| jc.attr("w:val") != Some("both")),
        "left aligned, never justified"
    );
    let settings = Element::parse(&part(&docx, "word/settings.xml"));
    assert!(
        settings.find_all("w:autoHyphenation").is_empty(),
        "no hyphenation"
    );
    let fonts = defaults
        .child("w:rPrDefault")
        .and_then(|r| r.child("w:rPr"))
        .and_then(|r| r.child("w:rFonts"))
        .expect("body font in docDefaults");
    assert_eq!(fonts.attr("w:ascii"), Some("DejaVu Sans"), "the PDF's font");

    let default = render(&rich_session(), Format::Docx, "default");
    let default_styles = Element::parse(&part(&default, "word/styles.xml"));
    assert_eq!(
        val(
            default_styles.find_all("w:docDefaults")[0],
            &["w:rPrDefault", "w:rPr", "w:sz"]
        ),
        Some("22"),
        "the default style's 11 pt body"
    );
}

#[test]
fn docx_bytes_are_deterministic() {
    let rich = rich_session();
    let seed = seed_session();
    let first = render(&rich, Format::Docx, "default");
    let other = render(&seed, Format::Docx, "default");
    let again = render(&rich, Format::Docx, "default");
    // Another thread has its own docx-rs paragraph counter; the bytes must not notice.
    let threaded = std::thread::spawn(move || render(&rich, Format::Docx, "default"))
        .join()
        .unwrap();
    assert!(
        first == again,
        "same session, other bytes after another render"
    );
    assert!(
        first == threaded,
        "same session, other bytes on another thread"
    );
    assert!(first != other);

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    assert_eq!(names[0], "[Content_Types].xml");
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        let time = entry.last_modified().unwrap();
        assert_eq!(
            (time.year(), time.month(), time.day(), time.hour()),
            (2000, 1, 1, 0),
            "{} has the render's timestamp",
            entry.name()
        );
    }
}

#[test]
fn docx_dates_and_language_come_from_the_context_and_model() {
    let mut session = rich_session();
    session.language = "fr-CA".into();
    session.date = None;
    // 2024-02-29T12:34:56Z
    let docx = render_at(&session, Format::Docx, "default", 1_709_210_096);
    let core = Element::parse(&part(&docx, "docProps/core.xml"));
    let core = core.child("cp:coreProperties").unwrap();
    for name in ["dcterms:created", "dcterms:modified"] {
        assert_eq!(core.child(name).unwrap().text, "2024-02-29T12:34:56Z");
    }
    assert_eq!(core.child("dc:subject").unwrap().text, "Session report");
    assert_eq!(core.child("dc:language").unwrap().text, "fr-CA");
    let styles = Element::parse(&part(&docx, "word/styles.xml"));
    assert_eq!(
        val(
            styles.find_all("w:docDefaults")[0],
            &["w:rPrDefault", "w:rPr", "w:lang"]
        ),
        Some("fr-CA")
    );
}

#[test]
fn docx_control_characters_are_dropped_with_a_warning() {
    let mut session = rich_session();
    session.title = "Bad\u{1}title".into();
    let style = Style::built_in("default").unwrap();
    let fonts = FontSet::embedded();
    let cx = RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp: DEFAULT_TIMESTAMP,
        wrap: None,
    };
    let rendered = rapporteur::render(&session, Format::Docx, &cx).unwrap();
    assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
    let paragraphs = paragraphs(&rendered.bytes);
    assert_eq!(paragraphs[0].text, "Badtitle");
}

#[test]
fn docx_golden_projection_per_style() {
    if !require_tool("pandoc", "docx_golden_projection_per_style") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, session) in sessions() {
        let mut projections = Vec::new();
        for style in built_in_styles() {
            let path = dir.path().join(format!("{name}-{style}.docx"));
            std::fs::write(&path, render(&session, Format::Docx, style)).unwrap();
            let markdown = tool_output(
                "pandoc",
                &[
                    "-f",
                    "docx",
                    "-t",
                    // Without `smart`, pandoc keeps “curly quotes” and en dashes as characters,
                    // so the golden shows that they survived.
                    "markdown-smart",
                    "--wrap=none",
                    path.to_str().unwrap(),
                ],
            );
            check_golden(&format!("docx/{name}-{style}.md"), &markdown);
            projections.push(markdown);
        }
        // A style changes presentation, never content.
        for other in &projections[1..] {
            assert_eq!(&projections[0], other, "{name}");
        }
    }
}

/// Issue 3: LibreOffice, exporting our DOCX as PDF/UA, must see our headings as H1–H3 and our
/// lists as L: proof that the Word structure is real, not just styled text.
#[test]
fn libreoffice_pdf_ua_export_sees_our_headings_and_lists() {
    if !require_tool(
        "soffice",
        "libreoffice_pdf_ua_export_sees_our_headings_and_lists",
    ) || !require_tool(
        "pdfinfo",
        "libreoffice_pdf_ua_export_sees_our_headings_and_lists",
    ) {
        return;
    }
    let session = seed_session();
    let style = rapporteur::Style::built_in("default").unwrap();
    let fonts = rapporteur::FontSet::embedded();
    let cx = rapporteur::RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp: 0,
        wrap: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("seed.docx");
    std::fs::write(
        &docx,
        rapporteur::render(&session, Format::Docx, &cx)
            .unwrap()
            .bytes,
    )
    .unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let out = std::process::Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to"])
        .arg(r#"pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}"#)
        .arg("--outdir")
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    let pdf = dir.path().join("seed.pdf");
    assert!(
        pdf.is_file(),
        "soffice wrote no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = tool_output("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);

    // Each heading element with the quoted text lines below it.
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut lists = 0;
    let mut open: Option<(usize, u8, String)> = None;
    for line in tree.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if let Some((depth, level, text)) = open.take() {
            if indent > depth {
                let mut text = text;
                if let Some(quoted) = trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                    text.push_str(quoted);
                }
                open = Some((depth, level, text));
                continue;
            }
            headings.push((level, text));
        }
        let tag = trimmed.split_whitespace().next().unwrap_or("");
        if tag == "L" {
            lists += 1;
        }
        if let Some(level) = tag.strip_prefix('H').and_then(|l| l.parse::<u8>().ok()) {
            open = Some((indent, level, String::new()));
        }
    }
    if let Some((_, level, text)) = open {
        headings.push((level, text));
    }
    let view = rapporteur::render::view::DocumentView::of(&session);
    let expected: Vec<(u8, String)> = view
        .headings()
        .iter()
        .map(|(l, t)| (*l, t.to_string()))
        .collect();
    assert_eq!(headings, expected, "LibreOffice's tag tree:\n{tree}");
    let expected_lists = 1 + view
        .nodes
        .iter()
        .filter(|n| matches!(n, rapporteur::render::view::Node::List { .. }))
        .count();
    assert_eq!(
        lists, expected_lists,
        "meta list plus the view's lists:\n{tree}"
    );
}
