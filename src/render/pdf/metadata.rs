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
    let (year, month, day) = civil_date(timestamp.div_euclid(86_400));
    let seconds = timestamp.rem_euclid(86_400);
    // PDF dates have four-digit years; anything outside is clamped rather than wrapped.
    let year = u16::try_from(year.clamp(0, 9999)).unwrap_or(9999);
    DateTime::new(year)
        .month(month)
        .day(day)
        .hour((seconds / 3600) as u8)
        .minute((seconds % 3600 / 60) as u8)
        .second((seconds % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01, by counting
/// 400-year eras of 146,097 days from 0000-03-01 (so leap days fall at the end of a year).
fn civil_date(days_since_epoch: i64) -> (i64, u8, u8) {
    let days = days_since_epoch + 719_468; // 0000-03-01 to 1970-01-01
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_known_days() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(946_684_800 / 86_400), (2000, 1, 1));
        assert_eq!(civil_date(951_782_400 / 86_400), (2000, 2, 29));
        assert_eq!(civil_date(1_709_164_800 / 86_400), (2024, 2, 29));
        assert_eq!(civil_date(-1), (1969, 12, 31));
    }
}
