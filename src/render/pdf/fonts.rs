//! The PDF renderer's fonts: parsed once per [`FontSet`], shared by every document and thread.
//!
//! Parsing a face (krilla's font info, rustybuzz's layout tables) and building a shaping plan cost
//! far more than drawing a page, and a batch renders thousands of documents with the same two
//! faces. So the parsed faces live in a small registry keyed by the identity of the `FontSet`'s
//! byte buffers, and each face keeps a cache of the words it has shaped: a word is shaped once per
//! run, not once per occurrence. Shaping is a pure function of (face, word), so the caches never
//! change output bytes. Embedding and subsetting are krilla's job, per document.

#![allow(clippy::disallowed_types)] // HashMap below is a pure lookup cache; its order never reaches output.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use krilla::text::Font;
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};
use yoke::{Yoke, Yokeable};

use crate::error::RenderError;
use crate::style::FontSet;

/// Which of the two faces a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaceKind {
    /// Body text.
    Regular,
    /// Headings, labels and speaker names.
    Bold,
}

/// A word (no spaces) after shaping, in em units so one entry serves every font size.
#[derive(Debug)]
pub(crate) struct ShapedWord {
    /// The text the glyphs stand for: the input word, with characters the face cannot show
    /// replaced by U+FFFD and invisible control characters dropped.
    pub text: Box<str>,
    /// Glyphs with advances and offsets in em, text ranges into `text`.
    pub glyphs: Box<[ShapedGlyph]>,
    /// Sum of the advances, in em.
    pub width_em: f32,
    /// Characters the face has no glyph for (reported as a warning).
    pub missing: Box<[char]>,
}

/// One glyph of a shaped word. Kept compact (24 bytes) because the word caches hold
/// hundreds of thousands of them; krilla's glyph type is built from it when a line is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShapedGlyph {
    /// Glyph index in the face.
    pub id: u32,
    /// Horizontal advance, in em.
    pub x_advance: f32,
    /// Offsets from the pen position, in em.
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte range of the word's text this glyph stands for.
    pub start: u32,
    pub end: u32,
}

/// One parsed face: what krilla embeds and what rustybuzz shapes with.
pub(crate) struct FontFace {
    /// The font krilla embeds and subsets.
    pub krilla: Font,
    /// Ascender and descender in em (descender negative), for line boxes.
    pub ascender_em: f32,
    pub descender_em: f32,
    /// The shaped space character, used between words.
    pub space: Arc<ShapedWord>,
    shaper: Yoke<ShaperFace<'static>, Arc<Vec<u8>>>,
    has_replacement_glyph: bool,
    /// Shaping plans by (direction, script): building one walks the GSUB/GPOS feature lists.
    plans: Mutex<Vec<(Direction, Script, Arc<ShapePlan>)>>,
    words: RwLock<HashMap<Box<str>, Arc<ShapedWord>>>,
}

/// rustybuzz's face borrows the font bytes; the yoke ties it to the `Arc` that owns them, so the
/// parsed face can be kept for the whole run.
#[derive(Yokeable)]
struct ShaperFace<'a>(rustybuzz::Face<'a>);

/// Past this many distinct words per face the cache stops growing and further new words are
/// shaped every time. A cached word costs about 250 bytes (six 24-byte glyphs, its text, the
/// map entry), so 100,000 words per face is ~25 MB: a fraction of the 200 MB batch budget, and
/// more than the vocabulary of a 10,000-document batch of session reports.
const MAX_CACHED_WORDS: usize = 100_000;

/// How many font sets stay parsed. A CLI run uses one; tests and library users that build
/// several `FontSet`s get the least recently used one dropped.
const MAX_REGISTERED_FONT_SETS: usize = 4;

/// The regular and bold faces of one [`FontSet`].
pub(crate) struct Fonts {
    regular: FontFace,
    bold: FontFace,
    /// The buffers this entry was built from; holding them keeps their addresses from being reused
    /// while the entry is registered, so pointer identity is a sound key.
    source: (Arc<Vec<u8>>, Arc<Vec<u8>>),
}

