//! Rapporteur: normalise session documents into one model and render it to PDF, DOCX, Markdown,
//! accessible plain text and JSON.
//!
//! The flow runs one way: [`ingest`] (bytes → raw blocks) → [`clean`] (drop boilerplate, saying
//! why) → [`extract`] (people, questions, sections, key points) → [`model::Session`] →
//! [`render`](mod@render) (one renderer per format, in parallel). Only [`batch`] touches the file system.
//!
//! ```
//! use rapporteur::{normalise, render, Format, IngestOptions, RenderContext, Style, FontSet};
//!
//! let text = "Opening the archive\n\nModerator: Ana Silva, Chair, Example Org\n\nWe met.\n";
//! let session = normalise(text.as_bytes(), &IngestOptions::named("notes.txt"))?;
//! assert_eq!(session.title, "Opening the archive");
//!
//! let style = Style::built_in("default")?;
//! let fonts = FontSet::embedded();
//! let cx = RenderContext { style: &style, fonts: &fonts, timestamp: 0, wrap: None };
//! let markdown = render(&session, Format::Md, &cx)?.bytes;
//! assert!(String::from_utf8(markdown)?.contains("# Opening the archive"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod batch;
pub mod check;
pub mod clean;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod render;
pub mod style;

pub use error::{IngestError, RenderError, StyleError, Warning};
pub use ingest::IngestOptions;
pub use model::Session;
pub use render::{Format, RenderContext, Rendered, render, render_all};
pub use style::{FontSet, Style};

use sha2::{Digest, Sha256};

/// Reads one document's bytes into the model: the right reader, then the boilerplate rules, then
/// extraction. `options.source_path` is recorded as the source and, when the content does not
/// say which format it is, its extension picks the reader.
///
/// ```
/// use rapporteur::{normalise, IngestOptions};
///
/// let page = "Opening session\n\nModerator: Ana Silva, Chair, Example Org\n\nWe met.\n";
/// let session = normalise(page.as_bytes(), &IngestOptions::named("opening.txt"))?;
/// assert_eq!(session.source.path.as_deref(), Some("opening.txt"));
/// assert_eq!(session.source.format, "text");
///
/// let binary = normalise(b"GIF89a\x01\x00", &IngestOptions::default());
/// assert!(binary.is_err());
/// # Ok::<(), rapporteur::IngestError>(())
/// ```
pub fn normalise(bytes: &[u8], options: &IngestOptions) -> Result<Session, IngestError> {
    let path = options.source_path.as_deref();
    if bytes.len() as u64 > options.max_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: options.max_bytes,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let input = ingest::Input { bytes, path };
    let reader = ingest::detect(&input, options.from.as_deref())?;
    let mut warnings = Vec::new();
    let raw = match reader.read(&input, &mut warnings)? {
        ingest::Read::Model(session) => return Ok(*session),
        ingest::Read::Raw(raw) => raw,
    };
    let source = model::Source {
        path: path.map(str::to_owned),
        format: reader.name().to_owned(),
        sha256: sha256_hex(bytes),
    };
    let cleaned = clean::clean(raw, options.keep_boilerplate);
    let mut session = extract::extract(cleaned, source)?;
    session
        .warnings
        .extend(warnings.iter().map(ToString::to_string));
    debug_assert!(
        model::validate::validate(&session).is_empty(),
        "model invariants broken: {:?}",
        model::validate::validate(&session)
    );
    Ok(session)
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
