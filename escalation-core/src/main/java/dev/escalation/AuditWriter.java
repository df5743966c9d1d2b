package dev.escalation;

import dev.escalation.model.EntryParam;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The fields of {@link AuditEncoding}, into a reusable buffer: each one its UTF-8 bytes (as
 * {@code String.getBytes(UTF_8)} gives them) after their length as a 4-byte big-endian integer. One per thread and
 * purpose; not thread-safe.
 */
final class AuditWriter {
    private static final int KEEP = 1 << 16;

    static final byte[] TEXT = field("T");
    static final byte[] AT = field("A");
    static final byte[] SPAN = field("S");
    static final byte[] CODE = field("C");
    static final byte[] REF = field("R");
    static final byte[] COUNT = field("N");

    /** 10^i: a number of {@code i + 1} digits is at least {@code TENS[i]}. */
    private static final int[] TENS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    byte[] buf = new byte[512];
    int n;

    /** The encoded field {@code F(value)}, for constants written with {@link #raw}. */
    static byte[] field(String value) {
        AuditWriter w = new AuditWriter().add(value);
        return Arrays.copyOf(w.buf, w.n);
    }

    /** The encoded fields of an enum's constant names, by ordinal. */
    static byte[][] names(Enum<?>[] constants) {
        byte[][] out = new byte[constants.length][];
        for (Enum<?> c : constants) {
            out[c.ordinal()] = field(c.name());
        }
        return out;
    }

    AuditWriter reset() {
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

    private void length(int at, int len) {
        buf[at] = (byte) (len >>> 24);
        buf[at + 1] = (byte) (len >>> 16);
        buf[at + 2] = (byte) (len >>> 8);
        buf[at + 3] = (byte) len;
    }

    /** Fields encoded beforehand ({@link #field}). */
    AuditWriter raw(byte[] fields) {
        ensure(fields.length);
        System.arraycopy(fields, 0, buf, n, fields.length);
        n += fields.length;
        return this;
    }

    /** One field: ASCII copied in one pass, anything else as {@code getBytes(UTF_8)}. */
    AuditWriter add(String v) {
        int len = v.length();
        ensure(4 + len);
        int start = n;
        length(start, len);
        int at = start + 4;
        byte[] b = buf;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c >= 0x80) {
                return utf8(v, start);
            }
            b[at++] = (byte) c;
        }
        n = at;
        return this;
    }

    private AuditWriter utf8(String v, int start) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        n = start;
        ensure(4 + b.length);
        length(n, b.length);
        System.arraycopy(b, 0, buf, n + 4, b.length);
        n += 4 + b.length;
        return this;
    }

    /** A number as its decimal string ({@link Long#toString(long)}), without making the string. */
    AuditWriter add(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) { // epoch seconds, nanos, sequences: int division is cheaper
            return digits((int) v);
        }
        if (v == Long.MIN_VALUE) {
            return add(Long.toString(v));
        }
        long x = Math.abs(v);
        int len = v < 0 ? 2 : 1;
        for (long y = x; y >= 10; y /= 10) {
            len++;
        }
        ensure(4 + len);
        length(n, len);
        int end = n + 4 + len;
        int at = end;
        do {
            buf[--at] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        } while (x != 0);
        if (v < 0) {
            buf[--at] = '-';
        }
        n = end;
        return this;
    }

    /** A number from 0 to {@link Integer#MAX_VALUE} as its decimal string. */
    private AuditWriter digits(int x) {
        int len = 1;
        while (len < 10 && x >= TENS[len]) {
            len++;
        }
        ensure(4 + len);
        length(n, len);
        int end = n + 4 + len;
        int at = end;
        do {
            buf[--at] = (byte) ('0' + x % 10);
            x /= 10;
        } while (x != 0);
        n = end;
        return this;
    }

    AuditWriter instant(Instant at) {
        return add(at.getEpochSecond()).add(at.getNano());
    }

    /** A parameter: its name, type and value; a Text value is written as it is (a commitment). */
    void param(String name, EntryParam value) {
        add(name);
        if (value instanceof EntryParam.Text t) {
            raw(TEXT).add(t.value());
        } else if (value instanceof EntryParam.At a) {
            raw(AT).instant(a.value());
        } else if (value instanceof EntryParam.Span sp) {
            Duration d = sp.value();
            raw(SPAN).add(d.getSeconds()).add(d.getNano());
        } else if (value instanceof EntryParam.Code c) {
            raw(CODE).add(c.value());
        } else if (value instanceof EntryParam.Ref r) {
            raw(REF).add(r.value());
        } else {
            raw(COUNT).add(((EntryParam.Count) value).value());
        }
    }

    /** A Text parameter as the commitment to its value. */
    void committed(String name, String commitment) {
        add(name).raw(TEXT).add(commitment);
    }

    byte[] bytes() {
        byte[] out = Arrays.copyOf(buf, n);
        release();
        return out;
    }
}
