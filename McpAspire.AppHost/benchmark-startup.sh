#!/usr/bin/env bash
# Startup benchmark: the time from `dotnet run` of the built AppHost to "All resources healthy", N runs (default 5),
# and the median. Builds once first; each run then starts with --no-build, waits for every resource to be healthy,
# and stops everything (AppHost:ExitWhenHealthy).
#   McpAspire.AppHost/benchmark-startup.sh            # development state (.mcpaspire/, PostgreSQL already initialized)
#   FRESH=1 McpAspire.AppHost/benchmark-startup.sh    # a new empty state directory per run (initdb every time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
configuration=${CONFIGURATION:-Debug}

dotnet build McpAspire.AppHost -c "$configuration" -v quiet -nologo >/dev/null
times=()
for i in $(seq 1 "$runs"); do
  args=(--AppHost:ExitWhenHealthy=true)
  state=""
  if [ "${FRESH:-0}" = 1 ]; then
    state=$(mktemp -d /tmp/mcpaspire-bench-XXXXXX)
    args+=("--AppHost:StateDirectory=$state")
  fi
  start=$(date +%s%N)
  end=""
  log=$(mktemp)
  while IFS= read -r line; do
    echo "$line" >>"$log"
    if [ -z "$end" ] && [[ $line == "All resources healthy"* ]]; then end=$(date +%s%N); fi
  done < <(dotnet run --project McpAspire.AppHost -c "$configuration" --no-build -- "${args[@]}" 2>&1)
  [ -n "$state" ] && rm -rf "$state"
  if [ -z "$end" ]; then
    cat "$log"; rm -f "$log"
    echo "run $i: the app did not become healthy" >&2
    exit 1
  fi
  rm -f "$log"
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "median of $runs runs: ${median} ms (from dotnet run to all resources healthy)"
