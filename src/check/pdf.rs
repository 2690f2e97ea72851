//! Audits a PDF's accessibility structure with lopdf: the catalog entries PDF/UA-1 asks for, the
//! structure tree (headings, lists), fonts and bookmarks. Locations are pages.
//!
//! The structure tree is read into [`Element`]s with standard role names (the `/RoleMap` applied)
//! and the text of each element's marked content, decoded with the page fonts' encodings
//! (ToUnicode CMaps included), so "a bullet inside LBody" is checked on the text a screen reader
//! would speak. When a PDF is not tagged, only PDF-01 reports: the tree rules have nothing to
//! read, and one finding says what is wrong.
//!
//! Not checked (the issue leaves them to a full PDF/UA validator): alternative text of figures,
//! table headers, artifacts, reading order against the page, contrast.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::{CheckError, Finding, Kind, Location, Rule, Severity, excerpt, typed_list_marker};

const TAGGED: Rule = Rule {
    id: "PDF-01",
    severity: Severity::Error,
    description: "tagged: the catalog has /MarkInfo << /Marked true >> and a /StructTreeRoot",
};
const LANGUAGE: Rule = Rule {
    id: "PDF-02",
    severity: Severity::Error,
    description: "the catalog names the document language (/Lang)",
};
const TITLE: Rule = Rule {
    id: "PDF-03",
    severity: Severity::Error,
    description: "a title in the document information or XMP metadata (dc:title)",
};
const DISPLAY_TITLE: Rule = Rule {
    id: "PDF-04",
    severity: Severity::Error,
    description: "viewers show the title, not the file name (/ViewerPreferences /DisplayDocTitle true)",
};
const ONE_H1: Rule = Rule {
    id: "PDF-05",
    severity: Severity::Error,
    description: "exactly one H1 in the structure tree",
};
const NO_SKIPPED_LEVEL: Rule = Rule {
    id: "PDF-06",
    severity: Severity::Error,
    description: "heading levels never skip (H1 → H3 is a skip)",
};
const LIST_STRUCTURE: Rule = Rule {
    id: "PDF-07",
    severity: Severity::Error,
    description: "lists are L › LI › Lbl + LBody (an LBody in every LI, nothing else)",
};
const LABEL_NOT_IN_BODY: Rule = Rule {
    id: "PDF-08",
    severity: Severity::Error,
    description: "a list's bullet or number is in Lbl, never at the start of LBody",
};
const FONTS_EMBEDDED: Rule = Rule {
    id: "PDF-09",
    severity: Severity::Error,
    description: "every font is embedded (/FontFile, /FontFile2 or /FontFile3)",
};
const BOOKMARKS: Rule = Rule {
    id: "PDF-10",
    severity: Severity::Error,
    description: "a document with headings has bookmarks (/Outlines)",
};
const PDF_UA_ID: Rule = Rule {
    id: "PDF-11",
    severity: Severity::Warning,
    description: "XMP metadata carries the PDF/UA identifier (pdfuaid:part)",
};

/// The PDF rules, in id order.
pub static RULES: &[&Rule] = &[
    &TAGGED,
    &LANGUAGE,
    &TITLE,
    &DISPLAY_TITLE,
    &ONE_H1,
    &NO_SKIPPED_LEVEL,
    &LIST_STRUCTURE,
    &LABEL_NOT_IN_BODY,
    &FONTS_EMBEDDED,
    &BOOKMARKS,
    &PDF_UA_ID,
];

/// Structure trees deeper than this are cut off: real documents nest a dozen levels, and a
/// hostile one must not exhaust the stack.
const MAX_TREE_DEPTH: usize = 200;

/// Role-map chains longer than this are cycles or nonsense.
const MAX_ROLE_MAP_HOPS: usize = 16;

/// PDF 1.7 §14.8.4.3.2 (standard structure types): the heading levels.
const HEADINGS: [&str; 6] = ["H1", "H2", "H3", "H4", "H5", "H6"];

const XMP_DC: &str = "http://purl.org/dc/elements/1.1/";
const XMP_PDFUAID: &str = "http://www.aiim.org/pdfua/ns/id/";

