//! Presentation settings for the PDF and DOCX renderers, read from `styles/*.toml`.
//!
//! The built-in styles are embedded in the binary, so `--style large-print` works from any
//! folder. A custom style file only lists what it changes: every missing key falls back to
//! `default.toml`; a misspelt key is an error naming the file and the key. A style changes
//! presentation, never content.

use serde::{Deserialize, Serialize};

use crate::error::StyleError;

/// The built-in styles: name and TOML text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../styles/default.toml")),
    ("large-print", include_str!("../../styles/large-print.toml")),
    (
        "high-contrast",
        include_str!("../../styles/high-contrast.toml"),
    ),
];

/// A resolved style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// The name it was loaded under (a built-in name or a file path).
    #[serde(skip)]
    pub name: String,
    /// Page size and margins.
    pub page: PageStyle,
    /// Body text.
    pub text: TextStyle,
    /// Headings.
    pub headings: HeadingStyle,
    /// Colours.
    pub colors: ColorStyle,
}

/// Page settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageStyle {
    /// The paper size.
    pub size: PaperSize,
    /// The margin on every side, in millimetres.
    pub margin_mm: f32,
}

/// The supported paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaperSize {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl PaperSize {
    /// Width and height in PDF points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.28, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        }
    }
}

/// Body text settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextStyle {
    /// "DejaVu Sans" (embedded) or a path to a TTF/OTF file.
    pub font: String,
    /// Body size in points.
    pub size_pt: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Space after each paragraph, in points.
    pub space_after_pt: f32,
    /// Alignment: only "left" is supported (justified text is harder to read).
    pub align: Align,
}

/// Text alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Ragged right.
    Left,
}

/// Heading settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingStyle {
    /// Sizes in points for H1 (the title), H2, H3 and H4.
    pub size_pt: Vec<f32>,
    /// Whether headings are bold.
    pub bold: bool,
    /// Space before a heading, in points.
    pub space_before_pt: f32,
}

/// Colours as `#RRGGBB`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColorStyle {
    /// Text colour.
    pub text: String,
    /// Page colour.
    pub background: String,
}

/// The name of the embedded font.
pub const EMBEDDED_FONT: &str = "DejaVu Sans";

/// The font files a run uses, loaded once and shared by every thread.
#[derive(Debug, Clone)]
pub struct FontSet {
    /// The regular face.
    pub regular: std::sync::Arc<Vec<u8>>,
    /// The bold face (headings, emphasis in large print).
    pub bold: std::sync::Arc<Vec<u8>>,
}

impl FontSet {
    /// DejaVu Sans, embedded in the binary: no system font is ever needed.
    pub fn embedded() -> FontSet {
        FontSet {
            regular: std::sync::Arc::new(dejavu::sans::regular().to_vec()),
            bold: std::sync::Arc::new(dejavu::sans::bold().to_vec()),
        }
    }

    /// A font file named by a style, used for both faces (bold is then synthesised by weight of
    /// heading size only); the caller has read the bytes.
    pub fn from_bytes(regular: Vec<u8>, bold: Option<Vec<u8>>) -> FontSet {
        let regular = std::sync::Arc::new(regular);
        let bold = bold
            .map(std::sync::Arc::new)
            .unwrap_or_else(|| regular.clone());
        FontSet { regular, bold }
    }
}

impl Style {
    /// One of the built-in styles by name.
    pub fn built_in(name: &str) -> Result<Style, StyleError> {
        let (_, text) = BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| StyleError::UnknownStyle(name.to_owned()))?;
        Style::parse(text, name)
    }

    /// Parses a style's TOML text; `origin` names it in errors. Missing keys come from the
    /// default style.
    pub fn parse(text: &str, origin: &str) -> Result<Style, StyleError> {
        let invalid = |reason: String| StyleError::Invalid {
            origin: origin.to_owned(),
            reason: reason.trim().replace('\n', " "),
        };
        let mut merged: toml::Table = toml::from_str(BUILT_IN[0].1)
            .expect("the embedded default style is valid TOML, checked by a unit test");
        let custom: toml::Table = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        merge(&mut merged, custom);
        let mut style: Style = toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        style.name = origin.to_owned();
        style.check(origin)?;
        Ok(style)
    }

    fn check(&self, origin: &str) -> Result<(), StyleError> {
        let out_of_range = |key, reason: &str| StyleError::OutOfRange {
            origin: origin.to_owned(),
            key,
            reason: reason.to_owned(),
        };
        if !(4.0..=72.0).contains(&self.text.size_pt) {
            return Err(out_of_range("text.size_pt", "must be between 4 and 72"));
        }
        if !(1.0..=3.0).contains(&self.text.line_height) {
            return Err(out_of_range("text.line_height", "must be between 1 and 3"));
        }
        if !(5.0..=60.0).contains(&self.page.margin_mm) {
            return Err(out_of_range("page.margin_mm", "must be between 5 and 60"));
        }
        if self.headings.size_pt.len() < 4
            || self
                .headings
                .size_pt
                .iter()
                .any(|s| !(4.0..=96.0).contains(s))
        {
            return Err(out_of_range(
                "headings.size_pt",
                "needs four sizes (H1–H4) between 4 and 96",
            ));
        }
        for (key, value) in [
            ("colors.text", &self.colors.text),
            ("colors.background", &self.colors.background),
        ] {
            if parse_hex_color(value).is_none() {
                return Err(out_of_range(key, "must be a colour like \"#000000\""));
            }
        }
        Ok(())
    }

    /// The heading size in points for a rendered heading level (1 = title).
    pub fn heading_size_pt(&self, level: u8) -> f32 {
        let index = usize::from(level.clamp(1, 4)) - 1;
        self.headings.size_pt[index.min(self.headings.size_pt.len() - 1)]
    }
}

/// Parses `#RRGGBB` into its three components.
pub fn parse_hex_color(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_style_parses() {
        for (name, _) in BUILT_IN {
            let style = Style::built_in(name).unwrap();
            assert_eq!(style.name, *name);
        }
    }

    #[test]
    fn large_print_body_is_18_pt() {
        let style = Style::built_in("large-print").unwrap();
        assert_eq!(style.text.size_pt, 18.0);
        assert_eq!(style.headings.size_pt[..3], [24.0, 22.0, 20.0]);
    }

    #[test]
    fn missing_keys_fall_back_to_default() {
        let style = Style::parse("[text]\nsize_pt = 14\n", "mine.toml").unwrap();
        assert_eq!(style.text.size_pt, 14.0);
        assert_eq!(style.page.margin_mm, 25.0);
    }

    #[test]
    fn misspelt_key_is_named_in_the_error() {
        let error = Style::parse("[text]\nsize_ptt = 14\n", "mine.toml").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("mine.toml"), "{message}");
        assert!(message.contains("size_ptt"), "{message}");
    }

    #[test]
    fn justified_text_is_refused() {
        let error = Style::parse("[text]\nalign = \"justify\"\n", "j.toml").unwrap_err();
        assert!(error.to_string().contains("j.toml"));
    }
}
