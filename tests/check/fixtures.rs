//! The generator of `tests/fixtures/broken/`: one clean base document per format, and each
//! fixture is that base with exactly one defect seeded. The file name declares the defect: its
//! first two dash-separated parts are the rule id it must trip (`pdf-06-heading-skip.pdf` →
//! PDF-06). PDFs are built object by object with lopdf (structure tree by hand, a Type 3 font so
//! that nothing needs embedding), DOCX files as XML parts zipped with fixed timestamps, Markdown
//! and text as strings. `RAPPORTEUR_BLESS=1 cargo test check` rewrites the folder.

use std::io::{Cursor, Write};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

/// Every broken fixture: (file name, bytes).
pub fn broken() -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for defect in PdfDefect::ALL {
        all.push((format!("{}.pdf", defect.name()), pdf(Some(defect))));
    }
    for defect in DocxDefect::ALL {
        all.push((format!("{}.docx", defect.name()), docx(Some(defect))));
    }
    for (name, bytes) in markdown_fixtures() {
        all.push((format!("{name}.md"), bytes));
    }
    for (name, bytes) in text_fixtures() {
        all.push((format!("{name}.txt"), bytes));
    }
    all.sort();
    all
}

/// The clean bases, which must pass every rule: (kind name, bytes).
pub fn clean() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("pdf", pdf(None)),
        ("docx", docx(None)),
        ("md", MARKDOWN.as_bytes().to_vec()),
        ("txt", TEXT.as_bytes().to_vec()),
    ]
}

// ---------------------------------------------------------------------------------------------
// PDF

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PdfDefect {
    Untagged,
    NoLang,
    NoTitle,
    NoDisplayDocTitle,
    TwoH1,
    HeadingSkip,
    ListItemWithoutLBody,
    BulletInLBody,
    FontNotEmbedded,
    NoBookmarks,
    NoPdfUaId,
}

impl PdfDefect {
    const ALL: [PdfDefect; 11] = [
        PdfDefect::Untagged,
        PdfDefect::NoLang,
        PdfDefect::NoTitle,
        PdfDefect::NoDisplayDocTitle,
        PdfDefect::TwoH1,
        PdfDefect::HeadingSkip,
        PdfDefect::ListItemWithoutLBody,
        PdfDefect::BulletInLBody,
        PdfDefect::FontNotEmbedded,
        PdfDefect::NoBookmarks,
        PdfDefect::NoPdfUaId,
    ];

    fn name(self) -> &'static str {
        match self {
            PdfDefect::Untagged => "pdf-01-untagged",
            PdfDefect::NoLang => "pdf-02-no-lang",
            PdfDefect::NoTitle => "pdf-03-no-title",
            PdfDefect::NoDisplayDocTitle => "pdf-04-no-display-doc-title",
            PdfDefect::TwoH1 => "pdf-05-two-h1",
            PdfDefect::HeadingSkip => "pdf-06-heading-skip-h1-h3",
            PdfDefect::ListItemWithoutLBody => "pdf-07-list-item-without-lbody",
            PdfDefect::BulletInLBody => "pdf-08-bullet-in-lbody",
            PdfDefect::FontNotEmbedded => "pdf-09-font-not-embedded",
            PdfDefect::NoBookmarks => "pdf-10-no-bookmarks",
            PdfDefect::NoPdfUaId => "pdf-11-no-pdfua-identifier",
        }
    }
}

