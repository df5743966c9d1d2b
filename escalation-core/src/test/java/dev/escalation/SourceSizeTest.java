package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11 "small classes": no {@code .java} file under {@code escalation-core/src/main} may exceed {@value #LIMIT}
 * lines. Strict, without an allow-list: a file that grows past the limit is split into cohesive classes.
 */
class SourceSizeTest {

    static final int LIMIT = 400;

    @Test
    void noMainSourceFileOfCoreExceedsTheLimit() throws IOException {
        Path main = Path.of(System.getProperty("basedir", "."), "src", "main");
        assertThat(main).as("source root of escalation-core").isDirectory();
        assertThat(javaFiles(main)).as("java files under " + main).hasSizeGreaterThan(10);

        Map<Path, Integer> tooLong = oversized(main, LIMIT);

        assertThat(tooLong)
                .as(
                        "files under %s with more than %d lines (split them into cohesive classes):%n%s",
                        main, LIMIT, report(tooLong))
                .isEmpty();
    }

    @Test
    void reportsEachJavaFileLongerThanTheLimitWithItsLineCount(@TempDir Path root) throws IOException {
        write(root.resolve("a/Long.java"), 401);
        write(root.resolve("a/b/Longer.java"), 950);
        write(root.resolve("a/AtTheLimit.java"), 400);
        write(root.resolve("a/NotJava.txt"), 900);

        Map<Path, Integer> tooLong = oversized(root, 400);

        assertThat(tooLong)
                .containsOnly(Map.entry(Path.of("a/Long.java"), 401), Map.entry(Path.of("a/b/Longer.java"), 950));
        assertThat(report(tooLong)).isEqualTo("  a/b/Longer.java: 950 lines%n  a/Long.java: 401 lines".formatted());
    }

    @Test
    void countsALastLineWithoutLineBreak(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("Short.java"), "a\n".repeat(400) + "b");

        assertThat(oversized(root, 400)).containsOnly(Map.entry(Path.of("Short.java"), 401));
    }

    /** The {@code .java} files under {@code root} with more than {@code limit} lines, by path relative to it. */
    static Map<Path, Integer> oversized(Path root, int limit) throws IOException {
        Map<Path, Integer> result = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            if (lines > limit) {
                result.put(root.relativize(file), lines);
            }
        }
        return result;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f ->
                            Files.isRegularFile(f) && f.getFileName().toString().endsWith(".java"))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /** One line per file, longest first: {@code "  path: n lines"}. */
    private static String report(Map<Path, Integer> tooLong) {
        return tooLong.entrySet().stream()
                .sorted(Map.Entry.<Path, Integer>comparingByValue().reversed())
                .map(e -> "  " + e.getKey().toString().replace('\\', '/') + ": " + e.getValue() + " lines")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static void write(Path file, int lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(
                file, IntStream.range(0, lines).mapToObj(i -> "// line " + i).toList(), StandardCharsets.UTF_8);
    }
}
