package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.SideEffect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A contact's notification made from its parts ({@link AuditHeads.Unstamped}, the draft's path with the audit trail
 * on) is the request the engine made before: the plain request, stamped by {@link AuditHeads.Stamper#stamp}; and
 * without a head, the plain request. Recipients sharing one parameter map share the stamped map as before.
 */
class AuditHeadsProperties {
    private static final EscalationId ID = EscalationId.of("e-1");
    private static final CaseId CASE = CaseId.of("C-1");

    @Provide
    Arbitrary<Map<String, EntryParam>> params() {
        Arbitrary<String> names = Arbitraries.of(
                "state", "criticality", "cause", "hotline.reason", "hotline.param.raisedAt", "caseTitle", "audit.x");
        Arbitrary<EntryParam> values = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(12).map(EntryParam.Text::new),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(EntryParam.Ref::new),
                Arbitraries.longs().between(0, 1_000).map(EntryParam.Count::new));
        return Combinators.combine(names, values)
                .as(Map::entry)
                .list()
                .ofMaxSize(9)
                .map(entries -> {
                    Map<String, EntryParam> m = new LinkedHashMap<>();
                    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
    }

    @Provide
    Arbitrary<List<Party>> recipients() {
        Arbitrary<Party> party = Combinators.combine(
                        Arbitraries.of(Party.Kind.CONTACT, Party.Kind.STAFF),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6))
                .as((kind, id) -> new Party(kind, id, "Name " + id, id + "@example.com"));
        return party.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 1_000)
    void madeFromItsPartsAsStampedBefore(
            @ForAll("params") Map<String, EntryParam> params,
            @ForAll("recipients") List<Party> recipients,
            @ForAll boolean withHead,
            @ForAll boolean withText) {
        Optional<String> text = withText ? Optional.of("words") : Optional.empty();
        String head = "ab".repeat(32);
        AuditHeads.Stamper before = withHead ? new AuditHeads.Stamper(head, 7) : null;
        AuditHeads.Stamper after = withHead ? new AuditHeads.Stamper(head, 7) : null;
        List<SideEffect> old = new ArrayList<>();
        List<SideEffect> now = new ArrayList<>();
        Map<String, EntryParam> shared = params;
        for (int i = 0; i < recipients.size(); i++) {
            Party p = recipients.get(i);
            String key = "e-1/2/" + (i + 1);
            NotificationRequest plain = new NotificationRequest(
                    key, ID, CASE, NotificationKind.PLAN_AGREED, Optional.empty(), p, shared, text, Optional.empty());
            old.add(before != null ? before.stamp(plain) : plain);
            if (p.kind() == Party.Kind.CONTACT) {
                now.add(new AuditHeads.Unstamped(key, NotificationKind.PLAN_AGREED, p, shared, text, Optional.empty())
                        .request(ID, CASE, after));
            } else {
                now.add(after != null ? after.stamp(plain) : plain);
            }
            shared = plain.params();
        }
        assertThat(now).isEqualTo(old);
        for (SideEffect e : now) {
            NotificationRequest n = (NotificationRequest) e;
            boolean stamped = withHead && n.recipient().kind() == Party.Kind.CONTACT;
            assertThat(n.params().containsKey(AuditHeads.HEAD)).isEqualTo(stamped);
            assertThat(List.copyOf(n.params().keySet()).subList(0, params.size()))
                    .containsExactlyElementsOf(params.keySet());
        }
    }
}
