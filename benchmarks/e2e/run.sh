#!/usr/bin/env bash
# End-to-end benchmark of `dotnet flask bench` and `dotnet flask report` over real HTTP against the loopback judge, which runs as a
# separate process on 127.0.0.1. Measures what users get: the tool packed and installed from a folder feed (packed-tool.sh),
# the Native AOT executable on linux-x64. Needs ../shared/flask beside the clone, /usr/bin/time (Debian package "time") and unzip.
# Usage: benchmarks/e2e/run.sh [--limit N]   Results: a Markdown table on stdout (copied into docs/performance.md).
#   --limit N   only the first N instances in every scenario (a quick check that the script runs, not a measurement)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
shared=${FLASK_SHARED_DATA:-$root/../shared/flask}
[ -d "$shared" ] || { echo "FLASK data not found at $shared (put it beside the clone as ../shared/flask)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install -y time"; exit 2; }

limit=()
if [ "${1:-}" = --limit ]; then limit=(--limit "$2"); fi

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
source "$root/benchmarks/e2e/packed-tool.sh"
source "$root/benchmarks/e2e/judge.sh"
build_judge
pack_and_install_tool "$work"
flask=$flask_installed
dataset="$shared/evaluation_set/flask_evaluation.jsonl"
responses="$shared/model_outputs/gpt4.jsonl"

measure() { # runs a command under /usr/bin/time; prints "wall_s cpu_s peak_mb"
  # Exit code 1 is a finished run with something not judged (the 40 instances without a gpt4 response): still measured.
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/out" 2>&1 || [ $? -eq 1 ] || { cat "$work/out"; exit 1; }
  read -r wall user sys rss < <(tail -1 "$work/time")
  echo "$wall $(echo "$user + $sys" | bc) $((rss / 1024))"
}

echo "Machine load at the start: $(uptime)"
echo "Tool: $flask ($([ "$flask_native" = yes ] && echo "Native AOT" || echo "framework-dependent"), installed from a packed feed)"
echo
echo "| Scenario | Wall (s) | CPU (s) | CPU per instance (ms) | Peak memory (MB) | Judge requests | Notes |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"

# 1. Full FLASK set, judge latency 0 ms, concurrency 8, fresh cache.
start_judge 0
read -r wall cpu mb < <(measure $flask bench --dataset "$dataset" --responses "$responses" --out "$work/full.jsonl" "${limit[@]}" \
  --judge-endpoint "$judge_url" --judge-model loopback --cache-dir "$work/cache" --concurrency 8)
judge_ms=$(judge_cpu_ms); stop_judge; n=$(wc -l < "$work/full.jsonl"); inner=$(grep -oE '[0-9]+\.[0-9]+ s\. Results' "$work/out" | grep -oE '^[0-9.]+')
echo "| Full set (1,740; $n with a gpt4 response), 0 ms judge, concurrency 8 | $wall | $cpu | $(echo "scale=2; $cpu * 1000 / $n" | bc) | $mb | $requests | one call per instance; ${inner} s of it judging, the rest process start; the judge's CPU meanwhile $judge_ms ms |"

# 2. The same again: every answer from the response cache.
start_judge 0
read -r wall cpu mb < <(measure $flask bench --dataset "$dataset" --responses "$responses" --out "$work/replay.jsonl" "${limit[@]}" \
  --judge-endpoint "$judge_url" --judge-model loopback --cache-dir "$work/cache" --concurrency 8)
stop_judge
echo "| Replay of the full set from the cache | $wall | $cpu | $(echo "scale=2; $cpu * 1000 / $n" | bc) | $mb | $requests | must be 0 requests |"

# 3. 200 and 800 instances with a 200 ms judge at concurrency 8 and 32: wall time against the ideal (instances × latency ÷ concurrency).
counts="200 800"
if [ ${#limit[@]} -gt 0 ]; then counts=${limit[1]}; fi
for count in $counts; do
for c in 8 32; do
  start_judge 200
  read -r wall cpu mb < <(measure $flask bench --dataset "$dataset" --responses "$responses" --out "$work/lat-$count-$c.jsonl" --limit "$count" \
    --judge-endpoint "$judge_url" --judge-model loopback --cache off --concurrency "$c")
  judge_ms=$(judge_cpu_ms); stop_judge
  ideal=$(echo "scale=3; $count * 0.2 / $c" | bc)
  inner=$(grep -oE '[0-9]+\.[0-9]+ s\. Results' "$work/out" | grep -oE '^[0-9.]+')
  echo "| $count instances, 200 ms judge, concurrency $c | $wall | $cpu | | $mb | $requests | ideal ${ideal} s; judging took ${inner} s in the process: $(echo "scale=2; $inner / $ideal" | bc) × ideal; the judge's CPU $judge_ms ms |"
done
done

# 4. dotnet flask report over 15 models × 1,700 results (scores from the heuristic loopback judge).
start_judge 0
for f in "$shared"/model_outputs/*.jsonl; do
  m=$(basename "$f" .jsonl)
  $flask bench --dataset "$dataset" --responses "$f" --out "$work/runs/$m.jsonl" "${limit[@]}" --judge-endpoint "$judge_url" \
    --judge-model loopback --cache off --concurrency 8 > /dev/null || [ $? -eq 1 ]
done
stop_judge
total=$(cat "$work"/runs/*.jsonl | wc -l)
read -r wall cpu mb < <(measure $flask report "$work"/runs/*.jsonl --format html --out "$work/report.html")
echo "| dotnet flask report, 15 models × 1,700 ($total results), HTML | $wall | $cpu | | $mb | | |"
read -r wall cpu mb < <(measure $flask report "$work"/runs/gpt4.jsonl --format json --out "$work/one.json")
echo "| dotnet flask report, 1 model × 1,700, JSON (memory flatness check) | $wall | $cpu | | $mb | | |"
