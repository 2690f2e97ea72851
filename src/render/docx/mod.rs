//! DOCX renderer (docx-rs, default features off): builds a Word document from the
//! [`DocumentView`] with docx-rs builders, then [`package`] patches what docx-rs cannot write and
//! zips the parts itself.
//!
//! Accessibility rules it guarantees (WCAG 2.x for Office documents, issue 3 "DOCX"):
//! - the title is the one paragraph in Heading 1; the view's headings use Heading 2–4, never skip
//!   a level, and every heading style carries `w:outlineLvl`, so the navigation pane, screen
//!   readers and pandoc see the outline;
//! - lists use real numbering (`w:numPr` pointing at bullet and decimal `w:abstractNum`s), never
//!   a typed "•" or "1.";
//! - spacing comes from `w:spacing` in the styles, never from empty paragraphs;
//! - sizes, line height, spacing, margins, page size and text colour come from the [`Style`], so a
//!   large-print DOCX has 18 pt body text and 24/22/20 pt headings like the large-print PDF; text
//!   is left aligned and never italic (emphasis is bold);
//! - `dc:title`, creator, subject and dates in `docProps/core.xml`, and the document language as
//!   `w:lang` in the `docDefaults` of `word/styles.xml`;
//! - the same headings, list items and paragraphs, with the same text, as the Markdown output.
//!
//! Same session and context, same bytes: paragraph ids are numbered per document, the document id
//! is a hash of the session's JSON, the zip entries have a fixed order and fixed times, and no
//! docx-rs API that draws ids from a process-wide counter (hyperlinks) is used.
//! Checked by `tests/docx.rs` (pandoc re-reads the file and must see what it sees in the Markdown
//! output; the package XML is inspected for the rules above; bytes are compared across renders).
//!
//! [`Style`]: crate::style::Style

mod package;

use docx_rs::{
    AbstractNumbering, DocDefaults, IndentLevel, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run,
    RunFonts, SpecialIndentType, Start, Style as WordStyle, StyleType, Styles,
};
use sha2::{Digest, Sha256};

use super::view::{DocumentView, Item, Node};
use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::{RenderError, Warning};
use crate::model::Session;
use crate::style::{EMBEDDED_FONT, FontSet, Style};

/// Writes a Word document.
pub struct Docx;

impl Renderer for Docx {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, session: &Session, cx: &RenderContext) -> Result<Rendered, RenderError> {
        let view = DocumentView::of(session);
        let (document, dropped_chars) = DocumentBuilder::new(cx, doc_id(session)?).build(&view);
        let facts = package::Facts {
            title: &session.title,
            subject: subject(session),
            language: &view.language,
            text_color: color_value(&cx.style.colors.text),
            timestamp: cx.timestamp,
        };
        let bytes = package::package(document.build(), &facts)?;
        let mut rendered = Rendered::clean(bytes);
        if dropped_chars > 0 {
            rendered.warnings.push(Warning::Note(format!(
                "docx: dropped {dropped_chars} control character(s) that XML cannot hold"
            )));
        }
        Ok(rendered)
    }
}

/// Style ids of the paragraph styles this renderer defines. The names are Word's built-in
/// names, which Word, LibreOffice and pandoc map to their own headings, quotes and lists.
const HEADING_STYLE_IDS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
const QUOTE_STYLE_ID: &str = "Quote";
const LIST_STYLE_ID: &str = "ListParagraph";

/// The two list definitions; every list gets its own `w:num` pointing at one of them, so each
/// numbered list starts again at 1 and readers see separate lists. docx-rs always writes an
/// `abstractNum` 1 and a `num` 1 of its own (a decimal outline nobody here uses), so our ids
/// start at 2.
const BULLET_ABSTRACT_ID: usize = 2;
const DECIMAL_ABSTRACT_ID: usize = 3;
const FIRST_LIST_ID: usize = 2;

