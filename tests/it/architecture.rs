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
