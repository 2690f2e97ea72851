//! `rapporteur check`: every seeded defect in `tests/fixtures/broken/` is found under its rule id
//! and nothing else is, the clean bases and Rapporteur's own outputs pass every rule, no bytes
//! make the auditor panic, and the subcommand's lines, summary, `--json` and exit codes.

mod fixtures;
mod krilla_pdf;

use std::collections::BTreeSet;
use std::path::PathBuf;

use rapporteur::check::{self, Kind};
use rapporteur::{FontSet, Format, RenderContext, Style, normalise, render};

use crate::common::{require_tool, root, run_cli, run_cli_in, seed, tool_output};

fn broken_dir() -> PathBuf {
    root().join("tests/fixtures/broken")
}

/// The files of `tests/fixtures/broken/`, sorted: (name, bytes).
fn broken_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(broken_dir())
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(entry.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The rule a fixture's name declares: `pdf-06-heading-skip.pdf` → `PDF-06`.
fn declared_rule(name: &str) -> String {
    let mut parts = name.splitn(3, '-');
    let kind = parts.next().unwrap_or_default();
    let number = parts.next().unwrap_or_default();
    format!("{}-{number}", kind.to_uppercase())
}

fn rule_ids(findings: &[check::Finding]) -> BTreeSet<&'static str> {
    findings.iter().map(|f| f.rule_id).collect()
}

#[test]
fn broken_fixtures_match_their_generator() {
    let generated = fixtures::broken();
    if std::env::var("RAPPORTEUR_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(broken_dir()).unwrap();
        for (name, bytes) in &generated {
            std::fs::write(broken_dir().join(name), bytes).unwrap();
        }
    }
    for (name, bytes) in &generated {
        let on_disk = std::fs::read(broken_dir().join(name)).unwrap_or_else(|_| {
            panic!(
                "tests/fixtures/broken/{name} is missing: run RAPPORTEUR_BLESS=1 cargo test check"
            )
        });
        assert!(
            on_disk == *bytes,
            "tests/fixtures/broken/{name} differs from its generator (tests/check/fixtures.rs): \
             run RAPPORTEUR_BLESS=1 cargo test check and review"
        );
    }
}

