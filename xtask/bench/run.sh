#!/usr/bin/env bash
# Side-by-side benchmark: our generated `amazon-connect` vs the official `aws-sdk-connect`.
#
#   xtask/bench/run.sh            # everything: cold builds, crate counts, sizes, RUNS runs, table
#
# Environment knobs:
#   RUNS=N          runs of each program (median of each metric is reported; default 5)
#   SKIP_COLD=1     reuse the binaries of a previous cold build instead of rebuilding (the build
#                   time row then repeats the figures recorded by that build)
#   PROFILE=auto|1|0  profile `ours` with callgrind when a target is missed (auto, default),
#                   always (1) or never (0); see profile.sh
#   BENCH_CALLS / BENCH_WARMUP / BENCH_RT   passed through to the programs (5000 / 200 / current)
#   WHOLE=1|0       after the runs, also compile.sh (whole service) and services.sh (four services
#                   in one program), their tables in the output and in RESULTS.md (default 1;
#                   about 35 minutes more on 2 cores, most of it the official crates' builds)
#
# Writes the table to stdout and to RESULTS.md (with date, machine and SDK version); raw
# per-run JSON lines go to target/results.jsonl. Everything built lives in target/ (gitignored).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
cd "$BENCH_DIR"
export CARGO_TARGET_DIR="$BENCH_DIR/target"
export CARGO_TERM_COLOR=never
unset RUSTC_WRAPPER RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_INCREMENTAL || true
RUNS="${RUNS:-5}"
SKIP_COLD="${SKIP_COLD:-0}"
PROFILE="${PROFILE:-auto}"
WHOLE="${WHOLE:-1}"
T="$CARGO_TARGET_DIR"
mkdir -p "$T"

SDK_VERSION="$(sed -n 's/^aws-sdk-connect = "=\([0-9.]*\)".*/\1/p' official/Cargo.toml)"
[ -n "$SDK_VERSION" ] || { echo "cannot read the pinned aws-sdk-connect version" >&2; exit 1; }

log() { printf '==> %s\n' "$*" >&2; }
now() { date +%s.%N; }

# ---------------------------------------------------------------------------------------------
# 0. Dependencies downloaded up front, so no build time below includes the network.
# ---------------------------------------------------------------------------------------------
log "cargo fetch (aws-sdk-connect =$SDK_VERSION)"
cargo fetch --locked >&2

# ---------------------------------------------------------------------------------------------
# (a) Cold release builds, each in a fresh target dir of its own.
# ---------------------------------------------------------------------------------------------
for p in ours official; do
  if [ "$SKIP_COLD" = 1 ] && [ -x "$T/cold-$p/release/$p" ] && [ -s "$T/cold-$p.secs" ]; then
    log "reusing $T/cold-$p (SKIP_COLD=1)"
    continue
  fi
  rm -rf "$T/cold-$p"
  cut -d' ' -f1 /proc/loadavg > "$T/cold-$p.load"
  log "cold release build of $p (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  t0="$(now)"
  # --timings: per-crate build times in target/cold-$p/cargo-timings/ (no measurable overhead).
  cargo build --release --locked --timings -p "$p" --target-dir "$T/cold-$p" 2> "$T/cold-$p.log"
  t1="$(now)"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' > "$T/cold-$p.secs"
  grep -c '^ *Compiling ' "$T/cold-$p.log" > "$T/cold-$p.units" || true
  log "  $(cat "$T/cold-$p.secs") s, $(cat "$T/cold-$p.units") crates compiled"
