//! Renderers: one module per output format, all fed the same [`Session`].
//!
//! A renderer is a pure function from a session and a [`RenderContext`] to bytes: no file I/O,
//! no clock, no globals. All of them walk the same [`view::DocumentView`], so every format shows
//! the same headings, lists and paragraphs in the same order. `batch` writes the bytes.

pub mod docx;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod text;
pub mod view;

use rayon::prelude::*;

use crate::error::{RenderError, Warning};
use crate::model::Session;
use crate::style::{FontSet, Style};

/// A fixed instant, in seconds since the Unix epoch, written into PDF and DOCX metadata.
pub type Timestamp = i64;

/// The timestamp used when `SOURCE_DATE_EPOCH` is unset: 2000-01-01T00:00:00Z.
pub const DEFAULT_TIMESTAMP: Timestamp = 946_684_800;

/// Seconds since the Unix epoch → (year, month, day, hour, minute, second) in UTC, proleptic
/// Gregorian calendar. Days are converted through 400-year eras of 146 097 days, which makes
/// leap years fall out of integer division without tables.
pub(crate) fn civil(timestamp: Timestamp) -> (i64, u8, u8, u8, u8, u8) {
    let days = timestamp.div_euclid(86_400);
    let seconds = timestamp.rem_euclid(86_400);
    // Shift the epoch to 0000-03-01 so that the leap day is the last day of a year.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    // All of these are below 60 or 32 by construction, so the narrowing cannot truncate.
    let small = |v: i64| v as u8;
    (
        year,
        small(month),
        small(day),
        small(seconds / 3_600),
        small(seconds % 3_600 / 60),
        small(seconds % 60),
    )
}

/// What every renderer may use besides the session. Resolved once per run, shared by threads.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// Presentation settings (PDF and DOCX).
    pub style: &'a Style,
    /// The fonts, loaded once.
    pub fonts: &'a FontSet,
    /// Written into metadata instead of the current time, so output is reproducible.
    pub timestamp: Timestamp,
    /// Hard-wrap text output at this many characters (`--wrap N`); none by default.
    pub wrap: Option<usize>,
}

/// A renderer's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// What the renderer had to work around.
    pub warnings: Vec<Warning>,
}

impl Rendered {
    /// Output with no warnings.
    pub fn clean(bytes: Vec<u8>) -> Self {
        Rendered {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// Turns a [`Session`] into one output format. Pure: no file I/O, no clock, no globals.
pub trait Renderer: Sync {
    /// The output format this renderer writes.
    fn format(&self) -> Format;
    /// Renders the session.
    fn render(&self, session: &Session, cx: &RenderContext) -> Result<Rendered, RenderError>;
}

/// The output formats, named as on the command line and used as file extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// CommonMark with YAML front matter.
    Md,
    /// Accessible plain text.
    Txt,
    /// The model as JSON.
    Json,
    /// Word document.
    Docx,
    /// Tagged PDF (PDF/UA-1).
    Pdf,
}

impl Format {
    /// Every format, in rendering order.
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Txt,
        Format::Json,
        Format::Docx,
        Format::Pdf,
    ];

    /// The command-line name and file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Json => "json",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The format with this command-line name ("markdown" and "text" are accepted too).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Md),
            "txt" | "text" => Some(Format::Txt),
            "json" => Some(Format::Json),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The renderer for this format.
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Md => &markdown::Markdown,
            Format::Txt => &text::Text,
            Format::Json => &json::Json,
            Format::Docx => &docx::Docx,
            Format::Pdf => &pdf::Pdf,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Every renderer, in output order.
pub static RENDERERS: &[&dyn Renderer] = &[
    &markdown::Markdown,
    &text::Text,
    &json::Json,
    &docx::Docx,
    &pdf::Pdf,
];

/// Renders one session to one format.
///
/// ```
/// use rapporteur::{normalise, render, Format, FontSet, IngestOptions, RenderContext, Style};
///
/// let session = normalise(b"Closing plenary\n\nThanks to all.\n", &IngestOptions::default())?;
/// let style = Style::built_in("default")?;
/// let fonts = FontSet::embedded();
/// let cx = RenderContext { style: &style, fonts: &fonts, timestamp: 0, wrap: None };
/// let text = render(&session, Format::Txt, &cx)?.bytes;
/// assert!(String::from_utf8(text)?.starts_with("# Closing plenary\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(
    session: &Session,
    format: Format,
    cx: &RenderContext,
) -> Result<Rendered, RenderError> {
    format.renderer().render(session, cx)
}

/// Renders one session to several formats in parallel; results come back in `formats` order.
///
/// ```
/// use rapporteur::{normalise, render_all, Format, FontSet, IngestOptions, RenderContext, Style};
///
/// let session = normalise(b"Closing plenary\n\nThanks to all.\n", &IngestOptions::default())?;
/// let style = Style::built_in("large-print")?;
/// let fonts = FontSet::embedded();
/// let cx = RenderContext { style: &style, fonts: &fonts, timestamp: 0, wrap: None };
/// let results = render_all(&session, &[Format::Md, Format::Json], &cx);
/// assert_eq!(results[0].0, Format::Md);
/// assert!(results.iter().all(|(_, r)| r.is_ok()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_all(
    session: &Session,
    formats: &[Format],
    cx: &RenderContext,
) -> Vec<(Format, Result<Rendered, RenderError>)> {
    formats
        .par_iter()
        .map(|format| (*format, render(session, *format, cx)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn civil_time_of_known_timestamps() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil(946_684_800), (2000, 1, 1, 0, 0, 0));
        assert_eq!(civil(951_782_400), (2000, 2, 29, 0, 0, 0));
        // 2024-02-29 (a leap day) 12:34:56 UTC.
        assert_eq!(civil(1_709_210_096), (2024, 2, 29, 12, 34, 56));
        assert_eq!(civil(-1), (1969, 12, 31, 23, 59, 59));
    }
}
