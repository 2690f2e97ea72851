//! Ingest: bytes → text → [`RawDoc`]. One reader per input format, chosen by `--from`, by
//! sniffing the first bytes, or by the file extension, with plain text as the fallback.
//!
//! Readers keep every word they see; dropping boilerplate is `clean`'s job and finding people,
//! questions and sections is `extract`'s.

pub mod decode;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::error::{IngestError, Warning};
use crate::model::Session;
use crate::model::raw::RawDoc;

/// One document to read.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The document's bytes.
    pub bytes: &'a [u8],
    /// Its path or archive entry, for the extension and the model's `source.path`.
    pub path: Option<&'a str>,
}

/// Options that change how documents are read, and the document's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// The document's path or archive entry: recorded as `source.path`, and its extension picks
    /// the reader when the content does not say which format it is.
    pub source_path: Option<String>,
    /// Force a reader by name ("text", "json"); sniffing decides otherwise.
    pub from: Option<String>,
    /// Inputs larger than this many bytes are refused.
    pub max_bytes: u64,
    /// Run the boilerplate rules but keep what they match (still reported in `removed`).
    pub keep_boilerplate: bool,
}

/// The default size limit for one document: 50 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            source_path: None,
            from: None,
            max_bytes: DEFAULT_MAX_BYTES,
            keep_boilerplate: false,
        }
    }
}

impl IngestOptions {
    /// Default options for a document with this path or name.
    pub fn named(path: impl Into<String>) -> Self {
        IngestOptions {
            source_path: Some(path.into()),
            ..IngestOptions::default()
        }
    }
}

/// What a reader produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// A document to clean and extract.
    Raw(RawDoc),
    /// A model in our own schema: clean and extract are skipped.
    Model(Box<Session>),
}

/// A reader for one input format. Must not panic on any bytes.
pub trait Reader: Sync {
    /// The `--from` name and `source.format` value.
    fn name(&self) -> &'static str;
    /// File extensions (lower case, no dot) used when sniffing is inconclusive.
    fn extensions(&self) -> &'static [&'static str];
    /// True when the first bytes show this format unambiguously.
    fn sniff(&self, head: &[u8]) -> bool;
    /// Reads the document.
    fn read(&self, input: &Input, warnings: &mut Vec<Warning>) -> Result<Read, IngestError>;
}

/// Every reader, most specific first; plain text is the fallback.
pub static READERS: &[&dyn Reader] = &[
    &docx::DocxReader,
    &html::HtmlReader,
    &json::Json,
    &markdown::Markdown,
    &text::Text,
];

/// Chooses the reader for an input.
pub fn detect(input: &Input, from: Option<&str>) -> Result<&'static dyn Reader, IngestError> {
    if let Some(name) = from {
        let wanted = match name {
            "txt" | "plain" => "text",
            "markdown" => "md",
            other => other,
        };
        return READERS
            .iter()
            .copied()
            .find(|r| r.name() == wanted)
            .ok_or_else(|| IngestError::UnknownFormat(name.to_owned()));
    }
    let head = &input.bytes[..input.bytes.len().min(4096)];
    if let Some(reader) = READERS.iter().copied().find(|r| r.sniff(head)) {
        return Ok(reader);
    }
    let extension = input
        .path
        .and_then(|p| p.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase());
    if let Some(ext) = extension
        && let Some(reader) = READERS
            .iter()
            .copied()
            .find(|r| r.extensions().contains(&ext.as_str()))
    {
        return Ok(reader);
    }
    Ok(&text::Text)
}
