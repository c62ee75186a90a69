package org.pavilion.pharmacy.internal.dispensing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.pharmacy.internal.dispensing.DispensingDayTest.assertProblem;
import static org.pavilion.pharmacy.internal.dispensing.Pharmacy.PHARMACIST;
import static org.pavilion.pharmacy.internal.dispensing.Pharmacy.as;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestAccounts;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.pharmacy.internal.access.EmrPatientGate;
import org.pavilion.pharmacy.internal.access.PatientGate;

/**
 * Who sees whose dispensed medicines: a patient's portal account its own only (patient A never sees B), staff with
 * the dispensing privilege any patient's, without the EMR by the department's own rule and with it through the
 * EMR's PatientAccess (here an in-test one answering by docs/patient-access.md's rules, with a merged duplicate).
 */
public class PortalScopingTest {

    private static final String ANA = "MRN-0001";
    private static final String BEN = "MRN-0002";
    /** Ana's duplicate record, merged into hers. */
    private static final String ANA_OLD = "MRN-0003";

    private static final Caller ANA_PORTAL = TestAccounts.patientAccount("ana", ANA, PatientGate.VIEW_OWN);
    private static final Caller BEN_PORTAL = TestAccounts.patientAccount("ben", BEN, PatientGate.VIEW_OWN);
    private static final Caller RECEPTION = Caller.inContainer("desk.1", Set.of("emr.patient.view-any"), "10.0.0.9");

    private Pharmacy ph;

    @Before
    public void open() throws Exception {
        ph = new Pharmacy();
        ph.db.stock("MAIN", "PARA500", ph.db.batch("PARA500", "PC-1", "2099-01-31"), "500");
        ph.prescribed("rx-a1", ANA, "PARA500", "20");
        ph.prescribed("rx-a2", ANA, "PARA500", "10");
        ph.prescribed("rx-b1", BEN, "PARA500", "30");
        ph.dispense(PHARMACIST, "rx-a1", "20", null, null);
        ph.dispense(PHARMACIST, "rx-a2", "10", null, null);
        ph.dispense(PHARMACIST, "rx-b1", "30", null, null);
    }

    @After
    public void close() throws Exception {
        ph.close();
    }

    @Test
    public void withoutTheEmrAPatientSeesOnlyTheirOwnDispenses() throws Exception {
        var own = as(ANA_PORTAL, () -> ph.history.own(0, 50));
        assertEquals(2, own.getTotal());
        assertTrue(own.getItems().stream().allMatch(d -> d.patientId.equals(ANA)));
        assertEquals(List.of(BEN), as(BEN_PORTAL, () -> ph.history.own(0, 50)).getItems().stream()
                .map(d -> d.patientId).toList());
        assertProblem(403, () -> as(ANA_PORTAL, () -> ph.history.of(BEN, 0, 50)));
        assertProblem(403, () -> as(PHARMACIST, () -> ph.history.own(0, 50)));
        assertEquals(1, as(PHARMACIST, () -> ph.history.of(BEN, 0, 50)).getTotal());
        assertEquals(2, ph.audit.with("SEARCH", AuditOutcome.DENIED).size());
    }

    @Test
    public void withTheEmrItsRulesDecideAndMergesAreFollowed() throws Exception {
        PatientAccess emr = new MergedRecords(Map.of(ANA_OLD, ANA), Set.of(ANA, BEN, ANA_OLD));
        DispenseHistory history = new DispenseHistory(ph.db.emf, ph.audit, new EmrPatientGate(emr, ph.audit));

        var viaDuplicate = as(ANA_PORTAL, () -> history.of(ANA_OLD, 0, 50));
        assertEquals("her duplicate's MRN reads her surviving record", 2, viaDuplicate.getTotal());
        assertEquals(2, as(ANA_PORTAL, () -> history.own(0, 50)).getTotal());
        assertProblem(403, () -> as(ANA_PORTAL, () -> history.of(BEN, 0, 50)));
        assertProblem(403, () -> as(RECEPTION, () -> history.of(ANA, 0, 50)));
        assertProblem(404, () -> as(PHARMACIST, () -> history.of("MRN-9999", 0, 50)));
        assertEquals(1, as(PHARMACIST, () -> history.of(BEN, 0, 50)).getTotal());

        Dispensing dispensing = new Dispensing(ph.db.emf, ph.audit, ph.events, ph.db.ledger,
                new DispensingSettings("MAIN", false), new EmrPatientGate(emr, ph.audit), null,
                System::currentTimeMillis, TestConstraints.platform());
        ph.prescribed("rx-a3", ANA, "PARA500", "5");
        Bodies.Dispense d = new Bodies.Dispense();
        d.quantity = "5";
        assertProblem(403, () -> as(ANA_PORTAL, () -> dispensing.dispense("rx-a3", d)));
        assertEquals("5", as(PHARMACIST, () -> dispensing.dispense("rx-a3", d)).quantity);

        // a prescription queued under her old record before the merge reached the pharmacy: filed under the survivor
        ph.prescribed("rx-old", ANA_OLD, "PARA500", "5");
        assertEquals(ANA, as(PHARMACIST, () -> dispensing.dispense("rx-old", d)).patientId);
        assertEquals(4, as(ANA_PORTAL, () -> history.own(0, 50)).getTotal());
    }

    /**
     * PatientAccess by the rules of docs/patient-access.md for a non-clinical part: staff by the part's privileges,
     * a patient account reads its own record (duplicates followed to their survivor), no caller allowed.
     */
    private record MergedRecords(Map<String, String> mergedInto, Set<String> known) implements PatientAccess {

        @Override
        public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
            Caller c = CallerContext.current().orElse(null);
            String survivor = mergedInto.getOrDefault(mrn, mrn);
            if (c == null) {
                return decision(AccessDecision.Outcome.ALLOWED, null, mrn, survivor, part, action);
            }
            if (c.patientId().isPresent()) {
                if (action == Action.WRITE || !c.hasPrivilege(part.ownPatient())) {
                    return decision(AccessDecision.Outcome.DENIED, "a patient does not do this", mrn, null, part,
                            action);
                }
                String own = mergedInto.getOrDefault(c.patientId().get(), c.patientId().get());
                return own.equals(survivor) && known.contains(mrn)
                        ? decision(AccessDecision.Outcome.ALLOWED, null, mrn, survivor, part, action)
                        : decision(AccessDecision.Outcome.DENIED, "not the caller's own record", mrn, null, part,
                                action);
            }
            String needed = action == Action.WRITE ? part.anyPatientWrite() : part.anyPatient();
            if (!c.hasPrivilege(needed)) {
                return decision(AccessDecision.Outcome.DENIED, "needs " + needed, mrn, null, part, action);
            }
            return known.contains(mrn) ? decision(AccessDecision.Outcome.ALLOWED, null, mrn, survivor, part, action)
                    : decision(AccessDecision.Outcome.NOT_FOUND, "no patient " + mrn, mrn, null, part, action);
        }

        private static AccessDecision decision(AccessDecision.Outcome o, String reason, String requested, String mrn,
                DataPart part, Action action) {
            return new AccessDecision(o, reason, requested, mrn, part, action, false, null);
        }
    }
}
