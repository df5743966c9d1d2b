package dev.escalation;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An entry as a command logs it ({@link Draft#log}), before its audit link: its parts, the parameters as the command
 * made them, not copied yet. The stored entry is made once, by the write ({@link AuditChain#link} or
 * {@link #unchained}), instead of an unlinked {@link StoredEntry} copying the parameters first and being thrown away
 * by the link. The parameters must not change after the entry is logged.
 */
record LoggedEntry(
        long sequence,
        Instant at,
        ProgressKind kind,
        ActorRef actor,
        Visibility visibility,
        Optional<String> text,
        Map<String, EntryParam> params) {

    static LoggedEntry of(StoredEntry e) {
        return new LoggedEntry(e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), e.text(), e.params());
    }

    /** The entries without links (the audit trail off). */
    static List<StoredEntry> unchained(List<LoggedEntry> entries) {
        List<StoredEntry> out = new ArrayList<>(entries.size());
        for (LoggedEntry e : entries) {
            out.add(new StoredEntry(
                    e.sequence, e.at, e.kind, e.actor, e.visibility, e.text, e.params, Optional.empty()));
        }
        return out;
    }
}
