package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every public method of the engine, its operations and its audit facet, given one hostile argument at a time (null,
 * out-of-range numbers, empty, huge or control-character strings, extreme durations and instants, unknown or
 * foreign actors and ids, foreign cursors): it answers, or refuses with an {@link EscalationException} subclass
 * having changed nothing the store holds; never a raw {@link NullPointerException}, {@link IllegalArgumentException}
 * or the like.
 */
class PublicMethodsHostileArgumentsTest {
    /** Methods that run work rather than take input, or return a facet. */
    private static final Set<String> NOT_PROBED =
            Set.of("start", "close", "stop", "deliverPending", "processDueWork", "operations", "audit");

    private static List<Object> hostile(Class<?> t) {
        if (t == int.class) {
            return List.of(-1, 0, 1, 501, 10_001, Integer.MAX_VALUE, Integer.MIN_VALUE);
        }
        if (t == long.class) {
            return List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE);
        }
        if (t == boolean.class) {
            return List.of(true, false);
        }
        if (t == String.class) {
            return Arrays.asList(
                    null, "", " ", "\u0000", "x".repeat(100_000), "\uD800", "\u202E", "-1", "9".repeat(30), "\uFEFF");
        }
        if (t == Duration.class) {
            return Arrays.asList(
                    null,
                    Duration.ZERO,
                    Duration.ofNanos(-1),
                    Duration.ofSeconds(Long.MAX_VALUE),
                    Duration.ofDays(100_000));
        }
        if (t == Instant.class) {
            return Arrays.asList(null, Instant.MIN, Instant.MAX, Instant.EPOCH);
        }
        if (t == Actor.class) {
            return Arrays.asList(null, World.INA, Actor.staff("nobody"), Actor.contact("nobody"), World.SAM);
        }
        if (t == EscalationId.class) {
            return Arrays.asList(null, EscalationId.of("E-nope"));
        }
        if (t == PageRequest.class) {
            return Arrays.asList(
                    null,
                    PageRequest.after(new PageCursor(Instant.EPOCH, "bogus"), 500),
                    PageRequest.after(new PageCursor(Instant.MAX, "\u202E"), 1));
        }
        if (t == Set.class) {
            return Arrays.asList(null, Set.of());
        }
        if (t == DataSubject.class) {
            return Arrays.asList(
                    null,
                    DataSubject.external("a@b.example"),
                    DataSubject.contact("\u202E"),
                    new DataSubject(null, "x"));
        }
        return Arrays.asList((Object) null);
    }

    /** The value the other arguments take: the right actor, usable numbers, otherwise the first non-null one. */
    private static Object usual(Class<?> t) {
        if (t == Actor.class) {
            return World.SAM;
        }
        if (t == int.class) {
            return 10;
        }
        if (t == long.class) {
            return 1L;
        }
        if (t == boolean.class) {
            return false;
        }
        return hostile(t).stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    @Test
    void everyPublicMethodAnswersOrRefusesHavingChangedNothing() throws Exception {
        World w = new World(b -> b.slaPolicy(SlaFixtures.V1)
                .auditTrail(
                        new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), AuditTrailTest.KEYS)));
        w.active();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        int refusals = 0;
        for (Object facet :
                List.of(w.engine, w.engine.operations(), w.engine.operations().audit())) {
            for (Method m : facet.getClass().getMethods()) {
                if (m.getDeclaringClass() == Object.class || NOT_PROBED.contains(m.getName())) {
                    continue;
                }
                Class<?>[] types = m.getParameterTypes();
                for (int p = 0; p < types.length; p++) {
                    for (Object value : hostile(types[p])) {
                        if (value == null && types[p].isPrimitive()) {
                            continue;
                        }
                        Object[] args = new Object[types.length];
                        for (int i = 0; i < types.length; i++) {
                            args[i] = i == p ? value : usual(types[i]);
                        }
                        String call = facet.getClass().getSimpleName() + "." + m.getName() + " argument " + p;
                        List<String> before = PersonalDataTest.strings(w.memoryStore);
                        calls++;
                        try {
                            m.invoke(facet, args);
                        } catch (InvocationTargetException e) {
                            if (e.getCause() instanceof EscalationException) {
                                refusals++;
                                if (!PersonalDataTest.strings(w.memoryStore).equals(before)) {
                                    wrong.add(call + ": refused, but the store changed");
                                }
                            } else {
                                wrong.add(call + ": " + e.getCause());
                            }
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("of %d calls", calls).isEmpty();
        assertThat(refusals).as("refusals of %d calls", calls).isGreaterThan(calls / 2);
    }
}
