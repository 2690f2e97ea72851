//! DOCX renderer (placeholder until the docx-rs writer lands).

use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::RenderError;
use crate::model::Session;

/// Writes a Word document.
pub struct Docx;

impl Renderer for Docx {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, _session: &Session, _cx: &RenderContext) -> Result<Rendered, RenderError> {
        Err(RenderError::Failed {
            format: "docx",
            reason: "not implemented yet".into(),
        })
    }
}
