//! The npm consumer (`tests/consumers/npm/`): the staged tarball goes the way a release takes
//! it, `npm publish` to a registry, here a local verdaccio on 127.0.0.1 with no uplinks (nothing
//! leaves the machine), started for the run and stopped on every path; the consumer project then
//! runs `npm install @antom/callback@<version>` from that registry, with a cache of its own, and
//! its ES module and CommonJS scripts run with node. What they print is compared with the spec.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::Value;

use super::{Consumer, Ctx, run_in};

pub(crate) struct Npm;

/// The scripts of the consumer project, each with how it is named in messages.
const SCRIPTS: [(&str, &str); 2] = [
    ("on-event-callback.mjs", "the ES module"),
    ("on-event-callback.cjs", "the CommonJS script"),
];

/// The full card number in the project's recorded callbacks: in `cardNo` and, with spaces, in
/// `paymentResultMessage`. Neither form may be printed; the message keeps `MASKED`.
const CARD_NUMBER: &str = "4111111111111111";
const CARD_NUMBER_SPACED: &str = "4111 1111 1111 1111";
const MASKED: &str = "**** **** **** 1111";

impl Consumer for Npm {
    fn name(&self) -> &'static str {
        "npm"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        let work = ctx.work(self.name())?;
        let spec = super::load_spec(&ctx.root)?;
        let tarball = staged_tarball(&ctx.artifacts.join("npm"))?;
        let registry = Registry::start(&ctx.root, &work.join("registry"))?;
        registry.publish(&tarball, &work)?;

        let project = work.join("project");
        copy_project(&ctx.project(self.name()), &project)?;
        let package = format!(
            "{}@{}",
            antom_codegen::settings::npm_name(&spec.package),
            ctx.version
        );
        // The project's own `.npmrc` points at the registry; an empty user config and cache keep
        // out `~/.npmrc` and anything an earlier run installed.
        write(
            &project.join(".npmrc"),
            &format!("registry={}\n", registry.url),
        )?;
        let user_config = work.join("install.npmrc");
        write(&user_config, "")?;
        run_in(
            &format!("npm install {package} (from the local registry)"),
            &project,
            Command::new("npm")
                .args(["install", &package, "--no-audit", "--no-fund"])
                .arg("--userconfig")
                .arg(&user_config)
                .arg("--cache")
                .arg(work.join("install-cache")),
        )?;
        check_installed(
            &project,
            antom_codegen::settings::npm_name(&spec.package),
            &ctx.version,
            &registry.url,
        )?;
        drop(registry);

        // Both scripts run, whatever the first did: a break may hit one module system only.
        let mut outputs = Vec::new();
        let mut failures = Vec::new();
        for (script, what) in SCRIPTS {
            let ran = run_in(
                &format!("node {script} ({what} of consumer npm)"),
                &project,
                Command::new("node").arg(script),
            )
            .and_then(|out| {
                check_output(&spec, &out)
                    .with_context(|| format!("{what} ({script}) printed:\n{out}"))?;
                Ok(out)
            });
            match ran {
                Ok(out) => outputs.push(out),
                Err(e) => failures.push(format!("{e:#}")),
            }
        }
        if !failures.is_empty() {
            bail!("{}", failures.join("\n"));
        }
        if outputs[0] != outputs[1] {
            bail!(
                "the ES module and the CommonJS script printed different things:\n{}\n---\n{}",
                outputs[0],
                outputs[1]
            );
        }
        Ok(())
    }

    fn break_artifact(&self, _ctx: &Ctx, broken: &Path) -> anyhow::Result<&'static str> {
        let tarball = staged_tarball(&broken.join("npm"))?;
        let unpacked = broken.join("npm-unpacked");
        let _ = std::fs::remove_dir_all(&unpacked);
        std::fs::create_dir_all(&unpacked)
            .with_context(|| format!("create {}", unpacked.display()))?;
        run_in(
            "tar -x (the npm tarball)",
            &unpacked,
            Command::new("tar").arg("-xzf").arg(&tarball),
        )?;
        let dist = unpacked.join("package/dist");
        std::fs::remove_dir_all(&dist).with_context(|| format!("remove {}", dist.display()))?;
        run_in(
            "tar -c (the npm tarball without dist/)",
            &unpacked,
            Command::new("tar").arg("-czf").arg(&tarball).arg("package"),
        )?;
        Ok("the npm tarball without dist/")
    }
}

/// The one tarball in `dir` (`target/release-artifacts/npm/`).
fn staged_tarball(dir: &Path) -> anyhow::Result<PathBuf> {
    let tarballs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| {
            format!(
                "{} is missing: run `cargo xtask release --dry-run --only npm`, which stages it",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tgz"))
        .collect();
    match tarballs.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!(
            "{} holds {} tarballs, not one",
            dir.display(),
            tarballs.len()
        ),
    }
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("write {}", path.display()))
}

