//! The objc consumer (`tests/consumers/objc/`).

use std::path::Path;

use super::{Consumer, Ctx};

pub(crate) struct Objc;

impl Consumer for Objc {
    fn name(&self) -> &'static str {
        "objc"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        ctx.work(self.name())?;
        anyhow::bail!("the objc consumer is not written yet")
    }

    fn break_artifact(&self, _ctx: &Ctx, _broken: &Path) -> anyhow::Result<&'static str> {
        anyhow::bail!("the objc consumer is not written yet")
    }
}
