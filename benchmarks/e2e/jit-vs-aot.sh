#!/usr/bin/env bash
# `dotnet flask bench` as today's JIT tool and as the Native AOT binary, back to back and interleaved round by round, over
# real HTTP against the loopback judge (as benchmarks/e2e/run.sh). Needs ../shared/flask beside the clone, /usr/bin/time,
# a Release build of src/Flask.Cli and tests/Flask.Testing.LoopbackJudge, and the native binary:
#   dotnet build -c Release src/Flask.Cli; dotnet build -c Release tests/Flask.Testing.LoopbackJudge
#   dotnet publish src/Flask.Cli -r linux-x64 -p:PublishAot=true -o /tmp/flask-aot
# Usage: benchmarks/e2e/jit-vs-aot.sh [native binary, default /tmp/flask-aot/dotnet-flask] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
shared=${FLASK_SHARED_DATA:-$root/../shared/flask}
native=${1:-/tmp/flask-aot/dotnet-flask}
rounds=${2:-2}
jit="dotnet $root/src/Flask.Cli/bin/Release/net10.0/dotnet-flask.dll"
judge_dll="$root/tests/Flask.Testing.LoopbackJudge/bin/Release/net10.0/Flask.Testing.LoopbackJudge.dll"
dataset="$shared/evaluation_set/flask_evaluation.jsonl"
responses="$shared/model_outputs/gpt4.jsonl"
# The run history off for both: the native binary may be of another version than the store the JIT build writes, and
# recording is the same work in both (measured on its own in docs/performance.md).
export FLASK_HISTORY=off
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start_judge() { # $1 latency ms; sets judge_url
  local fifo="$work/in-$RANDOM"; mkfifo "$fifo"
  dotnet "$judge_dll" --latency-ms "$1" < "$fifo" > "$work/url" 2> "$work/judge.log" &
  judge_pid=$!
  sleep 3600 > "$fifo" & holder_pid=$!
  for _ in $(seq 300); do [ -s "$work/url" ] && break; sleep 0.1; done
  judge_url=$(head -1 "$work/url")
}
stop_judge() { kill "$holder_pid"; wait "$judge_pid" 2>/dev/null || true; rm -f "$work/url"; }

measure() { # label, command...: one table row (exit code 1 = finished with something not judged: still measured)
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/out" 2>&1 || [ $? -eq 1 ] || { cat "$work/out"; exit 1; }
  read -r wall user sys rss < <(tail -1 "$work/time")
  echo "| $label | $wall | $(echo "$user + $sys" | bc) | $((rss / 1024)) | $(cut -d' ' -f1-3 /proc/loadavg) |"
}

echo "| Variant, scenario | Wall (s) | CPU (s) | Peak memory (MB) | Load average (1, 5, 15 min) |"
echo "| --- | ---: | ---: | ---: | --- |"
for round in $(seq "$rounds"); do
  for variant in jit aot; do
    if [ "$variant" = jit ]; then flask=$jit; else flask=$native; fi
    start_judge 0
    $flask bench --dataset "$dataset" --responses "$responses" --out "$work/warm.jsonl" --overwrite --limit 16 --judge-endpoint "$judge_url" --judge-model loopback --cache off > /dev/null || true
    measure "$variant, full set, 0 ms judge, concurrency 8, cache on" $flask bench --dataset "$dataset" --responses "$responses" \
      --out "$work/full-$variant-$round.jsonl" --judge-endpoint "$judge_url" --judge-model loopback --cache-dir "$work/cache-$variant-$round" --concurrency 8
    stop_judge
    start_judge 200
    measure "$variant, 200 instances, 200 ms judge, concurrency 32" $flask bench --dataset "$dataset" --responses "$responses" \
      --out "$work/lat-$variant-$round.jsonl" --limit 200 --judge-endpoint "$judge_url" --judge-model loopback --cache off --concurrency 32
    stop_judge
  done
done
