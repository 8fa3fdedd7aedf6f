#!/usr/bin/env bash
# Builds the LPMOS Console installers with jpackage, from the repository root:
#
#   packaging/jpackage/build.sh
#
# Steps: build app/target/lpmos-console.jar when it is missing or older than the sources, trim a
# Java runtime with jlink to the modules the jar needs, then let jpackage make the app-image and
# the installers of this operating system (Linux: .deb, plus .rpm when rpmbuild is installed;
# Windows: .msi; macOS: .dmg). Everything lands in packaging/jpackage/out/, which is rebuilt
# from scratch on every run. The installers bundle the runtime: the target needs no JDK.
#
# Environment (all optional):
#   JAVA_HOME              JDK 17+ whose jdeps/jlink/jpackage are used (default: the one that
#                          owns `jpackage` on PATH)
#   LPMOS_APP_VERSION      installer version (default: the Maven project version without its
#                          -SNAPSHOT style qualifier; macOS needs a first number of 1 or more)
#   LPMOS_DEB_MAINTAINER   Maintainer e-mail of the .deb (default: $DEBEMAIL; jpackage writes
#                          "Unknown" when neither is set)
#   LPMOS_SKIP_RPM=1       do not make the .rpm even when rpmbuild is installed
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly ROOT="$root"
readonly OUT="$ROOT/packaging/jpackage/out"
readonly JAR="$ROOT/app/target/lpmos-console.jar"
readonly MAIN_CLASS="io.lpmos.console.Launcher"
readonly APP_NAME="LPMOS Console"
readonly PACKAGE_NAME="lpmos-console"
readonly VENDOR="LPMOS"
readonly DESCRIPTION="PXE boot server of the LPMOS regional client, with its operator console"
readonly DEB_MAINTAINER="${LPMOS_DEB_MAINTAINER:-${DEBEMAIL:-}}"

# JavaFX's native libraries ship inside the jar, so jpackage cannot see what they link against:
# declare it. Debian names for the .deb, soname capabilities (distribution-neutral) for the .rpm.
readonly DEB_DEPS="libgtk-3-0, libgl1, libxtst6, libxxf86vm1, libcap2-bin"
readonly RPM_DEPS="libgtk-3.so.0()(64bit), libGL.so.1()(64bit), libXtst.so.6()(64bit), libXxf86vm.so.1()(64bit)"

# A desktop tool, not a server farm: the serial collector (no GC worker threads), a heap that
# starts small, stops at 1 GiB instead of a quarter of the machine's memory, and is handed back
# to the system when idle. Measured under Xvfb, HTTP running: 234 MB resident, 35 threads,
# against 268 MB and 42 threads with the JVM defaults.
readonly JAVA_OPTIONS=(
  -XX:+UseSerialGC
  -Xms32m
  -Xmx1g
  -XX:MinHeapFreeRatio=10
  -XX:MaxHeapFreeRatio=30
)

# Loaded by reflection or through providers, so jdeps cannot see them. jdk.crypto.ec holds the
# SunEC provider on JDK 17-21 (EC keys and ECDHE for TLS to etcd and the HTTPS listener).
readonly EXTRA_MODULES=(jdk.crypto.ec)

die() {
  echo "build.sh: $*" >&2
  exit 1
}

log() {
  echo "==> $*"
}

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME"
    return
  fi
  local jpackage
  jpackage="$(command -v jpackage)" \
    || die "jpackage not found: install a JDK 17 or newer (Debian: sudo apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
  dirname "$(dirname "$(readlink -f "$jpackage")")"
}

# True when the jar is missing or any pom or main source is newer than it.
app_needs_build() {
  [[ ! -f "$JAR" ]] && return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT/app/pom.xml" "$ROOT/server-engine/pom.xml" \
    "$ROOT/app/src/main" "$ROOT/server-engine/src/main" -newer "$JAR" -type f -print -quit)" ]]
}

# The version the jar was built with (Implementation-Version = ${project.version}).
project_version() {
  local dir="$1"
  (cd "$dir" && "$JDK/bin/jar" xf "$JAR" META-INF/MANIFEST.MF)
  sed -n 's/^Implementation-Version: *//p' "$dir/META-INF/MANIFEST.MF" | tr -d '\r'
}

human_size() {
  du -sh "$1" | cut -f1
}

os="$(uname -s)"
case "$os" in
  Linux) platform=linux ;;
  Darwin) platform=mac ;;
  MINGW* | MSYS* | CYGWIN*) platform=windows ;;
  *) die "no installer recipe for $os: use Linux, macOS or Windows (Git Bash)" ;;
