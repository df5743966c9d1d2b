package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.spi.ChangeBatch;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every public method of {@link EscalationEngine} and {@link EscalationOperations} that takes a record (the commands,
 * {@link DataSubject}, {@link RetentionPolicy}, {@code PolicyRef}), found by reflection, called with that record built
 * with one component hostile at a time (see {@link HostileValues}; records nested in a component, such as an
 * improvement action, with each of theirs; typed ids unknown, of another customer, 128 characters, with a bidi
 * override or a lone surrogate; an expected version of 0, -1 or {@code Long.MAX_VALUE}), by Support Management, an
 * Escalation Manager and a customer's Incident Manager, on an active escalation: the call answers or refuses with an
 * {@link EscalationException} — never {@code UNAVAILABLE} (every port is healthy), never another exception, never
 * after ten seconds; an {@link InvalidCommandException}'s violations name a component of the record (or the parameter
 * itself); and a refused call changes nothing the store holds. {@link HostileInputProperties} (escalation-test) draws
 * such values per method by hand; this probe reaches every component of every record parameter, including 1 MB
 * texts, 100,000-element lists, lists holding {@code null} and nested records.
 */
class CommandComponentsHostileProperties {
    private static final int SECONDS = 10;
    private static final List<Actor> ACTORS = List.of(World.SAM, World.EVE, World.INA);
    /** A parameter whose violations carry another name than the parameter's, documented in the CHANGELOG. */
    private static final Map<String, String> FIELD_OF_PARAMETER = Map.of("to", "policy");

    private final HostileValues values = new HostileValues();
    private World w;
    private EscalationId active;
    /** What the store held after the last call that was not refused. */
    private State last;

    /** A record argument: built, or refused when built (a value's own check: IAE or NPE, not the engine's call). */
    private record Built(Object value, Throwable refused) {}

    /** The engine's methods that take a record (besides the actor), with the index of that parameter. */
    private static List<Map.Entry<Method, Integer>> targets() {
        List<Map.Entry<Method, Integer>> out = new ArrayList<>();
        for (Class<?> facet : List.of(EscalationEngine.class, EscalationOperations.class)) {
            Arrays.stream(facet.getMethods())
                    .filter(m -> m.getDeclaringClass() == facet)
                    .sorted((a, b) -> a.toGenericString().compareTo(b.toGenericString()))
                    .forEach(m -> {
                        Class<?>[] ps = m.getParameterTypes();
                        for (int i = 0; i < ps.length; i++) {
                            if (ps[i].isRecord() && ps[i] != Actor.class) {
                                out.add(Map.entry(m, i));
                            }
                        }
                    });
        }
        return out;
    }

