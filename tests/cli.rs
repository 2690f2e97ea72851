//! The command line: subcommands, exit codes, one-line errors, standard input and output, help.

use std::path::Path;

use crate::common::{run_cli, run_cli_in, seed, seed_path};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn no_arguments_converts_inputs_into_outputs_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("inputs/seed.txt"), &seed());
    let out = run_cli_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    for ext in ["pdf", "docx", "md", "txt", "json"] {
        let path = dir.path().join("outputs/seed").with_extension(ext);
        assert!(
            std::fs::metadata(&path).unwrap().len() > 0,
            "{}",
            path.display()
        );
    }
    let lines = stdout(&out);
    assert!(
        lines.contains("inputs/seed.txt"),
        "one line per document: {lines}"
    );
    assert!(lines.contains("1 converted, 0 failed"), "{lines}");
}

#[test]
fn a_binary_file_fails_alone_with_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/good.txt"), &seed());
    write(&dir.path().join("in/bad.txt"), b"GIF89a\x01\x00\x00\x00");
    let out = run_cli_in(
        dir.path(),
        &["convert", "in", "-o", "out", "--to", "md,txt"],
    );
    assert_eq!(out.status.code(), Some(1));
    let errors: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        errors,
        vec!["error: in/bad.txt: not a text document (binary data at byte 6)"]
    );
    assert!(dir.path().join("out/good.md").is_file());
    assert!(dir.path().join("out/good.txt").is_file());
    assert!(!dir.path().join("out/bad.md").exists());
}

#[test]
fn a_missing_input_is_named_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_cli_in(dir.path(), &["convert", "nowhere.txt", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: nowhere.txt: no such file or folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_folder_without_documents_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("empty/picture.png"), b"\x89PNG");
    let out = run_cli_in(dir.path(), &["convert", "empty", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: empty: no session documents found"));
}

#[test]
fn empty_and_cp1252_documents_are_handled_per_file() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/empty.txt"), b"");
    write(
        &dir.path().join("in/latin.txt"),
        b"R\xe9sum\xe9 of the session\n\nWe met.\n",
    );
    let out = run_cli_in(dir.path(), &["convert", "in", "-o", "out", "--to", "txt"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: in/empty.txt: empty document"), "{err}");
    assert!(
        err.contains("warning: in/latin.txt: not UTF-8; decoded as windows-1252"),
        "{err}"
    );
    let text = std::fs::read_to_string(dir.path().join("out/latin.txt")).unwrap();
    assert!(text.starts_with("# Résumé of the session\n"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["convert", "--to", "doc", "x.txt"][..],
        &["convert"][..],
        &["frobnicate"][..],
        &["convert", "x.txt", "-o", "-"][..],
    ] {
        let out = run_cli(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_missing_or_misspelt_style_is_a_setup_error_naming_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in.txt"), &seed());
    let out = run_cli_in(dir.path(), &["convert", "in.txt", "--style", "nope.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.toml"), "{}", stderr(&out));

    write(&dir.path().join("bad.toml"), b"[text]\nsize_pts = 12\n");
    let out = run_cli_in(dir.path(), &["convert", "in.txt", "--style", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml") && err.contains("size_pts"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn standard_input_to_standard_output() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["convert", "-", "--to", "md", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&seed()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("---\ntitle: "), "{md}");
    assert!(md.contains("\n# "), "{md}");
}

#[test]
fn inspect_json_prints_the_model() {
    let out = run_cli(&["inspect", "--json", seed_path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["schema"], "rapporteur/session/v1");
    for key in [
        "title",
        "subtitle",
        "date",
        "language",
        "source",
        "last_edited",
        "moderators",
        "speakers",
        "rapporteurs",
        "organisers",
        "questions",
        "sections",
        "key_points",
        "removed",
    ] {
        assert!(model.get(key).is_some(), "missing field {key}");
    }
    assert_eq!(model["source"]["format"], "text");
    assert_eq!(model["source"]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn inspect_summarises_for_people() {
    let out = run_cli(&["inspect", seed_path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for label in ["Title: ", "Language: en", "Removed: ", "Key points: "] {
        assert!(text.contains(label), "{label} missing in {text}");
    }
}

#[test]
fn help_has_worked_examples() {
    for args in [
        &["--help"][..],
        &["convert", "--help"][..],
        &["inspect", "--help"][..],
    ] {
        let out = run_cli(args);
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        assert!(help.contains("Examples:"), "{args:?}: {help}");
        assert!(help.contains("rapporteur "), "{args:?}");
    }
    let help = stdout(&run_cli(&["convert", "--help"]));
    assert!(help.contains("Exit status"), "{help}");
    assert!(help.contains("SOURCE_DATE_EPOCH"), "{help}");
}

#[test]
fn outputs_are_renamed_into_place_leaving_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), &seed());
    let out = run_cli_in(
        dir.path(),
        &["convert", "in", "-o", "out", "--to", "md,txt,json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    // Issue 5: the batch manifest sits beside the outputs; no temporary or journal file remains.
    assert_eq!(sorted, vec!["a.json", "a.md", "a.txt", "manifest.json"]);
}

#[test]
fn two_inputs_with_the_same_name_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("one/report.txt"),
        b"First title\n\nBody one.\n",
    );
    write(
        &dir.path().join("two/report.txt"),
        b"Second title\n\nBody two.\n",
    );
    let out = run_cli_in(
        dir.path(),
        &["convert", "one", "two", "-o", "out", "--to", "txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = std::fs::read_to_string(dir.path().join("out/one/report.txt")).unwrap();
    let second = std::fs::read_to_string(dir.path().join("out/two/report.txt")).unwrap();
    assert!(first.starts_with("# First title"));
    assert!(second.starts_with("# Second title"));
}

#[test]
fn output_folder_inside_the_input_folder_is_not_reread() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), &seed());
    for _ in 0..2 {
        let out = run_cli_in(
            dir.path(),
            &["convert", "in", "-o", "in/out", "--to", "txt,json"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("1 converted"), "{}", stdout(&out));
    }
}

#[test]
fn an_unwritable_output_folder_fails_each_document_and_damages_nothing() {
    // A regular file where the output folder should be: unwritable even for root.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), &seed());
    write(&dir.path().join("out"), b"not a folder\n");
    let out = run_cli_in(dir.path(), &["convert", "in", "-o", "out", "--to", "txt"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: in/a.txt: cannot write out/a.txt"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("out")).unwrap(),
        b"not a folder\n"
    );
}
