package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's action table states, for every action, exactly the states the engine's transition table allows. */
class ReadmeActionTableTest {

    @Test
    void theReadmeTableMatchesTheTransitionTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        Map<Action, Set<EscalationState>> documented = new HashMap<>();
        for (String line : lines) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[1].trim().matches("`[A-Z_]+`")) {
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
            documented.put(Action.valueOf(name), states);
        }
        Lifecycle lifecycle = Lifecycle.standard();
        assertThat(documented.keySet()).as("every action has a README row").containsExactlyInAnyOrder(Action.values());
        for (Action a : Action.values()) {
            assertThat(documented.get(a)).as("README states of %s", a).isEqualTo(lifecycle.statesOf(a));
        }
    }
}
