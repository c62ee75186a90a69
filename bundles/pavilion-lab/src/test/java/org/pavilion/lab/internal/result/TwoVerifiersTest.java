package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.order.ItemStatus;

/**
 * Ben and Carl both click "verify" on Anna's potassium at the same moment: both have read the result in their
 * requests before either writes. One
 * verification and one release win; the other gets 409 and nothing of it is kept.
 */
public class TwoVerifiersTest {

    @Test
    public void twoTechniciansVerifyingOneResultOneWinsTheOtherGets409() throws Exception {
        try (Lab lab = new Lab(true)) {
            LabDatabase.SeededOrder order = lab.db.order("MRN-3", "dr.house", "URGENT", ItemStatus.RECEIVED, "K");
            ResultDto entered = Lab.as(Lab.ANNA, () -> lab.results.enter(order.itemIds().get(0), "4.4", null, null));

            // Both have read the result (version and status) before either starts its transaction: the patient
            // check between the two holds each at a barrier until the other is there too.
            CyclicBarrier bothRead = new CyclicBarrier(2);
            PatientGate staff = PatientGate.withoutEmr(lab.audit);
            lab.results.gate = (patientId, privilege, write, action, resource, reason) -> {
                try {
                    bothRead.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other verifier never came", e);
                }
                return staff.check(patientId, privilege, write, action, resource, reason);
            };
            Results racing = lab.results;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Object>> outcomes = new ArrayList<>();
                for (String name : List.of("tech.ben", "tech.carl")) {
                    outcomes.add(pool.submit(() -> {
                        try {
                            return Lab.as(Lab.tech(name), () -> racing.verify(entered.id));
                        } catch (ProblemException p) {
                            return p;
                        }
                    }));
                }
                List<Object> done = new ArrayList<>();
                for (Future<Object> f : outcomes) {
                    done.add(f.get(60, TimeUnit.SECONDS));
                }
                List<ResultDto> won = done.stream().filter(ResultDto.class::isInstance).map(ResultDto.class::cast)
                        .toList();
                List<ProblemException> lost = done.stream().filter(ProblemException.class::isInstance)
                        .map(ProblemException.class::cast).toList();
                assertEquals(done.toString(), 1, won.size());
                assertEquals(1, lost.size());
                assertEquals(409, lost.get(0).status());
                assertTrue(lost.get(0).detail(), lost.get(0).detail().contains("meanwhile"));

                ResultEntity row = lab.row(ResultEntity.class, entered.id);
                assertEquals("RELEASED", row.getStatus());
                assertEquals(won.get(0).verifiedBy, row.getVerifiedBy());
                assertEquals(1, lab.events.of(LabResultReleased.TYPE, LabResultReleased.class).size());
                assertEquals(1, lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size());
                assertEquals(1, lab.audit.with("VERIFY", AuditOutcome.FAILED).size());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
