//! The library's contract with integrators: the JSON Schema, and the informational subcommands.

use crate::common::{root, run_cli, run_cli_in, seed};

#[test]
fn shipped_schema_is_up_to_date_with_the_types() {
    let path = root().join("schema/session-v1.schema.json");
    let generated = rapporteur::model::json_schema();
    if std::env::var("RAPPORTEUR_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap();
    pretty_assertions::assert_eq!(shipped, generated, "regenerate with `rapporteur schema`");
}

#[test]
fn seed_model_validates_against_the_shipped_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/session-v1.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let session =
        rapporteur::normalise(&seed(), &rapporteur::IngestOptions::named("seed.txt")).unwrap();
    let instance = serde_json::to_value(&session).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let mut broken = instance.clone();
    broken["sections"] = serde_json::json!([{ "heading": "x", "level": "one" }]);
    assert!(
        !validator.is_valid(&broken),
        "a wrong type must fail validation"
    );
}

#[test]
fn completions_are_produced_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run_cli(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("rapporteur"), "{shell}");
        assert!(
            script.contains("convert") && script.contains("style"),
            "{shell}"
        );
    }
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let out = run_cli(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH rapporteur 1"), "{page}");
    for sub in ["convert", "inspect", "formats", "styles"] {
        assert!(page.contains(sub), "{sub} missing from the man page");
    }
}

#[test]
fn formats_lists_every_reader_and_renderer() {
    let out = run_cli(&["formats"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for reader in rapporteur::ingest::READERS {
        assert!(text.contains(reader.name()), "{}", reader.name());
    }
    for name in ["md", "txt", "json", "docx", "pdf"] {
        assert!(text.contains(&format!(".{name}")), "{name}");
    }
}

#[test]
fn styles_show_prints_a_usable_starting_point() {
    let out = run_cli(&["styles", "--show", "large-print"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let style = rapporteur::Style::parse(&text, "shown.toml").unwrap();
    assert_eq!(style.text.size_pt, 18.0);
    let listed = String::from_utf8(run_cli(&["styles"]).stdout).unwrap();
    for name in ["default", "large-print", "high-contrast"] {
        assert!(listed.contains(name), "{name}");
    }
    assert_eq!(
        run_cli(&["styles", "--show", "nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn no_color_and_color_never_give_plain_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_cli_in(
        dir.path(),
        &["--color", "always", "convert", "missing.txt", "-o", "x"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("\x1b[1;31merror:"));
    let out = run_cli_in(
        dir.path(),
        &["--color", "never", "convert", "missing.txt", "-o", "x"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: missing.txt:"));
}
