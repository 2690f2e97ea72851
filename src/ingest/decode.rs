//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1252 as the
//! fallback for 8-bit text. Binary data is refused with the offset of the first binary byte.

use crate::error::{IngestError, Warning};

/// Control bytes that never occur in text documents (all C0 controls but tab, LF, FF, CR).
fn is_binary_byte(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Decodes a document's bytes into text, recording a warning when it was not UTF-8.
pub fn decode(bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            if had_errors {
                return Err(IngestError::Encoding(format!(
                    "invalid {} sequence",
                    encoding.name()
                )));
            }
            warnings.push(Warning::DecodedAs {
                encoding: encoding.name(),
            });
            return checked(text.into_owned());
        }
    }
    if let Some(offset) = bytes.iter().position(|b| is_binary_byte(*b)) {
        return Err(IngestError::NotText { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            warnings.push(Warning::DecodedAs {
                encoding: "windows-1252",
            });
            Ok(text.into_owned())
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => checked(text.to_owned()),
        Err(e) => Err(IngestError::Encoding(format!(
            "UTF-8 byte order mark, but invalid UTF-8 at byte {}",
            e.valid_up_to() + 3
        ))),
    }
}

fn checked(text: String) -> Result<String, IngestError> {
    match text
        .char_indices()
        .find(|(_, c)| (*c as u32) < 0x80 && is_binary_byte(*c as u8))
    {
        Some((offset, _)) => Err(IngestError::NotText { offset }),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let mut w = Vec::new();
        assert_eq!(
            decode(b"\xEF\xBB\xBFQuill\xC3\xA9", &mut w).unwrap(),
            "Quillé"
        );
        assert!(w.is_empty());
    }

    #[test]
    fn utf16_le_with_bom_is_decoded_with_a_warning() {
        let mut w = Vec::new();
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&bytes, &mut w).unwrap(), "Hé");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let mut w = Vec::new();
        assert_eq!(
            decode(b"Quill\xE9 \x93hi\x94", &mut w).unwrap(),
            "Quillé “hi”"
        );
        assert_eq!(
            w,
            vec![Warning::DecodedAs {
                encoding: "windows-1252"
            }]
        );
    }

    #[test]
    fn nul_byte_is_binary() {
        let mut w = Vec::new();
        assert_eq!(
            decode(b"PK\x03\x04\x00", &mut w),
            Err(IngestError::NotText { offset: 2 })
        );
    }
}
