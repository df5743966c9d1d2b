package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the adapter keeps of a refusal and what it does with a redirect, against a small HTTP server that answers
 * one request with the status under test and the others as Redmine does.
 *
 * <p>A 4xx answer's body (Redmine's validation messages, a proxy's page) may echo what was sent, personal data
 * included, and may be huge: the exception says the method, the path and the status with its standard reason,
 * nothing of the body. A 3xx answer means the base URL is wrong (http where Redmine wants https, a moved host): it is
 * not followed (the API key would go along, maybe to another host) and fails for good, naming {@code baseUrl}; a
 * host's HTTP client that follows redirects is refused.
 */
class RedmineStatusAnswerTest {
    private static final String EMAIL = "ina.example@customer.example";

    private HttpServer server;
    private HttpServer elsewhere;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> elsewhereRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        bodies.putAll(CannedRedmine.answers());
        server = CannedRedmine.serve(this::answer);
        elsewhere = CannedRedmine.serve(exchange -> {
            elsewhereRequests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " key="
                            + exchange.getRequestHeaders().getFirst("X-Redmine-API-Key"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
        elsewhere.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request =
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.add(request);
        exchange.getRequestBody().readAllBytes();
        int status = statuses.getOrDefault(request, request.startsWith("POST") ? 201 : 200);
        byte[] bytes = bodies.getOrDefault(request, "{}").getBytes(StandardCharsets.UTF_8);
        if (status >= 300 && status < 400) {
            exchange.getResponseHeaders()
                    .add(
                            "Location",
                            "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/issues.json");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Ticketing ticketing() {
        return CannedRedmine.ticketing(server, Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 413, 422})
    void aRefusalKeepsTheStatusButNothingOfTheBody(int status) {
        statuses.put("POST /issues.json", status);
        bodies.put(
                "POST /issues.json",
                "{\"errors\":[\"Email " + EMAIL + " is invalid\",\"Subject " + "x".repeat(200_000)
                        + " is too long\",\"Line\\r\\nX-Injected: yes\"]}");

        assertThatThrownBy(() -> ticketing().open(CannedRedmine.openE1()))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("POST /issues.json")
                .hasMessageContaining(Integer.toString(status))
                .hasMessageNotContaining(EMAIL)
                .hasMessageNotContaining("xxxxxxxxxx")
                .hasMessageNotContaining("Injected")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\r", "\n"));
    }

    @Test
    void aRefusalSaysTheStatusReason() {
        statuses.put("POST /issues.json", 422);
        bodies.put("POST /issues.json", "{\"errors\":[\"Subject cannot be blank\"]}");

        assertThatThrownBy(() -> ticketing().open(CannedRedmine.openE1()))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessage("Redmine refused POST /issues.json with 422 (Unprocessable Content)");
    }

    @Test
    void aRefusedUserSearchQuotesNoAddress() {
        statuses.put("GET /users.json", 403);
        bodies.put("GET /users.json", "{\"errors\":[\"No access to " + EMAIL + "\"]}");
        Ticketing ticketing = ticketing();
        String reference = ticketing.open(CannedRedmine.openE1());
        bodies.put("GET /issues/7.json", "{\"issue\":{\"id\":7,\"custom_fields\":[{\"id\":1,\"value\":\"E-1\"}]}}");
        Party ina = new Party(Party.Kind.CONTACT, "ina", "Ina Example", EMAIL);

        assertThatThrownBy(() -> ticketing.addParticipant(
                        reference, new TicketCommand.AddParticipant("p1", EscalationId.of("E-1"), ina)))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("403")
                .hasMessageNotContaining(EMAIL);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectIsNotFollowedAndFailsForGood(int status) {
        statuses.put("GET /issues.json", status);

        assertThatThrownBy(() -> ticketing().open(CannedRedmine.openE1()))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("GET /issues.json")
                .hasMessageContaining(Integer.toString(status))
                .hasMessageContaining("redirect")
                .hasMessageContaining("baseUrl")
                .hasMessageNotContaining("127.0.0.1");
        assertThat(requests).contains("GET /issues.json").doesNotContain("POST /issues.json");
        assertThat(elsewhereRequests).as("the API key stays home").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /custom_fields.json",
                "GET /users/current.json",
                "GET /issue_statuses.json",
                "GET /enumerations/issue_priorities.json",
                "POST /issues.json"
            })
    void aRedirectFailsForGoodWhereverItComes(String where) {
        statuses.put(where, 301);

        assertThatThrownBy(() -> ticketing().open(CannedRedmine.openE1()))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining(where)
                .hasMessageContaining("redirect");
        assertThat(elsewhereRequests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALWAYS", "NORMAL"})
    void aClientThatFollowsRedirectsIsRefused(String policy) {
        HttpClient follows = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.valueOf(policy))
                .build();

        assertThatThrownBy(() -> RedmineTicketing.builder().httpClient(follows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redirect");
        RedmineTicketing.builder()
                .httpClient(HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    @Test
    void theDefaultClientFollowsNoRedirect() {
        statuses.put("GET /issues.json", 307);
        Ticketing ticketing = RedmineTicketing.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .apiKey("secret-key")
                .project("escalations")
                .build();

        assertThatThrownBy(() -> ticketing.open(CannedRedmine.openE1())).isInstanceOf(PermanentDeliveryException.class);
        assertThat(elsewhereRequests).isEmpty();
    }
}
