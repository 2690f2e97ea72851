//! The PDF renderer checked by real readers: qpdf, poppler (pdffonts, pdftotext, pdfinfo), the
//! `page_validation` PDF/UA-1 validator and, when installed, `outloud`.
//!
//! Inputs: a hand-made session that exercises every node of the view (people with roles and
//! organisations, a bullet and a numbered list, a quote, a speaker turn, a subsection, attributed
//! key points, "Quillé", en dashes and curly quotes) and the seed document, in the default and
//! large-print styles. The tag tree is compared with reviewed golden projections in
//! `tests/golden/pdf/`.

use std::path::{Path, PathBuf};

use rapporteur::model::{Block, KeyPoint, Person, Section, Source};
use rapporteur::{FontSet, Format, RenderContext, Session, Style};

use crate::common::{check_golden, require_tool, seed, tool_output};

const STYLES: [&str; 2] = ["default", "large-print"];

fn person(name: &str, role: &str, organisation: &str) -> Person {
    Person {
        name: name.into(),
        role: Some(role.into()),
        organisation: Some(organisation.into()),
        aliases: vec![],
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        text: text.into(),
        speaker: None,
    }
}

/// Every kind of node the view has, with the characters that break naive PDF text.
fn rich_session() -> Session {
    let mut session = Session::new(
        "Lessons learned from other multistakeholder processes",
        Source {
            path: Some("rich.txt".into()),
            format: "text".into(),
            sha256: "0".repeat(64),
        },
    );
    session.date = Some("12 March 2024".into());
    session.moderators.push(person(
        "Anne-Marie Buzatu",
        "Deputy Head of Operations IV",
        "DCAF",
    ));
    session.speakers.push(person(
        "Andy Orsmond",
        "Executive Director",
        "International Code of Conduct Association",
    ));
    session.speakers.push(person(
        "Michel Quillé",
        "Vice-President",
        "International Forum on Technologies and Security",
    ));
    session.speakers.push(person(
        "Michele Woods",
        "Director, Copyright Law Division",
        "WIPO",
    ));
    session.sections.push(Section {
        heading: Some("Framing".into()),
        level: 1,
        blocks: vec![
            paragraph(
                "The session ran from 10:00 – 11:30 and asked what “multistakeholder” means in practice.",
            ),
            paragraph(
                "Michel Quillé’s forum had tried three models before settling on one that everyone could live with, and the long discussion that followed showed how much the participants still disagreed about the role of governments, companies and civil society in setting the rules.",
            ),
            Block::List {
                items: vec![
                    "Who sets the rules?".into(),
                    "Who checks that they are kept?".into(),
                    "What happens when they are not?".into(),
                ],
                ordered: false,
            },
            Block::List {
                items: vec![
                    "Agree on the scope first.".into(),
                    "Write the charter together.".into(),
                ],
                ordered: true,
            },
            Block::Quote {
                text: "Nothing about us without us.".into(),
                speaker: Some("Andy Orsmond".into()),
            },
            Block::Paragraph {
                text: "We learned that trust takes years – and minutes to lose.".into(),
                speaker: Some("Michele Woods".into()),
            },
        ],
    });
    session.sections.push(Section {
        heading: Some("Funding models".into()),
        level: 2,
        blocks: vec![paragraph(
            "Membership fees kept the association independent of any single donor.",
        )],
    });
    session.sections.push(Section {
        heading: Some("Lessons learned".into()),
        level: 1,
        blocks: vec![],
    });
    for (text, who) in [
        ("Stay pragmatic (and a little bit patient)!", "Andy Orsmond"),
        ("Bring “the other side” in early.", "Michel Quillé"),
        ("Write down what was agreed.", "Michele Woods"),
    ] {
        session.key_points.push(KeyPoint {
            text: text.into(),
            attributed_to: Some(who.into()),
            section: Some(2),
        });
    }
    session
}

/// The sentences of the rich session that pdftotext must give back.
const RICH_SENTENCES: &[&str] = &[
    "Lessons learned from other multistakeholder processes",
    "Date: 12 March 2024",
    "Moderator: Anne-Marie Buzatu",
    "Anne-Marie Buzatu — Deputy Head of Operations IV, DCAF",
    "Michel Quillé — Vice-President, International Forum on Technologies and Security",
    "Michele Woods — Director, Copyright Law Division, WIPO",
    "The session ran from 10:00 – 11:30 and asked what “multistakeholder” means in practice.",
    "Michel Quillé’s forum had tried three models before settling on one that everyone could live with, and the long discussion that followed showed how much the participants still disagreed about the role of governments, companies and civil society in setting the rules.",
    "• Who sets the rules?",
    "1. Agree on the scope first.",
    "2. Write the charter together.",
    "Andy Orsmond: Nothing about us without us.",
    "Michele Woods: We learned that trust takes years – and minutes to lose.",
    "Funding models",
    "Membership fees kept the association independent of any single donor.",
    "Stay pragmatic (and a little bit patient)! — Andy Orsmond",
    "Bring “the other side” in early. — Michel Quillé",
];

