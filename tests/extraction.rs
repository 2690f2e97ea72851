//! Tests of the extraction stage (to be written).
