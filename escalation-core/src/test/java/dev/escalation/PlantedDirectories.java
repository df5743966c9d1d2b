package dev.escalation;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Directories that forward to {@link World}'s seeded ones until a fault is planted on one method: it throws an
 * exception of its own, answers {@code null} or answers with another id's record (see {@link Fault}).
 */
final class PlantedDirectories {
    /** What a planted directory does instead of answering. */
    enum Fault {
        /** Throws an exception of its own (with personal data in its message). */
        THROWS,
        /** Returns {@code null}. */
        NULL,
        /** Answers with the record of another id (a cache keyed wrongly). */
        OTHER_ID,
        /** Throws a checked exception sneakily (with personal data in its message), as a Kotlin adapter can. */
        SNEAKY_CHECKED,
        /** Throws an {@link Error} of its own (a recursion bug: a stack overflow). */
        ERROR
    }

    /** The directory methods a planted fault hits. */
    enum Method {
        TOUCHPOINT,
        ACCOUNT,
        SUPPORT_CASE,
        MEMBER,
        WITH_ROLE
    }

    final AtomicReference<CustomerDirectory> customers = new AtomicReference<>();
    final AtomicReference<StaffDirectory> staff = new AtomicReference<>();
    volatile Method method;
    volatile Fault fault;
    /** Only this id is answered wrongly (others as usual), if set. */
    volatile String only;

    void plant(Method m, Fault f, String onlyId) {
        method = m;
        fault = f;
        only = onlyId;
    }

    void heal() {
        method = null;
        fault = null;
    }

    private <T> T answer(Method m, String id, Supplier<T> real, Supplier<T> other) {
        Fault f = fault;
        if (method != m || f == null || (only != null && !only.equals(id))) {
            return real.get();
        }
        return switch (f) {
            case THROWS -> throw new IllegalStateException("directory broke while reading " + id + "@x.example");
            case NULL -> null;
            case OTHER_ID -> other.get();
            case SNEAKY_CHECKED -> throw sneaky(new java.io.IOException("LDAP read of " + id + "@x.example failed"));
            case ERROR -> throw new StackOverflowError();
        };
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    CustomerDirectory customerDirectory() {
        return new CustomerDirectory() {
            @Override
            public Optional<CustomerAccount> account(CustomerId id) {
                return answer(
                        Method.ACCOUNT,
                        id.value(),
                        () -> customers.get().account(id),
                        () -> customers.get().account(CustomerId.of("globex")));
            }

            @Override
            public Optional<Touchpoint> touchpoint(ContactId id) {
                return answer(
                        Method.TOUCHPOINT,
                        id.value(),
                        () -> customers.get().touchpoint(id),
                        () -> customers.get().touchpoint(ContactId.of("ivy"))); // ACME's other Incident Manager
            }

            @Override
            public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
                return customers.get().touchpoints(customer, role);
            }

            @Override
            public Optional<SupportCase> supportCase(CaseId id) {
                return answer(
                        Method.SUPPORT_CASE,
                        id.value(),
                        () -> customers.get().supportCase(id),
                        () -> customers.get().supportCase(World.C2)); // ACME's other case
            }
        };
    }

    StaffDirectory staffDirectory() {
        return new StaffDirectory() {
            @Override
            public Optional<StaffMember> member(StaffId id) {
                return answer(
                        Method.MEMBER,
                        id.value(),
                        () -> staff.get().member(id),
                        () -> staff.get().member(StaffId.of("max"))); // another Escalation Manager
            }

            @Override
            public List<StaffMember> withRole(StaffRole role) {
                return answer(Method.WITH_ROLE, role.name(), () -> staff.get().withRole(role), () -> {
                    // lists an engineer and an inactive manager besides the real holders of the role
                    List<StaffMember> more = new ArrayList<>(staff.get().withRole(role));
                    more.add(staff.get().member(StaffId.of("dan")).orElseThrow());
                    StaffMember sam = staff.get().member(StaffId.of("sam")).orElseThrow();
                    more.add(new StaffMember(
                            StaffId.of("gone"), "Gone", "gone@vendor.example", Optional.empty(), sam.roles(), false));
                    return more;
                });
            }
        };
    }
}
