#!/usr/bin/env bash
# HTTP file serving: the regional client (Jetty) against a stock nginx, side by side on loopback.
#
# Usage: bench/http-vs-nginx.sh [--quick] [--help]
#
# Environment overrides (defaults after the =):
#   ROUNDS=3           measured rounds per server and metric (medians are reported)
#   DURATION=10        seconds per wrk round (--quick: 2)
#   WARMUP=$DURATION   seconds of the unrecorded warm-up round per server before each wrk test
#   CONNECTIONS=64     wrk connections;  THREADS=2  wrk threads
#   JAVA_OPTS=         extra JVM flags for our server, e.g. "-XX:+UseSerialGC -Xmx96m"
#   JFR_OUT=           if set, record a JFR profile (settings=profile) of our server during the tests into this file
#   BENCH_CACHE=/tmp/lpmos-bench-cache   where generated test data is kept between runs
#   BENCH_OUT=<repo>/bench/out           where the final report is copied
#   JAR=<repo>/server-engine/target/regional-client.jar   (built with ./mvnw if missing)
#
# Exit status: 0 every target met, 1 a target missed, 2 bad usage, 3 setup or correctness failure.
# Needs: java 17+, nginx (nginx-light), wrk 4, curl, jq, ss, timeout. Root is not needed; only
# 127.0.0.1 is ever contacted. Both servers are stopped by PID and the temp dir removed on exit.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT

# shellcheck source=bench/lib.sh
source "$SCRIPT_DIR/lib.sh"
parse_args quick "$@"

if (( QUICK )); then DEFAULT_DURATION=2; else DEFAULT_DURATION=10; fi
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-$DEFAULT_DURATION}"
WARMUP="${WARMUP:-$DURATION}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
JAVA_OPTS="${JAVA_OPTS:-}"
JFR_OUT="${JFR_OUT:-}"
BENCH_CACHE="${BENCH_CACHE:-/tmp/lpmos-bench-cache}"
BENCH_OUT="${BENCH_OUT:-$REPO_ROOT/bench/out}"
JAR="${JAR:-$REPO_ROOT/server-engine/target/regional-client.jar}"

for var in ROUNDS DURATION WARMUP CONNECTIONS THREADS; do
    value="${!var}"
    if ! [[ "$value" =~ ^[0-9]+$ ]] || (( value < 1 )); then
        echo "$var must be a positive whole number, got '$value'" >&2
        exit 2
    fi
done
if (( CONNECTIONS < THREADS )); then
    echo "CONNECTIONS ($CONNECTIONS) must be at least THREADS ($THREADS)" >&2
    exit 2
fi

readonly SMALL_SIZE=4096
readonly RANGE_FILE_SIZE=$((64 * 1024 * 1024))
readonly RANGE_WINDOW=$((1024 * 1024))
readonly LARGE_SIZE=$((1024 * 1024 * 1024))
readonly TREE_DIRS=100
readonly TREE_FILES_PER_DIR=1000
readonly RSS_LIMIT_MIB=300
readonly START_TIMEOUT_S=60
readonly CURL_MAX_TIME_S=300


# ---------------------------------------------------------------- prerequisites

require_tools "nginx-light wrk curl jq openjdk-17-jre-headless iproute2" \
    java nginx wrk curl jq ss timeout awk sort
if [[ -n "$JFR_OUT" ]] && ! command -v jcmd >/dev/null 2>&1; then
    die "JFR_OUT is set but jcmd is not on PATH (it comes with a full JDK, e.g. openjdk-17-jdk-headless)"
fi
build_jar_if_missing


# ---------------------------------------------------------------- cleanup

TMP=""
OURS_PID=""
OURS_CHILDREN=""   # processes our java started (e.g. a JVM relaunched with tuned flags)
OURS_SERVER_PID="" # the process that listens on our port: the one jcmd talks to
NGINX_PID=""
NGINX_WORKERS=""
SAMPLER_PID=""

stop_everything() {
    stop_pid "$SAMPLER_PID" "rss sampler" 2
    stop_pid "$OURS_PID" "regional-client" 10
    local child
    for child in $OURS_CHILDREN; do
        stop_pid "$child" "regional-client child" 10
    done
    stop_pid "$NGINX_PID" "nginx" 10
    local worker
    for worker in $NGINX_WORKERS; do
        stop_pid "$worker" "nginx worker" 2
    done
}
on_exit_stop stop_everything

