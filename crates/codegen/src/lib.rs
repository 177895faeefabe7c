//! Generates every target from a validated spec.
