//! The integration tests, one binary (it links once).
#![allow(clippy::unwrap_used)]

mod accessibility;
mod batch;
mod check;
mod cli;
mod common;
mod determinism;
mod docx;
mod extraction;
mod golden;
mod hostile;
mod library;
mod markdown;
mod pdf;
mod text;
