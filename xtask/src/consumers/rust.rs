//! The rust consumer (`tests/consumers/rust/`).

use std::path::Path;

use super::{Consumer, Ctx};

pub(crate) struct Rust;

impl Consumer for Rust {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.work(self.name())?;
        anyhow::bail!("the rust consumer is not written yet")
    }

    fn break_artifact(&self, _ctx: &Ctx, _broken: &Path) -> anyhow::Result<&'static str> {
        anyhow::bail!("the rust consumer is not written yet")
    }
}