esac

JDK="$(find_jdk)"
readonly JDK
for tool in jar jdeps jimage jlink jpackage; do
  [[ -x "$JDK/bin/$tool" || -x "$JDK/bin/$tool.exe" ]] \
    || die "$JDK/bin/$tool is missing: JAVA_HOME must point to a full JDK 17 or newer, not a JRE"
done
java_major="$("$JDK/bin/jlink" --version | cut -d. -f1)"
[[ "$java_major" =~ ^[0-9]+$ && "$java_major" -ge 17 ]] \
  || die "$JDK is Java $java_major: jpackage needs JDK 17 or newer"

cd "$ROOT"
if app_needs_build; then
  log "building $JAR"
  ./mvnw -B -q -pl app -am package -DskipTests
else
  log "$JAR is up to date"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

maven_version="$(project_version "$work")"
[[ -n "$maven_version" ]] || die "$JAR has no Implementation-Version in its manifest: rebuild it with ./mvnw -pl app -am package"
app_version="${LPMOS_APP_VERSION:-${maven_version%%-*}}"
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] \
  || die "installer version '$app_version' must be 1 to 3 numbers (e.g. 1.2.3): set LPMOS_APP_VERSION"
if [[ "$platform" == mac && "$app_version" == 0* ]]; then
  die "macOS refuses app version $app_version (its first number must be 1 or more): set LPMOS_APP_VERSION, e.g. LPMOS_APP_VERSION=1.0.0"
fi
log "version $app_version (Maven project $maven_version), JDK $java_major at $JDK"

# jpackage copies everything in --input into the image: give it the one jar.
mkdir "$work/input"
cp "$JAR" "$work/input/"

log "finding the modules the jar needs (jdeps)"
modules="$("$JDK/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$java_major" "$JAR")"
available="$("$JDK/bin/java" --list-modules 2>/dev/null || true)"
for module in "${EXTRA_MODULES[@]}"; do
  if grep -q "^$module@" <<<"$available"; then
    modules="$modules,$module"
  fi
done
log "runtime modules: $modules"

if [[ "$java_major" -ge 21 ]]; then
  compress="--compress=zip-6"
else
  compress="--compress=2"
fi
log "trimming the runtime (jlink)"
"$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --strip-native-commands "$compress" --output "$work/runtime"

common=(
  --name "$APP_NAME"
  --app-version "$app_version"
  --vendor "$VENDOR"
  --copyright "Copyright $VENDOR"
  --description "$DESCRIPTION"
  --input "$work/input"
  --main-jar "$(basename "$JAR")"
  --main-class "$MAIN_CLASS"
  --runtime-image "$work/runtime"
  --dest "$OUT"
)
for option in "${JAVA_OPTIONS[@]}"; do
  common+=(--java-options "$option")
done

installer_options=()
for license in LICENSE LICENSE.txt LICENSE.md COPYING; do
  if [[ -f "$ROOT/$license" ]]; then
    installer_options+=(--license-file "$ROOT/$license")
    break
  fi
done

# jpackage's Linux packages register the menu entry with xdg-desktop-menu, which fails where no
# desktop menu directory exists (/etc/xdg/menus): the package then can neither finish installing
# nor be removed. Replace those commands with a plain copy into /usr/share/applications.
linux_resources() {
  local dir="$1" desktop_name="$PACKAGE_NAME-${APP_NAME// /_}.desktop"
  local desktop_file="/opt/$PACKAGE_NAME/lib/$desktop_name"
  local launcher="/opt/$PACKAGE_NAME/bin/$APP_NAME"
  local script
  mkdir -p "$dir"
  for script in postinst prerm; do
    sed -e "s|@DESKTOP_FILE@|$desktop_file|g" -e "s|@DESKTOP_NAME@|$desktop_name|g" -e "s|@LAUNCHER@|$launcher|g" \
      "$ROOT/packaging/jpackage/linux/$script" >"$dir/$script"
  done

  "$JDK/bin/jimage" extract --dir "$work/jdk-templates" \
    --include "regex:.*/jdk/jpackage/internal/resources/template\.spec" "$JDK/lib/modules"
  local template
  template="$(find "$work/jdk-templates" -name template.spec -print -quit)"
  [[ -n "$template" && "$(grep -cxE 'DESKTOP_COMMANDS_(UN)?INSTALL' "$template")" == 2 ]] \
    || die "$JDK's jpackage RPM spec template has no DESKTOP_COMMANDS_INSTALL/UNINSTALL lines: update linux_resources()"
  local refresh="update-desktop-database -q /usr/share/applications >/dev/null 2>&1 || :"
  # rpm runs the old package's %preun after the new one's %post on upgrade: remove on erase only.
  local grant="setcap cap_net_bind_service,cap_net_raw+ep \"$launcher\" >/dev/null 2>&1 || echo \"LPMOS Console: run sudo setcap cap_net_bind_service,cap_net_raw+ep '$launcher' to serve TFTP on port 69 and DHCP\" >&2"
  awk -v post="install -D -m 644 \"$desktop_file\" \"/usr/share/applications/$desktop_name\"\n$refresh\n$grant" \
    -v preun="if [ \"\$1\" = 0 ]; then\n  rm -f \"/usr/share/applications/$desktop_name\"\n  $refresh\nfi" \
    '$0 == "DESKTOP_COMMANDS_INSTALL" { print post; next }
     $0 == "DESKTOP_COMMANDS_UNINSTALL" { print preun; next }
     { print }' "$template" >"$dir/$PACKAGE_NAME.spec"
}