impl Fonts {
    /// The face for a run of text.
    pub fn face(&self, kind: FaceKind) -> &FontFace {
        match kind {
            FaceKind::Regular => &self.regular,
            FaceKind::Bold => &self.bold,
        }
    }
}

static REGISTRY: Mutex<Vec<Arc<Fonts>>> = Mutex::new(Vec::new());

/// The parsed faces of `set`, parsing them on first use.
pub(crate) fn prepared(set: &FontSet) -> Result<Arc<Fonts>, RenderError> {
    let is_same = |fonts: &Fonts| {
        Arc::ptr_eq(&fonts.source.0, &set.regular) && Arc::ptr_eq(&fonts.source.1, &set.bold)
    };
    {
        // A poisoned lock only means another thread panicked mid-update of a Vec of Arcs,
        // which leaves it valid: keep using it.
        let mut registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(index) = registry.iter().position(|f| is_same(f)) {
            let fonts = registry.remove(index);
            registry.push(fonts.clone());
            return Ok(fonts);
        }
    }
    // Parse outside the lock: two threads may both parse a new set once; one result wins.
    let fonts = Arc::new(Fonts {
        regular: FontFace::parse(set.regular.clone(), "regular")?,
        bold: FontFace::parse(set.bold.clone(), "bold")?,
        source: (set.regular.clone(), set.bold.clone()),
    });
    let mut registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(existing) = registry.iter().find(|f| is_same(f)) {
        return Ok(existing.clone());
    }
    if registry.len() >= MAX_REGISTERED_FONT_SETS {
        registry.remove(0);
    }
    registry.push(fonts.clone());
    Ok(fonts)
}

impl FontFace {
    fn parse(bytes: Arc<Vec<u8>>, which: &str) -> Result<FontFace, RenderError> {
        let unreadable = || {
            RenderError::Font(format!(
                "the {which} font file is not a TrueType or OpenType font"
            ))
        };
        let krilla = Font::new(bytes.clone().into(), 0).ok_or_else(unreadable)?;
        let shaper = Yoke::<ShaperFace<'static>, Arc<Vec<u8>>>::try_attach_to_cart(
            bytes,
            |data: &Vec<u8>| {
                rustybuzz::Face::from_slice(data, 0)
                    .map(ShaperFace)
                    .ok_or(())
            },
        )
        .map_err(|()| unreadable())?;
        let face = &shaper.get().0;
        let units_per_em = face.units_per_em().max(1) as f32;
        let ascender_em = f32::from(face.ascender()) / units_per_em;
        let descender_em = f32::from(face.descender()) / units_per_em;
        let has_replacement_glyph = face.glyph_index(char::REPLACEMENT_CHARACTER).is_some();
        if face.glyph_index(' ').is_none() {
            return Err(RenderError::Font(format!(
                "the {which} font has no space character"
            )));
        }
        let mut font_face = FontFace {
            krilla,
            ascender_em,
            descender_em,
            space: Arc::new(ShapedWord {
                text: "".into(),
                glyphs: Box::new([]),
                width_em: 0.0,
                missing: Box::new([]),
            }),
            shaper,
            has_replacement_glyph,
            plans: Mutex::new(Vec::new()),
            words: RwLock::new(HashMap::new()),
        };
        font_face.space = Arc::new(font_face.shape_uncached(" "));
        Ok(font_face)
    }

    /// The shaped form of one word (text without spaces), from the cache when possible.
    pub fn shape(&self, word: &str) -> Arc<ShapedWord> {
        if let Some(found) = self
            .words
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(word)
        {
            return found.clone();
        }
        let shaped = Arc::new(self.shape_uncached(word));
        let mut words = self.words.write().unwrap_or_else(PoisonError::into_inner);
        if words.len() < MAX_CACHED_WORDS {
            words.insert(word.into(), shaped.clone());
        }
        shaped
    }

    fn shape_uncached(&self, word: &str) -> ShapedWord {
        let face = &self.shaper.get().0;
        let mut missing = Vec::new();
        let text: String = word
            .chars()
            .filter_map(|c| {
                if is_invisible(c) {
                    None
                } else if face.glyph_index(c).is_some() {
                    Some(c)
                } else {
                    missing.push(c);
                    // PDF/UA-1 7.21.8 forbids .notdef: show U+FFFD rather than fail the document.
                    Some(if self.has_replacement_glyph {
                        char::REPLACEMENT_CHARACTER
                    } else {
                        '?'
                    })
                }
            })
            .collect();

        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&text);
        buffer.guess_segment_properties();
        let plan = self.plan(buffer.direction(), buffer.script());
        let output = rustybuzz::shape_with_plan(face, &plan, buffer);

        let units_per_em = face.units_per_em().max(1) as f32;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width_em = 0.0;
        for (index, (info, position)) in infos.iter().zip(positions).enumerate() {
            let range = cluster_range(infos, index, text.len());
            let advance = position.x_advance as f32 / units_per_em;
            width_em += advance;
            glyphs.push(ShapedGlyph {
                id: info.glyph_id,
                x_advance: advance,
                x_offset: position.x_offset as f32 / units_per_em,
                y_offset: position.y_offset as f32 / units_per_em,
                start: range.start,
                end: range.end,
            });
        }
        missing.sort_unstable();
        missing.dedup();
        ShapedWord {
            text: text.into(),
            glyphs: glyphs.into(),
            width_em,
            missing: missing.into(),
        }
    }

    fn plan(&self, direction: Direction, script: Script) -> Arc<ShapePlan> {
        let mut plans = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, _, plan)) = plans
            .iter()
            .find(|(d, s, _)| *d == direction && *s == script)
        {
            return plan.clone();
        }
        let face = &self.shaper.get().0;
        let plan = Arc::new(ShapePlan::new(face, direction, Some(script), None, &[]));
        plans.push((direction, script, plan.clone()));
        plan
    }
}

