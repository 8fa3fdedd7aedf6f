#!/usr/bin/env bash
# TFTP serving: the regional client against atftpd and tftpd-hpa, side by side, over a veth pair
# joining two network namespaces (server side, client side), downloaded with the atftp client.
#
# Usage: flock /tmp/lpmos-bench.lock bench/tftp-vs-peers.sh [--quick] [--help]
#
# Environment overrides (defaults after the =):
#   ROUNDS=3            interleaved rounds (every option set, every server, per round); medians are reported
#   SIZE_MIB=64         size of the served file (--quick: 8, ROUNDS=1)
#   MTU=65535           MTU of the veth pair: 65535 carries 64 KiB blocks unfragmented; with 1500 ours
#                       clamps blksize to 1468 (SPEC §4) while the peers send fragmented datagrams
#   CLIENT_TIMEOUT=120  seconds one download may take before it is stopped (its MB/s then counts what arrived)
#   PEERS_DIR=/tmp/lpmos-tftp-peers   atftpd and tftpd-hpa unpacked from their Debian packages (kept)
#   BENCH_OUT=<repo>/bench/out        where the report is copied
#   JAR=<repo>/server-engine/target/regional-client.jar   (built with ./mvnw if missing)
#   JAVA_OPTS=          extra JVM flags for our server
#   OPTION_SETS="512 1468 8192 1468xw4 1468xw16 1468xw64 65464xw4"   which option sets to measure
#
# Exit status: 0 every target met, 1 a target missed, 2 bad usage, 3 setup failure or a wrong download.
# Needs root (network namespaces), iproute2, atftp, apt-get + dpkg (to fetch the peers once), java 17+.
# Traffic stays inside the two namespaces (10.x addresses exist only there); both namespaces, the veth
# pair, the servers (by PID) and the temp dir are removed on exit.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT

# shellcheck source=bench/lib.sh
source "$SCRIPT_DIR/lib.sh"
parse_args quick "$@"

if (( QUICK )); then DEFAULT_SIZE=8; DEFAULT_ROUNDS=1; else DEFAULT_SIZE=64; DEFAULT_ROUNDS=3; fi
ROUNDS="${ROUNDS:-$DEFAULT_ROUNDS}"
SIZE_MIB="${SIZE_MIB:-$DEFAULT_SIZE}"
MTU="${MTU:-65535}"
CLIENT_TIMEOUT="${CLIENT_TIMEOUT:-120}"
PEERS_DIR="${PEERS_DIR:-/tmp/lpmos-tftp-peers}"
BENCH_OUT="${BENCH_OUT:-$REPO_ROOT/bench/out}"
JAR="${JAR:-$REPO_ROOT/server-engine/target/regional-client.jar}"
JAVA_OPTS="${JAVA_OPTS:-}"

for var in ROUNDS SIZE_MIB MTU CLIENT_TIMEOUT; do
    value="${!var}"
    if ! [[ "$value" =~ ^[0-9]+$ ]] || (( value < 1 )); then
        echo "$var must be a positive whole number, got '$value'" >&2
        exit 2
    fi
done
if (( MTU < 576 || MTU > 65535 )); then
    echo "MTU must be in 576..65535, got $MTU" >&2
    exit 2
fi

# option sets: label, then atftp --option arguments
read -ra SETS <<< "${OPTION_SETS:-512 1468 8192 1468xw4 1468xw16 1468xw64 65464xw4}"
readonly SETS
options_of() {
    case "$1" in
        512) echo "blksize 512" ;;
        1468) echo "blksize 1468" ;;
        8192) echo "blksize 8192" ;;
        1468xw4) echo "blksize 1468|windowsize 4" ;;
        1468xw16) echo "blksize 1468|windowsize 16" ;;
        1468xw64) echo "blksize 1468|windowsize 64" ;;
        65464xw4) echo "blksize 65464|windowsize 4" ;;
        *) return 1 ;;
    esac
}
for set in "${SETS[@]}"; do
    options_of "$set" > /dev/null || { echo "unknown option set '$set' in OPTION_SETS" >&2; exit 2; }
