package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's action table states, for every action, exactly the engine's action table: the states it is allowed in
 * ("Allowed in"), who may take it ("Who", the row's description word for word) and the conditions on the escalation's
 * details ("Only if", the row's guards in order).
 */
class ReadmeActionTableTest {

    /** A README row's first cells. */
    private record Documented(Set<EscalationState> states, String who, String onlyIf) {}

    private static Map<Action, Documented> readme() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        Map<Action, Documented> documented = new EnumMap<>(Action.class);
        for (String line : lines) {
            String[] cells = line.split("\\|");
            if (cells.length < 6 || !cells[1].trim().matches("`[A-Z_]+`")) {
                continue;
            }
            String name = cells[1].trim().replace("`", "");
            if (Arrays.stream(Action.values()).noneMatch(a -> a.name().equals(name))) {
                continue;
            }
            Set<EscalationState> states = EnumSet.noneOf(EscalationState.class);
            for (String s : cells[2].split(",")) {
                String state = s.trim();
                if (!state.equals("(new)")) {
                    states.add(EscalationState.valueOf(state));
                }
            }
            Documented previous =
                    documented.put(Action.valueOf(name), new Documented(states, cells[3].trim(), cells[4].trim()));
            assertThat(previous).as("one README row for %s", name).isNull();
        }
        return documented;
    }

    @Test
    void theReadmeTableMatchesTheActionTable() throws IOException {
        Map<Action, Documented> documented = readme();
        Lifecycle table = Lifecycle.standard();
        assertThat(documented.keySet()).as("every action has a README row").containsExactlyInAnyOrder(Action.values());
        for (Action a : Action.values()) {
            ActionRow<?> row = table.row(a);
            String onlyIf = row.guards().isEmpty()
                    ? "—"
                    : row.guards().stream().map(ActionRow.Guard::readme).collect(Collectors.joining("; "));
            assertThat(documented.get(a))
                    .as("README row of %s (Allowed in | Who | Only if)", a)
                    .isEqualTo(new Documented(table.statesOf(a), row.who().describe(), onlyIf));
        }
    }

    @Test
    void theCheckCatchesAWrongReadmeCell() throws IOException {
        // the comparison is exact: a table that lets Support Management resolve no longer matches the README
        Lifecycle wrong = new Lifecycle.Builder()
                .from(Lifecycle.standard())
                .row(
                        Action.RESOLVE,
                        ActionRow.Who.of(ActionRow.Party.APPOINTED_MANAGER, ActionRow.Party.SUPPORT_MANAGEMENT))
                .build();
        assertThat(readme().get(Action.RESOLVE).who())
                .isNotEqualTo(wrong.row(Action.RESOLVE).who().describe());
    }
}
