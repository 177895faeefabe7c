//! The npm consumer (`tests/consumers/npm/`).

use std::path::Path;

use super::{Consumer, Ctx};

pub(crate) struct Npm;

impl Consumer for Npm {
    fn name(&self) -> &'static str {
        "npm"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.work(self.name())?;
        anyhow::bail!("the npm consumer is not written yet")
    }

    fn break_artifact(&self, _ctx: &Ctx, _broken: &Path) -> anyhow::Result<&'static str> {
        anyhow::bail!("the npm consumer is not written yet")
    }
}