/// One indentation step, in twips: half an inch, Word's default list and quote indent.
const INDENT_TWIPS: i32 = 720;
/// Room for the bullet or number before an item's text, in twips.
const HANGING_TWIPS: i32 = 360;

/// Builds the docx-rs document, numbering paragraphs and lists itself so that nothing depends on
/// docx-rs's per-thread counters.
struct DocumentBuilder {
    docx: docx_rs::Docx,
    /// Characters dropped because XML cannot hold them, reported as a warning.
    dropped_chars: usize,
    next_paragraph_id: u32,
    next_list_id: usize,
}

impl DocumentBuilder {
    fn new(cx: &RenderContext, doc_id: String) -> Self {
        let style = cx.style;
        let (width_pt, height_pt) = style.page.size.size_pt();
        let margin = mm_to_twips(style.page.margin_mm);
        let docx = docx_rs::Docx::new()
            .styles(styles(style, &font_family(cx.fonts)))
            .page_size(pt_to_twips_u32(width_pt), pt_to_twips_u32(height_pt))
            .page_margin(PageMargin {
                top: margin,
                left: margin,
                bottom: margin,
                right: margin,
                header: margin / 2,
                footer: margin / 2,
                gutter: 0,
            })
            .doc_id(&doc_id)
            .add_abstract_numbering(list_definition(BULLET_ABSTRACT_ID, false))
            .add_abstract_numbering(list_definition(DECIMAL_ABSTRACT_ID, true));
        DocumentBuilder {
            docx,
            dropped_chars: 0,
            next_paragraph_id: 1,
            next_list_id: FIRST_LIST_ID,
        }
    }

    fn build(mut self, view: &DocumentView) -> (docx_rs::Docx, usize) {
        self.heading(1, &view.title);
        if !view.meta.is_empty() {
            let list = self.new_list(false);
            for line in &view.meta {
                let label = self.run(&format!("{}:", line.label)).bold();
                let value = self.run(&format!(" {}", line.value));
                let paragraph = self.list_paragraph(list).add_run(label).add_run(value);
                self.push(paragraph);
            }
        }
        for node in &view.nodes {
            match node {
                Node::Heading { level, text } => self.heading(*level, text),
                Node::Paragraph { text, speaker } => self.turn(None, speaker.as_deref(), text),
                Node::Quote { text, speaker } => {
                    self.turn(Some(QUOTE_STYLE_ID), speaker.as_deref(), text)
                }
                Node::List { ordered, items, .. } => {
                    if items.is_empty() {
                        continue;
                    }
                    let list = self.new_list(*ordered);
                    for item in items {
                        let run = self.run(&item_text(item));
                        let paragraph = self.list_paragraph(list).add_run(run);
                        self.push(paragraph);
                    }
                }
            }
        }
        (self.docx, self.dropped_chars)
    }

    /// A run of text, without the characters XML cannot hold (docx-rs would write them and Word
    /// would then refuse the whole file).
    fn run(&mut self, text: &str) -> Run {
        let safe = package::xml_safe(text);
        self.dropped_chars += text.chars().count() - safe.chars().count();
        Run::new().add_text(safe)
    }

    /// A paragraph with the next id. docx-rs would take ids from a per-thread counter, so the
    /// same document rendered on another rayon thread would get other ids (other bytes).
    fn paragraph(&mut self) -> Paragraph {
        let id = self.next_paragraph_id;
        self.next_paragraph_id += 1;
        // w14:paraId is eight hex digits and must stay below 0x80000000 (MS-DOCX).
        Paragraph::new().id(format!("{id:08X}"))
    }

    fn push(&mut self, paragraph: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(paragraph);
    }

    fn heading(&mut self, level: u8, text: &str) {
        let index = usize::from(level.clamp(1, 4)) - 1;
        let run = self.run(text);
        let paragraph = self
            .paragraph()
            .style(HEADING_STYLE_IDS[index])
            .add_run(run);
        self.push(paragraph);
    }

