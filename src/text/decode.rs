//! Bytes to text: BOM sniffing, UTF-16, and legacy Chinese encodings
//! (GB18030/GBK, Big5) guessed with `chardetng`, then newline normalisation.

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, newlines normalised to `\n`.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `"UTF-8"`, `"UTF-16LE"`, `"gb18030"`.
    pub encoding: String,
    /// True when the encoding is certain: a BOM, valid UTF-8, an encoding
    /// the caller chose, or a `chardetng` guess that beat its rivals on at
    /// least 64 non-ASCII bytes. False means the guess may well be wrong,
    /// and a user should be offered another encoding.
    pub confident: bool,
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
    /// The forced text is not valid in the encoding the caller chose.
    #[error("the text is not valid {0}")]
    NotInEncoding(String),
    /// A label that names no encoding (see the WHATWG Encoding Standard).
    #[error("{0:?} is not the name of an encoding")]
    UnknownEncoding(String),
    /// The caller asked to stop.
    #[error("cancelled")]
    Cancelled,
}

/// Fewest non-ASCII bytes on which a guessed encoding counts as confident.
const MIN_EVIDENCE_BYTES: usize = 64;

/// How much is decoded at a time, between two calls of the `keep_going`
/// callback of [`decode_with`].
const CHUNK_BYTES: usize = 1 << 20;

/// Decode `bytes` as text.
///
/// Order: a BOM decides (UTF-8, UTF-16LE/BE); else valid UTF-8 is UTF-8; else
/// `chardetng` guesses among legacy encodings (tuned for GB18030, GBK, Big5).
/// `\r\n` and lone `\r` become `\n`, so that char offsets do not depend on the
/// platform the file was written on.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, None, &mut |_, _| true)
}

/// Decode `bytes` in the encoding named `label` (a WHATWG label such as
/// `"gbk"`, `"big5"`, `"utf-16be"`, case-insensitive), whatever the
/// detection would say. A BOM of that same encoding is dropped.
pub fn decode_as(bytes: &[u8], label: &str) -> Result<Decoded, DecodeError> {
    let encoding = encoding_for_label(label)?;
    decode_with(bytes, Some(encoding), &mut |_, _| true)
}

/// The encoding a WHATWG `label` names.
pub fn encoding_for_label(label: &str) -> Result<&'static encoding_rs::Encoding, DecodeError> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        // "replacement" is a label for encodings that must never be decoded.
        .filter(|e| *e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| DecodeError::UnknownEncoding(label.to_owned()))
}

/// [`decode`] (or, with `forced`, [`decode_as`]) in chunks, calling
/// `keep_going(done, total)` between them; when it returns false the
/// decoding stops with [`DecodeError::Cancelled`]. `done` grows to `total`
/// across detection and decoding, so `done / total` is a progress fraction.
pub fn decode_with(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    keep_going: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let len = bytes.len() as u64;
    // When chardetng has to guess, detection is the first half of the work.
    let mut detected = false;
    let (encoding, body, confident) = if let Some(enc) = forced {
        let body = match encoding_rs::Encoding::for_bom(bytes) {
            Some((bom, bom_len)) if bom == enc => bytes.get(bom_len..).unwrap_or_default(),
            _ => bytes,
        };
        // UTF-16 is full of NUL bytes; only the decoded text can tell.
        if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE && looks_binary(body) {
            return Err(DecodeError::Binary);
        }
        (enc, body, true)
    } else if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        (enc, bytes.get(bom_len..).unwrap_or_default(), true)
    } else if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    } else if std::str::from_utf8(bytes).is_ok() {
        (encoding_rs::UTF_8, bytes, true)
    } else {
        detected = true;
        let mut detector = chardetng::EncodingDetector::new();
        let mut done = 0u64;
        for chunk in bytes.chunks(CHUNK_BYTES) {
            done += chunk.len() as u64;
            detector.feed(chunk, done == len);
            if !keep_going(done, len * 2) {
                return Err(DecodeError::Cancelled);
            }
        }
        let (enc, sure) = detector.guess_assess(None, true);
        // chardetng calls almost every guess sure, even one from two bytes;
        // a few dozen non-ASCII bytes (a sentence or two of Chinese) are
        // what it needs to tell GBK from Big5 and both from the rest.
        let evidence = bytes.iter().filter(|b| !b.is_ascii()).count();
        (enc, bytes, sure && evidence >= MIN_EVIDENCE_BYTES)
    };
    let offset = if detected { len } else { 0 };
    let total = offset + len;
    let text = decode_chunks(encoding, body, &mut |done| keep_going(offset + done, total))?
        .ok_or_else(|| {
            let name = encoding.name().to_owned();
            if forced.is_some() {
                DecodeError::NotInEncoding(name)
            } else {
                DecodeError::Malformed(name)
            }
        })?;
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name().to_owned(),
        confident,
    })
}

