//! placeholder

use super::{Format, RenderContext, Rendered, Renderer};
use crate::error::RenderError;
use crate::model::Session;

/// placeholder
pub struct Text;

impl Renderer for Text {
    fn format(&self) -> Format {
        Format::Txt
    }

    fn render(&self, _session: &Session, _cx: &RenderContext) -> Result<Rendered, RenderError> {
        Ok(Rendered::clean(Vec::new()))
    }
}
