//! PDF renderer (krilla 0.8, rustybuzz 0.20): a tagged PDF/UA-1 file from the [`DocumentView`].
//!
//! The stages, one module each (as in typst-pdf): [`fonts`] parses DejaVu Sans (or the style's
//! font) once per run and shapes each distinct word once; [`layout`] breaks lines by real glyph
//! advances and places blocks on pages; this module draws the pre-shaped glyphs with krilla, each
//! line as a marked-content sequence; [`tags`], [`outline`] and [`metadata`] add the structure
//! tree, the bookmarks and the document information. krilla embeds and subsets the fonts.
//!
//! Accessibility guarantees, enforced by krilla's PDF/UA-1 validator (export fails on a
//! violation) and checked against real readers in `tests/pdf.rs` (qpdf, pdffonts, pdftotext,
//! `pdfinfo -struct-text`, the `page_validation` PDF/UA-1 validator and, when installed,
//! `outloud`):
//! - tagged, with a tag tree in reading order: exactly one H1 (the title), H2–H4 that never skip
//!   a level, P, BlockQuote, and lists as L › LI › Lbl + LBody with the bullet or number in Lbl;
//! - page numbers are pagination artifacts, outside the tag tree;
//! - document title in the info dictionary and XMP dc:title, shown in the viewer's title bar;
//!   document language on the catalog and the root structure element;
//! - bookmarks = the headings, nested by level;
//! - every font embedded and subset, every glyph mapped to Unicode (so "Quillé", en dashes and
//!   curly quotes extract as written); characters the font lacks become U+FFFD with a warning;
//! - left-aligned, unhyphenated text at the style's sizes; large print really is 18 pt.
//!
//! Same session and context → same bytes: no clock, the document ID is a hash of the session.

mod fonts;
mod layout;
mod metadata;
mod outline;
mod tags;

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::{Document, SerializeSettings};

use self::fonts::{FaceKind, Fonts};
use self::layout::{Fragment, Layout, append_word};
use super::view::DocumentView;
use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::{RenderError, Warning};
use crate::model::Session;
use crate::style::parse_hex_color;

/// Writes a tagged PDF/UA-1 document.
pub struct Pdf;

impl Renderer for Pdf {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn render(&self, session: &Session, cx: &RenderContext) -> Result<Rendered, RenderError> {
        let fonts = fonts::prepared(cx.fonts)?;
        let view = DocumentView::of(session);
        let layout = layout::lay_out(&view, cx.style, &fonts);
        let bytes = write(session, &view, &layout, &fonts, cx)?;
        let mut warnings = Vec::new();
        if !layout.missing.is_empty() {
            let listed: Vec<String> = layout
                .missing
                .iter()
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            warnings.push(Warning::Note(format!(
                "pdf: the font has no glyph for {}; shown as \u{FFFD}",
                listed.join(", ")
            )));
        }
        Ok(Rendered { bytes, warnings })
    }
}

fn failed(reason: impl Into<String>) -> RenderError {
    RenderError::Failed {
        format: "pdf",
        reason: reason.into(),
    }
}

