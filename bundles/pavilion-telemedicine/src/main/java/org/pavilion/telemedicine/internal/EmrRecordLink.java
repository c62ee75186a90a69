package org.pavilion.telemedicine.internal;

import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;
import org.pavilion.emr.api.PatientDocuments;

/**
 * {@link EmrRecord} through the EMR's exported api. A component of its own with mandatory references: it exists only
 * while the EMR does. The consultation has already decided who may act (the host, or the patient in their own call),
 * so the EMR is written as a feed writes it ({@code emr.record.feed-write}, added to the real caller, whom the
 * EMR's audit trail still names): a patient cannot attach documents through the EMR's own REST, and the host
 * need not be the appointment's doctor.
 */
@Component(service = EmrRecord.class)
public class EmrRecordLink implements EmrRecord {

    private static final Set<String> EMR_FEED = Set.of("emr.record.feed-write");
    private static final String KIND = "TELECONSULTATION";

    private final PatientDirectory directory;
    private final PatientDocuments documents;

    @Activate
    public EmrRecordLink(@Reference PatientDirectory directory, @Reference PatientDocuments documents) {
        this.directory = directory;
        this.documents = documents;
    }

    @Override
    public Encounter open(String mrn, String appointmentId, String attending, String reason) {
        ExternalVisit visit = new ExternalVisit();
        visit.system = VISIT_SYSTEM;
        visit.number = appointmentId;
        visit.kind = KIND;
        visit.reason = reason;
        visit.attendingId = attending;
        PatientDirectory.Result opened = asFeed(() -> directory.openEncounterForPatient(mrn, visit));
        return new Encounter(opened.mrn, opened.encounterId);
    }

    @Override
    public void close(String appointmentId) {
        asFeed(() -> directory.closeEncounter(VISIT_SYSTEM, appointmentId));
    }

    @Override
    public String attach(String mrn, String encounterId, String title, String contentType, long contentLength,
            InputStream content) {
        PatientDocuments.NewDocument d = new PatientDocuments.NewDocument();
        d.mrn = mrn;
        d.encounterId = encounterId;
        d.title = title;
        d.category = contentType.startsWith("image/") ? "IMAGE" : "OTHER";
        d.contentType = contentType;
        d.contentLength = contentLength;
        return asFeed(() -> documents.attach(d, content));
    }

    private static <T> T asFeed(Callable<T> work) {
        try {
            return CallerContext.runAs(CallerContext.currentWith(EMR_FEED, "telemedicine"), work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
