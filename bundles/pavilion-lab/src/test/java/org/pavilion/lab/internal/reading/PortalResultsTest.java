package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.lab.internal.reading.AnasWeek.ANA;
import static org.pavilion.lab.internal.reading.AnasWeek.BRUNO;
import static org.pavilion.lab.internal.reading.DoctorInboxTest.assertStatus;
import static org.pavilion.lab.internal.reading.DoctorInboxTest.ids;
import static org.pavilion.lab.internal.reading.ResultShelf.as;
import static org.pavilion.lab.internal.reading.ResultShelf.patient;
import static org.pavilion.lab.internal.reading.ResultShelf.staff;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;

import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;

import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.Caller;
import org.pavilion.lab.internal.access.EmrPatientGate;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.soap.LabResultsFault;
import org.pavilion.lab.internal.soap.LabResultsSoap;

/**
 * Ana reads her results at home in the portal: her own released results, the correction with what it replaced,
 * nothing unverified. Whatever she tries, Bruno's results stay closed: the portal names no patient, and the chart's,
 * the trend's and the SOAP paths (were her account ever given their privileges) answer 403, with and without the
 * EMR installed.
 */
public class PortalResultsTest extends AnasWeekReading {

    /** Ana's account, as if an administrator had also granted it the staff and integration privileges. */
    private final Caller ana = patient("ana", ANA, PatientGate.OWN, PatientResults.VIEW, "lab.soap.results");

    @Test
    public void aPatientReadsHerOwnReleasedResultsOnly() throws Exception {
        PatientResults results = new PatientResults(shelf.db.emf, shelf.audit, null);
        Page<ChartResult> own = as(patient("ana", ANA, PatientGate.OWN), () -> results.own(0, 20));
        assertEquals(List.of(week.culture, week.tuesdayPotassium, week.mondayGlucose, week.mondayPotassium),
                ids(own));
        assertEquals(List.of("5.4", "5.9"), own.getItems().get(1).history.stream().map(h -> h.value).toList());
        assertEquals(ANA, shelf.lastAudit().patientId());
        assertEquals(AuditOutcome.SUCCESS, shelf.lastAudit().outcome());
        assertEquals(List.of(week.brunoPotassium), ids(as(patient("bruno", BRUNO, PatientGate.OWN),
                () -> results.own(0, 20))));
        assertEquals(2, as(patient("ana", ANA, PatientGate.OWN), () -> results.own(1, 2)).getItems().size());
    }

    @Test
    public void staffHaveNoPortalOfTheirOwn() throws Exception {
        PatientResults results = new PatientResults(shelf.db.emf, shelf.audit, null);
        assertStatus(403, () -> as(staff("dr.house", PatientGate.OWN, PatientResults.VIEW), () -> results.own(0, 20)));
        assertEquals(AuditOutcome.DENIED, shelf.lastAudit().outcome());
    }

    @Test
    public void anaCannotReadBrunosResultsByAnyPathWithoutTheEmr() throws Exception {
        cannotReadBruno(new PatientResults(shelf.db.emf, shelf.audit, null),
                new OrderResults(shelf.db.emf, shelf.audit, null));
    }

    @Test
    public void anaCannotReadBrunosResultsByAnyPathWithTheEmr() throws Exception {
        EmrPatientGate gate = new EmrPatientGate(new RestrictedRecords(), shelf.audit);
        cannotReadBruno(new PatientResults(shelf.db.emf, shelf.audit, gate),
                new OrderResults(shelf.db.emf, shelf.audit, gate));
    }

    private void cannotReadBruno(PatientResults results, OrderResults orders) throws Exception {
        // her own record through the staff paths works: it is hers
        assertEquals(4, as(ana, () -> results.results(new PatientResults.Query(ANA, null,
                ReadingDates.window(null, null), null), PatientResults.VIEW, 0, 20)).getTotal());

        int before = shelf.trail.size();
        assertStatus(403, () -> as(ana, () -> results.results(new PatientResults.Query(BRUNO, null,
                ReadingDates.window(null, null), null), PatientResults.VIEW, 0, 20)));
        assertStatus(403, () -> as(ana, () -> results.results(new PatientResults.Query(BRUNO, null,
                ReadingDates.window(null, null), "I am his sister, honestly"), PatientResults.VIEW, 0, 20)));
        assertStatus(403, () -> as(ana, () -> results.trend(BRUNO, "K", null)));
        assertStatus(403, () -> as(ana, () -> results.all(new PatientResults.Query(BRUNO, "K",
                ReadingDates.window(null, null), null), "lab.soap.results")));
        assertStatus(403, () -> as(ana, () -> orders.byOrderNumber(week.brunos.orderNumber(), "lab.soap.results")));
        LabResultsSoap soap = new LabResultsSoap(orders, results);
        for (LabResultsSoapCall call : List.<LabResultsSoapCall>of(() -> soap.findResults(BRUNO, null, null, null),
                () -> soap.getOrder(week.brunos.orderNumber()))) {
            try {
                as(ana, call::run);
                fail("Bruno's results through SOAP");
            } catch (LabResultsFault f) {
                assertEquals(403, f.getStatus());
            }
        }
        assertEquals("every refusal is in the trail", before + 7, shelf.trail.size());
        assertTrue(shelf.trail.subList(before, shelf.trail.size()).stream()
                .allMatch(e -> e.outcome() == AuditOutcome.DENIED && BRUNO.equals(e.patientId())));
        // nor through a doctor's inbox, which is no patient's
        DoctorInbox inbox = new DoctorInbox(shelf.db.emf, shelf.audit);
        assertStatus(403, () -> as(ana, () -> inbox.inbox(false, 0, 20)));
        assertEquals(AuditOutcome.DENIED, shelf.lastAudit().outcome());
    }

    interface LabResultsSoapCall {
        Object run() throws Exception;
    }

    @Test
    public void thePortalEndpointTakesNoPatientParameter() throws Exception {
        Method own = PortalResultsResource.class.getMethod("own", int.class, int.class);
        for (Parameter p : own.getParameters()) {
            assertTrue(p.isAnnotationPresent(QueryParam.class));
            assertTrue(List.of("page", "size").contains(p.getAnnotation(QueryParam.class).value()));
            assertTrue(!p.isAnnotationPresent(PathParam.class));
        }
    }
}
