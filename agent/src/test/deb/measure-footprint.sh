#!/bin/bash
# Start-up time and RSS of the agent under given JVM options (docs/debian-package.md has the results).
# Usage: measure-footprint.sh LABEL [JVM OPTIONS...]   (from the repository root, after `mvn package`)
# Starts agent/target/minnow.jar with the embedded broker on a free port, waits for its "running" line, sends
# three requests with mosquitto_pub/mosquitto_sub, reads VmRSS, stops it with SIGTERM. Prints the load average.
set -euo pipefail
label=$1; shift
jar=${MINNOW_JAR:-agent/target/minnow.jar}
log=$(mktemp)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
start=$(date +%s%N)
java --add-modules=jdk.incubator.vector "$@" -jar "$jar" --set mqtt.embedded_port="$port" --set device_id=m1 > "$log" 2>&1 &
pid=$!
until grep -q "running; requests" "$log"; do
    sleep 0.05
    kill -0 $pid 2>/dev/null || { echo "$label: the agent exited"; cat "$log"; exit 1; }
done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
rss_idle=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
for i in 1 2 3; do
    mosquitto_sub -h 127.0.0.1 -p "$port" -V mqttv311 -q 1 -t "dev/r$i" -C 1 -W 30 > /dev/null &
    sub=$!
    sleep 0.3
    mosquitto_pub -h 127.0.0.1 -p "$port" -V mqttv311 -q 1 -t minnow/m1/request \
        -m "{\"id\":\"r$i\",\"reply_to\":\"dev/r$i\",\"template\":\"error_code\",\"values\":{\"code\":\"E04\"}}"
    wait $sub
done
rss_after=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
kill -TERM $pid
wait $pid || true
rm -f "$log"
echo "$label: ready_ms=$ready rss_idle_mb=$((rss_idle/1024)) rss_after_3_requests_mb=$((rss_after/1024)) load=$(cut -d' ' -f1-3 /proc/loadavg)"
