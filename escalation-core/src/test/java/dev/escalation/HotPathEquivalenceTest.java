package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.ActorRef;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The lean paths compute what the plain ones did: the audit encoding (per-thread digests, one reused buffer, an ASCII
 * fast path) against a straightforward implementation of {@code docs/audit.md}, and the plan series' holiday
 * exceptions (no zone conversion for a calendar in the series' zone) against asking each calendar per instant.
 */
class HotPathEquivalenceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] TEXTS = {
        "",
        "plain ascii",
        "Grüße aus Köln – 10 €",
        "emoji \uD83D\uDE00 pair",
        "unpaired \uD800 high",
        "x".repeat(70_000)
    };

    /** The encoding as specified: length-prefixed UTF-8 fields. */
    private static byte[] fields(String... values) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] {
                (byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length
            });
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void audit_hashes_and_commitments_match_the_specified_encoding() throws Exception {
        EscalationId id = EscalationId.of("E-ü1");
        Instant at = Instant.parse("2027-01-12T10:00:00.123456789Z");
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (String text : TEXTS) {
            Map<String, EntryParam> params = new LinkedHashMap<>();
            params.put("note", new EntryParam.Text(text));
            params.put("at", new EntryParam.At(at));
            params.put("for", new EntryParam.Span(Duration.ofSeconds(90, 5)));
            params.put("kind", new EntryParam.Code("HIGH"));
            params.put("who", new EntryParam.Ref("ivy"));
            params.put("n", new EntryParam.Count(-42));
            String previous = "ab".repeat(32);
            String hash = AuditEncoding.entryHash(
                    id,
                    7,
                    at,
                    ProgressKind.NOTE,
                    ActorRef.contact(ContactId.of("ina")),
                    Visibility.CUSTOMER,
                    Optional.of(text),
                    params,
                    previous);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(fields("escalation-audit/1", "entry", id.value(), "7", "1799748000", "123456789"));
            expected.write(fields("NOTE", "CONTACT", "ina", "CUSTOMER", "1", text, "6"));
            expected.write(fields("note", "T", text, "at", "A", "1799748000", "123456789", "for", "S", "90", "5"));
            expected.write(fields("kind", "C", "HIGH", "who", "R", "ivy", "n", "N", "-42", previous));
            assertThat(hash)
                    .isEqualTo(
                            HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray())));

            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String commitment = HEX.formatHex(
                    mac.doFinal(fields("escalation-audit/1", "commit", id.value(), "7", "param:note", text)));
            assertThat(AuditEncoding.commit(key, id, 7, "param:note", text)).isEqualTo(commitment);
        }
        assertThat(AuditEncoding.genesisHash(id, 3, at))
                .isEqualTo(HEX.formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(fields("escalation-audit/1", "genesis", id.value(), "3", "1799748000", "123456789"))));
        assertThat(AuditEncoding.anchorBytes(id, 9, "cd".repeat(32), at))
                .isEqualTo(fields(
                        "escalation-audit/1", "anchor", id.value(), "9", "cd".repeat(32), "1799748000", "123456789"));
    }

    /** What the series did before: each calendar asked per occurrence instant. */
    private static List<Instant> plainExceptions(
            CommunicationPlan plan, ZoneId zone, List<BusinessCalendar> calendars) {
        List<Instant> result = new ArrayList<>();
        Duration every = plan.frequency();
        boolean days = every.toSeconds() % 86_400 == 0 && every.toNanosPart() == 0;
        ZonedDateTime first = plan.firstMeetingAt().atZone(zone);
        Instant end = plan.firstMeetingAt().plus(PlanSeries.HORIZON);
        for (long n = 0; result.size() < 100; n++) {
            Instant at = days
                    ? first.plusDays(every.toDays() * n).toInstant()
                    : plan.firstMeetingAt().plus(every.multipliedBy(n));
            if (at.isAfter(end)) {
                break;
            }
            for (BusinessCalendar c : calendars) {
                if (c.closingHoliday(at).isPresent()) {
                    result.add(at);
                    break;
                }
            }
        }
        return result;
    }

    @Test
    void plan_series_exceptions_are_those_of_asking_each_calendar() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<Holiday> holidays = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2027, 1, 1); d.isBefore(LocalDate.of(2028, 1, 1)); d = d.plusDays(11)) {
            holidays.add(
                    d.getDayOfMonth() % 2 == 0
                            ? Holiday.allDay(d, "all day " + d)
                            : Holiday.from(d, "from noon " + d, LocalTime.NOON));
        }
        holidays.add(Holiday.allDay(LocalDate.of(2027, 3, 28), "DST day")); // clocks go forward in Berlin
        BusinessCalendar vendor = BusinessCalendar.builder(berlin)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(holidays))
                .build();
        BusinessCalendar customer = BusinessCalendar.builder(ZoneId.of("America/New_York"))
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(List.of(Holiday.allDay(LocalDate.of(2027, 2, 15), "Presidents' Day"))))
                .build();
        Instant[] starts = {
            Instant.parse("2027-01-12T10:30:00Z"), // 11:30 Berlin: before noon
            Instant.parse("2027-01-12T12:15:00Z"), // 13:15 Berlin: after noon
            Instant.parse("2027-03-27T01:30:00Z"), // 02:30 Berlin the day before the gap
            Instant.parse("2027-10-30T23:30:00Z") // 00:30 Berlin the night the clocks go back
        };
        Duration[] frequencies = {Duration.ofDays(1), Duration.ofDays(7), Duration.ofHours(12), Duration.ofHours(25)};
        for (Instant start : starts) {
            for (Duration every : frequencies) {
                CommunicationPlan plan = new CommunicationPlan(every, Channel.VIDEO_CALL, start, start);
                for (List<BusinessCalendar> calendars :
                        List.of(List.of(vendor), List.of(vendor, customer), List.of(customer))) {
                    assertThat(PlanSeries.exceptions(plan, berlin, calendars))
                            .as("%s every %s", start, every)
                            .isEqualTo(plainExceptions(plan, berlin, calendars));
                }
            }
        }
        assertThat(PlanSeries.exceptions(
                        new CommunicationPlan(Duration.ofDays(1), Channel.VIDEO_CALL, starts[0], starts[0]),
                        berlin,
                        List.of(vendor)))
                .as("the test's calendar has exceptions to find")
                .isNotEmpty();
    }
}
