#!/usr/bin/env bash
# The test command: runs the whole test suite against one database.
#
#   tools/test.sh [sqlite|postgres] [dotnet test options…]
#
# sqlite (the default) needs nothing else. postgres needs a running server and a role that may create
# databases; GRASSROOTS_TEST_PG is its connection string (default
# "Host=127.0.0.1;Username=grassroots;Password=grassroots;Database=postgres"). Every test gets its own database.
# Installs what the tests need when it is missing (Debian's chromium for the browser tests, LibreOffice Calc
# and the Liberation fonts for the document tests, poppler-utils and zbar-tools to read back generated PDFs and
# their QR codes) with apt-get, as root or through sudo.
# Exits with dotnet test's exit code.
set -euo pipefail

provider="${1:-sqlite}"
if [ $# -gt 0 ]; then shift; fi
case "$provider" in
  sqlite|postgres) ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "tools/test.sh: unknown database '$provider' (use sqlite or postgres)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

install_prerequisites() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=("chromium (/usr/bin/chromium)")
  command -v soffice >/dev/null 2>&1 || missing+=("LibreOffice (soffice)")
  [ -d /usr/share/fonts/truetype/liberation ] || missing+=("fonts-liberation")
  command -v pdftotext >/dev/null 2>&1 || missing+=("poppler-utils (pdftotext)")
  command -v zbarimg >/dev/null 2>&1 || missing+=("zbar-tools (zbarimg)")
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "tools/test.sh: installing test prerequisites, missing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "tools/test.sh: need root or sudo to apt-get install chromium libreoffice-calc-nogui fonts-liberation poppler-utils zbar-tools" >&2
      return 1
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libreoffice-calc-nogui fonts-liberation poppler-utils zbar-tools
}

install_prerequisites

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$provider" = postgres ]; then
  export GRASSROOTS_TEST_DB=postgres
  export GRASSROOTS_TEST_PG="${GRASSROOTS_TEST_PG:-Host=127.0.0.1;Username=grassroots;Password=grassroots;Database=postgres}"
  # Show the server without the password.
  echo "tools/test.sh: PostgreSQL at $(printf '%s' "$GRASSROOTS_TEST_PG" | sed -E 's/(^|;)[Pp]assword=[^;]*/\1Password=***/')"
else
  export GRASSROOTS_TEST_DB=sqlite
  echo "tools/test.sh: SQLite"
fi

cd "$root"
exec dotnet test Grassroots.slnx "$@"
