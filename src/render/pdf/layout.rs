//! Page layout: the [`DocumentView`] → blocks of positioned, pre-shaped lines on numbered pages.
//!
//! Our own layout, deliberately simple because simple is what low-vision readers need: left
//! aligned, never justified, no hyphenation; lines break at spaces by the real advances of the
//! shaped glyphs (a word longer than a line is cut between clusters rather than run into the
//! margin). Headings are kept with the line that follows them. Lists get their label ("•" or
//! "1.") in a column of their own and a hanging indent. Every size, margin and gap comes from the
//! style. Drawing, tagging and bookmarks read the result; nothing here knows about PDF objects.

use std::sync::Arc;

use krilla::text::{GlyphId, KrillaGlyph};

use super::fonts::{FaceKind, Fonts, ShapedGlyph, ShapedWord};
use crate::render::view::{DocumentView, Item, ListKind, Node};
use crate::style::Style;

/// A laid-out document.
pub(crate) struct Layout {
    /// Page width and height in points.
    pub page_size: (f32, f32),
    /// Number of pages (at least one).
    pub page_count: usize,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Where page numbers go.
    pub footer: Footer,
    /// Characters no face could show, replaced by U+FFFD.
    pub missing: Vec<char>,
}

/// The page-number line at the foot of every page.
pub(crate) struct Footer {
    /// Baseline, from the top of the page.
    pub baseline: f32,
    /// Font size in points.
    pub size_pt: f32,
}

/// One structural unit: a heading, a paragraph, a quote or a list item.
pub(crate) struct Block {
    /// What it is, for the tag tree.
    pub role: Role,
    /// Its text without labels, for bookmarks and heading titles.
    pub text: String,
    /// Page and top of the first line, for bookmarks.
    pub anchor: (usize, f32),
    /// Its lines, split where label and body differ, in reading order.
    pub fragments: Vec<Fragment>,
}

/// The structural role of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A heading; level 1 is the title.
    Heading(u8),
    /// A paragraph (also metadata lines under the title).
    Paragraph,
    /// A block quotation.
    Quote,
    /// An item of list number `list` (consecutive items with one number form one list).
    ListItem {
        /// Index of the list in the document.
        list: usize,
        /// Numbered rather than bulleted.
        ordered: bool,
    },
}

/// Which part of a list item a fragment belongs to (PDF/UA-1 7.6: Lbl and LBody).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The bullet or number.
    Label,
    /// Everything else.
    Body,
}

/// One line's worth of a block on one page: one marked-content sequence when drawn.
pub(crate) struct Fragment {
    /// Label or body.
    pub part: Part,
    /// Zero-based page index.
    pub page: usize,
    /// The glyph runs, one per change of face.
    pub runs: Vec<Run>,
}

/// Glyphs of one face at one size, drawn from one origin.
pub(crate) struct Run {
    /// Which face.
    pub face: FaceKind,
    /// Font size in points.
    pub size_pt: f32,
    /// Left end of the baseline, from the top-left corner of the page.
    pub origin: (f32, f32),
    /// The text the glyphs stand for (text extraction reads it through the glyph ranges).
    pub text: String,
    /// Glyphs with ranges into `text`, advances in em.
    pub glyphs: Vec<KrillaGlyph>,
}

/// A word and the face it is set in.
#[derive(Clone)]
struct StyledWord {
    face: FaceKind,
    shaped: Arc<ShapedWord>,
}

/// The label bullet list items get.
const BULLET: &str = "•";
/// Gap between a list label and the item text, in em of the body size.
const LABEL_GAP_EM: f32 = 0.6;
/// Indent of a list's labels from the text margin, in em of the body size.
const LIST_INDENT_EM: f32 = 0.5;
/// Indent of quotations on both sides, in em of the body size: enough to read as set apart.
const QUOTE_INDENT_EM: f32 = 2.0;
/// Space between list items, as a share of the paragraph space: items belong together.
const ITEM_SPACE_SHARE: f32 = 0.35;
/// Space after a heading, as a share of the paragraph space: a heading belongs to what follows.
const HEADING_SPACE_SHARE: f32 = 0.5;
/// Room kept below the text area for the page number, in lines of body text.
const FOOTER_LINES: f32 = 2.5;
/// Widths are compared with this slack so rounding never pushes a fitting word to a new line.
const WIDTH_EPSILON_PT: f32 = 0.01;