/// The byte range of the text that glyph `index` belongs to: from its cluster to the next
/// larger cluster value (clusters ascend for left-to-right text and descend for right-to-left).
fn cluster_range(infos: &[rustybuzz::GlyphInfo], index: usize, text_len: usize) -> Range<u32> {
    let start = infos[index].cluster;
    let end = infos
        .iter()
        .map(|info| info.cluster)
        .filter(|cluster| *cluster > start)
        .min()
        // A word is far shorter than 4 GiB; saturate rather than wrap if it ever is not.
        .unwrap_or_else(|| u32::try_from(text_len).unwrap_or(u32::MAX));
    start..end
}

/// Characters that must not reach the PDF as glyphs: controls have none; soft hyphens,
/// zero-width spaces and joiners, bidi marks and variation selectors only steer layout features
/// we do not use (no hyphenation, no bidi), and PDF/UA-1 7.21.7 forbids mapping a glyph to U+FEFF
/// or U+FFFE.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFFE}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_set_is_parsed_once() {
        let set = FontSet::embedded();
        let first = prepared(&set).unwrap();
        let second = prepared(&set).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
    }

    #[test]
    fn words_keep_their_text_ranges() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        let word = fonts.face(FaceKind::Regular).shape("Quillé’s");
        assert_eq!(&*word.text, "Quillé’s");
        let covered: u32 = word.glyphs.iter().map(|g| g.end - g.start).sum();
        assert_eq!(covered as usize, word.text.len());
        assert!(word.width_em > 3.0, "{}", word.width_em);
        assert!(word.missing.is_empty());
    }

    #[test]
    fn invisible_characters_are_dropped_not_replaced() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        let word = fonts
            .face(FaceKind::Regular)
            .shape("multi\u{00AD}stake\u{200B}holder\u{7}");
        assert_eq!(&*word.text, "multistakeholder");
        assert!(word.missing.is_empty());
    }

    #[test]
    fn missing_characters_become_replacement_glyphs() {
        let fonts = prepared(&FontSet::embedded()).unwrap();
        // U+4E2D (a CJK ideograph) is not in DejaVu Sans.
        let word = fonts.face(FaceKind::Regular).shape("ok\u{4E2D}");
        assert_eq!(&*word.text, "ok\u{FFFD}");
        assert_eq!(&*word.missing, ['\u{4E2D}']);
        assert!(word.glyphs.iter().all(|g| g.id != 0));
    }
}
