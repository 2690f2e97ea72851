//! JSON renderer: the model itself, pretty-printed with serde_json, ending in a newline.
//!
//! Field order is the struct order, so the bytes are stable. Checked by the JSON round-trip test
//! (read back, render again, same bytes) and by `../shared/eval/score.py`, which reads it.

use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::RenderError;
use crate::model::Session;

/// Writes the model as JSON.
pub struct Json;

impl Renderer for Json {
    fn format(&self) -> Format {
        Format::Json
    }

    fn render(&self, session: &Session, _cx: &RenderContext) -> Result<Rendered, RenderError> {
        let mut bytes = serde_json::to_vec_pretty(session).map_err(|e| RenderError::Failed {
            format: "json",
            reason: e.to_string(),
        })?;
        bytes.push(b'\n');
        Ok(Rendered::clean(bytes))
    }
}
