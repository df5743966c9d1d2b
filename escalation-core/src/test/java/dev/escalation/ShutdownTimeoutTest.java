package dev.escalation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link EscalationEngineBuilder#shutdownTimeout}: checked at once. (That it reaches the worker is shown by the Spring
 * Boot starter's BackgroundDeliveryLifecycleTest: a timeout of zero interrupts the delivery in flight, the default
 * lets it finish.)
 */
class ShutdownTimeoutTest {

    @Test
    void aNegativeShutdownTimeoutIsRefusedAtOnce() {
        assertThatThrownBy(() -> EscalationEngine.builder().shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout");
    }

    @Test
    void aShutdownTimeoutOverOneHourIsRefusedAtOnce() {
        assertThatThrownBy(() -> EscalationEngine.builder().shutdownTimeout(Duration.ofMinutes(61)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout");
    }

    @Test
    void zeroAndOneHourAreAccepted() {
        assertThatCode(() -> EscalationEngine.builder()
                        .shutdownTimeout(Duration.ZERO)
                        .shutdownTimeout(Duration.ofHours(1)))
                .doesNotThrowAnyException();
    }
}
