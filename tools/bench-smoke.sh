#!/usr/bin/env bash
# The benchmarks' smoke test (CI runs it after the test suite): every benchmark of docs/performance.md once, at a small
# scale, checking its results — rows imported, people enrolled, rows exported and read back, pages answered, coverage
# equal to the hand-written SQL, no failed request under wrk — not its timings.
#
#   tools/bench-smoke.sh
#
# Needs what tools/test.sh postgres needs (a PostgreSQL role that may create databases; GRASSROOTS_TEST_PG, default
# "Host=127.0.0.1;Username=grassroots;Password=grassroots;Database=postgres") and wrk (Debian: apt-get install wrk).
# Uses the database grassroots_bench_smoke on that server, dropped and created again. Exits non-zero on the first
# benchmark that fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
pg="${GRASSROOTS_TEST_PG:-Host=127.0.0.1;Username=grassroots;Password=grassroots;Database=postgres}"
connection="$(printf '%s' "$pg" | sed -E 's/(^|;)Database=[^;]*//I');Database=grassroots_bench_smoke"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release bench/Grassroots.Bench -nologo -v q -clp:ErrorsOnly
bench=(dotnet bench/Grassroots.Bench/bin/Release/net10.0/grassroots-bench.dll)

run() {
  local name="$1"; shift
  echo "bench-smoke: $name"
  if ! "${bench[@]}" "$@" --work "$work/$name" >"$work/$name.log" 2>&1; then
    echo "bench-smoke: '$name' failed; end of its output:" >&2
    tail -n 30 "$work/$name.log" >&2
    exit 1
  fi
  tail -n 4 "$work/$name.log"
}

run roster-import roster-import --rows 300 --runs 1
run enrol-by-rule enrol-by-rule --heads 300 --runs 1
run export export --rows 3000 --runs 1
run pages pages --runs 1 --requests 2
run national national --connection "$connection" --fresh true --scale 0.01 --runs 1 --duration 2 --warmup 2 --connections 8
echo "bench-smoke: every benchmark ran and its results were right"