TMP="$(mktemp -d /tmp/lpmos-bench.XXXXXX)"
readonly ROOT="$TMP/root"
mkdir -p "$ROOT/static/bench" "$TMP/nginx/logs" "$TMP/nginx/temp" "$TMP/wrk"

# ---------------------------------------------------------------- test data (cached)

mkdir -p "$BENCH_CACHE"

cached_tree() { # -> path of a cached tree of TREE_DIRS x TREE_FILES_PER_DIR empty files
    local path="$BENCH_CACHE/tree-${TREE_DIRS}x${TREE_FILES_PER_DIR}"
    if [[ ! -f "$path.complete" ]]; then
        log "creating $((TREE_DIRS * TREE_FILES_PER_DIR)) empty files under $path (cached for later runs) ..."
        rm -rf -- "$path" "$path.part.$$"
        local d
        for ((d = 0; d < TREE_DIRS; d++)); do
            local dir
            dir="$(printf '%s/d%03d' "$path.part.$$" "$d")"
            mkdir -p "$dir"
            (cd "$dir" && eval "touch f{0000..$(printf '%04d' $((TREE_FILES_PER_DIR - 1)))}") \
                || die "cannot create files in $dir"
        done
        mv "$path.part.$$" "$path"
        touch "$path.complete"
    fi
    printf '%s\n' "$path"
}

SMALL_SRC="$(cached_blob "$SMALL_SIZE")"
RANGE_SRC="$(cached_blob "$RANGE_FILE_SIZE")"
LARGE_SRC="$(cached_blob "$LARGE_SIZE")"
TREE_SRC="$(cached_tree)"
link_or_copy "$SMALL_SRC" "$ROOT/static/bench/small-4k.bin"
link_or_copy "$RANGE_SRC" "$ROOT/static/bench/ranges-64m.bin"
link_or_copy "$LARGE_SRC" "$ROOT/static/bench/large-1g.bin"
log "placing the $((TREE_DIRS * TREE_FILES_PER_DIR))-file tree in $ROOT/static/tree ..."
if ! cp -al "$TREE_SRC" "$ROOT/static/tree" 2>/dev/null; then
    rm -rf -- "$ROOT/static/tree"
    cp -a "$TREE_SRC" "$ROOT/static/tree" || die "cannot copy $TREE_SRC to $ROOT/static/tree"
fi
# Both servers read the data from the page cache, not the disk.
cat "$ROOT/static/bench/"*.bin >/dev/null

# ---------------------------------------------------------------- servers

NGINX_PORT="$(free_port 0)"
OURS_PORT="$(free_port "$NGINX_PORT")"
readonly NGINX_URL="http://127.0.0.1:$NGINX_PORT"
readonly OURS_URL="http://127.0.0.1:$OURS_PORT"

nginx_preamble "$TMP/nginx"
nginx_conf_head "$TMP/nginx" 4096 >"$TMP/nginx/nginx.conf"
cat >>"$TMP/nginx/nginx.conf" <<EOF
http {
    access_log $TMP/nginx/logs/access.log combined buffer=64k flush=1s;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    default_type application/octet-stream;
$nginx_temp
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $ROOT;
        location /static/ {
            autoindex on;
            autoindex_format json;
        }
    }
}
EOF

start_nginx "$TMP/nginx" "$NGINX_URL/static/bench/small-4k.bin"
descendants() { # pid -> every process below it, one per line
    local child
    for child in $(pgrep -P "$1" || true); do
        printf '%s\n' "$child"
        descendants "$child"
    done
}
NGINX_WORKERS="$(descendants "$NGINX_PID" | tr '\n' ' ')"

log "starting our server on $OURS_URL ..."
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java $JAVA_OPTS -jar "$JAR" --idc=bench --listen-address=127.0.0.1 --api-port="$OURS_PORT" --static-root="$ROOT" \
    >"$TMP/ours-access.log" 2>"$TMP/ours-stderr.log" &
OURS_PID=$!
if ! wait_http "our server" "$OURS_PID" "$OURS_URL/static/bench/small-4k.bin"; then
    tail -n 20 "$TMP/ours-access.log" "$TMP/ours-stderr.log" >&2 || true
    die "our server did not start"
fi
OURS_CHILDREN="$(descendants "$OURS_PID" | tr '\n' ' ')"
OURS_SERVER_PID="$(ss -Hltnp "sport = :$OURS_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
OURS_SERVER_PID="${OURS_SERVER_PID:-$OURS_PID}"

# ---------------------------------------------------------------- correctness first

