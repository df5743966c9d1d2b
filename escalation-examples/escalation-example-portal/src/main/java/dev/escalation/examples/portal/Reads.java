package dev.escalation.examples.portal;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationView;
import dev.escalation.TimelineEntry;
import dev.escalation.model.CaseId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The reads both halves of the portal share: the escalation page's model. */
@Component
class Reads {
    static final PageRequest FIRST_PAGE = PageRequest.first(100); // a demo: one page of a list is enough

    private final EscalationEngine engine;
    private final Views views;

    Reads(EscalationEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    /** The escalation as the actor may see it, with its timeline and deadlines; 404 page when it is not theirs. */
    Map<String, Object> escalation(Actor actor, EscalationId id, Ui ui) {
        EscalationView v = engine.find(actor, id).orElseThrow(() -> new NotFound());
        return views.escalation(v, timeline(actor, id), engine.deadlines(actor, id), ui);
    }

    /** The escalation's whole timeline as the actor may read it (customers: customer-visible entries), page by page. */
    List<TimelineEntry> timeline(Actor actor, EscalationId id) {
        List<TimelineEntry> entries = new ArrayList<>();
        PageRequest page = FIRST_PAGE;
        while (true) {
            Page<TimelineEntry> p = engine.timeline(actor, id, page);
            entries.addAll(p.items());
            if (p.next().isEmpty()) {
                return entries;
            }
            page = PageRequest.after(p.next().get(), FIRST_PAGE.size());
        }
    }

    /**
     * The escalation id in a URL. A value no escalation can have (longer than 128 characters, blank, with a control
     * character: the id's own rules) is not found, exactly like a missing escalation.
     */
    static EscalationId escalationId(String value) {
        return inUrl(EscalationId::of, value);
    }

    /** The case id in a URL; as {@link #escalationId(String)}, a value no case can have is not found. */
    static CaseId caseId(String value) {
        return inUrl(CaseId::of, value);
    }

    private static <T> T inUrl(Function<String, T> of, String value) {
        try {
            return of.apply(value);
        } catch (IllegalArgumentException e) {
            throw new NotFound();
        }
    }

    /** Not found (or not the reader's): Spring answers 404 with the portal's error page. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
