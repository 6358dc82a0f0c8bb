//! Bytes to text: BOM sniffing, UTF-16, and legacy Chinese encodings
//! (GB18030/GBK, Big5) guessed with `chardetng`, then newline normalisation.

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, newlines normalised to `\n`.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `"UTF-8"`, `"UTF-16LE"`, `"gb18030"`.
    pub encoding: String,
}

/// Why bytes could not be taken as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Nothing to read.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes or other control bytes: not a text file.
    #[error("this is not a text file (it holds binary data)")]
    Binary,
    /// Decoding produced replacement characters in every encoding tried.
    #[error("the text is not valid {0} and no other encoding fits")]
    Malformed(String),
}

/// Decode `bytes` as text.
///
/// Order: a BOM decides (UTF-8, UTF-16LE/BE); else valid UTF-8 is UTF-8; else
/// `chardetng` guesses among legacy encodings (tuned for GB18030, GBK, Big5).
/// `\r\n` and lone `\r` become `\n`, so that char offsets do not depend on the
/// platform the file was written on.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Malformed(enc.name().to_owned()));
        }
        (text.into_owned(), enc.name().to_owned())
    } else {
        if looks_binary(bytes) {
            return Err(DecodeError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), "UTF-8".to_owned()),
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                let enc = detector.guess(None, true);
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                if had_errors {
                    return Err(DecodeError::Malformed(enc.name().to_owned()));
                }
                (text.into_owned(), enc.name().to_owned())
            }
        }
    };
    if text.chars().any(|c| c == '\0') {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding,
    })
}

/// Binary if it has a NUL byte, or many control bytes other than tab, CR,
/// LF and form feed, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..8192).unwrap_or(bytes);
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// `\r\n` and lone `\r` to `\n`.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "世纪之交的中俄关系\r\n科索沃问题 ABM\r\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(plain.text, "世纪之交的中俄关系\n科索沃问题 ABM\n");
        assert_eq!(plain.encoding, "UTF-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&bom).unwrap(), plain);
    }

    #[test]
    fn utf16_both_orders() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in units {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let le = decode(&le).unwrap();
        assert_eq!(le.encoding, "UTF-16LE");
        assert_eq!(le.text, normalize_newlines(SAMPLE));
        assert_eq!(decode(&be).unwrap().text, le.text);
    }

    #[test]
    fn gb18030_and_big5_are_detected() {
        let text = "中国和俄罗斯联邦驻联合国代表给秘书长的信，关于科索沃问题和反导条约。".repeat(3);
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        let decoded = decode(&gbk).unwrap();
        assert_eq!(decoded.text, text);
        assert!(
            decoded.encoding.eq_ignore_ascii_case("gbk")
                || decoded.encoding.eq_ignore_ascii_case("gb18030")
        );

        let trad = "中國和俄羅斯聯邦駐聯合國代表給秘書長的信，關於科索沃問題。".repeat(3);
        let (big5, _, _) = encoding_rs::BIG5.encode(&trad);
        let decoded = decode(&big5).unwrap();
        assert_eq!(decoded.text, trad);
        assert_eq!(decoded.encoding, "Big5");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00binary"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0x01, 0x02, 0x03, 0x04, 0x05, b'a']),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn lone_carriage_returns_become_newlines() {
        assert_eq!(normalize_newlines("a\rb\r\nc"), "a\nb\nc");
    }
}
