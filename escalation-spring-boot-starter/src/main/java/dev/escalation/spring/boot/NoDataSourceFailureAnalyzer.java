package dev.escalation.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the start failure "no DataSource for the JDBC store" into Spring Boot's report, whose action names both ways
 * out: a DataSource, or {@code escalation.store=memory}.
 */
final class NoDataSourceFailureAnalyzer
        extends AbstractFailureAnalyzer<EscalationAutoConfiguration.NoDataSourceException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EscalationAutoConfiguration.NoDataSourceException cause) {
        return new FailureAnalysis(
                "The escalation engine stores escalations on the application's DataSource (escalation.store=jdbc, "
                        + "the default), but the application context has no DataSource bean.",
                "Configure a DataSource (spring.datasource.url with spring-boot-starter-jdbc and a JDBC driver), or "
                        + "set escalation.store=memory to keep escalations in memory only (lost on restart; for "
                        + "tests and demos).",
                cause);
    }
}
