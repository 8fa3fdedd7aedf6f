#!/usr/bin/env bash
# DHCP leases per second: the regional client (full mode) against ISC Kea and dnsmasq, measured with
# perfdhcp in a pair of network namespaces joined by a veth pair.
#
# Usage: flock /tmp/lpmos-bench.lock bench/dhcp-vs-peers.sh [--quick] [--help]
#
# Environment overrides (defaults after the =):
#   DURATION=10      seconds per measured perfdhcp round (--quick: 3)
#   WARMUP=3         seconds of an unrecorded warm-up (200 of the round's clients, 2000/s) after each server start
#   RATES="1000 4000 8000 max"   exchange rates per second; max asks perfdhcp for 100000/s
#   POOLS="24 16"    24: a /24 pool with 200 clients; 16: a /16 pool with 60,000 distinct clients
#   SERVERS="ours kea dnsmasq"
#   JAVA_OPTS=       extra JVM flags for our server (none: the launcher's own -Xmx96m SerialGC JVM)
#   JFR_OUT=         if set, our server (the launcher's child JVM) records a JFR profile (settings=profile)
#                    into <JFR_OUT>.<round>.jfr
#   BENCH_OUT=<repo>/bench/out   where the final report is copied
#   CLIENT_RMEM=     if set (bytes), net.core.rmem_default is raised to it for the run and put back on exit,
#                    so that perfdhcp's one socket, which receives the replies for all its simulated clients,
#                    does not overflow when a server answers a group of them at once. The setting is
#                    system-wide (the kernel does not keep it per namespace): opt in on a machine of your own.
#   KEEP_TMP=        if set, the run's temp dir (server logs, perfdhcp reports, lease files) is kept
#   JAR=<repo>/server-engine/target/regional-client.jar   (built with ./mvnw if missing)
#
# Every server gets the same pool, a 1 h lease, a lease file on disk and no ping check: ours with
# --dhcp-conflict-check=off and its journal (fsync before every ACK group), Kea 2.2 with memfile
# persist: true (appends, no fsync), dnsmasq with --dhcp-leasefile and --no-ping. Each round starts
# the server fresh with an empty lease file. perfdhcp acts as a relay (giaddr = its own address), so
# every server answers it by unicast. Duplicates are counted from each server's lease file after the
# round: addresses leased to more than one MAC (for dnsmasq only its final state is on disk).
#
# Exit status: 0 every target met, 1 a target missed, 2 bad usage, 3 setup failure.
# Needs root (namespaces), perfdhcp (kea-admin), kea-dhcp4 (kea-dhcp4-server), dnsmasq (dnsmasq-base),
# java 17+, ip, timeout, awk. Only addresses inside the namespaces it creates are used; the
# namespaces, servers (by PID) and the temp dir are removed on exit.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT

# shellcheck source=bench/lib.sh
source "$SCRIPT_DIR/lib.sh"
parse_args quick "$@"

if (( QUICK )); then DEFAULT_DURATION=3; else DEFAULT_DURATION=10; fi
DURATION="${DURATION:-$DEFAULT_DURATION}"
WARMUP="${WARMUP:-3}"
RATES="${RATES:-1000 4000 8000 max}"
POOLS="${POOLS:-24 16}"
SERVERS="${SERVERS:-ours kea dnsmasq}"
JAVA_OPTS="${JAVA_OPTS:-}"
JFR_OUT="${JFR_OUT:-}"
BENCH_OUT="${BENCH_OUT:-$REPO_ROOT/bench/out}"
JAR="${JAR:-$REPO_ROOT/server-engine/target/regional-client.jar}"
readonly MAX_RATE=100000
readonly LAUNCHER_DEFAULTS="-Xms16m -Xmx96m -XX:+UseSerialGC -Xss256k -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError"

for var in DURATION WARMUP; do
    if ! [[ "${!var}" =~ ^[0-9]+$ ]] || (( ${!var} < 1 )); then
        echo "$var must be a positive whole number, got '${!var}'" >&2
        exit 2
    fi
done
for rate in $RATES; do
    if [[ "$rate" != max ]] && ! [[ "$rate" =~ ^[0-9]+$ ]]; then
        echo "RATES holds '$rate': give whole numbers or max" >&2
        exit 2
    fi
done
for pool in $POOLS; do
    [[ "$pool" == 24 || "$pool" == 16 ]] || { echo "POOLS holds '$pool': give 24 and/or 16" >&2; exit 2; }
