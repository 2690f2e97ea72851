//! Tests of the pdf stage (to be written).
