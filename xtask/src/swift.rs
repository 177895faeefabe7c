//! The Swift toolchain of the test suite: `swift` from `PATH` when it is 5.9 or later, else (as
//! root on Debian or Ubuntu) Swift 6.0.3 from Debian 13's `swiftlang` package in a `debootstrap`
//! root kept in a cache folder outside the repository, made once and reused. The root also has
//! `git`, which SwiftPM runs to resolve a dependency by URL (the Swift consumer resolves the staged
//! release repository on its tag); a root made before that gets `git` on the next [`ensure`].
//!
//! `tests/src/lib.rs` (`swift::find`) looks for the toolchain in the same places; this module only
//! makes it. The root is made in `<root>.partial` (marked as ours before anything goes in) and
//! renamed into place after its ready marker is written: a leftover `.partial` is a half-made root
//! and is made again, and a folder at the root's place without the marker is not ours and is left
//! alone.
//!
//! Commands run in the root as `unshare --mount` + `chroot`, with `/proc` and the scratch folder
//! mounted inside the new mount namespace only: the mounts end with the command, concurrent runs do
//! not see each other's, and nothing stays mounted in the machine's own namespace. Run on their own
//! as root with no root made yet, the tests make it through `cargo xtask swift` first (one code
//! path).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The Debian release and package that provide the toolchain, and the version it has there.
const SUITE: &str = "trixie";
const VERSION: &str = "6.0.3";
/// Written last into a finished root; `tests/src/lib.rs` checks for it under the same name.
const MARKER: &str = ".antom-swift-ready";
/// Written first into a root being made: only a folder with it is ever removed.
const PARTIAL_MARKER: &str = ".antom-swift-partial";
/// Where the Swift tools are inside the root.
const SWIFT_BIN: &str = "/usr/libexec/swift/bin";
/// What the root installs with apt: the toolchain, the C headers it links with, and `git` for
/// SwiftPM's URL dependencies (`file://` only here, so no `ca-certificates`).
const PACKAGES: &str = "swiftlang libc6-dev git";
/// Where the scratch folder of [`Toolchain::command`] is seen inside the root.
const WORK: &str = "/work";

/// The `swift` on `PATH`, when it is 5.9 or later.
fn swift_on_path() -> Option<String> {
    let out = Command::new("swift").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let version = text.split("Swift version ").nth(1)?;
    let mut numbers = version
        .split(|c: char| !c.is_ascii_digit())
        .map(|n| n.parse::<u32>().ok());
    let (major, minor) = (numbers.next()??, numbers.next()??);
    ((major, minor) >= (5, 9)).then(|| text.lines().next().unwrap_or_default().to_owned())
}

/// `ANTOM_SWIFT_ROOT`, else `antom/swift-<version>` in the user's cache folder.
pub(crate) fn root_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("ANTOM_SWIFT_ROOT") {
        return Ok(PathBuf::from(dir));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .context("neither XDG_CACHE_HOME nor HOME is set: set ANTOM_SWIFT_ROOT")?;
    Ok(cache.join("antom").join(format!("swift-{VERSION}")))
}

fn run(what: &str, cmd: &mut Command) -> anyhow::Result<()> {
    eprintln!("==> {what}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

pub(crate) fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"0")
}

pub(crate) fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(name).is_file()))
}

/// Fails when anything is mounted at or below `dir`: removing it would reach into the mount.
fn ensure_nothing_mounted(dir: &Path) -> anyhow::Result<()> {
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let dir = dir.to_string_lossy();
    for line in mounts.lines() {
        // The fifth field is the mount point (spaces escaped as `\040`).
        if let Some(point) = line.split(' ').nth(4)
            && (point == dir || point.starts_with(&format!("{dir}/")))
        {
            bail!("{point} is mounted inside {dir}: unmount it, then run again");
        }
    }
    Ok(())
}

