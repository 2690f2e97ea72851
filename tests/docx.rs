//! Tests of the docx stage (to be written).
