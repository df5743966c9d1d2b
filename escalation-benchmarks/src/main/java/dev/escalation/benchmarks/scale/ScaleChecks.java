package dev.escalation.benchmarks.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The required checks of one scale-out configuration. Every counter but {@link #conflicts} and
 * {@link #serializationFailures} must be zero for the run to pass; the first {@value #DETAILS} violations are kept
 * with a detail each. Conflicts are counted and reported, not failed: the engine refuses the loser of a race with
 * {@code EscalationConflictException} (nothing written) and the harness, as a host would, sends the command again.
 */
public final class ScaleChecks {
    static final int DETAILS = 30;

    /** Lifecycles that ended in an exception other than a conflict (after the retries). */
    public long failedLifecycles;
    /** Contended escalates of one case from two nodes that did not both return the one escalation created once. */
    public long doubleOpen;
    /** Lifecycles whose escalation, read back, is not CLOSED (or is missing). */
    public long wrongState;
    /** Lifecycles whose timeline, read back, does not have exactly the expected number of entries (a lost update). */
    public long wrongEntryCount;
    /** Escalations in the database beyond those the lifecycles created. */
    public long extraEscalations;
    /** Escalations whose outbox holds a different number of side effects than the calibration lifecycle's. */
    public long wrongMessageCount;
    /** Side effects still pending or dead-lettered after the final drain. */
    public long undelivered;
    /** Side effects the outbox marks delivered that never reached the adapters. */
    public long lost;
    /** Idempotency keys the adapters received more than once. */
    public long deliveredMoreThanOnce;
    /** Keys the adapters received that the outbox never held. */
    public long phantom;
    /** PostgreSQL's pg_stat_database.deadlocks of this database, after minus before (-1: not PostgreSQL). */
    public long deadlocksDelta = -1;
    /** SQLState 40P01 (deadlock detected) thrown to any node. */
    public long deadlockSqlState;
    /** Commands refused with EscalationConflictException (each sent again). Reported, not failed. */
    public long conflicts;
    /** SQLState 40001 (serialization failure) thrown to any node. Reported, not failed. */
    public long serializationFailures;

    private final List<String> details = new ArrayList<>();

    /** Records a violation's detail (the counter is the caller's). */
    synchronized void detail(String what) {
        if (details.size() < DETAILS) {
            details.add(what);
        }
    }

    /** @return the first violations, one line each */
    public synchronized List<String> details() {
        return List.copyOf(details);
    }

    /**
     * Compares what the outbox holds with what the adapters received.
     *
     * @param statusByKey every outbox message's status ({@code PENDING}, {@code DONE}, {@code DEAD}) by idempotency key
     * @param callsByKey  the adapters' calls per idempotency key
     */
    public void deliveries(Map<String, String> statusByKey, Map<String, Integer> callsByKey) {
        statusByKey.forEach((key, status) -> {
            int calls = callsByKey.getOrDefault(key, 0);
            if (!"DONE".equals(status)) {
                undelivered++;
                detail("undelivered: " + key + " is " + status + " after the final drain");
            } else if (calls == 0) {
                lost++;
                detail("lost: " + key + " is marked delivered but never reached an adapter");
            }
            if (calls > 1) {
                deliveredMoreThanOnce++;
                detail("delivered " + calls + " times: " + key);
            }
        });
        callsByKey.forEach((key, calls) -> {
            if (!statusByKey.containsKey(key)) {
                phantom++;
                detail("phantom: " + key + " reached an adapter " + calls + "x but is not in the outbox");
            }
        });
    }

    /** @return whether every required check passed */
    public boolean passed() {
        return failures().values().stream().allMatch(v -> v == 0);
    }

    /** @return the failing counters (each must be 0) */
    public Map<String, Long> failures() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("failedLifecycles", failedLifecycles);
        m.put("doubleOpen", doubleOpen);
        m.put("wrongState", wrongState);
        m.put("wrongEntryCount", wrongEntryCount);
        m.put("extraEscalations", extraEscalations);
        m.put("wrongMessageCount", wrongMessageCount);
        m.put("undelivered", undelivered);
        m.put("lost", lost);
        m.put("deliveredMoreThanOnce", deliveredMoreThanOnce);
        m.put("phantom", phantom);
        m.put("deadlocksDelta", Math.max(0, deadlocksDelta));
        m.put("deadlockSqlState40P01", deadlockSqlState);
        return m;
    }

    /** @return the checks as JSON-ready values */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(failures());
        m.put("deadlocksDelta", deadlocksDelta < 0 ? "n/a (not PostgreSQL)" : deadlocksDelta);
        m.put("conflicts", conflicts);
        m.put("serializationFailures40001", serializationFailures);
        m.put("passed", passed());
        m.put("violations", details());
        return m;
    }
}
