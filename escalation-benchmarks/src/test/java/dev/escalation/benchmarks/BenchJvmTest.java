package dev.escalation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.w3c.dom.Document;

/** Every forked benchmark, and run.sh's profile runs, use {@link BenchJvm}'s fixed, pre-touched heap. */
class BenchJvmTest {
    private static final List<String> OPTIONS =
            List.of(BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING);

    /** Runs a 1,000,000-row retention with a deliberately small heap, to show it streams. */
    private static final String SMALL_HEAP = "dev.escalation.benchmarks.jdbc.RetentionPgBenchmark";

    @Test
    void minimumAndMaximumHeapAreEqual() {
        assertThat(BenchJvm.HEAP_MIN.substring(4)).isEqualTo(BenchJvm.HEAP_MAX.substring(4));
    }

    @Test
    void everyForkedBenchmarkRunsOnTheFixedPreTouchedHeap() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> type : benchmarkClasses()) {
            Fork fork = type.getAnnotation(Fork.class);
            if (fork == null || type.getName().equals(SMALL_HEAP)) {
                continue;
            }
            assertThat(fork.jvmArgsAppend()).as(type.getName()).containsExactlyElementsOf(OPTIONS);
            checked.add(type.getSimpleName());
        }
        // the lifecycle subjects and their peers are among them (the scan found the compiled benchmarks)
        assertThat(checked)
                .contains(
                        "SdkLifecycleBenchmark",
                        "StatemachineLifecycleBenchmark",
                        "FlowableLifecycleBenchmark",
                        "SdkOverdueBenchmark",
                        "SdkEscalateBenchmark",
                        "EscalateControlBenchmark");
    }

    /**
     * JMH's command-line {@code -jvmArgs} and {@code -jvmArgsAppend} replace an annotation's option of the same name,
     * so run.sh's profile runs prepend theirs ({@code -jvmArgsPrepend}) and keep the benchmark's heap.
     */
    @Test
    void runShLeavesTheBenchmarksJvmOptionsInPlace() throws IOException {
        String script = Files.readString(Path.of("run.sh"));
        assertThat(script)
                .contains("-jvmArgsPrepend")
                .doesNotContain("-jvmArgsAppend")
                .doesNotContain("-jvmArgs ");
    }

    /**
     * The profile runs start a recording that enables no event when the fork starts, so that JFR is initialised
     * before the measured code is compiled; JMH's profiler starts its recording (locks.jfc) with the measurement.
     */
    @Test
    void profileRunsInitialiseJfrWhenTheForkStartsAndRecordNothingExtra() throws Exception {
        String script = Files.readString(Path.of("run.sh"));
        assertThat(script)
                .contains("-XX:StartFlightRecording:name=jfr-init,settings=$PWD/escalation-benchmarks/jfr-init.jfc")
                .contains("configName=$PWD/escalation-benchmarks/locks.jfc");
        Document init = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("jfr-init.jfc").toFile());
        assertThat(init.getDocumentElement().getTagName()).isEqualTo("configuration");
        assertThat(init.getElementsByTagName("event").getLength()).isZero();
        Document locks = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("locks.jfc").toFile());
        assertThat(locks.getElementsByTagName("event").getLength()).isPositive();
    }

    private static List<Class<?>> benchmarkClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(BenchJvm.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith("Benchmark.class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.contains("jmh_generated")) {
                    types.add(Class.forName(name, false, BenchJvmTest.class.getClassLoader()));
                }
            }
        }
        return types;
    }
}
