//! Plain-text reader: one [`RawKind::Line`] per input line, whitespace normalised.
//!
//! Copy-pasted wiki pages carry no markup, so structure (headings, lists, people) is left to
//! `extract`, which sees bullets and blank lines exactly as they were.

use super::{Input, Read, Reader, decode::decode};
use crate::error::{IngestError, Warning};
use crate::model::raw::{RawBlock, RawDoc, RawKind};

/// The plain-text reader (the fallback for anything that is text).
pub struct Text;

impl Reader for Text {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }

    fn read(&self, input: &Input, warnings: &mut Vec<Warning>) -> Result<Read, IngestError> {
        let text = decode(input.bytes, warnings)?;
        Ok(Read::Raw(lines(&text)))
    }
}

/// Splits decoded text into normalised lines.
pub fn lines(text: &str) -> RawDoc {
    let blocks = text
        .lines()
        .enumerate()
        .map(|(i, line)| RawBlock::new(RawKind::Line, normalise_whitespace(line), i + 1))
        .collect();
    RawDoc {
        blocks,
        ..RawDoc::default()
    }
}

/// Collapses runs of whitespace (tabs, no-break and zero-width spaces) to one space and trims.
pub fn normalise_whitespace(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line
        .split(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
