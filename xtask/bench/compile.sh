#!/usr/bin/env bash
# Whole-service compile times: the generated Connect crate with every operation (`--all`) against
# aws-sdk-connect (the same 370 operations), each crate alone with its dependencies prebuilt.
#
#   xtask/bench/compile.sh            # ours and official: cold check, cold release build
#   OFFICIAL=0 xtask/bench/compile.sh # ours only (the official crate's release build is ~7 min)
#   PROFILE=1 xtask/bench/compile.sh  # also: where ours' `cargo check` goes, per kind of item
#                                     #   (rustc -Zself-profile, read by the selfprofile crate)
#   CHECK_RUNS=5 …compile.sh          # cold checks per crate (default 3; the median is reported:
#                                     #   one check on 2 shared cores varies by ±15%)
#
# Rows: cold `cargo check` of the crate alone, cold `cargo build --release` of the crate alone,
# and for ours the maintainer's loop: one member added to one model structure, regenerate, then
# incremental `cargo check` and `cargo build --release`. Raw figures: target/compile/*.secs.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
SHARED="${AWS_SHARED_DIR:-$ROOT/../shared}"
MODEL="$SHARED/models/connect.json"
[ -f "$MODEL" ] || { echo "no Connect model at $MODEL (set AWS_SHARED_DIR)" >&2; exit 1; }
OFFICIAL="${OFFICIAL:-1}"
PROFILE="${PROFILE:-0}"
CHECK_RUNS="${CHECK_RUNS:-3}"
W="$BENCH_DIR/target/compile"
mkdir -p "$W"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

# cold_checks NAME DIR CRATE [cargo args...]: CHECK_RUNS cold checks of CRATE alone; NAME.secs is the
# median, NAME.runs every run.
cold_checks() {
  local name="$1" dir="$2" crate="$3"; shift 3
  : > "$W/$name.runs"
  for _ in $(seq "$CHECK_RUNS"); do
    (cd "$dir" && cargo clean -q "$@" -p "$crate")
    timed "$name-run" bash -c "cd '$dir' && cargo check -q $* -p $crate"
    cat "$W/$name-run.secs" >> "$W/$name.runs"
  done
  sort -n "$W/$name.runs" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' > "$W/$name.secs"
  log "  $name: median $(cat "$W/$name.secs") s of $(paste -sd' ' "$W/$name.runs")"
}

build_generator

# ---- ours --------------------------------------------------------------------------------------
OURS="$W/ours"
rm -rf "$OURS"
cp "$MODEL" "$W/connect.json"
generate() { "$GEN" --model "$W/connect.json" --all --out "$OURS" --runtime-path "$ROOT/generator/runtime" > "$W/generate.log" 2>&1; }
timed ours-generate generate
export CARGO_TARGET_DIR="$W/ours-target"
log "ours: dependencies (not timed)"
(cd "$OURS" && cargo check -q && cargo build -q --release)
log "ours: the crate alone"
cold_checks ours-check "$OURS" amazon-connect
# `cargo clean -p` cleans one profile at a time.
(cd "$OURS" && cargo clean -q --release -p amazon-connect)
timed ours-release bash -c "cd '$OURS' && cargo build -q --release"
find "$OURS/src" -name '*.rs' -print0 | xargs -0 cat | wc -l > "$W/ours.lines"

# The maintainer's loop: one optional member added to one structure of the model.
python3 - "$W/connect.json" <<'PY'
import json, sys
path = sys.argv[1]
model = json.load(open(path))
shape = model["shapes"]["com.amazonaws.connect#UserIdentityInfo"]
shape["members"]["BenchAddedMember"] = {"target": "smithy.api#String"}
json.dump(model, open(path, "w"))
PY
timed ours-change-generate generate
timed ours-change-check bash -c "cd '$OURS' && cargo check -q"
timed ours-change-release bash -c "cd '$OURS' && cargo build -q --release"

if [ "$PROFILE" = 1 ]; then
  log "ours: rustc self-profile of cargo check"
  rm -rf "$W/profile" && mkdir -p "$W/profile"
  (cd "$OURS" && cargo clean -q -p amazon-connect &&
    RUSTC_BOOTSTRAP=1 cargo rustc -q --lib --profile=check -- \
      -Zself-profile="$W/profile" -Zself-profile-events=default,query-keys)
  cargo run -q --release --manifest-path "$BENCH_DIR/Cargo.toml" -p selfprofile -- "$W"/profile/*.mm_profdata \
    > "$W/profile.txt"
  log "  per kind of item: $W/profile.txt"
fi

# ---- official ----------------------------------------------------------------------------------
if [ "$OFFICIAL" = 1 ]; then
  SDK_VERSION="$(sed -n 's/^aws-sdk-connect = "=\([0-9.]*\)".*/\1/p' "$BENCH_DIR/official/Cargo.toml")"
  export CARGO_TARGET_DIR="$W/official-target"
  log "official (aws-sdk-connect $SDK_VERSION): dependencies (not timed)"
  (cd "$BENCH_DIR" && cargo check -q --locked -p aws-sdk-connect && cargo build -q --locked --release -p aws-sdk-connect)
  cold_checks official-check "$BENCH_DIR" aws-sdk-connect --locked
  (cd "$BENCH_DIR" && cargo clean -q --release -p aws-sdk-connect)
  timed official-release bash -c "cd '$BENCH_DIR' && cargo build -q --locked --release -p aws-sdk-connect"
fi

# ---- table -------------------------------------------------------------------------------------
get() { cat "$W/$1.secs" 2>/dev/null || echo 0; }
row() { # label ours official target
  awk -v l="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
    r = (b == 0) ? 0 : a / b
    met = (b == 0 || t == "") ? "" : ((r <= t) ? "yes" : "**no**")
    printf "| %s | %.1f | %s | %s | %s | %s |\n", l, a, (b == 0) ? "-" : sprintf("%.1f", b), (b == 0) ? "-" : sprintf("%.3f", r), (t == "") ? "" : "≤ " t, met
  }'
}
echo
echo "Whole service: Connect, 370 operations, $(cat "$W/ours.lines") generated lines; $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); $(rustc -V)"
echo
echo "| seconds | ours | official | ours ÷ official | target | met |"
echo "| --- | ---: | ---: | ---: | --- | --- |"
row "generate (release generator, --all)" "$(get ours-generate)" 0 ""
row "cold \`cargo check\`, crate alone (median of $CHECK_RUNS)" "$(get ours-check)" "$(get official-check)" 0.25
row "cold release build, crate alone" "$(get ours-release)" "$(get official-release)" 0.10
row "one member added: regenerate" "$(get ours-change-generate)" 0 ""
row "one member added: incremental \`cargo check\`" "$(get ours-change-check)" 0 ""
row "one member added: release rebuild" "$(get ours-change-release)" 0 ""