/// Lays out a document view with a style's sizes and the given faces.
pub(crate) fn lay_out(view: &DocumentView, style: &Style, fonts: &Fonts) -> Layout {
    let mut composer = Composer::new(style, fonts);

    composer.heading(1, &view.title);
    let paragraph_space = style.text.space_after_pt;
    for (index, meta) in view.meta.iter().enumerate() {
        let mut words = composer.words(FaceKind::Bold, &format!("{}:", meta.label));
        words.extend(composer.words(FaceKind::Regular, &meta.value));
        // Metadata lines are one group under the title: item spacing inside, paragraph after.
        let space_after = if index + 1 < view.meta.len() {
            ITEM_SPACE_SHARE * paragraph_space
        } else {
            paragraph_space
        };
        composer.paragraph(
            Role::Paragraph,
            words,
            meta.value.clone(),
            (0.0, 0.0),
            space_after,
        );
    }
    let mut list_count = 0;
    for node in &view.nodes {
        match node {
            Node::Heading { level, text } => composer.heading(*level, text),
            Node::Paragraph { text, speaker } => {
                let words = composer.spoken(speaker.as_deref(), text);
                composer.paragraph(
                    Role::Paragraph,
                    words,
                    text.clone(),
                    (0.0, 0.0),
                    paragraph_space,
                );
            }
            Node::Quote { text, speaker } => {
                let words = composer.spoken(speaker.as_deref(), text);
                let indent = QUOTE_INDENT_EM * style.text.size_pt;
                composer.paragraph(
                    Role::Quote,
                    words,
                    text.clone(),
                    (indent, indent),
                    paragraph_space,
                );
            }
            Node::List {
                ordered,
                items,
                kind,
            } => {
                composer.list(list_count, *ordered, items, *kind);
                list_count += 1;
            }
        }
    }
    composer.finish()
}

/// The layout cursor: which page, how far down, and what has been placed so far.
struct Composer<'a> {
    style: &'a Style,
    fonts: &'a Fonts,
    page_size: (f32, f32),
    margin: f32,
    content_bottom: f32,
    page: usize,
    y: f32,
    /// True until something is placed on the current page (space before is dropped there).
    is_page_top: bool,
    blocks: Vec<Block>,
    missing: Vec<char>,
}

