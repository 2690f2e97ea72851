//! The package post-pass: takes the XML parts docx-rs built, adds what docx-rs has no setter for,
//! and zips the parts itself.
//!
//! docx-rs 0.4.22 writes `docProps/core.xml` without title, subject or creator (its config has
//! no public setters) and `word/styles.xml` without a document language, and its own zipper
//! leaves entry times to the zip crate. So this pass writes `core.xml` from scratch, inserts
//! `w:lang` and `w:color` into the `docDefaults` run properties (in schema order), and writes
//! every part in a fixed order with the render's timestamp as the entry time. XML is written
//! and rewritten with quick-xml events, never pasted together as strings, so escaping is
//! quick-xml's job.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::RenderError;
use crate::render::Timestamp;

/// The facts the post-pass writes into the package.
pub(super) struct Facts<'a> {
    /// `dc:title`: the model's title.
    pub title: &'a str,
    /// `dc:subject`.
    pub subject: String,
    /// BCP 47 tag for `w:lang` and `dc:language`.
    pub language: &'a str,
    /// `RRGGBB` for the default run colour.
    pub text_color: String,
    /// Written as the created and modified dates and as every zip entry's time.
    pub timestamp: Timestamp,
}

/// `dc:creator` and `cp:lastModifiedBy`: the tool, not a person (we do not know who ran it).
const CREATOR: &str = "Rapporteur";

/// Packages the parts into DOCX bytes.
pub(super) fn package(parts: XMLDocx, facts: &Facts) -> Result<Vec<u8>, RenderError> {
    // Naming every field (no `..`) makes a docx-rs upgrade that adds a part fail to compile here
    // instead of silently dropping the part.
    let XMLDocx {
        content_type,
        rels,
        doc_props,
        styles,
        document,
        comments,
        document_rels,
        settings,
        font_table,
        numberings,
        media,
        headers,
        header_rels: _,
        footers,
        footer_rels: _,
        comments_extended,
        taskpanes,
        taskpanes_rels: _,
        web_extensions,
        custom_items,
        custom_item_rels: _,
        custom_item_props: _,
        footnotes,
    } = parts;
    // The renderer adds none of these; packaging them would need their relationship parts too.
    if !media.is_empty()
        || !headers.is_empty()
        || !footers.is_empty()
        || taskpanes.is_some()
        || !web_extensions.is_empty()
        || !custom_items.is_empty()
    {
        return Err(failed(
            "docx-rs built a part this renderer does not package".into(),
        ));
    }
    let core = core_properties(facts)?;
    let styles = add_run_defaults(
        &styles,
        &[
            ("w:color", facts.text_color.as_str()),
            ("w:lang", facts.language),
        ],
    )?;
    // The order docx-rs's own zipper uses, [Content_Types].xml first as OPC readers expect.
    let entries: [(&str, &[u8]); 14] = [
        ("[Content_Types].xml", &content_type),
        ("_rels/.rels", &rels),
        ("docProps/app.xml", &doc_props.app),
        ("docProps/core.xml", &core),
        ("docProps/custom.xml", &doc_props.custom),
        ("word/_rels/document.xml.rels", &document_rels),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/settings.xml", &settings),
        ("word/fontTable.xml", &font_table),
        ("word/comments.xml", &comments),
        ("word/numbering.xml", &numberings),
        ("word/commentsExtended.xml", &comments_extended),
        ("word/footnotes.xml", &footnotes),
    ];
    zip_entries(&entries, facts.timestamp)
}

fn failed(reason: String) -> RenderError {
    RenderError::Failed {
        format: "docx",
        reason,
    }
}

fn xml_error(e: impl std::fmt::Display) -> RenderError {
    failed(format!("package XML: {e}"))
}

fn zip_entries(entries: &[(&str, &[u8])], timestamp: Timestamp) -> Result<Vec<u8>, RenderError> {
    let zip_error = |e: zip::result::ZipError| failed(format!("zip: {e}"));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(timestamp))
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, options).map_err(zip_error)?;
        zip.write_all(bytes)
            .map_err(|e| failed(format!("zip: {e}")))?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// `docProps/core.xml` with title, subject, creator, language and the render's timestamp.
