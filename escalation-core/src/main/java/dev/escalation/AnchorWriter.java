package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Takes the signed checkpoints (anchors) of {@link AuditOperations}: one escalation's, or those of a change batch. */
final class AnchorWriter {
    private final Workflow w;

    AnchorWriter(Workflow w) {
        this.w = w;
    }

    /**
     * Anchors each escalation the batch names once; returns how many anchors were recorded. One escalation holds back
     * no other: an escalation deleted since its change (retention) has nothing left to anchor, and one whose stored
     * head is not its last entry's hash, or whose stored data cannot be read back ({@code CORRUPT_DATA}, also a latest
     * anchor of another escalation or beyond the chain's end), is added to {@code unanchored}, logged, and left for
     * {@link AuditOperations#verify}. A store that cannot answer ends the batch.
     */
    int anchor(ChangeBatch batch, AuditSettings settings, List<EscalationId> unanchored) {
        Set<EscalationId> ids = new LinkedHashSet<>();
        batch.changes().forEach(c -> ids.add(c.escalation()));
        int anchored = 0;
        for (EscalationId id : ids) {
            try {
                if (anchorNow(id, settings).recorded()) {
                    anchored++;
                }
            } catch (EscalationNotFoundException gone) {
                // purged since the change: nothing to anchor
            } catch (CorruptDataException e) {
                unanchored.add(id); // its row, last entry, head or latest anchor was changed: not signed, not retried
                Ports.withMdc(
                        id,
                        () -> Ports.LOG.warn(
                                "audit: escalation {} not anchored: its stored data cannot be read back or its stored"
                                        + " head is not its last entry's hash",
                                id));
            }
        }
        return anchored;
    }

    /**
     * The latest anchor of {@code id} the anchor store answers; one of another escalation is an impossible answer
     * ({@code CORRUPT_DATA}, as an anchor it cannot read back), never shown or signed over as this escalation's.
     */
    static Optional<Anchor> latest(AuditSettings settings, EscalationId id) {
        Optional<Anchor> latest = Ports.call(() -> settings.anchors().latest(id));
        if (latest.isPresent() && !latest.get().escalation().equals(id)) {
            throw Ports.corrupt(new StoredDataException("AuditAnchors answered another escalation's anchor", 0, null));
        }
        return latest;
    }

    /** What {@link #anchorNow} found: the latest anchor and whether this call recorded it. */
    record Anchoring(Optional<Anchor> anchor, boolean recorded) {}

    Anchoring anchorNow(EscalationId id, AuditSettings settings) {
        StoredEscalation e = Ports.call(() -> w.store.findForVendor(id))
                .filter(x -> StoreRows.asked("audit trail's load", x, id, null))
                .orElseThrow(() -> Workflow.notFound(id));
        Optional<String> head = e.facts().chainHead();
        long length = e.facts().entryCount();
        if (head.isEmpty() || length == 0) {
            return new Anchoring(Optional.empty(), false);
        }
        if (!hashAt(id, length).equals(head)) {
            // the log or the head was changed outside the engine: never signed over (verify shows where)
            throw Ports.corrupt(new StoredDataException("the stored head is not the last entry's hash", length, null));
        }
        Optional<Anchor> latest = latest(settings, id);
        if (latest.isPresent() && latest.get().length() > length) { // verify: ANCHOR_BEYOND_END; never signed over
            throw Ports.corrupt(new StoredDataException(
                    "the latest audit anchor covers more entries than the chain has",
                    latest.get().length(),
                    null));
        }
        if (latest.isPresent() && latest.get().length() == length) {
            return new Anchoring(latest, false);
        }
        if (latest.isPresent()
                && !hashAt(id, latest.get().length())
                        .equals(Optional.of(latest.get().head()))) {
            // the chain was rewritten up to the latest anchor and relinked: a new anchor would sign the forgery over
            throw Ports.corrupt(new StoredDataException(
                    "the entry at the latest audit anchor's length no longer carries its head",
                    latest.get().length(),
                    null));
        }
        Instant at = w.clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] signature = sign(settings, AuditEncoding.anchorBytes(id, length, head.get(), at));
        Anchor anchor = new Anchor(id, length, head.get(), at, signature);
        Ports.call(() -> {
            settings.anchors().record(anchor);
            return Boolean.TRUE; // no answer of its own: not null, which Ports.call refuses
        });
        Ports.withMdc(id, () -> Ports.LOG.info("audit anchor of escalation {} at length {}", id, length));
        return new Anchoring(Optional.of(anchor), true);
    }

    /** The hash the stored entry at a chain length carries (empty if it is gone or unlinked). */
    private Optional<String> hashAt(EscalationId id, long length) {
        List<StoredEntry> at = Ports.call(() -> w.store.entriesForVendor(id, length - 1, 1));
        return at.size() == 1 ? at.get(0).chain().map(c -> c.hash()) : Optional.empty();
    }

    private static byte[] sign(AuditSettings settings, byte[] bytes) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(settings.signing().getPrivate());
            s.update(bytes);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
