package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.Names;
import org.pavilion.emr.internal.PatientEntity;

/**
 * Lifting a restriction is emergency access: it needs a reason, is audited RESTRICTION_LIFTED and flagged, and
 * commits with its audit record or not at all (H2; PostgreSQL with -Dpavilion.test.postgres).
 */
public class RecordRestrictionTest {

    private static final String MAYOR = Mrn.of(7_001);

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private JpaTransactions jpa;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        jpa = new JpaTransactions(db.emf);
        jpa.call(em -> {
            PatientEntity p = new PatientEntity();
            p.setMrn(MAYOR);
            p.setGivenName("Anne");
            p.setFamilyName("Mayor");
            p.setGivenNameNorm(Names.normalise("Anne"));
            p.setFamilyNameNorm(Names.normalise("Mayor"));
            p.setSex("FEMALE");
            p.setBirthDate("1961-04-02");
            p.setRegisteredMs(1_764_000_000_000L);
            p.setRegisteredBy("reception");
            p.setUpdatedMs(1_764_000_000_000L);
            p.setUpdatedBy("reception");
            p.setRestricted(true);
            em.persist(p);
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private boolean restricted() {
        return jpa.call(em -> em.find(PatientEntity.class, MAYOR).isRestricted());
    }

    @Test
    public void liftingNeedsAReasonAndIsAuditedAsEmergencyAccess() {
        RecordRestriction restriction = new RecordRestriction(db.emf, trail::add);
        ProblemException none = assertThrows(ProblemException.class, () -> restriction.restrict(MAYOR, false, null));
        assertEquals(422, none.status());
        assertEquals(422, assertThrows(ProblemException.class,
                () -> restriction.restrict(MAYOR, false, "  short  ")).status());
        assertTrue("nothing changed without a reason", restricted());
        assertEquals(List.of(), trail);

        assertFalse(restriction.restrict(MAYOR, false, "Patient consented at the desk, form 12"));
        assertFalse(restricted());
        assertEquals(1, trail.size());
        AuditEvent lifted = trail.get(0);
        assertEquals(RecordRestriction.LIFTED, lifted.action());
        assertTrue(lifted.emergencyAccess());
        assertEquals(MAYOR, lifted.patientId());
        assertTrue(lifted.detail(), lifted.detail().contains("Patient consented at the desk, form 12"));

        // Restricting needs no reason and is an ordinary update.
        assertTrue(restriction.restrict(MAYOR, true, null));
        assertTrue(restricted());
        assertEquals("UPDATE", trail.get(1).action());
        assertFalse(trail.get(1).emergencyAccess());
    }

    @Test
    public void theChangeCommitsWithItsAuditRecordOrNotAtAll() {
        AuditService failing = new AuditService() {
            @Override
            public void record(AuditEvent event) {
                trail.add(event);
            }

            @Override
            public <T> T recordAllCommittingWith(Connection c, List<AuditEvent> events, Callable<T> commit)
                    throws Exception {
                throw new SQLException("audit trail unavailable");
            }
        };
        RecordRestriction restriction = new RecordRestriction(db.emf, failing);
        assertThrows(RuntimeException.class,
                () -> restriction.restrict(MAYOR, false, "Patient consented at the desk, form 12"));
        assertTrue("the lift rolled back with its audit record", restricted());
    }

    @Test
    public void anUnknownPatientIs404AndAudited() {
        RecordRestriction restriction = new RecordRestriction(db.emf, trail::add);
        assertEquals(404, assertThrows(ProblemException.class,
                () -> restriction.restrict(Mrn.of(7_999), false, "Patient consented at the desk, form 12")).status());
        assertEquals(1, trail.size());
    }
}
