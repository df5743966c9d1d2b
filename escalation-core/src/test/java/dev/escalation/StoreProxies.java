package dev.escalation;

import dev.escalation.spi.EscalationStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** A store with some answers replaced: for tests of a store that breaks its contract in one place. */
final class StoreProxies {
    private StoreProxies() {}

    /** An answer instead of the store's, or null to let the store answer. */
    interface Answer {
        Object answer(Method m, Object[] args) throws Throwable;
    }

    /** {@code store}, with the answers {@code answer} gives (null: the store's own). */
    static EscalationStore proxy(EscalationStore store, Answer answer) {
        return (EscalationStore) Proxy.newProxyInstance(
                EscalationStore.class.getClassLoader(), new Class<?>[] {EscalationStore.class}, (p, m, args) -> {
                    Object a = args == null ? null : answer.answer(m, args);
                    if (a != null) {
                        return a;
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
