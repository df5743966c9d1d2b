package dev.escalation.sla;

import static java.util.Objects.requireNonNull;

import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of an SLA policy: what the vendor promises, per criticality, and how the engine warns and escalates
 * to the next level. Immutable and thread-safe.
 *
 * <ul>
 *   <li><b>First contact</b> ({@link DueKind#FIRST_CONTACT}): from escalation to acknowledgement (Support Management
 *       contacted the customer and appointed an Escalation Manager).</li>
 *   <li><b>Resolution</b> ({@link DueKind#RESOLUTION}): from escalation to resolution.</li>
 *   <li><b>Status-update cadence</b> ({@link DueKind#NEXT_MEETING}): not a number of the policy but of the
 *       communication plan agreed with the customer: the next meeting is due one plan period (wall-clock time)
 *       after the last meeting held.</li>
 * </ul>
 *
 * <p>First contact and resolution are measured in business time of the calendar chosen per kind
 * ({@link Builder#measure(DueKind, SlaCalendar)}, default {@link SlaCalendar#VENDOR_COVERAGE}), without paused
 * time. A warning goes out when {@link #warningPercent()} of the target is used; at the deadline the next level
 * (Head of Support) is notified, and again every {@link #repeatEvery()} (wall-clock time) up to
 * {@link #maxRepeats()} times. Who is told at each level comes from the policy's {@link #chain()} (by default the
 * Escalation Manager at the warning, Head of Support at the breach and its repeats).
 *
 * <p>Optional targets: <b>customer contact</b> ({@link DueKind#CUSTOMER_CONTACT}, {@link Builder#contactEvery}): the
 * customer hears from the vendor at least every N business hours from acknowledgement until resolution; what counts
 * as contact is a customer-visible entry of one of {@link #countsAsContact()} written by staff. A <b>missed
 * meeting</b> ({@link Builder#escalateMissedMeeting}): a plan meeting not held within a grace period escalates along
 * the chain like a breach.
 *
 * <pre>{@code
 * SlaPolicy standard = SlaPolicy.builder("standard", 2)
 *         .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
 *         .resolution(Criticality.CRITICAL, Duration.ofHours(16))
 *         .warnAt(75).repeatAfterBreach(Duration.ofHours(4), 3)
 *         .build();
 * }</pre>
 */
public final class SlaPolicy {
    /**
     * The plan answer window of a policy that sets none, and of escalations that run under no policy: 8 hours of
     * business time.
     */
    public static final Duration DEFAULT_PLAN_ANSWER_WITHIN = Duration.ofHours(8);

    /** The longest duration a policy accepts for a target, interval or grace period: 3,660 days (about ten years). */
    public static final Duration MAX_DURATION = Duration.ofDays(3660);

    /**
     * The most regular weeks of its calendar a business-time target may span: a longer target than this many {@link
     * dev.escalation.calendar.BusinessCalendar#weeklyOpenTime() weekly open times} is refused (README, "Limits").
     */
    public static final int MAX_TARGET_WEEKS = 104;

    private final PolicyRef ref;
    private final Map<Criticality, Duration> firstContact;
    private final Map<Criticality, Duration> resolution;
    private final Map<DueKind, SlaCalendar> calendars;
    private final int warningPercent;
    private final Optional<Duration> repeatEvery;
    private final int maxRepeats;
    private final Set<DueKind> customerVisible;
    private final Duration planAnswerWithin;
    private final Optional<EscalationChain> chain;
    private final Optional<Duration> contactEvery;
    private final Set<ProgressKind> countsAsContact;
    private final Optional<Duration> missedMeetingAfter;

    private SlaPolicy(Builder b) {
        this.planAnswerWithin = b.planAnswerWithin;
        this.ref = b.ref;
        this.firstContact = Map.copyOf(b.firstContact);
        this.resolution = Map.copyOf(b.resolution);
        this.calendars = Map.copyOf(b.calendars);
        this.warningPercent = b.warningPercent;
        this.repeatEvery = b.repeatEvery;
        this.maxRepeats = b.maxRepeats;
        this.customerVisible = Set.copyOf(b.customerVisible);
        this.chain = b.chain;
        this.contactEvery = b.contactEvery;
        this.countsAsContact = Set.copyOf(b.countsAsContact);
        this.missedMeetingAfter = b.missedMeetingAfter;
    }

    /**
     * Starts a policy version.
     * @param id      the policy's name, such as {@code "standard"}
     * @param version its version, starting at 1
     * @return a builder
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is not an id (blank, over 128 characters, a control, invisible
     *     formatting or unpaired surrogate character: it is stored with every escalation and shown in its log) or
     *     {@code version} is not positive
     */
    public static Builder builder(String id, int version) {
        requireNonNull(id, "id");
        String problem = TextRules.idProblem(id, TextRules.ID_MAX);
        if (problem != null) {
            throw new IllegalArgumentException("policy id " + problem);
        }
        return new Builder(new PolicyRef(id, version));
    }

    /**
     * The reference escalations record (id and version).
     * @return the reference
     */
    public PolicyRef ref() {
        return ref;
    }

    /**
     * The target of a deadline kind for a criticality, in business time.
     * @param kind        {@link DueKind#FIRST_CONTACT}, {@link DueKind#RESOLUTION} or {@link DueKind#CUSTOMER_CONTACT}
     * @param criticality the escalation's criticality
     * @return the target, or empty if the policy sets none (always empty for {@link DueKind#NEXT_MEETING}, whose
     *         cadence comes from the communication plan; the contact target is the same for every criticality)
     */
    public Optional<Duration> target(DueKind kind, Criticality criticality) {
        requireNonNull(kind, "kind");
        requireNonNull(criticality, "criticality");
        return switch (kind) {
            case FIRST_CONTACT -> Optional.ofNullable(firstContact.get(criticality));
            case RESOLUTION -> Optional.ofNullable(resolution.get(criticality));
            case CUSTOMER_CONTACT -> contactEvery;
            default -> Optional.empty();
        };
    }

    /**
     * The calendar a deadline kind is measured in.
     * @param kind the kind
     * @return the calendar ({@link SlaCalendar#VENDOR_COVERAGE} unless set otherwise)
     */
    public SlaCalendar calendar(DueKind kind) {
        return calendars.getOrDefault(requireNonNull(kind, "kind"), SlaCalendar.VENDOR_COVERAGE);
    }

    /**
     * The share of a target after which a pre-breach warning is sent.
     * @return a percentage from 1 to 99, or 0 for no warning
     */
    public int warningPercent() {
        return warningPercent;
    }

    /**
     * How long after a breach the next level is notified again (wall-clock time: internal escalation may page out
     * of hours).
     * @return the interval, or empty for no repeat
     */
    public Optional<Duration> repeatEvery() {
        return repeatEvery;
    }

    /**
     * How many repeats follow a breach.
     * @return 0 when {@link #repeatEvery()} is empty
     */
    public int maxRepeats() {
        return maxRepeats;
    }

    /**
     * Whether customer contacts see deadlines of this kind in {@code EscalationEngine.deadlines}.
     * @param kind the kind
     * @return {@code true} if customer-facing
     */
    public boolean isCustomerVisible(DueKind kind) {
        return customerVisible.contains(requireNonNull(kind, "kind"));
    }

    /**
     * How long the customer has to answer the Escalation Manager's plan proposal before the manager may record it
     * alone, in business time of the vendor's coverage calendar (see {@code RecordPlanAlone}).
     * @return the answer window, 8 hours unless set
     */
    public Duration planAnswerWithin() {
        return planAnswerWithin;
    }

    /**
     * Who is told at the warning, the breach and each repeat, if the policy sets it.
     * @return the chain, or empty for {@link EscalationChain#STANDARD}'s people (as earlier versions did)
     */
    public Optional<EscalationChain> chain() {
        return chain;
    }

    /**
     * What counts as customer contact for the {@link DueKind#CUSTOMER_CONTACT} target: customer-visible entries of
     * these kinds written by staff.
     * @return the kinds (default {@link ProgressKind#MEETING_HELD})
     */
    public Set<ProgressKind> countsAsContact() {
        return countsAsContact;
    }

    /**
     * How long after a plan meeting was due it counts as missed and escalates along the chain.
     * @return the grace period, or empty if a missed meeting only sends the reminder
     */
    public Optional<Duration> missedMeetingAfter() {
        return missedMeetingAfter;
    }

    @Override
    public String toString() {
        return "SlaPolicy[" + ref + "]";
    }

    /** Builds one {@link SlaPolicy} version. Each setting is checked at once. Not thread-safe. */
    public static final class Builder {
        private final PolicyRef ref;
        private final Map<Criticality, Duration> firstContact = new EnumMap<>(Criticality.class);
        private final Map<Criticality, Duration> resolution = new EnumMap<>(Criticality.class);
        private final Map<DueKind, SlaCalendar> calendars = new EnumMap<>(DueKind.class);
        private int warningPercent = 75;
        private Optional<Duration> repeatEvery = Optional.empty();
        private int maxRepeats;
        private Set<DueKind> customerVisible = EnumSet.of(DueKind.FIRST_CONTACT, DueKind.NEXT_MEETING);
        private Duration planAnswerWithin = DEFAULT_PLAN_ANSWER_WITHIN;
        private Optional<EscalationChain> chain = Optional.empty();
        private Optional<Duration> contactEvery = Optional.empty();
        private Set<ProgressKind> countsAsContact = EnumSet.of(ProgressKind.MEETING_HELD);
        private Optional<Duration> missedMeetingAfter = Optional.empty();

        private Builder(PolicyRef ref) {
            this.ref = ref;
        }

        /**
         * The first-contact target (escalated → acknowledged) for a criticality.
         * @param criticality the criticality
         * @param target      business time, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code target} is not positive or longer than {@link #MAX_DURATION}
         */
        public Builder firstContact(Criticality criticality, Duration target) {
            firstContact.put(requireNonNull(criticality, "criticality"), positive(target, "firstContact"));
            return this;
        }

        /**
         * The resolution target (escalated → resolved) for a criticality.
         * @param criticality the criticality
         * @param target      business time, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code target} is not positive or longer than {@link #MAX_DURATION}
         */
        public Builder resolution(Criticality criticality, Duration target) {
            resolution.put(requireNonNull(criticality, "criticality"), positive(target, "resolution"));
            return this;
        }

        /**
         * Which calendar a kind is measured in (default: vendor coverage).
         * @param kind     {@link DueKind#FIRST_CONTACT} or {@link DueKind#RESOLUTION}
         * @param calendar the calendar
         * @return this builder
         * @throws IllegalArgumentException for {@link DueKind#NEXT_MEETING} (the plan's cadence is wall-clock time)
         */
        public Builder measure(DueKind kind, SlaCalendar calendar) {
            requireNonNull(kind, "kind");
            requireNonNull(calendar, "calendar");
            if (kind == DueKind.NEXT_MEETING) {
                throw new IllegalArgumentException(
                        "the meeting cadence is the communication plan's wall-clock period;" + " it has no calendar");
            }
            calendars.put(kind, calendar);
            return this;
        }

        /**
         * The pre-breach warning, as a share of the target (default 75).
         * @param percent 1 to 99, or 0 for no warning
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder warnAt(int percent) {
            if (percent < 0 || percent > 99) {
                throw new IllegalArgumentException("warnAt must be between 0 and 99 percent: " + percent);
            }
            this.warningPercent = percent;
            return this;
        }

        /**
         * Notifies the next level again after a breach (default: no repeat).
         * @param every  wall-clock interval, positive, at most {@link #MAX_DURATION}
         * @param times  how many repeats, 1 to 100
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder repeatAfterBreach(Duration every, int times) {
            positive(every, "repeatAfterBreach");
            if (times < 1 || times > 100) {
                throw new IllegalArgumentException("repeat times must be between 1 and 100: " + times);
            }
            this.repeatEvery = Optional.of(every);
            this.maxRepeats = times;
            return this;
        }

        /**
         * Which deadline kinds customer contacts see (default: first contact and next meeting; resolution targets
         * are internal).
         * @param kinds the kinds, possibly none
         * @return this builder
         */
        public Builder customerVisible(DueKind... kinds) {
            Set<DueKind> s = EnumSet.noneOf(DueKind.class);
            java.util.Arrays.stream(requireNonNull(kinds, "kinds")).forEach(k -> s.add(requireNonNull(k, "kind")));
            this.customerVisible = s;
            return this;
        }

        /**
         * How long the customer has to answer the manager's plan proposal (default 8 hours).
         * @param within business time of the vendor's coverage calendar, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive or longer than {@link #MAX_DURATION}
         */
        public Builder planAnswerWithin(Duration within) {
            this.planAnswerWithin = positive(within, "planAnswerWithin");
            return this;
        }

        /**
         * Who is told at the warning, the breach and each repeat (default: as {@link EscalationChain#STANDARD}).
         * @param chain the chain
         * @return this builder
         */
        public Builder chain(EscalationChain chain) {
            this.chain = Optional.of(requireNonNull(chain, "chain"));
            return this;
        }

        /**
         * The customer-contact target: contact at least every {@code every} business time (in the calendar set with
         * {@code measure(DueKind.CUSTOMER_CONTACT, …)}), warned and breached like the other targets.
         * @param every  business time, positive
         * @param counts what counts as contact (customer-visible entries of these kinds written by staff); none
         *               given: {@link ProgressKind#MEETING_HELD}
         * @return this builder
         * @throws IllegalArgumentException if {@code every} is not positive or longer than {@link #MAX_DURATION}
         */
        public Builder contactEvery(Duration every, ProgressKind... counts) {
            Duration target = positive(every, "contactEvery");
            Set<ProgressKind> s = EnumSet.noneOf(ProgressKind.class);
            java.util.Arrays.stream(requireNonNull(counts, "counts")).forEach(k -> s.add(requireNonNull(k, "counts")));
            this.contactEvery = Optional.of(target); // both checked first: a refused call changes nothing
            this.countsAsContact = s.isEmpty() ? EnumSet.of(ProgressKind.MEETING_HELD) : s;
            return this;
        }

        /**
         * Escalates a plan meeting not held within {@code grace} after it was due along the chain (breach level,
         * then the repeats at {@link #repeatAfterBreach}'s interval). Default: only the reminder.
         * @param grace wall-clock time after the meeting was due, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code grace} is not positive or longer than {@link #MAX_DURATION}
         */
        public Builder escalateMissedMeeting(Duration grace) {
            this.missedMeetingAfter = Optional.of(positive(grace, "escalateMissedMeeting"));
            return this;
        }

        /**
         * Builds the immutable policy.
         * @return the policy
         */
        public SlaPolicy build() {
            return new SlaPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            if (d.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(name + " must be at most " + MAX_DURATION + ": " + d);
            }
            return d;
        }
    }
}