/// What the fixture PDF shows, in reading order.
enum PdfBlock {
    Heading(u8, &'static str),
    Paragraph(&'static str),
    /// Items: (label, body).
    List(Vec<(Option<&'static str>, &'static str)>),
}

const PDF_TITLE: &str = "Session report";

/// One page, tagged by hand: Document › H1, H2, P, L › LI › Lbl + LBody, H2, P.
fn pdf(defect: Option<PdfDefect>) -> Vec<u8> {
    use PdfBlock::*;
    let second_level = match defect {
        Some(PdfDefect::TwoH1) => 1,
        Some(PdfDefect::HeadingSkip) => 3,
        _ => 2,
    };
    let items = if defect == Some(PdfDefect::BulletInLBody) {
        vec![(None, "• First point"), (None, "• Second point")]
    } else {
        vec![(Some("•"), "First point"), (Some("•"), "Second point")]
    };
    let blocks = vec![
        Heading(1, PDF_TITLE),
        Heading(second_level, "Opening"),
        Paragraph("We met in May."),
        List(items),
        Heading(2, "Closing"),
        Paragraph("We parted."),
    ];

    let mut pdf = PdfWriter::new(defect);
    let document_element = pdf.doc.new_object_id();
    let mut kids = Vec::new();
    for block in &blocks {
        kids.push(Object::Reference(pdf.block(block, document_element)));
    }
    pdf.set(
        document_element,
        dictionary! {
            "Type" => "StructElem", "S" => "Document", "P" => Object::Reference(pdf.tree_root),
            "K" => kids,
        },
    );
    pdf.finish(document_element)
}

struct PdfWriter {
    doc: Document,
    defect: Option<PdfDefect>,
    page: ObjectId,
    tree_root: ObjectId,
    content: String,
    /// The structure element of each MCID, in MCID order: the page's parent tree.
    parents: Vec<ObjectId>,
    /// Baseline of the next line, in points from the bottom of an A4 page.
    y: i64,
    /// Heading texts, in order: one bookmark each.
    headings: Vec<String>,
}

impl PdfWriter {
    fn new(defect: Option<PdfDefect>) -> Self {
        let mut doc = Document::with_version("1.7");
        let page = doc.new_object_id();
        let tree_root = doc.new_object_id();
        PdfWriter {
            doc,
            defect,
            page,
            tree_root,
            content: String::new(),
            parents: Vec::new(),
            y: 780,
            headings: Vec::new(),
        }
    }

    fn set(&mut self, id: ObjectId, dict: Dictionary) {
        self.doc.objects.insert(id, Object::Dictionary(dict));
    }

    /// A structure element whose content is one line of text.
    fn leaf(&mut self, role: &str, text: &str, parent: ObjectId) -> ObjectId {
        let id = self.doc.new_object_id();
        let mcid = self.parents.len() as i64;
        self.parents.push(id);
        self.content.push_str(&format!(
            "BT /F1 12 Tf 72 {} Td /{role} <</MCID {mcid}>> BDC <{}> Tj EMC ET\n",
            self.y,
            hex(&encode(text))
        ));
        self.y -= 20;
        self.set(
            id,
            dictionary! {
                "Type" => "StructElem", "S" => role, "P" => Object::Reference(parent),
                "Pg" => Object::Reference(self.page), "K" => mcid,
            },
        );
        id
    }

    fn block(&mut self, block: &PdfBlock, parent: ObjectId) -> ObjectId {
        match block {
            PdfBlock::Heading(level, text) => {
                self.headings.push(text.to_string());
                self.leaf(&format!("H{level}"), text, parent)
            }
            PdfBlock::Paragraph(text) => self.leaf("P", text, parent),
            PdfBlock::List(items) => {
                let list = self.doc.new_object_id();
                let mut item_ids = Vec::new();
                for (label, body) in items {
                    let item = self.doc.new_object_id();
                    let mut parts = Vec::new();
                    if let Some(label) = label {
                        parts.push(Object::Reference(self.leaf("Lbl", label, item)));
                    }
                    let body_role = if self.defect == Some(PdfDefect::ListItemWithoutLBody) {
                        "P"
                    } else {
                        "LBody"
                    };
                    parts.push(Object::Reference(self.leaf(body_role, body, item)));
                    self.set(
                        item,
                        dictionary! {
                            "Type" => "StructElem", "S" => "LI", "P" => Object::Reference(list),
                            "Pg" => Object::Reference(self.page), "K" => parts,
                        },
                    );
                    item_ids.push(Object::Reference(item));
                }
                self.set(
                    list,
                    dictionary! {
                        "Type" => "StructElem", "S" => "L", "P" => Object::Reference(parent),
                        "Pg" => Object::Reference(self.page), "K" => item_ids,
                    },
                );
                list
            }
        }
    }

    fn finish(mut self, document_element: ObjectId) -> Vec<u8> {
        let defect = self.defect;

        let font = self.font();
        let content = self.doc.add_object(Stream::new(
            Dictionary::new(),
            std::mem::take(&mut self.content).into_bytes(),
        ));
        let pages = self.doc.new_object_id();
        let parents: Vec<Object> = self
            .parents
            .iter()
            .map(|id| Object::Reference(*id))
            .collect();
        let parent_tree = self
            .doc
            .add_object(dictionary! { "Nums" => vec![0.into(), Object::Array(parents)] });
        self.set(
            self.page,
            dictionary! {
                "Type" => "Page", "Parent" => Object::Reference(pages),
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => Object::Reference(font) } },
                "Contents" => Object::Reference(content), "StructParents" => 0, "Tabs" => "S",
            },
        );
        self.set(
            pages,
            dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference(self.page)], "Count" => 1 },
        );
        self.set(
            self.tree_root,
            dictionary! {
                "Type" => "StructTreeRoot", "K" => Object::Reference(document_element),
                "ParentTree" => Object::Reference(parent_tree), "ParentTreeNextKey" => 1,
            },
        );

        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => Object::Reference(pages) };
        if defect != Some(PdfDefect::Untagged) {
            catalog.set("MarkInfo", dictionary! { "Marked" => true });
            catalog.set("StructTreeRoot", Object::Reference(self.tree_root));
        }
        if defect != Some(PdfDefect::NoLang) {
            catalog.set("Lang", Object::string_literal("en-GB"));
        }
        if defect != Some(PdfDefect::NoDisplayDocTitle) {
            catalog.set(
                "ViewerPreferences",
                dictionary! { "DisplayDocTitle" => true },
            );
        }
        if defect != Some(PdfDefect::NoBookmarks) {
            let outlines = self.outlines();
            catalog.set("Outlines", Object::Reference(outlines));
        }
        let metadata = self.doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            xmp(
                (defect != Some(PdfDefect::NoTitle)).then_some(PDF_TITLE),
                defect != Some(PdfDefect::NoPdfUaId),
            )
            .into_bytes(),
        ));
        catalog.set("Metadata", Object::Reference(metadata));
        let catalog = self.doc.add_object(catalog);
        let mut info =
            dictionary! { "Producer" => Object::string_literal("rapporteur test fixtures") };
        if defect != Some(PdfDefect::NoTitle) {
            info.set("Title", Object::string_literal(PDF_TITLE));
        }
        let info = self.doc.add_object(info);
        self.doc.trailer.set("Root", Object::Reference(catalog));
        self.doc.trailer.set("Info", Object::Reference(info));
        let mut bytes = Vec::new();
        self.doc.save_to(&mut bytes).unwrap();
        bytes
    }

    /// A Type 3 font (glyphs drawn by the file itself, so there is no font program to embed)
    /// whose encoding names every character the fixtures show; or, for the font defect, the
    /// standard Helvetica, which viewers substitute because it is not embedded.
    fn font(&mut self) -> ObjectId {
        if self.defect == Some(PdfDefect::FontNotEmbedded) {
            return self.doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding",
            });
        }
        // Every glyph is a blank 500-unit advance: the checks read text, not shapes.
        let glyph = self
            .doc
            .add_object(Stream::new(Dictionary::new(), b"500 0 d0".to_vec()));
        let mut differences = Vec::new();
        let mut procs = Dictionary::new();
        for code in 32u8..=149 {
            if let Some(name) = glyph_name(code) {
                differences.push(Object::Integer(code.into()));
                differences.push(Object::Name(name.clone().into_bytes()));
                procs.set(name, Object::Reference(glyph));
            }
        }
        let widths: Vec<Object> = (32..=149).map(|_| Object::Integer(500)).collect();
        self.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type3",
            "FontBBox" => vec![0.into(), 0.into(), 500.into(), 700.into()],
            "FontMatrix" => vec![0.001f32.into(), 0.into(), 0.into(), 0.001f32.into(), 0.into(), 0.into()],
            "CharProcs" => procs,
            "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => differences },
            "FirstChar" => 32, "LastChar" => 149, "Widths" => widths,
            "Resources" => Dictionary::new(),
        })
    }

    /// One bookmark per heading, all at the top level, each opening the page.
    fn outlines(&mut self) -> ObjectId {
        let root = self.doc.new_object_id();
        let ids: Vec<ObjectId> = self
            .headings
            .iter()
            .map(|_| self.doc.new_object_id())
            .collect();
        for (index, (id, title)) in ids.iter().zip(self.headings.clone()).enumerate() {
            let mut item = dictionary! {
                "Title" => Object::string_literal(title), "Parent" => Object::Reference(root),
                "Dest" => vec![Object::Reference(self.page), "Fit".into()],
            };
            if index > 0 {
                item.set("Prev", Object::Reference(ids[index - 1]));
            }
            if let Some(next) = ids.get(index + 1) {
                item.set("Next", Object::Reference(*next));
            }
            self.set(*id, item);
        }
        self.set(
            root,
            dictionary! {
                "Type" => "Outlines", "First" => Object::Reference(ids[0]),
                "Last" => Object::Reference(ids[ids.len() - 1]), "Count" => ids.len() as i64,
            },
        );
        root
    }
}

