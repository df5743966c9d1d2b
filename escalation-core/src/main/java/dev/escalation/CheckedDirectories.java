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
import dev.escalation.spi.UnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's directories as the engine reads them: an answer the port's contract rules out — a failure other than
 * {@link UnavailableException}, {@code null}, or a record for another id or customer than asked for — is the
 * directory's {@link UnavailableException}, which the engine reports as its retryable {@code UNAVAILABLE} error and
 * which applies nothing (directories are read before the store's unit of work). So no untyped exception escapes a
 * command, no {@code null} is taken for an answer, and no command runs with another customer's data. Members that
 * {@link StaffDirectory#withRole} lists but who are inactive or lack the role are left out (they are told nothing).
 */
final class CheckedDirectories {
    private CheckedDirectories() {}

    /** {@code d}, checked (once: a checked directory is returned as it is). */
    static CustomerDirectory customers(CustomerDirectory d) {
        return d instanceof Customers ? d : new Customers(d);
    }

    /** {@code d}, checked (once: a checked directory is returned as it is). */
    static StaffDirectory staff(StaffDirectory d) {
        return d instanceof Staff ? d : new Staff(d);
    }

    private static <T> T answer(String port, Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (UnavailableException e) {
            throw e;
        } catch (RuntimeException e) { // the message may carry personal data: the type only
            throw new UnavailableException(
                    "the " + port + " failed: " + e.getClass().getName(), e);
        }
        if (answer == null) {
            throw malformed(port, "no answer (null)");
        }
        return answer;
    }

    private static UnavailableException malformed(String port, String what) {
        return new UnavailableException("the " + port + " gave a malformed answer: " + what, null);
    }

    private static final class Customers implements CustomerDirectory {
        private static final String PORT = "customer directory";
        private final CustomerDirectory d;

        Customers(CustomerDirectory d) {
            this.d = d;
        }

        @Override
        public Optional<CustomerAccount> account(CustomerId id) {
            Optional<CustomerAccount> a = answer(PORT, () -> d.account(id));
            if (a.isPresent() && !id.equals(a.get().id())) {
                throw malformed(PORT, "the account of another customer");
            }
            return a;
        }

        @Override
        public Optional<Touchpoint> touchpoint(ContactId id) {
            Optional<Touchpoint> t = answer(PORT, () -> d.touchpoint(id));
            if (t.isPresent() && !id.equals(t.get().id())) {
                throw malformed(PORT, "another contact");
            }
            return t;
        }

        @Override
        public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
            List<Touchpoint> all = answer(PORT, () -> d.touchpoints(customer, role));
            for (Touchpoint t : all) {
                if (t == null || !customer.equals(t.customer())) {
                    throw malformed(PORT, "a contact of another customer");
                }
            }
            return all;
        }

        @Override
        public Optional<SupportCase> supportCase(CaseId id) {
            Optional<SupportCase> c = answer(PORT, () -> d.supportCase(id));
            if (c.isPresent() && !id.equals(c.get().id())) {
                throw malformed(PORT, "another case");
            }
            return c;
        }
    }

    private static final class Staff implements StaffDirectory {
        private static final String PORT = "staff directory";
        private final StaffDirectory d;

        Staff(StaffDirectory d) {
            this.d = d;
        }

        @Override
        public Optional<StaffMember> member(StaffId id) {
            Optional<StaffMember> m = answer(PORT, () -> d.member(id));
            if (m.isPresent() && !id.equals(m.get().id())) {
                throw malformed(PORT, "another staff member");
            }
            return m;
        }

        @Override
        public List<StaffMember> withRole(StaffRole role) {
            List<StaffMember> all = answer(PORT, () -> d.withRole(role));
            for (StaffMember m : all) {
                if (m == null) {
                    throw malformed(PORT, "a null member");
                }
            }
            for (StaffMember m : all) {
                if (!m.active() || !m.roles().contains(role)) { // never tell someone without the role: leave them out
                    return all.stream()
                            .filter(x -> x.active() && x.roles().contains(role))
                            .toList();
                }
            }
            return all;
        }
    }
}