done
if [[ -n "${CLIENT_RMEM:-}" ]] && { ! [[ "$CLIENT_RMEM" =~ ^[0-9]+$ ]] || (( CLIENT_RMEM < 4096 )); }; then
    echo "CLIENT_RMEM must be a byte count of at least 4096, got '$CLIENT_RMEM'" >&2
    exit 2
fi
for server in $SERVERS; do
    [[ "$server" == ours || "$server" == kea || "$server" == dnsmasq ]] \
        || { echo "SERVERS holds '$server': give ours, kea and/or dnsmasq" >&2; exit 2; }
done

if [[ "$(id -u)" != 0 ]]; then
    echo "needs root: it creates network namespaces and runs DHCP servers inside them" >&2
    exit 3
fi
require_tools "kea-admin kea-dhcp4-server dnsmasq-base openjdk-17-jdk-headless iproute2" \
    perfdhcp kea-dhcp4 dnsmasq java ip timeout awk
build_jar_if_missing

TMP="$(mktemp -d /tmp/lpmos-dhcp-bench.XXXXXX)"
PREFIX="lpd$(printf '%04x' $((RANDOM % 65536)))"
NAMESPACES=()
SERVER_PID=""
RMEM_BEFORE=""

stop_server() {
    stop_pid "$SERVER_PID" "the DHCP server" 5
    SERVER_PID=""
}

cleanup() {
    stop_server
    if [[ -n "$RMEM_BEFORE" ]]; then
        sysctl -q -w net.core.rmem_default="$RMEM_BEFORE" || echo "could not put net.core.rmem_default back to $RMEM_BEFORE" >&2
    fi
    for ns in "${NAMESPACES[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -n "${KEEP_TMP:-}" ]]; then
        echo "kept $TMP" >&2
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n "${CLIENT_RMEM:-}" ]]; then
    RMEM_BEFORE="$(sysctl -n net.core.rmem_default)"
    sysctl -q -w net.core.rmem_default="$CLIENT_RMEM"
    echo "net.core.rmem_default raised from $RMEM_BEFORE to $CLIENT_RMEM for this run" >&2
fi

# pool tag -> server address, client address, prefix, range (first,last), clients
declare -A SERVER_ADDR=([24]=10.201.0.1 [16]=10.202.0.1)
declare -A CLIENT_ADDR=([24]=10.201.0.2 [16]=10.202.0.2)
declare -A NETMASK=([24]=255.255.255.0 [16]=255.255.0.0)
declare -A SUBNET=([24]=10.201.0.0/24 [16]=10.202.0.0/16)
declare -A RANGE_FIRST=([24]=10.201.0.10 [16]=10.202.1.0)
declare -A RANGE_LAST=([24]=10.201.0.250 [16]=10.202.255.250)
declare -A CLIENTS=([24]=200 [16]=60000)

# Two namespaces per pool: <prefix>s<pool> holds the server end, <prefix>c<pool> perfdhcp's end.
setup_pair() {
    local pool="$1" server_ns="${PREFIX}s$1" client_ns="${PREFIX}c$1"
    ip netns add "$server_ns"
    NAMESPACES+=("$server_ns")
    ip netns add "$client_ns"
    NAMESPACES+=("$client_ns")
    ip link add "${PREFIX}a$pool" type veth peer name "${PREFIX}b$pool"
    ip link set "${PREFIX}a$pool" netns "$server_ns"
    ip link set "${PREFIX}b$pool" netns "$client_ns"
    ip -n "$server_ns" addr add "${SERVER_ADDR[$pool]}/$pool" dev "${PREFIX}a$pool"
    ip -n "$client_ns" addr add "${CLIENT_ADDR[$pool]}/$pool" dev "${PREFIX}b$pool"
    for ns in "$server_ns" "$client_ns"; do
        ip -n "$ns" link set lo up
    done
    ip -n "$server_ns" link set "${PREFIX}a$pool" up
    ip -n "$client_ns" link set "${PREFIX}b$pool" up
}

# Waits (bounded) for a line matching $2 in file $1 while the server runs.
await_line() {
    local file="$1" pattern="$2"
    for _ in $(seq 600); do
        if grep -q -- "$pattern" "$file" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "server died while starting; its output:" >&2
            tail -20 "$file" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "server not ready within 60 s; its output:" >&2
    tail -20 "$file" >&2
    return 1
}