/// Audits a PDF. Fails only when lopdf cannot read the file at all.
pub fn check(bytes: &[u8]) -> Result<Vec<Finding>, CheckError> {
    let unreadable = |reason: String| CheckError::Unreadable {
        kind: Kind::Pdf,
        reason,
    };
    // lopdf returns errors for the malformed files we have tried, but it is a large parser fed
    // untrusted bytes, and `check` promises never to panic: a panic in it becomes an error here.
    let outcome = std::panic::catch_unwind(|| -> Result<Vec<Finding>, CheckError> {
        let document = Document::load_mem(bytes).map_err(|e| unreadable(e.to_string()))?;
        let catalog = document
            .catalog()
            .map_err(|e| unreadable(format!("no document catalog ({e})")))?;
        Ok(Audit::new(&document, catalog).run())
    });
    outcome.unwrap_or_else(|_| Err(unreadable("the PDF parser gave up on this file".into())))
}

/// One node of the structure tree, as the checks need it.
#[derive(Debug)]
struct Element {
    /// The standard structure type, after the role map (`H1`, `L`, `LBody`, `P`, …).
    role: String,
    /// The 1-based page of its first content, or of its nearest ancestor that has one.
    page: Option<u32>,
    /// The text of its own and its descendants' marked content, in order.
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn walk<'a>(
        &'a self,
        out: &mut Vec<(&'a Element, Option<&'a Element>)>,
        parent: Option<&'a Element>,
    ) {
        out.push((self, parent));
        for child in &self.children {
            child.walk(out, Some(self));
        }
    }

    fn location(&self) -> Option<Location> {
        self.page.map(Location::Page)
    }
}

struct Audit<'a> {
    document: &'a Document,
    catalog: &'a Dictionary,
    /// Page object → 1-based page number.
    page_numbers: BTreeMap<ObjectId, u32>,
    findings: Vec<Finding>,
}

