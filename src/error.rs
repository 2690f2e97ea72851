//! Typed errors of each stage and the warnings returned beside results.
//!
//! A stage error says *what* went wrong; `batch` adds *where* (the document's origin); the CLI
//! renders both for humans.

use thiserror::Error;

/// Why a document could not be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// The bytes are not text (a NUL or other binary byte was found).
    #[error("not a text document (binary data at byte {offset})")]
    NotText {
        /// Offset of the first binary byte.
        offset: usize,
    },
    /// The input holds no text at all.
    #[error("empty document (no text)")]
    Empty,
    /// The input is larger than the configured limit.
    #[error("{size} bytes is over the {limit}-byte limit (--max-bytes)")]
    TooLarge {
        /// The input's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes are text in an encoding that cannot be decoded.
    #[error("text in an unsupported encoding ({0})")]
    Encoding(String),
    /// The document was recognised but its structure is broken.
    #[error("malformed {format} document: {reason}")]
    Malformed {
        /// The reader's name.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// `--from` named a reader that does not exist.
    #[error("unknown input format {0:?} (try: text, md, html, docx, json)")]
    UnknownFormat(String),
    /// No title could be found in the document.
    #[error("no title found (the document has no content line)")]
    NoTitle,
}

/// Why a renderer could not produce its output.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The renderer's library reported a failure.
    #[error("{format} rendering failed: {reason}")]
    Failed {
        /// The renderer's name.
        format: &'static str,
        /// The library's message.
        reason: String,
    },
    /// A font could not be loaded or lacks needed glyphs.
    #[error("font problem: {0}")]
    Font(String),
}

/// Why a style could not be used.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum StyleError {
    /// The style's TOML does not parse or has an unknown or mistyped key.
    #[error("style {origin}: {reason}")]
    Invalid {
        /// The file or built-in name.
        origin: String,
        /// The parser's message, naming the key.
        reason: String,
    },
    /// No built-in style has that name.
    #[error("unknown style {0:?} (built-in: default, large-print, high-contrast; or a .toml path)")]
    UnknownStyle(String),
    /// A value is out of its allowed range.
    #[error("style {origin}: {key} {reason}")]
    OutOfRange {
        /// The file or built-in name.
        origin: String,
        /// The key.
        key: &'static str,
        /// What the allowed range is.
        reason: String,
    },
}

/// Something a stage noticed and worked around; reported, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The text was not UTF-8 and was decoded as this encoding.
    DecodedAs {
        /// The encoding used.
        encoding: &'static str,
    },
    /// Any other note from a stage.
    Note(String),
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::DecodedAs { encoding } => write!(f, "not UTF-8; decoded as {encoding}"),
            Warning::Note(note) => f.write_str(note),
        }
    }
}
