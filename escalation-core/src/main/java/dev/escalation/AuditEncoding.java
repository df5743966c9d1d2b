package dev.escalation;

import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The canonical byte encoding of the audit chain ({@code docs/audit.md} is its specification; keep them in step):
 * every field is its UTF-8 bytes preceded by their length as a 4-byte big-endian unsigned integer; numbers are
 * decimal strings; instants are two fields, epoch seconds and nanoseconds. Hashes are lower-case hex SHA-256,
 * commitments lower-case hex HMAC-SHA256 under the subject's key. Public for auditors who check exports in Java;
 * stateless and thread-safe.
 */
public final class AuditEncoding {
    /**
     * The hash a record's fields give (with its {@code previous}): what its stored {@code hash} must be.
     *
     * @param escalation the escalation the record belongs to
     * @param record     the record, personal values as commitments
     * @return the lower-case hex SHA-256
     */
    public static String hashOf(EscalationId escalation, dev.escalation.model.AuditRecord record) {
        return entryHash(
                escalation,
                record.sequence(),
                record.at(),
                record.kind(),
                record.actor(),
                record.visibility(),
                record.text(),
                record.params(),
                record.previous());
    }

    /**
     * The genesis hash: what the first chained entry links to when {@code unverified} older entries precede it.
     *
     * @param escalation     the escalation
     * @param unverified     how many entries precede the chain
     * @param firstChainedAt the time of the first chained entry
     * @return the lower-case hex SHA-256
     */
    public static String genesisOf(EscalationId escalation, long unverified, Instant firstChainedAt) {
        return genesisHash(escalation, unverified, firstChainedAt);
    }

    /**
     * The bytes an anchor's Ed25519 signature covers.
     *
     * @param escalation the escalation
     * @param length     the anchored length
     * @param head       the anchored head
     * @param at         when the anchor was taken
     * @return the canonical bytes
     */
    public static byte[] anchorBytesOf(EscalationId escalation, long length, String head, Instant at) {
        return anchorBytes(escalation, length, head, at);
    }

    static final String FORMAT = "escalation-audit/1";
    static final String ZEROS = "0".repeat(64);
    /** Entry parameters whose names start with this hold the commitments; they are not encoded themselves. */
    static final String PREFIX = "audit.";

    static final String TEXT_COMMITMENT = PREFIX + "text";

    private static final HexFormat HEX = HexFormat.of();

    private AuditEncoding() {}

    /** The stored parameter name of the commitment of Text parameter {@code name}. */
    static String paramCommitment(String name) {
        return PREFIX + "param." + name;
    }

    /** The subject whose key commits the entry's free text: its author (the engine's own texts: "system"). */
    static PartyRef textSubject(StoredEntry e) {
        return switch (e.actor().kind()) {
            case CONTACT -> new PartyRef(Party.Kind.CONTACT, e.actor().id());
            case STAFF -> new PartyRef(Party.Kind.STAFF, e.actor().id());
            case SYSTEM -> new PartyRef(Party.Kind.STAFF, "system");
        };
    }

    /**
     * The subject of Text parameter {@code name}: the participant for the participant kinds' {@code
     * participantName}, otherwise the author.
     */
    static PartyRef paramSubject(ProgressKind kind, Map<String, EntryParam> params, String name, StoredEntry e) {
        if ((kind == ProgressKind.PARTICIPANT_ADDED || kind == ProgressKind.PARTICIPANT_REMOVED)
                && name.equals("participantName")
                && params.get("participant") instanceof EntryParam.Ref ref
                && params.get("participantKind") instanceof EntryParam.Code code) {
            return new PartyRef(Party.Kind.valueOf(code.value()), ref.value());
        }
        return textSubject(e);
    }

    /** The commitment to one personal value of an entry. */
    static String commit(byte[] key, EscalationId id, long sequence, String field, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(
                    mac.doFinal(fields(FORMAT, "commit", id.value(), Long.toString(sequence), field, value)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The field name of a commitment: {@code "text"} or {@code "param:" + name}. */
    static String field(@org.jspecify.annotations.Nullable String param) {
        return param == null ? "text" : "param:" + param;
    }

    /**
     * The hash of an entry: its fields with commitments in place of personal values, then the previous hash.
     *
     * @param text   the commitment of the free text, if it has one
     * @param params the parameters without the commitment parameters; Text values are commitments
     */
    static String entryHash(
            EscalationId id,
            long sequence,
            Instant at,
            ProgressKind kind,
            dev.escalation.model.ActorRef actor,
            dev.escalation.model.Visibility visibility,
            Optional<String> text,
            Map<String, EntryParam> params,
            String previous) {
        Writer w = new Writer()
                .add(FORMAT, "entry", id.value(), Long.toString(sequence))
                .instant(at)
                .add(kind.name(), actor.kind().name(), actor.id(), visibility.name());
        if (text.isPresent()) {
            w.add("1", text.get());
        } else {
            w.add("0");
        }
        w.add(Integer.toString(params.size()));
        params.forEach((name, value) -> w.param(name, value));
        return sha256(w.add(previous).bytes());
    }

    /** The hash the first chained entry links to when {@code unverified} entries precede it. */
    static String genesisHash(EscalationId id, long unverified, Instant firstChainedAt) {
        return sha256(new Writer()
                .add(FORMAT, "genesis", id.value(), Long.toString(unverified))
                .instant(firstChainedAt)
                .bytes());
    }

    /** The bytes an anchor's signature covers. */
    static byte[] anchorBytes(EscalationId id, long length, String head, Instant at) {
        return new Writer()
                .add(FORMAT, "anchor", id.value(), Long.toString(length), head)
                .instant(at)
                .bytes();
    }

    /** The parameters that enter the hash (commitment parameters left out), in stored order. */
    static Map<String, EntryParam> hashedParams(Map<String, EntryParam> params) {
        Map<String, EntryParam> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] fields(String... values) {
        return new Writer().add(values).bytes();
    }

    /** Length-prefixed UTF-8 fields. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Writer add(String... values) {
            for (String v : values) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                int n = b.length;
                out.write(n >>> 24);
                out.write(n >>> 16);
                out.write(n >>> 8);
                out.write(n);
                out.write(b, 0, n);
            }
            return this;
        }

        Writer instant(Instant at) {
            return add(Long.toString(at.getEpochSecond()), Integer.toString(at.getNano()));
        }

        Writer param(String name, EntryParam value) {
            add(name);
            if (value instanceof EntryParam.Text t) {
                return add("T", t.value());
            } else if (value instanceof EntryParam.At a) {
                return add("A").instant(a.value());
            } else if (value instanceof EntryParam.Span s) {
                Duration d = s.value();
                return add("S", Long.toString(d.getSeconds()), Integer.toString(d.getNano()));
            } else if (value instanceof EntryParam.Code c) {
                return add("C", c.value());
            } else if (value instanceof EntryParam.Ref r) {
                return add("R", r.value());
            } else {
                return add("N", Long.toString(((EntryParam.Count) value).value()));
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
