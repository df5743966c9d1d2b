package dev.escalation.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.text.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A meeting time typed into a {@code datetime-local} field is read in the reader's zone: a local time the clocks skip
 * is refused with a form error naming the field (before, 02:30 on the spring-forward night was booked as 03:30), a
 * repeated one is its first occurrence.
 */
class UiDateInputTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Ui ui(Locale locale) {
        return new Ui(locale, BERLIN, Texts.of(BERLIN, List.of()));
    }

    @Test
    void aLocalTimeTheClocksSkipIsRefusedInTheReadersLanguage() {
        assertThatThrownBy(() -> ui(Locale.ENGLISH).parseInput("firstMeetingAt", "2027-03-28T02:30"))
                .isInstanceOfSatisfying(
                        FormException.class, e -> assertThat(e.field()).isEqualTo("firstMeetingAt"))
                .hasMessage("does not exist in your time zone: the clocks go forward then");
        assertThatThrownBy(() -> ui(Locale.GERMAN).parseInput("at", "2027-03-28T02:00"))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("gibt es in Ihrer Zeitzone nicht");
    }

    @Test
    void otherLocalTimesAreReadInTheReadersZone() {
        Ui ui = ui(Locale.ENGLISH);
        assertThat(ui.parseInput("at", "2027-03-28T03:00")).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
        assertThat(ui.parseInput("at", "2027-03-28T01:59")).isEqualTo(Instant.parse("2027-03-28T00:59:00Z"));
        // the night the clocks go back: 02:30 happens twice, the first (CEST) is meant
        assertThat(ui.parseInput("at", "2027-10-31T02:30")).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
        assertThat(ui.parseInput("at", " ")).isNull();
        assertThatThrownBy(() -> ui.parseInput("at", "tomorrow"))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("must be a date and time");
    }
}
