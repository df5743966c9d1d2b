package dev.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

class CalendarAccessTest {

    @Test
    void the_calendar_registers_its_arithmetic_once_and_no_one_can_replace_it() {
        CalendarAccess.Arithmetic registered = CalendarAccess.arithmetic();
        assertThat(registered.getClass().getNestHost()).isEqualTo(BusinessCalendar.class);

        assertThatThrownBy(() -> CalendarAccess.register((calendar, start, first, second, excluded) -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registered already");
        assertThat(CalendarAccess.arithmetic()).isSameAs(registered);
    }
}
