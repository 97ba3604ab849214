//! Output files: safe, unique file names from the rendered name pattern, and atomic writes.
//!
//! Names are planned for the whole batch, in roster order, before anything is written, so that
//! collisions are settled the same way on every run and never race between threads. A file is
//! written to a temporary name in the same folder and renamed into place, so an interrupted run
//! never leaves a partial PDF under a real name; temporaries left by a killed run are removed by
//! the next run.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::util::diag::{Arg, Diagnose, Diagnostic, Message};

/// An I/O error with the path it happened on (a bare `std::io::Error` never names it).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.diagnostic().message)]
pub struct IoError {
    /// What was being done: "cannot read", "cannot write", …
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: std::io::Error,
}

/// What was being done, as the catalogue's words (in code it stays an ASCII phrase).
fn io_action(action: &str) -> Arg {
    let id = match action {
        "cannot read" => "io-cannot-read",
        "cannot read roster" => "io-cannot-read-roster",
        "cannot read folder" => "io-cannot-read-folder",
        "cannot write" => "io-cannot-write",
        "cannot create folder" => "io-cannot-create-folder",
        "cannot remove" => "io-cannot-remove",
        other => return Arg::Text(other.to_string()),
    };
    Message::new(id).into()
}

impl Diagnose for IoError {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            Message::new("err-error-io-error")
                .arg("action", io_action(self.action))
                .arg("path", self.path.display().to_string()),
        )
    }
}

impl IoError {
    /// Wraps `source` with what was being done to `path`.
    pub fn new(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IoError { action, path: path.into(), source }
    }
}

/// Suffix of temporary files while they are being written.
pub const TEMP_SUFFIX: &str = ".chungnhan-tmp";

const MAX_NAME_BYTES: usize = 150;

/// Turns a rendered file name into one that is valid on Windows, macOS and Linux: no path
/// separators or reserved characters, no control characters, no trailing dots or spaces, not a
/// reserved device name, at most 150 bytes, ending in `.pdf`. Returns `None` if nothing is left.
pub fn sanitize(name: &str) -> Option<String> {
    let name: String = name.nfc().collect();
    let stem = name.trim();
    let stem = stem.strip_suffix(".pdf").or_else(|| stem.strip_suffix(".PDF")).unwrap_or(stem);
    let mut out = String::with_capacity(stem.len());
    for ch in stem.chars() {
        let bad = ch.is_control() || matches!(ch, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        out.push(if bad { '_' } else { ch });
    }
    let mut out = out.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if out.is_empty() || out.chars().all(|c| c == '_') {
        return None;
    }
    while out.len() > MAX_NAME_BYTES {
        out.pop();
    }
    let upper = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    Some(format!("{out}.pdf"))
}

/// Something with a file name: a name itself, or what a run keeps of a record (settling a
/// million names must not copy them).
pub trait Named {
    /// Its name.
    fn name(&self) -> &str;
    /// Gives it another name.
    fn rename(&mut self, name: String);
}

impl Named for String {
    fn name(&self) -> &str {
        self
    }

    fn rename(&mut self, name: String) {
        *self = name;
    }
}

/// Pads the number a name starts with to the width of the longest such number among `names`
/// (`1-…`, `10-…`, `100-…` → `001-…`, `010-…`, `100-…`), so that the files sort as the roster
/// does in every file manager.
pub fn pad_leading_numbers<T: Named>(names: &mut [T]) {
    let digits = |n: &str| n.bytes().take_while(u8::is_ascii_digit).count();
    let width = names.iter().map(|n| digits(n.name())).max().unwrap_or(0);
    for item in names.iter_mut() {
        let d = digits(item.name());
        if d > 0 && d < width {
            let padded = format!("{}{}", "0".repeat(width - d), item.name());
            item.rename(padded);
        }
    }
}

/// Makes names unique (ignoring case, as Windows and macOS do): the first record with a name
/// keeps it; later ones get `-2`, `-3`, … choosing a suffix no other record's name uses.
pub fn dedupe<T: Named>(names: &mut [T]) {
    let order: Vec<usize> = (0..names.len()).collect();
    dedupe_in_order(names, &order);
}

/// [`dedupe`], taking the names in `order` (indices into `names`: who comes first keeps a name).
pub fn dedupe_in_order<T: Named>(names: &mut [T], order: &[usize]) {
    // Every name, by a 128-bit hash of its lower case, sorted, and whether a record has it yet:
    // a million names are 17 MB so, and were several times that as lower-case copies in sets.
    // (Two names sharing a hash would only give one of them a suffix it did not need.)
    let mut all: Vec<u128> = names.iter().map(|n| key(n.name())).collect();
    all.sort_unstable();
    all.dedup();
    let mut claimed = vec![false; all.len()];
    // Suffixed names given so far; where each repeated name's numbers go on (the numbers below
    // are taken: names only ever become taken, so a thousand records of one name take a
    // thousand steps, not half a million).
    let mut given: HashSet<u128> = HashSet::new();
    let mut next: HashMap<u128, usize> = HashMap::new();
    for &i in order {
        let k = key(names[i].name());
        if let Ok(at) = all.binary_search(&k) {
            if !claimed[at] {
                claimed[at] = true;
                continue;
            }
        }
        let stem = names[i].name().strip_suffix(".pdf").unwrap_or(names[i].name()).to_string();
        let n = next.entry(k).or_insert(2);
        loop {
            let candidate = format!("{stem}-{n}.pdf");
            *n += 1;
            let c = key(&candidate);
            if all.binary_search(&c).is_err() && given.insert(c) {
                names[i].rename(candidate);
                break;
            }
        }
    }
}

/// A file name as [`dedupe`] tells names apart: 128 bits of hashes of its lower case (the
/// standard hasher with its fixed keys, so the same names always come out the same).
fn key(name: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let lower = name.to_lowercase();
    let half = |salt: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        lower.hash(&mut h);
        h.finish() as u128
    };
    (half(0) << 64) | half(1)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, made durable, then
/// a rename (see [`stage`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    put_in_place(vec![stage(path, bytes)?])
}

