package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The engine with the pre-check (default factory) reports exactly what the engine without it (a host's factory
 * configured as the default one, English messages included, so every command goes to Hibernate Validator) reports:
 * the same {@link InvalidCommandException} violations (field, rule, message; compared sorted, as the validator's own
 * order follows a hash set's) and the same message for invalid commands, and the same outcome for all others.
 */
class PrecheckEngineTest {
    private static final EscalationId E = EscalationId.of("E-1");
    private static final ValidatorFactory HOST = Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
            .buildValidatorFactory();

    private final World withPrecheck = new World();
    private final World withoutPrecheck = new World(b -> b.validatorFactory(HOST));

    /** What a command did: the violations of an invalid one, the refusal of another, or "ok". */
    private static String outcome(EscalationEngine engine, Object command) {
        Object target = engine;
        Method method = commandMethod(EscalationEngine.class, command.getClass());
        if (method == null) {
            target = engine.operations();
            method = commandMethod(EscalationOperations.class, command.getClass());
        }
        if (method == null) {
            throw new IllegalArgumentException("no engine method for " + command.getClass());
        }
        Actor actor = command instanceof EscalateCase ? World.INA : World.EVE;
        try {
            method.invoke(target, actor, command);
            return "ok";
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidCommandException) {
                List<String> violations = new ArrayList<>();
                for (Violation v : ((InvalidCommandException) cause).violations()) {
                    violations.add(v.field() + "#" + v.rule() + ": " + v.message());
                }
                // the order of a validator's violations follows a hash set's, even between two runs of one validator
                Collections.sort(violations);
                return "invalid " + violations + " " + cause.getMessage();
            }
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Method commandMethod(Class<?> type, Class<?> command) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 2
                        && m.getParameterTypes()[0] == Actor.class
                        && m.getParameterTypes()[1] == command)
                .findFirst()
                .orElse(null);
    }

    private static final String LONG = "x".repeat(4001);

    static List<Object> invalidCommands() {
        StaffId eve = StaffId.of("eve");
        Instant at = Instant.parse("2027-01-13T10:00:00Z");
        return List.of(
                new EscalateCase(null, null, null, null, "bad id!"),
                new EscalateCase(World.C1, LONG, Cause.COMPLAINT, Criticality.LOW, "s".repeat(101)),
                new EscalateCase(World.C1, "\u0007", Cause.COMPLAINT, Criticality.LOW, null),
                new EscalateCase(World.C1, "\u00A0\u200B", Cause.COMPLAINT, Criticality.LOW, ""),
                new EscalateOnBehalf(World.C1, ContactId.of("ina"), Intake.Channel.PORTAL, "m", null, null, null),
                new EscalateOnBehalf(
                        World.C1,
                        ContactId.of("\uD800"),
                        Intake.Channel.HOTLINE_CALL,
                        "m",
                        Cause.COMPLAINT,
                        Criticality.LOW,
                        null),
                new Acknowledge(EscalationId.of("\u200B"), eve, "note"),
                new Acknowledge(E, StaffId.of("e\uDC00"), "\u202Eok\uD83D"),
                new AgreePlan(E, Duration.ofDays(1), Channel.PHONE, Instant.MAX),
                new AgreePlan(E, null, Channel.PHONE, at),
                new LogProgress(E, LogProgress.Kind.NOTE, "text\u0085", Visibility.CUSTOMER),
                new AddParticipant(E, Party.Kind.EXTERNAL, null, "Name", "not an address"),
                new AddParticipant(E, Party.Kind.EXTERNAL, "x\ty", "\u0000", "a".repeat(65) + "@b.example"),
                new RemoveParticipant(E, "p".repeat(255), " "),
                new RecordLessonsLearned(
                        E, "findings", Collections.nCopies(51, new RecordLessonsLearned.Action("d", "o"))),
                new RecordLessonsLearned(E, "f", Arrays.asList(new RecordLessonsLearned.Action("d", "o"), null)),
                new RecordLessonsLearned(E, "f", List.of(new RecordLessonsLearned.Action("", "\u0001"))),
                new RecordLessonsLearned(E, "f", null),
                new UpdateImprovementAction(E, 50, ImprovementAction.Status.DONE, null),
                new UpdateImprovementAction(E, -1, null, "\uDBFF"));
    }

    @Test
    void reportsTheSameViolationsAsTheValidatorAlone() {
        for (Object command : invalidCommands()) {
            String expected = outcome(withoutPrecheck.engine, command);
            assertThat(expected).as(CommandArbitraries.describe(command)).startsWith("invalid [");
            assertThat(outcome(withPrecheck.engine, command))
                    .as(CommandArbitraries.describe(command))
                    .isEqualTo(expected);
        }
    }

    @Test
    void derivesAPlanForEveryCommandAndOnlyForTheDefaultFactory() throws IOException, URISyntaxException {
        List<Class<?>> commands = commandClasses();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(24);
        CommandValidator defaults = CommandValidator.withDefaultFactory();
        CommandValidator host = CommandValidator.of(HOST);
        for (Class<?> type : commands) {
            assertThat(defaults.precheckCovers(type)).as(type.getName()).isTrue();
            assertThat(host.precheckCovers(type)).as(type.getName()).isFalse();
        }
        EscalateCase valid = World.escalateC1();
        assertThat(defaults.precheckAccepts(valid)).isTrue();
        assertThat(host.precheckAccepts(valid)).isFalse();
        assertThat(host.validatorAccepts(valid)).isTrue();
    }

    /** Every command record of {@code dev.escalation.command} and the records nested in them. */
    static List<Class<?>> commandClasses() throws IOException, URISyntaxException {
        Path dir = Path.of(EscalateCase.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve("dev/escalation/command");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class")) {
                    try {
                        Class<?> type = Class.forName("dev.escalation.command." + name.replace(".class", ""));
                        if (type.isRecord()) {
                            found.add(type);
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return found;
    }

    /** Any command, valid or not: both engines end the same way (same violations, same refusal, or both ok). */
    @Property(tries = 1000)
    void anyCommandEndsTheSameWayWithAndWithoutThePrecheck(@ForAll("anyCommand") Object command) {
        World a = new World();
        World b = new World(x -> x.validatorFactory(HOST));
        a.escalated();
        b.escalated();
        assertThat(outcome(a.engine, command))
                .as(CommandArbitraries.describe(command))
                .isEqualTo(outcome(b.engine, command));
    }

    @Provide
    Arbitrary<Object> anyCommand() throws IOException, URISyntaxException {
        List<Arbitrary<Object>> all = new ArrayList<>();
        for (Class<?> type : commandClasses()) {
            if (type.getEnclosingClass() == null) {
                all.add(CommandArbitraries.of(type).map(c -> c));
            }
        }
        return Arbitraries.oneOf(all);
    }
}
