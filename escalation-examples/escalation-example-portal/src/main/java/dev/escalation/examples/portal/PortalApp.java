package dev.escalation.examples.portal;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the portal demo on 127.0.0.1 and prints its URL. The port comes from the first argument or the system
 * property {@code portal.port} (default 8080; 0 picks a free port).
 *
 * <pre>./mvnw -q -pl escalation-examples/escalation-example-portal -am compile exec:java</pre>
 */
public final class PortalApp {
    private PortalApp() {}

    /**
     * Runs the portal until the process is stopped (Ctrl+C).
     *
     * @param args an optional port
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        // Hibernate Validator logs through JBoss Logging; send it to SLF4J like everything else
        System.setProperty("org.jboss.logging.provider", "slf4j");
        String port = args.length > 0 ? args[0] : System.getProperty("portal.port", "8080");
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            System.err.println("the port must be a number: '" + port + "'");
            System.exit(2);
            return;
        }
        // the app may read the system clock; the engine only ever reads the clock it is given
        Portal portal = Portal.start(Clock.systemUTC(), p);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            portal.close();
                            stopped.countDown();
                        },
                        "portal-shutdown"));
        System.out.println("Escalation portal demo running at " + portal.url() + "  (Ctrl+C stops it)");
        System.out.println("  customer portal: " + portal.url() + "portal   support desk: " + portal.url() + "desk");
        stopped.await();
    }
}
