package org.pavilion.lab.internal.reading;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.emr.api.LabResult;
import org.pavilion.emr.api.LabResultsSource;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * The lab's results in the EMR's record view (the EMR binds {@link LabResultsSource} optionally). A component of its
 * own whose class names EMR types: its class-level reference to the EMR's {@link PatientAccess} keeps it (and its
 * service) away while the EMR, and so the optionally imported package, is not there. The EMR has checked and
 * audited the record read before it asks, so this neither gates nor audits again.
 */
@Component(service = LabResultsSource.class,
        reference = @Reference(name = "emr", service = PatientAccess.class))
public class EmrLabResults implements LabResultsSource {

    private final JpaTransactions jpa;

    @Activate
    public EmrLabResults(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public List<LabResult> recentResults(String mrn, int max) {
        if (mrn == null || mrn.isBlank() || max <= 0) {
            return List.of();
        }
        return jpa.call(em -> {
            List<ResultEntity> rows = new ReleasedRows(em).patient(mrn.strip())
                    .list(PatientResults.NEWEST_FIRST, 0, max);
            ReleasedRows.Views views = new ReleasedRows.Views(em, rows);
            return rows.stream().map(r -> of(views.dto(r))).toList();
        });
    }

    /** EMR's shape: a normal flag is no flag, a correction is CORRECTED, anything else shown is FINAL. */
    static LabResult of(ResultDto d) {
        LabResult l = new LabResult(d.testCode, d.testName, d.value, d.unit, "N".equals(d.flag) ? null : d.flag,
                d.observedAt);
        l.referenceRange = d.referenceRange;
        l.status = d.corrected ? "CORRECTED" : "FINAL";
        return l;
    }
}
