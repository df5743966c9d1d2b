package dev.escalation.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link dev.escalation.spi.DataRetention#exportPerson} on the store's tables, in one transaction: the entries they
 * wrote or that name them, the escalations that concern them, and the outbox messages and due items of those
 * escalations (or naming them) that carry one of their values by the same rule erasure replaces them with.
 */
final class JdbcPersonExport {
    private final Db db;
    private final Json json;
    private final EscalationRows rows;
    private final JdbcOutbox outbox;
    private final JdbcDueWork dueWork;

    JdbcPersonExport(Db db, Json json, EscalationRows rows, JdbcOutbox outbox, JdbcDueWork dueWork) {
        this.db = db;
        this.json = json;
        this.rows = rows;
        this.outbox = outbox;
        this.dueWork = dueWork;
    }

    PersonalData export(PartyRef person) {
        return db.inTransaction("export person", c -> read(c, person));
    }

    private PersonalData read(Connection c, PartyRef person) throws SQLException {
        String like = "%" + JdbcRetention.likeEscaped(jsonText(person.id())) + "%";
        String actorKind = JdbcRetention.actorKind(person.kind());
        // entries they wrote or about them
        List<PersonalData.Entry> entries = new ArrayList<>();
        Set<String> values = new LinkedHashSet<>();
        Set<String> candidates = new TreeSet<>();
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT n.escalation_id, " + EscalationRows.ENTRY_COLUMNS + " FROM esc_entry n "
                        + "WHERE (n.actor_kind = ? AND n.actor_id = ?) OR n.params LIKE ? ESCAPE '!'")) {
            ps.setString(1, actorKind);
            ps.setString(2, person.id());
            ps.setString(3, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEntry e = rows.readEntry(rs);
                    boolean wrote = e.actor().kind().name().equals(actorKind)
                            && e.actor().id().equals(person.id());
                    boolean about = PersonalData.isAbout(person, e.kind(), e.params())
                            || (e.params().get(Legacy010.DETAIL + "participant") instanceof EntryParam.Text p
                                    && p.value().equals(person.id()));
                    if (!wrote && !about) {
                        continue;
                    }
                    String id = rs.getString("escalation_id");
                    candidates.add(id);
                    entries.add(new PersonalData.Entry(EscalationId.of(id), e));
                    if (wrote) {
                        e.text().ifPresent(values::add);
                        if (e.kind() != dev.escalation.model.ProgressKind.LEGACY_TEXT) {
                            e.params().forEach((k, v) -> {
                                if (v instanceof EntryParam.Text t && !k.equals("participantName")) {
                                    values.add(t.value());
                                }
                            });
                        }
                    } else if (e.params().get("participantName") instanceof EntryParam.Text t) {
                        values.add(t.value());
                    }
                }
            }
        }
        // escalations that concern them
        TreeMap<String, StoredEscalation> escalations = new TreeMap<>();
        String in = candidates.isEmpty()
                ? ""
                : " OR e.escalation_id IN (" + String.join(", ", Collections.nCopies(candidates.size(), "?")) + ")";
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT " + EscalationRows.COLUMNS + " FROM esc_escalation e WHERE e.raised_by = ? "
                        + "OR e.manager_id = ? OR e.body LIKE ? ESCAPE '!'" + in)) {
            int i = 1;
            ps.setString(i++, person.id());
            ps.setString(i++, person.id());
            ps.setString(i++, like);
            for (String id : candidates) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEscalation s = rows.read(rs);
                    if (candidates.contains(s.id().value()) || PersonalData.concerns(person, s)) {
                        escalations.put(s.id().value(), s);
                        collect(s, person, values);
                    }
                }
            }
        }
        // outbox messages and due items of those escalations or naming them
        List<OutboxMessage> messages = new ArrayList<>();
        List<JsonNode> payloads = new ArrayList<>();
        String scope = escalations.isEmpty()
                ? ""
                : " OR escalation_id IN (" + String.join(", ", Collections.nCopies(escalations.size(), "?")) + ")";
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT seq, customer_id, message_id, escalation_id, effect_type, payload, payload_format, "
                        + "created_at, next_attempt_at, attempts, last_error, dead_code FROM esc_outbox "
                        + "WHERE payload LIKE ? ESCAPE '!'" + scope + " ORDER BY created_at, message_id")) {
            bindScope(ps, like, escalations.keySet());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode tree = json.tree(rs.getString("payload"), "outbox payload");
                    Set<String> parties = new LinkedHashSet<>();
                    JdbcRetention.collectParties(tree, person, parties);
                    if (!parties.isEmpty() || escalations.containsKey(rs.getString("escalation_id"))) {
                        values.addAll(parties);
                        messages.add(outbox.read(rs));
                        payloads.add(tree);
                    } else {
                        messages.add(null);
                        payloads.add(null);
                    }
                }
            }
        }
        values.remove("");
        List<OutboxMessage> carrying = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (payloads.get(i) != null && carries(payloads.get(i), person, values)) {
                carrying.add(messages.get(i));
            }
        }
        List<DueItem> due = new ArrayList<>();
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT due_key, escalation_id, customer_id, kind, step, due_at, payload, payload_format FROM esc_due "
                        + "WHERE payload LIKE ? ESCAPE '!'" + scope + " ORDER BY due_key")) {
            bindScope(ps, like, escalations.keySet());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (escalations.containsKey(rs.getString("escalation_id"))
                            && carries(json.tree(rs.getString("payload"), "due item data"), person, values)) {
                        due.add(dueWork.read(rs));
                    }
                }
            }
        }
        due.sort(Comparator.comparing(DueItem::key));
        // the escalations' order (their ids, as the TreeMap holds them), then the log's: the rows came unordered
        entries.sort(
                Comparator.comparing((PersonalData.Entry e) -> e.escalation().value())
                        .thenComparingLong(e -> e.entry().sequence()));
        return new PersonalData(person, List.copyOf(escalations.values()), entries, carrying, due);
    }

    private static void bindScope(PreparedStatement ps, String like, Set<String> escalations) throws SQLException {
        int i = 1;
        ps.setString(i++, like);
        for (String id : escalations) {
            ps.setString(i++, id);
        }
    }

    /** Whether erasure would change something of a payload: it names them or carries one of their values. */
    private static boolean carries(JsonNode tree, PartyRef person, Set<String> values) {
        return JdbcRetention.replace(tree.deepCopy(), person, values, "\u0000", true);
    }

    private static void collect(StoredEscalation s, PartyRef person, Set<String> values) {
        if (person.kind() == Party.Kind.CONTACT && s.raisedBy().value().equals(person.id())) {
            values.add(s.message());
        }
        s.resolution()
                .filter(r -> person.kind() == Party.Kind.STAFF
                        && r.resolvedBy().value().equals(person.id()))
                .ifPresent(r -> values.add(r.summary()));
        for (Party p : s.participants()) {
            if (PartyRef.of(p).equals(person)) {
                values.add(p.displayName());
                values.add(p.email());
            }
        }
        s.lessonsLearned()
                .ifPresent(l -> l.attendees().stream()
                        .filter(p -> PartyRef.of(p).equals(person))
                        .forEach(p -> {
                            values.add(p.displayName());
                            values.add(p.email());
                        }));
    }

    private String jsonText(String value) {
        String quoted = json.write(value);
        return quoted.substring(1, quoted.length() - 1);
    }
}