PROBLEMS=()
check_server() { # name base-url
    local name="$1" base="$2" got
    curl -s --max-time 30 "$base/static/bench/small-4k.bin" | cmp -s - "$SMALL_SRC" \
        || PROBLEMS+=("$name: the 4 KiB file came back different")
    got="$(curl -s --max-time 30 -o "$TMP/range.part" -w '%{http_code}' -r "$RANGE_WINDOW-$((2 * RANGE_WINDOW - 1))" \
        "$base/static/bench/ranges-64m.bin" || true)"
    [[ "$got" == 206 ]] || PROBLEMS+=("$name: a 1 MiB Range request answered $got instead of 206")
    if [[ "$(stat -c %s "$TMP/range.part" 2>/dev/null)" != "$RANGE_WINDOW" ]] \
        || ! cmp -s -n "$RANGE_WINDOW" -i "$RANGE_WINDOW:0" "$RANGE_SRC" "$TMP/range.part"; then
        PROBLEMS+=("$name: a 1 MiB Range request returned the wrong bytes")
    fi
    rm -f "$TMP/range.part"
}
check_server nginx "$NGINX_URL"
check_server ours "$OURS_URL"
if (( ${#PROBLEMS[@]} )); then
    printf '  %s\n' "${PROBLEMS[@]}" >&2
    die "correctness checks failed before the benchmark"
fi

# ---------------------------------------------------------------- memory sampling

vm_kib() { # field pid... -> sum of that /proc status field over the pids, in KiB
    local field="$1" sum=0 pid value
    shift
    for pid in "$@"; do
        value="$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
        sum=$((sum + ${value:-0}))
    done
    printf '%s\n' "$sum"
}

start_sampler() {
    local limit=$((SECONDS + 3600))
    (
        peak_ours=0 peak_nginx=0
        while [[ ! -e "$TMP/sampler.stop" ]] && (( SECONDS < limit )); do
            # shellcheck disable=SC2086 # process list
            now_ours="$(vm_kib VmRSS "$OURS_PID" $OURS_CHILDREN)"
            # shellcheck disable=SC2086 # worker list
            now_nginx="$(vm_kib VmRSS "$NGINX_PID" $NGINX_WORKERS)"
            (( now_ours > peak_ours )) && peak_ours=$now_ours
            (( now_nginx > peak_nginx )) && peak_nginx=$now_nginx
            printf '%s %s\n' "$peak_ours" "$peak_nginx" >"$TMP/rss.peak.part" && mv -f "$TMP/rss.peak.part" "$TMP/rss.peak"
            sleep 0.5
        done
    ) &
    SAMPLER_PID=$!
}

# ---------------------------------------------------------------- measurements

declare -A RESULT=()  # "<metric>.<server>" -> space separated values
declare -A ERRORS=()  # "<metric>.<server>" -> count of failed requests seen in measured rounds

add_result() { RESULT["$1.$2"]="${RESULT["$1.$2"]:-} $3"; }
add_errors() { ERRORS["$1.$2"]=$(( ${ERRORS["$1.$2"]:-0} + $3 )); }

WRK_RPS=""
run_wrk() { # metric server seconds warm-up(0|1) url [wrk options...] [-- script args...] -> sets WRK_RPS
    local metric="$1" server="$2" seconds="$3" warmup="$4" url="$5"
    shift 5
    local out="$TMP/wrk/$metric-$server.txt" args=() arg placed=0 range_check=nocheck
    for arg in "$@"; do
        if [[ "$arg" == -- && $placed == 0 ]]; then args+=("$url"); placed=1; fi
        args+=("$arg")
    done
    (( placed )) || args+=("$url")
    # random-range.lua: check every status during the warm-up only; buffering each body for Lua
    # would make wrk, not the server, the bottleneck of the measured rounds.
    (( warmup )) && range_check=check
    RANGE_CHECK="$range_check" timeout --kill-after=5 $((seconds + 60)) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s "${args[@]}" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed against $server ($url)"; }
    local socket_errors status_errors non206 per_response bad_size=0
    WRK_RPS="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
    [[ -n "$WRK_RPS" ]] || { cat "$out" >&2; die "wrk printed no Requests/sec for $server"; }
    socket_errors="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")"
    status_errors="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
    non206="$(awk '/^non-206: [0-9]+$/ {print $2}' "$out")"
    per_response="$(awk '/^bytes-per-response:/ {print $2}' "$out")"
    if [[ -n "$per_response" ]] && (( per_response < RANGE_WINDOW || per_response > 2 * RANGE_WINDOW )); then
        log "$server: $per_response bytes per 1 MiB Range response — the server is not honouring Range"
        bad_size=1
    fi
    (( ${non206:-0} == 0 )) || log "$server: $non206 Range responses were not 206"
    add_errors "$metric" "$server" $(( ${socket_errors:-0} + ${status_errors:-0} + ${non206:-0} + bad_size ))
}

wrk_test() { # metric label path [wrk args...]
    local metric="$1" label="$2" path="$3" round server base
    shift 3
    log "$label: warm-up ${WARMUP}s per server ..."
    run_wrk "$metric" nginx "$WARMUP" 1 "$NGINX_URL$path" "$@"
    run_wrk "$metric" ours "$WARMUP" 1 "$OURS_URL$path" "$@"
    for ((round = 1; round <= ROUNDS; round++)); do
        for server in nginx ours; do
            if [[ "$server" == nginx ]]; then base="$NGINX_URL"; else base="$OURS_URL"; fi
            run_wrk "$metric" "$server" "$DURATION" 0 "$base$path" "$@"
            add_result "$metric" "$server" "$WRK_RPS"
            log "$label: round $round/$ROUNDS $(printf '%-5s' "$server") $WRK_RPS req/s"
        done
    done
}

stream_once() { # url -> MiB/s, or fails
    local line code size speed
    line="$(curl -s -o /dev/null --max-time "$CURL_MAX_TIME_S" -w '%{http_code} %{size_download} %{speed_download}' "$1" || true)"
    read -r code size speed <<<"$line"
    if [[ "$code" != 200 || "$size" != "$LARGE_SIZE" ]]; then
        log "1 GiB download from $1 gave status '$code' and $size bytes"
        return 1
    fi
    awk -v s="$speed" 'BEGIN {printf "%.1f\n", s / 1048576}'
}

stream_test() {
    local round server base mibps
    log "1 GiB stream: warm-up, one download per server ..."
    stream_once "$NGINX_URL/static/bench/large-1g.bin" >/dev/null || add_errors stream nginx 1
    stream_once "$OURS_URL/static/bench/large-1g.bin" >/dev/null || add_errors stream ours 1
    for ((round = 1; round <= ROUNDS; round++)); do
        for server in nginx ours; do
            if [[ "$server" == nginx ]]; then base="$NGINX_URL"; else base="$OURS_URL"; fi
            if mibps="$(stream_once "$base/static/bench/large-1g.bin")"; then
                add_result stream "$server" "$mibps"
                log "1 GiB stream: round $round/$ROUNDS $(printf '%-5s' "$server") $mibps MiB/s"
            else
                add_errors stream "$server" 1
            fi
        done
    done
}

listing_ours_once() { # -> seconds
    local line code seconds
    line="$(curl -s -o /dev/null --max-time "$CURL_MAX_TIME_S" -w '%{http_code} %{time_total}' \
        "$OURS_URL/api/v1/files/static" || true)"
    read -r code seconds <<<"$line"
    [[ "$code" == 200 ]] || { log "our listing answered '$code'"; return 1; }
    printf '%s\n' "$seconds"
}

listing_nginx_once() { # -> seconds for /static/tree/ plus each of its folders, one keep-alive connection
    curl -s --max-time "$CURL_MAX_TIME_S" -o /dev/null -w '%{stderr}%{http_code} %{time_total}\n' \
        "$NGINX_URL/static/tree/" "$NGINX_URL/static/tree/d[000-$(printf '%03d' $((TREE_DIRS - 1)))]/" \
        >/dev/null 2>"$TMP/nginx-listing.txt" || true
    awk -v want=$((TREE_DIRS + 1)) '$1 == 200 {n++; t += $2} END {if (n != want) exit 1; printf "%.6f\n", t}' \
        "$TMP/nginx-listing.txt" \
        || { log "nginx autoindex: not every one of $((TREE_DIRS + 1)) folder listings answered 200"; return 1; }
}

listing_test() {
    local round seconds files
    log "100k listing: checking our JSON ..."
    curl -s --max-time "$CURL_MAX_TIME_S" -o "$TMP/listing.json" "$OURS_URL/api/v1/files/static" || true
    files="$(jq '[.files[] | select(.is_dir == false and (.path | startswith("/tree/")))] | length' \
        "$TMP/listing.json" 2>/dev/null || echo 0)"
    if [[ "$files" != $((TREE_DIRS * TREE_FILES_PER_DIR)) ]]; then
        log "our listing named $files files under /tree instead of $((TREE_DIRS * TREE_FILES_PER_DIR))"
        add_errors listing ours 1
    fi
    rm -f "$TMP/listing.json"
    listing_nginx_once >/dev/null || add_errors listing nginx 1
    for ((round = 1; round <= ROUNDS; round++)); do
        if seconds="$(listing_nginx_once)"; then add_result listing nginx "$seconds"; else add_errors listing nginx 1; fi
        if seconds="$(listing_ours_once)"; then add_result listing ours "$seconds"; else add_errors listing ours 1; fi
        log "100k listing: round $round/$ROUNDS done"
    done
}

log "rounds=$ROUNDS duration=${DURATION}s warm-up=${WARMUP}s connections=$CONNECTIONS threads=$THREADS java-opts='${JAVA_OPTS}'"
start_sampler
if [[ -n "$JFR_OUT" ]]; then
    jcmd "$OURS_SERVER_PID" JFR.start name=bench settings=profile filename="$JFR_OUT" >/dev/null \
        || die "could not start JFR in pid $OURS_SERVER_PID"
fi

wrk_test small "4 KiB file" /static/bench/small-4k.bin
wrk_test ranges "1 MiB ranges" /static/bench/ranges-64m.bin -s "$SCRIPT_DIR/random-range.lua" \
    -- "$RANGE_FILE_SIZE" "$RANGE_WINDOW"
stream_test
listing_test

if [[ -n "$JFR_OUT" ]]; then
    jcmd "$OURS_SERVER_PID" JFR.stop name=bench >/dev/null || log "could not stop JFR; $JFR_OUT may be incomplete"
    log "JFR recording written to $JFR_OUT"
fi
touch "$TMP/sampler.stop"
stop_pid "$SAMPLER_PID" "rss sampler" 2
SAMPLER_PID=""

# shellcheck disable=SC2086 # worker list
HWM_OURS_KIB="$(vm_kib VmHWM "$OURS_PID" $OURS_CHILDREN)"
# shellcheck disable=SC2086 # worker list
HWM_NGINX_KIB="$(vm_kib VmHWM "$NGINX_PID" $NGINX_WORKERS)"
read -r PEAK_OURS_KIB PEAK_NGINX_KIB <"$TMP/rss.peak" 2>/dev/null || { PEAK_OURS_KIB=0; PEAK_NGINX_KIB=0; }

# ---------------------------------------------------------------- report

TARGETS_MISSED=0
REPORT="$TMP/report.txt"

row() { # metric-label nginx ours ratio target verdict
    printf '%-42s %10s %10s %10s %12s  %s\n' "$@" >>"$REPORT"
}

ratio_row() { # metric label decimals min-ratio|"" unit-suffix
    local metric="$1" label="$2" decimals="$3" min="$4" n o ratio verdict target
    # shellcheck disable=SC2086 # lists of numbers
    n="$(median ${RESULT["$metric.nginx"]:-})"
    # shellcheck disable=SC2086
    o="$(median ${RESULT["$metric.ours"]:-})"
    ratio="$(awk -v o="$o" -v n="$n" 'BEGIN {if (n + 0 > 0 && o != "nan") printf "%.2f", o / n; else print "n/a"}')"
    if [[ -z "$min" ]]; then
        target="-"
        verdict="info"
    else
        target="$(printf '>= %.2fx' "$min")"
        if [[ "$ratio" != n/a ]] && awk -v r="$ratio" -v m="$min" 'BEGIN {exit !(r >= m)}'; then
            verdict=PASS
        else
            verdict=FAIL
            TARGETS_MISSED=1
        fi
    fi
    row "$label" "$(printf "%.${decimals}f" "$n" 2>/dev/null || echo n/a)" \
        "$(printf "%.${decimals}f" "$o" 2>/dev/null || echo n/a)" "$ratio" "$target" "$verdict"
}

{
    echo "HTTP file serving: regional-client (ours) vs nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), loopback"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -n 1)"
    echo "rounds: $ROUNDS x ${DURATION}s (+${WARMUP}s warm-up), interleaved nginx/ours; wrk -t$THREADS -c$CONNECTIONS; JAVA_OPTS='${JAVA_OPTS}'"
    echo "all values are medians over the rounds"
    echo
} >"$REPORT"
row "metric" "nginx" "ours" "ours/nginx" "target" "result"
row "------------------------------------------" "----------" "----------" "----------" "------------" "------"
ratio_row small "4 KiB file, req/s (c=$CONNECTIONS)" 0 1.0
ratio_row ranges "random 1 MiB Range, req/s (c=$CONNECTIONS)" 0 0.9
ratio_row stream "1 GiB single stream, MiB/s (c=1)" 1 ""

hwm_ours_mib="$(awk -v k="$HWM_OURS_KIB" 'BEGIN {printf "%.1f", k / 1024}')"
hwm_nginx_mib="$(awk -v k="$HWM_NGINX_KIB" 'BEGIN {printf "%.1f", k / 1024}')"
rss_ratio="$(awk -v o="$HWM_OURS_KIB" -v n="$HWM_NGINX_KIB" 'BEGIN {if (n > 0) printf "%.2f", o / n; else print "n/a"}')"
if awk -v m="$hwm_ours_mib" -v l="$RSS_LIMIT_MIB" 'BEGIN {exit !(m <= l && m > 0)}'; then
    rss_verdict=PASS
else
    rss_verdict=FAIL
    TARGETS_MISSED=1
fi
row "peak RSS (VmHWM), MiB" "$hwm_nginx_mib" "$hwm_ours_mib" "$rss_ratio" "ours <= $RSS_LIMIT_MIB" "$rss_verdict"

# shellcheck disable=SC2086 # lists of numbers
list_ours="$(median ${RESULT[listing.ours]:-})"
# shellcheck disable=SC2086
list_nginx="$(median ${RESULT[listing.nginx]:-})"
row "100k-file listing, s (ours, recursive)" "-" "$(printf '%.3f' "$list_ours" 2>/dev/null || echo n/a)" "-" "-" "info"
row "  nginx reference (NOT comparable)" "$(printf '%.3f' "$list_nginx" 2>/dev/null || echo n/a)" "-" "-" "-" "info"
{
    echo
    echo "notes:"
    if [[ -n "${OURS_CHILDREN// /}" ]]; then
        echo "  peak RSS: ours = sum of VmHWM over the java we started + $(wc -w <<<"$OURS_CHILDREN") process(es) it started (server pid $OURS_SERVER_PID, $(vm_kib VmHWM "$OURS_SERVER_PID" | awk '{printf "%.1f", $1 / 1024}') MiB alone);"
    else
        echo "  peak RSS: ours = VmHWM of the JVM;"
    fi
    echo "    nginx = sum of VmHWM over master + $(wc -w <<<"$NGINX_WORKERS") workers."
    echo "    sampled peak VmRSS every 0.5s: ours $(awk -v k="$PEAK_OURS_KIB" 'BEGIN {printf "%.1f", k / 1024}') MiB, nginx $(awk -v k="$PEAK_NGINX_KIB" 'BEGIN {printf "%.1f", k / 1024}') MiB"
    echo "  listing: ours is one recursive GET /api/v1/files/static ($((TREE_DIRS * TREE_FILES_PER_DIR)) files in $TREE_DIRS folders);"
    echo "    nginx cannot recurse: its figure is the sum of $((TREE_DIRS + 1)) autoindex_format json GETs (/static/tree/ and each folder) on one connection."
    echo "  raw rounds:"
    for metric in small ranges stream listing; do
        echo "    $metric: nginx [${RESULT["$metric.nginx"]:- } ] ours [${RESULT["$metric.ours"]:- } ]"
    done
} >>"$REPORT"

failed_requests=0
{
    echo "  failed requests, warm-ups included (socket errors, 4xx/5xx, non-206 or oversized Range answers, bad downloads/listings):"
    for metric in small ranges stream listing; do
        echo "    $metric: nginx ${ERRORS["$metric.nginx"]:-0}, ours ${ERRORS["$metric.ours"]:-0}"
    done
} >>"$REPORT"
for key in "${!ERRORS[@]}"; do
    failed_requests=$((failed_requests + ERRORS["$key"]))
done

echo
cat "$REPORT"
saved="$BENCH_OUT/http-vs-nginx-$(date +%Y%m%d-%H%M%S).txt"
if mkdir -p "$BENCH_OUT" 2>/dev/null && cp "$REPORT" "$saved" 2>/dev/null; then
    log "report saved to $saved"
else
    log "could not save the report to $BENCH_OUT (set BENCH_OUT to a writable folder)"
fi

if (( failed_requests > 0 )); then
    log "some requests failed or returned the wrong status (see above)"
    exit 3
fi
exit "$TARGETS_MISSED"