    /// A paragraph or quote, with the speaker's name as a bold label, as the Markdown output
    /// writes `**Name:** text`.
    fn turn(&mut self, style: Option<&str>, speaker: Option<&str>, text: &str) {
        if text.trim().is_empty() && speaker.is_none() {
            // An empty paragraph would be a spacer, which screen readers announce as "blank".
            return;
        }
        let mut paragraph = self.paragraph();
        if let Some(style) = style {
            paragraph = paragraph.style(style);
        }
        if let Some(name) = speaker {
            let label = self.run(&format!("{name}:")).bold();
            paragraph = paragraph.add_run(label).add_run(self.run(" "));
        }
        paragraph = paragraph.add_run(self.run(text));
        self.push(paragraph);
    }

    /// Registers a new list and returns its `w:numId`.
    fn new_list(&mut self, ordered: bool) -> usize {
        let id = self.next_list_id;
        self.next_list_id += 1;
        let numbering = if ordered {
            // Without a start override Word would continue the numbers of the previous list.
            Numbering::new(id, DECIMAL_ABSTRACT_ID).add_override(LevelOverride::new(0).start(1))
        } else {
            Numbering::new(id, BULLET_ABSTRACT_ID)
        };
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_numbering(numbering);
        id
    }

    fn list_paragraph(&mut self, list: usize) -> Paragraph {
        self.paragraph()
            .style(LIST_STYLE_ID)
            .numbering(NumberingId::new(list), IndentLevel::new(0))
    }
}

/// The text of a list item, exactly as the Markdown renderer writes it ("Name — Role,
/// Organisation", "Point — Name"); `tests/docx.rs` compares the two outputs through pandoc.
fn item_text(item: &Item) -> String {
    match (&item.detail, &item.attribution) {
        (Some(detail), _) => format!("{} — {}", item.text, detail),
        (None, Some(name)) => format!("{} — {}", item.text, name),
        (None, None) => item.text.clone(),
    }
}

/// The style sheet: body defaults, Heading 1–4, Quote and List Paragraph, all from the style.
fn styles(style: &Style, font: &str) -> Styles {
    let body_after = pt_to_twips(style.text.space_after_pt);
    let defaults = DocDefaults::new()
        .size(pt_to_half_points(style.text.size_pt))
        .fonts(
            RunFonts::new()
                .ascii(font)
                .hi_ansi(font)
                .cs(font)
                .east_asia(font),
        )
        .line_spacing(
            LineSpacing::new()
                .after(body_after.unsigned_abs())
                .line(line_240ths(style.text.line_height))
                .line_rule(LineSpacingType::Auto),
        );
    let mut styles = Styles::new();
    styles.doc_defaults = defaults;

    for (index, id) in HEADING_STYLE_IDS.iter().enumerate() {
        let level = index + 1;
        let level_u8 = u8::try_from(level).expect("HEADING_STYLE_IDS has four entries");
        let mut heading = WordStyle::new(*id, StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .ui_priority(9)
            // Outline level 0 is Heading 1: the navigation pane and PDF export read it.
            .outline_lvl(index)
            .size(pt_to_half_points(style.heading_size_pt(level_u8)))
            .line_spacing(
                LineSpacing::new()
                    .before(pt_to_twips(style.headings.space_before_pt).unsigned_abs())
                    // Half the body's gap: a heading sits closer to the text it introduces.
                    .after((body_after / 2).unsigned_abs()),
            );
        if style.headings.bold {
            heading = heading.bold();
        }
        // A heading alone at the foot of a page loses its text; keep it with the next line.
        heading.paragraph_property = heading.paragraph_property.keep_next(true).keep_lines(true);
        styles = styles.add_style(heading);
    }

    // Word's built-in Quote is italic; ours is indented only (no italics in large print).
    styles = styles.add_style(
        WordStyle::new(QUOTE_STYLE_ID, StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .next("Normal")
            .indent(Some(INDENT_TWIPS), None, Some(INDENT_TWIPS), None),
    );
    styles.add_style(
        WordStyle::new(LIST_STYLE_ID, StyleType::Paragraph)
            .name("List Paragraph")
            .based_on("Normal")
            .indent(Some(INDENT_TWIPS), None, None, None)
            // Items of one list read as one block: half the gap between paragraphs.
            .line_spacing(LineSpacing::new().after((body_after / 2).unsigned_abs())),
    )
}

/// A one-level list definition: a bullet or "1.", hanging before the item's text.
fn list_definition(id: usize, ordered: bool) -> AbstractNumbering {
    let (format, text) = if ordered {
        ("decimal", "%1.")
    } else {
        ("bullet", "•")
    };
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(INDENT_TWIPS),
            Some(SpecialIndentType::Hanging(HANGING_TWIPS)),
            None,
            None,
        ),
    )
}

