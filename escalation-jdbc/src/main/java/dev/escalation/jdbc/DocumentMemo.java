package dev.escalation.jdbc;

import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Intake;
import dev.escalation.model.PlanProposal;
import dev.escalation.spi.EscalationFacts;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * An exact memo of the documents of escalation rows (format {@link Json#FORMAT}): per escalation the last texts read or
 * written, each with what it holds. A document whose text equals the remembered one is not parsed again; any other text
 * is parsed and remembered in its place. It is a memo of a pure function (JSON text to immutable value), compared by
 * the whole text, so it can only answer what parsing the same text answers; a text written by this store is
 * remembered with the value it was written from, which parsing it gives back (the storage format's round trip,
 * {@code StorageFormatPropertyTest}, and {@code DocumentMemoPropertyTest}).
 *
 * <p>Bounded: a fixed number of slots, one escalation per slot by the hash of its id (a newer escalation takes the
 * slot). Thread-safe: a slot holds an immutable entry, replaced as a whole. One memo per store instance.
 */
final class DocumentMemo {
    /** Slots: at most this many escalations are remembered. */
    static final int SLOTS = 4096;

    /** One document: its text (null for SQL NULL) and its value. */
    private record Doc<T>(@Nullable String text, T value) {
        boolean holds(@Nullable String other) {
            return Objects.equals(text, other);
        }
    }

    /** The documents of one escalation, as last read or written. */
    private record Entry(
            String id,
            Doc<Json.EscalationBody> body,
            Doc<Intake> intake,
            Doc<Optional<HotlineAdvice>> hotline,
            Doc<Optional<PlanProposal>> proposal,
            Doc<EscalationFacts> facts) {}

    /** What a row's documents hold. */
    record Parsed(
            Json.EscalationBody body,
            Intake intake,
            Optional<HotlineAdvice> hotline,
            Optional<PlanProposal> proposal,
            EscalationFacts facts) {}

    private final Json json;
    private final AtomicReferenceArray<@Nullable Entry> slots = new AtomicReferenceArray<>(SLOTS);

    DocumentMemo(Json json) {
        this.json = json;
    }

    private static int slot(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /**
     * The documents of a row of escalation {@code id}: remembered values for texts equal to the remembered ones, the
     * others parsed (a body of another format than {@link Json#FORMAT} is converted and never remembered).
     */
    Parsed read(
            String id,
            String body,
            int bodyFormat,
            String intake,
            @Nullable String hotline,
            @Nullable String proposal,
            String facts) {
        int slot = slot(id);
        @Nullable Entry known = slots.get(slot);
        if (known != null && !known.id().equals(id)) {
            known = null;
        }
        boolean current = bodyFormat == Json.FORMAT;
        Doc<Json.EscalationBody> b = current && known != null && known.body().holds(body)
                ? known.body()
                : new Doc<>(body, json.readBody(body, bodyFormat));
        Doc<Intake> i = known != null && known.intake().holds(intake)
                ? known.intake()
                : new Doc<>(intake, json.readIntake(intake));
        Doc<Optional<HotlineAdvice>> h = known != null && known.hotline().holds(hotline)
                ? known.hotline()
                : new Doc<>(hotline, json.readHotline(hotline));
        Doc<Optional<PlanProposal>> p = known != null && known.proposal().holds(proposal)
                ? known.proposal()
                : new Doc<>(proposal, json.readProposal(proposal));
        Doc<EscalationFacts> f =
                known != null && known.facts().holds(facts) ? known.facts() : new Doc<>(facts, json.readFacts(facts));
        if (current
                && (known == null
                        || b != known.body()
                        || i != known.intake()
                        || h != known.hotline()
                        || p != known.proposal()
                        || f != known.facts())) {
            slots.set(slot, new Entry(id, b, i, h, p, f));
        }
        return new Parsed(b.value(), i.value(), h.value(), p.value(), f.value());
    }

    /**
     * Remembers the documents written for escalation {@code id} (format {@link Json#FORMAT}) with the values they were
     * written from.
     */
    void wrote(
            String id,
            String body,
            Json.EscalationBody bodyValue,
            String intake,
            Intake intakeValue,
            @Nullable String hotline,
            Optional<HotlineAdvice> hotlineValue,
            @Nullable String proposal,
            Optional<PlanProposal> proposalValue,
            String facts,
            EscalationFacts factsValue) {
        slots.set(
                slot(id),
                new Entry(
                        id,
                        new Doc<>(body, bodyValue),
                        new Doc<>(intake, intakeValue),
                        new Doc<>(hotline, hotlineValue),
                        new Doc<>(proposal, proposalValue),
                        new Doc<>(facts, factsValue)));
    }

    /** Forgets escalation {@code id} (its documents were erased or purged). */
    void forget(String id) {
        int slot = slot(id);
        @Nullable Entry known = slots.get(slot);
        if (known != null && known.id().equals(id)) {
            slots.compareAndSet(slot, known, null);
        }
    }
}
