package dev.escalation.internal.validation;

import jakarta.validation.GroupSequence;
import jakarta.validation.Validator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The pre-check of one record class, derived once from the validator's constraint metadata: per constrained
 * component, the rules of its constraints, whether it cascades ({@code @Valid}) and, for a {@code List}, the rules and
 * cascade of its elements. A class the plan cannot model exactly gets {@link #NEVER}.
 */
final class PrecheckPlan {
    /** The plan of a class whose commands always go to the validator. */
    static final PrecheckPlan NEVER = new PrecheckPlan(new Component[0], false);

    /** Component types a plan supports: the ones the commands use (plus records, enums and primitives). */
    private static final Set<Class<?>> SUPPORTED =
            Set.of(String.class, Instant.class, Duration.class, List.class, Integer.class, Long.class, Boolean.class);

    /**
     * One constrained record component.
     *
     * @param field    the component's field (what the validator reads), made accessible; read through core
     *                 reflection, whose accessors the JIT compiles to a plain load (a method handle that is not a
     *                 constant is not inlined: it ran through its lambda forms' casts on every read)
     * @param accessor the component's accessor as a function (a class spun per accessor by the lambda metafactory,
     *                 which calls it as plain code, not through {@code Method.invoke}); a value differing from the
     *                 field's is left to the validator
     * @param rules    the rules of the component's constraints
     * @param cascaded whether the value is validated as a bean of its own ({@code @Valid})
     * @param elements the rules of its elements (a {@code List}'s type argument), or {@code null}
     */
    private record Component(
            Field field,
            Function<Object, Object> accessor,
            PrecheckRules.Rule[] rules,
            boolean cascaded,
            @Nullable Elements elements) {}

    /**
     * The constraints of a {@code List}'s elements.
     *
     * @param rules    the rules of the element's constraints
     * @param cascaded whether each element is validated as a bean of its own
     */
    private record Elements(PrecheckRules.Rule[] rules, boolean cascaded) {}

    private final Component[] components;
    private final boolean covered;

    private PrecheckPlan(Component[] components, boolean covered) {
        this.components = components;
        this.covered = covered;
    }

    /** Whether the plan can accept at all. */
    boolean covered() {
        return covered;
    }

    /** The plan of {@code type}, or {@link #NEVER} for anything it cannot model exactly. */
    static PrecheckPlan of(Class<?> type, Validator validator) {
        try {
            return derive(type, validator);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return NEVER; // on any doubt: the validator decides
        }
    }

    private static PrecheckPlan derive(Class<?> type, Validator validator) throws ReflectiveOperationException {
        if (!type.isRecord()
                || type.isAnnotationPresent(GroupSequence.class)
                || type.isAnnotationPresent(org.hibernate.validator.group.GroupSequenceProvider.class)) {
            return NEVER;
        }
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.getConstraintDescriptors().isEmpty()) {
            return NEVER; // class-level constraints
        }
        Map<String, RecordComponent> byName = new HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            byName.put(c.getName(), c);
        }
        List<Component> components = new ArrayList<>();
        for (PropertyDescriptor p : bean.getConstrainedProperties()) {
            RecordComponent c = byName.get(p.getPropertyName());
            if (c == null || !supported(c.getType()) || !p.getGroupConversions().isEmpty()) {
                return NEVER;
            }
            PrecheckRules.Rule[] rules = PrecheckRules.of(p.getConstraintDescriptors(), type, c.getName(), validator);
            Elements elements = elements(p.getConstrainedContainerElementTypes(), type, validator);
            if (rules == null || elements == NO_ELEMENTS) {
                return NEVER;
            }
            Field field = type.getDeclaredField(c.getName());
            Method accessor = c.getAccessor();
            if (field.getType() != c.getType()) {
                return NEVER;
            }
            field.setAccessible(true);
            accessor.setAccessible(true);
            components.add(new Component(field, function(accessor), rules, p.isCascaded(), elements));
        }
        return new PrecheckPlan(components.toArray(new Component[0]), true);
    }

    /**
     * The accessor as a function made by the lambda metafactory (a primitive boxed by {@code valueOf}, as a field is
     * read; an exception the accessor throws comes out as it is). Where the metafactory cannot reach the accessor the
     * class gets no plan ({@link #of}: the validator decides).
     */
    private static Function<Object, Object> function(Method accessor) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle target = lookup.unreflect(accessor);
            CallSite site = LambdaMetafactory.metafactory(
                    lookup,
                    "apply",
                    MethodType.methodType(Function.class),
                    MethodType.methodType(Object.class, Object.class),
                    target,
                    target.type().wrap());
            @SuppressWarnings("unchecked")
            Function<Object, Object> f =
                    (Function<Object, Object>) site.getTarget().invoke();
            return f;
        } catch (Error e) {
            throw e;
        } catch (Throwable notReachable) {
            throw new IllegalStateException("no function for " + accessor, notReachable);
        }
    }

    /** Marks container element constraints a plan cannot model. */
    private static final Elements NO_ELEMENTS = new Elements(new PrecheckRules.Rule[0], false);

    private static @Nullable Elements elements(
            Set<ContainerElementTypeDescriptor> containers, Class<?> type, Validator validator) {
        if (containers.isEmpty()) {
            return null;
        }
        if (containers.size() != 1) {
            return NO_ELEMENTS;
        }
        ContainerElementTypeDescriptor e = containers.iterator().next();
        if (e.getContainerClass() != List.class
                || e.getTypeArgumentIndex() == null
                || e.getTypeArgumentIndex() != 0
                || !e.getConstrainedContainerElementTypes().isEmpty()
                || !e.getGroupConversions().isEmpty()) {
            return NO_ELEMENTS;
        }
        // no property name: a rule that asks the validator for one property (Email) gives no rule here
        PrecheckRules.Rule[] rules = PrecheckRules.of(e.getConstraintDescriptors(), type, "", validator);
        return rules == null ? NO_ELEMENTS : new Elements(rules, e.isCascaded());
    }

    private static boolean supported(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.isRecord() || SUPPORTED.contains(type);
    }

    /** Whether {@code bean} (of this plan's class) certainly passes the validator. */
    boolean accepts(Object bean, Precheck precheck, int depth) {
        if (!covered) {
            return false;
        }
        try {
            for (Component c : components) {
                Object value = c.field().get(bean);
                if (value != c.accessor().apply(bean)
                        || !PrecheckRules.all(c.rules(), value)
                        || (c.cascaded() && value != null && !precheck.accepts(value, depth + 1))
                        || (c.elements() != null && value != null && !elements(c.elements(), value, precheck, depth))) {
                    return false;
                }
            }
            return true;
        } catch (Error e) {
            throw e; // as the accessor threw it
        } catch (Throwable e) {
            return false; // an accessor threw: the validator reports what it finds
        }
    }

    private static boolean elements(Elements elements, Object value, Precheck precheck, int depth) {
        if (!(value instanceof List)) {
            return false;
        }
        for (Object element : (List<?>) value) {
            if (!PrecheckRules.all(elements.rules(), element)
                    || (elements.cascaded() && element != null && !precheck.accepts(element, depth + 1))) {
                return false;
            }
        }
        return true;
    }
}
