//! Reading input files: the size limits every reader keeps, and the one way
//! files are read and decoded, so that every input (raw official files, tidy
//! tables, article.md, claims.toml, the config file) fails the same way.
//!
//! A missing file, a file over its size limit, text that is not UTF-8 (UTF-16
//! included) and a line over the line limit are input errors (exit status 2)
//! naming the file and, where there is one, the line. Only failures of the
//! environment (permissions, a failing disk) are I/O errors (exit status 1).

use crate::error::{Error, InputError};
use std::io::Read;
use std::path::Path;

/// The limits on inputs, in bytes (lines: count). The largest official file
/// (s1_globl.txt) is 3.2 MB with lines of at most 444 bytes; the bundled
/// article is 9 KB, its claims 21 KB.
pub mod limits {
    /// One raw official file (five times the largest, s1_globl.txt).
    pub const RAW_FILE: u64 = 16 << 20;
    /// One tidy table (`data/*.csv`, `--data`).
    pub const TIDY_FILE: u64 = 64 << 20;
    /// Lines of one raw official file (six times the most, s1_globl.txt's 41,538).
    pub const RAW_LINES: usize = 250_000;
    /// One line of a raw official file.
    pub const LINE: usize = 8 << 10;
    /// One line of a tidy table: a row made from one raw line can be longer
    /// than it (quotes doubled in the entity and the page address, fixed
    /// columns added), never more than three times as long.
    pub const TIDY_LINE: usize = 3 * LINE;
    /// article.md.
    pub const ARTICLE: u64 = 1 << 20;
    /// One paragraph of article.md (lines between blank lines).
    pub const PARAGRAPH: usize = 64 << 10;
    /// claims.toml.
    pub const CLAIMS: u64 = 4 << 20;
    /// The TUI config file.
    pub const CONFIG: u64 = 256 << 10;
}

/// Reads a whole file of at most `limit` bytes. `shown` is the name used in
/// messages (the path as the user gave it); `what` says what was expected.
pub fn read_file(path: &Path, shown: &str, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(InputError::file(shown, format!("no such file; expected {what}")).into());
        }
        Err(e) => return Err(Error::io(shown, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(shown, e))?;
    if meta.is_dir() {
        return Err(InputError::file(shown, format!("is a folder; expected {what}")).into());
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(shown, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(shown, limit, what).into());
    }
    Ok(bytes)
}

/// The error for a file over its size limit.
pub fn too_big(shown: &str, limit: u64, what: &str) -> InputError {
    InputError::file(
        shown,
        format!(
            "larger than the limit of {}; expected {what}",
            human_size(limit)
        ),
    )
}

/// `1 MiB`, `256 KiB`, `100 bytes`.
pub fn human_size(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Checks that bytes are UTF-8 text and returns them without a leading
/// byte-order mark. UTF-16 (a UTF-16 byte-order mark, or NUL bytes) and other
/// encodings are errors naming the line of the first bad byte.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    let line_of = |at: usize| 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(InputError::at(
            file,
            1,
            "expected UTF-8 text; found UTF-16 (save the file as UTF-8)",
        ));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(InputError::at(
            file,
            line_of(at),
            "expected UTF-8 text; found a NUL byte (UTF-16 or a binary file?)",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::at(
            file,
            line_of(e.valid_up_to()),
            "expected UTF-8 text; found bytes in another encoding",
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Checks that no line of `text` is longer than `max_line` bytes and that
/// there are at most `max_lines` lines. One pass, no allocation.
pub fn check_lines(
    file: &str,
    text: &str,
    max_line: usize,
    max_lines: usize,
) -> Result<(), InputError> {
    let mut line = 0;
    let mut rest = text.as_bytes();
    while !rest.is_empty() {
        line += 1;
        if line > max_lines {
            return Err(InputError::at(
                file,
                line,
                format!("more than {max_lines} lines; expected a file within the limit"),
            ));
        }
        let len = rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
        if len > max_line {
            return Err(InputError::at(
                file,
                line,
                format!(
                    "line longer than the limit of {}; expected short lines of delimited fields",
                    human_size(max_line as u64)
                ),
            ));
        }
        rest = rest.get(len + 1..).unwrap_or_default();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_a_bom_and_names_the_bad_line() {
        assert_eq!(decode("f", b"\xef\xbb\xbfabc").unwrap(), "abc");
        let e = decode("f", b"a\nb\n\xff\n").unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (Some(3), "f"));
        let e = decode("f", b"\xff\xfe#\0 \0").unwrap_err();
        assert!(e.message.contains("UTF-16"), "{e}");
        let e = decode("f", b"a\n#\0 \0").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("NUL"), "{e}");
    }

    #[test]
    fn check_lines_bounds_length_and_count() {
        assert!(check_lines("f", "ab\ncd\n", 2, 2).is_ok());
        let e = check_lines("f", "ab\nabc\n", 2, 10).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.contains("longer than the limit of 2 bytes"),
            "{e}"
        );
        let e = check_lines("f", "a\nb\nc", 10, 2).unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn read_file_errors_are_input_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let e = read_file(&missing, "given/nope.toml", 10, "a claims file").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.to_string().starts_with("given/nope.toml: no such file"),
            "{e}"
        );
        let big = dir.path().join("big");
        std::fs::write(&big, [b'x'; 11]).unwrap();
        let e = read_file(&big, "big", 10, "x").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("limit of 10 bytes"), "{e}");
        let e = read_file(dir.path(), "d", 10, "x").unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
        assert_eq!(read_file(&big, "big", 11, "x").unwrap().len(), 11);
    }
}