/// The fixture texts' characters: ASCII letters, digits, space and full stop; 149 is the
/// bullet, as in WinAnsiEncoding.
fn glyph_name(code: u8) -> Option<String> {
    const DIGITS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    match code {
        b' ' => Some("space".into()),
        b'.' => Some("period".into()),
        b'0'..=b'9' => Some(DIGITS[usize::from(code - b'0')].into()),
        b'A'..=b'Z' | b'a'..=b'z' => Some(char::from(code).to_string()),
        149 => Some("bullet".into()),
        _ => None,
    }
}

fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| if c == '•' { 149 } else { c as u8 })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn xmp(title: Option<&str>, pdf_ua: bool) -> String {
    let title = title
        .map(|t| {
            format!(
                "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{t}</rdf:li></rdf:Alt></dc:title>"
            )
        })
        .unwrap_or_default();
    let part = if pdf_ua {
        "<pdfuaid:part>1</pdfuaid:part>"
    } else {
        ""
    };
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">{title}{part}</rdf:Description>\
</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

// ---------------------------------------------------------------------------------------------
// DOCX

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocxDefect {
    NoTitle,
    NoLang,
    BoldAsHeading,
    SecondHeading1,
    HeadingSkip,
    TypedBullets,
    EmptyParagraphs,
    TableWithoutHeader,
    ClickHereLink,
}

impl DocxDefect {
    const ALL: [DocxDefect; 9] = [
        DocxDefect::NoTitle,
        DocxDefect::NoLang,
        DocxDefect::BoldAsHeading,
        DocxDefect::SecondHeading1,
        DocxDefect::HeadingSkip,
        DocxDefect::TypedBullets,
        DocxDefect::EmptyParagraphs,
        DocxDefect::TableWithoutHeader,
        DocxDefect::ClickHereLink,
    ];

    fn name(self) -> &'static str {
        match self {
            DocxDefect::NoTitle => "docx-01-no-title",
            DocxDefect::NoLang => "docx-02-no-lang",
            DocxDefect::BoldAsHeading => "docx-03-bold-paragraph-as-heading",
            DocxDefect::SecondHeading1 => "docx-04-second-heading-1",
            DocxDefect::HeadingSkip => "docx-05-heading-skip",
            DocxDefect::TypedBullets => "docx-06-typed-bullets",
            DocxDefect::EmptyParagraphs => "docx-07-empty-paragraphs-for-spacing",
            DocxDefect::TableWithoutHeader => "docx-08-table-without-header-row",
            DocxDefect::ClickHereLink => "docx-09-click-here-link",
        }
    }
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn heading(level: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn paragraph(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn list_item(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn table(header: bool) -> String {
    let header_flag = if header {
        "<w:trPr><w:tblHeader/></w:trPr>"
    } else {
        ""
    };
    let cell = |text: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
            paragraph(text)
        )
    };
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr>{header_flag}{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>"#,
        cell("Name"),
        cell("Role"),
        cell("Ana Silva"),
        cell("Chair")
    )
}

fn link_paragraph(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">The agenda is on </w:t></w:r><w:hyperlink r:id="rId3"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{text}</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>"#
    )
}

fn docx(defect: Option<DocxDefect>) -> Vec<u8> {
    let second_level = match defect {
        Some(DocxDefect::SecondHeading1) => 1,
        Some(DocxDefect::HeadingSkip) => 3,
        _ => 2,
    };
    let mut body = vec![
        heading(1, "Session report"),
        paragraph("We met in May."),
        heading(second_level, "Opening"),
    ];
    if defect == Some(DocxDefect::TypedBullets) {
        body.push(paragraph("• First point"));
        body.push(paragraph("• Second point"));
    } else {
        body.push(list_item("First point"));
        body.push(list_item("Second point"));
    }
    if defect == Some(DocxDefect::EmptyParagraphs) {
        body.push("<w:p/>".into());
        body.push("<w:p/>".into());
    }
    body.push(table(defect != Some(DocxDefect::TableWithoutHeader)));
    body.push(link_paragraph(
        if defect == Some(DocxDefect::ClickHereLink) {
            "click here"
        } else {
            "the conference programme page"
        },
    ));
    if defect == Some(DocxDefect::BoldAsHeading) {
        body.push(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Closing</w:t></w:r></w:p>"#.into());
    } else {
        body.push(heading(2, "Closing"));
    }
    body.push(paragraph("We parted."));
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
        body.concat()
    );

    let language = if defect == Some(DocxDefect::NoLang) {
        String::new()
    } else {
        r#"<w:lang w:val="en-GB"/>"#.to_owned()
    };
    let heading_style = |level: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
            level - 1
        )
    };
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{language}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>"#,
        heading_style(1),
        heading_style(2),
        heading_style(3)
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let title = if defect == Some(DocxDefect::NoTitle) {
        String::new()
    } else {
        "<dc:title>Session report</dc:title>".to_owned()
    };
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{title}<dc:language>en-GB</dc:language></cp:coreProperties>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;
    let package_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;
    let document_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/programme" TargetMode="External"/></Relationships>"#;

    let parts: [(&str, &str); 7] = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", package_rels),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", document_rels),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &numbering),
        ("docProps/core.xml", &core),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Fixed times, so regenerating gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------------
