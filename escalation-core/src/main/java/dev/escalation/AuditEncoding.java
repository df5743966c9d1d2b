package dev.escalation;

import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
        Hashing h = Hashing.mine();
        Writer w = h.writer
                .reset()
                .add(FORMAT)
                .add("commit")
                .add(id.value())
                .add(sequence)
                .add(field)
                .add(value);
        try {
            Mac mac = h.hmac();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(w.buf, 0, w.n);
            return HEX.formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            w.release();
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
        Hashing h = Hashing.mine();
        Writer w = h.writer
                .reset()
                .add(FORMAT)
                .add("entry")
                .add(id.value())
                .add(sequence)
                .instant(at)
                .add(kind.name())
                .add(actor.kind().name())
                .add(actor.id())
                .add(visibility.name());
        if (text.isPresent()) {
            w.add("1").add(text.get());
        } else {
            w.add("0");
        }
        w.add(params.size());
        params.forEach(w::param);
        w.add(previous);
        return h.sha256(w);
    }

    /** The hash the first chained entry links to when {@code unverified} entries precede it. */
    static String genesisHash(EscalationId id, long unverified, Instant firstChainedAt) {
        Hashing h = Hashing.mine();
        return h.sha256(h.writer
                .reset()
                .add(FORMAT)
                .add("genesis")
                .add(id.value())
                .add(unverified)
                .instant(firstChainedAt));
    }

    /** The bytes an anchor's signature covers. */
    static byte[] anchorBytes(EscalationId id, long length, String head, Instant at) {
        return Hashing.mine()
                .writer
                .reset()
                .add(FORMAT)
                .add("anchor")
                .add(id.value())
                .add(length)
                .add(head)
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
        MessageDigest sha = Hashing.mine().sha();
        sha.reset();
        return HEX.formatHex(sha.digest(bytes));
    }

    /** A thread's hashing instances and encoding buffer: reused, never shared between threads. */
    private static final class Hashing {
        private static final ThreadLocal<Hashing> MINE = ThreadLocal.withInitial(Hashing::new);
        final Writer writer = new Writer();
        private MessageDigest sha;
        private Mac hmac;

        static Hashing mine() {
            return MINE.get();
        }

        MessageDigest sha() {
            if (sha == null) {
                try {
                    sha = MessageDigest.getInstance("SHA-256");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("SHA-256 is part of every JDK", e);
                }
            }
            return sha;
        }

        Mac hmac() throws GeneralSecurityException {
            if (hmac == null) {
                hmac = Mac.getInstance("HmacSHA256");
            }
            return hmac;
        }

        /** The hash of what {@code w} holds. */
        String sha256(Writer w) {
            MessageDigest d = sha();
            d.reset();
            d.update(w.buf, 0, w.n);
            w.release();
            return HEX.formatHex(d.digest());
        }
    }

    /** Length-prefixed UTF-8 fields, into a reusable buffer. */
    private static final class Writer {
        private static final int KEEP = 1 << 16;
        byte[] buf = new byte[512];
        int n;

        Writer reset() {
            n = 0;
            return this;
        }

        /** Drops a buffer grown for an unusually long text. */
        void release() {
            if (buf.length > KEEP) {
                buf = new byte[512];
            }
            n = 0;
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        private void length(int len) {
            buf[n++] = (byte) (len >>> 24);
            buf[n++] = (byte) (len >>> 16);
            buf[n++] = (byte) (len >>> 8);
            buf[n++] = (byte) len;
        }

        /** One field: its UTF-8 bytes (as {@code String.getBytes(UTF_8)} gives them) after their length. */
        Writer add(String v) {
            int len = v.length();
            for (int i = 0; i < len; i++) {
                if (v.charAt(i) >= 0x80) {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    ensure(4 + b.length);
                    length(b.length);
                    System.arraycopy(b, 0, buf, n, b.length);
                    n += b.length;
                    return this;
                }
            }
            ensure(4 + len);
            length(len);
            for (int i = 0; i < len; i++) {
                buf[n++] = (byte) v.charAt(i);
            }
            return this;
        }

        /** A number as its decimal string. */
        Writer add(long v) {
            return add(Long.toString(v));
        }

        Writer instant(Instant at) {
            return add(at.getEpochSecond()).add(at.getNano());
        }

        void param(String name, EntryParam value) {
            add(name);
            if (value instanceof EntryParam.Text t) {
                add("T").add(t.value());
            } else if (value instanceof EntryParam.At a) {
                add("A").instant(a.value());
            } else if (value instanceof EntryParam.Span sp) {
                Duration d = sp.value();
                add("S").add(d.getSeconds()).add(d.getNano());
            } else if (value instanceof EntryParam.Code c) {
                add("C").add(c.value());
            } else if (value instanceof EntryParam.Ref r) {
                add("R").add(r.value());
            } else {
                add("N").add(((EntryParam.Count) value).value());
            }
        }

        byte[] bytes() {
            byte[] out = Arrays.copyOf(buf, n);
            release();
            return out;
        }
    }
}
