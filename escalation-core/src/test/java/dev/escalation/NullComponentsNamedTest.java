package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public record of the public API ({@code dev.escalation.model} of the SPI; {@code dev.escalation},
 * {@code .calendar}, {@code .command}, {@code .sla} and {@code .text} of core) built with usual values but one
 * component {@code null}: it either takes the {@code null} (commands and queries, which the engine validates and
 * refuses as {@code INVALID_COMMAND} naming the field) or throws a {@link NullPointerException} whose message names
 * that component (README, error contract: "{@code NullPointerException} for {@code null}"; the Javadoc of each says
 * which component), never the JVM's own message about a variable of the constructor's code.
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
