//! docs/architecture.md is the map a contributor reads first: this keeps it whole. Every Rust file
//! under `src/` must be named there by its module path in backticks (`register::print`, a folder's
//! `mod.rs` by the folder's name), `main.rs` and `lib.rs` by their names, and every other file
//! (catalogues, the page's assets) by its file name.

use std::path::Path;

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// How the map must name a file: its module path for Rust, its file name for anything else.
fn name_in_map(relative: &Path) -> String {
    let parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let file = parts.last().unwrap().clone();
    match relative.extension().and_then(|e| e.to_str()) {
        Some("rs") if parts.len() == 1 && (file == "main.rs" || file == "lib.rs") => {
            format!("`{file}`")
        }
        Some("rs") => {
            let mut path = parts[..parts.len() - 1].to_vec();
            if file != "mod.rs" {
                path.push(file.trim_end_matches(".rs").to_string());
            }
            format!("`{}`", path.join("::"))
        }
        _ => file,
    }
}

#[test]
fn every_source_file_is_named_in_docs_architecture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    let mut files = Vec::new();
    files_under(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 40, "src/ was not found: {files:?}");
    let missing: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(root.join("src")).unwrap().to_path_buf())
        .filter(|f| !map.contains(&name_in_map(f)))
        .map(|f| format!("src/{} (looked for {})", f.display(), name_in_map(&f)))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name these files; add each to its folder's line \
         and to the module table:\n{}",
        missing.join("\n")
    );
}

/// The Rust files of a folder under `src/`, with their text.
fn rust_files(folder: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder), &mut files);
    files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect()
}

/// The format code (`seal`: claims, codes, keys, trust, verification), the calendar (`viet`) and
/// the helpers both stand on (`util`) hold no words and stand on nothing above them: no
/// catalogue call, no path into the rest of the crate but `util` and `viet` — so that they can
/// be a crate of their own (issue 29, item 3), and a verdict or an error is worded only at the
/// edge (`l10n`, the command line, the page).
#[test]
fn seal_and_viet_use_no_catalogue_and_nothing_above_util() {
    let mut found = Vec::new();
    for folder in ["seal", "viet", "util"] {
        let files = rust_files(folder);
        assert!(files.len() >= 2, "src/{folder} was not found");
        for (file, text) in files {
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                // `t!(` or `crate::t!(`, not `print!(` or `assert!(`.
                let words = code.match_indices("t!(").any(|(i, _)| {
                    !code[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                let above = code.match_indices("crate::").any(|(i, _)| {
                    let rest = &code[i + "crate::".len()..];
                    !["seal", "util", "viet"].iter().any(|m| rest.starts_with(m))
                });
                if words || above || code.contains("l10n") || code.contains("fluent") {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "seal/ and viet/ must word nothing and use only util and viet:\n{}",
        found.join("\n")
    );
}
