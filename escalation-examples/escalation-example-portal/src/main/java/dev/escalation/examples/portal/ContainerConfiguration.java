package dev.escalation.examples.portal;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The embedded Tomcat's part of the error answers: {@link SecurityHeadersValve} on the engine (every answer gets the
 * portal's security headers, also those written before Spring runs) and {@link ContainerErrorReport} instead of
 * Tomcat's error report valve on the host (the body of an answer Tomcat refuses by itself).
 */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    @Bean
    ContainerErrors portalContainerErrors() {
        return new ContainerErrors();
    }

    /**
     * Runs after Spring Boot's own Tomcat customizer, which adds a plain {@link ErrorReportValve} to the host (with
     * {@code server.error.include-stacktrace=never}): {@link ContainerErrorReport} takes its place.
     */
    static final class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addEngineValves(new SecurityHeadersValve());
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                // the host adds a valve of this class when it starts, unless it has one
                host.setErrorReportValveClass(ContainerErrorReport.class.getName());
                host.getPipeline().addValve(new ContainerErrorReport());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
