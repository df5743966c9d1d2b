package dev.escalation.benchmarks.sdk;

import dev.escalation.benchmarks.BenchJvm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings of every escalate-latency benchmark, inherited (JMH reads these annotations from superclasses):
 * {@link SdkEscalateBenchmark}, {@link SdkEscalateDrainedBenchmark} and their control {@link EscalateControlBenchmark}
 * compare percentiles measured with the same mode, warm-up, measurement, fork and heap, so they take them from here.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
public abstract class EscalateLatencySettings {}
