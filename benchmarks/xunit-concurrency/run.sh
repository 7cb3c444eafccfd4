#!/usr/bin/env bash
# `dotnet test` at the judge's speed: FLASK tests of the concurrency fixture assembly
# (tests/Flask.Testing.Xunit.ConcurrencyFixtures) against the loopback judge as a separate process on 127.0.0.1.
# Needs /usr/bin/time (Debian package "time").
# Usage: benchmarks/xunit-concurrency/run.sh     Results: a Markdown table on stdout (copied into docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install -y time"; exit 2; }

for p in tests/Flask.Testing.Xunit.ConcurrencyFixtures tests/Flask.Testing.LoopbackJudge; do
  dotnet build -c Release "$p" -nologo -v q -p:FlaskFixtureRun=true >/dev/null
done
project="$root/tests/Flask.Testing.Xunit.ConcurrencyFixtures/Flask.Testing.Xunit.ConcurrencyFixtures.csproj"
fixtures="$root/tests/Flask.Testing.Xunit.ConcurrencyFixtures/bin/Release/net10.0/Flask.Testing.Xunit.ConcurrencyFixtures.dll"
judge_dll="$root/tests/Flask.Testing.LoopbackJudge/bin/Release/net10.0/Flask.Testing.LoopbackJudge.dll"
ns=Flask.Testing.Xunit.ConcurrencyFixtures
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start_judge() { # $1 latency ms; sets judge_url, judge_pid, holder_pid, judge_log
  judge_log="$work/judge-$1-$RANDOM.log"
  local fifo="$work/in-$RANDOM"
  mkfifo "$fifo"
  dotnet "$judge_dll" --latency-ms "$1" --score 4 < "$fifo" > "$judge_log.url" 2> "$judge_log" &
  judge_pid=$!
  sleep 3600 > "$fifo" &   # holds the judge's stdin open; closing it stops the judge
  holder_pid=$!
  for _ in $(seq 100); do [ -s "$judge_log.url" ] && break; sleep 0.1; done
  judge_url=$(head -1 "$judge_log.url")
}
stop_judge() { # prints "requests in-flight-high-water"
  kill "$holder_pid"; wait "$judge_pid" 2>/dev/null || true
  grep -oE 'Served [0-9]+ requests, at most [0-9]+' "$judge_log" | grep -oE '[0-9]+' | tr '\n' ' ' || { cat "$judge_log" >&2; echo "? ?"; }
}
measure() { # runs a command under /usr/bin/time; prints "wall_s peak_mb run_s" (run_s: the tests' execution time as
             # the runner reports it, i.e. without process start and discovery); the tests' own exit code is ignored
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2>&1 || true
  grep -q "Total: [1-9]\|total: [1-9]" "$work/out" || { cat "$work/out"; exit 1; }
  read -r wall rss < "$work/time"
  echo "$wall $((rss / 1024)) $(grep -oE 'Time: [0-9.]+s' "$work/out" | grep -oE '[0-9.]+' || echo '-')"
}
run() { # $1 latency ms, $2 concurrency, rest: the command; prints "wall peak_mb run_s requests in_flight"
  local latency=$1 concurrency=$2; shift 2
  start_judge "$latency"
  local result
  result=$(FLASK_JUDGE_ENDPOINT="$judge_url" FLASK_JUDGE_MODEL=loopback FLASK_JUDGE_CACHE=off FLASK_JUDGE_CONCURRENCY="$concurrency" \
    FLASK_RESULTS_DIR="$work/results" FLASK_BASELINE="$work/none.json" measure "$@")
  stop_judge > "$work/stats"   # not in a $(...) subshell: it waits for the judge, which is a child of this shell
  echo "$result $(cat "$work/stats")"
}
ideal() { echo "scale=2; $1 * $2 / 1000 / $3" | bc; } # rows, latency ms, concurrency

echo "| Scenario | Wall (s) | Test execution (s) | Ideal (s) | Execution ÷ ideal | Judge requests | Most in flight | Peak memory (MB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
row() { # $1 label, $2 rows, $3 latency, $4 concurrency, rest: the command
  local label=$1 rows=$2 latency=$3 concurrency=$4; shift 4
  read -r wall mb exec requests inflight < <(run "$latency" "$concurrency" "$@")
  local ideal_s=- ratio=-
  if [ "$latency" -gt 0 ]; then ideal_s=$(ideal "$rows" "$latency" "$concurrency"); fi
  if [ "$latency" -gt 0 ] && [ "$exec" != - ]; then ratio=$(echo "scale=2; $exec / $ideal_s" | bc); fi
  echo "| $label | $wall | $exec | $ideal_s | $ratio | $requests | $inflight | $mb |"
}
row "100-row [FlaskData] theory, 200 ms judge, concurrency 8" 100 200 8 dotnet "$fixtures" -class "$ns.Rows100"
row "the same, 0 ms judge (the runner's own cost)" 100 0 8 dotnet "$fixtures" -class "$ns.Rows100"
row "the same through \`dotnet test --no-build\`, 200 ms judge" 100 200 8 dotnet test "$project" --no-build -c Release -p:FlaskFixtureRun=true -- --filter-class "$ns.Rows100"
row "the same through \`dotnet test --no-build\`, 0 ms judge" 100 0 8 dotnet test "$project" --no-build -c Release -p:FlaskFixtureRun=true -- --filter-class "$ns.Rows100"
row "400-row theory, 200 ms judge, concurrency 32" 400 200 32 dotnet "$fixtures" -class "$ns.Rows400"
row "40 [Fact]s over 4 classes, 200 ms judge, concurrency 8" 40 200 8 dotnet "$fixtures" -class "$ns.FactsA" -class "$ns.FactsB" -class "$ns.FactsC" -class "$ns.FactsD"
row "100-row theory, 200 ms judge, sequential (\`-parallelMode none\`: as before)" 100 200 1 dotnet "$fixtures" -class "$ns.Rows100" -parallelMode none
row "memory: 100 rows, 0 ms judge" 100 0 8 dotnet "$fixtures" -class "$ns.Rows100"
row "memory: 1,000 rows, 0 ms judge" 1000 0 8 dotnet "$fixtures" -class "$ns.Rows1000"
