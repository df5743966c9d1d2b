package dev.escalation.spring.boot;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escalation.* properties of the auto-configured engine. Every value is checked when the application
 * starts: a wrong one (a negative interval, a batch size of 0, an unknown holiday region) stops the start with a
 * message naming the property. The adapters (directories, notifiers, ticketing) are beans, not properties.
 *
 * @param store         where escalations live: jdbc (default; the application's DataSource) or
 *                      memory (in this JVM only, lost on restart; for tests and demos)
 * @param instanceName  the name this instance claims outbox messages and due work under (default: a random name)
 * @param jdbc          the JDBC store
 * @param delivery      background delivery of the outbox and due work
 * @param coverage      the vendor's coverage hours, in which a critical escalation needs no hotline advice
 * @param hotline       the hotline numbers of hotline advice; at least one unless
 *                      escalation.coverage.always-open=true
 * @param holidayRegions the holiday regions customers' contract calendars may name (Jollyday codes such as
 *                      DE-BY, US-NY); checked at start-up; empty (default): every Jollyday region
 * @param sla           the SLA policies
 * @param health        the thresholds of the Actuator health indicator
 */
@ConfigurationProperties("escalation")
public record EscalationProperties(
        @DefaultValue("jdbc") Store store,
        @Nullable String instanceName,
        @DefaultValue Jdbc jdbc,
        @DefaultValue Delivery delivery,
        @DefaultValue Coverage coverage,
        @DefaultValue List<Hotline> hotline,
        @DefaultValue List<String> holidayRegions,
        @DefaultValue Sla sla,
        @DefaultValue Health health) {

    /**
     * Checks the values (Spring Boot calls it while binding; a failure stops the start and names the property).
     *
     * @param store where escalations live: jdbc (default; the application's DataSource) or memory (in this JVM
     *     only, lost on restart; for tests and demos)
     * @param instanceName the name this instance claims outbox messages and due work under (default: a random name)
     * @param jdbc the JDBC store
     * @param delivery background delivery of the outbox and due work
     * @param coverage the vendor's coverage hours, in which a critical escalation needs no hotline advice
     * @param hotline the hotline numbers of hotline advice; at least one unless
     *     escalation.coverage.always-open=true
     * @param holidayRegions the holiday regions customers' contract calendars may name (Jollyday codes such as
     *     DE-BY, US-NY); checked at start-up; empty (default): every Jollyday region
     * @param sla the SLA policies
     * @param health the thresholds of the Actuator health indicator
     * @throws IllegalArgumentException naming the property whose value is missing or out of range
     */
    public EscalationProperties {
        PropertyChecks.present("escalation.store", store);
        if (instanceName != null) {
            PropertyChecks.text("escalation.instance-name", instanceName);
        }
        PropertyChecks.present("escalation.jdbc", jdbc);
        PropertyChecks.present("escalation.delivery", delivery);
        PropertyChecks.present("escalation.coverage", coverage);
        hotline = List.copyOf(PropertyChecks.present("escalation.hotline", hotline));
        holidayRegions = List.copyOf(PropertyChecks.present("escalation.holiday-regions", holidayRegions));
        PropertyChecks.present("escalation.sla", sla);
        PropertyChecks.present("escalation.health", health);
    }

    /** Where escalations live. */
    public enum Store {
        /** On the application's DataSource (escalation-jdbc); the default. */
        JDBC,
        /** In this JVM only (the in-memory reference store); lost on restart. */
        MEMORY
    }

    /**
     * The JDBC store (escalation.store=jdbc).
     *
     * @param migrate             apply the library's Flyway migrations on start (own history table
     *                            escalation_schema_history); off by default: then the schema must exist
     * @param queryTimeout        the timeout of each statement; 0 for none
     * @param deduplicationWindow how long a delivered side effect's idempotency key is remembered
     */
    public record Jdbc(
            @DefaultValue("false") boolean migrate,
            @DefaultValue("30s") Duration queryTimeout,
            @DefaultValue("7d") Duration deduplicationWindow) {

        /**
         * Checks the values.
         *
         * @param migrate apply the library's Flyway migrations on start (own history table
         *     escalation_schema_history); off by default: then the schema must exist
         * @param queryTimeout the timeout of each statement; 0 for none
         * @param deduplicationWindow how long a delivered side effect's idempotency key is remembered
         * @throws IllegalArgumentException naming the property whose value is missing or out of range
         */
        public Jdbc {
            PropertyChecks.duration("escalation.jdbc.query-timeout", queryTimeout, Duration.ZERO, Duration.ofDays(1));
            PropertyChecks.duration(
                    "escalation.jdbc.deduplication-window",
                    deduplicationWindow,
                    Duration.ofSeconds(1),
                    Duration.ofDays(3660));
        }
    }

    /**
     * Background delivery: due work and the outbox processed every interval on one thread, started and
     * stopped with the application context.
     *
     * @param enabled         run background delivery (off: call engine.deliverPending() yourself)
     * @param interval        the pause between runs, 10 ms to 1 day
     * @param batchSize       messages per claim, 1 to 500
     * @param maxAttempts     attempts before a side effect is dead-lettered, 1 to 100
     * @param lease           how long a claim holds, at least 1 s
     * @param backoff         the first retry's wait; each further one waits twice as long
     * @param maxBackoff      the longest wait between retries, at least backoff
     * @param shutdownTimeout how long stopping the context waits for a running delivery to finish, 0 to 1 hour
     */
    public record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration interval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("16") int maxAttempts,
            @DefaultValue("1m") Duration lease,
            @DefaultValue("5s") Duration backoff,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("10s") Duration shutdownTimeout) {

        /**
         * Checks the values.
         *
         * @param enabled run background delivery (off: call engine.deliverPending() yourself)
         * @param interval the pause between runs, 10 ms to 1 day
         * @param batchSize messages per claim, 1 to 500
         * @param maxAttempts attempts before a side effect is dead-lettered, 1 to 100
         * @param lease how long a claim holds, at least 1 s
         * @param backoff the first retry's wait; each further one waits twice as long
         * @param maxBackoff the longest wait between retries, at least backoff
         * @param shutdownTimeout how long stopping the context waits for a running delivery to finish, 0 to 1 hour
         * @throws IllegalArgumentException naming the property whose value is missing or out of range
         */
        public Delivery {
            PropertyChecks.duration(
                    "escalation.delivery.interval", interval, Duration.ofMillis(10), Duration.ofDays(1));
            PropertyChecks.range("escalation.delivery.batch-size", batchSize, 1, 500);
            PropertyChecks.range("escalation.delivery.max-attempts", maxAttempts, 1, 100);
            PropertyChecks.duration("escalation.delivery.lease", lease, Duration.ofSeconds(1), Duration.ofDays(1));
            PropertyChecks.duration("escalation.delivery.backoff", backoff, Duration.ofMillis(1), Duration.ofDays(1));
            PropertyChecks.duration("escalation.delivery.max-backoff", maxBackoff, backoff, Duration.ofDays(7));
            PropertyChecks.duration(
                    "escalation.delivery.shutdown-timeout", shutdownTimeout, Duration.ZERO, Duration.ofHours(1));
        }
    }

    /**
     * The vendor's coverage calendar. The defaults are German business hours: Europe/Berlin, Monday to Friday
     * 09:00–17:00, closed on the nationwide German public holidays.
     *
     * @param alwaysOpen    open around the clock (UTC, no holidays): no hotline advice is ever given
     * @param zone          the calendar's time zone
     * @param days          the open weekdays
     * @param opens         opening time on those days
     * @param closes        closing time on those days (after opens)
     * @param holidayRegion the public holidays the calendar closes on, as a Jollyday region code (DE,
     *                      DE-BY, US-NY, …); empty for none
     */
    public record Coverage(
            @DefaultValue("false") boolean alwaysOpen,
            @DefaultValue("Europe/Berlin") ZoneId zone,

            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"})
            Set<DayOfWeek> days,

            @DefaultValue("09:00") LocalTime opens,
            @DefaultValue("17:00") LocalTime closes,
            @DefaultValue("DE") String holidayRegion) {

        /**
         * Checks the values.
         *
         * @param alwaysOpen open around the clock (UTC, no holidays): no hotline advice is ever given
         * @param zone the calendar's time zone
         * @param days the open weekdays
         * @param opens opening time on those days
         * @param closes closing time on those days (after opens)
         * @param holidayRegion the public holidays the calendar closes on, as a Jollyday region code (DE, DE-BY,
         *     US-NY, …); empty for none
         * @throws IllegalArgumentException naming the property whose value is missing or out of range
         */
        public Coverage {
            PropertyChecks.present("escalation.coverage.zone", zone);
            days = Set.copyOf(PropertyChecks.entries("escalation.coverage.days", days));
            if (days.isEmpty() && !alwaysOpen) {
                throw new IllegalArgumentException("escalation.coverage.days must name at least one day");
            }
            PropertyChecks.present("escalation.coverage.opens", opens);
            PropertyChecks.present("escalation.coverage.closes", closes);
            if (!closes.isAfter(opens)) {
                throw new IllegalArgumentException(
                        "escalation.coverage.closes must be after escalation.coverage.opens (" + opens + "), not "
                                + closes);
            }
            holidayRegion = holidayRegion == null ? "" : holidayRegion.strip();
        }
    }

    /**
     * One hotline number of hotline advice.
     *
     * @param label  what the number is for, such as Germany
     * @param number the number as dialled, such as +49 911 2399 110
     */
    public record Hotline(String label, String number) {

        /**
         * Checks the values.
         *
         * @param label what the number is for, such as Germany
         * @param number the number as dialled, such as +49 911 2399 110
         * @throws IllegalArgumentException naming the property whose value is blank
         */
        public Hotline {
            PropertyChecks.text("escalation.hotline[].label", label);
            PropertyChecks.text("escalation.hotline[].number", number);
        }
    }

    /**
     * SLA policies (more can be beans of type SlaPolicy).
     *
     * @param current  the policy new escalations run under, as id:version (such as standard:2);
     *                 empty: the first of policies, or none if there is none
     * @param policies the policy versions to register
     */
    public record Sla(
            @Nullable String current, @DefaultValue List<Policy> policies) {

        /**
         * Checks the values.
         *
         * @param current the policy new escalations run under, as id:version (such as standard:2); empty: the first
         *     of policies, or none if there is none
         * @param policies the policy versions to register
         * @throws IllegalArgumentException naming the property whose value is missing, or a target no calendar
         *     reaches within {@code SlaPolicy.MAX_TARGET_WEEKS} weeks (more than 17,472 hours) or not positive
         */
        public Sla {
            policies = List.copyOf(PropertyChecks.present("escalation.sla.policies", policies));
            for (int i = 0; i < policies.size(); i++) {
                String property = "escalation.sla.policies[" + i + "].";
                policies.get(i)
                        .firstContact()
                        .forEach((c, t) -> PropertyChecks.target(property + "first-contact." + c, t));
                policies.get(i).resolution().forEach((c, t) -> PropertyChecks.target(property + "resolution." + c, t));
            }
        }
    }

    /**
     * One SLA policy version; targets are business time on the vendor's coverage calendar.
     *
     * @param id                the policy's name, such as standard
     * @param version           its version, from 1
     * @param firstContact      first-contact target per criticality (CRITICAL: 1h); at most 104 weeks of the
     *                          coverage calendar's open time (17,472 hours open around the clock)
     * @param resolution        resolution target per criticality; at most 104 weeks of the coverage's open time
     * @param warnAt            percent of a target used at which a warning goes out, 1 to 99; 0 for none
     * @param planAnswerWithin  how long the customer has to answer a plan proposal (business time)
     * @param customerVisible   deadlines the customer sees (FIRST_CONTACT, RESOLUTION)
     */
    public record Policy(
            String id,
            int version,
            @DefaultValue Map<Criticality, Duration> firstContact,
            @DefaultValue Map<Criticality, Duration> resolution,
            @DefaultValue("0") int warnAt,
            @DefaultValue("8h") Duration planAnswerWithin,
            @DefaultValue Set<DueKind> customerVisible) {

        /**
         * Checks the values.
         *
         * @param id the policy's name, such as standard
         * @param version its version, from 1
         * @param firstContact first-contact target per criticality (CRITICAL: 1h)
         * @param resolution resolution target per criticality
         * @param warnAt percent of a target used at which a warning goes out, 1 to 99; 0 for none
         * @param planAnswerWithin how long the customer has to answer a plan proposal (business time)
         * @param customerVisible deadlines the customer sees (FIRST_CONTACT, RESOLUTION)
         * @throws IllegalArgumentException naming the property whose value is missing or out of range
         */
        public Policy {
            PropertyChecks.text("escalation.sla.policies[].id", id);
            PropertyChecks.range("escalation.sla.policies[].version", version, 1, Integer.MAX_VALUE);
            firstContact = Map.copyOf(PropertyChecks.present("escalation.sla.policies[].first-contact", firstContact));
            resolution = Map.copyOf(PropertyChecks.present("escalation.sla.policies[].resolution", resolution));
            PropertyChecks.range("escalation.sla.policies[].warn-at", warnAt, 0, 99);
            PropertyChecks.duration(
                    "escalation.sla.policies[].plan-answer-within",
                    planAnswerWithin,
                    Duration.ofMinutes(1),
                    Duration.ofDays(30));
            customerVisible =
                    Set.copyOf(PropertyChecks.entries("escalation.sla.policies[].customer-visible", customerVisible));
        }
    }

    /**
     * Thresholds of the Actuator health indicator escalation: the store not reachable is DOWN; more
     * pending side effects or dead letters than these is OUT_OF_SERVICE. -1 switches a check off.
     *
     * @param maxPending     the most pending side effects (neither delivered nor dead-lettered) that are healthy
     * @param maxDeadLetters the most dead-lettered side effects that are healthy
     */
    public record Health(
            @DefaultValue("1000") long maxPending,
            @DefaultValue("0") long maxDeadLetters) {

        /**
         * Checks the values.
         *
         * @param maxPending the most pending side effects (neither delivered nor dead-lettered) that are healthy
         * @param maxDeadLetters the most dead-lettered side effects that are healthy
         * @throws IllegalArgumentException naming the property whose value is below -1
         */
        public Health {
            PropertyChecks.range("escalation.health.max-pending", maxPending, -1, Long.MAX_VALUE);
            PropertyChecks.range("escalation.health.max-dead-letters", maxDeadLetters, -1, Long.MAX_VALUE);
        }
    }
}
