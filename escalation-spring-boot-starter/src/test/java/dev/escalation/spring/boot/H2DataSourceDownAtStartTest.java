package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.EscalationEngine;
import dev.escalation.EscalationUnavailableException;
import dev.escalation.jdbc.JdbcSchema;
import java.net.ServerSocket;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The application's database is down when the application starts (no migration asked for): the context starts, the
 * health indicator says DOWN with its fixed words only (neither the driver's message, nor the URL, nor the password),
 * a command is refused as UNAVAILABLE, and once the database is up the same context answers UP and takes commands.
 */
class H2DataSourceDownAtStartTest {
    private static final String PASSWORD = "s3cret-pw";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestAdapters.class)
    static class App {}

    @Test
    void theContextStartsReportsDownWithoutInternalsAndRecovers() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:down-at-start;DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=sa",
                        "spring.datasource.password=" + PASSWORD,
                        "spring.datasource.hikari.connection-timeout=250",
                        "spring.flyway.enabled=false",
                        "escalation.coverage.always-open=true",
                        "escalation.delivery.enabled=false")
                .run()) {
            EscalationHealthIndicator indicator = context.getBean(EscalationHealthIndicator.class);
            EscalationEngine engine = context.getBean(EscalationEngine.class);

            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsOnlyKeys("store", "error").containsEntry("error", "unavailable");
            assertThat(down.toString()).doesNotContain(PASSWORD, "127.0.0.1", "Exception", "h2");
            assertThatThrownBy(() -> TestAdapters.escalate(engine, "C-1"))
                    .isInstanceOf(EscalationUnavailableException.class)
                    .message()
                    .doesNotContain(PASSWORD);

            Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists")
                    .start();
            try {
                JdbcDataSource admin = new JdbcDataSource();
                admin.setURL(url);
                admin.setUser("sa");
                admin.setPassword(PASSWORD);
                JdbcSchema.migrate(admin);

                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                assertThat(TestAdapters.escalate(engine, "C-1").created()).isTrue();
            } finally {
                server.stop();
            }
        }
    }
}
