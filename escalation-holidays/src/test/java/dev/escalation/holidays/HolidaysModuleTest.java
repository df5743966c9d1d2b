package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The holidays adapter runs as the named module {@code dev.escalation.holidays} (on the module path). */
class HolidaysModuleTest {

    @Test
    void holidaysIsTheNamedModuleDevEscalationHolidays() {
        Module module = GermanHolidays.class.getModule();

        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("dev.escalation.holidays");
        assertThat(getClass().getModule()).isSameAs(module);
        assertThat(module.getDescriptor().exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.escalation.holidays");
        assertThat(module.getDescriptor().opens()).isEmpty();
    }

    @Test
    void jollydayLoadsItsHolidayFilesFromTheModulePath() {
        // Jollyday reads its XML through JAXB: this fails if its modules are not resolved or cannot read the files
        assertThat(JollydayHolidays.forRegion("DE").holidayOn(LocalDate.of(2026, 10, 3)))
                .isPresent();
        assertThat(JollydayHolidays.forRegion("DE").holidayOn(LocalDate.of(2026, 10, 5)))
                .isEmpty();
    }
}
