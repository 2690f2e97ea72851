//! What a reader saw, before cleaning and extraction: a flat list of blocks in reading order.
//!
//! Readers that find structure (HTML, Markdown, DOCX) keep it as block kinds; the plain-text
//! reader emits one `Line` per input line and leaves structure to `extract`.

/// A document as read, before any rule has run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawDoc {
    /// The blocks in reading order.
    pub blocks: Vec<RawBlock>,
    /// Metadata the reader found outside the body (front matter, core properties).
    pub metadata: Vec<(String, String)>,
    /// Notes the reader wants the user to see (an encoding guessed, say).
    pub warnings: Vec<String>,
}

/// One block of a [`RawDoc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// What kind of block the reader saw.
    pub kind: RawKind,
    /// Its text, whitespace normalised, markers (bullets, `#`) removed for structured kinds.
    pub text: String,
    /// The 1-based source line it started on.
    pub line: usize,
}

/// The kinds of [`RawBlock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    /// A heading of the given level (1 = the document's top level).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// An item of a bulleted (false) or numbered (true) list.
    ListItem {
        /// True for a numbered list.
        ordered: bool,
    },
    /// A block quotation.
    Quote,
    /// A line of plain text, structure unknown (the text reader). An empty text is a blank line.
    Line,
}

impl RawBlock {
    /// A block of the given kind.
    pub fn new(kind: RawKind, text: impl Into<String>, line: usize) -> Self {
        RawBlock {
            kind,
            text: text.into(),
            line,
        }
    }
}
