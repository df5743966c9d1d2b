package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redmine going away in the middle of {@code open}, played by a small HTTP server in front of which the real adapter
 * runs: the issue is created, but the answer to the {@code POST} is lost (the connection dropped without an answer,
 * or a proxy's 502, 503 or 504 in its place), and Redmine down altogether, then back. Each failure is retryable
 * ({@link RedmineException}, never a {@link PermanentDeliveryException}), and the retry, as the engine makes it after
 * its backoff, finds the issue and creates no second one; a note whose answer is lost likewise is not posted twice.
 */
class RedmineOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUE_7 =
            "{\"issues\":[{\"id\":7,\"custom_fields\":[{\"id\":1,\"value\":\"E-1\"}]}]," + "\"total_count\":1}";

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** Whether Redmine is down: every request's connection is dropped without an answer. */
    private final AtomicBoolean down = new AtomicBoolean();
    /** How the answer to the issue's creation is lost: 0 drops the connection, else that status. */
    private volatile int lostCreation = -1;
    /** How the answer to an update of issue 7 is lost, as {@link #lostCreation}. */
    private volatile int lostUpdate = -1;
    /** The notes issue 7 has, as Redmine keeps them in its journals. */
    private final List<String> notes = new CopyOnWriteArrayList<>();

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
        byte[] sent = exchange.getRequestBody().readAllBytes();
        if (down.get()) {
            throw new IOException("Redmine is down"); // the server drops the connection without an answer
        }
        if (request.equals("POST /issues.json")) {
            answers.put("GET /issues.json", ISSUE_7); // created: the search finds it from now on
            if (lostCreation == 0) {
                throw new IOException("the answer is lost");
            }
            if (lostCreation > 0) {
                exchange.sendResponseHeaders(lostCreation, -1);
                exchange.close();
                return;
            }
        }
        if (request.equals("PUT /issues/7.json")) {
            notes.add(JSON.readTree(sent).path("issue").path("notes").asText());
            if (lostUpdate == 0) {
                throw new IOException("the answer is lost");
            }
            exchange.sendResponseHeaders(lostUpdate > 0 ? lostUpdate : 204, -1);
            exchange.close();
            return;
        }
        if (request.equals("GET /issues/7.json")) {
            answers.put(request, issue7());
        }
        byte[] bytes = answers.getOrDefault(request, "{}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(request.startsWith("POST") ? 201 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Issue 7 of escalation E-1 with its notes as journals. */
    private String issue7() throws IOException {
        ObjectNode issue = JSON.createObjectNode();
        issue.put("id", 7);
        issue.putArray("custom_fields").addObject().put("id", 1).put("value", "E-1");
        ArrayNode journals = issue.putArray("journals");
        notes.forEach(n -> journals.addObject().put("notes", n));
        ObjectNode answer = JSON.createObjectNode();
        answer.set("issue", issue);
        return JSON.writeValueAsString(answer);
    }

    private Ticketing ticketing() {
        return CannedRedmine.ticketing(server, Duration.ofSeconds(5));
    }

    private long creations() {
        return requests.stream().filter("POST /issues.json"::equals).count();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 500, 502, 503, 504})
    void anOpenWhoseAnswerIsLostIsRetryableAndItsRetryFindsTheIssue(int lost) {
        Ticketing ticketing = ticketing();
        lostCreation = lost;

        assertThatThrownBy(() -> ticketing.open(CannedRedmine.openE1()))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
        lostCreation = -1;

        assertThat(ticketing.open(CannedRedmine.openE1())).isEqualTo("7");
        assertThat(creations()).as("one issue").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 500, 502, 503, 504})
    void aNoteWhoseAnswerIsLostIsRetryableAndItsRetryPostsNothingMore(int lost) {
        Ticketing ticketing = ticketing();
        TicketCommand.PostUpdate update =
                new TicketCommand.PostUpdate("k-note", EscalationId.of("E-1"), "Patched", Visibility.CUSTOMER);
        lostUpdate = lost;

        assertThatThrownBy(() -> ticketing.postUpdate("7", update))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class);
        lostUpdate = -1;

        ticketing.postUpdate("7", update);
        assertThat(notes).as("one note").hasSize(1);
        assertThat(requests.stream().filter("PUT /issues/7.json"::equals)).hasSize(1);
    }

    @Test
    void aRedmineThatIsDownFailsRetryablyKeepsNoLookUpAndOpensOnceItIsBack() {
        Ticketing ticketing = ticketing();
        down.set(true);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> ticketing.open(CannedRedmine.openE1()))
                    .isInstanceOf(RedmineException.class)
                    .isNotInstanceOf(PermanentDeliveryException.class)
                    .satisfies(e -> assertThat(((RedmineException) e).status()).isZero());
        }
        assertThat(creations()).isZero();
        down.set(false);

        assertThat(ticketing.open(CannedRedmine.openE1())).isEqualTo("7");
        assertThat(creations()).isEqualTo(1);
    }
}
