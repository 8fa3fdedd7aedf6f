#!/usr/bin/env bash
# Mirror fetches: `regional-client fetch` (download + SHA-256 verify + fsync + rename) against
# `curl -o` followed by `sha256sum` (and by `sync FILE`, the same durability as ours), and against
# `curl -o` alone, on a 1 GiB file from nginx on loopback; then the ranking of 17 throttled mirrors
# (wall time and order).
#
# Usage: bench/fetch-vs-curl.sh [--help]
#
# Environment overrides (defaults after the =):
#   ROUNDS=3           interleaved rounds (ours, curl + sha256sum + sync, curl + sha256sum, curl) for the 1 GiB file; medians
#   JAVA_OPTS=         JVM flags for our client; empty: as `java -jar` runs it (relaunched with its small heap)
#   BENCH_CACHE=/tmp/lpmos-bench-cache   where generated test data is kept between runs (shared with http-vs-nginx.sh)
#   BENCH_OUT=<repo>/bench/out           where the final report is copied
#   JAR=<repo>/server-engine/target/regional-client.jar   (built with ./mvnw if missing)
#
# Exit status: 0 every target met, 1 a target missed, 2 bad usage, 3 setup or correctness failure.
# Needs: java 17+, nginx (nginx-light), curl, sha256sum, ss, timeout. Root is not needed; only
# 127.0.0.1 is ever contacted. nginx and our client are stopped by PID and the temp dir removed on exit.
# Run it under the shared lock: flock /tmp/lpmos-bench.lock bench/fetch-vs-curl.sh

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT

# shellcheck source=bench/lib.sh
source "$SCRIPT_DIR/lib.sh"
parse_args plain "$@"

ROUNDS="${ROUNDS:-3}"
JAVA_OPTS="${JAVA_OPTS:-}"
BENCH_CACHE="${BENCH_CACHE:-/tmp/lpmos-bench-cache}"
BENCH_OUT="${BENCH_OUT:-$REPO_ROOT/bench/out}"
JAR="${JAR:-$REPO_ROOT/server-engine/target/regional-client.jar}"
if ! [[ "$ROUNDS" =~ ^[0-9]+$ ]] || (( ROUNDS < 1 )); then
    echo "ROUNDS must be a positive whole number, got '$ROUNDS'" >&2
    exit 2
fi

readonly LARGE_SIZE=$((1024 * 1024 * 1024))
readonly RANK_SIZE=$((64 * 1024 * 1024))
readonly MIRRORS=17
readonly START_TIMEOUT_S=60
readonly FETCH_MAX_TIME_S=300
readonly RANK_MAX_TIME_S=30
readonly TARGET_RATIO=1.15
readonly TARGET_RANK_S=3


require_tools "nginx-light curl coreutils openjdk-17-jre-headless iproute2" \
    java nginx curl sha256sum ss timeout awk sort
build_jar_if_missing

# ---------------------------------------------------------------- cleanup

TMP=""
NGINX_PID=""
OURS_PID=""

stop_everything() {
    stop_pid "$OURS_PID" "regional-client fetch" 10
    stop_pid "$NGINX_PID" "nginx" 10
}
on_exit_stop stop_everything

TMP="$(mktemp -d /tmp/lpmos-bench-fetch.XXXXXX)"
readonly ROOT="$TMP/root"
mkdir -p "$ROOT/static" "$TMP/nginx/logs" "$TMP/out" "$TMP/profiles"

# ---------------------------------------------------------------- test data (cached)

mkdir -p "$BENCH_CACHE"
LARGE_SRC="$(cached_blob "$LARGE_SIZE")"
RANK_SRC="$(cached_blob "$RANK_SIZE")"
link_or_copy "$LARGE_SRC" "$ROOT/static/large-1g.bin"
link_or_copy "$RANK_SRC" "$ROOT/static/rank-64m.bin"
log "hashing the test files once (the reference sums) ..."
LARGE_SUM="$(sha256sum "$ROOT/static/large-1g.bin" | cut -d' ' -f1)"
RANK_SUM="$(sha256sum "$ROOT/static/rank-64m.bin" | cut -d' ' -f1)"

# ---------------------------------------------------------------- nginx: the file, and 17 throttled mirrors of it

NGINX_PORT="$(free_port 0)"
readonly NGINX_URL="http://127.0.0.1:$NGINX_PORT"
mirror_speed() { # index -> bytes per second: 200 KiB/s × 1.25^index (a 25 % step between neighbours)
    awk -v i="$1" 'BEGIN { printf "%d", 200 * 1024 * (1.25 ^ i) }'
}
mirror_locations=""
for ((i = 0; i < MIRRORS; i++)); do
    mirror_locations+="        location /m$i/ { alias $ROOT/static/; limit_rate $(mirror_speed "$i"); limit_rate_after 0; }"$'\n'
done
nginx_preamble "$TMP/nginx"
nginx_conf_head "$TMP/nginx" 1024 >"$TMP/nginx/nginx.conf"
cat >>"$TMP/nginx/nginx.conf" <<EOF
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    default_type application/octet-stream;
$nginx_temp
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $ROOT;
        location /static/ { }
