package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import dev.escalation.text.TextSource;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link EscalationEngineBuilder} collects, as set (checked one by one); {@link EngineAssembly} checks the
 * whole and resolves it into the engine's configuration, without depending on the builder (which returns the engine).
 */
abstract class EngineSettings {
    @Nullable
    Clock clock;

    @Nullable
    CustomerDirectory customers;

    @Nullable
    StaffDirectory staff;

    @Nullable
    EscalationStore store;

    final NotifierRegistry notifiers = new NotifierRegistry();

    @Nullable
    Ticketing ticketing;

    @Nullable
    BusinessCalendar coverage;

    List<HotlineNumber> hotline = List.of();
    final List<EscalationListener> listeners = new ArrayList<>();

    @Nullable
    ValidatorFactory validatorFactory;

    Supplier<EscalationId> ids = () -> EscalationId.of("E-" + UUID.randomUUID());
    Optional<PolicyRef> policy = Optional.empty();
    Optional<PolicySelector> selector = Optional.empty();
    String instanceName = "engine-" + UUID.randomUUID().toString().substring(0, 8);
    Duration lease = Duration.ofMinutes(1);
    int batchSize = 100;
    int maxAttempts = 16; // with the backoff's defaults: retried for about 6 h 25 min
    Duration baseBackoff = Duration.ofSeconds(5);
    Duration maxBackoff = Duration.ofHours(1);
    Duration shutdownTimeout = Duration.ofSeconds(10);
    Lifecycle lifecycle = Lifecycle.standard();
    final PolicyRegistry slaPolicies = new PolicyRegistry();
    Function<String, ? extends @Nullable HolidaySource> holidayRegions = code -> null;
    List<TextSource> texts = List.of();
    Optional<AuditSettings> audit = Optional.empty();

    EngineSettings() {}
}
