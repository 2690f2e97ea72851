//! Golden files: every fixture (and the seed) through the model JSON, Markdown and text renderers.
//! PDF and DOCX are compared through projections in tests/pdf.rs and tests/docx.rs. Bless with
//! `RAPPORTEUR_BLESS=1 cargo test`, then read the diff.

use rapporteur::{Format, IngestOptions, normalise, render};

use crate::common::{Setup, check_golden, fixtures, require_tool, seed, tool_output};

fn check_all(name: &str, bytes: &[u8]) {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let session = normalise(bytes, &IngestOptions::named(name)).unwrap();
    let setup = Setup::default_style();
    let cx = setup.cx(None);
    for (format, file) in [
        (Format::Json, "session.json"),
        (Format::Md, "session.md"),
        (Format::Txt, "session.txt"),
    ] {
        let rendered = render(&session, format, &cx).unwrap();
        let text = String::from_utf8(rendered.bytes).unwrap();
        check_golden(&format!("{stem}/{file}"), &text);
    }
}

#[test]
fn seed_goldens() {
    check_all("seed.txt", &seed());
}

#[test]
fn fixture_goldens() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "tests/fixtures/ holds no fixtures");
    for (name, bytes) in fixtures {
        check_all(&name, &bytes);
    }
}

#[test]
fn json_read_back_renders_the_same_bytes() {
    let setup = Setup::default_style();
    let cx = setup.cx(None);
    let mut inputs = fixtures();
    inputs.push(("seed.txt".to_owned(), seed()));
    for (name, bytes) in inputs {
        let session = normalise(&bytes, &IngestOptions::named(&name)).unwrap();
        let json = render(&session, Format::Json, &cx).unwrap().bytes;
        let back = normalise(&json, &IngestOptions::named("model.json")).unwrap();
        assert_eq!(back, session, "{name}");
        for format in [Format::Md, Format::Txt, Format::Json] {
            assert!(
                render(&back, format, &cx).unwrap().bytes
                    == render(&session, format, &cx).unwrap().bytes,
                "{name}: {format} differs after a JSON round trip"
            );
        }
    }
}

/// PDF and DOCX through projections read by real consumers: the tag tree (`pdfinfo
/// -struct-text`), the text (`pdftotext`) and the DOCX as pandoc reads it.
#[test]
fn binary_format_projection_goldens() {
    let pdf_tools = require_tool("pdfinfo", "binary_format_projection_goldens")
        && require_tool("pdftotext", "binary_format_projection_goldens");
    let has_pandoc = require_tool("pandoc", "binary_format_projection_goldens");
    let setup = Setup::default_style();
    let cx = setup.cx(None);
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = fixtures();
    inputs.push(("seed.txt".to_owned(), seed()));
    for (name, bytes) in inputs {
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .to_owned();
        let session = normalise(&bytes, &IngestOptions::named(&name)).unwrap();
        if pdf_tools {
            let pdf = dir.path().join(format!("{stem}.pdf"));
            std::fs::write(&pdf, render(&session, Format::Pdf, &cx).unwrap().bytes).unwrap();
            let pdf = pdf.to_str().unwrap();
            check_golden(
                &format!("{stem}/pdf-struct.txt"),
                &tool_output("pdfinfo", &["-struct-text", pdf]),
            );
            check_golden(
                &format!("{stem}/pdf.txt"),
                &tool_output("pdftotext", &["-enc", "UTF-8", pdf, "-"]),
            );
        }
        if has_pandoc {
            let docx = dir.path().join(format!("{stem}.docx"));
            std::fs::write(&docx, render(&session, Format::Docx, &cx).unwrap().bytes).unwrap();
            let markdown = tool_output(
                "pandoc",
                &[
                    "-f",
                    "docx",
                    "-t",
                    "markdown",
                    "--wrap=none",
                    docx.to_str().unwrap(),
                ],
            );
            check_golden(&format!("{stem}/docx.md"), &markdown);
        }
    }
}
