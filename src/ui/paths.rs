//! The workbench's paths: a name the page sends is a path inside the working folder (or the
//! keys folder or register given), never outside it — no `..`, no absolute path, no symbolic
//! link leading out. Also the query string's decoding.

use std::path::{Component, Path, PathBuf};

/// `a=1&b=x%20y` → pairs, percent- and plus-decoded (invalid UTF-8 replaced).
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file `name` (a relative path with `/` separators) names inside `root`, or `None` when it
/// would leave it: an absolute path, `..`, a drive, or (once it exists) a symbolic link whose
/// target lies outside.
pub fn inside(root: &Path, name: &str) -> Option<PathBuf> {
    let name = name.trim();
    if name.is_empty() || name.contains('\0') || name.contains('\\') {
        return None;
    }
    let mut p = root.to_path_buf();
    for c in Path::new(name).components() {
        match c {
            Component::Normal(s) => p.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    // What exists is checked with every link resolved; what does not yet exist is checked
    // through its nearest existing parent.
    let mut probe = p.as_path();
    loop {
        if probe.exists() {
            let (Ok(real), Ok(root)) = (probe.canonicalize(), root.canonicalize()) else { return None };
            return real.starts_with(&root).then_some(p.clone());
        }
        probe = probe.parent()?;
    }
}

/// A plain file name (no folder part) safe to create in the folder: NFC, no separators, no
/// leading dot, no control characters.
pub fn plain_name(name: &str) -> Option<String> {
    let name: String = unicode_normalization::UnicodeNormalization::nfc(name.trim()).collect();
    let ok = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'));
    ok.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_decoded() {
        let q = parse_query("a=1&name=L%C6%B0%C6%A1ng+Th%E1%BB%8B&bad=%zz&end=%4");
        assert_eq!(q[0], ("a".into(), "1".into()));
        assert_eq!(q[1].1, "Lương Thị");
        assert_eq!(q[2].1, "%zz");
        assert_eq!(q[3].1, "%4");
    }

    #[test]
    fn no_name_leads_out_of_the_folder() {
        let root = std::env::temp_dir().join(format!("cn-ui-paths-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        assert!(inside(&root, "lop.csv").is_some());
        assert!(inside(&root, "sub/new.csv").is_some());
        assert!(inside(&root, "../etc/passwd").is_none());
        assert!(inside(&root, "/etc/passwd").is_none());
        assert!(inside(&root, "sub/../../x").is_none());
        assert!(inside(&root, "a\\..\\b").is_none());
        #[cfg(unix)]
        {
            let _ = std::os::unix::fs::symlink("/etc", root.join("out"));
            assert!(inside(&root, "out/passwd").is_none());
        }
        assert_eq!(plain_name(" lop 1.csv "), Some("lop 1.csv".into()));
        assert!(plain_name("../x").is_none() && plain_name(".hidden").is_none() && plain_name("").is_none());
        let _ = std::fs::remove_dir_all(&root);
    }
}