fn core_properties(facts: &Facts) -> Result<Vec<u8>, RenderError> {
    let when = w3cdtf(facts.timestamp);
    let mut out = Writer::new(Vec::new());
    out.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(xml_error)?;
    let root = BytesStart::new("cp:coreProperties").with_attributes([
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ]);
    out.write_event(Event::Start(root)).map_err(xml_error)?;
    let title = xml_safe(facts.title);
    let subject = xml_safe(&facts.subject);
    let language = xml_safe(facts.language);
    for (name, value) in [
        ("dc:title", title.as_str()),
        ("dc:subject", subject.as_str()),
        ("dc:creator", CREATOR),
        ("cp:lastModifiedBy", CREATOR),
        ("dc:language", language.as_str()),
        ("cp:revision", "1"),
    ] {
        out.create_element(name)
            .write_text_content(BytesText::new(value))
            .map_err(xml_error)?;
    }
    for name in ["dcterms:created", "dcterms:modified"] {
        out.create_element(name)
            .with_attribute(("xsi:type", "dcterms:W3CDTF"))
            .write_text_content(BytesText::new(&when))
            .map_err(xml_error)?;
    }
    out.write_event(Event::End(BytesEnd::new("cp:coreProperties")))
        .map_err(xml_error)?;
    Ok(out.into_inner())
}

/// The children of `w:rPr` in the order ECMA-376 Part 1 §17.3.2.28 (CT_RPr) requires them;
/// Word rejects a run property out of order.
const RUN_PROPERTY_ORDER: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];

fn run_property_rank(qualified: &[u8]) -> usize {
    let local = qualified.rsplit(|b| *b == b':').next().unwrap_or(qualified);
    RUN_PROPERTY_ORDER
        .iter()
        .position(|name| name.as_bytes() == local)
        .unwrap_or(RUN_PROPERTY_ORDER.len())
}

/// Rewrites `styles.xml`, adding `<name w:val="value"/>` elements to the run properties of
/// `w:docDefaults` (replacing empty elements of the same name), each at its place in the schema
/// order. docx-rs writes no `w:color` or `w:lang` there today; the replacement keeps a future
/// docx-rs that does from producing two.
fn add_run_defaults(styles: &[u8], additions: &[(&str, &str)]) -> Result<Vec<u8>, RenderError> {
    let mut pending: Vec<(usize, &str, String)> = additions
        .iter()
        .map(|(name, value)| (run_property_rank(name.as_bytes()), *name, xml_safe(value)))
        .collect();
    pending.sort_by_key(|(rank, _, _)| *rank);

    let mut reader = Reader::from_reader(styles);
    let mut out = Writer::new(Vec::with_capacity(styles.len() + 128));
    let mut in_rpr_default = false;
    // Depth inside the `w:rPr` of `w:rPrDefault`: 0 outside it, 1 for its direct children.
    let mut rpr_depth = 0usize;
    let mut patched = false;

    let write = |out: &mut Writer<Vec<u8>>, event: Event| -> Result<(), RenderError> {
        out.write_event(event).map_err(xml_error)
    };
    let flush = |out: &mut Writer<Vec<u8>>,
                 pending: &mut Vec<(usize, &str, String)>,
                 below_rank: usize|
     -> Result<(), RenderError> {
        while pending
            .first()
            .is_some_and(|(rank, _, _)| *rank <= below_rank)
        {
            let (_, name, value) = pending.remove(0);
            let element = BytesStart::new(name).with_attributes([("w:val", value.as_str())]);
            out.write_event(Event::Empty(element)).map_err(xml_error)?;
        }
        Ok(())
    };

    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match &event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:rPrDefault" => in_rpr_default = true,
            Event::End(e) if e.name().as_ref() == b"w:rPrDefault" => in_rpr_default = false,
            Event::Empty(e)
                if in_rpr_default && rpr_depth == 0 && e.name().as_ref() == b"w:rPr" =>
            {
                write(&mut out, Event::Start(BytesStart::new("w:rPr")))?;
                flush(&mut out, &mut pending, usize::MAX)?;
                write(&mut out, Event::End(BytesEnd::new("w:rPr")))?;
                patched = true;
                continue;
            }
            Event::Start(e)
                if in_rpr_default && rpr_depth == 0 && e.name().as_ref() == b"w:rPr" =>
            {
                rpr_depth = 1;
                write(&mut out, event)?;
                continue;
            }
            Event::End(e) if rpr_depth == 1 && e.name().as_ref() == b"w:rPr" => {
                flush(&mut out, &mut pending, usize::MAX)?;
                rpr_depth = 0;
                patched = true;
            }
            Event::Start(e) | Event::Empty(e) if rpr_depth == 1 => {
                let rank = run_property_rank(e.name().as_ref());
                let replaced = pending.iter().any(|(r, _, _)| *r == rank);
                flush(&mut out, &mut pending, rank)?;
                if matches!(event, Event::Start(_)) {
                    rpr_depth += 1;
                }
                if replaced && matches!(event, Event::Empty(_)) {
                    continue;
                }
            }
            Event::Start(_) if rpr_depth > 1 => rpr_depth += 1,
            Event::End(_) if rpr_depth > 1 => rpr_depth -= 1,
            _ => {}
        }
        write(&mut out, event)?;
    }
    if !patched {
        return Err(failed(
            "styles.xml has no w:docDefaults run properties to add the language to".into(),
        ));
    }
    Ok(out.into_inner())
}

