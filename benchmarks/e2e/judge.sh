# Sourced by run.sh, jit-vs-aot.sh and promptfoo.sh (needs $root, $work, $dataset, $responses and $flask, the tool that
# warms the judge): the loopback judge (tests/Flask.Testing.LoopbackJudge, Release) as a separate process on 127.0.0.1.
# It stands for a remote judge, so as little of its own cost as possible lands in a measured run: it runs fully
# optimized from its first call (DOTNET_TieredCompilation=0: its JIT happens at start and in the warm-up, not during a
# measurement; with tiering it was still compiling after 1,740 calls) and is warmed with $judge_warm_calls calls (300)
# before each measurement. What it still costs (it shares the machine's cores with the tool) is measured per run:
# judge_cpu_ms.
judge_dll="$root/tests/Flask.Testing.LoopbackJudge/bin/Release/net10.0/Flask.Testing.LoopbackJudge.dll"
judge_warm_calls=${judge_warm_calls:-300}

build_judge() { dotnet build -c Release "$root/tests/Flask.Testing.LoopbackJudge" -nologo -v q > /dev/null; }

start_judge() { # $1 latency in ms; sets judge_url, judge_pid, judge_log and warmed (the calls of the warm-up)
  judge_log="$work/judge-$RANDOM.log"
  local fifo="$work/in-$RANDOM" warm_out="$work/warm-$RANDOM"
  mkfifo "$fifo"
  DOTNET_TieredCompilation=0 dotnet "$judge_dll" --latency-ms "$1" < "$fifo" > "$judge_log.url" 2> "$judge_log" &
  judge_pid=$!
  sleep 3600 > "$fifo" &   # holds the judge's stdin open; closing it stops the judge
  holder_pid=$!
  for _ in $(seq 300); do [ -s "$judge_log.url" ] && break; sleep 0.1; done
  judge_url=$(head -1 "$judge_log.url")
  [ -n "$judge_url" ] || { echo "the loopback judge did not start: $(cat "$judge_log")"; exit 1; }
  # The first instances with a response, one call each; concurrency 32 keeps a 200 ms judge's warm-up short.
  $flask bench --dataset "$dataset" --responses "$responses" --out "$warm_out.jsonl" --limit "$judge_warm_calls" \
    --judge-endpoint "$judge_url" --judge-model loopback --cache off --store off --concurrency 32 > "$warm_out.log" 2>&1 ||
    [ $? -eq 1 ] || { cat "$warm_out.log"; exit 1; }
  warmed=$(grep -c . "$warm_out.jsonl")
  judge_cpu_start=$(judge_cpu_ticks)
}

judge_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$judge_pid/stat"; } # user + system, in clock ticks (Linux)

judge_cpu_ms() { # the judge's CPU time since the end of its warm-up, in ms
  echo $(( ($(judge_cpu_ticks) - judge_cpu_start) * 1000 / $(getconf CLK_TCK) ))
}

stop_judge() { # sets requests: those served after the warm-up. Not called in a subshell, so that `wait` waits for the judge.
  kill "$holder_pid"; wait "$judge_pid" || true
  local served
  served=$(grep -oE 'Served [0-9]+' "$judge_log" | grep -oE '[0-9]+') || { echo "the loopback judge did not say what it served: $(cat "$judge_log")"; exit 1; }
  requests=$((served - warmed))
}
