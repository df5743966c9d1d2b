package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure and purging on the store's tables.
 *
 * <p><b>Erasure</b> finds what concerns the person, in one transaction: the entries they wrote (by actor) or that name
 * them, the escalations they raised, manage or resolved, in which a party is them or whose improvement action they own
 * ({@link PersonalData#concerns}), those the entries belong to, and
 * the outbox messages and due items of those escalations (and messages with a party that is them). A {@code LIKE} scan
 * of the JSON columns finds the candidates (erasure is rare and may take a table scan); a candidate that merely holds
 * their id inside another id or text is another person's and stays as it is. It then parses each document,
 * replaces their values (the texts they wrote, their name and address wherever a party with their kind and id
 * appears, and occurrences of those values in other texts) by the marker, and writes back what changed. Ids stay.
 *
 * <p><b>Purging</b> deletes in batches of the caller's limit, one transaction per batch, rows locked with
 * {@code SKIP LOCKED} so that several instances can purge at once.
 */
final class JdbcRetention implements DataRetention {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRetention.class);

    private static final String PARTICIPANT_NAME = "participantName";

    /**
     * Personal values shorter than this are replaced only where a whole copied text (outbox payload, due data) equals
     * them, never inside texts and never in other people's entries or the escalation's own texts, so that erasing
     * someone who wrote "ok" does not erase other people's "ok".
     */
    static final int MIN_CONTAINED = 8;

    private final Db db;
    private final Json json;
    private final Duration window;
    private final JdbcPersonExport export;
    private final DocumentMemo memo;
    private final EffectMemo effects;

    JdbcRetention(Db db, Json json, Duration window, JdbcPersonExport export, DocumentMemo memo, EffectMemo effects) {
        this.db = db;
        this.json = json;
        this.window = window;
        this.export = export;
        this.memo = memo;
        this.effects = effects;
    }

    @Override
    public dev.escalation.spi.PersonalData exportPerson(PartyRef person) {
        requireNonNull(person, "person");
        return export.export(person);
    }

    // ------------------------------------------------------------------------------------------ erasure

    /** A stored entry being erased. */
    private static final class EntryRow {
        final String customer;
        final String escalation;
        final long sequence;
        final String kind;
        final boolean authored;
        String text;
        Map<String, EntryParam> params;
        boolean changed;

        EntryRow(
                String customer,
                String escalation,
                long sequence,
                String kind,
                boolean authored,
                String text,
                Map<String, EntryParam> params) {
            this.customer = customer;
            this.escalation = escalation;
            this.sequence = sequence;
            this.kind = kind;
            this.authored = authored;
            this.text = text;
            this.params = params;
        }
    }

    /** A JSON document of a row being erased, and the escalation it belongs to. */
    private record Document(String table, String key, String column, JsonNode tree, String escalation) {}

    @Override
    public ErasureCounts erasePerson(PartyRef person, String marker) {
        requireNonNull(person, "person");
        requireNonNull(marker, "marker");
        Set<String> touched = new TreeSet<>();
        ErasureCounts counts;
        try {
            counts = db.inTransaction("erase person", c -> erase(c, person, marker, touched));
        } finally {
            touched.forEach(memo::forget); // the memos keep no copy of erased documents
            effects.clear();
        }
        LOG.info(
                "erased a {} from {} escalations, {} entries, {} outbox messages, {} due items",
                person.kind(),
                counts.escalations(),
                counts.entries(),
                counts.messages(),
                counts.dueItems());
        return counts;
    }

    private ErasureCounts erase(Connection c, PartyRef person, String marker, Set<String> touched) throws SQLException {
        String like = "%" + likeEscaped(jsonText(person.id())) + "%";
        // 1. entries they wrote or that name them (the LIKE finds candidates: their id may stand inside other ids)
        List<EntryRow> entries = new ArrayList<>();
        Set<String> escalations = new TreeSet<>();
        String actorKind = actorKind(person.kind());
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT customer_id, escalation_id, sequence_no, kind, actor_kind, actor_id, text, params "
                        + "FROM esc_entry WHERE (actor_kind = ? AND actor_id = ?) OR params LIKE ? ESCAPE '!'")) {
            ps.setString(1, actorKind);
            ps.setString(2, person.id());
            ps.setString(3, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean authored = actorKind.equals(rs.getString("actor_kind"))
                            && person.id().equals(rs.getString("actor_id"));
                    EntryRow e = new EntryRow(
                            rs.getString("customer_id"),
                            rs.getString("escalation_id"),
                            rs.getLong("sequence_no"),
                            rs.getString("kind"),
                            authored,
                            rs.getString("text"),
                            json.readParams(rs.getString("params")));
                    entries.add(e);
                    if (authored || namesPerson(e.kind, e.params, person) || legacyAbout(e.params, person)) {
                        escalations.add(e.escalation);
                    }
                }
            }
        }
        // 2. escalations that concern them: raised, managed or resolved by them, a party is them, they own an action,
        // or the entries above
        List<Document> bodies = new ArrayList<>();
        List<Document> facts = new ArrayList<>();
        Map<String, String> raisedBy = new LinkedHashMap<>();
        String escalationIn = escalations.isEmpty()
                ? ""
                : " OR escalation_id IN (" + String.join(", ", Collections.nCopies(escalations.size(), "?")) + ")";
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT escalation_id, raised_by, manager_id, body_format, body, facts, owner_kinds "
                        + "FROM esc_escalation WHERE raised_by = ? OR manager_id = ? OR body LIKE ? ESCAPE '!'"
                        + escalationIn)) {
            int i = 1;
            ps.setString(i++, person.id());
            ps.setString(i++, person.id());
            ps.setString(i++, like);
            for (String e : escalations) {
                ps.setString(i++, e);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("escalation_id");
                    JsonNode body = json.tree(rs.getString("body"), "escalation");
                    if (rs.getInt("body_format") == Json.FORMAT_010) {
                        body = Legacy010.body(body);
                    }
                    boolean concerns = escalations.contains(id)
                            || (person.kind() == Party.Kind.CONTACT
                                    && person.id().equals(rs.getString("raised_by")))
                            || (person.kind() == Party.Kind.STAFF
                                    && (person.id().equals(rs.getString("manager_id"))
                                            || person.id()
                                                    .equals(body.path("resolution")
                                                            .path("resolvedBy")
                                                            .path("value")
                                                            .asText(null))))
                            || holdsPerson(body, person)
                            || ownsAction(body, rs.getString("owner_kinds"), person);
                    if (!concerns) {
                        continue; // their id stands inside another id or text: another person's escalation
                    }
                    bodies.add(new Document("esc_escalation", id, "body", body, id));
                    facts.add(
                            new Document("esc_escalation", id, "facts", json.tree(rs.getString("facts"), "facts"), id));
                    raisedBy.put(id, rs.getString("raised_by"));
                    escalations.add(id);
                }
            }
        }
        // 3. outbox messages of those escalations or with a party that is them; due items of those escalations
        List<Document> payloads = documents(
                c, "esc_outbox", "CAST(seq AS VARCHAR(30))", "payload", like, escalations, "payload LIKE ? ESCAPE '!'");
        payloads.removeIf(d -> !escalations.contains(d.escalation()) && !holdsPerson(d.tree(), person));
        List<Document> dueData =
                documents(c, "esc_due", "due_key", "payload", like, escalations, "payload LIKE ? ESCAPE '!'");
        dueData.removeIf(d -> !escalations.contains(d.escalation()));
        entries.removeIf(e -> !escalations.contains(e.escalation));
        entries.addAll(otherEntries(c, escalations, entries, actorKind, person));

        // collect the person's values: texts they wrote, their names and addresses
        Set<String> values = new LinkedHashSet<>();
        Map<String, Set<String>> pauseReasons = new LinkedHashMap<>();
        for (EntryRow e : entries) {
            if (e.authored) {
                if (e.text != null) {
                    values.add(e.text);
                    if (isPause(e)) {
                        pauseReasons
                                .computeIfAbsent(e.escalation, k -> new LinkedHashSet<>())
                                .add(e.text);
                    }
                }
                if (!e.kind.equals("LEGACY_TEXT")) {
                    e.params.forEach((name, p) -> {
                        if (p instanceof EntryParam.Text t && !name.equals(PARTICIPANT_NAME)) {
                            values.add(t.value());
                        }
                    });
                }
            } else if (namesPerson(e.kind, e.params, person)
                    && e.params.get(PARTICIPANT_NAME) instanceof EntryParam.Text t) {
                values.add(t.value());
            }
        }
        for (Document d : bodies) {
            collectParties(d.tree(), person, values);
            if (person.kind() == Party.Kind.CONTACT && person.id().equals(raisedBy.get(d.key()))) {
                JsonNode message = d.tree().get("message");
                if (message != null && message.isTextual()) {
                    values.add(message.asText());
                }
            }
            JsonNode resolution = d.tree().get("resolution");
            if (person.kind() == Party.Kind.STAFF
                    && resolution != null
                    && person.id()
                            .equals(resolution.path("resolvedBy").path("value").asText(null))
                    && resolution.path("summary").isTextual()) {
                values.add(resolution.get("summary").asText());
            }
        }
        for (Document d : payloads) {
            collectParties(d.tree(), person, values);
        }
        values.remove(marker);
        values.remove("");
        // longest first: a value that holds another of theirs (a message that starts with their name, an update that
        // repeats an earlier one) is replaced whole inside other texts, not cut around the shorter one
        List<String> longestFirst = new ArrayList<>(values);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        values.clear();
        values.addAll(longestFirst);

        // replace them
        long changedEntries = 0;
        for (EntryRow e : entries) {
            if (eraseEntry(e, person, values, marker)) {
                changedEntries++;
                updateEntry(c, e);
            }
        }
        Set<String> changedEscalations = new TreeSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            Document body = bodies.get(i);
            Document fact = facts.get(i);
            boolean changed = false;
            if (person.kind() == Party.Kind.CONTACT && person.id().equals(raisedBy.get(body.key()))) {
                changed |= setText((ObjectNode) body.tree(), "message", marker);
            }
            JsonNode resolution = body.tree().get("resolution");
            if (person.kind() == Party.Kind.STAFF
                    && resolution instanceof ObjectNode r
                    && person.id().equals(r.path("resolvedBy").path("value").asText(null))) {
                changed |= setText(r, "summary", marker);
            }
            changed |= replace(body.tree(), person, values, marker, false);
            boolean factsChanged = erasePauseReasons(
                    (ObjectNode) fact.tree(), pauseReasons.getOrDefault(body.key(), Set.of()), marker);
            if (changed || factsChanged) {
                changedEscalations.add(body.key());
                touched.add(body.key());
                try (PreparedStatement ps = db.prepare(
                        c, "UPDATE esc_escalation SET body_format = ?, body = ?, facts = ? WHERE escalation_id = ?")) {
                    ps.setInt(1, Json.FORMAT);
                    ps.setString(2, json.write(body.tree()));
                    ps.setString(3, json.write(fact.tree()));
                    ps.setString(4, body.key());
                    ps.executeUpdate();
                }
            }
        }
        long changedMessages = 0;
        for (Document d : payloads) {
            if (replace(d.tree(), person, values, marker, true)) {
                changedMessages++;
                write(c, "UPDATE esc_outbox SET payload = ? WHERE seq = ?", d, Long.parseLong(d.key()));
                if (person.kind() == Party.Kind.EXTERNAL) {
                    rechain(c, Long.parseLong(d.key())); // the chain key names the recipient's id, their address
                }
            }
        }
        long changedDue = 0;
        for (Document d : dueData) {
            if (replace(d.tree(), person, values, marker, true)) {
                changedDue++;
                write(c, "UPDATE esc_due SET payload = ? WHERE due_key = ?", d, d.key());
            }
        }
        return new ErasureCounts(changedEscalations.size(), changedEntries, changedMessages, changedDue);
    }

    /**
     * The entries of the escalations that concern the person that the first scan did not find (someone else's words
     * without their id): their longer values are replaced inside those texts too.
     */
    private List<EntryRow> otherEntries(
            Connection c, Set<String> escalations, List<EntryRow> found, String actorKind, PartyRef person)
            throws SQLException {
        if (escalations.isEmpty()) {
            return List.of();
        }
        Set<String> known = new java.util.HashSet<>();
        found.forEach(e -> known.add(e.escalation + "#" + e.sequence));
        List<EntryRow> more = new ArrayList<>();
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT customer_id, escalation_id, sequence_no, kind, actor_kind, actor_id, text, params "
                        + "FROM esc_entry WHERE escalation_id IN ("
                        + String.join(", ", Collections.nCopies(escalations.size(), "?")) + ")")) {
            int i = 1;
            for (String e : escalations) {
                ps.setString(i++, e);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (known.contains(rs.getString("escalation_id") + "#" + rs.getLong("sequence_no"))) {
                        continue;
                    }
                    more.add(new EntryRow(
                            rs.getString("customer_id"),
                            rs.getString("escalation_id"),
                            rs.getLong("sequence_no"),
                            rs.getString("kind"),
                            actorKind.equals(rs.getString("actor_kind"))
                                    && person.id().equals(rs.getString("actor_id")),
                            rs.getString("text"),
                            json.readParams(rs.getString("params"))));
                }
            }
        }
        return more;
    }

    private static boolean isPause(EntryRow e) {
        return e.kind.equals("CLOCK_PAUSED")
                || (e.params.get(Legacy010.KIND) instanceof EntryParam.Code k
                        && k.value().equals("CLOCK_PAUSED"));
    }

    private List<Document> documents(
            Connection c, String table, String key, String column, String like, Set<String> escalations, String naming)
            throws SQLException {
        String in = escalations.isEmpty()
                ? ""
                : " OR escalation_id IN (" + String.join(", ", Collections.nCopies(escalations.size(), "?")) + ")";
        List<Document> documents = new ArrayList<>();
        try (PreparedStatement ps = db.prepare(
                c, "SELECT " + key + ", " + column + ", escalation_id FROM " + table + " WHERE " + naming + in)) {
            int i = 1;
            ps.setString(i++, like);
            for (String e : escalations) {
                ps.setString(i++, e);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    documents.add(new Document(
                            table, rs.getString(1), column, json.tree(rs.getString(2), table), rs.getString(3)));
                }
            }
        }
        return documents;
    }

    /**
     * Sets a rewritten message's {@code chain_key} to that of its payload now: a key that named an external recipient
     * by address names the marker. Every message of that chain names them, so the whole chain moves together and keeps
     * its order.
     */
    private void rechain(Connection c, long seq) throws SQLException {
        String key;
        try (PreparedStatement ps =
                db.prepare(c, "SELECT effect_type, payload_format, payload FROM esc_outbox WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                key = JdbcOutbox.chainKey(json.readEffect(rs.getString(1), rs.getString(3), rs.getInt(2)));
            }
        }
        try (PreparedStatement ps = db.prepare(c, "UPDATE esc_outbox SET chain_key = ? WHERE seq = ?")) {
            ps.setString(1, key);
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }

    private void write(Connection c, String sql, Document d, Object key) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            ps.setString(1, json.write(d.tree()));
            if (key instanceof Long l) {
                ps.setLong(2, l);
            } else {
                ps.setString(2, (String) key);
            }
            ps.executeUpdate();
        }
    }

    static String actorKind(Party.Kind kind) {
        return switch (kind) {
            case CONTACT -> ActorRef.Kind.CONTACT.name();
            case STAFF -> ActorRef.Kind.STAFF.name();
            case EXTERNAL -> "EXTERNAL"; // never an actor
        };
    }

    /** Whether an entry of this kind, with these parameters, is about the person ({@link PersonalData#isAbout}). */
    static boolean namesPerson(String kind, Map<String, EntryParam> params, PartyRef person) {
        return PersonalData.isAbout(person, ProgressKind.valueOf(kind), params);
    }

    /**
     * Erases an entry: the text of an entry they wrote; the Text parameters of an entry they wrote (a person's words,
     * see {@link EntryParam.Text}) except a participant's name, which is about the participant; the participant's
     * name in an entry about them (and the sentence of a 0.1.0 participant entry about them); and occurrences of
     * their values in every other text. 0.1.0 details are not words but ids and values: only occurrences change.
     */
    private static boolean eraseEntry(EntryRow e, PartyRef person, Set<String> values, String marker) {
        boolean legacy = e.kind.equals("LEGACY_TEXT");
        boolean legacyAboutThem = legacyAbout(e.params, person);
        String text = e.text;
        if (text != null) {
            text = e.authored || legacyAboutThem ? marker : replaced(text, values, marker, false);
        }
        Map<String, EntryParam> params = new LinkedHashMap<>();
        boolean aboutThem = namesPerson(e.kind, e.params, person);
        for (Map.Entry<String, EntryParam> p : e.params.entrySet()) {
            EntryParam value = p.getValue();
            if (value instanceof EntryParam.Text t) {
                boolean name = p.getKey().equals(PARTICIPANT_NAME);
                if (name && aboutThem) {
                    value = new EntryParam.Text(marker);
                } else if (e.authored && !legacy && !name) {
                    value = new EntryParam.Text(marker);
                } else {
                    value = new EntryParam.Text(replaced(t.value(), values, marker, false));
                }
            }
            params.put(p.getKey(), value);
        }
        boolean changed = !java.util.Objects.equals(text, e.text) || !params.equals(e.params);
        e.text = text;
        e.params = params;
        return changed;
    }

    private void updateEntry(Connection c, EntryRow e) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c,
                "UPDATE esc_entry SET text = ?, params = ? "
                        + "WHERE customer_id = ? AND escalation_id = ? AND sequence_no = ?")) {
            if (e.text == null) {
                ps.setNull(1, Types.VARCHAR);
            } else {
                ps.setString(1, e.text);
            }
            ps.setString(2, json.writeParams(e.params));
            ps.setString(3, e.customer);
            ps.setString(4, e.escalation);
            ps.setLong(5, e.sequence);
            ps.executeUpdate();
        }
    }

    /** Whether a JSON object is a party (kind, id, displayName, email) that is the person. */
    static boolean isPerson(JsonNode node, PartyRef person) {
        return isParty(node)
                && person.kind().name().equals(node.path("kind").asText(null))
                && person.id().equals(node.path("id").asText(null));
    }

    /** Whether a JSON object is a party (kind, id, displayName, email). */
    private static boolean isParty(JsonNode node) {
        return node.isObject() && node.has("displayName") && node.has("email") && node.has("kind") && node.has("id");
    }

    private static boolean isPartyField(String name) {
        return name.equals("displayName") || name.equals("email");
    }

    /** Whether a JSON document holds a party (kind, id, displayName, email) that is the person. */
    static boolean holdsPerson(JsonNode node, PartyRef person) {
        if (isPerson(node, person)) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsPerson(child, person)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether they may own an improvement action of an escalation's body ({@link PersonalData#concerns}): its owner is
     * their id and, by column {@code owner_kinds} ({@link OwnerKinds}), has their kind or none.
     */
    private static boolean ownsAction(JsonNode body, @Nullable String ownerKinds, PartyRef person) {
        int i = 0;
        for (JsonNode action : body.path("lessonsLearned").path("actions")) {
            Optional<Party.Kind> kind = OwnerKinds.at(ownerKinds, i++);
            if (person.id().equals(action.path("owner").asText(null))
                    && (kind.isEmpty() || kind.get() == person.kind())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a 0.1.0 participant entry's detail names the person's id. */
    private static boolean legacyAbout(Map<String, EntryParam> params, PartyRef person) {
        return params.get(Legacy010.DETAIL + "participant") instanceof EntryParam.Text p
                && p.value().equals(person.id());
    }

    static void collectParties(JsonNode node, PartyRef person, Set<String> values) {
        if (isPerson(node, person)) {
            values.add(node.get("displayName").asText());
            values.add(node.get("email").asText());
        }
        node.elements().forEachRemaining(child -> collectParties(child, person, values));
    }

    /**
     * Replaces, in place, the name and address of every party that is the person, and every occurrence of the
     * person's values in other texts (ids and enum-like fields excepted).
     */
    static boolean replace(JsonNode node, PartyRef person, Set<String> values, String marker, boolean copy) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            boolean party = isParty(object);
            if (party && isPerson(object, person)) {
                changed |= setText(object, "displayName", marker);
                changed |= setText(object, "email", marker);
                if (person.kind() == Party.Kind.EXTERNAL) { // their id is their address: it goes too
                    changed |= setText(object, "id", marker);
                }
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    // another party's name and address are theirs, even where they hold the person's values
                    if (!isIdField(field.getKey(), object) && !(party && isPartyField(field.getKey()))) {
                        String next = replaced(value.asText(), values, marker, copy);
                        if (!next.equals(value.asText())) {
                            field.setValue(TextNode.valueOf(next));
                            changed = true;
                        }
                    }
                } else {
                    changed |= replace(value, person, values, marker, copy);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    String next = replaced(value.asText(), values, marker, copy);
                    if (!next.equals(value.asText())) {
                        array.set(i, TextNode.valueOf(next));
                        changed = true;
                    }
                } else {
                    changed |= replace(value, person, values, marker, copy);
                }
            }
        }
        return changed;
    }

    /** Fields that hold ids, codes and keys, never a person's words: left as they are. */
    private static boolean isIdField(String name, ObjectNode owner) {
        if (name.equals("value") && owner.size() == 1) {
            return true; // a typed id, written as {"value": ...}
        }
        if (owner.has("type") && (name.equals("type") || name.equals("value"))) {
            // an EntryParam: only Text values carry words
            return !"Text".equals(owner.path("type").asText()) || name.equals("type");
        }
        return switch (name) {
            case "id",
                    "kind",
                    "idempotencyKey",
                    "escalation",
                    "caseId",
                    "customer",
                    "channel",
                    "uid",
                    "state",
                    "status",
                    "visibility",
                    "criticality",
                    "cause",
                    "resolvedBy",
                    "agreement",
                    "method",
                    "zone",
                    "customerSide",
                    "vendorSide" -> true;
            default -> false;
        };
    }

    private static boolean setText(ObjectNode node, String field, String marker) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().equals(marker)) {
            return false;
        }
        node.put(field, marker);
        return true;
    }

    private static String replaced(String text, Set<String> values, String marker, boolean copy) {
        if (values.contains(text) && (copy || text.length() >= MIN_CONTAINED)) {
            return marker;
        }
        String result = text;
        for (String value : values) {
            if (value.length() >= MIN_CONTAINED && result.contains(value)) {
                result = result.replace(value, marker);
            }
        }
        return result;
    }

    /** Replaces the running pause reason and excluded-span reasons the person gave. */
    private static boolean erasePauseReasons(ObjectNode facts, Set<String> reasons, String marker) {
        if (reasons.isEmpty()) {
            return false;
        }
        boolean changed = false;
        JsonNode reason = facts.get("pauseReason");
        if (reason != null && reason.isTextual() && reasons.contains(reason.asText())) {
            changed |= setText(facts, "pauseReason", marker);
        }
        if (facts.get("excluded") instanceof ArrayNode spans) {
            for (JsonNode span : spans) {
                JsonNode r = span.get("reason");
                if (span instanceof ObjectNode s && r != null && r.isTextual() && reasons.contains(r.asText())) {
                    changed |= setText(s, "reason", marker);
                }
            }
        }
        return changed;
    }

    private String jsonText(String value) {
        String quoted = json.write(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    static String likeEscaped(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    // ------------------------------------------------------------------------------------------ purging

    @Override
    public int purgeFinalBefore(Instant cutoff, int limit) {
        return purge(cutoff, limit, null);
    }

    /** Calls {@code beforeDelete} inside the purge's transaction, with the rows it selected locked. */
    @Override
    public int purgeFinalBefore(Instant cutoff, int limit, Consumer<List<EscalationId>> beforeDelete) {
        return purge(cutoff, limit, requireNonNull(beforeDelete, "beforeDelete"));
    }

    private int purge(Instant cutoff, int limit, @Nullable Consumer<List<EscalationId>> beforeDelete) {
        requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        int purged = db.inTransaction("purge final escalations", c -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(
                    c,
                    "SELECT e.customer_id, e.escalation_id FROM esc_escalation e WHERE e.final_at < ? "
                            + "ORDER BY e.final_at, e.escalation_id LIMIT ? "
                            + db.dialect().forUpdateSkipLocked("e"))) {
                ps.setBigDecimal(1, Db.toDecimal(cutoff));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return 0;
            }
            if (beforeDelete != null) { // what it throws rolls the transaction back: nothing is deleted
                List<EscalationId> ids = new ArrayList<>(rows.size());
                rows.forEach(row -> ids.add(EscalationId.of(row[1])));
                beforeDelete.accept(List.copyOf(ids));
            }
            // tables indexed by escalation id alone: one statement each
            String in = " WHERE escalation_id IN (" + String.join(", ", Collections.nCopies(rows.size(), "?")) + ")";
            for (String table : List.of("esc_entry", "esc_outbox", "esc_ticket", "esc_change")) {
                try (PreparedStatement ps = db.prepare(c, "DELETE FROM " + table + in)) {
                    for (int i = 0; i < rows.size(); i++) {
                        ps.setString(i + 1, rows.get(i)[1]);
                    }
                    ps.executeUpdate();
                }
            }
            // tables keyed by tenant first: by (customer, escalation), so their indexes serve the delete
            for (String table : List.of("esc_due", "esc_open_case", "esc_escalation")) {
                try (PreparedStatement ps =
                        db.prepare(c, "DELETE FROM " + table + " WHERE customer_id = ? AND escalation_id = ?")) {
                    for (String[] row : rows) {
                        ps.setString(1, row[0]);
                        ps.setString(2, row[1]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            for (String[] row : rows) {
                memo.forget(row[1]);
            }
            if (!rows.isEmpty()) {
                effects.clear(); // nor of the purged escalations' unread messages (their recipients' names, addresses)
            }
            return rows.size();
        });
        LOG.info("purged {} final escalations", purged);
        return purged;
    }

    @Override
    public int purgeDeliveredBefore(Instant cutoff, Instant now, int limit) {
        requireNonNull(cutoff, "cutoff");
        requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Instant windowStart = now.minus(window);
        if (cutoff.isAfter(windowStart)) {
            throw new IllegalArgumentException("cut-off " + cutoff + " is inside the de-duplication window of " + window
                    + " (the earliest allowed is " + windowStart + ")");
        }
        int purged = db.singleStatement("purge delivered messages", c -> {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "DELETE FROM esc_outbox WHERE seq IN (SELECT m.seq FROM esc_outbox m WHERE m.status = 'DONE' "
                            + "AND m.created_at < ? AND m.delivered_at <= ? ORDER BY m.seq LIMIT ?)")) {
                ps.setBigDecimal(1, Db.toDecimal(cutoff));
                ps.setBigDecimal(2, Db.toDecimal(windowStart));
                ps.setInt(3, limit);
                return ps.executeUpdate();
            }
        });
        LOG.info("purged {} delivered outbox messages", purged);
        return purged;
    }
}
