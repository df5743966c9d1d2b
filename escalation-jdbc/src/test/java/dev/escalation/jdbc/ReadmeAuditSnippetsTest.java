package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditOperations;
import dev.escalation.AuditSettings;
import dev.escalation.AuditVerification;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The snippets of the README section "Audit and evidence" are compiled and run here: each fenced block of that section
 * appears verbatim (indentation aside) between the {@code README} markers below, and the shell line is run as written
 * (with python3 and openssl, which must be installed: this test fails without them).
 */
class ReadmeAuditSnippetsTest {
    interface Alarm {
        void raise(EscalationId id, AuditVerification.Problem problem);
    }

    @Test
    void theSnippetsAreTheCodeBelow() throws Exception {
        Path root = AuditTamperTestBase.VERIFIER.getParent().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("## Audit and evidence");
        assertThat(start).isPositive();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 5));
        String source = Files.readString(
                root.resolve("escalation-jdbc/src/test/java/dev/escalation/jdbc/ReadmeAuditSnippetsTest.java"));
        Matcher blocks =
                Pattern.compile("```(java|sh)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> snippets = new ArrayList<>();
        while (blocks.find()) {
            snippets.add(blocks.group(2));
        }
        assertThat(snippets).hasSize(3);
        String code = normalise(source);
        for (String snippet : snippets) {
            assertThat(code).as("README snippet is in this test").contains(normalise(snippet));
        }
    }

    private static String normalise(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("// README") || l.isEmpty()) {
                continue;
            }
            if (l.startsWith("\"") && l.endsWith("\",")) { // the shell line, as a Java string literal below
                l = l.substring(1, l.length() - 2);
            }
            out.append(l).append('\n');
        }
        return out.toString();
    }

    @Test
    void theSnippetsRun() throws Exception {
        TestDatabase database = TestDatabase.h2();
        try {
            database.migrate();
            DataSource dataSource = database.newPool("readme", 4);
            DataSource anchorDataSource = dataSource;
            EscalationEngineBuilder builder = builder(dataSource);
            // README audit 1 begin
            KeyPair anchorKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair(); // production: your key store
            EscalationEngine engine = builder.auditTrail(new AuditSettings(
                            new JdbcSubjectKeys(dataSource), new JdbcAuditAnchors(anchorDataSource), anchorKey))
                    .build();
            // README audit 1 end
            EscalationId id = engine.escalate(
                            Actor.contact("ina"),
                            new EscalateCase(CaseId.of("C-1"), "Down", Cause.DATABASE_OUTAGE, Criticality.HIGH, null))
                    .escalation();
            engine.acknowledge(Actor.staff("sam"), new Acknowledge(id, StaffId.of("sam"), "Called Ina"));
            String cursor = "";
            List<AuditVerification.Problem> alarms = new ArrayList<>();
            Alarm alarm = (e, p) -> alarms.add(p);
            Path exportFile = Files.createTempDirectory("readme-audit").resolve("E-1.audit.jsonl");
            // README audit 2 begin
            AuditOperations audit = engine.operations().audit();
            AuditOperations.AnchorRun run = audit.anchorChanges(Actor.staff("sam"), cursor, 500); // keep run.cursor()
            for (EscalationId bad : run.unanchored()) { // its stored head is not its last entry's hash
                alarm.raise(bad, audit.verify(Actor.staff("sam"), bad).problem().orElseThrow());
            }
            AuditVerification check = audit.verify(Actor.staff("sam"), id);
            if (!check.intact()) {
                alarm.raise(id, check.problem().orElseThrow()); // e.g. Problem[sequence=4, reason=HASH_MISMATCH]
            }
            try (Writer out = Files.newBufferedWriter(exportFile, StandardCharsets.UTF_8)) {
                AuditJsonLines.write(engine.auditTrail(Actor.staff("sam"), id), out); // escalation-jdbc; JSON Lines
            }
            // README audit 2 end
            assertThat(run.anchored()).isEqualTo(1);
            assertThat(alarms).isEmpty();
            Path dir = exportFile.getParent();
            Files.writeString(
                    dir.resolve("anchor-public.pem"),
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder()
                                    .encodeToString(anchorKey.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
            Files.copy(AuditTamperTestBase.VERIFIER, dir.resolve("audit-verify.py"));
            Files.createDirectories(dir.resolve("docs"));
            Files.copy(AuditTamperTestBase.VERIFIER, dir.resolve("docs/audit-verify.py"));
            String[] line = {
                // README audit 3 begin
                "python3 docs/audit-verify.py E-1.audit.jsonl --public-key anchor-public.pem",
                // README audit 3 end
            };
            Process p = new ProcessBuilder("sh", "-c", line[0])
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output)
                    .startsWith("OK " + id.value() + ": 2 entries verified")
                    .contains("anchored at 2");
        } finally {
            database.close();
        }
    }

    private static EscalationEngineBuilder builder(DataSource dataSource) {
        CustomerId acme = CustomerId.of("acme");
        return EscalationEngine.builder()
                .clock(Clock.systemUTC())
                .customers(new InMemoryCustomerDirectory()
                        .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                        .add(new Touchpoint(
                                ContactId.of("ina"),
                                acme,
                                "Ina",
                                "ina@acme.example",
                                Optional.empty(),
                                Set.of(CustomerRole.INCIDENT_MANAGER),
                                true))
                        .add(new SupportCase(CaseId.of("C-1"), acme, "Outage")))
                .staff(new InMemoryStaffDirectory()
                        .add(new StaffMember(
                                StaffId.of("sam"),
                                "Sam",
                                "sam@vendor.example",
                                Optional.empty(),
                                Set.of(StaffRole.SUPPORT_MANAGEMENT, StaffRole.ESCALATION_MANAGER),
                                true)))
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(JdbcEscalationStore.builder(dataSource).build())
                .coverage(BusinessCalendar.alwaysOpen());
    }
}