done
readonly SERVERS=("ours" "atftpd" "tftpd-hpa")
readonly FLOOR_SET="65464xw4"
readonly FLOOR_MBPS=300
readonly START_TIMEOUT_S=60

# ---------------------------------------------------------------- prerequisites

(( EUID == 0 )) || die "needs root for the network namespaces (run it as root, e.g. with sudo)"
require_tools "atftp iproute2 openjdk-17-jre-headless" java ip atftp timeout awk sort sha256sum apt-get dpkg

build_jar_if_missing

# The peers' Debian packages conflict with each other (and need libwrap0): unpack, do not install.
if [[ ! -x "$PEERS_DIR/root/usr/sbin/atftpd" || ! -x "$PEERS_DIR/root/usr/sbin/in.tftpd" ]]; then
    log "fetching atftpd and tftpd-hpa into $PEERS_DIR (apt-get download + dpkg -x)"
    mkdir -p "$PEERS_DIR"
    (cd "$PEERS_DIR" && apt-get download atftpd tftpd-hpa libwrap0 >/dev/null 2>&1) \
        || die "apt-get download atftpd tftpd-hpa libwrap0 failed (run apt-get update first?)"
    for deb in "$PEERS_DIR"/*.deb; do dpkg -x "$deb" "$PEERS_DIR/root"; done
fi
PEER_LIBS="$PEERS_DIR/root/usr/lib/x86_64-linux-gnu:$PEERS_DIR/root/lib/x86_64-linux-gnu"
ATFTPD="$PEERS_DIR/root/usr/sbin/atftpd"
INTFTPD="$PEERS_DIR/root/usr/sbin/in.tftpd"
ATFTPD_VERSION="$(LD_LIBRARY_PATH="$PEER_LIBS" "$ATFTPD" --version 2>&1 | head -1 || true)"
INTFTPD_VERSION="$(dpkg-deb -f "$(ls "$PEERS_DIR"/tftpd-hpa_*.deb | head -1)" Version 2>/dev/null || echo '?')"
ATFTP_VERSION="$(dpkg-query -W -f '${Version}' atftp 2>/dev/null || echo '?')"

# ---------------------------------------------------------------- namespaces, veth, data

TMP="$(mktemp -d /tmp/lpt-bench.XXXXXX)"
chmod 755 "$TMP"
SUFFIX="$(printf '%06x' $((RANDOM * 32768 + RANDOM)) | cut -c1-6)"
NS_S="lpt-$SUFFIX-s"
NS_C="lpt-$SUFFIX-c"
VETH_S="lpt${SUFFIX}s"
VETH_C="lpt${SUFFIX}c"
NET="10.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1))"
SERVER_IP="$NET.1"
CLIENT_IP="$NET.2"
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        stop_pid "$pid" "server" 5
    done
    ip netns del "$NS_S" 2>/dev/null || true
    ip netns del "$NS_C" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "namespaces $NS_S / $NS_C, veth $VETH_S <-> $VETH_C, $SERVER_IP <-> $CLIENT_IP, MTU $MTU"
ip netns add "$NS_S"
ip netns add "$NS_C"
ip link add "$VETH_S" type veth peer name "$VETH_C"
ip link set "$VETH_S" netns "$NS_S"
ip link set "$VETH_C" netns "$NS_C"
ip -n "$NS_S" addr add "$SERVER_IP/24" dev "$VETH_S"
ip -n "$NS_C" addr add "$CLIENT_IP/24" dev "$VETH_C"
ip -n "$NS_S" link set "$VETH_S" mtu "$MTU" up
ip -n "$NS_C" link set "$VETH_C" mtu "$MTU" up
ip -n "$NS_S" link set lo up
ip -n "$NS_C" link set lo up
DELAY="none (plain veth)"
if ip netns exec "$NS_S" tc qdisc add dev "$VETH_S" root netem delay 0.5ms 2>/dev/null \
        && ip netns exec "$NS_C" tc qdisc add dev "$VETH_C" root netem delay 0.5ms 2>/dev/null; then
    DELAY="netem 0.5 ms each way"
fi
RTT="$( (ip netns exec "$NS_C" ping -c 5 -i 0.2 -q "$SERVER_IP" 2>/dev/null || true) | awk -F/ '/rtt|round-trip/ {print $5 " ms"}')"

ROOT="$TMP/root"
mkdir -p "$ROOT/boot"
chmod -R 755 "$ROOT"
FILE="boot/bench.bin"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$ROOT/$FILE"
chmod 644 "$ROOT/$FILE"
WANT_SHA="$(sha256sum "$ROOT/$FILE" | cut -d' ' -f1)"
WANT_BYTES="$((SIZE_MIB * 1024 * 1024))"
cat "$ROOT/$FILE" > /dev/null

# ---------------------------------------------------------------- servers

declare -A PORT=([ours]=69 [atftpd]=1069 [tftpd-hpa]=2069)

log "starting our server (java -jar $JAR)"
# shellcheck disable=SC2086
ip netns exec "$NS_S" java $JAVA_OPTS -jar "$JAR" --idc=bench --static-root="$ROOT" --interface="$VETH_S" \
    --listen-address="$SERVER_IP" --api-port=0 --enable-tftp --tftp-port="${PORT[ours]}" \
    > "$TMP/ours.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq $((START_TIMEOUT_S * 10))); do
    grep -q "TFTP server listening" "$TMP/ours.log" && break
    kill -0 "${PIDS[0]}" 2>/dev/null || die "our server exited: $(cat "$TMP/ours.log")"
    sleep 0.1
done
grep -q "TFTP server listening" "$TMP/ours.log" || die "our server did not start within ${START_TIMEOUT_S}s"

log "starting atftpd ($ATFTPD_VERSION)"
ip netns exec "$NS_S" env LD_LIBRARY_PATH="$PEER_LIBS" "$ATFTPD" --daemon --no-fork --port "${PORT[atftpd]}" \
    --bind-address "$SERVER_IP" --user nobody --group nogroup --logfile /dev/null -m 100 "$ROOT" \
    > "$TMP/atftpd.log" 2>&1 &
PIDS+=("$!")
log "starting tftpd-hpa's in.tftpd ($INTFTPD_VERSION)"
ip netns exec "$NS_S" env LD_LIBRARY_PATH="$PEER_LIBS" "$INTFTPD" -L -a "$SERVER_IP:${PORT[tftpd-hpa]}" \
    -u nobody -s "$ROOT" > "$TMP/tftpd-hpa.log" 2>&1 &
PIDS+=("$!")
sleep 1

# ---------------------------------------------------------------- measurements

RESULTS="$TMP/results.tsv"
: > "$RESULTS"

# download SERVER SET ROUND: appends "round set server bytes seconds mbps ok" to $RESULTS
download() {
    local server="$1" set="$2" round="$3"
    local out="$TMP/down.bin" args=() opt
    IFS='|' read -ra opts <<< "$(options_of "$set")"
    for opt in "${opts[@]}"; do args+=(--option "$opt"); done
    rm -f "$out"
    local start end status=0
    start="$(date +%s%N)"
    ip netns exec "$NS_C" timeout "$CLIENT_TIMEOUT" atftp "${args[@]}" -g -r "$FILE" -l "$out" \
        "$SERVER_IP" "${PORT[$server]}" > "$TMP/atftp.out" 2>&1 || status=$?
    end="$(date +%s%N)"
    local bytes=0 ok=0
    [[ -f "$out" ]] && bytes="$(stat -c %s "$out")"
    if (( status == 0 && bytes == WANT_BYTES )) && [[ "$(sha256sum "$out" | cut -d' ' -f1)" == "$WANT_SHA" ]]; then
        ok=1
    fi
    awk -v r="$round" -v s="$set" -v srv="$server" -v b="$bytes" -v ns="$((end - start))" -v ok="$ok" \
        'BEGIN { secs = ns / 1e9; printf "%s\t%s\t%s\t%d\t%.3f\t%.1f\t%d\n", r, s, srv, b, secs, b / 1e6 / secs, ok }' \
        >> "$RESULTS"
    tail -1 "$RESULTS" | awk -F'\t' '{printf "  round %s %-9s %-10s %7.1f MB/s  %s\n", $1, $2, $3, $6, ($7 == 1 ? "ok" : "INCOMPLETE OR WRONG")}' >&2
    rm -f "$out"
}

log "warm-up: one download per server (JIT, page cache)"
for server in "${SERVERS[@]}"; do download "$server" "1468xw4" 0; done
: > "$RESULTS"

for round in $(seq "$ROUNDS"); do
    log "round $round of $ROUNDS"
    for set in "${SETS[@]}"; do
        # rotate the order each round so that no server always goes first
        for i in 0 1 2; do
            download "${SERVERS[$(((i + round) % 3))]}" "$set" "$round"
        done
    done
done

# ---------------------------------------------------------------- report

kill -0 "${PIDS[0]}" 2>/dev/null || die "our server died during the run: $(tail -20 "$TMP/ours.log")"
REPORT="$TMP/report.txt"
{
    echo "TFTP serving: regional-client (ours) vs atftpd and tftpd-hpa, atftp client ($ATFTP_VERSION), veth pair between two netns"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
    echo "link: MTU $MTU, delay: $DELAY, ping RTT ${RTT:-?}; file: $SIZE_MIB MiB random; rounds: $ROUNDS interleaved; MB/s = 10^6 bytes/s"
    echo "peers: atftpd ${ATFTPD_VERSION#atftp-}, tftpd-hpa $INTFTPD_VERSION (unpacked from their Debian packages)"
    echo
    awk -F'\t' -v floor_set="$FLOOR_SET" -v floor="$FLOOR_MBPS" '
        function median(list,    n, a, i, j, t) {
            n = split(list, a, " ")
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        { key = $2 SUBSEP $3; v[key] = v[key] (v[key] == "" ? "" : " ") $6; if ($7 != 1) bad[key]++
          if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
          if ($3 == "ours" && (!($2 in minours) || $6 < minours[$2])) minours[$2] = $6 }
        END {
            printf "%-10s %9s %9s %9s %10s %9s  %-22s %s\n", "options", "ours", "atftpd", "tftpd-hpa", "ours/best", "ours min", "target", "result"
            printf "%-10s %9s %9s %9s %10s %9s  %-22s %s\n", "----------", "---------", "---------", "---------", "----------", "---------", "----------------------", "------"
            fail = 0
            for (i = 1; i <= n; i++) {
                s = order[i]
                o = median(v[s SUBSEP "ours"]); a = median(v[s SUBSEP "atftpd"]); h = median(v[s SUBSEP "tftpd-hpa"])
                best = a > h ? a : h
                ratio = best > 0 ? o / best : 0
                target = ">= 1.00x best peer"
                ok = ratio >= 1.0
                if (s == floor_set) { target = target ", min >= " floor; ok = ok && minours[s] >= floor }
                if ((s SUBSEP "ours") in bad) ok = 0
                if (!ok) fail = 1
                printf "%-10s %9.1f %9.1f %9.1f %9.2fx %9.1f  %-22s %s\n", s, o, a, h, ratio, minours[s], target, ok ? "PASS" : "FAIL"
            }
            print ""
            print "incomplete or wrong downloads (counted at what arrived):"
            none = 1
            for (k in bad) { split(k, p, SUBSEP); printf "  %s %s: %d\n", p[1], p[2], bad[k]; none = 0 }
            if (none) print "  none"
            exit fail
        }' "$RESULTS" || true
    echo
    echo "raw rounds (round, options, server, bytes, seconds, MB/s, complete):"
    sort -k2,2 -k3,3 -k1,1n "$RESULTS" | sed 's/^/  /'
} > "$REPORT"
cat "$REPORT"
mkdir -p "$BENCH_OUT"
cp "$REPORT" "$BENCH_OUT/tftp-vs-peers-$(date +%Y%m%d-%H%M%S).txt"
if awk -F'\t' '$3 == "ours" && $7 != 1 {bad = 1} END {exit !bad}' "$RESULTS"; then
    exit 3
fi
grep -q "FAIL" "$REPORT" && exit 1
exit 0
