package dev.escalation.examples.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The portal demo: a customer portal and a support desk as a Spring Boot web application in front of one
 * {@link dev.escalation.EscalationEngine} on the JDBC store (an H2 file by default, PostgreSQL with the profile
 * {@code postgresql}), with Spring Security form login and Mustache templates.
 *
 * <pre>./mvnw -q -pl escalation-examples/escalation-example-portal -am compile exec:java</pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {
    /** Prints where the portal listens once the web server is up. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> announce() {
        return event -> System.out.println("Escalation portal demo running at http://127.0.0.1:"
                + event.getWebServer().getPort() + "/  (Ctrl+C stops it)");
    }

    /**
     * Runs the portal until the process is stopped (Ctrl+C).
     *
     * @param args Spring Boot arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        // Hibernate Validator logs through JBoss Logging; send it to SLF4J like everything else
        System.setProperty("org.jboss.logging.provider", "slf4j");
        SpringApplication.run(PortalApplication.class, args);
    }
}
