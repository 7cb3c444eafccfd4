#!/usr/bin/env bash
# `dotnet flask bench` as the framework-dependent (JIT) tool and as the Native AOT executable, back to back and
# interleaved round by round, over real HTTP against the loopback judge (as benchmarks/e2e/run.sh). Both come from the
# same packed feed (packed-tool.sh): the native one installed as users get it on linux-x64, the JIT one the feed's
# `any` package. Needs a linux-x64 host, ../shared/flask beside the clone, /usr/bin/time and unzip.
# Usage: benchmarks/e2e/jit-vs-aot.sh [rounds, default 2] [--limit N: the full set's scenario on N instances only, a quick check]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
shared=${FLASK_SHARED_DATA:-$root/../shared/flask}
rounds=${1:-2}
limit=()
if [ "${2:-}" = --limit ]; then limit=(--limit "$3"); fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
source "$root/benchmarks/e2e/packed-tool.sh"
source "$root/benchmarks/e2e/judge.sh"
build_judge
pack_and_install_tool "$work"
[ "$flask_native" = yes ] || { echo "the tool installed from the feed is not the Native AOT one (this host is not linux-x64): nothing to compare"; exit 2; }
jit=$flask_jit
native=$flask_installed
dataset="$shared/evaluation_set/flask_evaluation.jsonl"
responses="$shared/model_outputs/gpt4.jsonl"
# The run history off for both: recording is the same work in both (measured on its own in docs/performance.md).
export FLASK_HISTORY=off

measure() { # label, command...: one table row (exit code 1 = finished with something not judged: still measured)
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/out" 2>&1 || [ $? -eq 1 ] || { cat "$work/out"; exit 1; }
  read -r wall user sys rss < <(tail -1 "$work/time")
  echo "| $label | $wall | $(echo "$user + $sys" | bc) | $((rss / 1024)) | $(judge_cpu_ms) | $(cut -d' ' -f1-3 /proc/loadavg) |"
}

echo "| Variant, scenario | Wall (s) | CPU (s) | Peak memory (MB) | The judge's CPU (ms) | Load average (1, 5, 15 min) |"
echo "| --- | ---: | ---: | ---: | ---: | --- |"
for round in $(seq "$rounds"); do
  for variant in jit aot; do
    if [ "$variant" = jit ]; then flask=$jit; else flask=$native; fi
    start_judge 0
    measure "$variant, full set, 0 ms judge, concurrency 8, cache on" $flask bench --dataset "$dataset" --responses "$responses" \
      --out "$work/full-$variant-$round.jsonl" "${limit[@]}" --judge-endpoint "$judge_url" --judge-model loopback --cache-dir "$work/cache-$variant-$round" --concurrency 8
    stop_judge
    start_judge 200
    measure "$variant, 200 instances, 200 ms judge, concurrency 32" $flask bench --dataset "$dataset" --responses "$responses" \
      --out "$work/lat-$variant-$round.jsonl" --limit 200 --judge-endpoint "$judge_url" --judge-model loopback --cache off --concurrency 32
    stop_judge
  done
done
