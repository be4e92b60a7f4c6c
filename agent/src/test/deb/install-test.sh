#!/usr/bin/env bash
# Installs the built minnow .deb into a scratch root with Debian's own dpkg (chrootless: the maintainer
# scripts run on this machine with DPKG_ROOT set), then checks its files, conffiles, the minnow user and
# permissions, the systemd unit (systemd-analyze verify), runs the installed agent once (twice: the second
# start uses the class-data-sharing archive the first wrote), upgrades it keeping the configuration and the
# store, removes and purges it. Usage: install-test.sh TARGET_DIR (where minnow_*_all.deb is).
set -euo pipefail

target=$1
fail() { echo "debian package test FAILED: $*" >&2; exit 1; }
check() { local what=$1; shift; "$@" || fail "$what"; }

for tool in dpkg dpkg-deb dpkg-query useradd groupadd usermod java; do
    if ! command -v "$tool" >/dev/null; then
        echo "debian package test SKIPPED: $tool is not installed (a Debian machine has it)"
        exit 0
    fi
done
asroot=()
if [ "$(id -u)" != 0 ]; then
    command -v fakeroot >/dev/null || { echo "debian package test SKIPPED: not root and no fakeroot"; exit 0; }
    asroot=(fakeroot)
fi
shopt -s nullglob
debs=("$target"/minnow_*_all.deb)
[ ${#debs[@]} = 1 ] || fail "expected one minnow_*_all.deb in $target, found ${#debs[@]}"
deb=${debs[0]}

root=$(mktemp -d)
agent_pid=""
cleanup() {
    [ -n "$agent_pid" ] && kill -KILL "$agent_pid" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT

# A fresh target root: an empty dpkg database and the account files of a Raspberry Pi OS image (which has a
# gpio group).
mkdir -p "$root"/var/lib/dpkg/{info,updates,triggers} "$root"/var/log "$root"/etc
: > "$root/var/lib/dpkg/status"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\ngpio:x:997:\n' > "$root/etc/group"
printf 'root:*:19000:0:99999:7:::\n' > "$root/etc/shadow"
printf 'root:*::\ngpio:!::\n' > "$root/etc/gshadow"
cp /etc/login.defs "$root/etc/login.defs" 2>/dev/null || true

dpkg_in_root() {
    "${asroot[@]}" dpkg --instdir="$root" --admindir="$root/var/lib/dpkg" --log="$root/var/log/dpkg.log" \
        --force-script-chrootless --force-depends --force-confdef --force-confold "$@"
}

echo "== install $(basename "$deb")"
check "dpkg-deb --info" dpkg-deb --info "$deb" >/dev/null
dpkg-deb --field "$deb" Depends | grep -q 'openjdk-17-jre-headless | default-jre-headless' \
    || fail "Depends does not name a Java 17 runtime"
dpkg_in_root --install "$deb"
check "installed state" test "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' minnow)" = "install ok installed"

echo "== files and modes"
mode() { stat -c %a "$root$1"; }
for f in /usr/share/minnow/minnow.jar /usr/share/minnow/minnow-admin.jar /usr/bin/minnow /usr/bin/minnow-admin \
        /lib/systemd/system/minnow.service /etc/minnow/agent.yaml /etc/default/minnow \
        /usr/share/doc/minnow/agent.example.yaml /usr/share/doc/minnow/gpio.md /usr/share/doc/minnow/ota.md \
        /usr/share/doc/minnow/copyright; do
    check "$f is installed" test -f "$root$f"
done
check "/usr/bin/minnow is executable" test "$(mode /usr/bin/minnow)" = 755
check "/usr/bin/minnow-admin is executable" test "$(mode /usr/bin/minnow-admin)" = 755
check "/etc/minnow/agent.yaml is 640" test "$(mode /etc/minnow/agent.yaml)" = 640
conffiles=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Conffiles}' minnow)
for c in /etc/minnow/agent.yaml /etc/default/minnow; do
    grep -q " $c " <<<"$conffiles" || fail "$c is not a conffile: $conffiles"
done

echo "== user, group, directories"
user=$(grep '^minnow:' "$root/etc/passwd") || fail "no minnow user"
IFS=: read -r _ _ uid gid _ home shell <<<"$user"
check "minnow is a system user (uid $uid)" test "$uid" -lt 1000
check "home is the state directory" test "$home" = /var/lib/minnow
check "minnow cannot log in" test "$shell" = /usr/sbin/nologin
grep -q '^gpio:[^:]*:[^:]*:.*\bminnow\b' "$root/etc/group" || fail "minnow is not in the gpio group"
for d in /var/lib/minnow /var/cache/minnow /var/log/minnow; do
    check "$d is minnow's" test "$(stat -c %u:%g:%a "$root$d")" = "$uid:$gid:750"
done
check "the config's group is minnow" test "$(stat -c %u:%g "$root/etc/minnow/agent.yaml")" = "0:$gid"
check "the service is enabled" test "$(readlink "$root/etc/systemd/system/multi-user.target.wants/minnow.service")" \
    = /lib/systemd/system/minnow.service

echo "== systemd unit"
unit="$root/lib/systemd/system/minnow.service"
for directive in Type=notify Restart=on-failure StartLimitBurst= ProtectSystem=strict NoNewPrivileges=yes \
        PrivateTmp=yes MemoryMax= User=minnow StateDirectory=minnow DeviceAllow=char-gpiochip; do
    grep -q "^$directive" "$unit" || fail "the unit lacks $directive"
done
if command -v systemd-analyze >/dev/null; then
    # The units ours depends on (sysinit.target, network-online.target...) come from this machine's systemd.
    mkdir -p "$root/usr/lib/systemd/system"
    cp -rn /usr/lib/systemd/system/. "$root/usr/lib/systemd/system/"
    out=$(systemd-analyze verify --root="$root" /lib/systemd/system/minnow.service 2>&1) \
        || fail "systemd-analyze verify: $out"
    # Lines about units outside this package (network-online.target in a bare root) are not ours.
    if grep -i 'minnow.service' <<<"$out" | grep -qiv 'network-online'; then fail "systemd-analyze verify: $out"; fi
    echo "systemd-analyze verify: ok"
    exposure=$(systemd-analyze security --offline=yes --root="$root" minnow.service 2>&1 \
        | sed -n 's/.*Overall exposure level for minnow.service: \([0-9.]*\).*/\1/p')
    [ -n "$exposure" ] || fail "systemd-analyze security gave no exposure level"
    awk -v e="$exposure" 'BEGIN { exit !(e <= 4.0) }' || fail "the unit's exposure level rose to $exposure (was 3.2)"
    echo "systemd-analyze security: exposure $exposure"
else
    echo "systemd-analyze is not installed: unit verification skipped"
fi

echo "== run the installed agent"
export MINNOW_JAR="$root/usr/share/minnow/minnow.jar"
check "config check of the shipped configuration" "$root/usr/bin/minnow" config check "$root/etc/minnow/agent.yaml" >/dev/null
check "minnow-admin runs" env MINNOW_ADMIN_JAR="$root/usr/share/minnow/minnow-admin.jar" "$root/usr/bin/minnow-admin" --help >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo 21883)
run_agent() { # run_agent LOG [SECONDS]: starts the installed agent the way the unit does, waits until it is ready
    MINNOW_CDS_ARCHIVE_DIR="${cds_dir:-$root/var/cache/minnow}" "$root/usr/bin/minnow" --config "$root/etc/minnow/agent.yaml" \
        --set mqtt.embedded_port="$port" --set health.interval_s=60 --set ota.state_dir="$root/var/lib/minnow" \
        --set web.port=0 --set web.bind_address=127.0.0.1 --set web.state_dir="$root/var/lib/minnow" \
        > "$1" 2>&1 &
    agent_pid=$!
    for _ in $(seq 1 $(( ${2:-60} * 10 ))); do
        grep -q "running; requests on" "$1" && return 0
        kill -0 "$agent_pid" 2>/dev/null || fail "the agent exited: $(cat "$1")"
        sleep 0.1
    done
    fail "the agent did not start in ${2:-60} s: $(cat "$1")"
}
stop_agent() {
    kill -TERM "$agent_pid"
    local status=0
    wait "$agent_pid" || status=$?
    agent_pid=""
    [ "$status" = 0 ] || [ "$status" = 143 ] || fail "the agent exited with $status on SIGTERM"
}
run_agent "$root/first-run.log"
if command -v mosquitto_sub >/dev/null; then
    status=$(mosquitto_sub -h 127.0.0.1 -p "$port" -V mqttv311 -t 'minnow/+/status' -C 1 -W 10)
    grep -q '"state":"online"' <<<"$status" || fail "no online status: $status"
fi
stop_agent
grep -q '"first_install"' "$root/var/lib/minnow/journal.jsonl" 2>/dev/null \
    || fail "the first start did not install the bundled model into the store: $(ls -R "$root/var/lib/minnow")"
check "the web page's first start wrote its one-time password" test -s "$root/var/lib/minnow/web-initial-password"
archives=("$root"/var/cache/minnow/minnow-*.jsa)
[ ${#archives[@]} = 1 ] || fail "the first run wrote no class-data-sharing archive"
run_agent "$root/second-run.log"
tr '\0' ' ' < "/proc/$agent_pid/cmdline" | grep -q -- "-XX:SharedArchiveFile=${archives[0]}" \
    || fail "the second run does not use the archive: $(tr '\0' ' ' < "/proc/$agent_pid/cmdline")"
stop_agent
echo "installed agent ran twice (the second from the CDS archive)"

# The same package on a Raspberry Pi 4's CPU: Debian's arm64 Java 17 under qemu-user (as RaspberryPiEmulationIT).
arm_java=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
if command -v qemu-aarch64-static >/dev/null && [ -x "$arm_java" ]; then
    echo "== run the installed agent on an emulated Cortex-A72 (Raspberry Pi 4), arm64 Java 17"
    printf '#!/bin/sh\nexec qemu-aarch64-static -cpu cortex-a72 -L / %s "$@"\n' "$arm_java" > "$root/java-arm64"
    chmod +x "$root/java-arm64"
    mkdir -p "$root/arm64-cache" # its own archive: an arm64 JVM must not replace the x86 run's
    JAVA="$root/java-arm64" cds_dir="$root/arm64-cache" run_agent "$root/arm64-run.log" 240
    grep -q "Running models on the Java backend" "$root/arm64-run.log" || fail "no Java backend on arm64"
    stop_agent
    echo "installed agent ran on emulated arm64"
elif [ "${MINNOW_ARM_EMULATION:-}" = required ]; then
    fail "MINNOW_ARM_EMULATION=required but qemu-aarch64-static or $arm_java is missing"
else
    echo "qemu-aarch64-static or the arm64 Java 17 is not installed: the emulated arm64 run is skipped"
fi

echo "== upgrade keeps the configuration and the store"
echo "group: line-9" >> "$root/etc/minnow/agent.yaml"
store_state=$(cat "$root/var/lib/minnow/state.json")
dpkg_in_root --install "$deb"
grep -q '^group: line-9$' "$root/etc/minnow/agent.yaml" || fail "the upgrade replaced the edited configuration"
check "the upgrade kept the store" test "$(cat "$root/var/lib/minnow/state.json")" = "$store_state"
check "the upgrade dropped the stale CDS archive" test ! -e "${archives[0]}"
check "the upgrade kept one minnow user" test "$(grep -c '^minnow:' "$root/etc/passwd")" = 1

echo "== remove keeps configuration and state; purge deletes them"
dpkg_in_root --remove minnow
check "remove deletes the jar" test ! -e "$root/usr/share/minnow/minnow.jar"
check "remove keeps the configuration" test -f "$root/etc/minnow/agent.yaml"
check "remove keeps the store" test -f "$root/var/lib/minnow/state.json"
check "remove disables the service" test ! -e "$root/etc/systemd/system/multi-user.target.wants/minnow.service"
dpkg_in_root --purge minnow
check "purge deletes the configuration" test ! -e "$root/etc/minnow"
check "purge deletes the state" test ! -e "$root/var/lib/minnow"

echo "debian package test passed: $(basename "$deb")"
