//! The engine's modules form a one-way graph: each imports only from the modules above it
//! in [`ORDER`], so that a stage can be read, tested and replaced without the ones after
//! it. A single crate gets no such rule from Cargo, so this test reads `src/` and names
//! every import that goes up, by file and line. It also holds every file of `src/` to
//! [`MAX_LINES`], so that a file that grows a second job is split by job.

use std::fs;
use std::path::{Path, PathBuf};

/// The top-level modules, from the bottom of the graph to the top. The commands at the end
/// share a rank: they are built on the whole pipeline and on nothing of each other's.
const ORDER: &[&[&str]] = &[
    &["diagnostics"],
    &["text"],
    &["urls"],
    &["layout"],
    &["theme"],
    &["placeholders"],
    &["source_text"],
    &["config"],
    &["templates"],
    &["content"],
    &["markdown"],
    &["library"],
    &["render"],
    &["checks"],
    &["output"],
    &["online"],
    // What `lib.rs` defines itself: the pipeline, wired.
    &["crate root"],
    &["check", "new_page", "init", "serve"],
];

fn rank(module: &str) -> Option<usize> {
    ORDER.iter().position(|rank| rank.contains(&module))
}

/// The top-level module a file of `src/` belongs to: `render` for `src/render/cards.rs`.
/// `lib.rs` and `main.rs` wire the modules and may import any.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The top-level names a line imports or names through `crate::`: `crate::a::b` gives
/// `a`; `use crate::{a, b::c}` gives `a` and `b`. A name that is not a module is an item
/// of the crate root.
fn crate_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let word_before = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !word_before {
            if let Some(group) = after.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                names.extend(top_level_items(inner));
            } else {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
        }
        rest = after;
    }
    names
}

/// `a, b::{c, d}, e` gives `a`, `b`, `e`.
fn top_level_items(group: &str) -> Vec<String> {
    let mut depth = 0;
    let mut items = vec![String::new()];
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => items.push(String::new()),
            c if depth == 0 => items.last_mut().unwrap().push(c),
            _ => {}
        }
    }
    items
        .iter()
        .filter_map(|item| item.trim().split("::").next())
        .filter(|name| !name.is_empty() && *name != "self")
        .map(str::to_owned)
        .collect()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

/// Every import in `src` that goes against [`ORDER`], as `file:line: message`.
fn upward_imports(src: &Path) -> Vec<String> {
    let modules: Vec<String> = fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|name| name.strip_suffix(".rs").unwrap_or(&name).to_owned())
        .collect();
    let mut found = Vec::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap();
        let Some(module) = module_of(relative) else {
            continue;
        };
        let shown = format!("src/{}", relative.display()).replace('\\', "/");
        let Some(own) = rank(&module) else {
            found.push(format!(
                "{shown}: the module `{module}` has no place in tests/architecture.rs's ORDER"
            ));
            continue;
        };
        let text = fs::read_to_string(&file).unwrap();
        let mut in_group = None::<String>;
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            // A `use crate::{` spread over lines is read as one.
            let statement = match in_group.take() {
                Some(mut open) => {
                    open.push_str(code);
                    if !code.contains(';') {
                        in_group = Some(open);
                        continue;
                    }
                    open
                }
                None if code.contains("crate::{") && !code.contains(';') => {
                    in_group = Some(code.to_owned());
                    continue;
                }
                None => code.to_owned(),
            };
            for name in crate_names(&statement) {
                let target = if modules.contains(&name) {
                    name.clone()
                } else {
                    "crate root".to_owned()
                };
                if target == module {
                    continue;
                }
                match rank(&target) {
                    Some(theirs) if theirs < own => {}
                    _ => found.push(format!(
                        "{shown}:{}: `{module}` imports `crate::{name}`, which is not above it",
                        n + 1
                    )),
                }
            }
        }
    }
    found
}

/// The most lines a file of `src/` may have.
const MAX_LINES: usize = 400;

/// Every file in `src` longer than [`MAX_LINES`], as `file: n lines`.
fn long_files(src: &Path) -> Vec<String> {
    rust_files(src)
        .into_iter()
        .filter_map(|file| {
            let lines = fs::read_to_string(&file).unwrap().lines().count();
            let relative = file.strip_prefix(src).unwrap();
            let shown = format!("src/{}", relative.display()).replace('\\', "/");
            (lines > MAX_LINES).then(|| format!("{shown}: {lines} lines"))
        })
        .collect()
}

#[test]
fn every_module_imports_only_from_the_modules_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = upward_imports(&src);
    assert!(
        found.is_empty(),
        "imports against the order of tests/architecture.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn an_upward_import_is_named_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    fs::create_dir_all(src.join("text")).unwrap();
    fs::write(src.join("lib.rs"), "pub mod text;\npub mod render;\n").unwrap();
    fs::write(src.join("render.rs"), "use crate::text::slug;\n").unwrap();
    fs::write(
        src.join("text/slug.rs"),
        "// crate::render in a comment is no import\nuse crate::{\n    diagnostics,\n    render::Sink,\n};\nfn f() { crate::render::go(); }\n",
    )
    .unwrap();
    fs::write(src.join("diagnostics.rs"), "").unwrap();
    fs::write(src.join("extra.rs"), "").unwrap();
    assert_eq!(
        upward_imports(src),
        [
            "src/extra.rs: the module `extra` has no place in tests/architecture.rs's ORDER",
            "src/text/slug.rs:5: `text` imports `crate::render`, which is not above it",
            "src/text/slug.rs:6: `text` imports `crate::render`, which is not above it",
        ]
    );
}

#[test]
fn no_file_has_more_than_400_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = long_files(&src);
    assert!(
        found.is_empty(),
        "files over {MAX_LINES} lines (split them by job, not by size):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_long_file_is_named_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    fs::create_dir_all(src.join("render")).unwrap();
    fs::write(src.join("lib.rs"), "pub mod render;\n").unwrap();
    fs::write(src.join("render/mod.rs"), "//\n".repeat(MAX_LINES)).unwrap();
    fs::write(src.join("render/cards.rs"), "//\n".repeat(MAX_LINES + 1)).unwrap();
    assert_eq!(long_files(src), ["src/render/cards.rs: 401 lines"]);
}