fn seed_session() -> Session {
    rapporteur::normalise(&seed(), &rapporteur::IngestOptions::named("seed.txt")).unwrap()
}

fn render(session: &Session, style_name: &str) -> rapporteur::Rendered {
    let style = Style::built_in(style_name).unwrap();
    let fonts = FontSet::embedded();
    let cx = RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp: rapporteur::render::DEFAULT_TIMESTAMP,
        wrap: None,
    };
    rapporteur::render(session, Format::Pdf, &cx).unwrap()
}

/// A rendered PDF written where the tools can read it; the folder lives as long as the value.
struct PdfFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl PdfFile {
    fn of(session: &Session, style_name: &str) -> PdfFile {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{style_name}.pdf"));
        std::fs::write(&path, render(session, style_name).bytes).unwrap();
        PdfFile { _dir: dir, path }
    }

    fn path(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

/// Every (name, session, style) the consumer tests read.
fn cases() -> Vec<(String, PdfFile)> {
    let rich = rich_session();
    let seed = seed_session();
    let mut cases = Vec::new();
    for style in STYLES {
        cases.push((format!("rich/{style}"), PdfFile::of(&rich, style)));
        cases.push((format!("seed/{style}"), PdfFile::of(&seed, style)));
    }
    cases
}

fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// pdftotext's text with each page's last line (its page number) dropped, so that a paragraph
/// broken across pages reads as one, with whitespace normalised.
fn body_text(path: &str) -> String {
    let text = tool_output("pdftotext", &[path, "-"]);
    let pages: Vec<String> = text
        .split('\u{c}')
        .map(|page| {
            let mut lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            lines.pop();
            lines.join(" ")
        })
        .collect();
    normalise_space(&pages.join(" "))
}

fn page_count(path: &str) -> usize {
    let info = tool_output("pdfinfo", &[path]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}

#[test]
fn pdf_passes_qpdf_check() {
    if !require_tool("qpdf", "pdf_passes_qpdf_check") {
        return;
    }
    for (name, pdf) in cases() {
        let out = tool_output("qpdf", &["--check", pdf.path()]);
        assert!(
            out.contains("No syntax or stream encoding errors found"),
            "{name}: {out}"
        );
    }
}

#[test]
fn pdf_fonts_are_embedded_and_subset() {
    if !require_tool("pdffonts", "pdf_fonts_are_embedded_and_subset") {
        return;
    }
    for (name, pdf) in cases() {
        let out = tool_output("pdffonts", &[pdf.path()]);
        // Header, a rule, then one line per font: name type encoding emb sub uni object ID.
        let fonts: Vec<&str> = out
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(!fonts.is_empty(), "{name}: no fonts listed\n{out}");
        for line in fonts {
            let columns: Vec<&str> = line.split_whitespace().collect();
            let n = columns.len();
            assert!(n >= 7, "{name}: unexpected pdffonts line {line:?}");
            let (emb, sub, uni) = (columns[n - 5], columns[n - 4], columns[n - 3]);
            assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{name}: {line}");
            assert!(columns[0].contains("DejaVuSans"), "{name}: {line}");
        }
    }
}

#[test]
fn pdf_text_extracts_every_sentence_as_written() {
    if !require_tool("pdftotext", "pdf_text_extracts_every_sentence_as_written") {
        return;
    }
    let rich = rich_session();
    for style in STYLES {
        let pdf = PdfFile::of(&rich, style);
        let text = body_text(pdf.path());
        for sentence in RICH_SENTENCES {
            assert!(
                text.contains(sentence),
                "{style}: missing {sentence:?} in\n{text}"
            );
        }
        // The page number is the last line of each page. pdftotext glues "1 / 2" to "1/2"
        // (the gaps are a plain space wide), so spaces are ignored here.
        let pages = page_count(pdf.path());
        for page in 1..=pages {
            let number = page.to_string();
            let text = tool_output(
                "pdftotext",
                &["-f", &number, "-l", &number, pdf.path(), "-"],
            );
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default();
            assert_eq!(
                last.replace(' ', ""),
                format!("{page}/{pages}"),
                "{style}: page {page}"
            );
        }
    }

    // The seed: every content line of the model comes back, Quillé included.
    let seed = seed_session();
    let pdf = PdfFile::of(&seed, "default");
    let text = body_text(pdf.path());
    assert!(text.contains(&normalise_space(&seed.title)), "{text}");
    assert!(text.contains("Quillé"), "{text}");
    for section in &seed.sections {
        for block in &section.blocks {
            let expected: Vec<String> = match block {
                Block::Paragraph { text, .. } | Block::Quote { text, .. } => vec![text.clone()],
                Block::List { items, .. } => items.clone(),
            };
            for sentence in expected {
                let sentence = normalise_space(&sentence);
                assert!(text.contains(&sentence), "missing {sentence:?} in\n{text}");
            }
        }
    }
    for point in &seed.key_points {
        let sentence = normalise_space(&point.text);
        assert!(text.contains(&sentence), "missing {sentence:?} in\n{text}");
    }
}

#[test]
fn pdf_info_shows_title_and_tagging() {
    if !require_tool("pdfinfo", "pdf_info_shows_title_and_tagging") {
        return;
    }
    let rich = rich_session();
    for style in STYLES {
        let pdf = PdfFile::of(&rich, style);
        let info = tool_output("pdfinfo", &[pdf.path()]);
        let field = |key: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(str::trim)
                .unwrap_or_else(|| panic!("{style}: no {key} in\n{info}"))
                .to_owned()
        };
        assert_eq!(field("Title:"), rich.title);
        assert_eq!(field("Tagged:"), "yes");
        assert_eq!(field("Creator:"), "Rapporteur");
        assert_eq!(field("Producer:"), "Rapporteur");
        assert!(field("CreationDate:").contains("2000"), "{info}");

        let xmp = tool_output("pdfinfo", &["-meta", pdf.path()]);
        assert!(xmp.contains(&rich.title), "XMP has no dc:title\n{xmp}");
        assert!(xmp.contains("pdfuaid:part"), "XMP has no PDF/UA id\n{xmp}");
    }
}

/// The tag tree as `pdfinfo -struct-text` prints it, with the temporary path removed.
fn struct_text(pdf: &PdfFile) -> String {
    tool_output("pdfinfo", &["-struct-text", pdf.path()])
}

#[test]
fn pdf_tag_tree_mirrors_the_view() {
    if !require_tool("pdfinfo", "pdf_tag_tree_mirrors_the_view") {
        return;
    }
    let rich = rich_session();
    for style in STYLES {
        let pdf = PdfFile::of(&rich, style);
        let tree = struct_text(&pdf);
        check_golden(&format!("pdf/rich-{style}.struct.txt"), &tree);
        check_tag_tree(&format!("rich/{style}"), &tree, &rich);
    }
    let seed = seed_session();
    for style in STYLES {
        let pdf = PdfFile::of(&seed, style);
        check_tag_tree(&format!("seed/{style}"), &struct_text(&pdf), &seed);
    }
}

/// One element of `pdfinfo -struct-text` output: its tag and the text of everything below it.
struct Element {
    tag: String,
    text: String,
}

/// Parses poppler's indented tree: element lines start with the tag, text lines are quoted,
/// attribute lines start with `/`; an element's text is the quoted lines indented below it.
fn elements(tree: &str) -> Vec<Element> {
    let lines: Vec<(usize, &str)> = tree
        .lines()
        .map(|l| (l.len() - l.trim_start().len(), l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut elements = Vec::new();
    for (index, (depth, line)) in lines.iter().enumerate() {
        if line.starts_with('"') || line.starts_with('/') {
            continue;
        }
        let tag = line.split([' ', ':']).next().unwrap_or_default().to_owned();
        let text: Vec<&str> = lines[index + 1..]
            .iter()
            .take_while(|(d, _)| d > depth)
            .filter(|(_, l)| l.starts_with('"'))
            .map(|(_, l)| l.trim_matches('"'))
            .collect();
        elements.push(Element {
            tag,
            text: text.join(" "),
        });
    }
    elements
}

/// A list label as we write it: a bullet or a number with a dot.
fn is_label(text: &str) -> bool {
    text == "•"
        || text
            .strip_suffix('.')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The rules every tag tree we write must follow, whatever the document, and the counts of
/// headings, lists and items that the session's view says it must have.
fn check_tag_tree(name: &str, tree: &str, session: &Session) {
    use rapporteur::render::view::{DocumentView, Node};
    let view = DocumentView::of(session);
    let elements = elements(tree);
    let count = |tag: &str| elements.iter().filter(|e| e.tag == tag).count();
    assert_eq!(count("Document"), 1, "{name}:\n{tree}");
    assert_eq!(count("H1"), 1, "{name}: exactly one H1\n{tree}");
    let headings: Vec<String> = elements
        .iter()
        .filter(|e| e.tag.len() == 2 && e.tag.starts_with('H'))
        .map(|e| format!("{} {}", e.tag, e.text))
        .collect();
    let expected: Vec<String> = view
        .headings()
        .iter()
        .map(|(level, text)| format!("H{level} {}", normalise_space(text)))
        .collect();
    assert_eq!(headings, expected, "{name}: headings");
    let lists: Vec<usize> = view
        .nodes
        .iter()
        .filter_map(|n| match n {
            Node::List { items, .. } => Some(items.len()),
            _ => None,
        })
        .collect();
    assert_eq!(count("L"), lists.len(), "{name}: lists\n{tree}");
    let items: usize = lists.iter().sum();
    assert_eq!(count("LI"), items, "{name}: list items\n{tree}");
    assert_eq!(count("Lbl"), items, "{name}: one Lbl per LI\n{tree}");
    assert_eq!(count("LBody"), items, "{name}: one LBody per LI\n{tree}");
    let paragraphs = view.meta.len()
        + view
            .nodes
            .iter()
            .filter(|n| matches!(n, Node::Paragraph { .. } | Node::Quote { .. }))
            .count();
    assert_eq!(count("P"), paragraphs, "{name}: paragraphs\n{tree}");
    for element in &elements {
        match element.tag.as_str() {
            "Lbl" => assert!(
                is_label(&element.text),
                "{name}: Lbl holds {:?}",
                element.text
            ),
            "LBody" => {
                let first = element.text.split_whitespace().next().unwrap_or_default();
                assert!(
                    !is_label(first),
                    "{name}: label inside LBody: {:?}",
                    element.text
                );
            }
            _ => {}
        }
    }
    let is_page_number = |line: &str| {
        let parts: Vec<&str> = line.trim().trim_matches('"').split(" / ").collect();
        parts.len() == 2 && parts.iter().all(|p| p.parse::<u32>().is_ok())
    };
    assert!(
        !tree.lines().any(is_page_number),
        "{name}: a page number is in the tag tree\n{tree}"
    );
    assert_eq!(
        elements.get(1).map(|e| e.tag.as_str()),
        Some("H1"),
        "{name}: title first"
    );
}

#[test]
fn pdf_bookmarks_are_the_headings() {
    if !require_tool("qpdf", "pdf_bookmarks_are_the_headings") {
        return;
    }
    let rich = rich_session();
    let view = rapporteur::render::view::DocumentView::of(&rich);
    let expected: Vec<(u8, String)> = view
        .headings()
        .into_iter()
        .map(|(level, text)| (level, text.to_owned()))
        .collect();
    for style in STYLES {
        let pdf = PdfFile::of(&rich, style);
        let json = tool_output("qpdf", &["--json", "--json-key=outlines", pdf.path()]);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut found = Vec::new();
        collect_outline(&json["outlines"], 1, &mut found);
        assert_eq!(found, expected, "{style}");
    }
}

fn collect_outline(items: &serde_json::Value, level: u8, out: &mut Vec<(u8, String)>) {
    for item in items.as_array().into_iter().flatten() {
        out.push((level, item["title"].as_str().unwrap_or_default().to_owned()));
        collect_outline(&item["kids"], level + 1, out);
    }
}

#[test]
fn pdf_is_byte_identical_across_runs_and_threads() {
    let rich = rich_session();
    for style in STYLES {
        let first = render(&rich, style).bytes;
        let second = render(&rich, style).bytes;
        assert!(first == second, "{style}: two renders differ");
        let parallel: Vec<Vec<u8>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| render(&rich, style).bytes))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(
            parallel.iter().all(|b| *b == first),
            "{style}: threads differ"
        );
    }
}

/// Font sizes set with `Tf` in the page content streams, with how often each is set.
fn font_sizes(path: &Path) -> Vec<(String, usize)> {
    let dir = path.parent().unwrap();
    let expanded = dir.join("expanded.pdf");
    tool_output(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            path.to_str().unwrap(),
            expanded.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&expanded).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut sizes: std::collections::BTreeMap<String, usize> = Default::default();
    // krilla writes `/f0 11 Tf` (sometimes glued to the operator before: `Tr/f0 11 Tf`).
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for window in tokens.windows(3) {
        if window[2] == "Tf" && window[0].contains('/') {
            *sizes.entry(window[1].to_owned()).or_default() += 1;
        }
    }
    let mut sizes: Vec<(String, usize)> = sizes.into_iter().collect();
    sizes.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    sizes
}

#[test]
fn large_print_is_18_pt_and_takes_more_pages() {
    if !require_tool("qpdf", "large_print_is_18_pt_and_takes_more_pages")
        || !require_tool("pdfinfo", "large_print_is_18_pt_and_takes_more_pages")
    {
        return;
    }
    for session in [rich_session(), seed_session()] {
        let default = PdfFile::of(&session, "default");
        let large = PdfFile::of(&session, "large-print");
        assert!(
            page_count(large.path()) > page_count(default.path()),
            "{}: large print is not longer",
            session.title
        );
        let body = |sizes: &[(String, usize)]| sizes.first().map(|(s, _)| s.clone());
        let default_sizes = font_sizes(&default.path);
        let large_sizes = font_sizes(&large.path);
        assert_eq!(
            body(&default_sizes).as_deref(),
            Some("11"),
            "{default_sizes:?}"
        );
        assert_eq!(body(&large_sizes).as_deref(), Some("18"), "{large_sizes:?}");
        // Heading sizes per level present in this document (H1 is always there).
        let view = rapporteur::render::view::DocumentView::of(&session);
        for (level, _) in view.headings() {
            let size = ["24", "22", "20", "19"][usize::from(level) - 1];
            assert!(
                large_sizes.iter().any(|(s, _)| s == size),
                "no {size} pt H{level} in {large_sizes:?}"
            );
        }
    }
}

#[test]
fn pdf_passes_page_validation_ua1() {
    use page_validation::{ValidationOptions, ValidationProfile, validate_pdf_bytes};
    let options = ValidationOptions::default().profile(ValidationProfile::PdfUa1);
    for (name, session) in [("rich", rich_session()), ("seed", seed_session())] {
        for style in STYLES {
            let bytes = render(&session, style).bytes;
            let report = validate_pdf_bytes(&bytes, &options).unwrap();
            let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
            assert!(
                report.is_compliant && failures.is_empty(),
                "{name}/{style}: {} of {} rules failed:\n{}",
                report.rules.failed,
                report.rules.total,
                failures.join("\n")
            );
        }
    }
}

#[test]
fn pdf_passes_outloud() {
    if !require_tool("outloud", "pdf_passes_outloud") {
        return;
    }
    for (name, pdf) in cases() {
        let out = std::process::Command::new("outloud")
            .args([pdf.path(), "--fail-on", "error"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: outloud failed\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn characters_the_font_lacks_are_a_warning_not_an_error() {
    let mut session = rich_session();
    session.sections[0]
        .blocks
        .push(paragraph("A word \u{4E2D} and a control\u{7} character."));
    let rendered = render(&session, "default");
    assert!(rendered.bytes.starts_with(b"%PDF-"));
    let warnings: Vec<String> = rendered.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("U+4E2D"), "{warnings:?}");
}

#[test]
fn a_session_with_only_a_title_renders() {
    let session = Session::new(
        "Only a title",
        Source {
            path: None,
            format: "text".into(),
            sha256: String::new(),
        },
    );
    let rendered = render(&session, "large-print");
    assert!(rendered.bytes.starts_with(b"%PDF-"));
    assert!(rendered.warnings.is_empty());
}

#[test]
fn a_coloured_page_is_a_background_artifact_and_still_valid() {
    use page_validation::{ValidationOptions, ValidationProfile, validate_pdf_bytes};
    let style = Style::parse(
        "[colors]\ntext = \"#1A1A1A\"\nbackground = \"#FFF8E0\"\n",
        "cream.toml",
    )
    .unwrap();
    let fonts = FontSet::embedded();
    let cx = RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp: 0,
        wrap: None,
    };
    let bytes = rapporteur::render(&rich_session(), Format::Pdf, &cx)
        .unwrap()
        .bytes;
    let options = ValidationOptions::default().profile(ValidationProfile::PdfUa1);
    let report = validate_pdf_bytes(&bytes, &options).unwrap();
    assert!(report.is_compliant, "{:?}", report.failures);
}
