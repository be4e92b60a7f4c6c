#!/bin/sh
# Runs model-tools from the source tree: builds the module offline, then starts it with the settings
# training needs on a shared CPU (PLATFORM-NOTES): OMP_WAIT_POLICY=PASSIVE (10x faster PyTorch threading
# here), DJL's native libraries extracted under ~/.djl.ai, no downloads at run time, low priority.
# Usage: model-tools/model-tools.sh default | train --corpus FILE --bundle OUT.minnow | bundle ... | corpus ...
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp_file=model-tools/target/classpath.txt
mvn -B -ntp -o -q -pl model-tools -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile="$root/$cp_file" -Dmdep.includeScope=runtime
export OMP_WAIT_POLICY=PASSIVE
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
exec nice -n "${MODEL_TOOLS_NICE:-10}" java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "model-tools/target/classes:$(cat "$cp_file")" io.minnow.modeltools.cli.ModelToolsCli "$@"
