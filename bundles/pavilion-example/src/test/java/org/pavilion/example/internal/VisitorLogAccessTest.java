package org.pavilion.example.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.AccessDecision.Outcome;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.core.testing.TestConstraints;

/**
 * The visitor log asks PatientAccess before it shows a patient's visits. Ward 3B's nurse sees every patient's
 * visitors; María López (0000004269, her duplicate 0000004366 merged into it) has a patient account to which the
 * hospital granted the visitor log: she sees her own visitors, also by her old MRN, and gets 403 for Pedro's; a
 * visit the desk logged for someone the EMR does not know is for staff only; without the EMR the same staff-only
 * rule holds. Every refusal leaves a DENIED audit record naming the patient.
 */
public class VisitorLogAccessTest {

    private static final String MARIA = "0000004269";
    private static final String MARIA_DUPLICATE = "0000004366";
    private static final String PEDRO = "0000004463";

    private ExampleDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private VisitService withEmr;
    private VisitService withoutEmr;
    private String mariasVisit;
    private String pedrosVisit;
    private String unknownsVisit;

    @Before
    public void setUp() throws Exception {
        db = new ExampleDatabase();
        withEmr = new VisitService(db.emf, audit, null, new EmrPatientGate(new Emr(), audit),
                TestConstraints.platform());
        withoutEmr = new VisitService(db.emf, audit, null, null, TestConstraints.platform());
        mariasVisit = visit("B-1", "Juan López", MARIA);
        pedrosVisit = visit("B-2", "Lucía Ruiz", PEDRO);
        unknownsVisit = visit("B-3", "Tor Berg", "P-800"); // typed by the desk; no MRN
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theNurseSeesEveryPatientsVisitorsAndTheTrailNamesThePatient() throws Exception {
        assertEquals("Juan López", as(nurse(), () -> withEmr.get(mariasVisit, VisitService.REST_VIEW)).visitorName);
        assertEquals("Lucía Ruiz", as(nurse(), () -> withEmr.get(pedrosVisit, VisitService.REST_VIEW)).visitorName);
        assertEquals(3, as(nurse(), () -> withEmr.list(null, 0, 20)).getTotal());
        AuditEvent read = trail.get(0);
        assertEquals("READ", read.action());
        assertEquals(MARIA, read.patientId());
        assertEquals(mariasVisit, read.resourceId());
        assertEquals(AuditOutcome.SUCCESS, read.outcome());
    }

    @Test
    public void mariaSeesHerOwnVisitorsAlsoByHerOldMrnAndGets403ForPedros() throws Exception {
        assertEquals("Juan López", as(maria(), () -> withEmr.get(mariasVisit, VisitService.REST_VIEW)).visitorName);
        assertEquals(List.of("B-1"), as(maria(), () -> withEmr.list(MARIA_DUPLICATE, 0, 20)).getItems().stream()
                .map(v -> v.badge).toList());
        assertEquals(MARIA, last().patientId());

        forbidden(() -> as(maria(), () -> withEmr.get(pedrosVisit, VisitService.REST_VIEW)));
        assertEquals(AuditOutcome.DENIED, last().outcome());
        assertEquals(PEDRO, last().patientId());
        forbidden(() -> as(maria(), () -> withEmr.list(PEDRO, 0, 20)));
        forbidden(() -> as(maria(), () -> withEmr.list(null, 0, 20)));
        assertEquals(AuditOutcome.DENIED, last().outcome());
    }

    @Test
    public void aVisitOfSomeoneTheEmrDoesNotKnowIsForStaffOnly() throws Exception {
        assertEquals("Tor Berg", as(nurse(), () -> withEmr.get(unknownsVisit, VisitService.SOAP_VIEW)).visitorName);
        assertEquals(1, as(nurse(), () -> withEmr.list("P-800", 0, 20)).getTotal());
        forbidden(() -> as(maria(), () -> withEmr.get(unknownsVisit, VisitService.REST_VIEW)));
        assertEquals("P-800", last().patientId());
    }

    @Test
    public void withoutTheEmrStaffStillSeeTheLogAndAPatientAccountSeesNothing() throws Exception {
        assertEquals("Juan López", as(nurse(), () -> withoutEmr.get(mariasVisit, VisitService.REST_VIEW)).visitorName);
        forbidden(() -> as(maria(), () -> withoutEmr.get(mariasVisit, VisitService.REST_VIEW)));
        assertEquals(AuditOutcome.DENIED, last().outcome());
    }

    @Test
    public void anUnknownVisitIsA404BeforeAnyPatientIsAsked() throws Exception {
        try {
            as(maria(), () -> withEmr.get("no-such-visit", VisitService.REST_VIEW));
            fail("a visit that does not exist");
        } catch (ProblemException e) {
            assertEquals(404, e.status());
        }
    }

    private AuditEvent last() {
        return trail.get(trail.size() - 1);
    }

    private static void forbidden(Callable<?> work) throws Exception {
        try {
            work.call();
            fail("expected 403");
        } catch (ProblemException e) {
            assertEquals(403, e.status());
            assertTrue(e.type(), e.type().endsWith(":forbidden"));
        }
    }

    private static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    private static Caller nurse() {
        return caller("nurse.ward3b", Set.of(VisitService.REST_VIEW, VisitService.SOAP_VIEW), null);
    }

    /** A patient account the hospital granted the visitor log (roles are administrator-defined). */
    private static Caller maria() {
        return caller("maria.lopez", Set.of(VisitService.REST_VIEW), MARIA);
    }

    private static Caller caller(String name, Set<String> privileges, String patientId) {
        return new Caller() {
            @Override
            public String username() {
                return name;
            }

            @Override
            public Set<String> roles() {
                return Set.of();
            }

            @Override
            public Set<String> privileges() {
                return privileges;
            }

            @Override
            public Optional<String> patientId() {
                return Optional.ofNullable(patientId);
            }

            @Override
            public String clientAddress() {
                return "10.3.2.1";
            }
        };
    }

    private String visit(String badge, String visitor, String patientId) {
        VisitEntity e = new VisitEntity();
        e.setId(UUID.randomUUID().toString());
        e.setBadge(badge);
        e.setVisitorName(visitor);
        e.setPatientId(patientId);
        e.setWard("Ward 3B");
        e.setCheckedInMs(1_764_000_000_000L + badge.charAt(2));
        e.setRecordedBy("reception");
        new JpaTransactions(db.emf).call(em -> {
            em.persist(e);
            return null;
        });
        return e.getId();
    }

    /**
     * The EMR's answers for this ward, in the order of its rules (docs/patient-access.md): staff need the part's
     * privilege, then the MRN's shape, a patient account only its own record (following the merge), then existence.
     * The rules themselves are the EMR's, proven by its PatientAccessRulesTest and PatientAccessIT.
     */
    private static final class Emr implements PatientAccess {
        private static final Map<String, String> SURVIVORS = Map.of(MARIA, MARIA, MARIA_DUPLICATE, MARIA, PEDRO, PEDRO);

        @Override
        public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
            Caller c = CallerContext.require();
            if (!c.hasPrivilege(part.anyPatient())) {
                return decision(Outcome.DENIED, "no " + part.anyPatient(), mrn, null, part, action);
            }
            if (!mrn.matches("\\d{10}")) {
                return decision(Outcome.INVALID, "not an MRN", mrn, null, part, action);
            }
            String survivor = SURVIVORS.get(mrn);
            if (c.patientId().isPresent() && !c.patientId().get().equals(survivor)) {
                return decision(Outcome.DENIED, "not the caller's own record", mrn, null, part, action);
            }
            return survivor == null ? decision(Outcome.NOT_FOUND, "no patient " + mrn, mrn, null, part, action)
                    : decision(Outcome.ALLOWED, null, mrn, survivor, part, action);
        }

        private static AccessDecision decision(Outcome o, String reason, String requested, String mrn, DataPart part,
                Action action) {
            return new AccessDecision(o, reason, requested, mrn, part, action, false, null);
        }
    }
}
