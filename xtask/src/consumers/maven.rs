//! The maven consumer (`tests/consumers/maven/`).

use std::path::Path;

use super::{Consumer, Ctx};

pub(crate) struct Maven;

impl Consumer for Maven {
    fn name(&self) -> &'static str {
        "maven"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.work(self.name())?;
        anyhow::bail!("the maven consumer is not written yet")
    }

    fn break_artifact(&self, _ctx: &Ctx, _broken: &Path) -> anyhow::Result<&'static str> {
        anyhow::bail!("the maven consumer is not written yet")
    }
}