done
# The floor program (harness only) is small; built in the shared target dir.
cargo build --release --locked -p loopback --bin floor 2> "$T/floor-build.log" || { cat "$T/floor-build.log" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# (b) Distinct crates in each dependency tree.
# ---------------------------------------------------------------------------------------------
# Whole program (what the cold build compiles for -e normal; includes the shared harness).
prog_crates() { cargo tree --locked -e normal --prefix none -p "$1" | sed 's/ (.*//' | sort -u | wc -l; }
# The client crate alone, as a user depending on it gets it: a throwaway one-dependency
# workspace (same lock file), so neither client's features leak into the other's tree.
probe() { # name dep-line crate
  local d="$T/trees/$1"
  mkdir -p "$d/src"
  printf '[package]\nname = "probe-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' "$1" "$2" > "$d/Cargo.toml"
  : > "$d/src/lib.rs"
  cp Cargo.lock "$d/Cargo.lock"
  (cd "$d" && cargo tree -q -e normal --prefix none -p "$3" > tree.txt)
  # The brief's dedup (version kept, path/“(*)” suffix dropped) and the issue's exact command.
  (cd "$d" && cargo tree -q -e normal --prefix none -p "$3" | sed 's/ (.*//' | sort -u | wc -l) > "$d/count-sed"
  (cd "$d" && cargo tree -q -e normal -p "$3" --prefix none | sort -u | wc -l) > "$d/count-issue"
}
log "cargo tree"
probe ours "amazon-connect = { path = \"$ROOT/generated\" }" amazon-connect
probe official "aws-sdk-connect = \"=$SDK_VERSION\"" aws-sdk-connect
PROG_OURS="$(prog_crates ours)"; PROG_OFF="$(prog_crates official)"
LIB_OURS="$(cat "$T/trees/ours/count-sed")"; LIB_OFF="$(cat "$T/trees/official/count-sed")"
ISS_OURS="$(cat "$T/trees/ours/count-issue")"; ISS_OFF="$(cat "$T/trees/official/count-issue")"

# ---------------------------------------------------------------------------------------------
# (c) Stripped release binaries.
# ---------------------------------------------------------------------------------------------
mkdir -p "$T/stripped"
for p in ours official; do
  cp "$T/cold-$p/release/$p" "$T/stripped/$p"
  strip "$T/stripped/$p"
done
cp "$T/release/floor" "$T/stripped/floor" && strip "$T/stripped/floor"
size() { stat -c %s "$1"; }

# ---------------------------------------------------------------------------------------------
# (d) The runs: interleaved (ours, official, floor) RUNS times.
# ---------------------------------------------------------------------------------------------
: > "$T/results.jsonl"
RUN_LOAD="$(cut -d' ' -f1 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  for p in ours official floor; do
    log "run $i/$RUNS: $p"
    "$T/stripped/$p" | tee -a "$T/results.jsonl" >&2
  done
done

# median FIELD CLIENT
median() {
  grep "\"client\":\"$2\"" "$T/results.jsonl" | sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---------------------------------------------------------------------------------------------
# (e) The table.
# ---------------------------------------------------------------------------------------------
CALLS="$(median calls ours)"
BUILD_OURS="$(cat "$T/cold-ours.secs")"; BUILD_OFF="$(cat "$T/cold-official.secs")"
UNITS_OURS="$(cat "$T/cold-ours.units")"; UNITS_OFF="$(cat "$T/cold-official.units")"

# row LABEL OURS OFFICIAL FORMAT [TARGET_KIND TARGET]  (ratio column = ours / official)
#   TARGET_KIND: min (ratio must be >= TARGET), max (ratio must be <= TARGET), or empty.
MISSED=0
rows=""
row() {
  local label="$1" a="$2" b="$3" fmt="$4" kind="${5:-}" target="${6:-}"
  local line
  # The label goes through the environment: `awk -v` would eat its backslashes.
  line="$(L="$label" awk -v a="$a" -v b="$b" -v f="$fmt" -v k="$kind" -v t="$target" 'BEGIN {
    l = ENVIRON["L"]
    r = (b == 0) ? 0 : a / b
    tgt = ""; met = ""
    if (k == "min") { tgt = sprintf("≥ %.2f (%g×)", t, t); met = (r >= t) ? "yes" : "**no**" }
    if (k == "max") { tgt = sprintf("≤ %.3f (1/%.0f)", t, 1 / t); met = (r <= t) ? "yes" : "**no**" }
    printf "| %s | " f " | " f " | %.3f | %.2f× | %s | %s |\n", l, a, b, r, (a == 0) ? 0 : b / a, tgt, met
  }')"
  rows+="$line"$'\n'
  case "$line" in *"**no**"*) MISSED=1 ;; esac
}
row "requests / s (higher is better)" "$(median rps ours)" "$(median rps official)" "%.0f" min 3
row "latency p50, µs" "$(median p50_us ours)" "$(median p50_us official)" "%.1f"
row "latency p99, µs" "$(median p99_us ours)" "$(median p99_us official)" "%.1f"
row "CPU s per $CALLS calls (process: client + in-process server)" "$(median cpu_s ours)" "$(median cpu_s official)" "%.3f"
row "CPU µs per call (process)" "$(median cpu_us_per_call ours)" "$(median cpu_us_per_call official)" "%.1f" max 0.5
row "CPU µs per call, client only (process − server thread)" "$(median client_cpu_us_per_call ours)" "$(median client_cpu_us_per_call official)" "%.1f" max 0.25
row "peak RSS, KiB (ru_maxrss)" "$(median peak_rss_kib ours)" "$(median peak_rss_kib official)" "%.0f"
row "cold release build, s (whole program, 2 cores)" "$BUILD_OURS" "$BUILD_OFF" "%.1f" max 0.16667
row "crates compiled by that cold build" "$UNITS_OURS" "$UNITS_OFF" "%d"
row "distinct crates, client crate alone (\`sed 's/ (.*//'\` dedup)" "$LIB_OURS" "$LIB_OFF" "%d"
row "\`cargo tree -e normal -p <crate> --prefix none \| sort -u \| wc -l\`" "$ISS_OURS" "$ISS_OFF" "%d"
row "distinct crates, whole bench program (incl. harness)" "$PROG_OURS" "$PROG_OFF" "%d"
row "stripped binary, bytes" "$(size "$T/stripped/ours")" "$(size "$T/stripped/official")" "%d" max 0.33333
row "stripped binary above the harness floor (minus \`floor\`), bytes" "$(( $(size "$T/stripped/ours") - $(size "$T/stripped/floor") ))" "$(( $(size "$T/stripped/official") - $(size "$T/stripped/floor") ))" "%d"
row "request bytes on the wire (informational)" "$(median request_bytes_avg ours)" "$(median request_bytes_avg official)" "%.0f"

