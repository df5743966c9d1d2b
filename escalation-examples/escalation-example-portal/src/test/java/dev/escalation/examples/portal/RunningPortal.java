package dev.escalation.examples.portal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portal application started in-process on a free port of 127.0.0.1, on an H2 file of the test's own, with a
 * clock the test sets (registered before the application's own {@link Clock} bean, which then backs off).
 */
final class RunningPortal implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private RunningPortal(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningPortal start(Path dataFile, Clock clock) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PortalApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                // command-line arguments: they take precedence over application.properties
                .run(
                        "--server.port=0",
                        "--portal.data=" + dataFile.toAbsolutePath(),
                        "--spring.main.banner-mode=off",
                        "--logging.level.dev.escalation=WARN");
        return new RunningPortal(context);
    }

    URI url(String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
