package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.model.AuditRecord;
import dev.escalation.model.AuditTrail;
import dev.escalation.model.EntryParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes an {@link AuditTrail} (from {@code EscalationEngine.auditTrail}) as JSON Lines, the form that {@code
 * docs/audit-verify.py} checks independently of this library: one header line, the genesis (if any), one line per
 * chained entry and the latest anchor (if any). Every field the hash covers is written as the string the canonical
 * encoding uses ({@code docs/audit.md}), so a verifier needs no knowledge of Java types. Personal values appear only as
 * their commitments. Thread-safe (stateless).
 */
public final class AuditJsonLines {
    /** The format name in the header line. */
    public static final String FORMAT = "escalation-audit/1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private AuditJsonLines() {}

    /**
     * Writes the trail, one JSON object per line ({@code \n}), UTF-8 when {@code out} encodes so.
     *
     * @param trail the trail
     * @param out   where to write; not closed
     * @throws UncheckedIOException if writing fails
     */
    public static void write(AuditTrail trail, Writer out) {
        requireNonNull(trail, "trail");
        requireNonNull(out, "out");
        try {
            ObjectNode header = JSON.createObjectNode();
            header.put("type", "header");
            header.put("format", FORMAT);
            header.put("escalation", trail.escalation().value());
            line(out, header);
            if (trail.genesis().isPresent()) {
                AuditTrail.Genesis g = trail.genesis().get();
                ObjectNode n = JSON.createObjectNode();
                n.put("type", "genesis");
                n.put("unverifiedEntries", Long.toString(g.unverifiedEntries()));
                n.set("unverifiedBefore", instant(g.unverifiedBefore()));
                n.put("hash", g.hash());
                line(out, n);
            }
            for (AuditRecord r : trail.records()) {
                line(out, entry(r));
            }
            if (trail.anchor().isPresent()) {
                AuditTrail.SignedHead a = trail.anchor().get();
                ObjectNode n = JSON.createObjectNode();
                n.put("type", "anchor");
                n.put("length", Long.toString(a.length()));
                n.put("head", a.head());
                n.set("at", instant(a.at()));
                n.put("signature", HEX.formatHex(a.signature()));
                line(out, n);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("audit export failed", e);
        }
    }

    private static ObjectNode entry(AuditRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "entry");
        n.put("sequence", Long.toString(r.sequence()));
        n.set("at", instant(r.at()));
        n.put("kind", r.kind().name());
        ObjectNode actor = n.putObject("actor");
        actor.put("kind", r.actor().kind().name());
        actor.put("id", r.actor().id());
        n.put("visibility", r.visibility().name());
        if (r.text().isPresent()) {
            n.put("text", r.text().get());
        } else {
            n.putNull("text");
        }
        ArrayNode params = n.putArray("params");
        for (Map.Entry<String, EntryParam> p : r.params().entrySet()) {
            ObjectNode param = params.addObject();
            param.put("name", p.getKey());
            ArrayNode values = JSON.createArrayNode();
            EntryParam v = p.getValue();
            String type;
            if (v instanceof EntryParam.Text t) {
                type = "T";
                values.add(t.value());
            } else if (v instanceof EntryParam.At a) {
                type = "A";
                values.add(Long.toString(a.value().getEpochSecond()));
                values.add(Integer.toString(a.value().getNano()));
            } else if (v instanceof EntryParam.Span s) {
                type = "S";
                values.add(Long.toString(s.value().getSeconds()));
                values.add(Integer.toString(s.value().getNano()));
            } else if (v instanceof EntryParam.Code c) {
                type = "C";
                values.add(c.value());
            } else if (v instanceof EntryParam.Ref ref) {
                type = "R";
                values.add(ref.value());
            } else {
                type = "N";
                values.add(Long.toString(((EntryParam.Count) v).value()));
            }
            param.put("type", type);
            param.set("values", values);
        }
        n.put("previous", r.previous());
        n.put("hash", r.hash());
        return n;
    }

    private static ObjectNode instant(Instant at) {
        ObjectNode n = JSON.createObjectNode();
        n.put("epochSecond", Long.toString(at.getEpochSecond()));
        n.put("nano", Integer.toString(at.getNano()));
        return n;
    }

    private static void line(Writer out, ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }
}
