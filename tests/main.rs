//! The integration tests, one binary (it links once).
#![allow(clippy::unwrap_used)]

mod batch;
mod cli;
mod common;
mod determinism;
mod docx;
mod extraction;
mod golden;
mod hostile;
mod markdown;
mod pdf;
mod text;
