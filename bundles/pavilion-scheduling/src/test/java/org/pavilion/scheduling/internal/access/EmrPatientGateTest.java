package org.pavilion.scheduling.internal.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.scheduling.internal.TestCallers;

/**
 * What the gate asks the EMR. The EMR lets a caller holding a part's any-patient privilege reach every patient, so
 * the part a patient account's request names must carry staff privileges there, never the portal's own one: Pedro,
 * who holds only {@code scheduling.appointment.own}, must be asked about as a patient, about his own record.
 */
public class EmrPatientGateTest {

    private final List<DataPart> asked = new ArrayList<>();
    private final List<PatientAccess.Action> actions = new ArrayList<>();
    private final PatientAccess emr = (mrn, part, action, reason) -> {
        asked.add(part);
        actions.add(action);
        return new AccessDecision(AccessDecision.Outcome.ALLOWED, null, mrn, mrn, part, action, false, null);
    };
    private final List<AuditEvent> trail = new ArrayList<>();
    private final EmrPatientGate gate = new EmrPatientGate(emr, trail::add);

    @Test
    public void aPatientAccountIsAskedAboutAsAPatientWhateverTheEndpointsPrivilege() throws Exception {
        Caller pedro = TestCallers.caller("pedro.alves", Set.of(PatientGate.OWN), "0000004463");
        CallerContext.runAs(pedro, () -> gate.check("0000004269", PatientGate.OWN, true, "UPDATE"));
        DataPart part = asked.get(0);
        assertFalse("a patient's own privilege must not open any patient's", pedro.hasPrivilege(part.anyPatient()));
        assertFalse(pedro.hasPrivilege(part.anyPatientWrite()));
        assertEquals(PatientGate.OWN, part.ownPatient());
        assertEquals("patients never write a record: their own is read", PatientAccess.Action.READ, actions.get(0));
    }

    @Test
    public void staffAreAskedWithTheEndpointsPrivilegeForTheirAction() throws Exception {
        Caller desk = TestCallers.caller("ana.desk", Set.of("scheduling.appointment.book"), null);
        CallerContext.runAs(desk, () -> gate.check("0000004269", "scheduling.appointment.book", true, "CREATE"));
        assertTrue(desk.hasPrivilege(asked.get(0).anyPatientWrite()));
        assertEquals(PatientAccess.Action.WRITE, actions.get(0));
    }

}
