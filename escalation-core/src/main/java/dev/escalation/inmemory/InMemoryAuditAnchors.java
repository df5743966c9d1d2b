package dev.escalation.inmemory;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link AuditAnchors} in a map, for tests and demos (an anchor store in the same process protects nothing). */
public final class InMemoryAuditAnchors implements AuditAnchors {
    private final ConcurrentMap<EscalationId, List<Anchor>> anchors = new ConcurrentHashMap<>();

    /** An empty anchor store. */
    public InMemoryAuditAnchors() {}

    @Override
    public void record(Anchor anchor) {
        requireNonNull(anchor, "anchor");
        anchors.compute(anchor.escalation(), (id, list) -> {
            List<Anchor> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(anchor);
            return List.copyOf(next);
        });
    }

    @Override
    public Optional<Anchor> latest(EscalationId escalation) {
        List<Anchor> list = anchors.get(requireNonNull(escalation, "escalation"));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }
}