impl<'a> Composer<'a> {
    fn new(style: &'a Style, fonts: &'a Fonts) -> Composer<'a> {
        let page_size = style.page.size.size_pt();
        let margin = style.page.margin_mm * 72.0 / 25.4;
        let footer_room = FOOTER_LINES * style.text.size_pt * style.text.line_height;
        Composer {
            style,
            fonts,
            page_size,
            margin,
            content_bottom: page_size.1 - margin.max(footer_room),
            page: 0,
            y: margin,
            is_page_top: true,
            blocks: Vec::new(),
            missing: Vec::new(),
        }
    }

    fn finish(self) -> Layout {
        let size_pt = self.style.text.size_pt;
        let bottom_room = self.page_size.1 - self.content_bottom;
        let mut missing = self.missing;
        missing.sort_unstable();
        missing.dedup();
        Layout {
            page_size: self.page_size,
            page_count: self.page + 1,
            blocks: self.blocks,
            footer: Footer {
                // Centred in the room below the text, optically: baseline a third of a size low.
                baseline: self.page_size.1 - bottom_room / 2.0 + size_pt / 3.0,
                size_pt,
            },
            missing,
        }
    }

    fn words(&mut self, face: FaceKind, text: &str) -> Vec<StyledWord> {
        let font = self.fonts.face(face);
        let words: Vec<StyledWord> = text
            .split_whitespace()
            .map(|word| StyledWord {
                face,
                shaped: font.shape(word),
            })
            // A "word" of nothing but control characters shapes to nothing: no glyphs, no space.
            .filter(|word| !word.shaped.text.is_empty())
            .collect();
        for word in &words {
            self.missing.extend_from_slice(&word.shaped.missing);
        }
        words
    }

    /// Paragraph words with the speaker's name as a bold label in front, as every format shows it.
    fn spoken(&mut self, speaker: Option<&str>, text: &str) -> Vec<StyledWord> {
        let mut words = match speaker {
            Some(name) => self.words(FaceKind::Bold, &format!("{name}:")),
            None => Vec::new(),
        };
        words.extend(self.words(FaceKind::Regular, text));
        words
    }

    fn line_height(&self, size_pt: f32) -> f32 {
        size_pt * self.style.text.line_height
    }

    fn text_width(&self) -> f32 {
        self.page_size.0 - 2.0 * self.margin
    }

    fn new_page(&mut self) {
        self.page += 1;
        self.y = self.margin;
        self.is_page_top = true;
    }

    /// Adds vertical space, unless at the top of a page where it would only push text down.
    fn space(&mut self, points: f32) {
        if !self.is_page_top {
            self.y += points;
        }
    }

    /// Moves to a new page unless `height` more points fit on this one.
    fn reserve(&mut self, height: f32) {
        if !self.is_page_top && self.y + height > self.content_bottom + WIDTH_EPSILON_PT {
            self.new_page();
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = self.style.heading_size_pt(level);
        let face = if self.style.headings.bold {
            FaceKind::Bold
        } else {
            FaceKind::Regular
        };
        let words = self.words(face, text);
        if words.is_empty() {
            return;
        }
        let lines = break_lines(
            words,
            self.fonts,
            size,
            self.text_width(),
            self.text_width(),
        );
        let after = HEADING_SPACE_SHARE * self.style.text.space_after_pt;
        // Keep the heading with the first line of what follows (no heading alone at a page foot).
        let next_line = self.line_height(self.style.text.size_pt);
        let height = lines.len() as f32 * self.line_height(size) + after + next_line;
        if level > 1 {
            self.space(self.style.headings.space_before_pt);
        }
        self.reserve(height);
        let mut block = self.start_block(Role::Heading(level), text.to_owned());
        self.place_lines(&mut block, &lines, size, self.margin, self.margin);
        self.blocks.push(block);
        self.y += after;
    }

    fn paragraph(
        &mut self,
        role: Role,
        words: Vec<StyledWord>,
        text: String,
        (left_indent, right_indent): (f32, f32),
        space_after: f32,
    ) {
        if words.is_empty() {
            return;
        }
        let size = self.style.text.size_pt;
        let width = self.text_width() - left_indent - right_indent;
        let lines = break_lines(words, self.fonts, size, width, width);
        self.reserve(self.line_height(size));
        let mut block = self.start_block(role, text);
        let x = self.margin + left_indent;
        self.place_lines(&mut block, &lines, size, x, x);
        self.blocks.push(block);
        self.y += space_after;
    }

    fn list(&mut self, list: usize, ordered: bool, items: &[Item], kind: ListKind) {
        let size = self.style.text.size_pt;
        let labels: Vec<StyledWord> = (1..=items.len())
            .map(|number| {
                let label = if ordered {
                    format!("{number}.")
                } else {
                    BULLET.to_owned()
                };
                StyledWord {
                    face: FaceKind::Regular,
                    shaped: self.fonts.face(FaceKind::Regular).shape(&label),
                }
            })
            .collect();
        let label_width = labels
            .iter()
            .map(|l| l.shaped.width_em * size)
            .fold(0.0, f32::max);
        let label_x = self.margin + LIST_INDENT_EM * size;
        let body_x = label_x + label_width + LABEL_GAP_EM * size;
        let body_width = self.page_size.0 - self.margin - body_x;

        let mut placed_any = false;
        for (item, label) in items.iter().zip(labels) {
            let words = self.item_words(item, kind);
            if words.is_empty() {
                continue;
            }
            if placed_any {
                self.space(ITEM_SPACE_SHARE * self.style.text.space_after_pt);
            }
            placed_any = true;
            let lines = break_lines(words, self.fonts, size, body_width, body_width);
            self.reserve(self.line_height(size));
            let mut block = self.start_block(Role::ListItem { list, ordered }, item.text.clone());
            let label_top = self.y;
            // Labels right-aligned in their column, so "9." and "10." line up on the dot.
            let label_offset = label_width - label.shaped.width_em * size;
            block.fragments.push(Fragment {
                part: Part::Label,
                page: self.page,
                runs: line_runs(
                    &[label],
                    self.fonts,
                    size,
                    (
                        label_x + label_offset,
                        label_top + self.baseline_offset(size),
                    ),
                ),
            });
            self.place_lines(&mut block, &lines, size, body_x, body_x);
            self.blocks.push(block);
        }
        if placed_any {
            self.y += self.style.text.space_after_pt;
        }
    }

    /// The words of a list item: "Name — Role, Organisation" for people, "Point — Name" for
    /// attributed key points, as the other formats write them.
    fn item_words(&mut self, item: &Item, kind: ListKind) -> Vec<StyledWord> {
        let main_face = match kind {
            // Names in bold so a reader scanning the list finds people first.
            ListKind::People => FaceKind::Bold,
            ListKind::Body | ListKind::KeyPoints => FaceKind::Regular,
        };
        let mut words = self.words(main_face, &item.text);
        let tail = item.detail.as_deref().or(item.attribution.as_deref());
        if let Some(tail) = tail.filter(|t| !t.trim().is_empty()) {
            words.extend(self.words(FaceKind::Regular, &format!("— {tail}")));
        }
        words
    }

    fn start_block(&mut self, role: Role, text: String) -> Block {
        self.is_page_top = false;
        Block {
            role,
            text,
            anchor: (self.page, self.y),
            fragments: Vec::new(),
        }
    }

    /// Distance from the top of a line box to its baseline: half the leading, then the ascender.
    fn baseline_offset(&self, size_pt: f32) -> f32 {
        let regular = self.fonts.face(FaceKind::Regular);
        let glyph_height = (regular.ascender_em - regular.descender_em) * size_pt;
        (self.line_height(size_pt) - glyph_height) / 2.0 + regular.ascender_em * size_pt
    }

    /// Places broken lines one under the other, starting a new page when one does not fit.
    fn place_lines(
        &mut self,
        block: &mut Block,
        lines: &[Vec<StyledWord>],
        size: f32,
        first_x: f32,
        rest_x: f32,
    ) {
        let line_height = self.line_height(size);
        for (index, line) in lines.iter().enumerate() {
            if index > 0 {
                self.reserve(line_height);
            }
            if index == 0 {
                block.anchor = (self.page, self.y);
            }
            self.is_page_top = false;
            let x = if index == 0 { first_x } else { rest_x };
            let baseline = self.y + self.baseline_offset(size);
            block.fragments.push(Fragment {
                part: Part::Body,
                page: self.page,
                runs: line_runs(line, self.fonts, size, (x, baseline)),
            });
            self.y += line_height;
        }
    }
}

