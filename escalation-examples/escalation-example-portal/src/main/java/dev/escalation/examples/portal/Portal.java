package dev.escalation.examples.portal;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.escalation.EscalationEngine;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.HotlineNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal demo: a customer portal and a support desk served by the JDK's {@link HttpServer} on 127.0.0.1, in
 * front of one {@link EscalationEngine} wired with the in-memory reference adapters and seeded demo data.
 *
 * <p>This is the part a portal developer copies: {@link #wire(Clock, InMemoryCustomerDirectory,
 * InMemoryStaffDirectory)} shows the engine wiring; the request handling shows one engine call per user action, with
 * every {@link dev.escalation.EscalationException} turned into a message on the page.
 *
 * <p>"Signing in" is an actor picker that sets a cookie: a real host authenticates the person (SSO, its own
 * login) and passes the resulting {@link dev.escalation.Actor} to the engine, which authorises every call.
 *
 * <p><b>Thread-safety:</b> a started portal serves requests on a small pool of threads; {@link #close()} stops it.
 */
public final class Portal implements AutoCloseable {
    /** The vendor's time zone: coverage hours and every time shown on the pages. */
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Logger LOG = LoggerFactory.getLogger(Portal.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final EscalationEngine engine;
    private final DemoData data;

    private Portal(HttpServer server, ExecutorService executor, EscalationEngine engine, DemoData data) {
        this.server = server;
        this.executor = executor;
        this.engine = engine;
        this.data = data;
    }

    /**
     * Wires the engine, seeds the demo data and starts serving on 127.0.0.1.
     *
     * @param clock the clock of the engine and the pages (the app passes {@link Clock#systemUTC()}; tests pass one
     *              they control)
     * @param port  the TCP port, or 0 for any free port
     * @return the running portal
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static Portal start(Clock clock, int port) {
        requireNonNull(clock, "clock");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        DemoData data = DemoData.seedDirectories(customers, staff);
        EscalationEngine engine = wire(clock, customers, staff);
        data.seedEscalations(engine);
        // notifications and ticket calls are delivered by the engine's own worker (in-memory adapters here)
        engine.start(Duration.ofSeconds(1));

        HttpServer server;
        try {
            // 127.0.0.1 exactly (not "the loopback address", which may be ::1): the printed URL names it
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 0);
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "portal-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new PortalHandler(engine, clock, customers, staff, new Templates()));
        server.start();
        Portal portal = new Portal(server, executor, engine, data);
        LOG.info("portal listening on {}", portal.url());
        return portal;
    }

    /**
     * The engine wiring of the demo: in-memory adapters, the given clock, German business hours as coverage and the
     * hotline numbers of the source document (configured here, never built into the engine).
     *
     * @param clock     the engine's only source of time
     * @param customers the customer directory (the host's onboarding data)
     * @param staff     the vendor's staff directory
     * @return the engine
     */
    static EscalationEngine wire(Clock clock, InMemoryCustomerDirectory customers, InMemoryStaffDirectory staff) {
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .store(new InMemoryEscalationStore())
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                // switch to GermanCoverage.calendar() (adds German public holidays) once escalation-holidays lands
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .build();
    }

    /**
     * The address to open in a browser.
     *
     * @return for example {@code http://127.0.0.1:8080/}
     */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /**
     * The bound port (useful after starting on port 0).
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /** For tests: the engine behind the pages. */
    EscalationEngine engine() {
        return engine;
    }

    /** For tests: the seeded data. */
    DemoData data() {
        return data;
    }

    /** Stops serving and stops the engine's delivery worker. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }
}
