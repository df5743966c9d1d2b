package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.HotlineNumber;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** No silent defaults: {@link EscalationEngineBuilder#build()} names every required call that is missing. */
class EscalationEngineBuilderTest {
    private static final String CLOCK = ".clock(Clock)";
    private static final String STORE = ".store(EscalationStore)";
    private static final String CUSTOMERS = ".customers(CustomerDirectory)";
    private static final String STAFF = ".staff(StaffDirectory)";
    private static final String NOTIFIER = ".notifier(Notifier)";
    private static final String TICKETING = ".ticketing(Ticketing)";
    private static final String COVERAGE = ".coverage(BusinessCalendar)";
    private static final List<String> ALL = List.of(CLOCK, STORE, CUSTOMERS, STAFF, NOTIFIER, TICKETING, COVERAGE);

    /** A builder with every required call made except {@code skipped}. */
    private static EscalationEngineBuilder allBut(String skipped) {
        EscalationEngineBuilder b = EscalationEngine.builder();
        call(b, skipped, CLOCK, x -> x.clock(TestClock.at("2027-01-12T10:00:00+01:00[Europe/Berlin]")));
        call(b, skipped, STORE, x -> x.store(new InMemoryEscalationStore()));
        call(b, skipped, CUSTOMERS, x -> x.customers(new InMemoryCustomerDirectory()));
        call(b, skipped, STAFF, x -> x.staff(new InMemoryStaffDirectory()));
        call(b, skipped, NOTIFIER, x -> x.notifier(new InMemoryNotifier()));
        call(b, skipped, TICKETING, x -> x.ticketing(new InMemoryTicketing()));
        call(b, skipped, COVERAGE, x -> x.coverage(BusinessCalendar.alwaysOpen()));
        return b;
    }

    private static void call(
            EscalationEngineBuilder b, String skipped, String name, Consumer<EscalationEngineBuilder> call) {
        if (!name.equals(skipped)) {
            call.accept(b);
        }
    }

    private static void assertFailureNamesOnly(String missing) {
        assertThatThrownBy(() -> allBut(missing).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing " + missing)
                .satisfies(e -> ALL.stream()
                        .filter(other -> !other.equals(missing))
                        .forEach(other -> assertThat(e.getMessage()).doesNotContain(other)));
    }

    @Test
    void aStoreThatDeclaresNoCapabilitiesIsRefusedWhenTheEngineIsBuilt() {
        InMemoryEscalationStore real = new InMemoryEscalationStore();
        dev.escalation.spi.EscalationStore planted =
                (dev.escalation.spi.EscalationStore) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {dev.escalation.spi.EscalationStore.class},
                        (proxy, method, args) ->
                                method.getName().equals("capabilities") ? null : method.invoke(real, args));

        assertThatThrownBy(() -> allBut(STORE).store(planted).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("capabilities");
    }

    @Test
    void withEveryRequiredCallTheEngineIsBuilt() {
        assertThat(allBut("none").build()).isNotNull();
    }

    @Test
    void aMissingClockIsNamed() {
        assertFailureNamesOnly(CLOCK);
    }

    @Test
    void aMissingStoreIsNamed() {
        assertFailureNamesOnly(STORE);
    }

    @Test
    void missingCustomersAreNamed() {
        assertFailureNamesOnly(CUSTOMERS);
    }

    @Test
    void missingStaffIsNamed() {
        assertFailureNamesOnly(STAFF);
    }

    @Test
    void aMissingNotifierIsNamed() {
        assertFailureNamesOnly(NOTIFIER);
    }

    @Test
    void missingTicketingIsNamed() {
        assertFailureNamesOnly(TICKETING);
    }

    @Test
    void missingCoverageIsNamed() {
        assertFailureNamesOnly(COVERAGE);
    }

    @Test
    void anEmptyBuilderNamesEveryRequiredCall() {
        assertThatThrownBy(() -> EscalationEngine.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> ALL.forEach(call -> assertThat(e.getMessage()).contains("missing " + call)));
    }

    @Test
    void aCoverageCalendarThatClosesNeedsHotlineNumbersAndAlwaysOpenDoesNot() {
        BusinessCalendar office = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
        assertThatThrownBy(() -> allBut("none").coverage(office).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".hotline(...)");
        assertThat(allBut("none")
                        .coverage(office)
                        .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                        .build())
                .isNotNull();
        assertThat(allBut("none").coverage(BusinessCalendar.alwaysOpen()).build())
                .isNotNull();
    }
}
