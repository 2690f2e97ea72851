//! PDF renderer (placeholder until the krilla writer lands).

use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::RenderError;
use crate::model::Session;

/// Writes a tagged PDF.
pub struct Pdf;

impl Renderer for Pdf {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn render(&self, _session: &Session, _cx: &RenderContext) -> Result<Rendered, RenderError> {
        Err(RenderError::Failed {
            format: "pdf",
            reason: "not implemented yet".into(),
        })
    }
}