    @Example
    void everyComponentOfEveryRecordArgumentIsHostileOnce() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<Method, Integer> target : targets()) {
            for (Actor actor : ACTORS) {
                fresh();
                for (Built b : variants(target.getKey().getParameterTypes()[target.getValue()], 0)) {
                    calls++;
                    call(target.getKey(), target.getValue(), actor, b, wrong);
                }
            }
        }
        assertThat(wrong).as("of %d calls", calls).isEmpty();
        assertThat(calls).as("calls made").isGreaterThan(2500);
    }

    /** Several components hostile at once. */
    @Property(tries = 100)
    void severalHostileComponentsTogether(
            @ForAll @IntRange(min = 0, max = 10_000) int which,
            @ForAll @IntRange(min = 0, max = 2) int actor,
            @ForAll("picks") List<Integer> picks) {
        List<Map.Entry<Method, Integer>> targets = targets();
        Map.Entry<Method, Integer> target = targets.get(which % targets.size());
        Class<?> type = target.getKey().getParameterTypes()[target.getValue()];
        RecordComponent[] rc = type.getRecordComponents();
        fresh();
        Object[] args = usualComponents(type);
        for (int i = 0; i < rc.length; i++) {
            List<Object> pool = hostile(rc[i].getGenericType(), 0);
            int pick = picks.get(i % picks.size());
            if (pick < pool.size()) {
                args[i] = pool.get(pick);
            }
        }
        List<String> wrong = new ArrayList<>();
        call(target.getKey(), target.getValue(), ACTORS.get(actor), build(type, args), wrong);
        assertThat(wrong).isEmpty();
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 24).list().ofMinSize(1).ofMaxSize(8);
    }

    private void fresh() {
        w = new World(b -> b.slaPolicy(SlaFixtures.V1)
                .auditTrail(
                        new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), AuditTrailTest.KEYS)));
        active = w.active();
        last = state();
        values.known(EscalationId.class, () -> active);
        values.known(CaseId.class, () -> World.C1);
        values.known(StaffId.class, () -> StaffId.of("eve"));
        values.known(ContactId.class, () -> ContactId.of("ina"));
        values.known(CustomerId.class, () -> CustomerId.of("acme"));
        values.known(Instant.class, () -> w.clock.instant().plusSeconds(7200));
        values.known(Long.class, () -> null); // an expected version: none
    }

    private void call(Method m, int position, Actor actor, Built record, List<String> wrong) {
        Object facet = m.getDeclaringClass() == EscalationEngine.class ? w.engine : w.engine.operations();
        String call = m.getName() + "(" + actor.id() + ", " + shown(record) + ")";
        if (record.refused() != null) {
            if (!(record.refused() instanceof IllegalArgumentException
                    || record.refused() instanceof NullPointerException)) {
                wrong.add(call + ": the record refused its values with " + record.refused());
            }
            return;
        }
        Object[] args = new Object[m.getParameterCount()];
        Class<?>[] ps = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = i == position ? record.value() : ps[i] == Actor.class ? actor : values.usual(ps[i]);
        }
        HostileValues.Outcome o = HostileValues.call(m, facet, args, SECONDS);
        if (o.hung()) {
            wrong.add(call + ": no answer within " + SECONDS + " s");
            return;
        }
        Throwable t = o.thrown();
        if (t == null) {
            last = state();
            return;
        }
        if (!(t instanceof EscalationException) || t instanceof EscalationUnavailableException) {
            StackTraceElement[] at = t.getStackTrace();
            wrong.add(call + ": " + t + (at.length > 0 ? " at " + at[0] : ""));
            return;
        }
        if (t instanceof InvalidCommandException e) {
            String parameter = m.getParameters()[position].getName();
            Set<String> names = new HashSet<>();
            for (RecordComponent c : ps[position].getRecordComponents()) {
                names.add(c.getName());
            }
            for (InvalidCommandException.Violation v : e.violations()) {
                if (!namesAComponent(v.field(), names, FIELD_OF_PARAMETER.getOrDefault(parameter, parameter))) {
                    wrong.add(call + ": violation " + v.code() + " names no component of "
                            + ps[position].getSimpleName());
                }
            }
        }
        if (!state().equals(last)) {
            wrong.add(call + ": refused as " + ((EscalationException) t).code() + ", but the store changed");
        }
    }

    /** {@code component…}, {@code parameter} or {@code parameter.component…} ({@code command} for a command). */
    private static boolean namesAComponent(String field, Set<String> components, String parameter) {
        String[] segments = field.split("[.\\[]");
        return components.contains(segments[0])
                || segments.length == 1 && (segments[0].equals(parameter) || segments[0].equals("command"))
                || segments.length > 1 && segments[0].equals(parameter) && components.contains(segments[1]);
    }

    /** Everything the store holds, and how many changes it recorded. */
    private record State(List<String> strings, int changes) {}

    private State state() {
        return new State(
                PersonalDataTest.strings(w.memoryStore),
                w.memoryStore.changesSince(ChangeBatch.START, 500).changes().size());
    }

    /** The record with each component hostile once, then null; nested records' components too. */
    private List<Built> variants(Class<?> type, int depth) {
        List<Built> out = new ArrayList<>();
        out.add(new Built(null, null));
        RecordComponent[] rc = type.getRecordComponents();
        for (int i = 0; i < rc.length; i++) {
            for (Object hostile : hostile(rc[i].getGenericType(), depth)) {
                Object[] args = usualComponents(type);
                args[i] = hostile;
                out.add(build(type, args));
            }
        }
        return out;
    }

    /** Hostile values of a component: the generic ones, hostile ids and versions, nested records' variants. */
    private List<Object> hostile(Type type, int depth) {
        List<Object> out = new ArrayList<>(values.of(type));
        Class<?> raw = HostileValues.raw(type);
        if (raw == EscalationId.class) {
            out.addAll(List.of(
                    EscalationId.of("E-404"),
                    EscalationId.of("\u202E1"),
                    EscalationId.of("a\ud800"),
                    EscalationId.of("x".repeat(128))));
        } else if (raw == StaffId.class) {
            out.addAll(List.of(StaffId.of("nobody"), StaffId.of("\u200b"), StaffId.of("ina"), StaffId.of("hal")));
        } else if (raw == ContactId.class) {
            out.addAll(List.of(ContactId.of("nobody"), ContactId.of("gil"), ContactId.of("old"), ContactId.of("eve")));
        } else if (raw == CaseId.class) {
            out.addAll(List.of(CaseId.of("G-1"), CaseId.of("C-404"), CaseId.of("C\u2066-1")));
        }
        if (depth < 1 && raw.isRecord()) {
            variants(raw, depth + 1).stream()
                    .filter(b -> b.refused() == null && b.value() != null)
                    .forEach(b -> out.add(b.value()));
        }
        if (depth < 1 && raw == List.class && type instanceof ParameterizedType p) {
            Class<?> element = HostileValues.raw(p.getActualTypeArguments()[0]);
            if (element.isRecord()) {
                variants(element, depth + 1).stream()
                        .filter(b -> b.refused() == null && b.value() != null)
                        .forEach(b -> out.add(List.of(b.value())));
            }
        }
        return out;
    }

    private Object[] usualComponents(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getType().isRecord() && !values.known(c.getType())
                        ? build(c.getType(), usualComponents(c.getType())).value()
                        : values.usual(c.getType()))
                .toArray();
    }

    private static Built build(Class<?> type, Object[] args) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            return new Built(c.newInstance(args), null);
        } catch (InvocationTargetException e) {
            return new Built(null, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " " + Arrays.toString(args), e);
        }
    }

    private static String shown(Built b) {
        return HostileValues.shown(b.refused() != null ? "refused when built" : b.value(), 160);
    }
}
