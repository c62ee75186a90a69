package org.pavilion.lab.internal.reading;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * The ordering doctor's results inbox: released results of the orders the caller placed, criticals first, then
 * newest release first. The doctor sees their own orders' results without naming a patient, so there is no
 * per-patient gate; each page read is one SEARCH record in the trail naming the patients it showed.
 */
@Component(service = DoctorInbox.class)
public class DoctorInbox {

    static final String ORDER = "r.critical DESC, r.releasedMs DESC, r.id";

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public DoctorInbox(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    /**
     * @param unacknowledged only critical results whose alert is still waiting for an acknowledgement
     */
    public Page<ResultDto> inbox(boolean unacknowledged, int page, int size) {
        Page.validate(page, size);
        Caller caller = CallerContext.current()
                .orElseThrow(() -> ProblemException.forbidden("the inbox is the signed-in doctor's"));
        if (caller.patientId().isPresent()) {
            String reason = "the results inbox is a clinician's; a patient reads their results in the portal";
            audit.record(AuditEvent.of("SEARCH", "lab-result").outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        Page<ResultDto> result = jpa.call(em -> {
            ReleasedRows rows = new ReleasedRows(em).orderedBy(caller.username());
            if (unacknowledged) {
                rows.unacknowledgedCritical();
            }
            Page<ResultEntity> found = rows.page(ORDER, page, size);
            ReleasedRows.Views views = new ReleasedRows.Views(em, found.getItems());
            List<ResultDto> items = found.getItems().stream().map(views::dto).toList();
            return new Page<>(items, page, size, found.getTotal());
        });
        Set<String> patients = new TreeSet<>();
        result.getItems().forEach(r -> patients.add(r.patientId));
        audit.record(AuditEvent.of("SEARCH", "lab-result")
                .patientId(patients.size() == 1 ? patients.iterator().next() : null)
                .detail("inbox" + (unacknowledged ? " unacknowledged" : "") + " page " + page + ": "
                        + result.getItems().size() + " of " + result.getTotal()
                        + (patients.isEmpty() ? "" : "; patients " + String.join(",", patients)))
                .build());
        return result;
    }
}
