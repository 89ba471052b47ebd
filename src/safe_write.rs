//! Writing output files safely, for `import` and `export` alike.
//!
//! - A regular file is written through a temporary file in the same folder,
//!   created exclusively (a unique name, `create_new`: an existing file or a
//!   planted symlink at that name is never opened), then renamed into place,
//!   so readers see the old file or the new one, never half of one.
//! - A symlink at the target is replaced by the rename, never followed,
//!   unless it points to a device (`/dev/stdout`), which is written to.
//! - An existing target that is not a regular file (a device such as
//!   `/dev/null`, a FIFO) is written to directly, as `cat > target` would.
//! - Errors name the path the user gave, not the temporary file.

use crate::error::Error;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is at a target path now.
enum Existing {
    Nothing,
    /// A regular file or a symlink (replaced by the rename).
    Replaceable,
    /// A device, FIFO or socket: written in place.
    Special,
    Folder,
}

fn existing(path: &Path) -> Existing {
    match std::fs::symlink_metadata(path) {
        Err(_) => Existing::Nothing,
        Ok(m) if m.is_dir() => Existing::Folder,
        Ok(m) if m.is_file() => Existing::Replaceable,
        // A symlink to a device (`/dev/stdout`) is written through; any
        // other symlink is replaced.
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(t) if !t.is_file() && !t.is_dir() => Existing::Special,
            _ => Existing::Replaceable,
        },
        Ok(_) => Existing::Special,
    }
}

/// Writes `bytes` to `path` (shown in messages as `shown`).
///
/// An existing target is a usage error (exit status 2) unless `force`. No
/// temporary file is left behind on failure.
pub fn write_file(path: &Path, shown: &str, bytes: &[u8], force: bool) -> Result<(), Error> {
    let state = existing(path);
    if !matches!(state, Existing::Nothing) && !force {
        return Err(Error::Usage(format!(
            "{shown} already exists; pass --force to replace it"
        )));
    }
    match state {
        Existing::Folder => Err(Error::Usage(format!(
            "{shown} is a folder; expected a file name"
        ))),
        Existing::Special => {
            let mut f = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(shown, e))?;
            f.write_all(bytes)
                .and_then(|()| f.flush())
                .map_err(|e| Error::io(shown, e))
        }
        Existing::Nothing | Existing::Replaceable => {
            let Some(name) = path.file_name() else {
                return Err(Error::Usage(format!("{shown}: expected a file name")));
            };
            let staged = stage(folder_of(path), &name.to_string_lossy(), bytes)
                .map_err(|e| Error::io(shown, e))?;
            if let Err(e) = std::fs::rename(&staged, path) {
                let _ = std::fs::remove_file(&staged);
                return Err(Error::io(shown, e));
            }
            sync_folder(folder_of(path));
            Ok(())
        }
    }
}

/// Writes several files into `dir` all or nothing as far as the file system
/// allows: every file is staged (written and synced to a temporary file)
/// before any is renamed into place. Existing files are replaced.
pub fn write_files(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), Error> {
    let shown = |name: &str| dir.join(name).display().to_string();
    for (name, _) in files {
        if matches!(
            existing(&dir.join(name)),
            Existing::Folder | Existing::Special
        ) {
            return Err(Error::Usage(format!(
                "{} exists and is not a regular file; expected a file the import may replace",
                shown(name)
            )));
        }
    }
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let clean = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (name, bytes) in files {
        match stage(dir, name, bytes) {
            Ok(tmp) => staged.push((tmp, dir.join(name))),
            Err(e) => {
                clean(&staged);
                return Err(Error::io(shown(name), e));
            }
        }
    }
    for (i, (tmp, target)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, target) {
            clean(&staged[i..]);
            return Err(Error::io(target.display().to_string(), e));
        }
    }
    sync_folder(dir);
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename durable (best effort: not every system syncs folders).
fn sync_folder(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to a new temporary file beside `name` in `dir` and returns its path.
fn stage(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let (tmp, mut file) = create_temp(dir, name)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A new, uniquely named temporary file `.NAME.PID-N.tmp` in `dir`, created
/// exclusively: an existing entry at a name (a planted symlink included) is
/// skipped, never opened.
pub fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_symlink_without_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("out.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_file(&link, "out.md", b"new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "new");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }

    #[test]
    fn temp_names_skip_planted_entries() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        // Plant a symlink at every name the next few temporary files could take.
        let pid = std::process::id();
        let start = {
            let (p, _) = create_temp(dir.path(), "probe").unwrap();
            std::fs::remove_file(&p).unwrap();
            let s = p.to_string_lossy().into_owned();
            let n: u64 = s
                .rsplit('-')
                .next()
                .unwrap()
                .trim_end_matches(".tmp")
                .parse()
                .unwrap();
            n + 1
        };
        for n in start..start + 20 {
            let planted = dir.path().join(format!(".t.csv.{pid}-{n}.tmp"));
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        write_files(dir.path(), &[("t.csv", b"rows")]).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("t.csv")).unwrap(),
            "rows"
        );
    }

    #[test]
    fn special_files_are_written_in_place_and_errors_name_the_given_path() {
        write_file(Path::new("/dev/null"), "/dev/null", b"x", true).unwrap();
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device());
        // A symlink to a device is written through, and stays a symlink.
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        write_file(&link, "out", b"x", true).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let e = write_file(Path::new("/no/such/dir/out.md"), "given.md", b"x", false).unwrap_err();
        assert!(e.to_string().starts_with("given.md: "), "{e}");
        assert_eq!(e.exit_code(), 1);
        let e = write_file(Path::new("/dev/null"), "/dev/null", b"x", false).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }
}