# start_<server> POOL ROUND_DIR: starts the server in the pool's server namespace, sets SERVER_PID.
start_ours() {
    local pool="$1" dir="$2" launcher_opts="${LPMOS_JAVA_OPTS:-}"
    mkdir -p "$dir/root" "$dir/state"
    if [[ -n "$JFR_OUT" ]]; then
        # the launcher's own JVM options (JvmRelauncher.DEFAULT_OPTIONS) plus the recording, for the child JVM
        launcher_opts="${launcher_opts:-$LAUNCHER_DEFAULTS} -XX:StartFlightRecording=filename=$JFR_OUT.$(basename "$dir").jfr,settings=profile"
    fi
    # shellcheck disable=SC2086
    LPMOS_JAVA_OPTS="$launcher_opts" ip netns exec "${PREFIX}s$pool" java $JAVA_OPTS -jar "$JAR" --idc=bench --api-port=0 \
        --listen-address=127.0.0.1 --static-root="$dir/root" --state-dir="$dir/state" --enable-dhcp \
        --dhcp-mode=full --interface="${PREFIX}a$pool" \
        --dhcp-range="${RANGE_FIRST[$pool]}-${RANGE_LAST[$pool]}" --dhcp-lease=1h --dhcp-conflict-check=off \
        >"$dir/server.log" 2>&1 &
    SERVER_PID=$!
    await_line "$dir/server.log" "✓ DHCP (full)"
}

start_kea() {
    local pool="$1" dir="$2"
    mkdir -p "$dir"
    cat >"$dir/kea.json" <<EOF
{"Dhcp4": {
  "interfaces-config": {"interfaces": ["${PREFIX}a$pool"]},
  "lease-database": {"type": "memfile", "persist": true, "name": "$dir/kea-leases4.csv", "lfc-interval": 0},
  "valid-lifetime": 3600, "renew-timer": 1800, "rebind-timer": 3150,
  "subnet4": [{"id": 1, "subnet": "${SUBNET[$pool]}",
               "pools": [{"pool": "${RANGE_FIRST[$pool]} - ${RANGE_LAST[$pool]}"}]}],
  "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": "$dir/server.log"}], "severity": "INFO"}]
}}
EOF
    KEA_LOCKFILE_DIR="$dir" KEA_PIDFILE_DIR="$dir" ip netns exec "${PREFIX}s$pool" \
        kea-dhcp4 -c "$dir/kea.json" >"$dir/stdout.log" 2>&1 &
    SERVER_PID=$!
    await_line "$dir/server.log" "DHCP4_STARTED"
}

start_dnsmasq() {
    local pool="$1" dir="$2"
    mkdir -p "$dir"
    ip netns exec "${PREFIX}s$pool" dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
        --interface="${PREFIX}a$pool" --bind-interfaces \
        --dhcp-range="${RANGE_FIRST[$pool]},${RANGE_LAST[$pool]},${NETMASK[$pool]},1h" \
        --dhcp-leasefile="$dir/dnsmasq.leases" --dhcp-lease-max=70000 --no-ping \
        --pid-file="$dir/dnsmasq.pid" --log-facility="$dir/server.log" >"$dir/stdout.log" 2>&1 &
    SERVER_PID=$!
    await_line "$dir/server.log" "DHCP, IP range"
}

# After the last request, perfdhcp waits this long for the replies still on their way, so that
# exchanges in flight when the round ends are not counted as drops.
readonly EXIT_WAIT_US=1000000

# perfdhcp POOL RATE SECONDS CLIENTS > report
run_perfdhcp() {
    local pool="$1" rate="$2" seconds="$3" clients="$4"
    timeout $((seconds + 30)) ip netns exec "${PREFIX}c$pool" \
        perfdhcp -4 -l "${PREFIX}b$pool" -r "$rate" -R "$clients" -p "$seconds" -W "$EXIT_WAIT_US" 2>&1 || true
}

