package dev.escalation.jdbc;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * {@link UpgradeFrom010TestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a reason without it):
 * the fixture is a {@code pg_dump} of schema {@code public}, loaded statement by statement into the test's own schema.
 */
class PostgresUpgradeFrom010Test extends UpgradeFrom010TestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql(getClass().getSimpleName());
    }

    @Override
    protected void loadFixture(TestDatabase database, DataSource dataSource) throws Exception {
        String schema = database.config().getSchema();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements(resource("postgresql.sql"))) {
                String upper = statement.toUpperCase(Locale.ROOT);
                if (upper.startsWith("SET ") || upper.startsWith("SELECT PG_CATALOG.SET_CONFIG")) {
                    continue; // session settings of pg_dump (its empty search_path would hide the test schema)
                }
                s.execute(statement.replaceAll("\\bpublic\\.(esc_\\w+|escalation_schema_history\\w*)", schema + ".$1"));
            }
        }
    }

    /**
     * The statements of a plain-SQL dump: split at semicolons outside string literals ({@code '…'} with {@code ''}
     * and, after {@code E}, backslash escapes) and outside {@code --} comments.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char ch = script.charAt(i);
            if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (ch == '\'') {
                boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e');
                current.append(ch);
                i++;
                while (i < n) {
                    char c = script.charAt(i);
                    current.append(c);
                    i++;
                    if (escapes && c == '\\' && i < n) {
                        current.append(script.charAt(i));
                        i++;
                    } else if (c == '\'') {
                        if (i < n && script.charAt(i) == '\'') {
                            current.append('\'');
                            i++;
                        } else {
                            break;
                        }
                    }
                }
                continue;
            }
            if (ch == ';') {
                String statement = current.toString().trim();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
                i++;
                continue;
            }
            current.append(ch);
            i++;
        }
        if (!current.toString().trim().isEmpty()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }
}
