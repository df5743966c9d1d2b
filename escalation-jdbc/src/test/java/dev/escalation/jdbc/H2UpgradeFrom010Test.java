package dev.escalation.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/** {@link UpgradeFrom010TestBase} on embedded H2: the fixture is H2's own {@code SCRIPT}, loaded with RUNSCRIPT. */
class H2UpgradeFrom010Test extends UpgradeFrom010TestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    @Override
    protected void loadFixture(TestDatabase database, DataSource dataSource) throws Exception {
        Path script = Files.createTempFile("escalation-0.1.0-", ".sql");
        try {
            Files.writeString(script, resource("h2.sql"));
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM '"
                        + script.toAbsolutePath().toString().replace("'", "''") + "' CHARSET 'UTF-8'");
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
