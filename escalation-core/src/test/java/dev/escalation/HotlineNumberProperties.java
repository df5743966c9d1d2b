package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CaseId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.text.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hotline numbers are shown in hotline advice on every channel (a subject, a portal message PostgreSQL stores, a
 * text message): a label or number with a control character (a line break too) or an unpaired surrogate is refused
 * by the builder, naming the number and the component, and the builder keeps the numbers it had. (A NUL made the
 * portal's advice message fail on PostgreSQL until it was dead-lettered.)
 */
class HotlineNumberProperties {
    private static final HotlineNumber GERMANY = new HotlineNumber("Germany", "+49 911 2399 110");

    @Property(tries = 1000)
    void aNumberOrLabelThatIsNotOneLineOfTextIsRefusedAndChangesNothing(
            @ForAll("unshowable") String text, @ForAll boolean inLabel) {
        EscalationEngineBuilder builder = EscalationEngine.builder().hotline(GERMANY);
        HotlineNumber bad = inLabel ? new HotlineNumber(text, "+43 1 234") : new HotlineNumber("Austria", text);

        assertThatThrownBy(() -> builder.hotline(GERMANY, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hotline[1]." + (inLabel ? "label" : "number") + " must");
        assertThat(builder.hotline).containsExactly(GERMANY);
    }

    @Property(tries = 1000)
    void oneLineOfPrintableTextIsTaken(@ForAll("showable") String label, @ForAll("showable") String number) {
        HotlineNumber h = new HotlineNumber(label, number);

        assertThat(EscalationEngine.builder().hotline(GERMANY, h).hotline).isEqualTo(List.of(GERMANY, h));
    }

    @Provide
    Arbitrary<String> showable() {
        return Arbitraries.strings()
                .withChars("+0123456789 ()-/äöüßéЖ漢\u00a0")
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(60)
                .filter(s -> !s.replace('\u00a0', ' ').isBlank()); // a no-break space is blank too
    }

    @Provide
    Arbitrary<String> unshowable() {
        Arbitrary<String> printable =
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> bad = Arbitraries.of(
                "\u0000", "\n", "\r\n", "\t", "\u001b", "\u007f", "\u0085", "\u009f", "\ud800", "\udc00");
        return Combinators.combine(printable, bad, printable).as((a, b, c) -> a + b + c);
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final Texts texts = Texts.of(BERLIN, List.of());

    @Provide
    Arbitrary<List<HotlineNumber>> numbers() {
        Arbitrary<String> label =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> number =
                Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(12).map(n -> "+" + n);
        return Combinators.combine(label, number)
                .as(HotlineNumber::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    /**
     * However many numbers a host configures, the confirmation the customer reads lists every one, in order, each
     * label with its own number: the advice goes through the notification's {@code hotline.*} parameters as the
     * engine writes them, and the texts read it back from there (both keep the first few keys ready-made, so counts
     * past those take the other path).
     */
    @Property(tries = 300)
    void everyNumberIsListedInOrderWithItsLabel(@ForAll("numbers") List<HotlineNumber> numbers) {
        HotlineAdvice advice = new HotlineAdvice(
                HotlineAdvice.Reason.OUTSIDE_HOURS,
                Map.of("raisedAt", new EntryParam.At(Instant.parse("2027-01-12T17:30:00Z"))),
                Instant.parse("2027-01-13T08:00:00Z"),
                numbers);
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put("criticality", new EntryParam.Code("CRITICAL"));
        params.putAll(HotlineAdvisor.toParams(advice));
        NotificationRequest r = new NotificationRequest(
                "k-1",
                EscalationId.of("E-1"),
                CaseId.of("C-1"),
                NotificationKind.ESCALATION_CONFIRMED,
                Optional.empty(),
                new Party(Party.Kind.CONTACT, "ina", "Ina", "ina@acme.example"),
                params,
                Optional.empty(),
                Optional.empty());
        List<String> listed = new ArrayList<>();
        numbers.forEach(n -> listed.add(n.label() + " " + n.number()));
        assertThat(texts.notification(r, Locale.ENGLISH, BERLIN).body())
                .endsWith("Please call the hotline: " + String.join(", ", listed));
    }
}
