//! The swift consumer (`tests/consumers/swift/`).

use std::path::Path;

use super::{Consumer, Ctx};

pub(crate) struct Swift;

impl Consumer for Swift {
    fn name(&self) -> &'static str {
        "swift"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.work(self.name())?;
        anyhow::bail!("the swift consumer is not written yet")
    }

    fn break_artifact(&self, _ctx: &Ctx, _broken: &Path) -> anyhow::Result<&'static str> {
        anyhow::bail!("the swift consumer is not written yet")
    }
}