# From a perfdhcp report: "<discovers sent> <acks received> <avg D-O ms> <avg R-A ms> <requests sent>"
parse_report() {
    awk '
        /Statistics for: DISCOVER-OFFER/ { section = 1 }
        /Statistics for: REQUEST-ACK/    { section = 2 }
        /^sent packets:/     { if (section == 1) sent = $3; if (section == 2) requests = $3 }
        /^received packets:/ { if (section == 2) acks = $3 }
        /^avg delay: [0-9]/  { if (section == 1) d1 = $3; if (section == 2) d2 = $3 }
        END { printf "%s %s %s %s %s\n", (sent == "" ? 0 : sent), (acks == "" ? 0 : acks), (d1 == "" ? "nan" : d1),
              (d2 == "" ? "nan" : d2), (requests == "" ? 0 : requests) }
    '
}

# UDP datagrams the kernel dropped in a namespace because a socket's receive buffer was full
# (RcvbufErrors of /proc/net/snmp, which is per namespace).
udp_rcvbuf_errors() {
    ip netns exec "$1" awk '$1 == "Udp:" && $2 ~ /^[0-9]+$/ { print $6 }' /proc/net/snmp
}

# Addresses leased to more than one MAC in the server's lease file(s).
count_duplicates() {
    local server="$1" dir="$2"
    case "$server" in
        ours) cat "$dir"/state/*.leases 2>/dev/null | awk -F'\t' '$1 == "L" { print $2, $3 }' ;;
        kea) awk -F, 'NR > 1 && $4 > 0 { print $1, $2 }' "$dir/kea-leases4.csv" 2>/dev/null ;;
        dnsmasq) awk '{ print $3, $2 }' "$dir/dnsmasq.leases" 2>/dev/null ;;
    esac | sort -u | awk '{ macs[$1]++ } END { n = 0; for (ip in macs) if (macs[ip] > 1) n++; print n }'
}

for pool in $POOLS; do
    setup_pair "$pool"
done

declare -A LEASES DROP DELAY DUPS
NOTES=()
round=0
for pool in $POOLS; do
    for rate in $RATES; do
        perf_rate="$rate"
        [[ "$rate" == max ]] && perf_rate=$MAX_RATE
        for server in $SERVERS; do
            round=$((round + 1))
            dir="$TMP/round-$round-$server-$pool-$rate"
            mkdir -p "$dir"
            echo "round $round: $server, /$pool pool, ${CLIENTS[$pool]} clients, rate $rate ..." >&2
            if ! "start_$server" "$pool" "$dir"; then
                exit 3
            fi
            run_perfdhcp "$pool" 2000 "$WARMUP" 200 >"$dir/warmup.txt"
            client_overflows=$(udp_rcvbuf_errors "${PREFIX}c$pool")
            server_overflows=$(udp_rcvbuf_errors "${PREFIX}s$pool")
            run_perfdhcp "$pool" "$perf_rate" "$DURATION" "${CLIENTS[$pool]}" >"$dir/perfdhcp.txt"
            client_overflows=$(( $(udp_rcvbuf_errors "${PREFIX}c$pool") - client_overflows ))
            server_overflows=$(( $(udp_rcvbuf_errors "${PREFIX}s$pool") - server_overflows ))
            stop_server
            read -r sent acks d1 d2 requests < <(parse_report <"$dir/perfdhcp.txt")
            key="$pool/$rate/$server"
            LEASES[$key]=$(awk -v a="$acks" -v s="$DURATION" 'BEGIN { printf "%.0f", a / s }')
            DROP[$key]=$(awk -v a="$acks" -v s="$sent" 'BEGIN { if (s > 0) printf "%.2f", 100 * (1 - a / s); else print "nan" }')
            DELAY[$key]=$(awk -v a="$d1" -v b="$d2" 'BEGIN { if (a == "nan" || b == "nan") print "nan"; else printf "%.2f", a + b }')
            DUPS[$key]=$(count_duplicates "$server" "$dir")
            echo "  sent $sent DISCOVERs, $acks ACKs: ${LEASES[$key]} leases/s, ${DROP[$key]} % dropped" >&2
            NOTES+=("/$pool $rate $server: receive-buffer overflows in the round: perfdhcp's side $client_overflows datagrams, the server's side $server_overflows")
            if [[ "$server" == ours ]]; then
                # our log has one line per exchange: what we answered, against what perfdhcp sent (warm-up included)
                read -r warm_sent _ _ _ warm_requests < <(parse_report <"$dir/warmup.txt")
                NOTES+=("/$pool $rate: ours answered $(grep -c 'DISCOVER/OFFER' "$dir/server.log") of $((sent + warm_sent)) DISCOVERs and $(grep -c 'REQUEST/ACK' "$dir/server.log") of $((requests + warm_requests)) REQUESTs perfdhcp sent (warm-up included)")
            fi
        done
    done
done

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

REPORT="$TMP/report.txt"
{
    echo "DHCP leases/s: regional-client (ours, full mode) vs ISC Kea $(kea-dhcp4 -v) and $(dnsmasq --version | head -1 | awk '{print $1, $3}')"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
    echo "perfdhcp $(perfdhcp -v 2>&1 | awk '/VERSION/ {print $2}') in a netns pair; ${DURATION}s rounds after a ${WARMUP}s warm-up, interleaved ours/kea/dnsmasq; lease 1h, lease file on, no ping check"
    echo "socket receive buffer by default (perfdhcp's too): $(sysctl -n net.core.rmem_default) bytes${CLIENT_RMEM:+ (CLIENT_RMEM)}"
    echo "drop % = 1 - ACKs received / DISCOVERs sent (replies in flight at the end awaited 1 s); delay = avg DISCOVER->OFFER + avg REQUEST->ACK, ms"
    echo
    printf '%-5s %-6s %-8s %10s %8s %9s %6s %9s %9s\n' pool rate server leases/s drop% delay_ms dups ours/kea ours/dnsm
    printf '%-5s %-6s %-8s %10s %8s %9s %6s %9s %9s\n' ----- ------ -------- ---------- -------- --------- ------ --------- ---------
    for pool in $POOLS; do
        for rate in $RATES; do
            for server in $SERVERS; do
                key="$pool/$rate/$server"
                vs_kea="" vs_dnsmasq=""
                if [[ "$server" == ours ]]; then
                    vs_kea=$(ratio "${LEASES[$key]}" "${LEASES[$pool/$rate/kea]:-0}")
                    vs_dnsmasq=$(ratio "${LEASES[$key]}" "${LEASES[$pool/$rate/dnsmasq]:-0}")
                fi
                printf '%-5s %-6s %-8s %10s %8s %9s %6s %9s %9s\n' "/$pool" "$rate" "$server" "${LEASES[$key]}" \
                    "${DROP[$key]}" "${DELAY[$key]}" "${DUPS[$key]}" "$vs_kea" "$vs_dnsmasq"
            done
        done
    done
    echo
    status=0
    targets=""
    for pool in $POOLS; do
        if [[ -n "${DROP[$pool/8000/ours]:-}" ]]; then
            verdict=$(awk -v d="${DROP[$pool/8000/ours]}" 'BEGIN { print (d != "nan" && d <= 0.0 ? "PASS" : "FAIL") }')
            targets+="target: 0 % drops at 8000/s on /$pool: ${DROP[$pool/8000/ours]} % $verdict"$'\n'
            [[ "$verdict" == PASS ]] || status=1
        fi
        if [[ -n "${LEASES[$pool/max/ours]:-}" && -n "${LEASES[$pool/max/kea]:-}" ]]; then
            r=$(ratio "${LEASES[$pool/max/ours]}" "${LEASES[$pool/max/kea]}")
            verdict=$(awk -v r="$r" 'BEGIN { print (r != "-" && r >= 1.0 ? "PASS" : "FAIL") }')
            targets+="target: >= 1.0x Kea at max on /$pool: ${r}x $verdict"$'\n'
            [[ "$verdict" == PASS ]] || status=1
        fi
    done
    dup_total=0
    for key in "${!DUPS[@]}"; do
        [[ "$key" == */ours ]] && dup_total=$((dup_total + DUPS[$key]))
    done
    verdict=PASS
    (( dup_total == 0 )) || { verdict=FAIL; status=1; }
    targets+="target: 0 addresses given to two MACs (ours, all rounds): $dup_total $verdict"
    echo "$targets"
    if (( ${#NOTES[@]} > 0 )); then
        echo
        echo "where the drops happened (where ours answered all perfdhcp sent, the drops are replies perfdhcp did not"
        echo "read in time; a receive-buffer overflow on perfdhcp's side is a reply the kernel threw away unread):"
        printf '  %s\n' "${NOTES[@]}"
    fi
    echo "$status" >"$TMP/status"
} | tee "$REPORT"

mkdir -p "$BENCH_OUT"
cp "$REPORT" "$BENCH_OUT/dhcp-vs-peers-$(date +%Y%m%d-%H%M%S).txt"
exit "$(cat "$TMP/status")"
