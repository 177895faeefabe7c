#!/bin/sh
# Keeps Vendor/AntomCallback/ (Antom's callback codes for Objective-C) in step with a pinned
# antom: `scripts/antom.sh` vendors the files, `scripts/antom.sh --check` (run in CI) fails
# naming each vendored file that the pinned antom would write differently.
set -eu
cd "$(dirname "$0")/.."
if ! antom --version 2>/dev/null | grep -q '^antom 0\.1\.0 '; then
    cargo install antom-cli --version =0.1.0 --locked
fi
antom generate --target objc --out Vendor/AntomCallback "$@"
