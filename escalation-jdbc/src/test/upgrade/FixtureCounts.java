import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The counts of the 0.1.0 upgrade fixture, read with plain SQL from the tables of schema version 1, and the load check
 * of the committed SQL files. Uses nothing but {@code java.sql}, so it runs against any H2 or PostgreSQL driver:
 *
 * <ul>
 *   <li>{@code MakeFixtures} (compiled against 0.1.0) calls {@link #counts} on the database it wrote and stores the
 *       result as {@code expected.properties};</li>
 *   <li>{@code make-fixtures.sh --check} runs this file on its own ({@code java -cp h2.jar:postgresql.jar
 *       FixtureCounts.java ...}) after loading a dump into an empty database, and compares.</li>
 * </ul>
 *
 * <pre>
 * java -cp &lt;h2.jar&gt; FixtureCounts.java check-h2 h2.sql expected.properties
 * java -cp &lt;postgresql.jar&gt; FixtureCounts.java check-jdbc &lt;url&gt; &lt;user&gt; &lt;password&gt; \
 *     expected.properties
 * </pre>
 *
 * Keys starting with {@code fixture.} in {@code expected.properties} describe the fixture (its clock, policy) and are
 * not compared.
 */
public final class FixtureCounts {
    static final List<String> STATES =
            List.of("REQUESTED", "ACKNOWLEDGED", "ACTIVE", "RESOLVED", "LESSONS_LEARNED", "CLOSED", "WITHDRAWN");
    static final List<String> OUTBOX_STATUSES = List.of("PENDING", "DONE", "DEAD");
    static final List<String> DUE_STATUSES = List.of("PENDING", "DONE");
    /** Flyway's history table of the library (JdbcSchema.HISTORY_TABLE), quoted: H2 keeps it lower case. */
    static final String HISTORY = "\"escalation_schema_history\"";

    static final String META_PREFIX = "fixture.";

    private FixtureCounts() {}

    /**
     * Everything the upgrade test can assert, as ordered key/value pairs.
     *
     * @param c   a connection to a database with the 0.1.0 schema and the fixture data
     * @param now the fixture's "now" (its clock's last instant): due items at or before it are overdue
     */
    static Map<String, String> counts(Connection c, Instant now) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        // migrations only: Flyway adds a marker row "<< Flyway Schema History table created >>" on H2, not on
        // PostgreSQL
        out.put(
                "schema_history.migrations",
                one(c, "SELECT COUNT(*) FROM " + HISTORY + " WHERE \"version\" IS NOT NULL"));
        out.put(
                "schema_history.version",
                one(c, "SELECT MAX(\"version\") FROM " + HISTORY + " WHERE \"success\" = TRUE"));

        out.put("escalations", one(c, "SELECT COUNT(*) FROM esc_escalation"));
        Map<String, String> byState = grouped(c, "SELECT state, COUNT(*) FROM esc_escalation GROUP BY state");
        for (String s : STATES) {
            out.put("escalations." + s, byState.getOrDefault(s, "0"));
        }
        grouped(c, "SELECT customer_id, COUNT(*) FROM esc_escalation GROUP BY customer_id")
                .forEach((k, v) -> out.put("escalations.customer." + k, v));
        out.put("open_cases", one(c, "SELECT COUNT(*) FROM esc_open_case"));

        out.put("progress", one(c, "SELECT COUNT(*) FROM esc_progress"));
        grouped(c, "SELECT kind, COUNT(*) FROM esc_progress GROUP BY kind")
                .forEach((k, v) -> out.put("progress.kind." + k, v));

        out.put("outbox", one(c, "SELECT COUNT(*) FROM esc_outbox"));
        Map<String, String> byStatus = grouped(c, "SELECT status, COUNT(*) FROM esc_outbox GROUP BY status");
        for (String s : OUTBOX_STATUSES) {
            out.put("outbox." + s, byStatus.getOrDefault(s, "0"));
        }
        out.put("outbox.retrying", one(c, "SELECT COUNT(*) FROM esc_outbox WHERE status = 'PENDING' AND attempts > 0"));
        out.put("outbox.claimed", one(c, "SELECT COUNT(*) FROM esc_outbox WHERE claim_token IS NOT NULL"));
        grouped(c, "SELECT target, COUNT(*) FROM esc_outbox GROUP BY target")
                .forEach((k, v) -> out.put("outbox.target." + k, v));
        grouped(c, "SELECT effect_type, COUNT(*) FROM esc_outbox GROUP BY effect_type")
                .forEach((k, v) -> out.put("outbox.type." + k, v));

        out.put("due", one(c, "SELECT COUNT(*) FROM esc_due"));
        Map<String, String> dueByStatus = grouped(c, "SELECT status, COUNT(*) FROM esc_due GROUP BY status");
        for (String s : DUE_STATUSES) {
            out.put("due." + s, dueByStatus.getOrDefault(s, "0"));
        }
        out.put("due.overdue", overdue(c, now, null));
        grouped(c, "SELECT kind, COUNT(*) FROM esc_due WHERE status = 'PENDING' GROUP BY kind")
                .forEach((k, v) -> out.put("due.PENDING.kind." + k, v));

        for (String id : ids(c)) {
            String p = "escalation." + id + ".";
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, case_id, state, criticality, "
                    + "row_version, manager_id FROM esc_escalation WHERE escalation_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put(p + "customer", rs.getString(1));
                    out.put(p + "case", rs.getString(2));
                    out.put(p + "state", rs.getString(3));
                    out.put(p + "criticality", rs.getString(4));
                    out.put(p + "version", Long.toString(rs.getLong(5)));
                    out.put(p + "manager", rs.getString(6) == null ? "" : rs.getString(6));
                }
            }
            out.put(p + "progress", count(c, "SELECT COUNT(*) FROM esc_progress WHERE escalation_id = ?", id));
            out.put(
                    p + "open",
                    Boolean.toString(!count(c, "SELECT COUNT(*) FROM esc_open_case WHERE escalation_id = ?", id)
                            .equals("0")));
            for (String s : OUTBOX_STATUSES) {
                out.put(
                        p + "outbox." + s,
                        count(
                                c,
                                "SELECT COUNT(*) FROM esc_outbox WHERE escalation_id = ? AND status = '" + s + "'",
                                id));
            }
            for (String s : DUE_STATUSES) {
                out.put(
                        p + "due." + s,
                        count(
                                c,
                                "SELECT COUNT(*) FROM esc_due WHERE escalation_id = ? AND status = '" + s + "'",
                                id));
            }
            out.put(p + "due.overdue", overdue(c, now, id));
        }
        return out;
    }

    /** The escalation ids in Java's string order (the same on every database and collation). */
    static List<String> ids(Connection c) throws SQLException {
        TreeSet<String> ids = new TreeSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT escalation_id FROM esc_escalation")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return new ArrayList<>(ids);
    }

    private static String overdue(Connection c, Instant now, String escalation) throws SQLException {
        String sql = "SELECT COUNT(*) FROM esc_due WHERE status = 'PENDING' AND due_at <= ?"
                + (escalation == null ? "" : " AND escalation_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            // the schema's instant encoding: NUMERIC(30,9) epoch seconds
            ps.setBigDecimal(1, BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9)));
            if (escalation != null) {
                ps.setString(2, escalation);
            }
            return first(ps);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return first(ps);
        }
    }

    private static String count(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return first(ps);
        }
    }

    private static String first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.valueOf(rs.getString(1));
        }
    }

    /** A two-column query (key, count) as a map sorted by key. */
    private static Map<String, String> grouped(Connection c, String sql) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), Long.toString(rs.getLong(2)));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ expected.properties

    /** Writes {@code key=value} lines in the map's order (no timestamp, so the file is reproducible). */
    static void write(Path file, List<String> header, Map<String, String> values) throws IOException {
        StringBuilder b = new StringBuilder();
        header.forEach(line -> b.append("# ").append(line).append('\n'));
        String section = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String s = section(e.getKey());
            if (!s.equals(section)) {
                b.append('\n');
                section = s;
            }
            b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static String section(String key) {
        String[] parts = key.split("\\.");
        return parts[0].equals("escalation") && parts.length > 1 ? parts[0] + "." + parts[1] : parts[0];
    }

    static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> result = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> result.put(k, p.getProperty(k)));
        return result;
    }

    /** The differences between expected (without {@code fixture.*}) and actual, one line each; empty if none. */
    static List<String> compare(Map<String, String> expected, Map<String, String> actual) {
        List<String> diffs = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(actual.keySet());
        expected.keySet().stream().filter(k -> !k.startsWith(META_PREFIX)).forEach(keys::add);
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (e == null) {
                diffs.add(k + ": not expected, found " + a);
            } else if (a == null) {
                diffs.add(k + ": expected " + e + ", missing");
            } else if (!e.equals(a)) {
                diffs.add(k + ": expected " + e + ", found " + a);
            }
        }
        return diffs;
    }

    // ------------------------------------------------------------------ the load check

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("check-h2")) {
            // a private in-memory database: empty until the script runs
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:fixture-check", "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM '"
                        + Path.of(args[1]).toAbsolutePath().toString().replace("'", "''") + "' CHARSET 'UTF-8'");
                System.exit(check(c, Path.of(args[2]), "H2 " + args[1]));
            }
        } else if (args.length == 5 && args[0].equals("check-jdbc")) {
            try (Connection c = DriverManager.getConnection(args[1], args[2], args[3])) {
                System.exit(check(c, Path.of(args[4]), args[1]));
            }
        } else {
            System.err.println("usage: FixtureCounts check-h2 <h2.sql> <expected.properties>\n"
                    + "       FixtureCounts check-jdbc <url> <user> <password> <expected.properties>");
            System.exit(64);
        }
    }

    private static int check(Connection c, Path expectedFile, String what) throws Exception {
        Map<String, String> expected = read(expectedFile);
        Instant now = Instant.parse(expected.get(META_PREFIX + "now"));
        List<String> diffs = compare(expected, counts(c, now));
        if (diffs.isEmpty()) {
            System.out.println("fixture check ok: " + what + " matches " + expectedFile.getFileName() + " ("
                    + expected.get("escalations") + " escalations, " + expected.get("progress") + " progress entries, "
                    + expected.get("outbox") + " outbox messages, " + expected.get("due") + " due items)");
            return 0;
        }
        System.err.println("fixture check FAILED: " + what + " differs from " + expectedFile + ":");
        diffs.forEach(d -> System.err.println("  " + d));
        return 1;
    }
}
