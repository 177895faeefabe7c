//! Types and validators for Antom checkout SDK callback data.
