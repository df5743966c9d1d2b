package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.OpeningHours;
import dev.escalation.sla.EscalationChain;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Hostile arguments for any parameter type of the public API, found by reflection, and the usual (valid) values the
 * other parameters take, for the reflection-driven probes ({@link PublicValuesHostileProperties},
 * {@link CommandComponentsHostileProperties}): {@code null}, empty, all-whitespace and 1 MB strings, NUL, lone
 * surrogates, bidi overrides, negative, zero and extreme numbers, zero, negative and "forever" durations,
 * {@code Instant.MIN/MAX/EPOCH}, far dates, empty collections, collections of 100,000 values or holding {@code null},
 * {@code Optional}s of all these, arrays holding {@code null}. Each call runs on a pool thread with a time-out, so a
 * hang is reported, not waited for.
 */
final class HostileValues {
    /** About 1 MB of text. */
    static final String HUGE = "x".repeat(1_000_000);

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-probe");
        t.setDaemon(true);
        return t;
    });

    private final Map<Class<?>, Supplier<Object>> known = new HashMap<>();

    HostileValues() {
        known(DayOfWeek.class, () -> DayOfWeek.MONDAY);
        known(EscalationEngineBuilder.class, EscalationEngine::builder);
        known(SlaPolicy.class, () -> SlaFixtures.V1);
        known(EscalationChain.class, () -> EscalationChain.STANDARD);
        known(OpeningHours.class, () -> new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        known(
                HotlineAdvice.class,
                () -> new HotlineAdvice(
                        HotlineAdvice.Reason.values()[0],
                        Map.of(),
                        Instant.parse("2027-01-12T09:00:00Z"),
                        List.of(new HotlineNumber("Germany", "+49 911 2399 110"))));
        known(Clock.class, Clock::systemUTC);
        known(KeyPair.class, () -> AuditTrailTest.KEYS);
        known(PrivateKey.class, () -> AuditTrailTest.KEYS.getPrivate());
        known(PublicKey.class, () -> AuditTrailTest.KEYS.getPublic());
        known(EscalationStore.class, InMemoryEscalationStore::new);
        known(CustomerDirectory.class, InMemoryCustomerDirectory::new);
        known(StaffDirectory.class, InMemoryStaffDirectory::new);
        known(Notifier.class, InMemoryNotifier::new);
        known(Ticketing.class, InMemoryTicketing::new);
        known(PortalMessages.class, InMemoryPortalMessages::new);
        known(SubjectKeys.class, InMemorySubjectKeys::new);
        known(AuditAnchors.class, InMemoryAuditAnchors::new);
        known(BusinessCalendar.class, BusinessCalendar::alwaysOpen);
        known(HolidaySource.class, () -> (HolidaySource) d -> Optional.empty());
        known(Supplier.class, () -> (Supplier<Object>) () -> null);
        known(Function.class, () -> (Function<Object, Object>) x -> null);
        known(EscalationListener.class, () -> (EscalationListener) e -> {});
    }

    /** Overrides (or adds) the usual value of a type. */
    void known(Class<?> type, Supplier<?> value) {
        known.put(type, value::get);
    }

    /** Whether this type's usual value is given, not made. */
    boolean known(Class<?> type) {
        return known.containsKey(type);
    }

    /** Hostile values for a parameter or record component of this (generic) type, {@code null} first. */
    List<Object> of(Type type) {
        Class<?> t = raw(type);
        List<Object> v = new ArrayList<>();
        if (!t.isPrimitive()) {
            v.add(null);
        }
        if (type instanceof ParameterizedType p && (t == List.class || t == Collection.class || t == Set.class)) {
            Object u = usual(raw(p.getActualTypeArguments()[0]));
            List<Object> withNull = new ArrayList<>(Arrays.asList(u, null));
            v.add(t == Set.class ? Set.of() : List.of());
            v.add(t == Set.class ? new HashSet<>(withNull) : withNull);
            if (u != null && t != Set.class) {
                v.add(Collections.nCopies(100_000, u));
            }
        } else if (type instanceof ParameterizedType p && t == Map.class) {
            Object key = usual(raw(p.getActualTypeArguments()[0]));
            Object value = usual(raw(p.getActualTypeArguments()[1]));
            v.add(Map.of());
            Map<Object, Object> nullValue = new HashMap<>();
            nullValue.put(key, null);
            Map<Object, Object> nullKey = new HashMap<>();
            nullKey.put(null, value);
            v.addAll(List.of(nullValue, nullKey));
        } else if (type instanceof ParameterizedType p && t == Optional.class) {
            v.add(Optional.empty());
            of(p.getActualTypeArguments()[0]).stream().filter(x -> x != null).forEach(x -> v.add(Optional.of(x)));
        } else {
            v.addAll(plain(t));
        }
        return v;
    }

    private List<Object> plain(Class<?> t) {
        if (t == int.class || t == Integer.class) {
            return List.of(-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE);
        }
        if (t == long.class || t == Long.class) {
            return List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE);
        }
        if (t == double.class || t == Double.class) {
            return List.of(-1d, Double.NaN, Double.POSITIVE_INFINITY, Double.MAX_VALUE);
        }
        if (t == boolean.class || t == Boolean.class) {
            return List.of(true, false);
        }
        if (t == String.class) {
            return List.of(
                    "",
                    "   ",
                    "\u3000\u00a0\t",
                    "\u0000",
                    HUGE,
                    "\ud800",
                    "x\udc00y",
                    "\u202E",
                    "a\u202Eb",
                    "\u200b",
                    "\n\r",
                    "\ufeff");
        }
        if (t == Duration.class) {
            return List.of(
                    Duration.ZERO,
                    Duration.ofNanos(-1),
                    Duration.ofSeconds(Long.MIN_VALUE),
                    Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                    ChronoUnit.FOREVER.getDuration(),
                    Duration.ofDays(365L * 10_000));
        }
        if (t == Instant.class) {
            return List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"));
        }
        if (t == LocalDate.class) {
            return List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(9999, 12, 31), LocalDate.EPOCH);
        }
        if (t == LocalTime.class) {
            return List.of(LocalTime.MIN, LocalTime.MAX, LocalTime.NOON);
        }
        if (t == ZoneId.class) {
            return List.of(
                    ZoneOffset.MAX, ZoneOffset.MIN, ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Asia/Kathmandu"));
        }
        if (t == Locale.class) {
            return List.of(Locale.ROOT, Locale.forLanguageTag("zz-ZZ-x-hostile"), Locale.forLanguageTag("ar-SA"));
        }
        if (t.isArray()) {
            List<Object> v = new ArrayList<>();
            v.add(Array.newInstance(t.getComponentType(), 0));
            v.add(Array.newInstance(t.getComponentType(), 1)); // holding null (or zero)
            Object u = usual(t.getComponentType());
            if (u != null) {
                Object many = Array.newInstance(t.getComponentType(), 100_000);
                for (int i = 0; i < 100_000; i++) {
                    Array.set(many, i, u);
                }
                v.add(many);
            }
            return v;
        }
        if (t.isEnum()) {
            return Arrays.asList(t.getEnumConstants());
        }
        return List.of();
    }

    private final Map<Class<?>, Optional<Object>> made = new HashMap<>();

    /**
     * A usual (valid) value of this type: a known one, a plain one, else the first that a public static factory of
     * the type (or of a type enclosing it) or a public constructor makes of usual values; {@code null} if none does.
     */
    Object usual(Class<?> t) {
        return usual(t, 0);
    }

    /** A new usual value: for builders, whose state a probe changes. */
    Object fresh(Class<?> t) {
        made.remove(t);
        return usual(t, 0);
    }

    private Object usual(Class<?> t, int depth) {
        Supplier<Object> k = known.get(t);
        if (k != null) {
            return k.get();
        }
        Object p = plainUsual(t);
        if (p != null || t.isPrimitive()) {
            return p;
        }
        Optional<Object> cached = made.get(t);
        if (cached != null || depth > 4) {
            return cached == null ? null : cached.orElse(null);
        }
        List<Executable> makers = new ArrayList<>();
        for (Class<?> o = t; o != null; o = o.getEnclosingClass()) {
            for (Method m : o.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == t) {
                    makers.add(m);
                }
            }
        }
        makers.addAll(Arrays.asList(t.getConstructors()));
        makers.sort(Comparator.comparingInt(Executable::getParameterCount));
        Object value = null;
        for (Executable e : makers) {
            Object[] args = Arrays.stream(e.getParameterTypes())
                    .map(c -> usual(c, depth + 1))
                    .toArray();
            try {
                value = e instanceof Method m ? m.invoke(null, args) : ((Constructor<?>) e).newInstance(args);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                continue; // the next maker
            }
            if (value != null) {
                break;
            }
        }
        made.put(t, Optional.ofNullable(value));
        return value;
    }

    private static Object plainUsual(Class<?> t) {
        if (t == int.class || t == Integer.class) {
            return 1;
        }
        if (t == long.class) {
            return 1L;
        }
        if (t == double.class || t == Double.class) {
            return 1d;
        }
        if (t == boolean.class || t == Boolean.class) {
            return false;
        }
        if (t == String.class || t == Object.class || t == CharSequence.class) {
            return "ok";
        }
        if (t == Duration.class) {
            return Duration.ofHours(1);
        }
        if (t == Instant.class) {
            return Instant.parse("2027-01-12T09:00:00Z");
        }
        if (t == LocalDate.class) {
            return LocalDate.of(2027, 1, 12);
        }
        if (t == LocalTime.class) {
            return LocalTime.of(9, 0);
        }
        if (t == ZoneId.class) {
            return ZoneId.of("Europe/Berlin");
        }
        if (t == Locale.class) {
            return Locale.GERMANY;
        }
        if (t == List.class || t == Collection.class) {
            return List.of();
        }
        if (t == Set.class) {
            return Set.of();
        }
        if (t == Map.class) {
            return Map.of();
        }
        if (t == Optional.class) {
            return Optional.empty();
        }
        if (t.isArray()) {
            return Array.newInstance(t.getComponentType(), 0);
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        return null;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType a) {
            return Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /** What a call did: answered, threw, or did not answer in time. */
    record Outcome(Object value, Throwable thrown, boolean hung) {}

    /** Calls on a pool thread, waiting at most {@code seconds}. */
    static Outcome call(Executable e, Object target, Object[] args, int seconds) {
        Future<Object> f = POOL.submit(() -> {
            try {
                return e instanceof Method m ? m.invoke(target, args) : ((Constructor<?>) e).newInstance(args);
            } catch (InvocationTargetException x) {
                return new Outcome(null, x.getCause(), false);
            }
        });
        try {
            Object r = f.get(seconds, TimeUnit.SECONDS);
            return r instanceof Outcome o ? o : new Outcome(r, null, false);
        } catch (ExecutionException x) {
            return new Outcome(null, x.getCause(), false);
        } catch (TimeoutException x) {
            f.cancel(true);
            return new Outcome(null, null, true);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", x);
        }
    }

    /**
     * The public types of the public API: {@code dev.escalation.model} of the SPI; {@code dev.escalation},
     * {@code .calendar}, {@code .command}, {@code .sla} and {@code .text} of core.
     */
    static List<Class<?>> apiTypes() {
        List<Class<?>> types = new ArrayList<>(publicTypes(CaseId.class, "dev.escalation.model"));
        types.addAll(publicTypes(
                EscalationEngine.class,
                "dev.escalation",
                "dev.escalation.calendar",
                "dev.escalation.command",
                "dev.escalation.sla",
                "dev.escalation.text"));
        return types;
    }

    /** The public classes (all enclosing classes public too) of these packages in the code source of an anchor. */
    static List<Class<?>> publicTypes(Class<?> anchor, String... packages) {
        List<String> names = new ArrayList<>();
        try {
            Path root = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.map(root::relativize).map(Path::toString).forEach(n -> names.add(n.replace('\\', '/')));
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().forEach(e -> names.add(e.getName()));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError(e);
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            if (!n.endsWith(".class") || n.endsWith("module-info.class") || n.endsWith("package-info.class")) {
                continue;
            }
            String name = n.substring(0, n.length() - 6).replace('/', '.');
            Class<?> c;
            try {
                c = Class.forName(name, false, HostileValues.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            boolean visible = Arrays.asList(packages).contains(c.getPackageName());
            for (Class<?> x = c; visible && x != null; x = x.getEnclosingClass()) {
                visible = Modifier.isPublic(x.getModifiers());
            }
            if (visible) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(Class::getName));
        return out;
    }

    /**
     * {@code value} as text for a failure message: at most {@code max} characters (and the length if cut), control,
     * invisible formatting and lone surrogate characters as a backslash-u escape.
     */
    static String shown(Object value, int max) {
        String s = String.valueOf(value);
        s = s.length() > max ? s.substring(0, max) + "… (" + s.length() + " characters)" : s;
        StringBuilder b = new StringBuilder();
        s.codePoints()
                .forEach(c -> b.append(
                        Character.isISOControl(c)
                                        || Character.getType(c) == Character.FORMAT
                                        || Character.getType(c) == Character.SURROGATE
                                ? String.format("\\u%04X", c)
                                : new String(Character.toChars(c))));
        return b.toString();
    }
}
