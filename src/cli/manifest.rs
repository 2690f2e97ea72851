//! `rapporteur manifest merge`: joins the shard manifests of a batch run on several machines
//! into the manifest a single run would have written.

use std::path::PathBuf;

use anyhow::Context;
use rapporteur::batch::manifest;

use super::args::{ManifestArgs, ManifestCommand};
use super::{EXIT_FAILED, EXIT_OK, report};

pub fn run(args: ManifestArgs) -> anyhow::Result<u8> {
    let ManifestCommand::Merge(args) = args.command;
    let mut manifests = Vec::with_capacity(args.files.len());
    for path in &args.files {
        match manifest::read(path) {
            Ok(manifest) => manifests.push((path.clone(), manifest)),
            Err(error) => {
                report::error_line(None, &error.to_string());
                return Ok(EXIT_FAILED);
            }
        }
    }
    let output = args.output.unwrap_or_else(|| {
        args.files[0].parent().map_or_else(
            || PathBuf::from("manifest.json"),
            |dir| dir.join("manifest.json"),
        )
    });
    let merged = match manifest::merge(manifests) {
        Ok(merged) => merged,
        Err(error) => {
            report::error_line(None, &error.to_string());
            return Ok(EXIT_FAILED);
        }
    };
    rapporteur::batch::sink::stream_atomic(&output, &mut |file| merged.write_json(file))
        .with_context(|| format!("cannot write {}", output.display()))?;
    let totals = merged.totals;
    report::human_line(
        &format!(
            "merged {} manifests into {}: {} converted, {} failed, {} skipped",
            args.files.len(),
            output.display(),
            totals.converted,
            totals.failed,
            totals.skipped
        ),
        false,
    );
    Ok(if totals.failed > 0 || merged.interrupted {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}
