//! The breaking-change gate: the consumer projects of the previous release tag, read through
//! git, built against the new artifacts. A consumer that no longer builds or runs is a break
//! that only a major version may make; with a smaller bump the release is refused, naming the
//! consumer and what its compiler said.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use super::{Consumer, Ctx, run_all, run_in, select};

/// The consumers of `tag` in the git repository `repo`, against `ctx.artifacts`. `bumped` is the
/// bump the new version makes over the tag's (`major`, `minor`, `patch`, `none`). Ok when every
/// consumer of the tag passes, or when some fail and the bump is major (said on stderr).
pub(crate) fn check(
    repo: &Path,
    tag: &str,
    ctx: &Ctx,
    bumped: &str,
    consumers: &[&'static dyn Consumer],
) -> anyhow::Result<()> {
    let previous = ctx.scratch.join(format!("previous-{tag}"));
    let _ = std::fs::remove_dir_all(&previous);
    std::fs::create_dir_all(&previous).with_context(|| format!("create {}", previous.display()))?;
    let listed = run_in(
        "git ls-tree",
        repo,
        Command::new("git").args(["ls-tree", "-d", "--name-only", tag, "tests/consumers/"]),
    )?;
    let at_tag: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.strip_prefix("tests/consumers/"))
        .collect();
    let consumers: Vec<&'static dyn Consumer> = consumers
        .iter()
        .copied()
        .filter(|c| at_tag.contains(&c.name()))
        .collect();
    if consumers.is_empty() {
        eprintln!(
            "==> {tag} has no consumer projects: the breaking-change gate has nothing to build"
        );
        return Ok(());
    }
    // `git archive | tar -x`: the tag's consumer projects exactly as committed.
    let archive = run_bytes(
        "git archive",
        repo,
        Command::new("git").args(["archive", "--format=tar", tag, "tests/consumers"]),
    )?;
    let tar = previous.join("consumers.tar");
    std::fs::write(&tar, archive).with_context(|| format!("write {}", tar.display()))?;
    run_in(
        "tar -x",
        &previous,
        Command::new("tar").arg("-xf").arg(&tar),
    )?;
    let old = Ctx {
        projects: previous.join("tests/consumers"),
        scratch: previous.join("work"),
        ..ctx.clone()
    };
    eprintln!(
        "==> the consumers of {tag} against the new artifacts {}",
        ctx.version
    );
    let failures = run_all(&old, &consumers);
    if failures.is_empty() {
        return Ok(());
    }
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("consumer {} of {tag}:\n{}", f.consumer, f.error))
        .collect();
    if bumped == "major" {
        eprintln!(
            "==> allowed: the release {} is a major version, and these consumers of {tag} no longer build:
{}",
            ctx.version,
            report.join("\n")
        );
        return Ok(());
    }
    bail!(
        "refused: version {} is a {bumped} bump over {tag}, but {} of the consumer projects of {tag} no longer build against it; only a major version may break them:\n{}",
        ctx.version,
        failures.len(),
        report.join("\n")
    )
}

fn run_bytes(what: &str, dir: &Path, cmd: &mut Command) -> anyhow::Result<Vec<u8>> {
    let out = cmd
        .current_dir(dir)
        .output()
        .with_context(|| format!("cannot start {what}"))?;
    if !out.status.success() {
        bail!("{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(out.stdout)
}

/// The public function the planted break renames, and its new name.
const RENAMED: (&str, &str) = ("validateText", "validateJsonText");

/// Shows the gate on a temporary repository: the npm consumer of this tree committed and tagged
/// as the previous release, and an npm package whose runtime renamed a public function. With a
/// minor bump the gate must refuse, naming the consumer and the missing name; with a major bump
/// it must allow.
pub(crate) fn self_test(ctx: &Ctx) -> anyhow::Result<()> {
    let npm = select(&["npm".to_owned()])?;
    let base = ctx.scratch.join("gate-self-test");
    let _ = std::fs::remove_dir_all(&base);
    let repo = base.join("repo");
    crate::release::copy_dir(&ctx.project("npm"), &repo.join("tests/consumers/npm"))?;
    let git = |args: &[&str]| -> anyhow::Result<String> {
        run_in(
            &format!("git {}", args.join(" ")),
            &repo,
            Command::new("git")
                .args([
                    "-c",
                    "user.name=antom",
                    "-c",
                    "user.email=antom@example.invalid",
                ])
                .args(args),
        )
    };
    git(&["init", "-q"])?;
    git(&["add", "-A"])?;
    git(&["commit", "-q", "-m", "the previous release's consumers"])?;
    let tag = format!("v{}", ctx.version);
    git(&["tag", &tag])?;

    // The new release: the same package with one public function renamed in its source.
    let source = base.join("typescript");
    crate::release::copy_dir(&ctx.root.join("generated/typescript"), &source)?;
    let mut planted = 0;
    for entry in std::fs::read_dir(source.join("src")).context("src/ of the package copy")? {
        let path = entry?.path();
        let text = std::fs::read_to_string(&path)?;
        if text.contains(RENAMED.0) {
            std::fs::write(&path, rename_word(&text, RENAMED.0, RENAMED.1))?;
            planted += 1;
        }
    }
    if planted == 0 {
        bail!("the TypeScript package has no `{}` to rename", RENAMED.0);
    }
    let artifacts = base.join("artifacts");
    crate::release::copy_dir(&ctx.artifacts, &artifacts)?;
    crate::release::restage_npm(&source, &artifacts)?;
    let broken = Ctx {
        artifacts,
        scratch: base.join("work"),
        ..ctx.clone()
    };

    eprintln!(
        "==> gate self-test: `{}` renamed, a minor bump (must be refused)",
        RENAMED.0
    );
    match check(&repo, &tag, &broken, "minor", &npm) {
        Ok(()) => bail!(
            "the gate allowed a minor release that renamed `{}`",
            RENAMED.0
        ),
        Err(e) => {
            let text = format!("{e:#}");
            if !(text.starts_with("refused")
                && text.contains("consumer npm")
                && text.contains(RENAMED.0))
            {
                bail!(
                    "the gate refused without naming the consumer and `{}`:\n{text}",
                    RENAMED.0
                );
            }
            eprintln!(
                "    refused as it must, naming consumer npm and `{}`",
                RENAMED.0
            );
        }
    }
    eprintln!("==> gate self-test: the same break with a major bump (must be allowed)");
    check(&repo, &tag, &broken, "major", &npm).context("the gate refused a major release")?;
    eprintln!("==> gate self-test: the unbroken artifacts with a patch bump (must be allowed)");
    check(&repo, &tag, ctx, "patch", &npm).context("the gate refused unbroken artifacts")?;
    Ok(())
}

/// `text` with every whole-word `from` replaced by `to`.
fn rename_word(text: &str, from: &str, to: &str) -> String {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + from.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(ident) || after.is_some_and(ident) {
            out.push_str(from);
        } else {
            out.push_str(to);
        }
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::rename_word;

    #[test]
    fn only_whole_words_are_renamed() {
        assert_eq!(
            rename_word(
                "validateText(x); validateTextual; myvalidateText",
                "validateText",
                "v"
            ),
            "v(x); validateTextual; myvalidateText"
        );
    }
}
