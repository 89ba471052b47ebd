//! Errors about input the user (or an official publisher) gave us.
//!
//! Every error names the file, the line when there is one, and what was
//! expected there, so a person can open the file and fix it.

use std::fmt;

/// A problem with an input file: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it (or a label such as `<embedded>/mfhhis01.csv`).
    pub file: String,
    /// 1-based line number, when the problem sits on one line.
    pub line: Option<usize>,
    /// What was wrong and what was expected instead.
    pub message: String,
}

impl InputError {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// An error about a whole file (no single line to blame).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(file, None, message)
    }

    /// An error on one line of a file.
    pub fn at(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Self::new(file, Some(line), message)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// 1-based line of a byte offset in a text (for errors from parsers that give spans).
pub fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// The line and message of a TOML syntax or schema error. The parser gives
/// no position for a dotted key of more parts than it nests (`a.b.c. ... = 1`,
/// "recursion limit"): the line is then that of the key with the most parts.
pub fn toml_error(text: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let message = e.message().trim();
    match e.span() {
        Some(s) => (Some(line_of(text, s.start)), message.to_string()),
        None if message == "recursion limit" => (
            deepest_key_line(text),
            "a key of too many dotted parts (recursion limit)".into(),
        ),
        None => (None, message.to_string()),
    }
}

/// The first line holding the key with the most dotted parts (dots outside
/// strings and comments, counted within one key or table header).
fn deepest_key_line(text: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let (mut dots, mut most) = (0usize, 0usize);
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for c in line.chars() {
            match quote {
                Some(_) if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' => quote = Some(c),
                    '#' => break,
                    '.' => {
                        dots += 1;
                        most = most.max(dots);
                    }
                    '=' | ',' | '{' | '}' | '[' | ']' => dots = 0,
                    _ => {}
                },
            }
        }
        if most > best.map_or(0, |b| b.0) {
            best = Some((most, i + 1));
        }
    }
    best.map(|(_, line)| line)
}

/// Anything that can stop a command: bad input (exit status 2) or a failure
/// of the environment such as an unwritable folder (exit status 1).
#[derive(Debug)]
pub enum Error {
    Input(InputError),
    Io {
        path: String,
        source: std::io::Error,
    },
    Usage(String),
}

impl Error {
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit status this error maps to.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Usage(_) => 2,
            Error::Io { .. } => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Io { path, source } => write!(f, "{path}: {source}"),
            Error::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_nested_past_the_parsers_limit_gets_its_line() {
        let deep: Vec<String> = (0..100).map(|k| format!("k{k}")).collect();
        let text = format!(
            "a = 1.5 # x.y.z\nb = \"p.q.r.s\"\n[t.u]\n{} = 1\n",
            deep.join(".")
        );
        let e = toml::from_str::<toml::Value>(&text).unwrap_err();
        let (line, message) = toml_error(&text, &e);
        assert_eq!(line, Some(4), "{message}");
        assert!(message.contains("recursion limit"), "{message}");
        let header = format!("x = 1\n[{}]\n", deep.join("."));
        let e = toml::from_str::<toml::Value>(&header).unwrap_err();
        assert_eq!(toml_error(&header, &e).0, Some(2));
    }
}
