//! Batch: finds documents, converts them in parallel, writes outputs atomically.