#[test]
fn every_seeded_defect_is_found_and_nothing_else() {
    let files = broken_files();
    assert!(files.len() >= 40, "only {} broken fixtures", files.len());
    let mut problems = Vec::new();
    let mut found = 0;
    for (name, bytes) in &files {
        let expected = declared_rule(name);
        let kind = check::detect(bytes, Some(name)).unwrap();
        assert!(
            kind.rules().iter().any(|r| r.id == expected),
            "{name}: its name declares {expected}, which is not a {kind} rule"
        );
        let findings = match check::check(bytes, kind) {
            Ok(findings) => findings,
            Err(error) => {
                problems.push(format!("{name}: not checked: {error}"));
                continue;
            }
        };
        let ids = rule_ids(&findings);
        if ids.contains(expected.as_str()) {
            found += 1;
        } else {
            problems.push(format!("{name}: seeded {expected} not found"));
        }
        for finding in findings.iter().filter(|f| f.rule_id != expected) {
            problems.push(format!("{name}: unexpected {finding}"));
        }
    }
    eprintln!(
        "broken fixtures: {found}/{} seeded defects found",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A broken fixture must be broken in one way only: the PDFs are otherwise well-formed for qpdf,
/// and poppler reads the structure tree the generator meant to write.
#[test]
fn broken_pdf_fixtures_are_otherwise_well_formed() {
    if !require_tool("qpdf", "broken_pdf_fixtures_are_otherwise_well_formed")
        || !require_tool("pdfinfo", "broken_pdf_fixtures_are_otherwise_well_formed")
    {
        return;
    }
    for (name, _) in broken_files().iter().filter(|(n, _)| n.ends_with(".pdf")) {
        let path = broken_dir().join(name);
        let report = tool_output("qpdf", &["--check", path.to_str().unwrap()]);
        assert!(
            report.contains("No syntax or stream encoding errors"),
            "{name}: {report}"
        );
    }
    let path = broken_dir().join("pdf-08-bullet-in-lbody.pdf");
    let tree = tool_output("pdfinfo", &["-struct-text", path.to_str().unwrap()]);
    assert!(
        tree.contains("LBody (block)\n        \"• First point\""),
        "{tree}"
    );
}

#[test]
fn findings_name_the_place() {
    let cases = [
        (
            "pdf-06-heading-skip-h1-h3.pdf",
            "PDF-06 heading level skipped: H1 → H3 \"Opening\" on page 1",
        ),
        (
            "pdf-08-bullet-in-lbody.pdf",
            "PDF-08 list label \"•\" is inside LBody \"• First point\", not in Lbl on page 1",
        ),
        ("docx-06-typed-bullets.docx", "in paragraph 4"),
        ("docx-08-table-without-header-row.docx", "in table 1"),
        (
            "md-02-two-h1.md",
            "MD-02 a second H1 \"Opening\" on line 12",
        ),
        (
            "txt-05-tabs.txt",
            "TXT-05 tab character at column 11 on line 10",
        ),
    ];
    for (name, expected) in cases {
        let bytes = std::fs::read(broken_dir().join(name)).unwrap();
        let kind = check::detect(&bytes, Some(name)).unwrap();
        let lines: Vec<String> = check::check(&bytes, kind)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            lines.iter().any(|l| l.contains(expected)),
            "{name}: no finding contains {expected:?}: {lines:#?}"
        );
    }
}

#[test]
fn the_clean_bases_pass_every_rule() {
    for (kind, bytes) in fixtures::clean() {
        let kind = Kind::from_name(kind).unwrap();
        let findings = check::check(&bytes, kind).unwrap();
        assert!(findings.is_empty(), "clean {kind}: {findings:#?}");
    }
}

#[test]
fn a_krilla_pdf_ua_document_is_read_through_its_compression_and_fonts() {
    let clean = check::check(&krilla_pdf::pdf(2, false), Kind::Pdf).unwrap();
    assert!(clean.is_empty(), "{clean:#?}");
    let broken = check::check(&krilla_pdf::pdf(3, true), Kind::Pdf).unwrap();
    let lines: Vec<String> = broken.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "PDF-06 heading level skipped: H1 → H3 \"Opening\" on page 1",
            "PDF-08 list label \"•\" is inside LBody \"• First point\", not in Lbl on page 1",
        ]
    );
}

/// The findings on one input's outputs in every format and both styles, as lines. PDF and DOCX
/// are skipped with a note while their renderers return an error (placeholders); JSON has no
/// accessibility rules.
fn findings_on_our_outputs(name: &str, input: &[u8]) -> Vec<String> {
    let session = normalise(input, &rapporteur::IngestOptions::named(name)).unwrap();
    let mut failures = Vec::new();
    for style_name in ["default", "large-print"] {
        let style = Style::built_in(style_name).unwrap();
        let fonts = FontSet::embedded();
        let cx = RenderContext {
            style: &style,
            fonts: &fonts,
            timestamp: 0,
            wrap: None,
        };
        for format in [
            Format::Pdf,
            Format::Docx,
            Format::Md,
            Format::Txt,
            Format::Json,
        ] {
            let kind = match format {
                Format::Pdf => Kind::Pdf,
                Format::Docx => Kind::Docx,
                Format::Md => Kind::Md,
                Format::Txt => Kind::Txt,
                Format::Json => continue,
            };
            let bytes = match render(&session, format, &cx) {
                Ok(rendered) => rendered.bytes,
                Err(error) => {
                    eprintln!("skipped: {name} as {kind} ({style_name}): {error}");
                    continue;
                }
            };
            match check::check(&bytes, kind) {
                Ok(findings) => failures.extend(
                    findings
                        .iter()
                        .map(|f| format!("{name} as {kind} ({style_name}): {f}")),
                ),
                Err(error) => failures.push(format!("{name} as {kind} ({style_name}): {error}")),
            }
        }
    }
    failures
}

