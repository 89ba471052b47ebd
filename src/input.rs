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
    /// One tidy table (`data/*.csv`, `--data`): room for five million rows
    /// (the scale the explorer is benchmarked at), read in blocks, never whole.
    pub const TIDY_FILE: u64 = 1 << 30;
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

/// Opens a file to read, with the errors of [`read_file`] for a missing file or a folder.
fn open(path: &Path, shown: &str, what: &str) -> Result<std::fs::File, Error> {
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
    Ok(file)
}

/// Reads a whole file of at most `limit` bytes. `shown` is the name used in
/// messages (the path as the user gave it); `what` says what was expected.
pub fn read_file(path: &Path, shown: &str, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let file = open(path, shown, what)?;
    let len = file.metadata().map_err(|e| Error::io(shown, e))?.len();
    let mut bytes = Vec::with_capacity(len.min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(shown, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(shown, limit, what).into());
    }
    Ok(bytes)
}

/// A block of a text file as read: bytes not yet checked as text.
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    pub bytes: &'a [u8],
    /// The number of the block's first line.
    pub first_line: usize,
    /// True for the block that starts the file.
    pub start: bool,
}

impl<'a> Block<'a> {
    /// The block as text, checked as [`decode`] checks a whole file (a part
    /// of a block split at a line end may be checked on its own).
    pub fn decode(&self, file: &str) -> Result<&'a str, InputError> {
        decode_from(file, self.bytes, self.first_line, self.start)
    }
}

/// Reads a text file of at most `limit` bytes in blocks of about `block`
/// bytes that end at a line end, so a large file is never held whole. Each
/// block goes to `each`, which checks it as text ([`Block::decode`]) and
/// returns the number of line ends (`\n`) in it. A line longer than
/// `max_line` is an error naming it.
///
/// The next block is read on a thread of its own while `each` works on the
/// one before, so that copying the file in does not leave a core idle; at
/// most three blocks are in memory at once.
pub fn read_blocks(
    path: &Path,
    (shown, what): (&str, &str),
    (limit, max_line): (u64, usize),
    block: usize,
    mut each: impl FnMut(Block<'_>) -> Result<usize, Error>,
) -> Result<(), Error> {
    let file = open(path, shown, what)?;
    let block = block.max(max_line + 2);
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Result<Ahead, Error>>(1);
    let (free_tx, free_rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        scope.spawn(move || read_ahead(file, (shown, what), limit, block, full_tx, free_rx));
        let (mut line, mut first) = (1usize, true);
        // Ends when the reader has sent the last block or an error, or when
        // `each` fails (the reader then stops at its next send).
        for read in full_rx {
            match read? {
                Ahead::Block(buf, eof) => {
                    if !buf.is_empty() || first {
                        line += each(Block {
                            bytes: &buf,
                            first_line: line,
                            start: first,
                        })?;
                        first = false;
                    }
                    if eof {
                        return Ok(());
                    }
                    // The reader may have stopped already: the buffer is then dropped.
                    let _ = free_tx.send(buf);
                }
                Ahead::LineTooLong => return Err(line_too_long(shown, line, max_line).into()),
            }
        }
        Ok(())
    })
}

/// What the reader of [`read_blocks`] hands on: a block of whole lines (and
/// whether it ends the file), or word that the line after the blocks so far
/// is over the line limit (its number is known only to the receiver).
enum Ahead {
    Block(Vec<u8>, bool),
    LineTooLong,
}

/// The reading half of [`read_blocks`]: blocks of whole lines go to `full`,
/// in file order; buffers come back through `free` to be used again.
fn read_ahead(
    mut file: std::fs::File,
    (shown, what): (&str, &str),
    limit: u64,
    block: usize,
    full: std::sync::mpsc::SyncSender<Result<Ahead, Error>>,
    free: std::sync::mpsc::Receiver<Vec<u8>>,
) {
    let mut total = 0u64;
    // The part line after the last line end of a block, carried to the next.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut buf = free
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(block + carry.len()));
        buf.clear();
        buf.extend_from_slice(&carry);
        // Appends at most `block` bytes, without zeroing the buffer first.
        let got = match (&mut file).take(block as u64).read_to_end(&mut buf) {
            Ok(n) => n,
            Err(e) => {
                let _ = full.send(Err(Error::io(shown, e)));
                return;
            }
        };
        let eof = got < block;
        total += got as u64;
        if total > limit {
            let _ = full.send(Err(too_big(shown, limit, what).into()));
            return;
        }
        let end = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(at) => at + 1,
                None => {
                    let _ = full.send(Ok(Ahead::LineTooLong));
                    return;
                }
            }
        };
        carry.clear();
        carry.extend_from_slice(&buf[end..]);
        buf.truncate(end);
        if full.send(Ok(Ahead::Block(buf, eof))).is_err() || eof {
            return;
        }
    }
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
    decode_from(file, bytes, 1, true)
}

/// [`decode`] for a part of a file that starts on line `first_line` (`start`:
/// the part is the file's beginning, where a byte-order mark may be).
fn decode_from<'a>(
    file: &str,
    bytes: &'a [u8],
    first_line: usize,
    start: bool,
) -> Result<&'a str, InputError> {
    let line_of = |at: usize| first_line + memchr::memchr_iter(b'\n', &bytes[..at]).count();
    if start && (bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff])) {
        return Err(InputError::at(
            file,
            1,
            "expected UTF-8 text; found UTF-16 (save the file as UTF-8)",
        ));
    }
    if let Some(at) = memchr::memchr(0, bytes) {
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
    Ok(if start {
        text.strip_prefix('\u{feff}').unwrap_or(text)
    } else {
        text
    })
}

/// The error for a line over its length limit.
pub fn line_too_long(file: &str, line: usize, max_line: usize) -> InputError {
    InputError::at(
        file,
        line,
        format!(
            "line longer than the limit of {}; expected short lines of delimited fields",
            human_size(max_line as u64)
        ),
    )
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
        let len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        if len > max_line {
            return Err(line_too_long(file, line, max_line));
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
