//! Extract: a cleaned [`RawDoc`] → [`Session`]: title, people, questions, sections and key points.

use crate::clean::Cleaned;
use crate::error::IngestError;
use crate::model::raw::RawKind;
use crate::model::{Block, Section, Session, Source};

/// Builds the session from a cleaned document.
pub fn extract(cleaned: Cleaned, source: Source) -> Result<Session, IngestError> {
    let mut lines = cleaned
        .doc
        .blocks
        .into_iter()
        .filter(|b| !b.text.is_empty());
    let title = lines.next().ok_or(IngestError::NoTitle)?;
    let mut session = Session::new(title.text, source);
    let blocks = lines
        .map(|b| match b.kind {
            RawKind::Quote => Block::Quote {
                text: b.text,
                speaker: None,
            },
            _ => Block::Paragraph {
                text: b.text,
                speaker: None,
            },
        })
        .collect::<Vec<_>>();
    if !blocks.is_empty() {
        session.sections.push(Section {
            heading: None,
            level: 1,
            blocks,
        });
    }
    session.removed = cleaned.removed;
    Ok(session)
}
