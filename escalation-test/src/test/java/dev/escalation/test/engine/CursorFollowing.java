package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.CustomerQuery;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.test.Scenario;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** For the tests of stores that break their scope: a port with some answers replaced, and a contact's list followed. */
final class CursorFollowing {
    private CursorFollowing() {}

    /** An answer instead of the delegate's, or empty to call the delegate. */
    interface Override {
        Optional<Object> answer(String method, Object[] args);
    }

    /** {@code delegate} behind a proxy of {@code type} that answers with {@code override} where it has an answer. */
    static <T> T proxy(Class<T> type, T delegate, Override override) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, a) -> {
            Object[] args = a == null ? new Object[0] : a;
            Optional<Object> answer = override.answer(method.getName(), args);
            if (answer.isPresent()) {
                return answer.get();
            }
            try {
                return method.invoke(delegate, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** Follows the contact's open list from its first page; no cursor may name one of {@code foreign}. */
    static List<EscalationId> follow(Scenario w, Actor contact, int size, EscalationId... foreign) {
        List<EscalationId> listed = new ArrayList<>();
        PageRequest page = PageRequest.first(size);
        for (int pages = 0; pages < 10; pages++) {
            Page<EscalationSummary> p = w.engine().escalationsOfCustomer(contact, CustomerQuery.open(), page);
            p.items().forEach(s -> listed.add(s.id()));
            if (p.next().isEmpty()) {
                return listed;
            }
            PageCursor next = p.next().get();
            for (EscalationId f : foreign) {
                assertThat(next.id())
                        .as("the cursor after page %d of %s (pages of %d)", pages + 1, contact, size)
                        .isNotEqualTo(f.value());
            }
            page = PageRequest.after(next, size);
        }
        throw new AssertionError("the list of " + contact + " does not end");
    }
}
