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

/// Opens a file to read, with the errors of [`read_file`] for a missing file,
/// a folder, and anything that is not a regular file.
///
/// The file is opened without blocking (`O_NONBLOCK`), so that a FIFO with no
/// writer (or a device that waits) cannot hang the command, and only a
/// regular file is read: a FIFO, a device (`/dev/zero`) or a socket in place
/// of an input is an input error (exit status 2) naming the path. For a
/// regular file the flag changes nothing.
fn open(path: &Path, shown: &str, what: &str) -> Result<std::fs::File, Error> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(InputError::file(shown, format!("no such file; expected {what}")).into());
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            // `--case FILE`: a part of the path is a file, not a folder.
            let file = path.ancestors().skip(1).find(|a| a.is_file()).map_or_else(
                || "a part of the path".to_string(),
                |a| a.display().to_string(),
            );
            return Err(InputError::file(
                shown,
                format!("{file} is a file, not a folder; expected {what}"),
            )
            .into());
        }
        // A socket cannot be opened (ENXIO): it is not a file to read either.
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(not_regular(shown, "a socket", what).into());
        }
        Err(e) => return Err(Error::io(shown, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(shown, e))?;
    if meta.is_dir() {
        return Err(InputError::file(shown, format!("is a folder; expected {what}")).into());
    }
    if !meta.is_file() {
        return Err(not_regular(shown, kind_of(&meta.file_type()), what).into());
    }
    Ok(file)
}

/// What a file that is not a regular file is, in words.
fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = t;
    "a special file"
}

