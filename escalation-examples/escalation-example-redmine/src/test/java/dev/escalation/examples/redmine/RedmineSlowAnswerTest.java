package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An answer that does not end: one far larger than any Redmine sends fails retryably once the adapter has read the
 * limit, without reading (and holding in memory) the rest. And an answer whose headers arrive at once but whose body
 * trickles in (a stalled proxy, a server that hangs while
 * writing) fails retryably within the configured time-out, like an answer that never starts: HttpClient's own request
 * time-out stops counting once the headers are in, so without a deadline of its own the adapter would wait as long as
 * the server keeps sending, holding the engine's dispatcher thread and, during the first look-ups, the lock every
 * other call waits on.
 */
class RedmineSlowAnswerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2); // a 1 s stall of a busy host must not fail the retry

    private HttpServer server;
    private ExecutorService threads;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Set<String> trickling = ConcurrentHashMap.newKeySet();
    private final Set<String> huge = ConcurrentHashMap.newKeySet();
    private final AtomicLong written = new AtomicLong();
    private volatile Duration everyAnswerAfter = Duration.ZERO;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch hugeDone = new CountDownLatch(1);
    private volatile boolean stopped;

    @BeforeEach
    void start() throws IOException {
        answers.putAll(CannedRedmine.answers());
        threads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        stopped = true;
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request =
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        received.add(request);
        try {
            Thread.sleep(everyAnswerAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        byte[] bytes = answers.getOrDefault(request, "{}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (huge.contains(request)) {
            // 100 MB of blanks, as fast as the adapter reads them
            exchange.sendResponseHeaders(200, 0);
            byte[] blanks = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 1600 && !stopped; i++) {
                    body.write(blanks);
                    written.addAndGet(blanks.length);
                }
            } catch (IOException e) {
                // the adapter stopped reading: what it should do
            } finally {
                hugeDone.countDown();
            }
            return;
        }
        if (trickling.contains(request)) {
            // headers now, then one blank a tenth of a second for at most a minute
            exchange.sendResponseHeaders(200, 600 + bytes.length);
            OutputStream body = exchange.getResponseBody();
            try {
                for (int i = 0; i < 600 && !stopped; i++) {
                    body.write(' ');
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the adapter gave up: what it should do
            }
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(request.startsWith("POST") ? 201 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Ticketing ticketing() {
        return CannedRedmine.ticketing(server, TIMEOUT);
    }

    private static TicketCommand.Open open() {
        return CannedRedmine.openE1();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /issues.json", "GET /users/current.json"})
    void aBodyThatTricklesInFailsRetryablyWithinTheTimeOut(String slow) {
        trickling.add(slow);
        Ticketing ticketing = ticketing();

        long started = System.nanoTime();
        assertThatThrownBy(() -> ticketing.open(open()))
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining(slow);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("given up after the time-out of %s, not after the minute the server keeps sending", TIMEOUT)
                .isLessThan(Duration.ofSeconds(10));

        // the server answers again: the retry succeeds
        trickling.clear();
        assertThat(ticketing.open(open())).isEqualTo("7");
    }

    @Test
    void anAnswerFarLargerThanRedmineSendsFailsRetryablyWithoutBeingReadToTheEnd() throws InterruptedException {
        huge.add("GET /issues.json");
        Ticketing ticketing = RedmineTicketing.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .apiKey("key")
                .project("escalations")
                .timeout(Duration.ofSeconds(30))
                .build();

        Throwable thrown = catchThrowable(() -> ticketing.open(open()));

        assertThat(hugeDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get())
                .as("the adapter stopped reading soon after its limit of %s bytes", RedmineClient.MAX_ANSWER_BYTES)
                .isLessThan(2L * RedmineClient.MAX_ANSWER_BYTES);
        assertThat(thrown)
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("GET /issues.json");

        huge.clear();
        assertThat(ticketing.open(open())).isEqualTo("7");
    }

    /**
     * Every answer comes just within the time-out of 1 s (after 700 ms), and the first open makes six round trips
     * (four look-ups, the search, the create): 4.2 s in all, where the engine's lease is sized for four time-outs. The
     * call ends at its deadline of four time-outs with a retryable failure: its last round trip is cut short (or, on a
     * host slow enough that five took the whole 4 s, not sent). The retry, with the look-ups known and a server that
     * answers at once, opens the issue.
     */
    @Test
    void aCallWhoseRoundTripsEachAnswerJustInTimeEndsWithinFourTimeOuts() {
        Duration timeout = Duration.ofSeconds(1);
        everyAnswerAfter = Duration.ofMillis(700);
        Ticketing ticketing = CannedRedmine.ticketing(server, timeout);

        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ticketing.open(open()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(thrown)
                .as("six answers of 700 ms each do not fit in four time-outs")
                .isInstanceOf(RedmineException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("POST /issues.json");
        assertThat(received)
                .hasSizeBetween(5, 6)
                .startsWith(
                        "GET /custom_fields.json",
                        "GET /users/current.json",
                        "GET /issue_statuses.json",
                        "GET /enumerations/issue_priorities.json",
                        "GET /issues.json");
        assertThat(took)
                .as("ended at four time-outs, give or take a busy host's scheduling")
                .isBetween(timeout.multipliedBy(4), timeout.multipliedBy(5));

        everyAnswerAfter = Duration.ZERO;
        received.clear();
        assertThat(ticketing.open(open())).isEqualTo("7");
        assertThat(received).containsExactly("GET /issues.json", "POST /issues.json");
    }
}
