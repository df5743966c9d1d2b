package dev.escalation.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.sla.EscalationChain.Target;
import dev.escalation.sla.EscalationChain.Target.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationChainTest {

    private static final List<Target> MANAGER = List.of(Target.manager());
    private static final List<Target> HEADS = List.of(Target.role(StaffRole.HEAD_OF_SUPPORT));
    private static final List<Target> CTO = List.of(Target.staff(StaffId.of("s-cto")));
    private static final List<Target> BOTH = List.of(Target.manager(), Target.staff(StaffId.of("s-vp")));

    @Test
    void theNthRepeatIsItsListedLevelThenTheLastListedOne() {
        EscalationChain chain = EscalationChain.of(MANAGER, HEADS, List.of(CTO, BOTH));
        assertThat(chain.repeat(1)).isEqualTo(CTO);
        assertThat(chain.repeat(2)).isEqualTo(BOTH);
        assertThat(chain.repeat(3)).isEqualTo(BOTH);
        assertThat(chain.repeat(100)).isEqualTo(BOTH);
        assertThat(chain.repeat(0)).as("below the first: the first").isEqualTo(CTO);
        assertThat(chain.repeat(Integer.MIN_VALUE)).isEqualTo(CTO);
        assertThat(chain.repeat(Integer.MAX_VALUE)).isEqualTo(BOTH);
    }

    @Test
    void withoutListedRepeatsEveryRepeatGoesToTheBreachLevel() {
        EscalationChain chain = EscalationChain.of(MANAGER, CTO, List.of());
        assertThat(chain.repeat(1)).isEqualTo(CTO);
        assertThat(chain.repeat(7)).isEqualTo(CTO);
        assertThat(EscalationChain.STANDARD.warning()).isEqualTo(MANAGER);
        assertThat(EscalationChain.STANDARD.breach()).isEqualTo(HEADS);
        assertThat(EscalationChain.STANDARD.repeat(1)).isEqualTo(HEADS);
    }

    @Test
    void aLevelThatNamesNobodyIsRefusedNamingTheLevel() {
        assertThatThrownBy(() -> EscalationChain.of(List.of(), HEADS, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warning");
        assertThatThrownBy(() -> EscalationChain.of(MANAGER, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breach");
        assertThatThrownBy(() -> EscalationChain.of(MANAGER, HEADS, List.of(CTO, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat");
        assertThatThrownBy(() -> EscalationChain.of(MANAGER, HEADS, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theLevelsAreCopiedAndCannotBeChanged() {
        List<Target> warning = new ArrayList<>(MANAGER);
        List<List<Target>> repeats = new ArrayList<>(List.of(new ArrayList<>(CTO)));
        EscalationChain chain = EscalationChain.of(warning, HEADS, repeats);
        warning.add(Target.role(StaffRole.SUPPORT_MANAGEMENT));
        repeats.get(0).clear();
        repeats.add(BOTH);
        assertThat(chain.warning()).isEqualTo(MANAGER);
        assertThat(chain.repeats()).containsExactly(CTO);
        assertThatThrownBy(() -> chain.repeats().add(BOTH)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> chain.repeats().get(0).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> chain.warning().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Every combination of kind, role and staff id: a role only for ROLE, a staff id only for STAFF. */
    @Test
    void aTargetHasARoleOnlyForRoleAndAStaffIdOnlyForStaff() {
        List<Optional<StaffRole>> roles = List.of(Optional.empty(), Optional.of(StaffRole.HEAD_OF_SUPPORT));
        List<Optional<StaffId>> staff = List.of(Optional.empty(), Optional.of(StaffId.of("s-1")));
        int valid = 0;
        for (Kind kind : Kind.values()) {
            for (Optional<StaffRole> role : roles) {
                for (Optional<StaffId> id : staff) {
                    boolean ok = role.isPresent() == (kind == Kind.ROLE) && id.isPresent() == (kind == Kind.STAFF);
                    if (ok) {
                        assertThat(new Target(kind, role, id).kind()).isEqualTo(kind);
                        valid++;
                    } else {
                        assertThatThrownBy(() -> new Target(kind, role, id))
                                .as("%s %s %s", kind, role, id)
                                .isInstanceOf(IllegalArgumentException.class);
                    }
                }
            }
        }
        assertThat(valid).isEqualTo(Kind.values().length);
    }

    @Test
    void aLevelIsDescribedByItsTargetsInOrder() {
        assertThat(EscalationChain.describe(List.of(
                        Target.manager(), Target.role(StaffRole.HEAD_OF_SUPPORT), Target.staff(StaffId.of("s-cto")))))
                .isEqualTo("escalation manager, head of support, staff s-cto");
        assertThat(EscalationChain.describe(List.of())).isEmpty();
    }
}
