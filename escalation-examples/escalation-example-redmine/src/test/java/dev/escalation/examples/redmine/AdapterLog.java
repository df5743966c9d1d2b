package dev.escalation.examples.redmine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The adapter's own log lines, written by slf4j-simple to the file the build configures
 * ({@code org.slf4j.simpleLogger.logFile}, debug level for {@code dev.escalation}), so tests can check that no
 * personal data is logged.
 */
final class AdapterLog {
    private AdapterLog() {}

    /** Whether the build routed the log to a file (it does under Maven; an IDE run may not). */
    static boolean captured() {
        return System.getProperty("org.slf4j.simpleLogger.logFile", "").endsWith(".log");
    }

    /** The lines logged by loggers under {@code dev.escalation} so far. */
    static List<String> lines() {
        try {
            return Files.readAllLines(
                            Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")), StandardCharsets.UTF_8)
                    .stream()
                    .filter(line -> line.contains(" dev.escalation."))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
