//! Cross-crate tests live in `tests/`; this library only hosts shared helpers.
