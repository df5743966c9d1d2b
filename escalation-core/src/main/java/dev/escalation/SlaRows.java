package dev.escalation;

import dev.escalation.ActionRow.Steps;
import dev.escalation.command.ExpectsVersion;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The steps of Support Management's SLA rows ({@link Lifecycle}): policy migration and calendar change. Their engine
 * methods take plain arguments; the commands below carry them through the table like the public commands.
 */
final class SlaRows {
    private SlaRows() {}

    /**
     * Move one escalation to another SLA policy version.
     *
     * @param escalation      the escalation
     * @param policy          the policy version, {@code null} if the caller passed none (refused by validation)
     * @param expectedVersion the version the caller last saw, {@code null} for no precondition
     */
    record MigratePolicy(
            EscalationId escalation,
            @Nullable PolicyRef policy,
            @Nullable Long expectedVersion) implements ExpectsVersion {}

    /**
     * Record a calendar change in one escalation (the engine's vendor-wide method sends one per running escalation).
     *
     * @param escalation the escalation
     * @param reason     the reason, checked once by the vendor-wide method
     */
    record CalendarChange(EscalationId escalation, String reason) {}

    /** MIGRATE_POLICY: the policy must be known and differ from the current one. */
    static final Steps<MigratePolicy> MIGRATE_POLICY = Steps.of(
                    MigratePolicy.class, MigratePolicy::escalation, (cmd, p, r, d, l) -> {
                        PolicyRef to = cmd.policy();
                        if (!l.policies().contains(to)) {
                            throw new UnknownPolicyException(Optional.of(cmd.escalation()), to, l.policies());
                        }
                        if (r.policy().equals(Optional.of(to))) {
                            throw Inputs.invalid(
                                    "policy", "Different", "escalation " + r.id() + " already runs under " + to);
                        }
                        d.policy = Optional.of(to);
                        Map<String, EntryParam> params = new LinkedHashMap<>();
                        r.policy().ifPresent(from -> params.put("from", new EntryParam.Ref(from.toString())));
                        params.put("to", new EntryParam.Ref(to.toString()));
                        d.log(
                                ProgressKind.POLICY_MIGRATED,
                                p.actor().ref(),
                                Visibility.INTERNAL,
                                Optional.empty(),
                                params);
                    })
            .validate((cmd, clock, v) -> {
                List<InvalidCommandException.Violation> broken = new ArrayList<>(2);
                if (cmd.policy() == null) {
                    broken.add(InvalidCommandException.Violation.of("policy", "NotNull", "must not be null"));
                }
                Long expected = cmd.expectedVersion();
                if (expected != null && expected < 1) {
                    broken.add(InvalidCommandException.Violation.of(
                            "expectedVersion", "Positive", "must be greater than 0"));
                }
                if (!broken.isEmpty()) {
                    throw new InvalidCommandException(broken);
                }
            });

    /** RECORD_CALENDAR_CHANGE: the log entry re-plans the due work when the version is written. */
    static final Steps<CalendarChange> RECORD_CALENDAR_CHANGE = Steps.of(
                    CalendarChange.class,
                    CalendarChange::escalation,
                    (cmd, p, r, d, l) -> d.log(
                            ProgressKind.CALENDAR_CHANGED,
                            p.actor().ref(),
                            Visibility.INTERNAL,
                            Optional.of(cmd.reason()),
                            Map.of()))
            .validate((cmd, clock, v) -> {});
}
