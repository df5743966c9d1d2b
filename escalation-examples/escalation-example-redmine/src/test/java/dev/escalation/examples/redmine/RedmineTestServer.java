package dev.escalation.examples.redmine;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.model.TicketStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Redmine started by {@code .ci/components/20-redmine.sh} ({@code start_redmine}), found through
 * {@code ESCALATION_TEST_REDMINE_URL}, {@code ESCALATION_TEST_REDMINE_KEY}, {@code ESCALATION_TEST_REDMINE_PROJECT}
 * and {@code ESCALATION_TEST_REDMINE_CUSTOM_FIELD_ID}. Without them the tests are skipped with a message; with
 * {@code CI=true} they fail instead, because CI must run them. Also reads Redmine directly (not through the adapter)
 * so tests can check what the adapter wrote.
 */
final class RedmineTestServer {
    final String url;
    final String key;
    final String project;
    final int customFieldId;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private RedmineTestServer(String url, String key, String project, int customFieldId) {
        this.url = url;
        this.key = key;
        this.project = project;
        this.customFieldId = customFieldId;
    }

    /** The server, or a skipped test (outside CI) / failed test (in CI) when it is not configured. */
    static RedmineTestServer require() {
        String url = System.getenv("ESCALATION_TEST_REDMINE_URL");
        String key = System.getenv("ESCALATION_TEST_REDMINE_KEY");
        String project = System.getenv().getOrDefault("ESCALATION_TEST_REDMINE_PROJECT", "escalations");
        String field = System.getenv("ESCALATION_TEST_REDMINE_CUSTOM_FIELD_ID");
        boolean configured = url != null && !url.isBlank() && key != null && !key.isBlank();
        String skipped =
                "Redmine integration tests skipped: ESCALATION_TEST_REDMINE_URL and ESCALATION_TEST_REDMINE_KEY"
                        + " are not set (source .ci/components/20-redmine.sh and call start_redmine, as root, to run them)";
        if (!configured && "true".equals(System.getenv("CI"))) {
            fail("CI=true but " + skipped.replace("skipped", "cannot run"));
        }
        Assumptions.assumeTrue(configured, skipped);
        return new RedmineTestServer(url, key, project, field == null ? 0 : Integer.parseInt(field));
    }

    RedmineTicketing.Builder adapter() {
        RedmineTicketing.Builder builder =
                RedmineTicketing.builder().baseUrl(URI.create(url)).apiKey(key).project(project);
        return customFieldId > 0 ? builder.escalationIdField(customFieldId) : builder;
    }

    /** Number of issues of the project whose escalation-id field is {@code value}. */
    int issuesWithEscalationId(String value) {
        String filter = customFieldId > 0 ? "&cf_" + customFieldId + "=" + enc(value) : "&sort=id:desc";
        JsonNode issues = get("/issues.json?project_id=" + enc(project) + "&status_id=*&limit=100" + filter)
                .path("issues");
        int count = 0;
        for (JsonNode issue : issues) {
            for (JsonNode field : issue.path("custom_fields")) {
                if (value.equals(field.path("value").asText(null))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A ticket as Redmine shows it, read without the adapter. */
    record Ticket(TicketStatus status, List<String> participants, List<String> updates) {}

    private static final Pattern MARKER =
            Pattern.compile("\\s*\\[escalation-sdk:(open|update|status):([0-9a-f]{32})]\\s*\\z");

    /**
     * Reads the issue a ticket reference names, directly from Redmine. Status: a closed Redmine status is
     * {@code CLOSED}, the status named "Resolved" is {@code RESOLVED}, any other {@code OPEN}. Participants: the
     * e-mail addresses of the watchers in the order Redmine lists them (the order added), without the API key's own
     * user (Redmine makes the author of an issue or note a watcher) and without groups. Updates: the notes in order,
     * without the adapter's markers, leaving out the notes of status changes and of the open.
     *
     * @return the ticket, or empty if Redmine has no such issue
     */
    Optional<Ticket> ticket(String reference) {
        JsonNode issue = find("/issues/" + enc(reference) + ".json?include=journals,watchers");
        if (issue == null) {
            return Optional.empty();
        }
        issue = issue.path("issue");
        int statusId = issue.path("status").path("id").asInt();
        TicketStatus status = TicketStatus.OPEN;
        for (JsonNode s : get("/issue_statuses.json").path("issue_statuses")) {
            if (s.path("id").asInt() == statusId) {
                status = s.path("is_closed").asBoolean()
                        ? TicketStatus.CLOSED
                        : "Resolved".equals(s.path("name").asText()) ? TicketStatus.RESOLVED : TicketStatus.OPEN;
            }
        }
        int me = get("/users/current.json").path("user").path("id").asInt();
        Set<String> participants = new LinkedHashSet<>();
        for (JsonNode watcher : issue.path("watchers")) {
            int id = watcher.path("id").asInt();
            JsonNode user = id == me ? null : find("/users/" + id + ".json");
            String mail = user == null ? "" : user.path("user").path("mail").asText("");
            if (!mail.isEmpty()) { // a group or a deleted user has no mail
                participants.add(mail);
            }
        }
        List<String> updates = new ArrayList<>();
        for (JsonNode journal : issue.path("journals")) {
            String notes = journal.path("notes").asText("").replace("\r\n", "\n");
            Matcher marker = MARKER.matcher(notes);
            boolean marked = marker.find();
            // an update's text, and a status change's note (the SDK writes each before its marker); not an open's
            String text = marked ? notes.substring(0, marker.start()) : notes;
            if (marked && "open".equals(marker.group(1)) || text.isBlank()) {
                continue;
            }
            updates.add(text);
        }
        return Optional.of(new Ticket(status, List.copyOf(participants), List.copyOf(updates)));
    }

    JsonNode issue(String id) {
        return get("/issues/" + enc(id) + ".json?include=journals,watchers").path("issue");
    }

    JsonNode get(String pathAndQuery) {
        JsonNode found = find(pathAndQuery);
        if (found == null) {
            throw new AssertionError("GET " + pathAndQuery + " answered 404");
        }
        return found;
    }

    /** GET; {@code null} for a 404. */
    private JsonNode find(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                .header("X-Redmine-API-Key", key)
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Locks the user with this e-mail address (as an administrator would in Redmine's UI). */
    void lockUser(String email) {
        JsonNode users = get("/users.json?status=&name=" + enc(email)).path("users");
        for (JsonNode user : users) {
            if (email.equalsIgnoreCase(user.path("mail").asText())) {
                put("/users/" + user.path("id").asInt() + ".json", "{\"user\":{\"status\":3}}");
                return;
            }
        }
        throw new AssertionError("no Redmine user with the test participant's address");
    }

    private void put(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("X-Redmine-API-Key", key)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204 && response.statusCode() != 200) {
                throw new AssertionError("PUT " + path + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new AssertionError("PUT " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