// Markdown and text

/// The shape our Markdown renderer writes.
const MARKDOWN: &str = "---\ntitle: \"Session report\"\ndate: \"2024-05-01\"\nlang: \"en-GB\"\n---\n\n\
# Session report\n\n- **Date:** 1 May 2024\n- **Moderator:** Ana Silva\n\n## Opening\n\n\
**Ana Silva:** We met in May.\n\n- First point\n- Second point\n\n\
The agenda is on [the conference programme page](https://example.org/programme).\n\n\
## Closing\n\nWe parted.\n";

fn markdown_fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let seeded = |name, from: &str, to: &str| {
        assert!(
            MARKDOWN.contains(from),
            "{name}: {from:?} is not in the base"
        );
        (name, MARKDOWN.replacen(from, to, 1).into_bytes())
    };
    vec![
        seeded("md-01-no-lang-in-front-matter", "lang: \"en-GB\"\n", ""),
        seeded("md-02-two-h1", "## Opening", "# Opening"),
        seeded("md-03-heading-skip", "## Opening", "### Opening"),
        seeded("md-04-bold-as-heading", "## Closing", "**Closing**"),
        seeded("md-05-raw-html", "We parted.", "We <b>parted</b>."),
        seeded(
            "md-06-typed-bullets",
            "- First point\n- Second point",
            "• First point\n• Second point",
        ),
        seeded("md-07-image-without-alt", "We parted.", "![](photo.jpg)"),
        seeded(
            "md-08-bare-url-link",
            "[the conference programme page](https://example.org/programme)",
            "<https://example.org/programme>",
        ),
    ]
}