/// Greedy line breaking at spaces: each line takes as many words as fit.
fn break_lines(
    words: Vec<StyledWord>,
    fonts: &Fonts,
    size: f32,
    first_width: f32,
    rest_width: f32,
) -> Vec<Vec<StyledWord>> {
    let mut lines: Vec<Vec<StyledWord>> = Vec::new();
    let mut line: Vec<StyledWord> = Vec::new();
    let mut line_width = 0.0;
    let mut pending: std::collections::VecDeque<StyledWord> = words.into();
    while let Some(word) = pending.pop_front() {
        let available = if lines.is_empty() {
            first_width
        } else {
            rest_width
        };
        let width = word.shaped.width_em * size;
        let space = match line.last() {
            Some(previous) => fonts.face(previous.face).space.width_em * size,
            None => 0.0,
        };
        // A lone dash opens an attribution ("— Andy Orsmond"): never leave it at a line's end.
        let glued = match pending.front() {
            Some(next) if is_lone_dash(&word.shaped.text) => {
                (fonts.face(word.face).space.width_em + next.shaped.width_em) * size
            }
            _ => 0.0,
        };
        if line_width + space + width + glued <= available + WIDTH_EPSILON_PT {
            line_width += space + width;
            line.push(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
            pending.push_front(word);
            continue;
        }
        // A word wider than the whole line (a long URL): cut it between clusters.
        match split_word(&word.shaped, available / size) {
            Some((head, tail)) => {
                lines.push(vec![StyledWord {
                    face: word.face,
                    shaped: Arc::new(head),
                }]);
                pending.push_front(StyledWord {
                    face: word.face,
                    shaped: Arc::new(tail),
                });
            }
            None => lines.push(vec![word]),
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn is_lone_dash(text: &str) -> bool {
    matches!(text, "—" | "–")
}

/// Cuts a shaped word after the last cluster that fits in `max_width_em` (at least one cluster).
/// Returns `None` when the word cannot be cut: one cluster, or right-to-left glyph order.
fn split_word(word: &ShapedWord, max_width_em: f32) -> Option<(ShapedWord, ShapedWord)> {
    let glyphs = &word.glyphs;
    let is_left_to_right = glyphs.windows(2).all(|pair| pair[0].start <= pair[1].start);
    if !is_left_to_right {
        return None;
    }
    let mut cut = None;
    let mut first_boundary = None;
    let mut width = 0.0;
    for (index, glyph) in glyphs.iter().enumerate() {
        let starts_cluster = index > 0 && glyph.start != glyphs[index - 1].start;
        if starts_cluster {
            first_boundary.get_or_insert(index);
            if width > max_width_em {
                break;
            }
            cut = Some(index);
        }
        width += glyph.x_advance;
    }
    let cut = cut.or(first_boundary)?;
    let byte = glyphs[cut].start;
    let piece = |range: std::ops::Range<usize>, from: u32| -> Box<[ShapedGlyph]> {
        glyphs[range]
            .iter()
            .map(|g| ShapedGlyph {
                start: g.start - from,
                end: g.end - from,
                ..*g
            })
            .collect()
    };
    let head_glyphs = piece(0..cut, 0);
    let tail_glyphs = piece(cut..glyphs.len(), byte);
    let byte = byte as usize;
    let width_of = |g: &[ShapedGlyph]| g.iter().map(|g| g.x_advance).sum();
    Some((
        ShapedWord {
            text: word.text[..byte].into(),
            width_em: width_of(&head_glyphs),
            glyphs: head_glyphs,
            missing: Box::new([]),
        },
        ShapedWord {
            text: word.text[byte..].into(),
            width_em: width_of(&tail_glyphs),
            glyphs: tail_glyphs,
            missing: Box::new([]),
        },
    ))
}

/// Turns one line of words into glyph runs: one run per change of face, with a real space glyph
/// between words so that text extraction and screen readers see word boundaries.
fn line_runs(line: &[StyledWord], fonts: &Fonts, size: f32, origin: (f32, f32)) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut x = origin.0;
    for (index, word) in line.iter().enumerate() {
        if runs.last().is_none_or(|run| run.face != word.face) {
            runs.push(Run {
                face: word.face,
                size_pt: size,
                origin: (x, origin.1),
                text: String::new(),
                glyphs: Vec::new(),
            });
        }
        let run = runs
            .last_mut()
            .expect("a run was pushed above when none matched");
        append_word(&mut run.text, &mut run.glyphs, &word.shaped);
        x += word.shaped.width_em * size;
        if index + 1 < line.len() {
            let space = &fonts.face(word.face).space;
            append_word(&mut run.text, &mut run.glyphs, space);
            x += space.width_em * size;
        }
    }
    runs
}

/// Appends a shaped word to a run's text and its glyphs, with ranges shifted to match.
pub(crate) fn append_word(text: &mut String, glyphs: &mut Vec<KrillaGlyph>, word: &ShapedWord) {
    let offset = text.len();
    text.push_str(&word.text);
    glyphs.extend(word.glyphs.iter().map(|glyph| {
        let start = offset + glyph.start as usize;
        let end = offset + glyph.end as usize;
        KrillaGlyph::new(
            GlyphId::new(glyph.id),
            glyph.x_advance,
            glyph.x_offset,
            glyph.y_offset,
            0.0,
            start..end,
            None,
        )
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::prepared;
    use crate::style::FontSet;

    fn words(fonts: &Fonts, text: &str) -> Vec<StyledWord> {
        text.split_whitespace()
            .map(|w| StyledWord {
                face: FaceKind::Regular,
                shaped: fonts.face(FaceKind::Regular).shape(w),
            })
            .collect()
    }

    fn line_texts(lines: &[Vec<StyledWord>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.iter()
                    .map(|w| w.shaped.text.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        let text = "one two three four five six seven eight nine ten";
        let lines = break_lines(words(&fonts, text), &fonts, 10.0, 80.0, 80.0);
        assert!(lines.len() > 2, "{:?}", line_texts(&lines));
        assert_eq!(line_texts(&lines).join(" "), text);
        for line in &lines {
            let runs = line_runs(line, &fonts, 10.0, (0.0, 0.0));
            let width: f32 = runs[0].glyphs.iter().map(|g| g.x_advance * 10.0).sum();
            assert!(width <= 80.0 + 1.0 || line.len() == 1, "{width}");
        }
    }

    #[test]
    fn a_dash_stays_with_the_name_after_it() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        let text = "Stay pragmatic (and a little bit patient)! — Andy Orsmond";
        for width in (100..400).step_by(7) {
            let lines = break_lines(
                words(&fonts, text),
                &fonts,
                10.0,
                width as f32,
                width as f32,
            );
            for line in line_texts(&lines) {
                assert!(!line.ends_with('—'), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_between_clusters() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        let url = "https://example.org/a/very/long/path/that/cannot/fit/on/one/line";
        let lines = break_lines(words(&fonts, url), &fonts, 10.0, 100.0, 100.0);
        assert!(lines.len() > 1);
        let joined: String = line_texts(&lines).concat();
        assert_eq!(joined, url);
    }

    #[test]
    fn runs_carry_spaces_between_words() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        let runs = line_runs(&words(&fonts, "en – dash"), &fonts, 10.0, (0.0, 0.0));
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text, "en – dash");
        let last = runs[0].glyphs.last().unwrap();
        assert_eq!(last.text_range.end, runs[0].text.len());
    }
}
