package dev.escalation.examples.redmine;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The answers a small Redmine gives the adapter's first look-ups (the custom field, the current user, the statuses and
 * the priorities), an empty search and a created issue 7, by {@code "METHOD /path"}, the adapter on such a server and
 * the command that opens E-1's ticket: what the tests that plant a faulty answer on a local HTTP server start from.
 */
final class CannedRedmine {
    private CannedRedmine() {}

    static Map<String, String> answers() {
        return Map.of(
                "GET /custom_fields.json",
                "{\"custom_fields\":[{\"id\":1,\"name\":\"Escalation ID\","
                        + "\"customized_type\":\"issue\",\"is_filter\":true}]}",
                "GET /users/current.json",
                "{\"user\":{\"id\":1}}",
                "GET /issue_statuses.json",
                "{\"issue_statuses\":[{\"id\":1,\"name\":\"New\",\"is_closed\":false},"
                        + "{\"id\":5,\"name\":\"Closed\",\"is_closed\":true}]}",
                "GET /enumerations/issue_priorities.json",
                "{\"issue_priorities\":[{\"id\":2,\"name\":\"Normal\"}]}",
                "GET /issues.json",
                "{\"issues\":[],\"total_count\":0}",
                "POST /issues.json",
                "{\"issue\":{\"id\":7}}");
    }

    /** A local HTTP server on a free loopback port, answering every path with {@code handler}, started. */
    static HttpServer serve(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /** The adapter on the local server that plays Redmine, with this time-out. */
    static Ticketing ticketing(HttpServer server, Duration timeout) {
        return RedmineTicketing.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .apiKey("key")
                .project("escalations")
                .timeout(timeout)
                .build();
    }

    /** Opening the ticket of escalation E-1 (acme, case C-1). */
    static TicketCommand.Open openE1() {
        return new TicketCommand.Open(
                "k",
                EscalationId.of("E-1"),
                new CustomerId("acme"),
                new CaseId("C-1"),
                "subject",
                "description",
                Criticality.HIGH);
    }
}
