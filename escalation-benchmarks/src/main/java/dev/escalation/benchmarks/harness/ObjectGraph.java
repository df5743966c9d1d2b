package dev.escalation.benchmarks.harness;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects reachable from a root through instance fields, with their estimated sizes on a 64-bit JVM with
 * compressed references (object header 12 bytes, references 4, arrays 16 + elements, everything aligned to 8). An
 * estimate of the memory a structure holds, by class; no agent needed. Classes, class loaders and threads are not
 * followed. Reading the JDK's collections needs {@code --add-opens java.base/java.util=ALL-UNNAMED} (and the other
 * packages named in run.sh); a field that cannot be opened is counted as a reference and not followed
 * ({@link #unreadable()}).
 *
 * <p>The walk stays inside the structure: it does not follow the synthetic reference of an inner or anonymous class
 * to its enclosing instance ({@code this$0}), nor into objects of a class whose simple name contains "Store" (the
 * in-memory store and its shared state, which the outbox may reach through a callback); those are counted in
 * {@link #stopped()}.
 */
final class ObjectGraph {
    private final Map<Class<?>, List<Field>> fields = new HashMap<>();
    private final Map<String, long[]> byClass = new HashMap<>();
    private final Set<String> unreadable = new java.util.TreeSet<>();
    private long objects;
    private long bytes;
    private long stopped;

    private ObjectGraph() {}

    /**
     * Walks the graph reachable from {@code root}.
     *
     * @param root the structure
     * @return its objects and bytes
     */
    static ObjectGraph of(Object root) {
        ObjectGraph g = new ObjectGraph();
        g.walk(root);
        return g;
    }

    long objects() {
        return objects;
    }

    long bytes() {
        return bytes;
    }

    long stopped() {
        return stopped;
    }

    Set<String> unreadable() {
        return unreadable;
    }

    /** @return the {@code n} classes holding the most bytes: class, instances, bytes */
    List<Object[]> top(int n) {
        List<Object[]> rows = new ArrayList<>();
        byClass.forEach((k, v) -> rows.add(new Object[] {k, v[0], v[1]}));
        rows.sort((a, b) -> Long.compare((long) b[2], (long) a[2]));
        return rows.subList(0, Math.min(n, rows.size()));
    }

    private void walk(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            Class<?> c = o.getClass();
            long size;
            if (c.isArray()) {
                int length = Array.getLength(o);
                Class<?> e = c.getComponentType();
                size = align(16 + (long) length * primitiveSize(e));
                if (!e.isPrimitive()) {
                    for (int i = 0; i < length; i++) {
                        push(Array.get(o, i), seen, todo);
                    }
                }
            } else {
                size = 12;
                for (Field f : fieldsOf(c)) {
                    size += primitiveSize(f.getType());
                    if (!f.getType().isPrimitive()) {
                        try {
                            push(f.get(o), seen, todo);
                        } catch (IllegalAccessException e) {
                            unreadable.add(f.toString());
                        }
                    }
                }
                size = align(size);
            }
            objects++;
            bytes += size;
            long[] row = byClass.computeIfAbsent(c.getName(), k -> new long[2]);
            row[0]++;
            row[1] += size;
        }
    }

    private void push(Object v, Set<Object> seen, ArrayDeque<Object> todo) {
        if (v == null || v instanceof Class || v instanceof ClassLoader || v instanceof Thread) {
            return;
        }
        if (!seen.isEmpty() && v.getClass().getSimpleName().contains("Store")) {
            if (seen.add(v)) {
                stopped++;
            }
            return;
        }
        if (seen.add(v)) {
            todo.push(v);
        }
    }

    private List<Field> fieldsOf(Class<?> c) {
        return fields.computeIfAbsent(c, k -> {
            List<Field> list = new ArrayList<>();
            for (Class<?> t = k; t != null; t = t.getSuperclass()) {
                for (Field f : t.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                        continue;
                    }
                    if (!f.getType().isPrimitive()) {
                        try {
                            f.setAccessible(true);
                        } catch (RuntimeException e) { // InaccessibleObjectException: module not opened
                            unreadable.add(f.toString());
                            continue;
                        }
                    }
                    list.add(f);
                }
            }
            return list;
        });
    }

    private static long primitiveSize(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4; // compressed reference
    }

    private static long align(long size) {
        return (size + 7) & ~7L;
    }
}
