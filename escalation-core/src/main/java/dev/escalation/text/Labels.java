package dev.escalation.text;

import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The label group of each labelled enum: its constants' labels are {@code label.<group>.<NAME>}. Enums of the model
 * are listed; any other enum's group is its simple name with a lower-case first letter (core's {@code Action}:
 * {@code action}, {@code DeadlineState}: {@code deadlineState}), so this package depends on no other of core.
 */
final class Labels {
    /** Every labelled enum and its group; the completeness test checks every constant of each. */
    static final Map<Class<? extends Enum<?>>, String> GROUPS = groups();

    private Labels() {}

    private static Map<Class<? extends Enum<?>>, String> groups() {
        Map<Class<? extends Enum<?>>, String> m = new LinkedHashMap<>();
        m.put(Criticality.class, "criticality");
        m.put(Cause.class, "cause");
        m.put(Channel.class, "channel");
        m.put(EscalationState.class, "state");
        m.put(DeliveryChannel.class, "deliveryChannel");
        m.put(DueKind.class, "dueKind");
        m.put(ProgressKind.class, "progress");
        m.put(NotificationKind.class, "notification");
        m.put(HotlineAdvice.Reason.class, "hotlineReason");
        m.put(StaffRole.class, "staffRole");
        m.put(CustomerRole.class, "customerRole");
        m.put(Visibility.class, "visibility");
        m.put(ImprovementAction.Status.class, "improvementStatus");
        return Map.copyOf(m);
    }

    static String group(Enum<?> constant) {
        String g = GROUPS.get(constant.getDeclaringClass());
        if (g != null) {
            return g;
        }
        String simple = constant.getDeclaringClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1).replace("$", ".");
    }

    static String groupOf(Class<?> type) {
        String g = GROUPS.get(type);
        return g != null ? g : type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
