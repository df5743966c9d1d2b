package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.text.Message;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The renderings one delivery batch remembers ({@link NotificationDelivery.BatchCache}): a text is reused exactly when
 * everything a rendering depends on is equal (kind, escalation, case, parameters, text, locale, zone), whoever the
 * recipient, key, channel or invitation; the last {@value NotificationDelivery.BatchCache#RENDERINGS} are held.
 */
class RenderingMemoTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Map<String, EntryParam> params(String criticality) {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("criticality", new EntryParam.Code(criticality));
        return p;
    }

    private static NotificationRequest request(
            String key, String escalation, NotificationKind kind, Map<String, EntryParam> params, String text) {
        return new NotificationRequest(
                key,
                EscalationId.of(escalation),
                CaseId.of("C-1"),
                kind,
                Optional.empty(),
                new Party(Party.Kind.CONTACT, key, "Ina", "ina@acme.example"),
                params,
                Optional.ofNullable(text),
                Optional.empty());
    }

    @Test
    void reusesATextForAnotherRecipientKeyAndChannelOnly() {
        NotificationDelivery.BatchCache cache = new NotificationDelivery.BatchCache();
        NotificationRequest first =
                request("k-1", "E-1", NotificationKind.ESCALATION_CONFIRMED, params("HIGH"), "hello");
        Message text = new Message("s", "b");
        assertThat(cache.rendered(first, Locale.ENGLISH, BERLIN)).isNull();
        cache.remember(first, Locale.ENGLISH, BERLIN, text);

        // another recipient and key, a fixed channel, parameters equal but not the same map
        NotificationRequest other = new NotificationRequest(
                "k-2",
                first.escalation(),
                first.caseId(),
                first.kind(),
                Optional.of(DeliveryChannel.EMAIL),
                new Party(Party.Kind.STAFF, "eve", "Eve", "eve@vendor.example"),
                params("HIGH"),
                first.text(),
                Optional.empty());
        assertThat(cache.rendered(other, Locale.ENGLISH, BERLIN)).isSameAs(text);
    }

    @Test
    void rendersAgainWhenAnythingTheTextDependsOnDiffers() {
        NotificationDelivery.BatchCache cache = new NotificationDelivery.BatchCache();
        NotificationRequest first =
                request("k-1", "E-1", NotificationKind.ESCALATION_CONFIRMED, params("HIGH"), "hello");
        cache.remember(first, Locale.ENGLISH, BERLIN, new Message("s", "b"));

        assertThat(cache.rendered(first, Locale.GERMAN, BERLIN)).isNull();
        assertThat(cache.rendered(first, Locale.ENGLISH, ZoneId.of("UTC"))).isNull();
        assertThat(cache.rendered(
                        request("k-2", "E-2", NotificationKind.ESCALATION_CONFIRMED, params("HIGH"), "hello"),
                        Locale.ENGLISH,
                        BERLIN))
                .isNull();
        assertThat(cache.rendered(
                        request("k-2", "E-1", NotificationKind.CLOSED, params("HIGH"), "hello"),
                        Locale.ENGLISH,
                        BERLIN))
                .isNull();
        assertThat(cache.rendered(
                        request("k-2", "E-1", NotificationKind.ESCALATION_CONFIRMED, params("LOW"), "hello"),
                        Locale.ENGLISH,
                        BERLIN))
                .isNull();
        assertThat(cache.rendered(
                        request("k-2", "E-1", NotificationKind.ESCALATION_CONFIRMED, params("HIGH"), null),
                        Locale.ENGLISH,
                        BERLIN))
                .isNull();
    }

    @Test
    void holdsTheLastRenderingsOfTheBatch() {
        NotificationDelivery.BatchCache cache = new NotificationDelivery.BatchCache();
        int n = NotificationDelivery.BatchCache.RENDERINGS + 1;
        NotificationRequest[] requests = new NotificationRequest[n];
        Message[] texts = new Message[n];
        for (int i = 0; i < n; i++) {
            requests[i] = request("k-" + i, "E-" + i, NotificationKind.CLOSED, params("HIGH"), null);
            texts[i] = new Message("s" + i, "b" + i);
            cache.remember(requests[i], Locale.ENGLISH, BERLIN, texts[i]);
        }
        assertThat(cache.rendered(requests[0], Locale.ENGLISH, BERLIN)).isNull(); // the oldest made room
        for (int i = 1; i < n; i++) {
            assertThat(cache.rendered(requests[i], Locale.ENGLISH, BERLIN)).isSameAs(texts[i]);
        }
    }
}