$mirror_locations    }
}
EOF
start_nginx "$TMP/nginx" "$NGINX_URL/static/rank-64m.bin"
cat "$ROOT/static/"*.bin >/dev/null

cat >"$TMP/profiles/large.json" <<EOF
{"name": "large", "file": "large-1g.bin", "sites": ["$NGINX_URL/static/"], "sha256": "$LARGE_SUM", "size": $LARGE_SIZE}
EOF
mirror_list=""
for ((i = 1; i < MIRRORS; i++)); do
    mirror_list+="${mirror_list:+, }\"$NGINX_URL/m$i/\""
done
cat >"$TMP/profiles/rank.json" <<EOF
{"name": "rank", "file": "rank-64m.bin", "sites": ["$NGINX_URL/m0/"], "mirrors": [$mirror_list], "sha256": "$RANK_SUM", "size": $RANK_SIZE}
EOF

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

declare -a T_OURS=() T_CURL_SYNC=() T_CURL_SHA=() T_CURL=()

fetch_ours_once() {
    local start end out="$TMP/out/ours"
    rm -rf -- "$out"
    sync
    start="$(now)"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
    timeout "$FETCH_MAX_TIME_S" java $JAVA_OPTS -jar "$JAR" fetch "$TMP/profiles/large.json" --dest="$out" \
        >"$TMP/ours.log" 2>&1 || { tail -n 20 "$TMP/ours.log" >&2; die "our fetch failed"; }
    end="$(now)"
    grep -q "✓ verified sha256 $LARGE_SUM" "$TMP/ours.log" || die "our fetch did not report the verified sum"
    [[ "$(stat -c %s "$out/large-1g.bin")" == "$LARGE_SIZE" ]] || die "our fetch placed a file of the wrong size"
    rm -rf -- "$out"
    T_OURS+=("$(elapsed "$start" "$end")")
}

fetch_curl_once() { # 0: curl alone | 1: + sha256sum | 2: + sha256sum + sync of the file (fsync, as ours does)
    local start end out="$TMP/out/curl.bin" sum
    rm -f -- "$out"
    sync
    start="$(now)"
    curl -s -f --max-time "$FETCH_MAX_TIME_S" -o "$out" "$NGINX_URL/static/large-1g.bin" || die "curl failed"
    if (( $1 >= 1 )); then
        sum="$(sha256sum "$out" | cut -d' ' -f1)"
    fi
    if (( $1 == 2 )); then
        sync "$out"
    fi
    end="$(now)"
    if (( $1 >= 1 )); then
        [[ "$sum" == "$LARGE_SUM" ]] || die "curl's copy has sha256 $sum, not $LARGE_SUM"
    fi
    case "$1" in
        0) T_CURL+=("$(elapsed "$start" "$end")") ;;
        1) T_CURL_SHA+=("$(elapsed "$start" "$end")") ;;
        2) T_CURL_SYNC+=("$(elapsed "$start" "$end")") ;;
    esac
    rm -f -- "$out"
}

log "1 GiB: one unrecorded warm-up of each, then $ROUNDS interleaved rounds ..."
fetch_ours_once; fetch_curl_once 2; fetch_curl_once 1; fetch_curl_once 0
T_OURS=(); T_CURL_SYNC=(); T_CURL_SHA=(); T_CURL=()
for ((r = 1; r <= ROUNDS; r++)); do
    fetch_ours_once
    fetch_curl_once 2
    fetch_curl_once 1
    fetch_curl_once 0
    log "round $r: ours ${T_OURS[-1]} s, curl + sha256sum + sync ${T_CURL_SYNC[-1]} s," \
        "curl + sha256sum ${T_CURL_SHA[-1]} s, curl ${T_CURL[-1]} s"
done

# ---------------------------------------------------------------- ranking 17 throttled mirrors

