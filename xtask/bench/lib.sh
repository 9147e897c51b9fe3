# Shared by compile.sh and services.sh (sourced, after they set W, their output directory).
export CARGO_TERM_COLOR=never
unset RUSTC_WRAPPER RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_INCREMENTAL || true

log() { printf '==> %s\n' "$*" >&2; }
now() { date +%s.%N; }
# timed NAME cmd...: runs cmd, writes the wall seconds to $W/NAME.secs (its output to NAME.log)
timed() {
  local name="$1"; shift
  local t0 t1
  t0="$(now)"
  "$@" > "$W/$name.log" 2>&1 || { cat "$W/$name.log" >&2; exit 1; }
  t1="$(now)"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' > "$W/$name.secs"
  log "  $name: $(cat "$W/$name.secs") s (load $(cut -d' ' -f1 /proc/loadavg))"
}
# build_generator: the release smithy-codegen of this checkout, into $W/gen-target; sets GEN.
build_generator() {
  log "building the generator (release)"
  cargo build -q --release --manifest-path "$ROOT/Cargo.toml" -p generator --bin smithy-codegen --target-dir "$W/gen-target"
  GEN="$W/gen-target/release/smithy-codegen"
}