/// The consumer project as committed: what an earlier run installed into the source folder
/// (`node_modules/`, the lock file) stays out.
fn copy_project(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("create {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("read {}", from.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        if name == "node_modules" || name == "package-lock.json" || name == ".npmrc" {
            continue;
        }
        if entry.file_type()?.is_dir() {
            crate::release::copy_dir(&entry.path(), &to.join(&name))?;
        } else {
            std::fs::copy(entry.path(), to.join(&name))
                .with_context(|| format!("copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// The lock file says the package came, at `version`, from the local registry.
fn check_installed(project: &Path, name: &str, version: &str, url: &str) -> anyhow::Result<()> {
    let lock = project.join("package-lock.json");
    let lock: Value = serde_json::from_str(
        &std::fs::read_to_string(&lock).with_context(|| format!("read {}", lock.display()))?,
    )
    .context("package-lock.json")?;
    let installed = &lock["packages"][format!("node_modules/{name}")];
    let resolved = installed["resolved"].as_str().unwrap_or_default();
    if installed["version"] != version || !resolved.starts_with(url) {
        bail!(
            "npm installed {name} {} from `{resolved}`, not {version} from the local registry {url}",
            installed["version"]
        );
    }
    Ok(())
}

/// What one script printed, against the spec: FRAUD_REJECT's message, suggestion and action
/// text and SDK_PAYMENT_FAIL's description as the spec has them, `validateText`'s error on the
/// full card number, the redacted log with `cardNo` redacted and the number in the message
/// masked, no full card number anywhere, and an unknown event code passed over.
fn check_output(spec: &antom_spec::Spec, out: &str) -> anyhow::Result<()> {
    let result = spec
        .result_codes
        .iter()
        .find(|c| c.code == "FRAUD_REJECT")
        .context("the spec has no payment result code FRAUD_REJECT")?;
    let action = spec
        .actions
        .iter()
        .find(|a| a.name == result.action)
        .with_context(|| format!("the spec has no action {}", result.action))?;
    let event = spec
        .event_codes
        .iter()
        .find(|c| c.code == "SDK_PAYMENT_FAIL")
        .context("the spec has no event code SDK_PAYMENT_FAIL")?;
    let lines: Vec<&str> = out.lines().collect();
    let mut missing = Vec::new();
    let mut expect = |what: &str, found: bool| {
        if !found {
            missing.push(what.to_owned());
        }
    };
    let message = format!("message FRAUD_REJECT: {}", result.message);
    expect(&message, lines.contains(&message.as_str()));
    let suggestion = format!("suggestion FRAUD_REJECT: {}", result.suggestion);
    expect(
        &suggestion,
        lines.iter().any(|l| l.starts_with(&suggestion)),
    );
    let action = format!("action FRAUD_REJECT: {}", action.description);
    expect(&action, lines.contains(&action.as_str()));
    let described = format!("event SDK_PAYMENT_FAIL: {}", event.description);
    expect(&described, lines.contains(&described.as_str()));
    let invalid = "error at /result/cardPaymentResultInfo/cardNo: pattern";
    expect(invalid, lines.contains(&invalid));
    let redacted = lines
        .iter()
        .find(|l| l.starts_with("redacted: ") && l.contains("\"FRAUD_REJECT\""));
    expect(
        &format!(
            "a redacted log of the FRAUD_REJECT state with `\"cardNo\":\"<redacted>\"` and `{MASKED}`"
        ),
        redacted.is_some_and(|l| l.contains("\"cardNo\":\"<redacted>\"") && l.contains(MASKED)),
    );
    let unknown = "event SDK_SOMETHING_NEW: unknown to this version, ignored";
    expect(unknown, lines.contains(&unknown));
    if out.contains(CARD_NUMBER) || out.contains(CARD_NUMBER_SPACED) {
        missing.push(format!("no full card number (`{CARD_NUMBER}` was printed)"));
    }
    if !missing.is_empty() {
        bail!("missing from the output: {}", missing.join("; "));
    }
    Ok(())
}

/// A verdaccio on 127.0.0.1, storage and config under one folder of the run; killed on drop, so
/// on every path out of [`Npm::run`].
struct Registry {
    child: Child,
    port: u16,
    url: String,
    log: PathBuf,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Registry {
    fn start(root: &Path, dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
        // A free port: the system picks one for a listener that is closed right away.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .context("no free port on 127.0.0.1")?
            .port();
        let config = dir.join("config.yaml");
        // No `uplinks`: the registry serves only what is published to it.
        write(
            &config,
            &format!(
                "storage: {storage}\nauth:\n  htpasswd:\n    file: {htpasswd}\nuplinks: {{}}\npackages:\n  '**':\n    access: $all\n    publish: $authenticated\nweb:\n  enable: false\nlog: {{ type: stdout, format: pretty, level: warn }}\n",
                storage = dir.join("storage").display(),
                htpasswd = dir.join("htpasswd").display(),
            ),
        )?;
        let log = dir.join("verdaccio.log");
        let out =
            std::fs::File::create(&log).with_context(|| format!("create {}", log.display()))?;
        let err = out.try_clone().context("verdaccio log")?;
        let bin = root.join("tools/node_modules/.bin/verdaccio");
        let child = Command::new(&bin)
            .arg("--config")
            .arg(&config)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let mut registry = Registry {
            child,
            port,
            url: format!("http://127.0.0.1:{port}/"),
            log,
        };
        registry.wait_ready()?;
        eprintln!("    verdaccio on {}", registry.url);
        Ok(registry)
    }

    fn wait_ready(&mut self) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("verdaccio exited ({status}):\n{}", self.log_text());
            }
            if matches!(self.http("GET", "/-/ping", ""), Ok((200, _))) {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(60) {
                bail!(
                    "verdaccio did not answer on {} within 60 s:\n{}",
                    self.url,
                    self.log_text()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// One HTTP/1.0 request (so the answer is never chunked): its status and body.
    fn http(&self, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        )?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        let status = answer
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        Ok((status, body.to_owned()))
    }

    /// A user created as `npm adduser` creates one (`PUT /-/user/org.couchdb.user:<name>`), and
    /// `npm publish` of `tarball` with its token.
    fn publish(&self, tarball: &Path, work: &Path) -> anyhow::Result<()> {
        let user = serde_json::json!({
            "_id": "org.couchdb.user:release",
            "name": "release",
            "password": "local-rehearsal",
            "type": "user",
            "roles": [],
        });
        let (status, body) = self
            .http("PUT", "/-/user/org.couchdb.user:release", &user.to_string())
            .context("create a user on the local registry")?;
        let token = serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|v| v["token"].as_str().map(str::to_owned))
            .with_context(|| format!("the local registry gave no token ({status}): {body}"))?;
        let config = work.join("publish.npmrc");
        let host = self.url.trim_start_matches("http:");
        write(&config, &format!("{host}:_authToken={token}\n"))?;
        run_in(
            "npm publish (the staged tarball, to the local registry)",
            work,
            Command::new("npm")
                .arg("publish")
                .arg(tarball)
                .args(["--registry", &self.url, "--ignore-scripts"])
                // `publishConfig.provenance` is on for the real release, whose CI identity signs
                // the provenance statement; a local run has none, so only here it is turned off.
                .arg("--provenance=false")
                .arg("--userconfig")
                .arg(&config)
                .arg("--cache")
                .arg(work.join("publish-cache")),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{CARD_NUMBER, MASKED, check_output};

    /// What the consumer's scripts print for the recorded FRAUD_REJECT failure, from the spec.
    fn printed(spec: &antom_spec::Spec) -> String {
        let result = spec
            .result_codes
            .iter()
            .find(|c| c.code == "FRAUD_REJECT")
            .expect("FRAUD_REJECT");
        let action = spec
            .actions
            .iter()
            .find(|a| a.name == result.action)
            .expect("its action");
        let event = spec
            .event_codes
            .iter()
            .find(|c| c.code == "SDK_PAYMENT_FAIL")
            .expect("SDK_PAYMENT_FAIL");
        format!(
            "error at /result/cardPaymentResultInfo/cardNo: pattern\n\
             redacted: {{\"code\":\"SDK_PAYMENT_FAIL\",\"result\":{{\"paymentResultCode\":\"FRAUD_REJECT\",\"paymentResultMessage\":\"Card {MASKED} rejected\",\"cardPaymentResultInfo\":{{\"cardNo\":\"<redacted>\"}}}}}}\n\
             event SDK_PAYMENT_FAIL: {}\n\
             message FRAUD_REJECT: {}\n\
             suggestion FRAUD_REJECT: {} …\n\
             action FRAUD_REJECT: {}\n\
             event SDK_SOMETHING_NEW: unknown to this version, ignored\n",
            event.description, result.message, result.suggestion, action.description
        )
    }

    #[test]
    fn the_output_check_takes_the_spec_texts_and_no_card_number() {
        let spec = crate::consumers::load_spec(&crate::repo_root()).expect("the spec loads");
        let good = printed(&spec);
        check_output(&spec, &good).expect("the spec's texts pass");
        let result = spec
            .result_codes
            .iter()
            .find(|c| c.code == "FRAUD_REJECT")
            .expect("FRAUD_REJECT");
        for bad in [
            good.replace(&result.message, "Another message."),
            good.replace("<redacted>", CARD_NUMBER),
            good.replace(MASKED, "4111 1111 1111 1111"),
            good.replace(
                "error at /result/cardPaymentResultInfo/cardNo: pattern\n",
                "",
            ),
            good.replace("unknown to this version, ignored", "no handling needed"),
        ] {
            assert!(check_output(&spec, &bad).is_err(), "passed:\n{bad}");
        }
    }
}