/// The shape our text renderer writes.
const TEXT: &str = "# Session report\n\nDate: 1 May 2024\nModerator: Ana Silva\nLanguage: en-GB\n\
Format: Headings start with # signs, more signs for a lower level; list items start with a dash or a number.\n\n\
## Opening\n\nAna Silva: We met in May.\n\n- First point\n- Second point\n\n\
The agenda is on the conference programme page (https://example.org/programme).\n\n\
## Closing\n\nWe parted.\n";

fn text_fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let seeded = |name, from: &str, to: &str| {
        assert!(TEXT.contains(from), "{name}: {from:?} is not in the base");
        (name, TEXT.replacen(from, to, 1).into_bytes())
    };
    let mut invalid = TEXT.as_bytes().to_vec();
    let at = TEXT.find("parted").unwrap();
    invalid.splice(at..at, [0xFF]);
    vec![
        ("txt-01-invalid-utf8", invalid),
        seeded(
            "txt-02-not-nfc",
            "We parted.",
            "We parted at the cafe\u{301}.",
        ),
        (
            "txt-03-crlf-line-endings",
            TEXT.replace('\n', "\r\n").into_bytes(),
        ),
        (
            "txt-04-no-final-newline",
            TEXT.trim_end().as_bytes().to_vec(),
        ),
        seeded("txt-05-tabs", "Ana Silva: We met", "Ana Silva:\tWe met"),
        seeded("txt-06-emoji", "We parted.", "We parted. 👋"),
        seeded(
            "txt-07-double-blank-lines",
            "\n\n## Closing",
            "\n\n\n## Closing",
        ),
        seeded("txt-08-no-title-line", "# Session report", "Session report"),
        seeded(
            "txt-09-no-metadata-lines",
            "Date: 1 May 2024\nModerator: Ana Silva\nLanguage: en-GB\n",
            "Notes taken on 1 May 2024 by Ana Silva in English.\n",
        ),
        seeded(
            "txt-10-heading-not-on-its-own-line",
            "## Opening\n\n",
            "## Opening\n",
        ),
        seeded("txt-11-heading-skip", "## Opening", "### Opening"),
        seeded(
            "txt-12-heading-ends-with-colon",
            "## Closing",
            "## Closing:",
        ),
        seeded(
            "txt-13-ascii-art-rule",
            "We parted.",
            "We parted.\n\n==========",
        ),
        seeded(
            "txt-14-typed-bullets",
            "- First point\n- Second point",
            "• First point\n• Second point",
        ),
    ]
}
