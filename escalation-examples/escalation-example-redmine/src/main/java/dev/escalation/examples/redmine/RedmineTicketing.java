package dev.escalation.examples.redmine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Ticketing} adapter for Redmine 5's REST API (JDK {@link HttpClient}, Jackson).
 *
 * <p>Mapping:
 * <ul>
 *   <li>one Redmine <b>issue</b> per escalation, in the configured project, with the escalation id in an issue
 *       custom field (default name {@code Escalation ID}; string format, "used as a filter"); the criticality
 *       becomes the issue priority (configurable names). The <b>ticket reference</b> {@link #open} returns is the
 *       issue number (e.g. {@code "4711"}); every later call goes straight to that issue;</li>
 *   <li>a <b>participant</b> is a Redmine <b>watcher</b>. Watchers must be Redmine users, so the adapter looks the
 *       participant's e-mail address up among Redmine's users and, unless disabled with
 *       {@link Builder#createUsers(boolean)}, creates a user for it (login {@code esc-} + a hash of the address,
 *       a generated password, mail notifications off: the SDK's notifier informs people, not Redmine);</li>
 *   <li>an <b>update</b> is a <b>note</b> (journal); {@link Visibility#INTERNAL} updates are private notes;</li>
 *   <li>the <b>status</b>: {@link TicketStatus#OPEN}, {@link TicketStatus#RESOLVED} and {@link TicketStatus#CLOSED}
 *       map to Redmine statuses by name (defaults {@code In Progress}, {@code Resolved}, {@code Closed}), ids looked
 *       up via {@code /issue_statuses.json}.</li>
 * </ul>
 *
 * <p>Idempotency. Redmine has no idempotency field, so every command reads before it writes: {@code open} searches
 * the issue by escalation id (the custom field) and, if one exists, returns its number instead of creating another;
 * {@code addParticipant}/{@code removeParticipant} look at the current watchers; {@code postUpdate} and
 * {@code changeStatus} append a marker line {@code [escalation-sdk:update:<hash>]} (a hash of the idempotency key)
 * to the note and skip the call when a journal already carries it. A retry after a lost response, a time-out or a
 * crash therefore has one effect for opens, notes and status changes, and a retried open returns the same reference.
 * Watcher changes are idempotent by state only: Redmine keeps no journal of watchers, so a repeated add-participant
 * key delivered <em>after</em> the participant was removed again adds them again. That is why
 * {@link #capabilities()} does <em>not</em> declare {@link Capability#DEDUPLICATES_BY_KEY} (the contract kit's
 * rule T9 found it; the engine's per-escalation ordering makes that late repeat need an expired lease). The window
 * where this cannot hold: two calls for the same escalation running <em>at the same time</em> (for example the
 * dispatcher's lease expired while the first call was still in flight) can both pass the read before either writes,
 * giving two issues or two notes. The engine dispatches one escalation's commands one at a time, so this needs a
 * lease shorter than a call, which ends within four time-outs ({@link Builder#timeout}). When two issues exist,
 * {@code open} returns the oldest.
 *
 * <p>Failures: no answer, time-outs and 5xx/408/409/425/429 answers throw {@link RedmineException} (retried by the
 * engine); other 4xx answers (422 invalid, 401/403 key or permission, 400), a reference that is not an issue number,
 * a missing issue, an issue that carries another escalation id, and a missing user or configured status throw
 * {@link PermanentDeliveryException}. Nothing is swallowed: a watcher Redmine silently refused to add is detected and
 * reported. A 3xx answer (a wrong base URL, e.g. http where Redmine wants https) is not followed, since the API key
 * would go along, and throws {@link PermanentDeliveryException}. Exception messages name the call and the status with
 * its standard reason phrase, never anything of the answer's body (which may echo personal data, and be large).
 *
 * <p>The API key must belong to a Redmine administrator (it creates users and reads their e-mail addresses).
 *
 * <p>Thread-safe. Log lines carry escalation ids and issue numbers only, never addresses or texts.
 */
public final class RedmineTicketing implements Ticketing {
    private static final Logger LOG = LoggerFactory.getLogger(RedmineTicketing.class);
    private static final int SUBJECT_MAX = 255;

    /** One grapheme cluster (Unicode's extended grapheme cluster, as {@code java.util.regex} defines it). */
    private static final Pattern CLUSTER = Pattern.compile("\\X");

    private final RedmineClient client;
    private final String project;
    private final @Nullable Integer fieldId;
    private final String fieldName;
    private final @Nullable Integer trackerId;
    private final Map<TicketStatus, String> statusNames;
    private final Map<Criticality, String> priorityNames;
    private final boolean createUsers;
    private volatile @Nullable Lookups lookups;

    /** What the adapter looks up once: custom field, own user, statuses, priorities. */
    private record Lookups(
            int fieldId,
            int currentUserId,
            Map<TicketStatus, Integer> statusIds,
            Set<Integer> closedStatusIds,
            Map<Criticality, Integer> priorityIds) {}

    /** The parts of an issue the adapter reads. */
    private record Issue(int id, JsonNode json) {
        List<Integer> watcherIds() {
            List<Integer> ids = new ArrayList<>();
            json.path("watchers").forEach(w -> ids.add(w.path("id").asInt()));
            return ids;
        }

        boolean hasMarker(String marker) {
            for (JsonNode journal : json.path("journals")) {
                if (journal.path("notes").asText("").contains(marker)) {
                    return true;
                }
            }
            return false;
        }
    }

    private RedmineTicketing(Builder builder) {
        HttpClient http = builder.httpClient != null
                ? builder.httpClient
                : HttpClient.newBuilder().connectTimeout(builder.timeout).build();
        this.client = new RedmineClient(http, new ObjectMapper(), builder.baseUrl, builder.apiKey, builder.timeout);
        this.project = builder.project;
        this.fieldId = builder.fieldId;
        this.fieldName = builder.fieldName;
        this.trackerId = builder.trackerId;
        this.statusNames = Map.copyOf(builder.statusNames);
        this.priorityNames = Map.copyOf(builder.priorityNames);
        this.createUsers = builder.createUsers;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the escalation's Redmine issue unless one with its escalation id exists, and returns the issue number.
     * A retry (same key, or a later call after a lost answer) finds the issue by the escalation id in the custom
     * field and returns its number without creating another.
     *
     * @param command what to open
     * @return the issue number, e.g. {@code "4711"}: the ticket's reference
     * @throws RedmineException           if Redmine cannot be reached or answers 5xx; retryable
     * @throws PermanentDeliveryException if Redmine refuses the issue (e.g. 422) or the configuration is wrong
     */
    @Override
    public String open(TicketCommand.Open command) {
        requireNonNull(command, "command");
        return client.within(() -> opened(command));
    }

    private String opened(TicketCommand.Open command) {
        Lookups lookups = lookups();
        Optional<Integer> existing = findIssueId(command.escalation(), lookups);
        if (existing.isPresent()) {
            LOG.debug(
                    "Escalation {} already has Redmine issue #{}; open returns it",
                    command.escalation(),
                    existing.get());
            return Integer.toString(existing.get());
        }
        ObjectNode issue = client.object();
        issue.put("project_id", project);
        if (trackerId != null) {
            issue.put("tracker_id", trackerId);
        }
        String subject = command.subject();
        issue.put("subject", cut(subject, SUBJECT_MAX));
        issue.put("description", command.description() + "\n\n" + marker("open", command.idempotencyKey()));
        Integer priority = lookups.priorityIds().get(command.criticality());
        if (priority != null) {
            issue.put("priority_id", priority);
        }
        ObjectNode field = issue.putArray("custom_fields").addObject();
        field.put("id", lookups.fieldId());
        field.put("value", command.escalation().value());
        ObjectNode body = client.object();
        body.set("issue", issue);
        RedmineClient.Response response = client.post("/issues.json", body);
        requireFound(response, "project " + project);
        int id = response.body().path("issue").path("id").asInt();
        if (id <= 0) {
            // a 2xx without an issue number: we cannot tell whether it was created; the retry's search will tell
            throw new RedmineException(
                    "Redmine answered POST /issues.json without an issue number (escalation " + command.escalation()
                            + ")",
                    response.status(),
                    null);
        }
        LOG.info("Opened Redmine issue #{} for escalation {}", id, command.escalation());
        return Integer.toString(id);
    }

    /**
     * Makes the participant a watcher of the ticket's issue (finding or creating the Redmine user).
     *
     * @param ticket  the issue number {@link #open} returned
     * @param command who
     * @throws RedmineException           if Redmine cannot be reached or answers 5xx; retryable
     * @throws PermanentDeliveryException if the issue does not exist or belongs to another escalation, the user
     *                                    cannot be found or created, or Redmine does not accept the user as a watcher
     */
    @Override
    public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
        requireNonNull(command, "command");
        client.run(() -> watch(ticket, command));
    }

    private void watch(String ticket, TicketCommand.AddParticipant command) {
        Issue issue = requireIssue(ticket, command.escalation(), "watchers");
        int userId = findUser(command.participant().email())
                .orElseGet(() -> createUser(command.participant(), command.escalation()));
        if (issue.watcherIds().contains(userId)) {
            LOG.debug("User #{} already watches issue #{} (escalation {})", userId, issue.id(), command.escalation());
            return;
        }
        ObjectNode body = client.object();
        body.put("user_id", userId);
        requireFound(client.post("/issues/" + issue.id() + "/watchers.json", body), "issue #" + issue.id());
        // Redmine answers 204 even when it skips a user it does not consider assignable (e.g. locked): check.
        if (!requireIssue(ticket, command.escalation(), "watchers").watcherIds().contains(userId)) {
            throw new PermanentDeliveryException(
                    "Redmine did not make user #" + userId + " a watcher of issue #" + issue.id() + " (escalation "
                            + command.escalation() + "); is the user locked?",
                    null);
        }
        LOG.info("Added user #{} as watcher of issue #{} (escalation {})", userId, issue.id(), command.escalation());
    }

    /**
     * Removes the participant's user from the issue's watchers; nothing happens if it is not a watcher.
     *
     * @param ticket  the issue number {@link #open} returned
     * @param command who
     * @throws RedmineException           if Redmine cannot be reached or answers 5xx; retryable
     * @throws PermanentDeliveryException if the issue does not exist or belongs to another escalation
     */
    @Override
    public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
        requireNonNull(command, "command");
        client.run(() -> unwatch(ticket, command));
    }

    private void unwatch(String ticket, TicketCommand.RemoveParticipant command) {
        Issue issue = requireIssue(ticket, command.escalation(), "watchers");
        Optional<Integer> userId = findUser(command.participant().email());
        if (userId.isEmpty() || !issue.watcherIds().contains(userId.get())) {
            LOG.debug(
                    "Participant is not a watcher of issue #{} (escalation {}); remove is a no-op",
                    issue.id(),
                    command.escalation());
            return;
        }
        // 404 here means "not a watcher (any more)": the wanted state
        client.delete("/issues/" + issue.id() + "/watchers/" + userId.get() + ".json");
        LOG.info(
                "Removed user #{} from watchers of issue #{} (escalation {})",
                userId.get(),
                issue.id(),
                command.escalation());
    }

    /**
     * Adds a note to the issue (a private note for {@link Visibility#INTERNAL}), unless a note with this
     * idempotency key's marker exists.
     *
     * @param ticket  the issue number {@link #open} returned
     * @param command the update
     * @throws RedmineException           if Redmine cannot be reached or answers 5xx; retryable
     * @throws PermanentDeliveryException if the issue does not exist or belongs to another escalation, or Redmine
     *                                    refuses the note
     */
    @Override
    public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
        requireNonNull(command, "command");
        client.run(() -> note(ticket, command));
    }

    private void note(String ticket, TicketCommand.PostUpdate command) {
        Issue issue = requireIssue(ticket, command.escalation(), "journals");
        String marker = marker("update", command.idempotencyKey());
        if (issue.hasMarker(marker)) {
            LOG.debug("Issue #{} already has update {} (escalation {})", issue.id(), marker, command.escalation());
            return;
        }
        ObjectNode fields = client.object();
        fields.put("notes", command.text() + "\n\n" + marker);
        fields.put("private_notes", command.visibility() == Visibility.INTERNAL);
        update(issue, fields);
        LOG.info(
                "Posted {} update to issue #{} (escalation {})",
                command.visibility(),
                issue.id(),
                command.escalation());
    }

    /**
     * Sets the issue's status with the note, unless a note with this idempotency key's marker exists.
     *
     * @param ticket  the issue number {@link #open} returned
     * @param command the status
     * @throws RedmineException           if Redmine cannot be reached or answers 5xx; retryable
     * @throws PermanentDeliveryException if the issue does not exist or belongs to another escalation, the status
     *                                    is not configured in Redmine, or Redmine's workflow does not allow the
     *                                    transition
     */
    @Override
    public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
        requireNonNull(command, "command");
        client.run(() -> setStatus(ticket, command));
    }

    private void setStatus(String ticket, TicketCommand.ChangeStatus command) {
        Lookups lookups = lookups();
        Issue issue = requireIssue(ticket, command.escalation(), "journals,allowed_statuses");
        String marker = marker("status", command.idempotencyKey());
        if (issue.hasMarker(marker)) {
            LOG.debug(
                    "Issue #{} already has status change {} (escalation {})", issue.id(), marker, command.escalation());
            return;
        }
        Integer target = lookups.statusIds().get(command.status());
        if (target == null) {
            throw new PermanentDeliveryException(
                    "no Redmine status named '" + statusNames.get(command.status()) + "' for " + command.status(),
                    null);
        }
        int current = issue.json().path("status").path("id").asInt();
        Set<Integer> allowed = new HashSet<>();
        issue.json()
                .path("allowed_statuses")
                .forEach(s -> allowed.add(s.path("id").asInt()));
        // Redmine silently ignores a status its workflow does not allow: refuse it here instead.
        if (target != current && !allowed.contains(target)) {
            throw new PermanentDeliveryException(
                    "Redmine's workflow does not allow issue #" + issue.id() + " to move from status #" + current
                            + " to #" + target + " (" + command.status() + ")",
                    null);
        }
        ObjectNode fields = client.object();
        fields.put("status_id", target);
        fields.put("notes", command.note().isBlank() ? marker : command.note() + "\n\n" + marker);
        update(issue, fields);
        LOG.info("Set issue #{} to {} (escalation {})", issue.id(), command.status(), command.escalation());
    }

    /**
     * Declares no optional capability. In particular not {@link Capability#DEDUPLICATES_BY_KEY}: opens, notes and
     * status changes recognise their own earlier effect (the escalation id, a marker of the idempotency key), but
     * watcher changes are idempotent by state only (Redmine keeps no journal of watchers), so one effect per key
     * cannot be promised for every command; see the class description.
     *
     * @return an empty set
     */
    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    private void update(Issue issue, ObjectNode fields) {
        ObjectNode body = client.object();
        body.set("issue", fields);
        requireFound(client.put("/issues/" + issue.id() + ".json", body), "issue #" + issue.id());
    }

    /**
     * The issue a reference names, read with {@code include}; it must exist and carry the command's escalation id
     * (a reference of another escalation is refused rather than written to).
     */
    private Issue requireIssue(String ticket, EscalationId escalation, String include) {
        requireNonNull(ticket, "ticket");
        int id = issueNumber(ticket, escalation);
        Lookups lookups = lookups();
        Issue issue = readIssue(id, include)
                .orElseThrow(() -> new PermanentDeliveryException(
                        "Redmine has no issue #" + id + " (escalation " + escalation + "); was it deleted?", null));
        String carried = null;
        for (JsonNode field : issue.json().path("custom_fields")) {
            if (field.path("id").asInt() == lookups.fieldId()) {
                carried = field.path("value").asText(null);
            }
        }
        if (!escalation.value().equals(carried)) {
            throw new PermanentDeliveryException(
                    "Redmine issue #" + id + " does not carry escalation " + escalation + " in its escalation id field",
                    null);
        }
        return issue;
    }

    private static int issueNumber(String ticket, EscalationId escalation) {
        if (ticket.matches("[1-9][0-9]{0,9}")) {
            long number = Long.parseLong(ticket);
            if (number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw new PermanentDeliveryException(
                "ticket reference of escalation " + escalation + " is not a Redmine issue number", null);
    }

    private Optional<Issue> readIssue(int id, String include) {
        RedmineClient.Response response = client.get("/issues/" + id + ".json", Map.of("include", List.of(include)));
        return response.found()
                ? Optional.of(new Issue(id, response.object("issue", "GET /issues/" + id + ".json")))
                : Optional.empty();
    }

    /**
     * The number of the issue the search found for {@code escalation}: a whole number from 1 up, as Redmine gives
     * (not {@code asInt()}'s 0 for a missing or textual id, nor a long cut to an int); else the answer is not Redmine's
     * (a proxy's, a truncated one) and the call is retried, neither returning a reference nor creating a second issue.
     */
    private static int issueNumber(JsonNode id, EscalationId escalation) {
        if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() <= 0) {
            throw new RedmineException(
                    "Redmine's issue search found escalation " + escalation + " on an issue without a number",
                    200,
                    null);
        }
        return id.intValue();
    }

    /** The oldest issue of the project whose escalation-id field equals the id exactly. */
    private Optional<Integer> findIssueId(EscalationId escalation, Lookups lookups) {
        String cf = "cf_" + lookups.fieldId();
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("project_id", List.of(project));
        query.put("set_filter", List.of("1"));
        query.put("f[]", List.of(cf, "status_id"));
        query.put("op[" + cf + "]", List.of("="));
        query.put("v[" + cf + "][]", List.of(escalation.value()));
        query.put("op[status_id]", List.of("*"));
        query.put("sort", List.of("id"));
        query.put("limit", List.of("100"));
        RedmineClient.Response response = client.get("/issues.json", query);
        requireFound(response, "project " + project);
        // the server-side filter narrows the search; the exact comparison here is what counts
        for (JsonNode issue : response.list("issues", "the issue search")) {
            for (JsonNode field : issue.path("custom_fields")) {
                if (field.path("id").asInt() == lookups.fieldId()
                        && escalation.value().equals(field.path("value").asText(null))) {
                    return Optional.of(issueNumber(issue.path("id"), escalation));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> findUser(String email) {
        RedmineClient.Response response = client.get(
                "/users.json", Map.of("name", List.of(email), "status", List.of(""), "limit", List.of("100")));
        for (JsonNode user : response.list("users", "the user search")) {
            if (email.equalsIgnoreCase(user.path("mail").asText(""))) {
                return Optional.of(user.path("id").asInt());
            }
        }
        return Optional.empty();
    }

    /**
     * The longest prefix of {@code text} of at most {@code max} UTF-16 units that ends after a whole user-perceived
     * character (a grapheme cluster: a letter with its accents, an emoji with its skin tone, a flag, a family joined by
     * zero-width joiners), so that "Zoë" written with a combining diaeresis never becomes "Zoe" and an emoji is never
     * halved (Redmine refuses half a character with 400, so the call would never succeed). A first cluster longer
     * than {@code max} alone is cut after whole code points.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        Matcher cluster = CLUSTER.matcher(text);
        int end = 0;
        while (cluster.find() && cluster.end() <= max) {
            end = cluster.end();
        }
        if (end == 0) {
            end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        }
        return text.substring(0, end);
    }

    private int createUser(Party party, EscalationId escalation) {
        if (!createUsers) {
            throw new PermanentDeliveryException(
                    "no Redmine user has the e-mail address of this " + party.kind() + " participant (escalation "
                            + escalation + ") and creating users is disabled",
                    null);
        }
        String name = party.displayName().strip();
        int space = name.lastIndexOf(' ');
        String firstname = space > 0 ? name.substring(0, space).strip() : name.isEmpty() ? "Participant" : name;
        String lastname = space > 0 ? name.substring(space + 1) : "-";
        ObjectNode user = client.object();
        user.put("login", "esc-" + hash(party.email().toLowerCase(Locale.ROOT)).substring(0, 24));
        user.put("firstname", cut(firstname, 30));
        user.put("lastname", cut(lastname, 255));
        user.put("mail", party.email());
        user.put("generate_password", true);
        user.put("mail_notification", "none");
        ObjectNode body = client.object();
        body.set("user", user);
        try {
            RedmineClient.Response created = client.post("/users.json", body);
            int id = created.object("user", "POST /users.json").path("id").asInt();
            if (id <= 0) { // created or not, the retry's search will tell
                throw new RedmineException(
                        "Redmine answered POST /users.json without a user id (escalation " + escalation + ")",
                        created.status(),
                        null);
            }
            LOG.info("Created Redmine user #{} for a {} participant (escalation {})", id, party.kind(), escalation);
            return id;
        } catch (PermanentDeliveryException refused) {
            // "has already been taken": created concurrently, or a user we could not see; look again
            return findUser(party.email()).orElseThrow(() -> refused);
        }
    }

    private Lookups lookups() {
        Lookups current = lookups;
        if (current == null) {
            synchronized (this) {
                current = lookups;
                if (current == null) {
                    current = loadLookups();
                    lookups = current;
                }
            }
        }
        return current;
    }

    private Lookups loadLookups() {
        int field = fieldId != null ? fieldId : lookUpField();
        RedmineClient.Response current = client.get("/users/current.json", Map.of());
        int me = current.object("user", "GET /users/current.json").path("id").asInt();
        if (me <= 0) {
            throw new RedmineException(
                    "Redmine answered GET /users/current.json without the user's id", current.status(), null);
        }
        Map<String, Integer> statusByName = new HashMap<>();
        Set<Integer> closed = new HashSet<>();
        int firstClosed = -1;
        for (JsonNode status :
                client.get("/issue_statuses.json", Map.of()).list("issue_statuses", "GET /issue_statuses.json")) {
            int id = status.path("id").asInt();
            statusByName.put(status.path("name").asText(), id);
            if (status.path("is_closed").asBoolean()) {
                closed.add(id);
                firstClosed = firstClosed < 0 ? id : firstClosed;
            }
        }
        Map<TicketStatus, Integer> statusIds = new EnumMap<>(TicketStatus.class);
        statusNames.forEach((status, name) -> {
            Integer id = statusByName.get(name);
            if (id != null) {
                statusIds.put(status, id);
            }
        });
        if (!statusIds.containsKey(TicketStatus.CLOSED) && firstClosed >= 0) {
            statusIds.put(TicketStatus.CLOSED, firstClosed);
        }
        Map<String, Integer> priorityByName = new HashMap<>();
        client.get("/enumerations/issue_priorities.json", Map.of())
                .list("issue_priorities", "GET /enumerations/issue_priorities.json")
                .forEach(p ->
                        priorityByName.put(p.path("name").asText(), p.path("id").asInt()));
        Map<Criticality, Integer> priorityIds = new EnumMap<>(Criticality.class);
        priorityNames.forEach((criticality, name) -> {
            Integer id = priorityByName.get(name);
            if (id != null) {
                priorityIds.put(criticality, id);
            } else {
                LOG.warn(
                        "No Redmine priority named '{}' for {}; Redmine's default priority is used", name, criticality);
            }
        });
        return new Lookups(field, me, Map.copyOf(statusIds), Set.copyOf(closed), Map.copyOf(priorityIds));
    }

    private int lookUpField() {
        for (JsonNode field :
                client.get("/custom_fields.json", Map.of()).list("custom_fields", "GET /custom_fields.json")) {
            if ("issue".equals(field.path("customized_type").asText())
                    && fieldName.equals(field.path("name").asText())) {
                if (!field.path("is_filter").asBoolean()) {
                    throw new PermanentDeliveryException(
                            "Redmine issue custom field '" + fieldName + "' must be 'used as a filter'", null);
                }
                return field.path("id").asInt();
            }
        }
        throw new PermanentDeliveryException("Redmine has no issue custom field named '" + fieldName + "'", null);
    }

    private static void requireFound(RedmineClient.Response response, String what) {
        if (!response.found()) {
            throw new PermanentDeliveryException("Redmine has no " + what, null);
        }
    }

    private static String marker(String kind, String idempotencyKey) {
        return "[escalation-sdk:" + kind + ":" + hash(idempotencyKey).substring(0, 32) + "]";
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Configures a {@link RedmineTicketing}. Each setter validates its argument at once; {@link #build()} copies
     * the settings. Not thread-safe.
     */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
        private @Nullable URI baseUrl;
        private @Nullable String apiKey;
        private @Nullable String project;
        private @Nullable Integer fieldId;
        private String fieldName = "Escalation ID";
        private @Nullable Integer trackerId;
        private final Map<TicketStatus, String> statusNames = new EnumMap<>(Map.of(
                TicketStatus.OPEN, "In Progress", TicketStatus.RESOLVED, "Resolved", TicketStatus.CLOSED, "Closed"));
        private final Map<Criticality, String> priorityNames = new EnumMap<>(Map.of(
                Criticality.LOW,
                "Low",
                Criticality.MEDIUM,
                "Normal",
                Criticality.HIGH,
                "High",
                Criticality.CRITICAL,
                "Immediate"));
        private boolean createUsers = true;
        private Duration timeout = Duration.ofSeconds(10);
        private @Nullable HttpClient httpClient;

        private Builder() {}

        /**
         * Redmine's base URL (required), e.g. {@code https://redmine.vendor.example} or
         * {@code http://127.0.0.1:3000}; a path prefix such as {@code /redmine} is kept.
         *
         * @param baseUrl an absolute http(s) URL
         * @return this builder
         * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http or https URL
         */
        public Builder baseUrl(URI baseUrl) {
            requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme();
            if (!("http".equals(scheme) || "https".equals(scheme)) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * An administrator's REST API key (required; "My account" → API access key).
         *
         * @param apiKey the key
         * @return this builder
         * @throws IllegalArgumentException if {@code apiKey} is blank
         */
        public Builder apiKey(String apiKey) {
            requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The identifier (or numeric id) of the project escalation issues are filed in (required).
         *
         * @param project the project identifier
         * @return this builder
         * @throws IllegalArgumentException if {@code project} is blank
         */
        public Builder project(String project) {
            requireNonNull(project, "project");
            if (project.isBlank()) {
                throw new IllegalArgumentException("project must not be blank");
            }
            this.project = project;
            return this;
        }

        /**
         * The id of the issue custom field holding the escalation id. Without it, the field is looked up by
         * {@linkplain #escalationIdFieldName name} on first use.
         *
         * @param id the custom field's id
         * @return this builder
         * @throws IllegalArgumentException if {@code id} is not positive
         */
        public Builder escalationIdField(int id) {
            if (id <= 0) {
                throw new IllegalArgumentException("escalationIdField must be positive: " + id);
            }
            this.fieldId = id;
            return this;
        }

        /**
         * The name of the issue custom field holding the escalation id (default {@code Escalation ID}); used when
         * no {@linkplain #escalationIdField id} is given.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder escalationIdFieldName(String name) {
            this.fieldName = requireNonNull(name, "name");
            return this;
        }

        /**
         * The tracker of new issues (default: the project's default tracker).
         *
         * @param id the tracker's id
         * @return this builder
         */
        public Builder tracker(int id) {
            this.trackerId = id;
            return this;
        }

        /**
         * The Redmine status name used for a ticket status (defaults: {@code OPEN} → {@code In Progress},
         * {@code RESOLVED} → {@code Resolved}, {@code CLOSED} → {@code Closed}, falling back to the first closed
         * status).
         *
         * @param status the ticket status
         * @param name   the Redmine status's name
         * @return this builder
         */
        public Builder status(TicketStatus status, String name) {
            statusNames.put(requireNonNull(status, "status"), requireNonNull(name, "name"));
            return this;
        }

        /**
         * The Redmine priority name used for a criticality (defaults: Low, Normal, High, Immediate). A name Redmine
         * does not know leaves the priority to Redmine's default (logged as a warning).
         *
         * @param criticality the criticality
         * @param name        the Redmine priority's name
         * @return this builder
         */
        public Builder priority(Criticality criticality, String name) {
            priorityNames.put(requireNonNull(criticality, "criticality"), requireNonNull(name, "name"));
            return this;
        }

        /**
         * Whether a participant without a Redmine user gets one (default {@code true}); when {@code false}, adding
         * such a participant fails with {@link PermanentDeliveryException}.
         *
         * @param createUsers whether to create users
         * @return this builder
         */
        public Builder createUsers(boolean createUsers) {
            this.createUsers = createUsers;
            return this;
        }

        /**
         * Connect and request time-out (default 10 s): the most one round trip may wait for Redmine's whole answer, its
         * body included. A whole call ({@code open}, {@code addParticipant}, …, each up to six round trips with the
         * first call's look-ups) ends within four time-outs, so the default 40 s stays within the engine's default
         * delivery lease of one minute: a call still in flight when its lease runs out could be made a second time by
         * another instance. A round trip that would start after that fails retryably.
         *
         * @param timeout a positive duration of at most one day
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive or longer than a day
         */
        public Builder timeout(Duration timeout) {
            requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be positive and at most a day: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The HTTP client to use (default: a new one with the connect time-out), e.g. for a proxy or TLS settings. It
         * must not follow redirects: every call carries the API key, which a followed redirect would send to wherever
         * it points. A redirect fails the call for good instead (the base URL is wrong).
         *
         * @param httpClient the client, with {@link HttpClient.Redirect#NEVER}
         * @return this builder
         * @throws IllegalArgumentException if the client follows redirects
         */
        public Builder httpClient(HttpClient httpClient) {
            requireNonNull(httpClient, "httpClient");
            if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("httpClient must not follow redirects (the API key would go along): "
                        + httpClient.followRedirects());
            }
            this.httpClient = httpClient;
            return this;
        }

        /**
         * Builds the adapter. It contacts Redmine only when first used.
         *
         * @return a new, thread-safe adapter
         * @throws IllegalStateException if {@code baseUrl}, {@code apiKey} or {@code project} is not set
         */
        public RedmineTicketing build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required");
            }
            if (project == null) {
                throw new IllegalStateException("project is required");
            }
            return new RedmineTicketing(this);
        }
    }
}