/// `body` decoded (no BOM handling) chunk by chunk, asking `keep_going`
/// with the bytes done after each; `None` when a byte sequence is malformed.
fn decode_chunks(
    encoding: &'static encoding_rs::Encoding,
    body: &[u8],
    keep_going: &mut dyn FnMut(u64) -> bool,
) -> Result<Option<String>, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut done = 0u64;
    let mut chunks = body.chunks(CHUNK_BYTES).peekable();
    if chunks.peek().is_none() {
        return Ok(Some(text));
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let Some(room) = decoder.max_utf8_buffer_length_without_replacement(chunk.len()) else {
            // Only for lengths near usize::MAX, which a slice cannot have.
            return Ok(None);
        };
        text.reserve(room);
        let (result, read) = decoder.decode_to_string_without_replacement(chunk, &mut text, last);
        match result {
            encoding_rs::DecoderResult::InputEmpty if read == chunk.len() => {}
            _ => return Ok(None),
        }
        done += chunk.len() as u64;
        if !keep_going(done) {
            return Err(DecodeError::Cancelled);
        }
    }
    Ok(Some(text))
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
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
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
    fn confidence_follows_the_evidence() {
        assert!(decode(SAMPLE.as_bytes()).unwrap().confident);
        let mut bom = vec![0xFE, 0xFF];
        bom.extend(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes));
        assert!(decode(&bom).unwrap().confident);
        // A long GB18030 text: chardetng's guess beats the other candidates.
        let text = "中国和俄罗斯联邦驻联合国代表给秘书长的信，关于科索沃问题和反导条约。".repeat(3);
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        assert!(decode(&gbk).unwrap().confident);
        // Two bytes could be almost anything.
        let unsure = decode(&[0xB0, 0xA1]).unwrap();
        assert!(!unsure.confident, "{unsure:?}");
    }

    #[test]
    fn decode_as_forces_an_encoding() {
        let text = "中國和俄羅斯聯邦關於科索沃問題";
        let (big5, _, _) = encoding_rs::BIG5.encode(text);
        let forced = decode_as(&big5, " BIG5 ").unwrap();
        assert_eq!(forced.text, text);
        assert_eq!(forced.encoding, "Big5");
        assert!(forced.confident);
        // The same bytes read as GBK are another (valid) text.
        let gbk = decode_as(&big5, "gbk").unwrap();
        assert_eq!(gbk.encoding, "GBK");
        assert_ne!(gbk.text, text);
        // UTF-16 without a BOM, which detection would refuse as binary.
        let be: Vec<u8> = "科索沃\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&be), Err(DecodeError::Binary));
        assert_eq!(decode_as(&be, "utf-16be").unwrap().text, "科索沃\n");
        // A BOM of the chosen encoding is dropped, another one is text.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("科".as_bytes());
        assert_eq!(decode_as(&bom, "utf-8").unwrap().text, "科");
        assert_eq!(
            decode_as(&"科".as_bytes()[..2], "utf-8"),
            Err(DecodeError::NotInEncoding("UTF-8".into()))
        );
        assert_eq!(
            decode_as(b"abc", "klingon"),
            Err(DecodeError::UnknownEncoding("klingon".into()))
        );
        assert!(decode_as(b"abc", "replacement").is_err());
    }

    #[test]
    fn decoding_reports_progress_and_can_be_cancelled() {
        let text = "科索沃问题\n".repeat(CHUNK_BYTES / 8);
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        let mut seen = Vec::new();
        let decoded = decode_with(&gb, None, &mut |done, total| {
            seen.push((done, total));
            true
        })
        .unwrap();
        assert_eq!(decoded.text, text);
        assert!(seen.len() >= 4, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
        assert_eq!(
            seen.last(),
            Some(&(gb.len() as u64 * 2, gb.len() as u64 * 2))
        );
        let mut calls = 0;
        let cancelled = decode_with(text.as_bytes(), None, &mut |_, _| {
            calls += 1;
            false
        });
        assert_eq!(cancelled, Err(DecodeError::Cancelled));
        assert_eq!(calls, 1);
    }

    #[test]
    fn lone_carriage_returns_become_newlines() {
        assert_eq!(normalize_newlines("a\rb\r\nc"), "a\nb\nc");
    }
}
