package dev.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.PolicyRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {

    @Test
    void aPolicyHoldsTargetsPerCriticalityAndCalendarsPerKind() {
        SlaPolicy p = SlaPolicy.builder("standard", 3)
                .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                .resolution(Criticality.CRITICAL, Duration.ofHours(16))
                .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                .warnAt(80)
                .repeatAfterBreach(Duration.ofHours(4), 2)
                .build();

        assertThat(p.ref()).isEqualTo(new PolicyRef("standard", 3));
        assertThat(p.target(DueKind.FIRST_CONTACT, Criticality.CRITICAL)).contains(Duration.ofHours(1));
        assertThat(p.target(DueKind.FIRST_CONTACT, Criticality.LOW)).isEmpty();
        assertThat(p.target(DueKind.NEXT_MEETING, Criticality.CRITICAL)).isEmpty();
        assertThat(p.calendar(DueKind.FIRST_CONTACT)).isEqualTo(SlaCalendar.VENDOR_COVERAGE);
        assertThat(p.calendar(DueKind.RESOLUTION)).isEqualTo(SlaCalendar.CUSTOMER_CONTRACT);
        assertThat(p.warningPercent()).isEqualTo(80);
        assertThat(p.repeatEvery()).contains(Duration.ofHours(4));
        assertThat(p.maxRepeats()).isEqualTo(2);
        assertThat(p.isCustomerVisible(DueKind.FIRST_CONTACT)).isTrue();
        assertThat(p.isCustomerVisible(DueKind.RESOLUTION)).isFalse();
    }

    @Test
    void badSettingsAreRefusedAtOnceNamingTheSetting() {
        SlaPolicy.Builder b = SlaPolicy.builder("standard", 1);

        assertThatThrownBy(() -> b.firstContact(Criticality.HIGH, Duration.ZERO))
                .hasMessageContaining("firstContact must be positive");
        assertThatThrownBy(() -> b.warnAt(100)).hasMessageContaining("warnAt");
        assertThatThrownBy(() -> b.repeatAfterBreach(Duration.ofHours(1), 0)).hasMessageContaining("repeat");
        assertThatThrownBy(() -> b.measure(DueKind.NEXT_MEETING, SlaCalendar.VENDOR_COVERAGE))
                .hasMessageContaining("wall-clock");
        assertThatThrownBy(() -> SlaPolicy.builder(" ", 1)).hasMessageContaining("blank");
        // the id is stored with every escalation and shown in its log: an id's rules, not only "not blank"
        assertThatThrownBy(() -> SlaPolicy.builder("std\u0000", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy id must not contain control characters");
        assertThatThrownBy(() -> SlaPolicy.builder("std\ud800", 1)).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> SlaPolicy.builder("std\u202e", 1)).hasMessageContaining("policy id");
        assertThatThrownBy(() -> SlaPolicy.builder("s".repeat(129), 1)).hasMessageContaining("128");
        assertThat(SlaPolicy.builder("s".repeat(128), 1).build().ref().id()).hasSize(128);
        assertThatThrownBy(() -> SlaPolicy.builder("x", 0)).hasMessageContaining("version");
    }
}
