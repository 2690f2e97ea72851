//! A PDF/UA-1 document written by krilla, the library our PDF renderer uses, so the auditor is
//! proven on krilla's real output (object streams, compressed content, Type 0 fonts read through
//! their ToUnicode CMaps) and not only on the hand-made fixtures.

use std::num::NonZeroU16;

use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

/// Title (H1), a heading of `second_level`, one list item; the bullet is in Lbl, or at the start
/// of LBody when `bullet_in_body`.
pub fn pdf(second_level: u16, bullet_in_body: bool) -> Vec<u8> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .unwrap();
    let settings = SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let font = Font::new(dejavu::sans::regular().to_vec().into(), 0).unwrap();
    let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).unwrap());
    let mut surface = page.surface();
    let mut y = 50.0;
    let mut line = |surface: &mut Surface, text: &str| {
        let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
        surface.draw_glyphs(
            Point::from_xy(72.0, y),
            &shape(text),
            font.clone(),
            text,
            12.0,
            false,
        );
        surface.end_tagged();
        y += 20.0;
        id
    };
    let title = line(&mut surface, "Session report");
    let section = line(&mut surface, "Opening");
    let label = (!bullet_in_body).then(|| line(&mut surface, "•"));
    let body = line(
        &mut surface,
        if bullet_in_body {
            "• First point"
        } else {
            "First point"
        },
    );
    surface.finish();
    page.finish();

    let heading = |level: u16, text: &str, id: Identifier| {
        TagGroup::with_children(
            Tag::Hn(NonZeroU16::new(level).unwrap(), Some(text.to_owned())),
            vec![id.into()],
        )
    };
    let mut item = Vec::new();
    if let Some(label) = label {
        item.push(TagGroup::with_children(Tag::Lbl, vec![label.into()]).into());
    }
    item.push(TagGroup::with_children(Tag::LBody, vec![body.into()]).into());
    let list = TagGroup::with_children(
        Tag::L(ListNumbering::Disc),
        vec![TagGroup::with_children(Tag::LI, item).into()],
    );
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    tree.push(heading(1, "Session report", title));
    tree.push(heading(second_level, "Opening", section));
    tree.push(list);
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .title("Session report".into())
            .language("en-GB".into()),
    );
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        "Session report".into(),
        XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
    ));
    document.set_outline(outline);
    document.finish().unwrap()
}

/// Glyphs of one line, shaped with rustybuzz (krilla's simple-text feature is off in this crate).
fn shape(text: &str) -> Vec<KrillaGlyph> {
    let face = rustybuzz::Face::from_slice(dejavu::sans::regular(), 0).unwrap();
    let units_per_em = face.units_per_em() as f32;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&face, &[], buffer);
    let infos = shaped.glyph_infos();
    infos
        .iter()
        .zip(shaped.glyph_positions())
        .enumerate()
        .map(|(i, (info, position))| {
            let start = info.cluster as usize;
            let end = infos.get(i + 1).map_or(text.len(), |n| n.cluster as usize);
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                position.x_advance as f32 / units_per_em,
                0.0,
                0.0,
                0.0,
                start..end,
                None,
            )
        })
        .collect()
}
