#!/usr/bin/env bash
# Where does `ours` spend its time? Callgrind (instruction counts: this VM has no hardware
# counters for perf) over a short run, client thread only.
#
#   xtask/bench/profile.sh [ours|official]     # default: ours
#
# Builds the program with the `profiling` profile (release + line tables) in target/, runs
# BENCH_CALLS (default 300) calls after BENCH_WARMUP (default 50) under
# `valgrind --tool=callgrind --separate-threads=yes`, and prints, for the client (main) thread:
# instructions per call, the top functions by self cost, the top by inclusive cost, and self
# cost summed per crate. Output files: target/profile/<program>/.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$BENCH_DIR"
export CARGO_TARGET_DIR="$BENCH_DIR/target"
P="${1:-ours}"
CALLS="${BENCH_CALLS:-300}"
WARMUP="${BENCH_WARMUP:-50}"
OUT="$CARGO_TARGET_DIR/profile/$P"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }

cargo build --locked --profile profiling -p "$P" >&2
rm -rf "$OUT" && mkdir -p "$OUT"
BIN="$CARGO_TARGET_DIR/profiling/$P"

# Two runs with different call counts: the difference is the cost of (CALLS - WARMUP-only) calls,
# free of start-up (runtime, TLS roots, config) and of the warm-up.
run() { # calls outfile-prefix
  BENCH_CALLS="$1" BENCH_WARMUP="$WARMUP" valgrind --tool=callgrind --separate-threads=yes \
    --callgrind-out-file="$OUT/$2.%p" "$BIN" > "$OUT/$2.json" 2> "$OUT/$2.valgrind.log"
}
run "$CALLS" full
run 1 base
set +o pipefail # the report pipelines below stop reading callgrind_annotate early
main_file() { ls "$OUT"/"$1".*-01 | head -1; } # thread 1 = main thread = client
total_ir() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'; }
FULL="$(main_file full)"; BASE="$(main_file base)"
IR_FULL="$(total_ir "$FULL")"; IR_BASE="$(total_ir "$BASE")"
PER_CALL="$(awk -v a="$IR_FULL" -v b="$IR_BASE" -v n="$CALLS" 'BEGIN { printf "%.0f", (a - b) / (n - 1) }')"
SRV_FULL="$(total_ir "$(ls "$OUT"/full.*-02 | head -1)" 2>/dev/null || echo 0)"

echo "== $P: client (main) thread, $CALLS calls after $WARMUP warm-up"
echo "instructions, client thread: $IR_FULL total; ≈ $PER_CALL per call (difference against a 1-call run)"
echo "instructions, server thread: ${SRV_FULL:-?} total"
echo
# One line per function: "<Ir> <function>", the per-file (inlining) splits of callgrind_annotate
# summed; file names and object names dropped.
functions() { # file mode(sum|max) [extra callgrind_annotate flags]
  callgrind_annotate --auto=no --threshold=100 "${@:3}" "$1" 2>/dev/null |
    awk -v mode="$2" '/file:function/ { on = 1; getline; next } on && NF == 0 { exit } on && $1 ~ /^[0-9,]+$/ {
      ir = $1; gsub(",", "", ir); ir += 0
      fn = $0; sub(/^ *[0-9,]+ *(\([^)]*\))? */, "", fn); sub(/ \[[^]]*\]$/, "", fn); sub(/^[^:]*:/, "", fn)
      if (mode == "max") { if (ir > cost[fn]) cost[fn] = ir } else cost[fn] += ir } END { for (f in cost) printf "%d\t%s\n", cost[f], f }' | sort -rn
}
pct() { awk -F'\t' -v total="$IR_FULL" '{ printf "%6.2f%%  %11d  %s\n", 100 * $1 / total, $1, $2 }'; }
functions "$FULL" sum > "$OUT/self.tsv"           # self cost: the inlining splits add up
functions "$FULL" max --inclusive=yes > "$OUT/inclusive.tsv" # inclusive: they overlap, keep the largest

functions "$BASE" sum > "$OUT/self-base.tsv"
functions "$BASE" max --inclusive=yes > "$OUT/inclusive-base.tsv"
# Per call: (run with CALLS calls − run with 1 call) / (CALLS − 1), so start-up drops out.
per_call() { # full.tsv base.tsv
  awk -F'\t' -v n="$CALLS" 'NR == FNR { base[$2] = $1; next } { d = ($1 - base[$2]) / (n - 1); if (d >= 50) printf "%d\t%s\n", d, $2 }' "$2" "$1" | sort -rn
}
per_call "$OUT/self.tsv" "$OUT/self-base.tsv" > "$OUT/self-per-call.tsv"
per_call "$OUT/inclusive.tsv" "$OUT/inclusive-base.tsv" > "$OUT/inclusive-per-call.tsv"
pcall() { awk -F'\t' -v total="$PER_CALL" '{ printf "%6.2f%%  %9d/call  %s\n", 100 * $1 / total, $1, $2 }'; }

echo "-- per call, inclusive: top 40 below the harness's own frames (instructions per call, share of $PER_CALL) --"
grep -vE $'\t''(\?\?\?|0x0|\(below main\)|main|std::|core::ops::function|tokio::runtime::(runtime|context|scheduler)|__libc_start|ours::main|official::main)' "$OUT/inclusive-per-call.tsv" |
  head -40 | pcall
echo
echo "-- per call, self: top 25 --"
head -25 "$OUT/self-per-call.tsv" | pcall
echo
echo "-- top 30 functions by self cost (client thread, whole run incl. start-up) --"
head -30 "$OUT/self.tsv" | pct
echo
echo "-- top 45 functions by inclusive cost, below the harness's own frames --"
grep -vE $'\t''(\?\?\?|\(below main\)|main|std::|core::ops::function|tokio::runtime::(runtime|context|scheduler)|__libc_start|ours::main$|official::main$)' "$OUT/inclusive.tsv" |
  head -45 | pct
echo
echo "-- self cost by crate (first path segment of the symbol; <T as Trait>::f counts for T's crate) --"
awk -F'\t' '{
    fn = $2; sub(/^</, "", fn)
    c = fn; sub(/::.*/, "", c); sub(/<.*/, "", c)
    if (fn !~ /::/) c = (fn ~ /^ring_core/ ? "ring (asm)" : "C: libc (malloc/free/memcpy/syscalls)")
    cost[c] += $1 } END { for (c in cost) printf "%d\t%s\n", cost[c], c }' "$OUT/self.tsv" | sort -rn | head -25 | pct
