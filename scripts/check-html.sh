#!/bin/sh
# Checks the HTML report and comparison in headless Chromium at a phone's
# width (412 px): the verdict's SVG spectrum and every dimension's bar are
# laid out and visible, and nothing runs off the side. Skips, with a reason,
# when no Chromium is installed: CI does not depend on it.
set -eu
for b in chromium chromium-browser google-chrome chrome; do
    if command -v "$b" >/dev/null 2>&1; then
        exec cargo test --bin mommytrack browser:: -- --ignored
    fi
done
echo "check-html: skipped: no Chromium on PATH (apt-get install chromium, or brew install --cask chromium)"