impl<'a> Audit<'a> {
    fn new(document: &'a Document, catalog: &'a Dictionary) -> Self {
        let page_numbers = document
            .get_pages()
            .into_iter()
            .map(|(number, id)| (id, number))
            .collect();
        Audit {
            document,
            catalog,
            page_numbers,
            findings: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<Finding> {
        let xmp = self.xmp();
        self.check_language();
        self.check_title(xmp.as_ref());
        self.check_display_title();
        self.check_fonts();
        self.check_pdf_ua_id(xmp.as_ref());
        match self.structure_tree() {
            Some(root) => {
                let mut elements = Vec::new();
                root.walk(&mut elements, None);
                self.check_headings(&elements);
                self.check_lists(&elements);
            }
            None => self
                .findings
                .push(TAGGED.finding(self.untagged_reason(), None)),
        }
        self.findings
    }

    fn get(&self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let object = dict.get(key).ok()?;
        self.document.dereference(object).ok().map(|(_, o)| o)
    }

    fn dict(&self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        self.get(dict, key).and_then(|o| o.as_dict().ok())
    }

    fn text_string(&self, dict: &'a Dictionary, key: &[u8]) -> Option<String> {
        let object = self.get(dict, key)?;
        lopdf::decode_text_string(object).ok().or_else(|| {
            object
                .as_str()
                .ok()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
    }

    fn untagged_reason(&self) -> String {
        let marked = self
            .dict(self.catalog, b"MarkInfo")
            .and_then(|m| self.get(m, b"Marked"))
            .and_then(|o| o.as_bool().ok())
            == Some(true);
        match (marked, self.catalog.has(b"StructTreeRoot")) {
            (false, false) => "not tagged: no /MarkInfo /Marked true and no structure tree".into(),
            (false, true) => "not marked as tagged: /MarkInfo /Marked is not true".into(),
            (true, _) => "not tagged: the structure tree is missing or empty".into(),
        }
    }

    fn check_language(&mut self) {
        let language = self.text_string(self.catalog, b"Lang");
        if language.as_deref().is_none_or(|l| l.trim().is_empty()) {
            self.findings
                .push(LANGUAGE.finding("no document language: the catalog has no /Lang", None));
        }
    }

    /// The XMP metadata packet of the catalog, if it is there and decodes.
    fn xmp(&self) -> Option<String> {
        let stream = self
            .get(self.catalog, b"Metadata")
            .and_then(|o| o.as_stream().ok())?;
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn check_title(&mut self, xmp: Option<&String>) {
        let info_title = self
            .document
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| self.document.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .and_then(|info| self.text_string(info, b"Title"))
            .filter(|t| !t.trim().is_empty());
        let xmp_title = xmp.and_then(|x| xmp_value(x, XMP_DC, "title"));
        if info_title.is_none() && xmp_title.is_none() {
            self.findings
                .push(TITLE.finding("no title in the document information or XMP metadata", None));
        }
    }

    fn check_display_title(&mut self) {
        let shows_title = self
            .dict(self.catalog, b"ViewerPreferences")
            .and_then(|v| self.get(v, b"DisplayDocTitle"))
            .and_then(|o| o.as_bool().ok())
            == Some(true);
        if !shows_title {
            self.findings.push(DISPLAY_TITLE.finding(
                "viewers will show the file name: /ViewerPreferences /DisplayDocTitle is not true",
                None,
            ));
        }
    }

    fn check_pdf_ua_id(&mut self, xmp: Option<&String>) {
        let message = match xmp {
            None => "no XMP metadata, so no PDF/UA identifier",
            Some(xmp) => match xmp_value(xmp, XMP_PDFUAID, "part") {
                Some(part) if part.trim().parse::<u32>().is_ok_and(|p| p >= 1) => return,
                Some(_) => "the PDF/UA identifier (pdfuaid:part) is not a part number",
                None => "XMP metadata has no PDF/UA identifier (pdfuaid:part)",
            },
        };
        self.findings.push(PDF_UA_ID.finding(message, None));
    }

    /// PDF/UA-1 7.21.4.1: every font program is embedded. Type 0 fonts are checked through their
    /// descendant font (an object of its own, or inline in `/DescendantFonts`), and Type 3 fonts
    /// draw their glyphs in the file itself.
    fn check_fonts(&mut self) {
        let mut fonts: Vec<&Dictionary> = Vec::new();
        for object in self.document.objects.values() {
            let Ok(font) = object.as_dict() else {
                continue;
            };
            if !font.has_type(b"Font") {
                continue;
            }
            fonts.push(font);
            if let Some(Object::Array(descendants)) = self.get(font, b"DescendantFonts") {
                fonts.extend(descendants.iter().filter_map(|d| d.as_dict().ok()));
            }
        }
        let mut reported = BTreeSet::new();
        for font in fonts {
            let subtype = font
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or(b"");
            if matches!(subtype, b"Type0" | b"Type3") {
                continue;
            }
            let embedded = self.dict(font, b"FontDescriptor").is_some_and(|d| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|key| d.has(key))
            });
            if embedded {
                continue;
            }
            let name = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_else(|_| "(unnamed)".into());
            if reported.insert(name.clone()) {
                self.findings.push(FONTS_EMBEDDED.finding(
                    format!("font {name} is not embedded"),
                    self.first_page_using(font),
                ));
            }
        }
    }

    /// The first page whose resources name this font, for the finding's location.
    fn first_page_using(&self, font: &Dictionary) -> Option<Location> {
        self.page_numbers.iter().find_map(|(page, number)| {
            let fonts = self.document.get_page_fonts(*page).ok()?;
            fonts
                .values()
                .any(|f| std::ptr::eq(*f, font))
                .then_some(Location::Page(*number))
        })
    }

    /// The structure tree, when the document is tagged: marked, with a root that has children.
    fn structure_tree(&self) -> Option<Element> {
        let marked = self
            .dict(self.catalog, b"MarkInfo")
            .and_then(|m| self.get(m, b"Marked"))
            .and_then(|o| o.as_bool().ok())
            == Some(true);
        let root = self.dict(self.catalog, b"StructTreeRoot")?;
        if !marked {
            return None;
        }
        let role_map = self.dict(root, b"RoleMap");
        let texts = self.marked_content_texts();
        let mut builder = TreeBuilder {
            audit: self,
            role_map,
            texts: &texts,
            visited: BTreeSet::new(),
        };
        let mut top = Element {
            role: "StructTreeRoot".into(),
            page: None,
            text: String::new(),
            children: Vec::new(),
        };
        if let Ok(kids) = root.get(b"K") {
            builder.add_kids(&mut top, kids, None, 0);
        }
        (!top.children.is_empty()).then_some(top)
    }

    /// The text shown inside each marked-content sequence with an MCID, per page.
    fn marked_content_texts(&self) -> BTreeMap<(ObjectId, i64), String> {
        let mut texts = BTreeMap::new();
        for page in self.page_numbers.keys() {
            let Ok(bytes) = self.document.get_page_content(*page) else {
                continue;
            };
            let Ok(content) = Content::decode(&bytes) else {
                continue;
            };
            let fonts = self.document.get_page_fonts(*page).unwrap_or_default();
            let encodings: BTreeMap<&[u8], Encoding> = fonts
                .iter()
                .filter_map(|(name, font)| {
                    Some((name.as_slice(), font.get_font_encoding(self.document).ok()?))
                })
                .collect();
            let properties = self
                .document
                .get_page_resources(*page)
                .ok()
                .and_then(|(resources, _)| resources)
                .and_then(|r| self.dict(r, b"Properties"));
            let mut font: Option<&Encoding> = None;
            // The MCIDs of the open marked-content sequences; `None` for ones without an MCID.
            let mut open: Vec<Option<i64>> = Vec::new();
            for operation in &content.operations {
                let operands = &operation.operands;
                match operation.operator.as_str() {
                    "Tf" => {
                        font = operands
                            .first()
                            .and_then(|o| o.as_name().ok())
                            .and_then(|name| encodings.get(name));
                    }
                    "BMC" => open.push(None),
                    "BDC" => {
                        let mcid = match operands.get(1) {
                            Some(Object::Dictionary(d)) => {
                                d.get(b"MCID").and_then(Object::as_i64).ok()
                            }
                            Some(Object::Name(name)) => properties
                                .and_then(|p| self.dict(p, name))
                                .and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok()),
                            _ => None,
                        };
                        open.push(mcid);
                    }
                    "EMC" => {
                        open.pop();
                    }
                    "Tj" | "'" | "\"" | "TJ" => {
                        let Some(mcid) = open.iter().rev().find_map(|m| *m) else {
                            continue;
                        };
                        let shown = shown_text(operands, font);
                        texts
                            .entry((*page, mcid))
                            .or_insert_with(String::new)
                            .push_str(&shown);
                    }
                    _ => {}
                }
            }
        }
        texts
    }

    fn check_headings(&mut self, elements: &[(&Element, Option<&Element>)]) {
        let headings: Vec<(usize, &Element)> = elements
            .iter()
            .filter_map(|(e, _)| {
                HEADINGS
                    .iter()
                    .position(|h| *h == e.role)
                    .map(|i| (i + 1, *e))
            })
            .collect();
        let h1s: Vec<&Element> = headings
            .iter()
            .filter(|(level, _)| *level == 1)
            .map(|(_, e)| *e)
            .collect();
        match h1s.as_slice() {
            [] => self
                .findings
                .push(ONE_H1.finding("no H1 in the structure tree", None)),
            [_] => {}
            [_, rest @ ..] => {
                for extra in rest {
                    self.findings.push(ONE_H1.finding(
                        format!("a second H1{}", quoted(&extra.text)),
                        extra.location(),
                    ));
                }
            }
        }
        for pair in headings.windows(2) {
            let ((previous, _), (level, element)) = (pair[0], pair[1]);
            if level > previous + 1 {
                self.findings.push(NO_SKIPPED_LEVEL.finding(
                    format!(
                        "heading level skipped: H{previous} → H{level}{}",
                        quoted(&element.text)
                    ),
                    element.location(),
                ));
            }
        }
        let has_outline = self
            .dict(self.catalog, b"Outlines")
            .is_some_and(|o| o.has(b"First"));
        if !headings.is_empty() && !has_outline {
            self.findings.push(BOOKMARKS.finding(
                format!("{} heading(s) but no bookmarks (/Outlines)", headings.len()),
                None,
            ));
        }
    }

    fn check_lists(&mut self, elements: &[(&Element, Option<&Element>)]) {
        for (element, parent) in elements {
            let parent_role = parent.map_or("", |p| p.role.as_str());
            let location = element.location();
            match element.role.as_str() {
                "L" => {
                    for child in &element.children {
                        if !matches!(child.role.as_str(), "LI" | "L" | "Caption") {
                            self.findings.push(LIST_STRUCTURE.finding(
                                format!("L contains {} (only LI, L or Caption)", child.role),
                                child.location(),
                            ));
                        }
                    }
                }
                "LI" => {
                    if parent_role != "L" {
                        self.findings.push(LIST_STRUCTURE.finding(
                            format!("LI outside an L (inside {parent_role})"),
                            location.clone(),
                        ));
                    }
                    if !element.children.iter().any(|c| c.role == "LBody") {
                        self.findings
                            .push(LIST_STRUCTURE.finding("LI without an LBody", location.clone()));
                    }
                    for child in &element.children {
                        if !matches!(child.role.as_str(), "Lbl" | "LBody") {
                            self.findings.push(LIST_STRUCTURE.finding(
                                format!("LI contains {} (only Lbl and LBody)", child.role),
                                child.location(),
                            ));
                        }
                    }
                }
                "LBody" => {
                    if parent_role != "LI" {
                        self.findings.push(LIST_STRUCTURE.finding(
                            format!("LBody outside an LI (inside {parent_role})"),
                            location.clone(),
                        ));
                    }
                    if let Some(marker) = list_label_at_start(&element.text) {
                        self.findings.push(LABEL_NOT_IN_BODY.finding(
                            format!(
                                "list label \"{marker}\" is inside LBody{}, not in Lbl",
                                quoted(&element.text)
                            ),
                            location,
                        ));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Builds [`Element`]s from the `/K` entries of the structure tree.
struct TreeBuilder<'a, 'b> {
    audit: &'b Audit<'a>,
    role_map: Option<&'a Dictionary>,
    texts: &'b BTreeMap<(ObjectId, i64), String>,
    /// Structure elements already read: a tree that refers back to itself is read once.
    visited: BTreeSet<ObjectId>,
}

impl<'a> TreeBuilder<'a, '_> {
    /// Adds what one `/K` value holds to `parent`: child elements, and the text of marked content.
    fn add_kids(
        &mut self,
        parent: &mut Element,
        kids: &'a Object,
        page: Option<ObjectId>,
        depth: usize,
    ) {
        if depth > MAX_TREE_DEPTH {
            return;
        }
        match kids {
            Object::Array(items) => {
                for item in items {
                    self.add_kids(parent, item, page, depth + 1);
                }
            }
            Object::Integer(mcid) => self.add_text(parent, page, *mcid),
            Object::Reference(id) => {
                if !self.visited.insert(*id) {
                    return;
                }
                if let Ok(object) = self.audit.document.get_object(*id) {
                    self.add_kids(parent, object, page, depth + 1);
                }
            }
            Object::Dictionary(dict) => {
                if dict.has(b"S") {
                    let element = self.element(dict, page, depth);
                    if parent.page.is_none() {
                        parent.page = element.page;
                    }
                    parent.text.push_str(&element.text);
                    parent.children.push(element);
                } else if dict.has_type(b"MCR") {
                    let page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    if let Ok(mcid) = dict.get(b"MCID").and_then(Object::as_i64) {
                        self.add_text(parent, page, mcid);
                    }
                }
                // OBJR (annotations, XObjects) carry no text of their own here.
            }
            _ => {}
        }
    }

    fn element(&mut self, dict: &'a Dictionary, page: Option<ObjectId>, depth: usize) -> Element {
        let own_page = dict.get(b"Pg").and_then(Object::as_reference).ok();
        let page = own_page.or(page);
        let role = self.standard_role(dict.get(b"S").and_then(Object::as_name).unwrap_or(b""));
        let mut element = Element {
            role,
            page: own_page.and_then(|p| self.audit.page_numbers.get(&p).copied()),
            text: String::new(),
            children: Vec::new(),
        };
        if let Ok(kids) = dict.get(b"K") {
            self.add_kids(&mut element, kids, page, depth + 1);
        }
        if element.page.is_none() {
            element.page = page.and_then(|p| self.audit.page_numbers.get(&p).copied());
        }
        element
    }

    fn add_text(&self, element: &mut Element, page: Option<ObjectId>, mcid: i64) {
        let Some(page) = page else {
            return;
        };
        if element.page.is_none() {
            element.page = self.audit.page_numbers.get(&page).copied();
        }
        if let Some(text) = self.texts.get(&(page, mcid)) {
            element.text.push_str(text);
        }
    }

    /// The standard type a structure type stands for, following the role map.
    fn standard_role(&self, name: &[u8]) -> String {
        let mut name = name;
        for _ in 0..MAX_ROLE_MAP_HOPS {
            let mapped = self
                .role_map
                .and_then(|m| m.get(name).ok())
                .and_then(|o| o.as_name().ok());
            match mapped {
                Some(next) if next != name => name = next,
                _ => break,
            }
        }
        String::from_utf8_lossy(name).into_owned()
    }
}

/// The text one text-showing operator draws. In `TJ` arrays a large negative adjustment moves
/// the pen by a word space or more, so it becomes a space (as pdftotext reads it).
fn shown_text(operands: &[Object], encoding: Option<&Encoding>) -> String {
    /// Thousandths of an em; a typical word space is 250.
    const WORD_GAP: f32 = 200.0;
    let decode = |bytes: &[u8]| match encoding {
        Some(encoding) => Document::decode_text(encoding, bytes).unwrap_or_default(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    };
    let mut out = String::new();
    for operand in operands {
        match operand {
            Object::String(bytes, _) => out.push_str(&decode(bytes)),
            Object::Array(items) => {
                for item in items {
                    match item {
                        Object::String(bytes, _) => out.push_str(&decode(bytes)),
                        other => {
                            if other.as_float().is_ok_and(|gap| -gap > WORD_GAP) {
                                out.push(' ');
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The bullet or number an LBody's text starts with, if any.
fn list_label_at_start(text: &str) -> Option<String> {
    typed_list_marker(text)
}

/// ` "text"` for a message, or nothing when the element has no text.
fn quoted(text: &str) -> String {
    let text = excerpt(text);
    if text.is_empty() {
        String::new()
    } else {
        format!(" \"{text}\"")
    }
}

/// The text of an XMP property (element or attribute form) in namespace `ns`, if non-empty.
fn xmp_value(xmp: &str, ns: &str, name: &str) -> Option<String> {
    // An XMP packet starts with a processing instruction and may have padding after the root.
    let start = xmp.find("<x:xmpmeta").or_else(|| xmp.find("<rdf:RDF"))?;
    let end = xmp
        .rfind("</x:xmpmeta>")
        .map(|i| i + "</x:xmpmeta>".len())
        .or_else(|| xmp.rfind("</rdf:RDF>").map(|i| i + "</rdf:RDF>".len()))?;
    let document = roxmltree::Document::parse(xmp.get(start..end)?).ok()?;
    for node in document.descendants() {
        if let Some(value) = node.attribute((ns, name)) {
            let value = value.trim();
            if !value.is_empty() {
                return Some(value.to_owned());
            }
        }
        if node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name {
            let text: String = node
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            let text = text.trim();
            if !text.is_empty() {
                return Some(text.to_owned());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"%PDF-1.7\n",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF",
        ] {
            assert!(check(bytes).is_err());
        }
    }

    #[test]
    fn xmp_values_in_element_and_attribute_form() {
        let xmp = r#"<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Minutes</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
        assert_eq!(xmp_value(xmp, XMP_DC, "title").as_deref(), Some("Minutes"));
        assert_eq!(xmp_value(xmp, XMP_PDFUAID, "part").as_deref(), Some("1"));
    }
}
