package dev.escalation;

import static dev.escalation.model.EscalationState.ACKNOWLEDGED;
import static dev.escalation.model.EscalationState.ACTIVE;
import static dev.escalation.model.EscalationState.CLOSED;
import static dev.escalation.model.EscalationState.LESSONS_LEARNED;
import static dev.escalation.model.EscalationState.REQUESTED;
import static dev.escalation.model.EscalationState.RESOLVED;
import static dev.escalation.model.EscalationState.WITHDRAWN;

import dev.escalation.model.EscalationState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transition table: for each action, the states it is allowed in and the state it leads to. One table drives
 * the engine, the README's action table and the model-based tests (which also prove that a wrong table is caught).
 */
final class Lifecycle {

    private final Map<Action, Map<EscalationState, EscalationState>> transitions;
    /** Precomputed: asked on every command for the returned view. */
    private final Map<EscalationState, Set<Action>> allowed = new EnumMap<>(EscalationState.class);

    private Lifecycle(Map<Action, Map<EscalationState, EscalationState>> transitions) {
        this.transitions = transitions;
        for (EscalationState state : EscalationState.values()) {
            EnumSet<Action> actions = EnumSet.noneOf(Action.class);
            transitions.forEach((action, map) -> {
                if (map.containsKey(state)) {
                    actions.add(action);
                }
            });
            allowed.put(state, java.util.Collections.unmodifiableSet(actions));
        }
    }

    static Lifecycle standard() {
        Builder b = new Builder();
        b.on(Action.ACKNOWLEDGE, REQUESTED, ACKNOWLEDGED);
        b.stay(Action.REASSIGN_MANAGER, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.on(Action.AGREE_PLAN, ACKNOWLEDGED, ACTIVE);
        b.stay(Action.AMEND_PLAN, ACTIVE);
        b.stay(Action.LOG_PROGRESS, ACKNOWLEDGED, ACTIVE);
        b.stay(Action.ADD_PARTICIPANT, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.stay(Action.REMOVE_PARTICIPANT, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        b.stay(Action.CHANGE_CRITICALITY, REQUESTED, ACKNOWLEDGED, ACTIVE);
        b.stay(Action.PAUSE_CLOCK, ACKNOWLEDGED, ACTIVE);
        b.stay(Action.RESUME_CLOCK, ACKNOWLEDGED, ACTIVE);
        b.on(Action.RESOLVE, ACTIVE, RESOLVED);
        b.on(Action.REOPEN, RESOLVED, ACTIVE);
        b.on(Action.SCHEDULE_LESSONS_LEARNED, RESOLVED, LESSONS_LEARNED);
        b.on(Action.SCHEDULE_LESSONS_LEARNED, LESSONS_LEARNED, LESSONS_LEARNED);
        b.stay(Action.RECORD_LESSONS_LEARNED, LESSONS_LEARNED);
        b.on(Action.DECLINE_LESSONS_LEARNED, RESOLVED, LESSONS_LEARNED);
        b.on(Action.DECLINE_LESSONS_LEARNED, LESSONS_LEARNED, LESSONS_LEARNED);
        b.on(Action.CLOSE, LESSONS_LEARNED, CLOSED);
        for (EscalationState s : EnumSet.of(REQUESTED, ACKNOWLEDGED, ACTIVE)) {
            b.on(Action.WITHDRAW, s, WITHDRAWN);
        }
        return b.build();
    }

    /** The state {@code action} leads to from {@code state}, or empty if not allowed there. */
    Optional<EscalationState> next(EscalationState state, Action action) {
        return Optional.ofNullable(transitions.getOrDefault(action, Map.of()).get(state));
    }

    /** The actions allowed in {@code state}. */
    Set<Action> allowedIn(EscalationState state) {
        return allowed.get(state);
    }

    /** The states in which {@code action} is allowed. */
    Set<EscalationState> statesOf(Action action) {
        Map<EscalationState, EscalationState> map = transitions.getOrDefault(action, Map.of());
        return map.isEmpty() ? EnumSet.noneOf(EscalationState.class) : EnumSet.copyOf(map.keySet());
    }

    /** Builds a table; package-private so that tests can build deliberately wrong ones. */
    static final class Builder {
        private final Map<Action, Map<EscalationState, EscalationState>> transitions = new EnumMap<>(Action.class);

        Builder on(Action action, EscalationState from, EscalationState to) {
            transitions
                    .computeIfAbsent(action, a -> new EnumMap<>(EscalationState.class))
                    .put(from, to);
            return this;
        }

        Builder stay(Action action, EscalationState... states) {
            for (EscalationState s : states) {
                on(action, s, s);
            }
            return this;
        }

        Builder from(Lifecycle lifecycle) {
            lifecycle.transitions.forEach((a, m) -> m.forEach((f, t) -> on(a, f, t)));
            return this;
        }

        Lifecycle build() {
            Map<Action, Map<EscalationState, EscalationState>> copy = new EnumMap<>(Action.class);
            transitions.forEach((a, m) -> copy.put(a, new EnumMap<>(m)));
            return new Lifecycle(copy);
        }
    }
}