/// The family name of the style's regular font, read from the font's own name table, so that
/// Word asks the system for the font the PDF embeds.
fn font_family(fonts: &FontSet) -> String {
    use rustybuzz::ttf_parser::{Face, name_id};
    Face::parse(&fonts.regular, 0)
        .ok()
        .and_then(|face| {
            face.names()
                .into_iter()
                .filter(|name| name.name_id == name_id::FAMILY && name.is_unicode())
                .find_map(|name| name.to_string())
        })
        .filter(|family| !family.trim().is_empty())
        .unwrap_or_else(|| EMBEDDED_FONT.to_owned())
}

/// What `dc:subject` says: what the document is, and the session's date when it has one.
fn subject(session: &Session) -> String {
    match session.date.as_deref().map(str::trim) {
        Some(date) if !date.is_empty() => format!("Session report, {date}"),
        _ => "Session report".to_owned(),
    }
}

/// The document id (`w15:docId`, a GUID) is a hash of the session's JSON: the same session gets
/// the same id, another session another one (ARCHITECTURE.md §8).
fn doc_id(session: &Session) -> Result<String, RenderError> {
    let json = serde_json::to_vec(session).map_err(|e| RenderError::Failed {
        format: "docx",
        reason: format!("cannot hash the session: {e}"),
    })?;
    let hash = Sha256::digest(&json);
    let hex: String = hash[..16].iter().map(|b| format!("{b:02X}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// `#RRGGBB` as WordprocessingML writes it (`RRGGBB`); the style parser already checked it.
fn color_value(hex: &str) -> String {
    hex.trim_start_matches('#').to_ascii_uppercase()
}

fn pt_to_half_points(pt: f32) -> usize {
    // Style::check keeps sizes within 4–96 pt, so the value is small and positive.
    (pt * 2.0).round().max(1.0) as usize
}

fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

fn pt_to_twips_u32(pt: f32) -> u32 {
    (pt * 20.0).round().max(0.0) as u32
}

fn mm_to_twips(mm: f32) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}

/// `w:line` with `lineRule="auto"` counts in 240ths of a line.
fn line_240ths(multiple: f32) -> i32 {
    (multiple * 240.0).round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_and_25_mm_in_twips() {
        let (w, h) = crate::style::PaperSize::A4.size_pt();
        assert_eq!((pt_to_twips_u32(w), pt_to_twips_u32(h)), (11906, 16838));
        assert_eq!(mm_to_twips(25.0), 1417);
    }

    #[test]
    fn embedded_font_family_is_read_from_the_font() {
        assert_eq!(font_family(&FontSet::embedded()), "DejaVu Sans");
    }

    #[test]
    fn unreadable_font_falls_back_to_the_embedded_name() {
        let fonts = FontSet::from_bytes(b"not a font".to_vec(), None);
        assert_eq!(font_family(&fonts), EMBEDDED_FONT);
    }
}
