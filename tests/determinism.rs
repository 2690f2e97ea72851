//! Same input and options, same bytes: across runs, thread counts and documents in a batch.

use std::path::Path;

use crate::common::{run_cli_in, seed};

fn convert(dir: &Path, out: &str, extra: &[&str]) {
    let mut args = vec!["convert", "in", "-o", out];
    args.extend_from_slice(extra);
    let result = run_cli_in(dir, &args);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        // The batch manifest records timings, so it is the one file that differs between runs.
        .filter(|e| e.as_ref().unwrap().file_name() != "manifest.json")
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

fn batch_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/seed.txt"), seed()).unwrap();
    for fixture in ["rapporteur-template.txt", "transcript-speaker-labels.txt"] {
        let source = crate::common::root().join("tests/fixtures").join(fixture);
        if let Ok(bytes) = std::fs::read(source) {
            std::fs::write(dir.path().join("in").join(fixture), bytes).unwrap();
        }
    }
    dir
}

#[test]
fn converting_twice_gives_identical_bytes_in_every_format() {
    let dir = batch_folder();
    convert(dir.path(), "a", &[]);
    convert(dir.path(), "b", &[]);
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert!(
        a.len() >= 5,
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(a.len(), b.len());
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(bytes_a == bytes_b, "{name_a} differs between runs");
    }
}

#[test]
fn one_thread_and_four_threads_give_identical_bytes() {
    let dir = batch_folder();
    convert(dir.path(), "one", &["--jobs", "1"]);
    convert(dir.path(), "four", &["--jobs", "4"]);
    assert!(files(&dir.path().join("one")) == files(&dir.path().join("four")));
}

#[test]
fn source_date_epoch_is_written_into_pdf_and_docx() {
    let dir = batch_folder();
    convert(dir.path(), "default", &["--to", "pdf,docx"]);
    convert(
        dir.path(),
        "later",
        &["--to", "pdf,docx", "--source-date-epoch", "1700000000"],
    );
    let docx = |folder: &str| std::fs::read(dir.path().join(folder).join("seed.docx")).unwrap();
    let pdf = |folder: &str| std::fs::read(dir.path().join(folder).join("seed.pdf")).unwrap();
    assert!(
        docx("default") != docx("later"),
        "the DOCX ignores the timestamp"
    );
    assert!(
        pdf("default") != pdf("later"),
        "the PDF ignores the timestamp"
    );
}