declare -a RANK_ENGINE=() RANK_WALL=()
rank_once() {
    local start line log="$TMP/rank-$1.log" deadline
    rm -rf -- "$TMP/out/rank"
    : >"$log"
    start="$(now)"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$JAR" fetch "$TMP/profiles/rank.json" --dest="$TMP/out/rank" >"$log" 2>&1 &
    OURS_PID=$!
    deadline=$((SECONDS + RANK_MAX_TIME_S))
    until line="$(grep -m1 ': ranked ' "$log")"; do
        (( SECONDS < deadline )) || die "no ranking within ${RANK_MAX_TIME_S}s: $(tail -n 5 "$log")"
        kill -0 "$OURS_PID" 2>/dev/null || die "the fetch ended before ranking: $(tail -n 5 "$log")"
        sleep 0.02
    done
    RANK_WALL+=("$(elapsed "$start" "$(now)")")
    stop_pid "$OURS_PID" "regional-client fetch" 10
    OURS_PID=""
    RANK_ENGINE+=("$(sed -E 's/.* ranked [0-9]+ sources in ([0-9.]+) s.*/\1/' <<<"$line")")
    # the measured speeds, fastest first, must list the mirrors from m16 down to m0
    local order expected
    order="$(grep -E '^\[fetch\] rank:   http' "$log" | awk '{
            unit = ($5 ~ /^GiB/) ? 1073741824 : ($5 ~ /^MiB/) ? 1048576 : ($5 ~ /^KiB/) ? 1024 : 1
            print $4 * unit, $3 }' | sort -k1,1 -g -r | awk '{ print $2 }' \
        | sed -E 's#.*/(m[0-9]+)/#\1#' | tr '\n' ' ')"
    expected="$(for ((i = MIRRORS - 1; i >= 0; i--)); do printf 'm%d ' "$i"; done)"
    if [[ "$order" != "$expected" ]]; then
        RANK_ORDER_OK=0
        log "ranking order: $order (expected $expected)"
    fi
}
RANK_ORDER_OK=1
log "ranking $MIRRORS mirrors throttled from $(mirror_speed 0) to $(mirror_speed $((MIRRORS - 1))) B/s, $ROUNDS times ..."
for ((r = 1; r <= ROUNDS; r++)); do
    rank_once "$r"
    log "ranking $r: ${RANK_ENGINE[-1]} s in the engine, ${RANK_WALL[-1]} s from process start"
done

# ---------------------------------------------------------------- report

m_ours="$(median "${T_OURS[@]}")"
m_curl_sha="$(median "${T_CURL_SHA[@]}")"
m_curl_sync="$(median "${T_CURL_SYNC[@]}")"
m_curl="$(median "${T_CURL[@]}")"
ratio_curl="$(awk -v a="$m_ours" -v b="$m_curl" 'BEGIN { printf "%.2f", a / b }')"
ratio_sha="$(awk -v a="$m_ours" -v b="$m_curl_sha" 'BEGIN { printf "%.2f", a / b }')"
ratio_sync="$(awk -v a="$m_ours" -v b="$m_curl_sync" 'BEGIN { printf "%.2f", a / b }')"
m_rank="$(median "${RANK_ENGINE[@]}")"
m_rank_wall="$(median "${RANK_WALL[@]}")"
mib_s() { awk -v t="$1" -v s="$LARGE_SIZE" 'BEGIN { printf "%.0f", s / 1048576 / t }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "MISSED" }'; }

report="$TMP/report.txt"
{
    printf 'fetch-vs-curl  %s  %s rounds, 1 GiB from nginx on 127.0.0.1, %s cores\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$ROUNDS" "$(nproc)"
    printf '%-44s %12s %10s\n' "" "median s" "MiB/s"
    printf '%-44s %12s %10s\n' "curl -o" "$m_curl" "$(mib_s "$m_curl")"
    printf '%-44s %12s %10s\n' "curl -o && sha256sum" "$m_curl_sha" "$(mib_s "$m_curl_sha")"
    printf '%-44s %12s %10s\n' "curl -o && sha256sum && sync FILE" "$m_curl_sync" "$(mib_s "$m_curl_sync")"
    printf '%-44s %12s %10s\n' "regional-client fetch (verify+fsync+rename)" "$m_ours" "$(mib_s "$m_ours")"
    printf '%-44s %12s   target ≤ %s  %s\n' "ratio ours / curl -o" "${ratio_curl}x" "${TARGET_RATIO}x" "$(verdict "$ratio_curl" "$TARGET_RATIO")"
    printf '%-44s %12s\n' "ratio ours / (curl -o && sha256sum)" "${ratio_sha}x"
    printf '%-44s %12s\n' "ratio ours / (… && sync FILE)" "${ratio_sync}x"
    printf '%-44s %12s   target ≤ %s s  %s\n' "ranking $MIRRORS throttled mirrors (engine)" "${m_rank} s" "$TARGET_RANK_S" "$(verdict "$m_rank" "$TARGET_RANK_S")"
    printf '%-44s %12s\n' "  same, from process start (JVM included)" "${m_rank_wall} s"
    printf '%-44s %12s\n' "  ranking order fastest first" "$( (( RANK_ORDER_OK )) && echo right || echo WRONG)"
    printf 'rounds (s): ours %s | curl+sha256sum+sync %s | curl+sha256sum %s | curl %s | ranking %s\n' "${T_OURS[*]}" \
        "${T_CURL_SYNC[*]}" "${T_CURL_SHA[*]}" "${T_CURL[*]}" "${RANK_ENGINE[*]}"
} >"$report"
cat "$report"
mkdir -p "$BENCH_OUT"
cp "$report" "$BENCH_OUT/fetch-vs-curl-$(date -u +%Y%m%dT%H%M%SZ).txt"

if [[ "$(verdict "$ratio_curl" "$TARGET_RATIO")" == met && "$(verdict "$m_rank" "$TARGET_RANK_S")" == met ]] \
        && (( RANK_ORDER_OK )); then
    exit 0
fi
exit 1
