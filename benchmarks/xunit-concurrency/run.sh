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
  grep -oE 'Served [0-9]+ requests, at most [0-9]+' "$judge_log" | grep -oE '[0-9]+' | tr '\n' ' '
}
measure() { # runs a command under /usr/bin/time; prints "wall_s peak_mb"; the tests' own exit code is ignored
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2>&1 || true
  grep -q "Total: [1-9]\|total: [1-9]" "$work/out" || { cat "$work/out"; exit 1; }
  read -r wall rss < "$work/time"
  echo "$wall $((rss / 1024))"
}
run() { # $1 latency ms, $2 concurrency, rest: the command; prints "wall peak_mb requests in_flight"
  local latency=$1 concurrency=$2; shift 2
  start_judge "$latency"
  local result
  result=$(FLASK_JUDGE_ENDPOINT="$judge_url" FLASK_JUDGE_MODEL=loopback FLASK_JUDGE_CACHE=off FLASK_JUDGE_CONCURRENCY="$concurrency" \
    FLASK_RESULTS_DIR="$work/results" FLASK_BASELINE="$work/none.json" measure "$@")
  echo "$result $(stop_judge)"
}
ideal() { echo "scale=2; $1 * $2 / 1000 / $3" | bc; } # rows, latency ms, concurrency

echo "| Scenario | Wall (s) | Judging (s) = wall − same run on a 0 ms judge | Ideal (s) | × ideal | Judge requests | Most in flight | Peak memory (MB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
scenario() { # $1 label, $2 rows, $3 concurrency, rest: runner arguments
  local label=$1 rows=$2 concurrency=$3; shift 3
  read -r base _ _ _ < <(run 0 "$concurrency" "$@")
  read -r wall mb requests inflight < <(run 200 "$concurrency" "$@")
  local judging ideal_s
  judging=$(echo "$wall - $base" | bc); ideal_s=$(ideal "$rows" 200 "$concurrency")
  echo "| $label | $wall | $judging | $ideal_s | $(echo "scale=2; $judging / $ideal_s" | bc) | $requests | $inflight | $mb |"
}
scenario "100-row [FlaskData] theory, 200 ms judge, concurrency 8 (test host: dotnet Fixtures.dll)" 100 8 dotnet "$fixtures" -class "$ns.Rows100"
scenario "the same through \`dotnet test --no-build\`" 100 8 dotnet test "$project" --no-build -c Release -p:FlaskFixtureRun=true -- --filter-class "$ns.Rows100"
scenario "400-row theory, 200 ms judge, concurrency 32" 400 32 dotnet "$fixtures" -class "$ns.Rows400"
scenario "40 [Fact]s over 4 classes, 200 ms judge, concurrency 8" 40 8 dotnet "$fixtures" -class "$ns.FactsA" -class "$ns.FactsB" -class "$ns.FactsC" -class "$ns.FactsD"
read -r wall mb requests inflight < <(run 200 1 dotnet "$fixtures" -class "$ns.Rows100" -parallelMode none)
echo "| 100-row theory, 200 ms judge, sequential (\`-parallelMode none\`, as before) | $wall | | $(ideal 100 200 1) | | $requests | $inflight | $mb |"
read -r wall mb requests inflight < <(run 0 8 dotnet "$fixtures" -class "$ns.Rows100")
echo "| memory: 100 rows, 0 ms judge | $wall | | | | $requests | $inflight | $mb |"
read -r wall mb requests inflight < <(run 0 8 dotnet "$fixtures" -class "$ns.Rows1000")
echo "| memory: 1,000 rows, 0 ms judge | $wall | | | | $requests | $inflight | $mb |"
