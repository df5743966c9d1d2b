package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The maps and sets of the export and the metrics report iterate in a stated order (text order, the entry's order, the
 * targets' declaration order), so that a host serialising them gets the same document on every store and every run;
 * they stay unmodifiable and refuse nulls.
 */
class ReportOrderTest {
    private static final Instant T0 = Instant.parse("2027-01-12T09:00:00Z");

    @Test
    void anExportsNamesAndAddressesComeInTextOrderAndAnEntrysTextsInItsOrder() {
        List<String> names = List.of("Zoe Z", "Adam A", "Mia M", "Ben B", "Lea L", "Tom T", "Ida I", "Kai K");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String k : List.of("zeta", "alpha", "mu", "beta", "lambda", "tau", "iota", "kappa")) {
            texts.put(k, k + " text");
        }
        PersonalDataExport.Entry kept = new PersonalDataExport.Entry(
                EscalationId.of("E-1"),
                1,
                T0,
                ProgressKind.STATUS_UPDATE,
                Visibility.CUSTOMER,
                true,
                Optional.of("x"),
                texts);
        PersonalDataExport export = new PersonalDataExport(
                Party.Kind.CONTACT,
                "ina",
                T0,
                new HashSet<>(names),
                new HashSet<>(names.stream()
                        .map(n -> n.replace(' ', '.') + "@x.example")
                        .toList()),
                List.of(),
                List.of(kept),
                List.of(),
                List.of());

        assertThat(export.names()).containsExactly(names.stream().sorted().toArray(String[]::new));
        assertThat(export.addresses().iterator().next()).isEqualTo("Adam.A@x.example");
        assertThat(kept.texts().keySet()).as("the entry's order").containsExactlyElementsOf(texts.keySet());
        assertThatThrownBy(() -> export.names().add("Eve E")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> kept.texts().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> new PersonalDataExport.Entry(
                        EscalationId.of("E-1"),
                        1,
                        T0,
                        ProgressKind.NOTE,
                        Visibility.INTERNAL,
                        true,
                        Optional.empty(),
                        withNull))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aGroupsTargetsComeInTheirDeclarationOrder() {
        Map<DueKind, MetricsReport.Attainment> targets = new LinkedHashMap<>();
        List<DueKind> reversed = Arrays.asList(DueKind.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(k -> targets.put(k, new MetricsReport.Attainment(1, 0, 1.0)));
        MetricsReport.Group group = new MetricsReport.Group(
                T0,
                T0.plusSeconds(3600),
                Optional.empty(),
                Optional.empty(),
                1,
                1,
                Optional.empty(),
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                0,
                0,
                targets);

        assertThat(group.targets().keySet()).containsExactly(DueKind.values());
        assertThatThrownBy(() -> group.targets().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rolesAndAllowedActionsComeInTheirDeclarationOrder() {
        Set<CustomerRole> customerRoles = new HashSet<>(List.of(CustomerRole.values()));
        Set<StaffRole> staffRoles = new HashSet<>(List.of(StaffRole.values()));
        Touchpoint contact = new Touchpoint(
                ContactId.of("ina"),
                CustomerId.of("acme"),
                "Ina",
                "ina@acme.example",
                Optional.empty(),
                customerRoles,
                true);
        StaffMember member =
                new StaffMember(StaffId.of("eve"), "Eve", "eve@vendor.example", Optional.empty(), staffRoles, true);
        List<Action> all = List.of(Action.values());
        List<Action> reversed = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        IllegalTransitionException refusal = new IllegalTransitionException(
                EscalationId.of("E-1"),
                EscalationState.REQUESTED,
                Action.CLOSE,
                new java.util.LinkedHashSet<>(reversed),
                IllegalTransitionException.Reason.WRONG_STATE,
                "no");

        assertThat(contact.roles()).containsExactly(CustomerRole.values());
        assertThat(member.roles()).containsExactly(StaffRole.values());
        assertThat(refusal.allowedActions()).containsExactlyElementsOf(all);
        assertThatThrownBy(() -> refusal.allowedActions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> contact.roles().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