/// Drops the characters XML 1.0 cannot hold (C0 controls other than tab, LF and CR; U+FFFE and
/// U+FFFF), which would make Word refuse the whole file.
pub(super) fn xml_safe(text: &str) -> String {
    text.chars().filter(|c| is_xml_char(*c)).collect()
}

/// True when XML 1.0 §2.2 allows the character.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// The timestamp as a W3C date-time in UTC (`2000-01-01T00:00:00Z`).
fn w3cdtf(timestamp: Timestamp) -> String {
    let (year, month, day, hour, minute, second) = crate::render::civil(timestamp);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// The timestamp as a zip entry time (MS-DOS format, local time by convention, here UTC),
/// clamped to the 1980–2107 range the format can hold.
fn zip_time(timestamp: Timestamp) -> DateTime {
    let (year, month, day, hour, minute, second) = crate::render::civil(timestamp);
    let in_range = |y: i64| (1980..=2107).contains(&y);
    let converted = if in_range(year) {
        DateTime::from_date_and_time(
            u16::try_from(year).unwrap_or(1980),
            month,
            day,
            hour,
            minute,
            second,
        )
        .ok()
    } else {
        None
    };
    converted.unwrap_or_else(|| {
        if year < 1980 {
            DateTime::default()
        } else {
            DateTime::from_date_and_time(2107, 12, 31, 23, 59, 58).unwrap_or_default()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_of_known_timestamps() {
        assert_eq!(w3cdtf(946_684_800), "2000-01-01T00:00:00Z");
    }

    #[test]
    fn zip_time_is_clamped_to_the_dos_range() {
        assert_eq!(zip_time(0), DateTime::default());
        let t = zip_time(946_684_800);
        assert_eq!((t.year(), t.month(), t.day()), (2000, 1, 1));
        assert_eq!(zip_time(i64::MAX / 4).year(), 2107);
    }

    #[test]
    fn run_defaults_go_in_schema_order() {
        let styles = br#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="A"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr><w:b/></w:rPr></w:style></w:styles>"#;
        let out = add_run_defaults(styles, &[("w:lang", "fr-CA"), ("w:color", "000000")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="A"/><w:color w:val="000000"/><w:sz w:val="22"/><w:lang w:val="fr-CA"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
        );
    }

    #[test]
    fn empty_run_defaults_are_opened() {
        let styles = br#"<w:docDefaults><w:rPrDefault><w:rPr /></w:rPrDefault></w:docDefaults>"#;
        let out = add_run_defaults(styles, &[("w:lang", "en")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en"/></w:rPr></w:rPrDefault></w:docDefaults>"#
        );
    }

    #[test]
    fn an_existing_language_is_replaced() {
        let styles = br#"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="x"/></w:rPr></w:rPrDefault></w:docDefaults>"#;
        let out = add_run_defaults(styles, &[("w:lang", "de")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="de"/></w:rPr></w:rPrDefault></w:docDefaults>"#
        );
    }

    #[test]
    fn styles_without_defaults_are_an_error_not_a_panic() {
        assert!(add_run_defaults(b"<w:styles/>", &[("w:lang", "en")]).is_err());
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFE}c\td"), "abc\td");
    }
}
