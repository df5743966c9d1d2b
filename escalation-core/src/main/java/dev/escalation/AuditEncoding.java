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
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    // constant fields, encoded once
    private static final byte[] ENTRY = concat(AuditWriter.field(FORMAT), AuditWriter.field("entry"));
    private static final byte[] COMMIT = concat(AuditWriter.field(FORMAT), AuditWriter.field("commit"));
    private static final byte[] GENESIS = concat(AuditWriter.field(FORMAT), AuditWriter.field("genesis"));
    private static final byte[] ANCHOR = concat(AuditWriter.field(FORMAT), AuditWriter.field("anchor"));
    private static final byte[] NO_TEXT = AuditWriter.field("0");
    private static final byte[] WITH_TEXT = AuditWriter.field("1");
    private static final byte[][] KINDS = AuditWriter.names(ProgressKind.values());
    private static final byte[][] ACTOR_KINDS = AuditWriter.names(dev.escalation.model.ActorRef.Kind.values());
    private static final byte[][] VISIBILITIES = AuditWriter.names(dev.escalation.model.Visibility.values());
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** The names that go with a Text parameter's name; the engine's few parameter names are kept (bounded). */
    private static final Map<String, ParamNames> NAMES = new ConcurrentHashMap<>();

    private static final int MAX_NAMES = 1024;

    private AuditEncoding() {}

    /**
     * The names that go with Text parameter {@code param}.
     *
     * @param commitment the stored parameter name of its commitment ({@code "audit.param." + param})
     * @param field      the field name its commitment covers ({@code "param:" + param})
     */
    record ParamNames(String commitment, String field) {}

    static ParamNames names(String param) {
        ParamNames known = NAMES.get(param);
        if (known == null) {
            known = new ParamNames(PREFIX + "param." + param, "param:" + param);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.putIfAbsent(param, known);
            }
        }
        return known;
    }

    /** The stored parameter name of the commitment of Text parameter {@code name}. */
    static String paramCommitment(String name) {
        return names(name).commitment();
    }

    /** The subject whose key commits the entry's free text: its author (the engine's own texts: "system"). */
    static PartyRef textSubject(StoredEntry e) {
        return textSubject(e.actor());
    }

    /** {@link #textSubject(StoredEntry)} of an entry by {@code actor}. */
    static PartyRef textSubject(dev.escalation.model.ActorRef actor) {
        return switch (actor.kind()) {
            case CONTACT -> new PartyRef(Party.Kind.CONTACT, actor.id());
            case STAFF -> new PartyRef(Party.Kind.STAFF, actor.id());
            case SYSTEM -> new PartyRef(Party.Kind.STAFF, "system");
        };
    }

    /**
     * The subject of Text parameter {@code name}: the participant for the participant kinds' {@code
     * participantName}, otherwise the author.
     */
    static PartyRef paramSubject(ProgressKind kind, Map<String, EntryParam> params, String name, StoredEntry e) {
        PartyRef participant = participantSubject(kind, params, name);
        return participant != null ? participant : textSubject(e);
    }

    /** The participant whose key commits {@code name}, or null when it is the author's. */
    static @org.jspecify.annotations.Nullable PartyRef participantSubject(
            ProgressKind kind, Map<String, EntryParam> params, String name) {
        if ((kind == ProgressKind.PARTICIPANT_ADDED || kind == ProgressKind.PARTICIPANT_REMOVED)
                && name.equals("participantName")
                && params.get("participant") instanceof EntryParam.Ref ref
                && params.get("participantKind") instanceof EntryParam.Code code) {
            return new PartyRef(Party.Kind.valueOf(code.value()), ref.value());
        }
        return null;
    }

    /** The commitment to one personal value of an entry. */
    static String commit(byte[] key, EscalationId id, long sequence, String field, String value) {
        Hashing h = Hashing.mine();
        AuditWriter w = h.committing
                .reset()
                .raw(COMMIT)
                .add(id.value())
                .add(sequence)
                .add(field)
                .add(value);
        try {
            Mac mac = h.hmac(key);
            mac.update(w.buf, 0, w.n);
            mac.doFinal(h.out, 0);
            return h.hex();
        } catch (GeneralSecurityException e) {
            h.macKey = null;
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            w.release();
        }
    }

    /** The field name of a commitment: {@code "text"} or {@code "param:" + name}. */
    static String field(@org.jspecify.annotations.Nullable String param) {
        return param == null ? "text" : names(param).field();
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
        AuditWriter w = entryStart(id, sequence, at, kind, actor, visibility, text.orElse(null), params.size());
        params.forEach(w::param);
        return entryEnd(w, previous);
    }

    /**
     * Starts an entry's hash on this thread's entry writer: its fields up to the number of parameters. The caller
     * writes exactly {@code params} parameters ({@link AuditWriter#param}, {@link AuditWriter#committed}; commitments
     * may be computed meanwhile, they have their own writer) and ends with {@link #entryEnd}.
     */
    static AuditWriter entryStart(
            EscalationId id,
            long sequence,
            Instant at,
            ProgressKind kind,
            dev.escalation.model.ActorRef actor,
            dev.escalation.model.Visibility visibility,
            @org.jspecify.annotations.Nullable String text,
            int params) {
        AuditWriter w = Hashing.mine()
                .writer
                .reset()
                .raw(ENTRY)
                .add(id.value())
                .add(sequence)
                .instant(at)
                .raw(KINDS[kind.ordinal()])
                .raw(ACTOR_KINDS[actor.kind().ordinal()])
                .add(actor.id())
                .raw(VISIBILITIES[visibility.ordinal()]);
        if (text != null) {
            w.raw(WITH_TEXT).add(text);
        } else {
            w.raw(NO_TEXT);
        }
        return w.add(params);
    }

    /** Ends an entry's hash started with {@link #entryStart}: the previous hash, then the digest. */
    static String entryEnd(AuditWriter w, String previous) {
        return Hashing.mine().sha256(w.add(previous));
    }

    /** The hash the first chained entry links to when {@code unverified} entries precede it. */
    static String genesisHash(EscalationId id, long unverified, Instant firstChainedAt) {
        Hashing h = Hashing.mine();
        return h.sha256(
                h.writer.reset().raw(GENESIS).add(id.value()).add(unverified).instant(firstChainedAt));
    }

    /** The bytes an anchor's signature covers. */
    static byte[] anchorBytes(EscalationId id, long length, String head, Instant at) {
        return Hashing.mine()
                .writer
                .reset()
                .raw(ANCHOR)
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
        Hashing h = Hashing.mine();
        MessageDigest sha = h.sha();
        sha.reset();
        sha.update(bytes);
        return h.digest(sha);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * A thread's hashing instances and buffers: reused, never shared between threads. The HMAC stays initialised
     * with the last key used (as the {@code Mac} itself would keep it anyway), so a command's commitments under one
     * person's key initialise it once.
     */
    private static final class Hashing {
        private static final ThreadLocal<Hashing> MINE = ThreadLocal.withInitial(Hashing::new);
        /** Entries, genesis, anchors. */
        final AuditWriter writer = new AuditWriter();
        /** Commitments (computed while an entry is being written). */
        final AuditWriter committing = new AuditWriter();

        final byte[] out = new byte[32];
        private final byte[] hex = new byte[64];
        private MessageDigest sha;
        private Mac hmac;
        byte[] macKey;

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

        /** The HMAC, initialised with {@code key} (again only when the key differs from the last one). */
        Mac hmac(byte[] key) throws GeneralSecurityException {
            if (hmac == null) {
                hmac = Mac.getInstance("HmacSHA256");
            }
            if (macKey == null || !MessageDigest.isEqual(macKey, key)) {
                macKey = null;
                hmac.init(new SecretKeySpec(key, "HmacSHA256"));
                macKey = key.clone();
            }
            return hmac;
        }

        /** The hash of what {@code w} holds. */
        String sha256(AuditWriter w) {
            MessageDigest d = sha();
            d.reset();
            d.update(w.buf, 0, w.n);
            w.release();
            return digest(d);
        }

        String digest(MessageDigest d) {
            try {
                d.digest(out, 0, 32);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 digests are 32 bytes", e);
            }
            return hex();
        }

        /** {@link #out} as lower-case hex ({@code HexFormat.of().formatHex}), one string and no builder. */
        @SuppressWarnings("deprecation") // String(byte[], int, int, int): a Latin-1 copy without a charset look-up
        String hex() {
            for (int i = 0; i < 32; i++) {
                int b = out[i];
                hex[2 * i] = DIGITS[(b >> 4) & 0xF];
                hex[2 * i + 1] = DIGITS[b & 0xF];
            }
            return new String(hex, 0, 0, 64);
        }
    }
}
