# Helpers shared by the benchmarks in bench/ (sourced, not run). They expect SCRIPT_DIR, REPO_ROOT,
# JAR, BENCH_CACHE and START_TIMEOUT_S to be set by the sourcing script.

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 3; }

# The command line of a benchmark: --help prints the script's header comment; with "quick" as the
# first argument --quick sets QUICK=1 (QUICK=0 otherwise); anything else is bad usage (exit 2).
parse_args() { # quick|plain args...
    local takes_quick="$1" arg
    shift
    QUICK=0
    for arg in "$@"; do
        case "$arg" in
            --quick) [[ "$takes_quick" == quick ]] || { echo "unknown argument: $arg (try --help)" >&2; exit 2; }
                QUICK=1 ;;
            -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
            *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
        esac
    done
}

build_jar_if_missing() {
    if [[ ! -f "$JAR" ]]; then
        log "building $JAR (not found) ..."
        local build
        if [[ -x "$REPO_ROOT/mvnw" ]]; then build=("$REPO_ROOT/mvnw"); else build=(mvn); fi
        (cd "$REPO_ROOT" && timeout 1200 "${build[@]}" -B -q package -DskipTests) \
            || die "the build failed; run '${build[*]} -B package -DskipTests' in $REPO_ROOT to see why"
        [[ -f "$JAR" ]] || die "the build finished but $JAR is still missing"
    fi
}

require_tools() { # "packages to install" tool... -> dies naming every missing tool and what to install
    local packages="$1" tool missing=()
    shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    (( ${#missing[@]} == 0 )) \
        || die "missing tools: ${missing[*]} — install with: apt-get install -y --no-install-recommends $packages"
}

stop_pid() { # pid name grace-seconds
    local pid="$1" name="$2" grace="$3" waited=0
    [[ -n "$pid" ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && (( waited < grace * 10 )); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name (pid $pid) did not stop within ${grace}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cached_blob() { # size -> path of a cached file of that many random bytes
    local size="$1" path="$BENCH_CACHE/random-$1.bin"
    if [[ ! -f "$path" ]] || [[ "$(stat -c %s "$path")" != "$size" ]]; then
        log "generating $size random bytes into $path (cached for later runs) ..."
        head -c "$size" /dev/urandom >"$path.part.$$" || die "cannot write $path.part.$$"
        mv -f "$path.part.$$" "$path"
    fi
    printf '%s\n' "$path"
}

link_or_copy() { # source target
    ln "$1" "$2" 2>/dev/null || cp "$1" "$2" || die "cannot place $1 at $2"
}

free_port() { # excluded-port -> a port nobody listens on
    local port tries
    for ((tries = 0; tries < 200; tries++)); do
        port=$((20000 + RANDOM % 40000))
        [[ "$port" == "$1" ]] && continue
        if [[ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    die "found no free TCP port after 200 tries"
}

wait_http() { # name pid url
    local name="$1" pid="$2" url="$3" deadline=$((SECONDS + START_TIMEOUT_S)) code
    while (( SECONDS < deadline )); do
        kill -0 "$pid" 2>/dev/null || return 1
        code="$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$url" || true)"
        [[ "$code" == 200 ]] && return 0
        sleep 0.2
    done
    log "$name did not answer $url within ${START_TIMEOUT_S}s"
    return 1
}

nginx_conf_head() { # nginx-dir worker-connections -> prints the top of a generated nginx.conf (needs nginx_preamble)
    printf '%s\ndaemon off;\nworker_processes auto;\npid %s/nginx.pid;\nerror_log %s/logs/error.log warn;\n' \
        "$nginx_user" "$1" "$1"
    printf 'events {\n    worker_connections %s;\n}\n' "$2"
}

nginx_preamble() { # nginx-dir -> sets nginx_user and nginx_temp for the generated nginx.conf
    nginx_user=""
    if (( EUID == 0 )); then
        # As root nginx would switch its workers to "nobody", who cannot read the private temp dir.
        nginx_user="user $(id -un) $(id -gn);"
    fi
    nginx_temp=""
    local kind
    for kind in client_body proxy fastcgi uwsgi scgi; do
        if ! nginx -V 2>&1 | grep -q -- "--without-http_${kind%_body}_module"; then
            mkdir -p "$1/temp/$kind"
            nginx_temp+="    ${kind}_temp_path $1/temp/$kind;"$'\n'
        fi
    done
}

median() { # values... -> median
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Installs the EXIT/INT/TERM traps of a run: on exit the sourcing script's function "$1" stops what
# it started (by PID), then the run's temp dir $TMP is removed; the exit status is kept.
on_exit_stop() {
    BENCH_STOP_HOOK="$1"
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# shellcheck disable=SC2317 # called by the EXIT trap
bench_cleanup() {
    local status=$?
    trap - EXIT INT TERM
    "$BENCH_STOP_HOOK"
    if [[ -n "${TMP:-}" && -d "$TMP" ]]; then
        rm -rf -- "$TMP"
    fi
    exit "$status"
}

start_nginx() { # nginx-dir probe-url -> starts nginx with <nginx-dir>/nginx.conf, sets NGINX_PID, waits for the url
    log "starting nginx (${2%/*}/...) ..."
    nginx -e "$1/logs/error.log" -p "$1" -c "$1/nginx.conf" >"$1/logs/stdout.log" 2>&1 &
    NGINX_PID=$!
    if ! wait_http nginx "$NGINX_PID" "$2"; then
        tail -n 20 "$1/logs/error.log" "$1/logs/stdout.log" >&2 || true
        die "nginx did not start"
    fi
}