FLOOR="$(awk -v r="$(median rps floor)" -v c="$(median cpu_us_per_call floor)" -v cc="$(median client_cpu_us_per_call floor)" \
  -v p="$(median p50_us floor)" -v s="$(size "$T/stripped/floor")" -v m="$(median peak_rss_kib floor)" \
  'BEGIN { printf "%.0f requests/s, p50 %.1f µs, %.1f µs CPU per call (%.1f µs outside the server thread), peak RSS %d KiB, stripped binary %d bytes", r, p, c, cc, m, s }')"

TABLE="| metric | ours (amazon-connect) | official (aws-sdk-connect $SDK_VERSION) | ours ÷ official | official ÷ ours | target (ours ÷ official) | met |
| --- | ---: | ---: | ---: | ---: | --- | --- |
${rows%$'\n'}"

RUSTC="$(rustc -V)"
NOTES="- Medians of $RUNS runs per program (runs interleaved); each run: $(median warmup ours) warm-up calls, then $CALLS sequential timed \`start_chat_contact\` calls, one keep-alive connection, SigV4 signing on (the server counts unsigned requests: 0).
- Both programs share the \`loopback\` crate: the same in-process HTTP/1.1 server (own thread, current-thread Tokio runtime) and the same measuring loop; the client runs on a current-thread Tokio runtime (\`BENCH_RT=${BENCH_RT:-current}\`). CPU is \`getrusage(RUSAGE_SELF)\` user+sys over the timed calls; \"client only\" subtracts the server thread's CPU clock over the same window.
- Harness floor (\`floor\`: same server and loop, a raw TCP client writing pre-built bytes): $FLOOR.
- Cold builds: \`cargo build --release --locked -p <program>\` into a fresh \`target/cold-<program>\` after \`cargo fetch\`; default release profile; both programs also compile the harness (tokio, libc, loopback). 1-minute load average at the start of each cold build: ours $(cat "$T/cold-ours.load" 2>/dev/null || echo '?'), official $(cat "$T/cold-official.load" 2>/dev/null || echo '?'); at the start of the runs: $RUN_LOAD (2 cores: anything else running skews these figures). Per-crate timings: \`target/cold-<program>/cargo-timings/\`.
- Crate counts for the client crate alone come from a throwaway one-dependency workspace per client (same Cargo.lock), so features of one client never leak into the other's tree."

cat <<EOF

$TABLE

$NOTES
EOF

# ---------------------------------------------------------------------------------------------
# Whole service and several services (sibling scripts), after the runs: builds only.
# ---------------------------------------------------------------------------------------------
WHOLE_TABLES=""
if [ "$WHOLE" = 1 ]; then
  for script in compile.sh services.sh; do
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    log "$script (load average $load)"
    out="$("$BENCH_DIR/$script")"
    printf '%s\n' "$out"
    WHOLE_TABLES+="$out"$'\n\n'"- \`$script\`: 1/5/15-minute load average at its start: $load; raw figures in \`target/$( [ "$script" = compile.sh ] && echo compile || echo services )/\`."$'\n'
  done
fi

{
  echo "# amazon-connect vs aws-sdk-connect: StartChatContact over loopback"
  echo
  echo "Generated by \`xtask/bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
  echo "- toolchain: $RUSTC"
  echo "- official SDK: \`aws-sdk-connect = \"=$SDK_VERSION\"\` (default features), built from \`aws_sdk_connect::Config::builder()\` with \`BehaviorVersion::latest()\`, no aws-config"
  echo "- ours: \`amazon-connect\` from \`generated/\` at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet -- generated 2>/dev/null || echo ' (with uncommitted changes in generated/)')"
  echo
  echo "$TABLE"
  echo
  echo "$NOTES"
  if [ -n "$WHOLE_TABLES" ]; then
    echo
    echo "## Whole service and several services"
    echo "$WHOLE_TABLES"
  fi
  echo
  echo "Raw runs (JSON lines):"
  echo
  echo '```'
  cat "$T/results.jsonl"
  echo '```'
} > "$BENCH_DIR/RESULTS.md"
log "wrote $BENCH_DIR/RESULTS.md"

# ---------------------------------------------------------------------------------------------
# Profiling of ours when a target is missed (see profile.sh).
# ---------------------------------------------------------------------------------------------
if [ "$PROFILE" = 1 ] || { [ "$PROFILE" = auto ] && [ "$MISSED" = 1 ]; }; then
  log "a target was missed (or PROFILE=1): profiling ours"
  "$BENCH_DIR/profile.sh"
fi
