//! Reads a model in our own JSON schema ("rapporteur/session/v1"); clean and extract are skipped,
//! so a model read back renders exactly the outputs of the original.

use super::{Input, Read, Reader};
use crate::error::{IngestError, Warning};
use crate::model::{SCHEMA, Session};

/// The JSON reader.
pub struct Json;

impl Reader for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn sniff(&self, head: &[u8]) -> bool {
        let text = String::from_utf8_lossy(head);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        trimmed.starts_with('{') && trimmed.contains(SCHEMA)
    }

    fn read(&self, input: &Input, _warnings: &mut Vec<Warning>) -> Result<Read, IngestError> {
        let malformed = |reason: String| IngestError::Malformed {
            format: "json",
            reason,
        };
        let bytes = input
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(input.bytes);
        let session: Session =
            serde_json::from_slice(bytes).map_err(|e| malformed(e.to_string()))?;
        if session.schema != SCHEMA {
            return Err(malformed(format!(
                "schema {:?} is not {SCHEMA:?}",
                session.schema
            )));
        }
        Ok(Read::Model(Box::new(session)))
    }
}