/// Removes a half-made root left by an earlier run; anything else at that place is left alone.
fn remove_partial(dir: &Path) -> anyhow::Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    if !meta.is_dir() || !dir.join(PARTIAL_MARKER).is_file() {
        bail!(
            "{} is in the way and was not made by `cargo xtask`: move it away",
            dir.display()
        );
    }
    ensure_nothing_mounted(dir)?;
    eprintln!("==> removing the half-made Swift root {}", dir.display());
    std::fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))
}

/// The Debian mirror: `ANTOM_DEBIAN_MIRROR`, else Debian's own redirector.
fn mirror() -> String {
    std::env::var("ANTOM_DEBIAN_MIRROR").unwrap_or_else(|_| "http://deb.debian.org/debian".into())
}

/// Runs `script` with `sh` inside `root`, with `/proc` mounted in a private mount namespace (the
/// mount ends with the command and is never seen outside it).
fn in_root(what: &str, root: &Path, script: &str) -> anyhow::Result<()> {
    run(
        what,
        Command::new("unshare")
            .args(["--mount", "--fork", "--", "sh", "-c"])
            .arg(
                "set -e; mount -t proc proc \"$1/proc\"; exec chroot \"$1\" /usr/bin/env -i \
                 PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive HOME=/root \
                 LANG=C.UTF-8 sh -c \"$2\"",
            )
            .args(["sh".as_ref(), root.as_os_str(), script.as_ref()]),
    )
}

/// Whether the root has `git` (a root made before it was installed has not).
fn has_git(root: &Path) -> bool {
    root.join("usr/bin/git").is_file()
}

/// Where `swift` runs: on `PATH`, or in the root that [`ensure`] made.
#[derive(Debug, Clone)]
pub(crate) enum Toolchain {
    OnPath,
    Root(PathBuf),
}

impl Toolchain {
    /// The toolchain [`ensure`] made available (call it first).
    pub(crate) fn find() -> anyhow::Result<Toolchain> {
        if swift_on_path().is_some() {
            return Ok(Toolchain::OnPath);
        }
        let root = root_dir()?;
        if !root.join(MARKER).is_file() {
            bail!(
                "no `swift` on PATH and no Swift root at {}: run `cargo xtask swift`",
                root.display()
            );
        }
        Ok(Toolchain::Root(root))
    }

    /// How a command of this toolchain sees `path`, a path inside `scratch`.
    pub(crate) fn sees(&self, scratch: &Path, path: &Path) -> PathBuf {
        match self {
            Toolchain::OnPath => path.to_path_buf(),
            Toolchain::Root(_) => Path::new(WORK).join(path.strip_prefix(scratch).unwrap_or(path)),
        }
    }

    /// A command that runs `program` (`swift`, `git` or a program built under `scratch`, named as
    /// [`Toolchain::sees`] it) with `args` in `dir`, a folder inside `scratch`. In the root,
    /// `scratch` is bound at `/work` in a mount namespace of the command's own (the mounts end
    /// with it), and the environment is only what Swift needs.
    pub(crate) fn command(
        &self,
        scratch: &Path,
        dir: &Path,
        program: &str,
        args: &[&str],
    ) -> Command {
        match self {
            Toolchain::OnPath => {
                let mut cmd = Command::new(program);
                cmd.args(args).current_dir(dir);
                cmd
            }
            Toolchain::Root(root) => {
                let mut cmd = Command::new("unshare");
                cmd.args(["--mount", "--fork", "--", "sh", "-c"])
                    .arg(format!(
                        "set -e; root=$1; mount -t proc proc \"$root/proc\"; \
                         mount --bind \"$2\" \"$root{WORK}\"; shift 2; \
                         exec chroot \"$root\" /usr/bin/env -i PATH={SWIFT_BIN}:/usr/bin:/bin \
                         HOME=/root LANG=C.UTF-8 sh -c 'cd \"$1\" || exit 1; shift; exec \"$@\"' sh \"$@\""
                    ))
                    .arg("sh")
                    .arg(root)
                    .arg(scratch)
                    .arg(self.sees(scratch, dir))
                    .arg(program)
                    .args(args)
                    .current_dir(scratch);
                cmd
            }
        }
    }
}

