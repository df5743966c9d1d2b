package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 2xx answer without the JSON Redmine sends (a proxy's HTML page, an empty or truncated body) is a retryable failure,
 * never "nothing there": an empty issue search would make {@code open} create a second issue for the escalation, and
 * empty look-ups would be kept for the adapter's life. Redmine itself never answers so; a small HTTP server in front
 * of nothing plays the proxy, answering one path with garbage and the others as Redmine does.
 */
class RedmineGarbageAnswerTest {
    private static final String HTML = "<html><body>Maintenance</body></html>";

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        answers.putAll(CannedRedmine.answers());
        server = CannedRedmine.serve(this::answer);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request =
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.add(request);
        exchange.getRequestBody().readAllBytes();
        String body = answers.getOrDefault(request, "{}");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
        exchange.sendResponseHeaders(request.startsWith("POST") ? 201 : 200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Ticketing ticketing() {
        return CannedRedmine.ticketing(server, Duration.ofSeconds(5));
    }

    private static TicketCommand.Open open() {
        return CannedRedmine.openE1();
    }

    @ParameterizedTest
    @ValueSource(strings = {HTML, "", "{\"total_count\":0}", "{\"issues\":{}}"})
    void aSearchAnsweredWithoutItsListIsRetriedAndCreatesNothing(String garbage) {
        answers.put("GET /issues.json", garbage);
        Ticketing ticketing = ticketing();

        assertThatThrownBy(() -> ticketing.open(open()))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
        assertThat(requests).contains("GET /issues.json").doesNotContain("POST /issues.json");

        // the proxy is gone: the retry searches, finds nothing, and opens the issue
        answers.put("GET /issues.json", "{\"issues\":[],\"total_count\":0}");
        assertThat(ticketing.open(open())).isEqualTo("7");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /custom_fields.json",
                "GET /users/current.json",
                "GET /issue_statuses.json",
                "GET /enumerations/issue_priorities.json"
            })
    void aLookUpAnsweredWithoutItsContentIsRetriedAndNotKept(String lookUp) {
        String good = answers.get(lookUp);
        answers.put(lookUp, HTML);
        Ticketing ticketing = ticketing();

        assertThatThrownBy(() -> ticketing.open(open()))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
        assertThat(requests).doesNotContain("POST /issues.json");

        answers.put(lookUp, good);
        assertThat(ticketing.open(open())).isEqualTo("7");
    }
    /**
     * A search hit for the escalation whose issue number is missing, zero, negative, text, a fraction or beyond an
     * int: before, {@code asInt()} made it 0 (or a wrapped number) and {@code open} returned that as the reference,
     * so every later call on the ticket failed for good. Now the call is retried and creates nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "\"id\":0,", "\"id\":-3,", "\"id\":\"7\",", "\"id\":7.5,", "\"id\":4294967303,"})
    void aSearchHitWithoutAnIssueNumberIsRetriedAndCreatesNothing(String id) {
        answers.put(
                "GET /issues.json",
                "{\"issues\":[{" + id + "\"custom_fields\":[{\"id\":1,\"value\":\"E-1\"}]}],\"total_count\":1}");
        Ticketing ticketing = ticketing();

        assertThatThrownBy(() -> ticketing.open(open()))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
        assertThat(requests).contains("GET /issues.json").doesNotContain("POST /issues.json");

        answers.put(
                "GET /issues.json",
                "{\"issues\":[{\"id\":12,\"custom_fields\":[{\"id\":1,\"value\":\"E-1\"}]}],\"total_count\":1}");
        assertThat(ticketing.open(open()))
                .as("the escalation's issue, found again")
                .isEqualTo("12");
    }
}
