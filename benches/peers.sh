#!/usr/bin/env bash
# Side-by-side timing of claimlens and the tools users would otherwise open
# the same tables with (csvlens, VisiData), on this machine, in one run.
#
#   benches/peers.sh [ROWS ...]        (default: 1000000 5000000)
#
# For each size it makes a folder of tidy tables (benches/gen_tables.py: the
# project's data/ plus ROWS synthetic monthly rows in slt_table5.csv) and
# measures, for each tool, the time from starting it in a 160x48 tmux pane to
# its first screen showing data (the pane is read every 10 ms through one tmux
# control-mode client, benches/first_screen.py), and its peak
# memory (GNU time's maximum RSS). claimlens opens the folder (--data), the
# peers open slt_table5.csv. Each figure is the median of RUNS runs (default
# 3). Whole-process timings of the bundled data use hyperfine when present.
# Tools that are not installed are skipped, not failed.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000 5000000)
WORK=${PEERS_DIR:-${TMPDIR:-/tmp}/claimlens-peers}
mkdir -p "$WORK"
TIME=/usr/bin/time

need() { command -v "$1" >/dev/null 2>&1; }
for t in tmux python3; do need "$t" || { echo "peers.sh needs $t" >&2; exit 1; }; done
[ -x "$TIME" ] || { echo "peers.sh needs GNU time at $TIME" >&2; exit 1; }
cargo build --release --quiet
CL=$PWD/target/release/claimlens

# first_screen NAME MARKER QUIT CMD...: prints "ms kib" for one run.
first_screen() {
    local name=$1 marker=$2 quit=$3; shift 3
    local session="peers-$$-$name" out="$WORK/time.$name"
    rm -f "$out"
    local t1
    t1=$(python3 benches/first_screen.py "$session" 160 48 "$marker" 60000 \
        "$TIME -f '%M' -o '$out' $*")
    [ "$t1" = timeout ] && t1=""
    # shellcheck disable=SC2086
    tmux send-keys -t "$session" $quit 2>/dev/null || true
    for _ in $(seq 1 500); do
        tmux has-session -t "$session" 2>/dev/null || break
        sleep 0.02
    done
    tmux kill-session -t "$session" 2>/dev/null || true
    [ -n "$t1" ] || { echo "timeout -"; return; }
    local kib="-"
    [ -s "$out" ] && kib=$(tail -1 "$out")
    echo "$t1 $kib"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }

# measure NAME MARKER QUIT CMD...: prints "median_ms peak_MiB".
measure() {
    local runs=() mems=()
    for _ in $(seq 1 "$RUNS"); do
        read -r ms kib < <(first_screen "$@")
        runs+=("$ms"); mems+=("$kib")
    done
    local ms mib
    ms=$(printf '%s\n' "${runs[@]}" | { grep -v timeout || true; } | median)
    mib=$(printf '%s\n' "${mems[@]}" | { grep -v -- - || true; } | median)
    [ "$mib" = "-" ] || mib=$(awk -v k="$mib" 'BEGIN {printf "%.0f", k / 1024}')
    echo "$ms $mib"
}

echo "# claimlens peers, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
echo "# $($CL --version); csvlens: $(need csvlens && csvlens --version 2>/dev/null | head -1 || echo 'not installed');" \
     "VisiData: $(need vd && vd --version 2>/dev/null | head -1 || echo 'not installed')"
echo
echo "| rows | tool | first screen (median of $RUNS) | peak memory |"
echo "|---|---|---|---|"
row() { printf '| %s | %s | %s ms | %s MiB |\n' "$1" "$2" "$3" "$4"; }

# The floor: tmux starting a shell that prints one word.
read -r ms mib < <(measure floor ready "q Enter" sh -c "'echo ready; read x'")
row "-" "floor: sh printing a word" "$ms" "$mib"
read -r ms mib < <(measure bundled "rows ·" q "$CL")
row "bundled (190,000)" "claimlens" "$ms" "$mib"
for n in "${SIZES[@]}"; do
    dir="$WORK/t$n"
    [ -s "$dir/slt_table5.csv" ] || python3 benches/gen_tables.py "$n" "$dir"
    total=$(cat "$dir"/*.csv | wc -l)
    label="$n (+$((total - n)) bundled)"
    read -r ms mib < <(measure "cl$n" "rows ·" q "$CL" --data "$dir")
    row "$label" "claimlens --data" "$ms" "$mib"
    if need csvlens; then
        read -r ms mib < <(measure "csv$n" "USD billions" q csvlens "$dir/slt_table5.csv")
        row "$label" "csvlens" "$ms" "$mib"
    fi
    if need vd; then
        read -r ms mib < <(measure "vd$n" "USD billions" "g q" vd "$dir/slt_table5.csv")
        row "$label" "VisiData" "$ms" "$mib"
    fi
done

if need hyperfine; then
    echo
    hyperfine -N --warmup 5 --runs 30 --style basic --export-markdown "$WORK/hyperfine.md" \
        "$CL --version" "$CL render --width 160 --height 48" "$CL check" >/dev/null
    cat "$WORK/hyperfine.md"
    for c in "render --width 160 --height 48" "check"; do
        kib=$($TIME -f '%M' "$CL" $c 2>&1 >/dev/null | tail -1)
        echo "peak memory of \`claimlens $c\`: $((kib / 1024)) MiB"
    done
fi
