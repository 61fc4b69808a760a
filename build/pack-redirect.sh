#!/usr/bin/env bash
# Rebuilds the committed local redirect package (see build/redirect-packages/*/ *.csproj for why it exists).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet pack "$here/redirect-packages/Patched.DistributedLock.Postgres" -c Release -o "$here/local-packages" --nologo
