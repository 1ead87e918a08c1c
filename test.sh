#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (tshark, the independent judge of every
# frame Pdc emits) and runs every test of the solution. Prints "tests: N passed, M failed" last.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is missing (dotnet not on PATH); install it from Microsoft's packages, then rerun." >&2
  exit 1
fi

if ! command -v tshark >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: tshark is missing and this is not root; run: sudo apt-get install -y tshark" >&2
    exit 1
  fi
  echo "test.sh: installing tshark (Wireshark's dissector judges every frame Pdc encodes)..."
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Pdc.sln -c Release --nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Pdc.sln -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# Sum the per-assembly totals ("     Passed: 161", "     Failed: 2", "    Skipped: 1").
count() { { grep -E "^[[:space:]]+$1: [0-9]+[[:space:]]*$" "$log" || true; } | awk '{n += $2} END {print n + 0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran; the build or the test runner failed (see above)." >&2
  exit 1
fi
exit $status
