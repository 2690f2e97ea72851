//! DOCX reader (docx-rs): paragraphs by style — Title and Heading 1–6 become headings, numbered
//! paragraphs list items, Quote styles quotes — and tables linearised row by row.

use docx_rs::{
    DocumentChild, Paragraph, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild,
};

use super::{Input, Read, Reader, text::normalise_whitespace};
use crate::error::{IngestError, Warning};
use crate::model::raw::{RawBlock, RawDoc, RawKind};

/// The DOCX reader.
pub struct DocxReader;

impl Reader for DocxReader {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["docx"]
    }

    fn sniff(&self, head: &[u8]) -> bool {
        head.starts_with(b"PK\x03\x04") && head.windows(5).any(|w| w == b"word/")
    }

    fn read(&self, input: &Input, _warnings: &mut Vec<Warning>) -> Result<Read, IngestError> {
        // docx-rs can panic on some malformed packages; a reader must not, so contain it.
        let parsed = std::panic::catch_unwind(|| docx_rs::read_docx(input.bytes));
        let docx = match parsed {
            Ok(Ok(docx)) => docx,
            Ok(Err(e)) => {
                return Err(IngestError::Malformed {
                    format: "docx",
                    reason: e.to_string(),
                });
            }
            Err(_) => {
                return Err(IngestError::Malformed {
                    format: "docx",
                    reason: "unreadable package".into(),
                });
            }
        };
        let mut doc = RawDoc::default();
        for (index, child) in docx.document.children.iter().enumerate() {
            match child {
                DocumentChild::Paragraph(paragraph) => {
                    push_paragraph(&mut doc, paragraph, index + 1)
                }
                DocumentChild::Table(table) => {
                    for row in &table.rows {
                        let TableChild::TableRow(row) = row;
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|TableRowChild::TableCell(cell)| {
                                cell.children
                                    .iter()
                                    .filter_map(|c| match c {
                                        TableCellContent::Paragraph(p) => Some(paragraph_text(p)),
                                        _ => None,
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect();
                        let text = normalise_whitespace(&cells.join("; "));
                        if !text.is_empty() {
                            doc.blocks
                                .push(RawBlock::new(RawKind::Paragraph, text, index + 1));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Read::Raw(doc))
    }
}

fn push_paragraph(doc: &mut RawDoc, paragraph: &Paragraph, line: usize) {
    let text = normalise_whitespace(&paragraph_text(paragraph));
    if text.is_empty() {
        return;
    }
    let style = paragraph
        .property
        .style
        .as_ref()
        .map(|s| s.val.to_ascii_lowercase().replace([' ', '-', '_'], ""))
        .unwrap_or_default();
    let kind = if style == "title" {
        RawKind::Heading(1)
    } else if let Some(level) = style
        .strip_prefix("heading")
        .and_then(|l| l.parse::<u8>().ok())
    {
        RawKind::Heading(level.clamp(1, 6))
    } else if style.contains("quote") {
        RawKind::Quote
    } else if paragraph.property.numbering_property.is_some() || style.starts_with("listparagraph")
    {
        RawKind::ListItem { ordered: false }
    } else {
        RawKind::Paragraph
    };
    doc.blocks.push(RawBlock::new(kind, text, line));
}

fn paragraph_text(paragraph: &Paragraph) -> String {
    let mut out = String::new();
    for child in &paragraph.children {
        child_text(child, &mut out);
    }
    out
}

fn child_text(child: &ParagraphChild, out: &mut String) {
    match child {
        ParagraphChild::Run(run) => {
            for piece in &run.children {
                match piece {
                    RunChild::Text(t) => out.push_str(&t.text),
                    RunChild::Tab(_) | RunChild::Break(_) => out.push(' '),
                    _ => {}
                }
            }
        }
        ParagraphChild::Hyperlink(link) => {
            for inner in &link.children {
                child_text(inner, out);
            }
        }
        ParagraphChild::Insert(insert) => {
            for inner in &insert.children {
                if let docx_rs::InsertChild::Run(run) = inner {
                    child_text(&ParagraphChild::Run(run.clone()), out);
                }
            }
        }
        _ => {}
    }
}
