//! Bytes to text: BOM-aware UTF-8/UTF-16, a chosen legacy encoding, or a
//! GB18030 fallback for Chinese reports saved outside UTF-8; binary files are refused.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Decoded text, the encoding it was read with, and what was lossy about it.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// File signatures of formats that are certainly not text.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX)"),
    (b"\x1F\x8B", "gzip"),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an Office 97 document"),
];

/// The encoding for a label such as `utf-8`, `gbk`, `gb18030`, `utf-16`, `latin1`
/// (WHATWG labels; `utf-16` means little-endian unless a BOM says otherwise).
pub fn lookup(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes` with `encoding` if given, else detects: BOM, then UTF-8,
/// then GB18030 when that reads the bytes cleanly and UTF-8 clearly does not.
///
/// Takes the bytes by value so that valid UTF-8, the common case, is not copied.
pub fn decode(bytes: impl Into<Vec<u8>>, encoding: Option<&'static Encoding>) -> Result<Decoded, String> {
    let bytes = bytes.into();
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(format!("not text: looks like {kind}"));
    }
    // A BOM outranks the caller's choice: it is what the writer of the file said.
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return Ok(with(enc, &bytes[bom_len..]));
    }
    match encoding {
        Some(enc) => Ok(with(enc, &bytes)),
        None => detect(bytes),
    }
}

fn detect(bytes: Vec<u8>) -> Result<Decoded, String> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err("not text: contains NUL bytes (binary file?)".into());
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: UTF_8.name(),
                warnings: Vec::new(),
            })
        }
        Err(e) => e.into_bytes(),
    };
    let bytes = &bytes[..];
    let (valid, invalid) = utf8_census(bytes);
    // UTF-8 with a few damaged bytes stays UTF-8; mostly-invalid UTF-8 may be GB18030.
    if invalid > valid {
        if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            log::info!("not UTF-8, decoded as GB18030");
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: GB18030.name(),
                warnings: Vec::new(),
            });
        }
    }
    Ok(with(UTF_8, bytes))
}

/// Decodes with replacement, warning about how many characters were lost.
fn with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        let n = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
        warnings.push(format!(
            "invalid {} bytes: {n} character(s) replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        warnings,
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid ones.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => return (valid + s.chars().filter(|c| !c.is_ascii()).count(), invalid),
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_and_bom() {
        let d = decode("Copper – 铜".as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Copper – 铜", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFCopper", None).unwrap();
        assert_eq!(d.text, "Copper");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("铜 up 5%".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("铜 up 5%".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(le, None).unwrap().text, "铜 up 5%");
        assert_eq!(decode(&be[..], None).unwrap().text, "铜 up 5%");
        // A BOM wins over a wrong caller choice.
        assert_eq!(decode(&be[..], lookup("gbk")).unwrap().text, "铜 up 5%");
    }

    #[test]
    fn chosen_encoding() {
        let (gbk, _, _) = GB18030.encode("铜产量下降 7.46%");
        let d = decode(&gbk[..], lookup("gbk")).unwrap();
        assert_eq!(d.text, "铜产量下降 7.46%");
        let utf16: Vec<u8> = "Nickel".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(utf16, lookup("utf-16")).unwrap().text, "Nickel");
        assert_eq!(decode(b"caf\xE9", lookup("latin1")).unwrap().text, "café");
        assert!(lookup("no-such-encoding").is_none());
        // A chosen UTF-8 is kept even where GB18030 would read the bytes.
        let (gb, _, _) = GB18030.encode("铜产量");
        assert_eq!(decode(&gb[..], lookup("utf-8")).unwrap().encoding, "UTF-8");
    }

    #[test]
    fn gb18030_detected_when_utf8_fails() {
        let (bytes, _, _) = GB18030.encode("中国电解铜产量环比下降8.17万吨，降幅7.46%。");
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes[..], None).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, "中国电解铜产量环比下降8.17万吨，降幅7.46%。");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn damaged_utf8_is_replaced_with_a_warning() {
        let mut bytes = "铜价上涨，铝价下跌，锂价持平。".as_bytes().to_vec();
        bytes.insert(3, 0xFF);
        let d = decode(&bytes[..], None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "铜\u{FFFD}价上涨，铝价下跌，锂价持平。");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("1 character(s) replaced"), "{:?}", d.warnings);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"%PDF-1.7\n...", None).unwrap_err(), "not text: looks like PDF");
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", None).unwrap_err(),
            "not text: looks like PNG"
        );
        assert_eq!(
            decode(b"\xFF\xD8\xFF\xE0", None).unwrap_err(),
            "not text: looks like JPEG"
        );
        assert_eq!(decode(b"GIF89a", None).unwrap_err(), "not text: looks like GIF");
        assert!(decode(b"PK\x03\x04", None).unwrap_err().contains("ZIP"));
        assert!(decode(b"abc\0def", None).unwrap_err().contains("NUL"));
        assert!(decode(b"", None).unwrap().text.is_empty());
    }
}
