#!/usr/bin/env bash
# Runs the benchmark suite and prints a summary table (Markdown) with the targets.
#
#   benchmarks/run.sh              full run: every benchmark with its annotated settings (3 forks,
#                                  fixed heap, -XX:+AlwaysPreTouch), -prof gc, then the 10M-bar memory run;
#                                  PostgresJournalBenchmark starts an embedded PostgreSQL in each fork (binaries
#                                  in the jar, data in a temporary directory it deletes; no server needed)
#   benchmarks/run.sh --quick      smoke run for CI: 1 fork, one short iteration, 10,000 bars, 512 MB
#                                  heaps, a 1M-bar memory run; the figures mean nothing, the run proves
#                                  the suite still builds, its trade check passes and every benchmark runs
#                                  (the journal one against its own embedded PostgreSQL, rows checked)
#                                  and the live latency pair runs against the local Alpaca on loopback
#                                  (SignalToAckBenchmark one short iteration, BarToOrderLatency 200 samples)
#   options: --no-build            use benchmarks/target/benchmarks.jar as it is
#            --out DIR             where results go (default benchmarks/target/results/<UTC time>)
#            --only REGEX          only the JMH benchmarks matching REGEX (skips the memory run unless
#                                  REGEX is 'Memory'; runs the bar-to-order harness when REGEX matches
#                                  'BarToOrder', e.g. --only 'SignalToAck|BarToOrder')
#            -- ARGS...            further arguments for JMH (they come last, so they win)
#
# Needs a JDK 21+ (the peer, ta4j 0.22.2, does): $JAVA_HOME when it is one, else a Temurin 25 or
# other JDK 21+ under /usr/lib/jvm. Results: jmh.json, jmh.txt, memory.txt, bar-to-order.txt (and every
# sample in bar-to-order-samples.csv), summary.md in the out dir.
#
# The live latency pair (SignalToAckBenchmark, BarToOrderLatency) starts the local Alpaca
# (trading-alpaca-sandbox) on 127.0.0.1 in the measuring JVM; no network or account is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
build=1
out=""
only=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --out) out="$2"; shift ;;
    --only) only="$2"; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
jdk=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64 \
         /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [ -n "$d" ] && [ -x "$d/bin/java" ] && [ "$(java_major "$d")" -ge 21 ] 2>/dev/null; then jdk="$d"; break; fi
done
if [ -z "$jdk" ]; then
  echo "benchmarks need a JDK 21+ (set JAVA_HOME); none found" >&2
  exit 3
fi
java="$jdk/bin/java"
jar=benchmarks/target/benchmarks.jar

if [ "$build" = 1 ]; then
  echo "== building $jar with $jdk"
  # -am: trading-core and trading-api from this tree, never a snapshot some other build installed.
  JAVA_HOME="$jdk" ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
fi
[ -f "$jar" ] || { echo "$jar is missing; run without --no-build" >&2; exit 2; }

out="${out:-benchmarks/target/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

jmh=(-rf json -rff "$out/jmh.json" -prof gc)
memory_bars=10000000
bar_samples=2000
bar_warmup=500
bar_heap="-Xms1g -Xmx1g"
if [ "$quick" = 1 ]; then
  jmh+=(-f 1 -wi 1 -w 300ms -i 1 -r 300ms -p bars=10000 -jvmArgs "-Xms512m -Xmx512m -XX:+AlwaysPreTouch")
  memory_bars=1000000
  bar_samples=200
  bar_warmup=50
  bar_heap="-Xms512m -Xmx512m"
fi
regex="${only:-io.tradingsdk.benchmarks.*}"
run_bar_to_order=0
if [ -z "$only" ] || echo BarToOrder | grep -Eq -- "$only"; then run_bar_to_order=1; fi
# JMH refuses a pattern that matches no benchmark (e.g. --only BarToOrder): then it does not run.
run_jmh=0
if [ "$only" != Memory ] && "$java" -jar "$jar" -l "$regex" 2>/dev/null | tail -n +2 | grep -q .; then run_jmh=1; fi

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)$([ "$quick" = 1 ] && echo ' (quick smoke run: figures not meaningful)')"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- JDK: $("$java" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JMH: java -jar $jar '$regex' ${jmh[*]} ${extra[*]:-}"
  if [ -z "$only" ] || [ "$only" = Memory ]; then
    echo "- memory: java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp $jar io.tradingsdk.benchmarks.MemoryBacktest $memory_bars none"
  fi
  if [ "$run_bar_to_order" = 1 ]; then
    echo "- bar to order: java $bar_heap -XX:+AlwaysPreTouch -cp $jar io.tradingsdk.benchmarks.live.BarToOrderLatency $bar_samples $bar_warmup"
  fi
  echo
} > "$out/header.md"
cat "$out/header.md"

if [ "$run_jmh" = 1 ]; then
  echo "== JMH"
  "$java" -jar "$jar" "$regex" "${jmh[@]}" "${extra[@]}" 2>&1 | tee "$out/jmh.txt"
fi

if [ -z "$only" ] || [ "$only" = Memory ]; then
  echo "== memory: $memory_bars bars streamed through the SDK pipeline in a 512 MB heap"
  "$java" -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp "$jar" io.tradingsdk.benchmarks.MemoryBacktest \
    "$memory_bars" none "$out/memory.txt"
fi

if [ "$run_bar_to_order" = 1 ]; then
  echo "== bar to order: $bar_samples bars through the local Alpaca's stream, the engine and back as orders"
  # shellcheck disable=SC2086
  "$java" $bar_heap -XX:+AlwaysPreTouch -cp "$jar" io.tradingsdk.benchmarks.live.BarToOrderLatency \
    "$bar_samples" "$bar_warmup" "$out/bar-to-order.txt" "$out/bar-to-order-samples.csv"
fi

echo "== summary ($out/summary.md)"
{
  cat "$out/header.md"
  if [ -f "$out/jmh.json" ]; then
    "$java" -cp "$jar" io.tradingsdk.benchmarks.Summary "$out/jmh.json" "$out/memory.txt" "$out/bar-to-order.txt"
  elif [ -f "$out/bar-to-order.txt" ] || [ -f "$out/memory.txt" ]; then
    echo "(no JMH results)"
    echo
    echo '[]' > "$out/no-jmh.json"
    "$java" -cp "$jar" io.tradingsdk.benchmarks.Summary "$out/no-jmh.json" "$out/memory.txt" "$out/bar-to-order.txt"
  else
    echo "(no JMH results)"
  fi
} > "$out/summary.md"
cat "$out/summary.md"
