package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every public constructor, static factory and method of the public API's values, queries, commands, settings and
 * builders ({@code dev.escalation.model} of the SPI; {@code dev.escalation}, {@code .calendar}, {@code .command},
 * {@code .sla} and {@code .text} of core), found by reflection, called with {@link HostileValues hostile arguments}:
 * values check themselves when built, so the only exceptions are {@link IllegalArgumentException} and
 * {@link NullPointerException} (README, error contract) — and a {@code build()} may also refuse the whole as its
 * Javadoc says ({@link IllegalStateException}, an {@link EscalationException}). Never another runtime exception, an
 * {@link Error} (a stack or heap overflow) or a call that does not return within ten seconds. The engine's own methods
 * are probed by {@link PublicMethodsHostileArgumentsTest} and {@link CommandComponentsHostileProperties}.
 */
class PublicValuesHostileProperties {
    private static final int SECONDS = 10;
    /** The engine and its facets: probed with a world of data elsewhere. */
    private static final Set<Class<?>> ENGINE =
            Set.of(EscalationEngine.class, EscalationOperations.class, AuditOperations.class);

    private final HostileValues values = new HostileValues();
    private final List<Executable> targets = targets();

    /** The public executables of the public API's value types, constructors first, in a stable order. */
    private static List<Executable> targets() {
        List<Executable> out = new ArrayList<>();
        for (Class<?> t : HostileValues.apiTypes()) {
            if (ENGINE.contains(t) || Throwable.class.isAssignableFrom(t)) {
                continue;
            }
            boolean instances = !t.isInterface() && !Modifier.isAbstract(t.getModifiers());
            if (instances) {
                out.addAll(Arrays.asList(t.getConstructors()));
            }
            Arrays.stream(t.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
                    .filter(m -> instances || Modifier.isStatic(m.getModifiers()))
                    .filter(m -> !t.isEnum() || !Set.of("values", "valueOf").contains(m.getName()))
                    .sorted((a, b) -> a.toGenericString().compareTo(b.toGenericString()))
                    .forEach(out::add);
        }
        return out;
    }

    @Example
    void everyPublicValueExecutableTakesEachHostileArgumentAsDocumented() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Executable e : targets) {
            Type[] types = e.getGenericParameterTypes();
            if (types.length != e.getParameterCount()) {
                types = e.getParameterTypes(); // an inner class's constructor: no generic signature for its outer
            }
            if (types.length == 0) {
                calls++;
                check(e, new Object[0], -1, wrong);
            }
            for (int p = 0; p < types.length; p++) {
                for (Object hostile : values.of(types[p])) {
                    Object[] args = usualArguments(e);
                    args[p] = hostile;
                    calls++;
                    check(e, args, p, wrong);
                }
            }
        }
        assertThat(wrong)
                .as("of %d calls to %d executables", calls, targets.size())
                .isEmpty();
        assertThat(targets).as("executables probed").hasSizeGreaterThan(300);
        assertThat(calls).as("calls made").isGreaterThan(4000);
    }

    /** Several hostile arguments in one call, any executable. */
    @Property(tries = 500)
    void anyHostileArgumentsTogether(
            @ForAll @IntRange(min = 0, max = 100_000) int which, @ForAll("picks") List<Integer> picks) {
        Executable e = targets.get(which % targets.size());
        Type[] types = e.getGenericParameterTypes();
        if (types.length != e.getParameterCount()) {
            types = e.getParameterTypes();
        }
        Object[] args = usualArguments(e);
        for (int p = 0; p < types.length; p++) {
            List<Object> pool = values.of(types[p]);
            int pick = picks.get(p % picks.size());
            if (pick < pool.size()) { // else the usual value stays
                args[p] = pool.get(pick);
            }
        }
        List<String> wrong = new ArrayList<>();
        check(e, args, 0, wrong);
        assertThat(wrong).isEmpty();
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 15).list().ofMinSize(1).ofMaxSize(12);
    }

    private Object[] usualArguments(Executable e) {
        return Arrays.stream(e.getParameterTypes()).map(values::usual).toArray();
    }

    private void check(Executable e, Object[] args, int position, List<String> wrong) {
        boolean isStatic = e instanceof Constructor || Modifier.isStatic(e.getModifiers());
        Object target = isStatic ? null : values.fresh(e.getDeclaringClass());
        if (!isStatic && target == null) {
            wrong.add(e.toGenericString() + ": no instance to call it on (add one to HostileValues)");
            return;
        }
        HostileValues.Outcome o = HostileValues.call(e, target, args, SECONDS);
        String call = e.getDeclaringClass().getName() + "." + e.getName() + " " + Arrays.toString(e.getParameterTypes())
                + ", argument " + position + " = " + shown(args, position);
        if (o.hung()) {
            wrong.add(call + ": no answer within " + SECONDS + " s");
        } else if (o.thrown() != null && !documented(e, o.thrown())) {
            StackTraceElement[] at = o.thrown().getStackTrace();
            wrong.add(call + ": " + o.thrown() + (at.length > 0 ? " at " + at[0] : ""));
        }
    }

    private static boolean documented(Executable e, Throwable t) {
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return true;
        }
        return e.getName().equals("build") && (t instanceof IllegalStateException || t instanceof EscalationException);
    }

    private static String shown(Object[] args, int position) {
        return position < 0 || position >= args.length ? "-" : HostileValues.shown(args[position], 60);
    }
}