# Fails when jpackage ignored the replacement menu scripts (e.g. renamed resources in a newer JDK).
check_linux_package() {
  local package scripts
  package="$(find "$OUT" -maxdepth 1 -name "${PACKAGE_NAME}[_-]*.$1" -print -quit)"
  [[ -n "$package" ]] || die "jpackage made no .$1 in $OUT"
  case "$1" in
    deb) scripts="$(dpkg-deb -I "$package" postinst prerm)" ;;
    rpm) scripts="$(rpm -qp --scripts "$package" 2>/dev/null)" ;;
  esac
  if grep -qE '^[^#]*xdg-desktop-menu' <<<"$scripts" || ! grep -q /usr/share/applications <<<"$scripts"; then
    die "$package still registers its menu entry with xdg-desktop-menu: jpackage did not take the scripts from --resource-dir"
  fi
}

types=()
case "$platform" in
  linux)
    common+=(--icon "$ROOT/icons/lpmos-console-512.png")
    linux_resources "$work/resources"
    installer_options+=(
      --linux-package-name "$PACKAGE_NAME"
      --linux-shortcut
      --linux-menu-group "Network;System;"
      --resource-dir "$work/resources"
    )
    if ! command -v fakeroot >/dev/null || ! command -v dpkg-deb >/dev/null; then
      die "the .deb needs dpkg-deb and fakeroot (Debian: sudo apt-get install fakeroot)"
    fi
    types+=(deb)
    if [[ "${LPMOS_SKIP_RPM:-0}" == 1 ]]; then
      log "LPMOS_SKIP_RPM=1: no .rpm"
    elif command -v rpmbuild >/dev/null; then
      types+=(rpm)
    else
      log "rpmbuild not found: no .rpm (Debian: sudo apt-get install rpm)"
    fi
    ;;
  windows)
    common+=(--icon "$ROOT/icons/lpmos-console.ico")
    installer_options+=(
      --win-menu
      --win-menu-group "$VENDOR"
      --win-shortcut
      --win-dir-chooser
      --win-upgrade-uuid "7bf3f293-b912-46ba-b002-2a9d162f92b8"
    )
    types+=(msi)
    ;;
  mac)
    common+=(--icon "$ROOT/icons/lpmos-console.icns")
    installer_options+=(
      --mac-package-name "$APP_NAME"
      --mac-package-identifier io.lpmos.console
    )
    types+=(dmg)
    ;;
esac

rm -rf "$OUT"
mkdir -p "$OUT"

log "making the app-image"
"$JDK/bin/jpackage" --type app-image "${common[@]}"

for type in "${types[@]}"; do
  log "making the .$type"
  type_options=()
  case "$type" in
    deb)
      type_options+=(--linux-app-category net --linux-package-deps "$DEB_DEPS")
      if [[ -n "$DEB_MAINTAINER" ]]; then
        type_options+=(--linux-deb-maintainer "$DEB_MAINTAINER")
      fi
      ;;
    rpm)
      type_options+=(--linux-app-category "Applications/System" --linux-package-deps "$RPM_DEPS")
      ;;
  esac
  "$JDK/bin/jpackage" --type "$type" "${common[@]}" "${installer_options[@]}" \
    ${type_options[@]+"${type_options[@]}"}
  if [[ "$platform" == linux ]]; then
    check_linux_package "$type"
  fi
done

log "done: $OUT"
shopt -s nullglob
for artefact in "$OUT"/*; do
  printf '  %-8s %s\n' "$(human_size "$artefact")" "${artefact#"$ROOT"/}"
done