/// Every output Rapporteur makes of the seed passes every rule of its format.
#[test]
fn our_outputs_pass_every_rule() {
    let failures = findings_on_our_outputs("seed.txt", &seed());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The renderers themselves, on a small session with nothing left for extraction to recognise.
#[test]
fn our_outputs_of_a_plain_session_pass_every_rule() {
    let input =
        "Opening the archive\n\nModerator: Ana Silva, Chair, Example Org\n\nWe met and agreed.\n";
    let failures = findings_on_our_outputs("plain.txt", input.as_bytes());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Truncated and bit-flipped versions of every fixture, read as every kind: errors and findings
/// are fine, a panic is not.
#[test]
fn no_bytes_make_the_auditor_panic() {
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"%PDF-".to_vec(), b"PK\x03\x04".to_vec()];
    for (_, bytes) in fixtures::broken().into_iter().chain(
        fixtures::clean()
            .into_iter()
            .map(|(k, b)| (k.to_owned(), b)),
    ) {
        for fraction in [1, 2, 3, 5, 8] {
            inputs.push(bytes[..bytes.len() * fraction / 9].to_vec());
        }
        let mut flipped = bytes.clone();
        for i in (0..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5A;
        }
        inputs.push(flipped);
    }
    for input in &inputs {
        for kind in Kind::ALL {
            let _ = check::check(input, kind);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The subcommand

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn cli_exit_1_and_one_line_per_finding_on_a_broken_fixture() {
    let out = run_cli(&[
        "check",
        "tests/fixtures/broken/pdf-06-heading-skip-h1-h3.pdf",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "tests/fixtures/broken/pdf-06-heading-skip-h1-h3.pdf: PDF-06 heading level skipped: H1 → H3 \"Opening\" on page 1",
            "1 checked: 0 passed, 1 failed, 0 not checked (1 findings)",
        ]
    );
}

#[test]
fn cli_exit_0_on_clean_markdown_and_text() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, bytes) in fixtures::clean() {
        if kind == "md" || kind == "txt" {
            std::fs::write(dir.path().join(format!("clean.{kind}")), bytes).unwrap();
        }
    }
    let out = run_cli_in(dir.path(), &["check", "clean.md", "clean.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(
        stdout(&out),
        "ok clean.md\nok clean.txt\n2 checked: 2 passed, 0 failed, 0 not checked (0 findings)\n"
    );
}

#[test]
fn cli_json_summary_on_stdout_and_lines_on_stderr() {
    let out = run_cli(&[
        "check",
        "--json",
        "tests/fixtures/broken/txt-05-tabs.txt",
        "tests/fixtures/broken/docx-02-no-lang.docx",
        "Cargo.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["checked"], 3);
    assert_eq!(summary["passed"], 0);
    assert_eq!(summary["failed"], 2);
    assert_eq!(summary["not_checked"], 1);
    assert_eq!(summary["findings"], 2);
    let files = summary["files"].as_array().unwrap();
    assert_eq!(files[0]["format"], "txt");
    assert_eq!(files[0]["status"], "failed");
    assert_eq!(
        files[0]["findings"][0],
        serde_json::json!({
            "rule": "TXT-05", "severity": "error",
            "message": "tab character at column 11", "location": {"line": 10},
        })
    );
    assert_eq!(files[1]["findings"][0]["rule"], "DOCX-02");
    assert_eq!(
        files[1]["findings"][0]["location"],
        serde_json::json!({"part": "word/styles.xml"})
    );
    assert_eq!(files[2]["status"], "not_checked");
    assert!(
        files[2]["error"]
            .as_str()
            .unwrap()
            .contains("cannot tell the format")
    );
    let human = stderr(&out);
    assert!(
        human.contains("txt-05-tabs.txt: TXT-05 tab character"),
        "{human}"
    );
    assert!(
        human.contains("error: Cargo.toml: cannot tell the format"),
        "{human}"
    );
}

#[test]
fn cli_as_forces_a_format_and_warnings_do_not_fail() {
    let out = run_cli(&[
        "check",
        "--as",
        "pdf",
        "tests/fixtures/broken/pdf-11-no-pdfua-identifier.pdf",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("PDF-11 (warning) XMP metadata has no PDF/UA identifier"));
}

#[test]
fn cli_usage_errors_exit_2() {
    assert_eq!(run_cli(&["check"]).status.code(), Some(2));
    let out = run_cli(&["check", "--as", "odt", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown format \"odt\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn cli_lists_the_rules() {
    let out = run_cli(&["check", "--list-rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), check::all_rules().count());
    assert!(
        text.contains("PDF-06   error    heading levels never skip"),
        "{text}"
    );
}
