//! Document metadata: title, language, tool names, dates and the document ID.
//!
//! PDF/UA-1 7.1 requires the title in the XMP metadata (dc:title) and shown by viewers; 7.2 wants
//! the language on the catalog. Dates come from `RenderContext::timestamp`, never the clock, and
//! the document ID is a hash of the session, so the same session gives the same bytes.

use krilla::metadata::{DateTime, Metadata};

use crate::model::Session;
use crate::render::Timestamp;

/// The name written as creator and producer.
const TOOL: &str = "Rapporteur";

/// The metadata for a session rendered at `timestamp`.
pub(crate) fn metadata(session: &Session, timestamp: Timestamp) -> Metadata {
    let mut metadata = Metadata::new()
        .title(session.title.clone())
        .language(session.language.clone())
        .creator(TOOL.to_owned())
        .producer(TOOL.to_owned())
        .creation_date(date_time(timestamp))
        .document_id(document_id(session));
    if let Some(subtitle) = session.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        metadata = metadata.description(subtitle.to_owned());
    }
    metadata
}

/// A hash of the session's JSON: the same content gives the same `/ID`, different content a
/// different one (ARCHITECTURE.md §8).
fn document_id(session: &Session) -> String {
    // Serialising plain data with string keys cannot fail; fall back to the title if it ever did.
    let json = serde_json::to_vec(session).unwrap_or_else(|_| session.title.clone().into_bytes());
    crate::sha256_hex(&json)
}

/// A UTC date and time from seconds since the Unix epoch.
fn date_time(timestamp: Timestamp) -> DateTime {
    let (year, month, day, hour, minute, second) = crate::render::civil(timestamp);
    // PDF dates have four-digit years; anything outside is clamped rather than wrapped.
    let year = u16::try_from(year.clamp(0, 9999)).unwrap_or(9999);
    DateTime::new(year)
        .month(month)
        .day(day)
        .hour(hour)
        .minute(minute)
        .second(second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}
