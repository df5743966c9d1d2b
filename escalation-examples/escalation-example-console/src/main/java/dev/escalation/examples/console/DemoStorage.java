package dev.escalation.examples.console;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the demo keeps its escalations: in memory (the default, nothing survives the run) or, with
 * {@code --h2 <path>}, in an embedded H2 file database through the JDBC store, so a second run finds the first
 * run's escalations. The schema is applied with {@link JdbcSchema#migrate} (Flyway) when the demo starts.
 *
 * <p>A persistent run numbers its escalation ids (the demo starts counting at {@link #earlier()}'s size) and
 * portal submission ids ({@link #submission}) after the escalations already stored, so each run walks a new
 * escalation through its lifecycle.
 */
final class DemoStorage implements AutoCloseable {
    static final String FLAG = "--h2";
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ENGLISH);

    private final String[] remaining;
    private final Optional<Path> file;
    private final HikariDataSource dataSource;
    private final EscalationStore store;
    private final List<EscalationSummary> earlier;

    private DemoStorage(String[] remaining, Optional<Path> file) {
        this.remaining = remaining;
        this.file = file;
        if (file.isEmpty()) {
            dataSource = null;
            store = null;
            earlier = List.of();
            return;
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + file.get().toAbsolutePath());
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setPoolName("console-demo");
        dataSource = new HikariDataSource(config);
        JdbcSchema.migrate(dataSource);
        store = JdbcEscalationStore.builder(dataSource).build();
        earlier = all(store);
    }

    /** In memory: what the demo did before the flag existed. */
    static DemoStorage inMemory() {
        return new DemoStorage(new String[0], Optional.empty());
    }

    /**
     * Reads {@code --h2 <path>} from the arguments (anywhere); the other arguments are left for the demo.
     *
     * @throws IllegalArgumentException if the flag has no path
     */
    static DemoStorage fromArgs(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf(FLAG);
        if (at < 0) {
            return new DemoStorage(args, Optional.empty());
        }
        if (at + 1 >= rest.size()) {
            throw new IllegalArgumentException(FLAG + " needs a path, e.g. " + FLAG + " target/demo-db");
        }
        Path path = Path.of(rest.get(at + 1));
        rest.subList(at, at + 2).clear();
        return new DemoStorage(rest.toArray(String[]::new), Optional.of(path));
    }

    /** The arguments without the storage flag. */
    String[] remainingArgs() {
        return remaining.clone();
    }

    /** Escalations stored by earlier runs (empty in memory). */
    List<EscalationSummary> earlier() {
        return earlier;
    }

    /** Sets the store on the builder: the JDBC store for a persistent run, else a new in-memory store. */
    EscalationEngineBuilder configure(EscalationEngineBuilder builder) {
        return builder.store(store == null ? new InMemoryEscalationStore() : store);
    }

    /** A portal submission id, unique per run when the data is kept. */
    String submission(String id) {
        return store == null ? id : id + "-run-" + (earlier.size() + 1);
    }

    /** Says where the data is and lists what earlier runs left there (prints nothing in memory). */
    void describe(PrintStream out) {
        if (file.isEmpty()) {
            return;
        }
        out.println("Storage: H2 file database " + file.get().toAbsolutePath() + ".mv.db");
        out.println("found " + earlier.size() + " escalation(s) from earlier runs" + (earlier.isEmpty() ? "" : ":"));
        for (EscalationSummary e : earlier) {
            out.println("  " + e.id() + "  case " + e.caseId() + "  " + e.state() + "  raised "
                    + TIME.format(e.raisedAt().atZone(ConsoleDemo.BERLIN)));
        }
        out.println();
    }

    private static List<EscalationSummary> all(EscalationStore store) {
        List<EscalationSummary> found = new ArrayList<>();
        PageRequest page = PageRequest.first(100);
        while (true) {
            Page<EscalationSummary> p = store.listForCustomer(ACME, page);
            found.addAll(p.items());
            if (p.next().isEmpty()) {
                return List.copyOf(found);
            }
            page = PageRequest.after(p.next().get(), 100);
        }
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
