package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.MetricSelection;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every public record of the public API ({@code dev.escalation.model} of the SPI; {@code dev.escalation},
 * {@code .calendar}, {@code .command}, {@code .sla} and {@code .text} of core) built with usual values but one
 * component {@code null}: it either takes the {@code null} (commands and queries, which the engine validates and
 * refuses as {@code INVALID_COMMAND} naming the field) or throws a {@link NullPointerException} whose message names
 * that component (README, error contract: "{@code NullPointerException} for {@code null}"; the Javadoc of each says
 * which component), never the JVM's own message about a variable of the constructor's code. The same with a list, set
 * or map component that holds a {@code null} element, key or value: the message names the component and the element
 * ({@code "participants[1]"}, {@code "customers element"}, {@code "params key"}, {@code "params value"}); the records
 * of the SPI's {@code dev.escalation.spi} are probed too.
 */
class NullComponentsNamedTest {
    private final HostileValues values = new HostileValues();

    @Test
    void aNullComponentIsTakenOrNamed() throws ReflectiveOperationException {
        List<Class<?>> types = HostileValues.apiTypes();
        List<String> unnamed = new ArrayList<>();
        List<String> unbuilt = new ArrayList<>();
        int refused = 0;
        for (Class<?> t : types) {
            if (!t.isRecord()) {
                continue;
            }
            RecordComponent[] components = t.getRecordComponents();
            Class<?>[] parameters = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                parameters[i] = components[i].getType();
            }
            Constructor<?> canonical = t.getDeclaredConstructor(parameters);
            if (!Modifier.isPublic(canonical.getModifiers())) {
                continue;
            }
            Object[] usual = usualComponents(t, canonical);
            if (usual == null) {
                unbuilt.add(t.getSimpleName());
                continue;
            }
            for (int i = 0; i < components.length; i++) {
                if (parameters[i].isPrimitive()) {
                    continue;
                }
                Object[] args = usual.clone();
                args[i] = null;
                HostileValues.Outcome o = HostileValues.call(canonical, null, args, 10);
                String name = components[i].getName();
                String where = t.getName() + "." + name;
                assertThat(o.hung()).as(where).isFalse();
                if (o.thrown() == null) {
                    continue; // taken: validated where it is used
                }
                assertThat(o.thrown()).as(where).isInstanceOf(NullPointerException.class);
                refused++;
                if (!names(o.thrown().getMessage(), name)) {
                    unnamed.add(where + ": " + o.thrown().getMessage());
                }
            }
        }
        assertThat(unbuilt).as("records no usual value makes").isEmpty();
        assertThat(refused)
                .as("records that refuse a null component were found")
                .isGreaterThan(200);
        assertThat(unnamed).as("null components refused without naming them").isEmpty();
    }

    @Test
    void aNullElementIsTakenOrNamed() throws ReflectiveOperationException {
        List<Class<?>> types = recordTypes();
        List<String> unnamed = new ArrayList<>();
        List<String> unbuilt = new ArrayList<>();
        int probed = 0;
        int refused = 0;
        for (Class<?> t : types) {
            Constructor<?> canonical = publicCanonical(t);
            if (canonical == null) {
                continue;
            }
            RecordComponent[] components = t.getRecordComponents();
            Object[] usual = null;
            for (int i = 0; i < components.length; i++) {
                if (!(components[i].getGenericType() instanceof ParameterizedType p)
                        || !COLLECTIONS.contains(components[i].getType())) {
                    continue;
                }
                usual = usual == null ? usualComponents(t, canonical) : usual;
                if (usual == null) {
                    unbuilt.add(t.getSimpleName());
                    break;
                }
                for (Map.Entry<Object, String> e :
                        holdingNull(components[i], p, canonical, usual, i).entrySet()) {
                    Object[] args = usual.clone();
                    args[i] = e.getKey();
                    HostileValues.Outcome o = HostileValues.call(canonical, null, args, 10);
                    String where = t.getName() + "." + components[i].getName() + " holding " + e.getKey();
                    probed++;
                    assertThat(o.hung()).as(where).isFalse();
                    if (o.thrown() == null) {
                        continue; // taken: validated where it is used
                    }
                    assertThat(o.thrown()).as(where).isInstanceOf(NullPointerException.class);
                    refused++;
                    if (!names(o.thrown().getMessage(), e.getValue())) {
                        unnamed.add(where + ": " + o.thrown().getMessage() + " (expected " + e.getValue() + ")");
                    }
                }
            }
        }
        assertThat(unbuilt).as("records no usual value makes").isEmpty();
        assertThat(probed).as("collection components holding null probed").isGreaterThan(130);
        assertThat(refused).as("records that refuse a null element were found").isGreaterThan(120);
        assertThat(unnamed).as("null elements refused without naming them").isEmpty();
    }

    /** The API's types and the SPI's {@code dev.escalation.spi}; a usual value for a record usual values can't make. */
    private List<Class<?>> recordTypes() {
        List<Class<?>> types = new ArrayList<>(HostileValues.apiTypes());
        types.addAll(HostileValues.publicTypes(ChangeBatch.class, "dev.escalation.spi"));
        Instant from = Instant.parse("2027-01-12T00:00:00Z"); // the usual instant twice is an empty span
        values.known(
                MetricSelection.class,
                () -> new MetricSelection(
                        from, from.plusSeconds(86_400), Optional.empty(), Set.of(), Set.of(), Set.of()));
        return types;
    }

    private static final Set<Class<?>> COLLECTIONS = Set.of(List.class, Collection.class, Set.class, Map.class);

    /** The record's canonical constructor, if the type is a record and the constructor public. */
    private static Constructor<?> publicCanonical(Class<?> t) throws NoSuchMethodException {
        if (!t.isRecord()) {
            return null;
        }
        Class<?>[] parameters = Arrays.stream(t.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<?> canonical = t.getDeclaredConstructor(parameters);
        return Modifier.isPublic(canonical.getModifiers()) ? canonical : null;
    }

    /**
     * For the {@code i}-th component of a record, a list, set, collection or map: {@code null}, and collections holding
     * {@code null} (maps: a {@code null} value, a {@code null} key), each with the name a refusal must give. A list
     * holds a usual element before the {@code null} if the record takes a list of that element alone.
     */
    private Map<Object, String> holdingNull(
            RecordComponent c, ParameterizedType p, Constructor<?> canonical, Object[] usual, int i) {
        Type[] arguments = p.getActualTypeArguments();
        Object first = values.usual(HostileValues.raw(arguments[0]));
        String name = c.getName();
        Map<Object, String> out = new LinkedHashMap<>();
        out.put(null, name); // the component itself: the SPI's records are not in aNullComponentIsTakenOrNamed
        if (c.getType() == Map.class) {
            Object value = values.usual(HostileValues.raw(arguments[1]));
            Map<Object, Object> nullValue = new HashMap<>();
            nullValue.put(first, null);
            out.put(nullValue, name + " value");
            Map<Object, Object> nullKey = new HashMap<>();
            nullKey.put(null, value);
            out.put(nullKey, name + " key");
            return out;
        }
        boolean taken = false;
        if (first != null) {
            Object[] alone = usual.clone();
            alone[i] = c.getType() == Set.class ? Set.of(first) : List.of(first);
            taken = HostileValues.call(canonical, null, alone, 10).thrown() == null;
        }
        List<Object> elements = taken ? Arrays.asList(first, null) : Arrays.asList((Object) null);
        if (c.getType() == Set.class) {
            out.put(new HashSet<>(elements), name + " element");
        } else {
            out.put(elements, name + "[" + (elements.size() - 1) + "]");
        }
        return out;
    }

    /**
     * Valid components: the usual value of each, else those of a usual record (made by a factory of the type) or of
     * a constant of the type (such as {@code EscalationChain.STANDARD}); {@code null} if none builds.
     */
    private Object[] usualComponents(Class<?> t, Constructor<?> canonical) throws ReflectiveOperationException {
        RecordComponent[] components = t.getRecordComponents();
        Object[] usual = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            usual[i] = values.usual(components[i].getType());
        }
        if (HostileValues.call(canonical, null, usual, 10).thrown() == null) {
            return usual;
        }
        List<Object> exemplars = new ArrayList<>();
        exemplars.add(values.usual(t));
        for (Field f : t.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == t) {
                exemplars.add(f.get(null));
            }
        }
        for (Object e : exemplars) {
            if (e != null) {
                for (int i = 0; i < components.length; i++) {
                    usual[i] = components[i].getAccessor().invoke(e);
                }
                return usual;
            }
        }
        return null;
    }

    /** The message is the component's name, perhaps after the type's ({@code "CaseId value"}). */
    private static boolean names(String message, String component) {
        return message != null && (message.equals(component) || message.endsWith(" " + component));
    }
}