/// Draws the layout with krilla and serialises the document.
fn write(
    session: &Session,
    view: &DocumentView,
    layout: &Layout,
    fonts: &Fonts,
    cx: &RenderContext,
) -> Result<Vec<u8>, RenderError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| failed(format!("PDF/UA-1 configuration: {e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let (width, height) = layout.page_size;
    let text_fill = fill(&cx.style.colors.text);
    let background = parse_hex_color(&cx.style.colors.background)
        .filter(|rgb| *rgb != (255, 255, 255))
        .map(|(r, g, b)| rgb::Color::new(r, g, b));

    // Fragments by page, in reading order; identifiers come back in the same shape as the blocks.
    let mut by_page: Vec<Vec<(usize, &Fragment)>> = vec![Vec::new(); layout.page_count];
    for (index, block) in layout.blocks.iter().enumerate() {
        for fragment in &block.fragments {
            if let Some(page) = by_page.get_mut(fragment.page) {
                page.push((index, fragment));
            }
        }
    }
    let mut identifiers: Vec<Vec<Identifier>> = layout
        .blocks
        .iter()
        .map(|b| Vec::with_capacity(b.fragments.len()))
        .collect();

    for (page_index, fragments) in by_page.iter().enumerate() {
        let settings = PageSettings::from_wh(width, height)
            .ok_or_else(|| failed(format!("invalid page size {width} × {height} pt")))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        if let Some(color) = background {
            draw_background(&mut surface, color, width, height)?;
        }
        surface.set_fill(Some(text_fill.clone()));
        for (block, fragment) in fragments {
            // One marked-content sequence per line, as krilla advises for spans.
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            draw_fragment(&mut surface, fragment, fonts);
            surface.end_tagged();
            identifiers[*block].push(id);
        }
        draw_page_number(&mut surface, layout, fonts, page_index);
        surface.finish();
        page.finish();
    }

    document.set_tag_tree(tags::tag_tree(layout, &identifiers, &view.language));
    document.set_outline(outline::outline(layout));
    document.set_metadata(metadata::metadata(session, cx.timestamp));
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) => failed(format!(
            "PDF/UA-1 validation failed: {:?}",
            errors.iter().map(|(error, _)| error).collect::<Vec<_>>()
        )),
        other => failed(other.to_string()),
    })
}

fn fill(hex: &str) -> Fill {
    // Style::parse has checked the colour; black is the safe reading if it somehow did not parse.
    let (r, g, b) = parse_hex_color(hex).unwrap_or((0, 0, 0));
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw_fragment(surface: &mut Surface, fragment: &Fragment, fonts: &Fonts) {
    for run in &fragment.runs {
        surface.draw_glyphs(
            Point::from_xy(run.origin.0, run.origin.1),
            &run.glyphs,
            fonts.face(run.face).krilla.clone(),
            &run.text,
            run.size_pt,
            false,
        );
    }
}

/// A page colour other than white, as a background artifact (PDF 1.7 requires its bounding box).
fn draw_background(
    surface: &mut Surface,
    color: rgb::Color,
    width: f32,
    height: f32,
) -> Result<(), RenderError> {
    let rect =
        Rect::from_xywh(0.0, 0.0, width, height).ok_or_else(|| failed("invalid page rectangle"))?;
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    let path = path
        .finish()
        .ok_or_else(|| failed("invalid page rectangle"))?;
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Background,
        Some(rect),
    )));
    surface.set_fill(Some(Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    surface.draw_path(&path);
    surface.end_tagged();
    Ok(())
}

/// "N / M", centred in the footer room, as a footer artifact: PDF/UA-1 7.8 keeps pagination out
/// of the structure tree so screen readers do not read it between paragraphs.
fn draw_page_number(surface: &mut Surface, layout: &Layout, fonts: &Fonts, page_index: usize) {
    let label = format!("{} / {}", page_index + 1, layout.page_count);
    let face = fonts.face(FaceKind::Regular);
    let size = layout.footer.size_pt;
    let mut text = String::new();
    let mut glyphs = Vec::new();
    let mut width = 0.0;
    for (index, word) in label.split(' ').enumerate() {
        if index > 0 {
            append_word(&mut text, &mut glyphs, &face.space);
            width += face.space.width_em * size;
        }
        let shaped = face.shape(word);
        append_word(&mut text, &mut glyphs, &shaped);
        width += shaped.width_em * size;
    }
    let x = (layout.page_size.0 - width) / 2.0;
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Footer,
    )));
    surface.draw_glyphs(
        Point::from_xy(x, layout.footer.baseline),
        &glyphs,
        face.krilla.clone(),
        &text,
        size,
        false,
    );
    surface.end_tagged();
}