/// Makes the Swift toolchain available to the tests, or says why it cannot. Returns what the
/// tests will use, for the log.
pub(crate) fn ensure() -> anyhow::Result<String> {
    if let Some(version) = swift_on_path() {
        return Ok(format!("`swift` on PATH: {version}"));
    }
    let root = root_dir()?;
    let can_install = is_root() && on_path("apt-get");
    if root.join(MARKER).is_file() && (has_git(&root) || !can_install) {
        let git = if has_git(&root) {
            ""
        } else {
            " (without git: SwiftPM cannot resolve a package by URL there)"
        };
        return Ok(format!("Swift {VERSION} in {}{git}", root.display()));
    }
    if !can_install {
        bail!(
            "the tests need Swift 5.9 or later: put `swift` on PATH, or run as root on Debian or \
             Ubuntu so that Swift {VERSION} is installed into {}",
            root.display()
        );
    }
    let parent = root
        .parent()
        .context("the Swift root has no parent folder")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    // One provisioning at a time: another run on this machine may be making the same root.
    let lock_path = parent.join(format!(
        "{}.lock",
        root.file_name().unwrap_or_default().to_string_lossy()
    ));
    let lock = File::create(&lock_path)
        .with_context(|| format!("cannot create {}", lock_path.display()))?;
    lock.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    if root.join(MARKER).is_file() {
        if !has_git(&root) {
            // A root made before `git` was in the list: add it rather than make the root again.
            in_root(
                "apt-get install git (in the Swift root)",
                &root,
                "apt-get update -q && apt-get install -y -q --no-install-recommends git \
                 && apt-get clean",
            )?;
            if !has_git(&root) {
                bail!("{} has no /usr/bin/git after installing it", root.display());
            }
        }
        return Ok(format!("Swift {VERSION} in {}", root.display()));
    }
    let started = std::time::Instant::now();
    if !on_path("debootstrap") {
        let install = || {
            run(
                "apt-get install debootstrap",
                Command::new("apt-get").args(["install", "-y", "-q", "debootstrap"]),
            )
        };
        if install().is_err() {
            run(
                "apt-get update",
                Command::new("apt-get").args(["update", "-q"]),
            )?;
            install()?;
        }
    }
    let partial = parent.join(format!(
        "{}.partial",
        root.file_name().unwrap_or_default().to_string_lossy()
    ));
    remove_partial(&partial)?;
    if std::fs::symlink_metadata(&root).is_ok() {
        bail!(
            "{} exists but is not a finished Swift root (no {MARKER}): move it away, or set \
             ANTOM_SWIFT_ROOT to another folder",
            root.display()
        );
    }
    std::fs::create_dir_all(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    std::fs::write(partial.join(PARTIAL_MARKER), "")
        .with_context(|| format!("cannot write into {}", partial.display()))?;
    run(
        &format!("debootstrap {SUITE} into {}", partial.display()),
        Command::new("debootstrap")
            .args(["--variant=minbase", SUITE])
            .arg(&partial)
            .arg(mirror()),
    )?;
    in_root(
        &format!("apt-get install {PACKAGES} (in the Swift root)"),
        &partial,
        &format!(
            "apt-get update -q && apt-get install -y -q --no-install-recommends {PACKAGES} \
             && apt-get clean"
        ),
    )?;
    in_root(
        "swift --version (in the Swift root)",
        &partial,
        &format!("{SWIFT_BIN}/swift --version"),
    )?;
    // The tests bind their scratch folder here.
    std::fs::create_dir_all(partial.join("work")).context("cannot create work/ in the root")?;
    std::fs::write(
        partial.join(MARKER),
        format!("swiftlang from Debian {SUITE}\n"),
    )
    .context("cannot write the marker of the Swift root")?;
    std::fs::remove_file(partial.join(PARTIAL_MARKER))
        .context("cannot remove the partial marker of the Swift root")?;
    std::fs::rename(&partial, &root)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), root.display()))?;
    Ok(format!(
        "Swift {VERSION} installed into {} in {:.0?}",
        root.display(),
        started.elapsed()
    ))
}
