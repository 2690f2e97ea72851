//! Shared test helpers: running the binary, external tools, golden files, the corpus.
#![allow(dead_code)] // shared helpers: each test module uses a subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus of third-party documents (never copied into the project).
pub fn corpus() -> PathBuf {
    root().join("../shared/corpus")
}

/// The seed document: from the shared corpus, or the copy shipped in `inputs/` (the same file,
/// issue 2) when the project is checked out without `../shared`.
pub fn seed_path() -> PathBuf {
    let shared = corpus().join("seed.txt");
    if shared.is_file() {
        shared
    } else {
        root().join("inputs/seed.txt")
    }
}

/// The seed document's bytes.
pub fn seed() -> Vec<u8> {
    std::fs::read(seed_path()).expect("the seed (../shared/corpus or inputs/) is readable")
}

/// Runs the rapporteur binary with arguments, in `dir`.
pub fn run_cli_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("the rapporteur binary runs")
}

/// Runs the rapporteur binary with arguments, in the project root.
pub fn run_cli(args: &[&str]) -> Output {
    run_cli_in(&root(), args)
}

/// True when an external tool can be run. When it cannot, prints `skipped: …` and returns false,
/// or panics when `RAPPORTEUR_REQUIRE_TOOLS=1` (as in CI).
pub fn require_tool(tool: &str, test: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .or_else(|_| Command::new(tool).arg("-v").output())
        .is_ok();
    if !found {
        if std::env::var("RAPPORTEUR_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("{test}: {tool} is not installed and RAPPORTEUR_REQUIRE_TOOLS=1");
        }
        eprintln!("skipped: {test}: {tool} not installed");
    }
    found
}

/// Runs an external tool and returns its standard output, failing the test on a non-zero exit.
pub fn tool_output(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running {tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with `RAPPORTEUR_BLESS=1`,
/// rewrites the file instead (read the diff before committing).
pub fn check_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var("RAPPORTEUR_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "golden file {} is missing: run RAPPORTEUR_BLESS=1 cargo test and read it",
            path.display()
        )
    });
    pretty_assertions::assert_eq!(expected, actual, "golden file {}", path.display());
}

/// The synthetic fixtures in `tests/fixtures/`, sorted by name: (file name, bytes).
pub fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("tests/fixtures"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).expect("fixture is readable"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The default style and the embedded fonts, which a [`rapporteur::RenderContext`] borrows.
pub struct Setup {
    style: rapporteur::Style,
    fonts: rapporteur::FontSet,
}

impl Setup {
    /// The built-in default style.
    pub fn default_style() -> Setup {
        Setup {
            style: rapporteur::Style::built_in("default").expect("the default style parses"),
            fonts: rapporteur::FontSet::embedded(),
        }
    }

    /// A context at timestamp 0 with the given `--wrap`.
    pub fn cx(&self, wrap: Option<usize>) -> rapporteur::RenderContext<'_> {
        rapporteur::RenderContext {
            style: &self.style,
            fonts: &self.fonts,
            timestamp: 0,
            wrap,
        }
    }
}
