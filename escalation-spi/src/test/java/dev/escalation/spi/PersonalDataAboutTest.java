package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EntryParam;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** {@link PersonalData#isAbout}: which parameters of which entries name a person. */
class PersonalDataAboutTest {
    private static final PartyRef KIM = new PartyRef(Party.Kind.STAFF, "kim");
    private static final PartyRef RIA = new PartyRef(Party.Kind.CONTACT, "kim"); // a contact with the same id

    @Test
    void aStaffMemberIsNamedAsManagerReplacedOrAppointedManagerVendorSideAndRecorder() {
        assertThat(PersonalData.isAbout(KIM, ProgressKind.ACKNOWLEDGED, refs("manager", "kim")))
                .isTrue();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.MANAGER_REASSIGNED, refs("from", "kim", "to", "max")))
                .isTrue();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.MANAGER_REASSIGNED, refs("from", "max", "to", "kim")))
                .isTrue();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.PLAN_AGREED, refs("vendorSide", "kim")))
                .isTrue();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.ESCALATED, refs("recordedBy", "kim")))
                .isTrue();
        // the same id as a contact is someone else; a policy migration's from and to are policies, not people
        assertThat(PersonalData.isAbout(RIA, ProgressKind.ACKNOWLEDGED, refs("manager", "kim")))
                .isFalse();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.POLICY_MIGRATED, refs("from", "kim", "to", "kim")))
                .isFalse();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.PLAN_AGREED, refs("customerSide", "kim")))
                .isFalse();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.ACKNOWLEDGED, refs("manager", "kimberly")))
                .isFalse();
    }

    @Test
    void aContactIsNamedAsCustomerSideAndAnyoneAsParticipantOfTheirKind() {
        assertThat(PersonalData.isAbout(RIA, ProgressKind.PLAN_AMENDED, refs("customerSide", "kim")))
                .isTrue();
        Map<String, EntryParam> added = refs("participant", "kim");
        assertThat(PersonalData.isAbout(RIA, ProgressKind.PARTICIPANT_ADDED, added))
                .isTrue();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.PARTICIPANT_ADDED, added))
                .isTrue();
        added.put("participantKind", new EntryParam.Code("CONTACT"));
        assertThat(PersonalData.isAbout(RIA, ProgressKind.PARTICIPANT_ADDED, added))
                .isTrue();
        assertThat(PersonalData.isAbout(KIM, ProgressKind.PARTICIPANT_ADDED, added))
                .isFalse();
        assertThat(PersonalData.isAbout(
                        new PartyRef(Party.Kind.EXTERNAL, "kim"), ProgressKind.ACKNOWLEDGED, refs("manager", "kim")))
                .isFalse();
    }

    /** A name's value must be a Ref: the same id as a text or a code names nobody. */
    @Property(tries = 300)
    void onlyARefWithTheirIdNamesThem(
            @ForAll ProgressKind kind,
            @ForAll("names") String name,
            @ForAll @AlphaChars @StringLength(min = 1, max = 6) String id,
            @ForAll boolean ref) {
        PartyRef staff = new PartyRef(Party.Kind.STAFF, id);
        Map<String, EntryParam> params = new LinkedHashMap<>();
        params.put(name, ref ? new EntryParam.Ref(id) : new EntryParam.Text(id));
        Set<String> staffNames = Set.of("participant", "manager", "vendorSide", "recordedBy");
        boolean expected = ref
                && (staffNames.contains(name)
                        || (EnumSet.of(ProgressKind.MANAGER_REASSIGNED).contains(kind)
                                && (name.equals("from") || name.equals("to"))));
        assertThat(PersonalData.isAbout(staff, kind, params)).isEqualTo(expected);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.of(
                "participant", "manager", "vendorSide", "recordedBy", "customerSide", "from", "to", "text", "owner");
    }

    private static Map<String, EntryParam> refs(String... namesAndIds) {
        Map<String, EntryParam> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndIds.length; i += 2) {
            m.put(namesAndIds[i], new EntryParam.Ref(namesAndIds[i + 1]));
        }
        return m;
    }
}
