package dev.escalation.benchmarks.sdk;

import dev.escalation.EscalationEngine;
import dev.escalation.HotlineNumber;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StaffId;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StaffRole;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the engine as a host would: German coverage hours with hotline numbers, the reference staff directory, the
 * benchmark customer directory, no-op notification and ticketing adapters, and a store chosen by name.
 *
 * <p>Backends: {@code memory} (the in-memory reference store). {@code h2} and {@code postgres} are reserved for the
 * JDBC adapter (escalation-jdbc) and are wired here once it lands, so that the lifecycle and escalate benchmarks
 * measure them by {@code -p backend=h2,postgres} without other changes.
 */
public final class SdkFixture {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    public final Clock clock;
    public final EscalationStore store;
    public final NoOpNotifier notifier = new NoOpNotifier();
    public final NoOpTicketing ticketing = new NoOpTicketing();
    public final BenchCustomers customers = new BenchCustomers();
    public final InMemoryStaffDirectory staff = staffDirectory();
    public final EscalationEngine engine;

    public SdkFixture(String backend, Clock clock) {
        this.clock = clock;
        this.store = store(backend);
        this.engine = builder(clock, customers, staff, notifier, ticketing).store(store).build();
    }

    /**
     * The store for a backend name.
     *
     * @param backend {@code memory}; JDBC backends are not wired yet
     * @return a new, empty store
     */
    public static EscalationStore store(String backend) {
        switch (backend) {
            case "memory":
                return new InMemoryEscalationStore();
            case "h2":
            case "postgres":
                // TODO(issue 7): wire escalation-jdbc here once it lands (H2 in the same mode as Flowable's,
                // PostgreSQL with fsync and synchronous_commit on, rows loaded in bulk with SQL for the overdue query).
                throw new UnsupportedOperationException("backend '" + backend + "' needs escalation-jdbc, which is "
                        + "not wired into the benchmarks yet");
            default:
                throw new IllegalArgumentException("unknown backend '" + backend + "' (memory, h2, postgres)");
        }
    }

    /** The builder with everything but the store (the in-memory store is the builder's default). */
    public static EscalationEngine.Builder builder(Clock clock, BenchCustomers customers, InMemoryStaffDirectory staff,
            NoOpNotifier notifier, NoOpTicketing ticketing) {
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(ticketing)
                .coverage(BusinessCalendar.builder(BERLIN).openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"));
    }

    /** Sam (Support Management), Eve (Escalation Manager), Dan (engineer) and two more Escalation Managers. */
    public static InMemoryStaffDirectory staffDirectory() {
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(member("sam", "Sam Support", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", "Eve Escalation", StaffRole.ESCALATION_MANAGER))
                .add(member("max", "Max Manager", StaffRole.ESCALATION_MANAGER))
                .add(member("hal", "Hal Head", StaffRole.HEAD_OF_SUPPORT))
                .add(member("dan", "Dan Developer", StaffRole.SUPPORT_ENGINEER));
        return staff;
    }

    private static StaffMember member(String id, String name, StaffRole role) {
        return new StaffMember(StaffId.of(id), name, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }
}
