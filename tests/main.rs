//! The integration tests, one binary (it links once).

mod common;
mod docx;
mod extraction;
mod pdf;
