package dev.escalation.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's first command exactly as written, from the repository root, and checks that the demo walked the
 * escalation to CLOSED and exited 0.
 */
class ReadmeCommandTest {

    @Test
    void theReadmesFirstCommandRunsTheDemo() throws IOException, InterruptedException {
        Path root = Path.of("..", "..").toAbsolutePath().normalize();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        int fence = readme.indexOf("```bash");
        String command = readme.get(fence + 1);
        assertThat(command).startsWith("./mvnw");

        Path log = Files.createTempFile("readme-command", ".log");
        Process p = new ProcessBuilder("bash", "-c", command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }

        assertThat(finished).as("the command finished within 5 minutes").isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("final state: CLOSED");
    }
}