/// The error for an input that is a FIFO, a device or a socket.
fn not_regular(shown: &str, kind: &str, what: &str) -> InputError {
    InputError::file(
        shown,
        format!("is {kind}, not a regular file; expected {what}"),
    )
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

/// [`read_file`], then [`decode`]: the text of a file of at most `limit`
/// bytes, without a leading byte-order mark.
pub fn read_text(path: &Path, shown: &str, limit: u64, what: &str) -> Result<String, Error> {
    let bytes = read_file(path, shown, limit, what)?;
    Ok(decode(shown, &bytes)?.to_string())
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
/// block goes to `parse`, which checks it as text ([`Block::decode`]); what
/// it makes goes to `take`, block after block in file order. A line longer
/// than `max_line` is an error naming it; so is the first error of `parse`
/// or `take` in file order.
///
/// Three threads share the work: one reads the blocks (and counts their
/// lines, so that each block knows its first line number), and two parse
/// them, block by block in turn: the calling thread the first, third, ...
/// block, a helper the second, fourth, .... The helper waits for work
/// rather than being started per block (a thread started anew took up to
/// some milliseconds to get a core). At most six blocks are in memory at once.
pub fn read_blocks<T: Send>(
    path: &Path,
    (shown, what): (&str, &str),
    (limit, max_line): (u64, usize),
    block: usize,
    parse: impl Fn(Block<'_>) -> Result<T, Error> + Sync,
    mut take: impl FnMut(T) -> Result<(), Error>,
) -> Result<(), Error> {
    use std::sync::mpsc::{channel, sync_channel};
    let file = open(path, shown, what)?;
    let block = block.max(max_line + 2);
    // Blocks in file order go alternately to the calling thread and to the helper.
    let (mine_tx, mine_rx) = sync_channel::<Ahead>(1);
    let (helper_tx, helper_rx) = sync_channel::<Ahead>(1);
    let (made_tx, made_rx) = sync_channel::<(Ahead, Option<Result<T, Error>>)>(1);
    let (free_tx, free_rx) = channel::<Vec<u8>>();
    let parse = &parse;
    // A block past the first with nothing in it (a file that ends at a
    // block's end) is not parsed.
    let parse_one = |ahead: &Ahead| match ahead {
        Ahead::Block(read) if read.start || !read.buf.is_empty() => Some(parse(read.block())),
        _ => None,
    };
    std::thread::scope(|scope| {
        let shared = (shown, what);
        scope.spawn(move || read_ahead(file, shared, limit, block, [mine_tx, helper_tx], free_rx));
        scope.spawn(move || {
            for ahead in helper_rx {
                let made = parse_one(&ahead);
                let last = !matches!(&ahead, Ahead::Block(r) if !r.eof);
                if made_tx.send((ahead, made)).is_err() || last {
                    return;
                }
            }
        });
        // Owned here, so that they close when this returns: the other
        // threads then stop at their next send instead of waiting for ever.
        let (mine_rx, made_rx, free_tx) = (mine_rx, made_rx, free_tx);
        // Ends at the block that ends the file or at the first error, in
        // file order.
        for turn in 0usize.. {
            let (ahead, made) = if turn % 2 == 0 {
                let Ok(ahead) = mine_rx.recv() else {
                    return Ok(());
                };
                let made = parse_one(&ahead);
                (ahead, made)
            } else {
                let Ok(done) = made_rx.recv() else {
                    return Ok(());
                };
                done
            };
            match ahead {
                Ahead::Block(read) => {
                    if let Some(made) = made {
                        take(made?)?;
                    }
                    if read.eof {
                        return Ok(());
                    }
                    // The reader may have stopped already: the buffer is then dropped.
                    let _ = free_tx.send(read.buf);
                }
                Ahead::LineTooLong(line) => {
                    return Err(line_too_long(shown, line, max_line).into());
                }
                Ahead::Failed(e) => return Err(e),
            }
        }
        Ok(())
    })
}

/// A block as the reader of [`read_blocks`] hands it on.
struct ReadBlock {
    buf: Vec<u8>,
    first_line: usize,
    start: bool,
    /// The block ends the file.
    eof: bool,
}

impl ReadBlock {
    fn block(&self) -> Block<'_> {
        Block {
            bytes: &self.buf,
            first_line: self.first_line,
            start: self.start,
        }
    }
}

/// What the reader of [`read_blocks`] hands on: a block of whole lines, word
/// that a line (its number) is over the line limit, or a failure to read.
enum Ahead {
    Block(ReadBlock),
    LineTooLong(usize),
    Failed(Error),
}

/// The reading part of [`read_blocks`]: blocks of whole lines go to the two
/// parsers in turn (`to[0]` the first); buffers come back through `free` to
/// be used again.
fn read_ahead(
    mut file: std::fs::File,
    (shown, what): (&str, &str),
    limit: u64,
    block: usize,
    to: [std::sync::mpsc::SyncSender<Ahead>; 2],
    free: std::sync::mpsc::Receiver<Vec<u8>>,
) {
    let mut total = 0u64;
    let mut line = 1usize;
    // The part line after the last line end of a block, carried to the next.
    let mut carry: Vec<u8> = Vec::new();
    for turn in 0usize.. {
        let send = |a: Ahead| to[turn % 2].send(a).is_ok();
        // Room for a block and the part line before it (a line is short next
        // to a block): a buffer used again is then not grown as it is read
        // into, which would copy it whole into one of twice the size.
        let room = block + carry.len().max(block / 64);
        let mut buf = free.try_recv().unwrap_or_else(|_| Vec::with_capacity(room));
        buf.clear();
        buf.reserve_exact(block + carry.len());
        buf.extend_from_slice(&carry);
        // Appends at most `block` bytes, without zeroing the buffer first.
        let got = match (&mut file).take(block as u64).read_to_end(&mut buf) {
            Ok(n) => n,
            Err(e) => {
                send(Ahead::Failed(Error::io(shown, e)));
                return;
            }
        };
        let eof = got < block;
        total += got as u64;
        if total > limit {
            send(Ahead::Failed(too_big(shown, limit, what).into()));
            return;
        }
        let end = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(at) => at + 1,
                None => {
                    send(Ahead::LineTooLong(line));
                    return;
                }
            }
        };
        carry.clear();
        carry.extend_from_slice(&buf[end..]);
        buf.truncate(end);
        let first_line = line;
        line += memchr::memchr_iter(b'\n', &buf).count();
        let read = ReadBlock {
            buf,
            first_line,
            start: turn == 0,
            eof,
        };
        if !send(Ahead::Block(read)) || eof {
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

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo reads a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // No writer: a blocking open would wait for ever.
        let e = read_file(&fifo, "p", 10, "x").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().starts_with("p: is a FIFO"), "{e}");
        let e = read_blocks(&fifo, ("p", "x"), (10, 10), 64, |_| Ok(()), |()| Ok(()));
        assert!(e.unwrap_err().to_string().starts_with("p: is a FIFO"));
        let e = read_text(Path::new("/dev/zero"), "z", 1 << 30, "x").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().starts_with("z: is a device"), "{e}");
    }
}