/// A file written under its temporary name, neither durable nor in place yet: [`put_in_place`]
/// does both for a group of them. Dropped before that, it removes its temporary.
#[derive(Debug)]
pub struct Staged {
    file: Option<std::fs::File>,
    tmp: PathBuf,
    path: PathBuf,
}

/// Writes `bytes` to the temporary name of `path`, without waiting for the disk.
///
/// No write follows a symbolic link: whatever sits at the temporary name (a stale temporary, or
/// a link planted there to catch the data) is removed — `remove_file` removes a link, never its
/// target — and the temporary file is created exclusively (`O_CREAT|O_EXCL`, which refuses any
/// existing entry, a dangling link included). The rename then replaces whatever is at `path`,
/// a link included, without writing through it.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, IoError> {
    let tmp = temp_path(path);
    let result = (|| {
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        Ok(f)
    })();
    match result {
        Ok(f) => Ok(Staged { file: Some(f), tmp, path: path.to_path_buf() }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(IoError::new("cannot write", path, e))
        }
    }
}

/// Makes staged files durable, then renames each into place: no file ever stands under its
/// real name before its bytes are on the disk, so a crash leaves whole files or none.
///
/// All are written before any is synced, and synced before any is renamed, so that the disk
/// sees a group at a time rather than a file at a time: writing 3,000 certificates as separate
/// files took a tenth less CPU time and wall time than when each file was synced and renamed on
/// its own (2026-12-02; starting each file's writeback as it is written gained a little more
/// wall time, no CPU time, and would need a Linux-only call).
pub fn put_in_place(mut staged: Vec<Staged>) -> Result<(), IoError> {
    for s in &mut staged {
        if let Some(f) = s.file.take() {
            f.sync_data().map_err(|e| IoError::new("cannot write", &s.path, e))?;
        }
    }
    for s in &mut staged {
        std::fs::rename(&s.tmp, &s.path).map_err(|e| IoError::new("cannot write", &s.path, e))?;
        s.tmp = PathBuf::new();
    }
    Ok(())
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

/// Removes temporary files a killed run left in `dir`.
pub fn remove_stale_temporaries(dir: &Path) -> Result<usize, IoError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(IoError::new("cannot read folder", dir, e)),
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(TEMP_SUFFIX) {
            std::fs::remove_file(entry.path()).map_err(|e| IoError::new("cannot remove", entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_numbers_are_padded_to_the_widest() {
        let mut names: Vec<String> =
            ["1-an.pdf", "10-binh.pdf", "100-chi.pdf", "ngoai.pdf"].map(String::from).into();
        pad_leading_numbers(&mut names);
        assert_eq!(names, ["001-an.pdf", "010-binh.pdf", "100-chi.pdf", "ngoai.pdf"]);
        let mut few: Vec<String> = ["1-an.pdf", "2-binh.pdf"].map(String::from).into();
        pad_leading_numbers(&mut few);
        assert_eq!(few, ["1-an.pdf", "2-binh.pdf"]);
    }

    #[test]
    fn sanitize_removes_separators_and_reserved_names() {
        assert_eq!(sanitize("001-nguyen-van-an.pdf").unwrap(), "001-nguyen-van-an.pdf");
        assert_eq!(sanitize("../../etc/passwd").unwrap(), "_.._etc_passwd.pdf");
        assert_eq!(sanitize("CON").unwrap(), "_CON.pdf");
        assert_eq!(sanitize("Nguyễn Văn An").unwrap(), "Nguyễn Văn An.pdf");
        assert_eq!(sanitize(" .. "), None);
        assert_eq!(sanitize("-.pdf").unwrap(), "-.pdf");
        assert!(sanitize(&"ữ".repeat(200)).unwrap().len() <= MAX_NAME_BYTES + 4);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_never_writes_through_a_planted_link() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        // A link at the temporary name, and one at the destination itself.
        let target = dir.join("so.csv");
        std::os::unix::fs::symlink(&victim, temp_path(&target)).unwrap();
        write_atomic(&target, b"register").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&target).unwrap(), b"register");
        let linked = dir.join("linked.csv");
        std::os::unix::fs::symlink(&victim, &linked).unwrap();
        write_atomic(&linked, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me", "the link is replaced, not written through");
        assert!(!std::fs::symlink_metadata(&linked).unwrap().file_type().is_symlink());
        // A dangling link at the temporary name is no way out either.
        std::os::unix::fs::symlink(dir.join("elsewhere.txt"), temp_path(&target)).unwrap();
        write_atomic(&target, b"again").unwrap();
        assert!(!dir.join("elsewhere.txt").exists());
    }

    #[test]
    fn dedupe_numbers_later_collisions_ignoring_case() {
        let mut names =
            vec!["a.pdf".to_string(), "A.pdf".into(), "a-2.pdf".into(), "b.pdf".into(), "a.pdf".into()];
        dedupe(&mut names);
        assert_eq!(names, ["a.pdf", "A-3.pdf", "a-2.pdf", "b.pdf", "a-4.pdf"]);
    }

    #[test]
    fn dedupe_numbers_a_name_shared_by_thousands_in_order() {
        let mut names = vec!["nguyen-thi-huong.pdf".to_string(); 5000];
        names.push("nguyen-thi-huong-7.pdf".into());
        dedupe(&mut names);
        assert_eq!(names[0], "nguyen-thi-huong.pdf");
        assert_eq!(names[1], "nguyen-thi-huong-2.pdf");
        // -7 is the last record's own name: the others go round it.
        assert_eq!(names[5], "nguyen-thi-huong-6.pdf");
        assert_eq!(names[6], "nguyen-thi-huong-8.pdf");
        assert_eq!(names[4999], "nguyen-thi-huong-5001.pdf");
        assert_eq!(names[5000], "nguyen-thi-huong-7.pdf");
    }

    #[test]
    fn write_atomic_leaves_no_temporary() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let p = dir.join("x.pdf");
        write_atomic(&p, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF");
        std::fs::write(temp_path(&p), b"half").unwrap();
        assert_eq!(remove_stale_temporaries(dir).unwrap(), 1);
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);
    }

    #[test]
    fn staged_files_stand_under_their_names_only_once_put_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
        let staged = vec![stage(&a, b"%PDF a").unwrap(), stage(&b, b"%PDF b").unwrap()];
        assert!(!a.exists() && !b.exists());
        put_in_place(staged).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"%PDF a");
        assert_eq!(std::fs::read(&b).unwrap(), b"%PDF b");
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 2, "no temporary is left");
        // A group given up on (another record of it failed) leaves neither file nor temporary.
        drop(stage(&dir.join("c.pdf"), b"%PDF c").unwrap());
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 2);
    }
}
