#!/usr/bin/env bash
# Installs the Temporal CLI (dev server + Web UI) where every clone on this machine finds it:
# ~/.cache/atlas-crm/bin/temporal, linked into the project's git-ignored .tools/bin.
set -euo pipefail
VERSION=v1.5.1 # later tags carry a `replace` directive that `go install` refuses
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$HOME/.cache/atlas-crm/bin"
mkdir -p "$root/.tools/bin" "$cache"

found=""
for candidate in "$root/.tools/bin/temporal" "$cache/temporal" "$(command -v temporal 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then found="$candidate"; break; fi
done

if [ -z "$found" ]; then
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
  if ! command -v go >/dev/null 2>&1; then
    cat >&2 <<MSG
The Temporal CLI is missing and Go is not installed, so it cannot be built here.
Either install Go (https://go.dev/dl) and rerun: npm run temporal:install
or install the Temporal CLI yourself (https://docs.temporal.io/cli) and put it on PATH,
or set TEMPORAL_ADDRESS to a running Temporal server.
MSG
    exit 1
  fi
  echo "Building the Temporal CLI $VERSION with go install (a few minutes, once per machine)…"
  GOBIN="$cache" go install "github.com/temporalio/cli/cmd/temporal@$VERSION"
  found="$cache/temporal"
fi

if [ "$found" != "$root/.tools/bin/temporal" ]; then ln -sf "$found" "$root/.tools/bin/temporal"; fi
echo "Temporal CLI: $("$root/.tools/bin/temporal" --version)"
