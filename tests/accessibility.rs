//! Independent accessibility checkers on our outputs: markdownlint-cli2 with GitHub's rules on the
//! Markdown, and liblouis (UEB) on the accessible text, for the seed and every fixture.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rapporteur::{Format, IngestOptions, normalise, render};

use crate::common::{Setup, fixtures, require_tool, root, seed};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut all = fixtures();
    all.push(("seed.txt".to_owned(), seed()));
    all
}

fn render_into(dir: &Path, format: Format) -> Vec<PathBuf> {
    let setup = Setup::default_style();
    let cx = setup.cx(None);
    inputs()
        .into_iter()
        .map(|(name, bytes)| {
            let session = normalise(&bytes, &IngestOptions::named(&name)).unwrap();
            let path = dir.join(&name).with_extension(format.name());
            std::fs::write(&path, render(&session, format, &cx).unwrap().bytes).unwrap();
            path
        })
        .collect()
}

fn markdownlint() -> PathBuf {
    root().join("tests/markdownlint/node_modules/.bin/markdownlint-cli2")
}

#[test]
fn markdown_output_passes_markdownlint_with_github_rules() {
    let tool = markdownlint();
    let tool_name = tool.to_str().unwrap();
    if !require_tool(
        tool_name,
        "markdownlint (npm install --prefix tests/markdownlint)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = render_into(dir.path(), Format::Md);
    let config = root().join("tests/markdownlint/.markdownlint-cli2.mjs");
    let out = Command::new(&tool)
        .arg("--config")
        .arg(&config)
        .args(&files)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "markdownlint found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn markdownlint_config_is_not_toothless() {
    let tool = markdownlint();
    if !require_tool(tool.to_str().unwrap(), "markdownlint config check") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(
        &bad,
        "# One\n\n### Skipped\n\n# Two\n\n[click here](https://x.org)\n",
    )
    .unwrap();
    let out = Command::new(&tool)
        .arg("--config")
        .arg(root().join("tests/markdownlint/.markdownlint-cli2.mjs"))
        .arg(&bad)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{report}");
    for rule in ["MD001", "MD025", "GH002"] {
        assert!(report.contains(rule), "{rule} not reported: {report}");
    }
}

/// liblouis writes a character its table cannot translate as an escape, `\x` or `\y` and the
/// code point, whose hex digits come out as braille digits (the letters a–j) in contracted UEB.
fn untranslatable(braille: &str) -> Vec<String> {
    let chars: Vec<char> = braille.chars().collect();
    let is_digit = |c: &char| c.is_ascii_digit() || ('a'..='j').contains(c);
    let mut found = Vec::new();
    for i in 0..chars.len().saturating_sub(5) {
        if chars[i] == '\\'
            && matches!(chars[i + 1], 'x' | 'y')
            && chars[i + 2..i + 6].iter().all(is_digit)
        {
            let start = i.saturating_sub(10);
            found.push(chars[start..(i + 6).min(chars.len())].iter().collect());
        }
    }
    found
}

#[test]
fn text_output_translates_to_ueb_braille_without_unknown_characters() {
    if !require_tool("lou_translate", "liblouis UEB translation") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for path in render_into(dir.path(), Format::Txt) {
        let out = Command::new("lou_translate")
            .args(["--forward", "en-ueb-g2.ctb"])
            .stdin(std::fs::File::open(&path).unwrap())
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", path.display());
        let braille = String::from_utf8_lossy(&out.stdout);
        assert!(!braille.trim().is_empty(), "{}", path.display());
        let unknown = untranslatable(&braille);
        assert!(
            unknown.is_empty(),
            "{}: untranslatable characters: {unknown:?}",
            path.display()
        );
    }
}

#[test]
fn liblouis_check_detects_an_untranslatable_character() {
    if !require_tool("lou_translate", "liblouis detection check") {
        return;
    }
    let mut child = Command::new("lou_translate")
        .args(["--forward", "en-ueb-g2.ctb"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("box \u{2501} drawing\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!untranslatable(&String::from_utf8_lossy(&out.stdout)).is_empty());
}
