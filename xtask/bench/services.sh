#!/usr/bin/env bash
# Several services in one program: Connect, Connect Participant, DynamoDB and Kinesis, each
# generated with every operation (`--all`), in one program against the same program built on
# the four official crates (`services-official/`, pinned exactly).
#
#   xtask/bench/services.sh             # ours and official
#   OFFICIAL=0 xtask/bench/services.sh  # ours only
#
# Rows: the cold `cargo build --release` of the whole program into a fresh target directory
# (dependencies fetched first, not timed), and the distinct crates in its tree
# (`cargo tree -e normal --prefix none | sed 's/ (.*//' | sort -u | wc -l`). Raw figures:
# target/services/*.secs and *.crates.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
SHARED="${AWS_SHARED_DIR:-$ROOT/../shared}"
OFFICIAL="${OFFICIAL:-1}"
W="$BENCH_DIR/target/services"
mkdir -p "$W"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
crates() { cargo tree -q -e normal --prefix none "$@" | sed 's/ (.*//' | sort -u | wc -l; }

# model file, package name, Rust crate name
SERVICES=(
  "connect.json amazon-connect amazon_connect"
  "connectparticipant.json amazon-connect-participant amazon_connect_participant"
  "dynamodb.json amazon-dynamodb amazon_dynamodb"
  "kinesis.json amazon-kinesis amazon_kinesis"
)

build_generator

# ---- ours --------------------------------------------------------------------------------------
OURS="$W/ours"
rm -rf "$OURS" && mkdir -p "$OURS/app/src"
deps="" uses="" lines=0
for s in "${SERVICES[@]}"; do
  read -r model package krate <<< "$s"
  [ -f "$SHARED/models/$model" ] || { echo "no model at $SHARED/models/$model (set AWS_SHARED_DIR)" >&2; exit 1; }
  "$GEN" --model "$SHARED/models/$model" --all --package "$package" --out "$OURS/$package" \
    --runtime-path "$ROOT/generator/runtime" > "$W/generate-$package.log" 2>&1 ||
    { cat "$W/generate-$package.log" >&2; exit 1; }
  lines=$((lines + $(find "$OURS/$package/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)))
  deps+="$package = { path = \"../$package\" }"$'\n'
  uses+="    let $krate = $krate::Client::new(shared.clone());"$'\n'
  uses+="    println!(\"{}\", std::mem::size_of_val(&$krate));"$'\n'
done
echo "$lines" > "$W/ours.lines"
cat > "$OURS/app/Cargo.toml" <<EOF
[package]
name = "services-ours"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$deps
[workspace]
EOF
cat > "$OURS/app/src/main.rs" <<EOF
//! The four-services program for the generated crates: one shared config, one client per service.
use amazon_connect::config::{Config, Credentials};

fn main() {
    let shared = Config::builder()
        .region("eu-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .build();
$uses}
EOF
# The repository's lock file as the starting point, so the shared dependencies resolve to the
# versions CI tests (cargo drops what the program does not use).
cp "$ROOT/Cargo.lock" "$OURS/app/Cargo.lock"
log "ours: fetching"
(cd "$OURS/app" && cargo fetch -q)
(cd "$OURS/app" && crates) > "$W/ours.crates"
export CARGO_TARGET_DIR="$W/ours-target"
rm -rf "$CARGO_TARGET_DIR"
log "ours: cold release build of the program"
timed ours-release bash -c "cd '$OURS/app' && cargo build -q --release"

# ---- official ----------------------------------------------------------------------------------
if [ "$OFFICIAL" = 1 ]; then
  export CARGO_TARGET_DIR="$W/official-target"
  rm -rf "$CARGO_TARGET_DIR"
  log "official: fetching"
  (cd "$BENCH_DIR" && cargo fetch -q --locked)
  (cd "$BENCH_DIR" && crates --locked -p services-official) > "$W/official.crates"
  log "official: cold release build of the program"
  timed official-release bash -c "cd '$BENCH_DIR' && cargo build -q --locked --release -p services-official"
fi

# ---- table -------------------------------------------------------------------------------------
get() { cat "$W/$1" 2>/dev/null || echo 0; }
row() { # label ours official format
  awk -v l="$1" -v a="$2" -v b="$3" -v f="$4" 'BEGIN {
    printf "| %s | " f " | %s | %s |\n", l, a, (b == 0) ? "-" : sprintf(f, b), (b == 0) ? "-" : sprintf("%.3f", a / b)
  }'
}
sdk() { sed -n "s/^$1 = \"=\\([0-9.]*\\)\".*/\\1/p" "$BENCH_DIR/services-official/Cargo.toml"; }
echo
echo "Four services in one program: Connect, Connect Participant, DynamoDB, Kinesis, every operation ($(get ours.lines) generated lines) against aws-sdk-connect $(sdk aws-sdk-connect), -connectparticipant $(sdk aws-sdk-connectparticipant), -dynamodb $(sdk aws-sdk-dynamodb), -kinesis $(sdk aws-sdk-kinesis); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); $(rustc -V)"
echo
echo "| | ours | official | ours ÷ official |"
echo "| --- | ---: | ---: | ---: |"
row "cold \`cargo build --release\` of the program, seconds" "$(get ours-release.secs)" "$(get official-release.secs)" "%.1f"
row "distinct crates in its tree" "$(get ours.crates)" "$(get official.crates)" "%d"
