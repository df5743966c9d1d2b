package dev.escalation;

import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * The reference a record's hand-written {@code equals} and {@code hashCode} are checked against: what a record's
 * generated ones compute (each component's {@code Objects.equals} / {@code Objects.hashCode}, read through its
 * accessor, the hashes combined by {@code 31 * h + c} in declaration order).
 */
public final class RecordEquality {
    private RecordEquality() {}

    /** Whether {@code a} and {@code b} are of one record class and their components are pairwise equal. */
    public static boolean componentwise(Record a, Object b) {
        if (b == null || a.getClass() != b.getClass()) {
            return false;
        }
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (!Objects.equals(read(c, a), read(c, b))) {
                return false;
            }
        }
        return true;
    }

    /** The hash the record's generated {@code hashCode} computes. */
    public static int generatedHash(Record r) {
        int h = 0;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            h = 31 * h + Objects.hashCode(read(c, r));
        }
        return h;
    }

    /**
     * Checks {@code a}'s {@code equals} and {@code hashCode} against the reference, both ways, and returns whether the
     * two are equal.
     */
    public static boolean check(Record a, Record b) {
        boolean expected = componentwise(a, b);
        if (a.equals(b) != expected || b.equals(a) != expected) {
            throw new AssertionError("equals is not component-wise: " + a + " / " + b + ", expected " + expected);
        }
        if (a.hashCode() != generatedHash(a) || b.hashCode() != generatedHash(b)) {
            throw new AssertionError("hashCode is not the record's: " + a + " / " + b);
        }
        if (!a.equals(a) || a.equals(null) || a.equals(new Object())) {
            throw new AssertionError("equals is not reflexive or accepts null or another class: " + a);
        }
        return expected;
    }

    private static Object read(RecordComponent c, Object r) {
        try {
            java.lang.reflect.Method m = c.getAccessor();
            m.setAccessible(true);
            return m.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
