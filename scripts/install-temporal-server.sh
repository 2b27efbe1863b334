#!/usr/bin/env bash
# Builds the Temporal server and its SQL tool at the pinned version (the one the CLI's dev server
# embeds, Server 1.29.1) once per machine, into ~/.cache/atlas-crm/temporal-server-<version>/, with the
# PostgreSQL schemas copied from the module beside them, and the Temporal Web UI server the CLI embeds
# (ui-server v2.42.1) into ~/.cache/atlas-crm/temporal-ui-server-<version>/. Every clone reuses them.
set -euo pipefail
VERSION=v1.29.1
# The Web UI server the CLI's dev server (v1.5.1) embeds: the version in the CLI's go.mod.
UI_VERSION=v2.42.1
home="$HOME/.cache/atlas-crm/temporal-server-$VERSION"
ui_home="$HOME/.cache/atlas-crm/temporal-ui-server-$UI_VERSION"
server_ready() { [ -x "$home/bin/server" ] && [ -x "$home/bin/sql" ] && [ -d "$home/schema/postgresql/v12" ]; }
if server_ready && [ -x "$ui_home/bin/server" ]; then
  echo "Temporal server $VERSION: $home"
  echo "Temporal UI server $UI_VERSION: $ui_home"
  exit 0
fi
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
if ! command -v go >/dev/null 2>&1; then
  echo "Building the Temporal server needs Go (https://go.dev/dl); or point TEMPORAL_ADDRESS at a running cluster." >&2
  exit 1
fi
if ! server_ready; then
  mkdir -p "$home/bin"
  echo "Building the Temporal server $VERSION and its SQL tool with go install (3–4 minutes, once per machine)…"
  GOBIN="$home/bin" go install "go.temporal.io/server/cmd/server@$VERSION"
  GOBIN="$home/bin" go install "go.temporal.io/server/cmd/tools/sql@$VERSION"
  module="$(go env GOMODCACHE)/go.temporal.io/server@$VERSION"
  [ -d "$module/schema/postgresql/v12" ] || go mod download "go.temporal.io/server@$VERSION"
  mkdir -p "$home/schema/postgresql"
  rm -rf "$home/schema/postgresql/v12"
  cp -r "$module/schema/postgresql/v12" "$home/schema/postgresql/v12"
  chmod -R u+w "$home/schema"
fi
if [ ! -x "$ui_home/bin/server" ]; then
  mkdir -p "$ui_home/bin"
  echo "Building the Temporal UI server $UI_VERSION with go install (about a minute, once per machine)…"
  GOBIN="$ui_home/bin" go install "github.com/temporalio/ui-server/v2/cmd/server@$UI_VERSION"
fi
echo "Temporal server $VERSION: $home"
echo "Temporal UI server $UI_VERSION: $ui_home"
