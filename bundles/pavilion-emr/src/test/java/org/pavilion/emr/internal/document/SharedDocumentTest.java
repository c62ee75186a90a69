package org.pavilion.emr.internal.document;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.pavilion.core.testing.TestAccounts.patientAccount;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.DocumentAttached;
import org.pavilion.emr.api.PatientDocuments;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.record.EncounterEntity;
import org.pavilion.events.api.EventPublisher;

/**
 * Carmen Vidal shares a photo of her rash during her video consultation: the telemedicine department, having checked
 * it is her own call and that she consents, attaches it through the exported {@link PatientDocuments} with the feed
 * privilege added to her account. It lands in her documents linked to the consultation's encounter; an encounter of
 * another patient is refused and nothing is stored.
 */
public class SharedDocumentTest {

    private static final String CARMEN = "0000004269";
    private static final String LUIS = "0000004366";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> published = Collections.synchronizedList(new ArrayList<>());
    private PatientDocuments documents;
    private DocumentService service;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        EventPublisher events = new EventPublisher() {
            @Override
            public String publish(EntityManager em, String eventType, Object payload) {
                return publish(em, eventType, null, payload);
            }

            @Override
            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                published.add(payload);
                return "event-" + published.size();
            }
        };
        service = new DocumentService(db.emf, trail::add, events, new ClinicalAccess(db.emf, trail::add),
                DocumentAccessTest.config(tmp.getRoot().toString()), TestConstraints.platform());
        documents = new PatientDocumentsService(service);
        new JpaTransactions(db.emf).call(em -> {
            em.persist(patient(CARMEN, "Carmen", "Vidal"));
            em.persist(patient(LUIS, "Luis", "Vidal"));
            em.persist(encounter("ENC-CARMEN", CARMEN));
            em.persist(encounter("ENC-LUIS", LUIS));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void herPhotoLandsInHerDocumentsUnderTheConsultationsEncounter() throws Exception {
        Caller carmen = patientAccount("carmen.vidal", CARMEN, "emr.record.view-own");
        String id = CallerContext.runAs(carmen, () -> CallerContext.runAs(CallerContext.currentWith(
                Set.of("emr.record.feed-write"), "telemedicine"), () -> documents.attach(photo("ENC-CARMEN"),
                        new ByteArrayInputStream(PNG))));
        Document stored = CallerContext.runAs(carmen, () -> service.get(id, null));
        assertEquals("ENC-CARMEN", stored.encounterId);
        assertEquals(CARMEN, stored.mrn);
        assertEquals("IMAGE", stored.category);
        assertEquals("carmen.vidal", stored.createdBy);
        assertEquals("ENC-CARMEN", ((DocumentAttached) published.get(0)).encounterId);

        ProblemException refused = assertThrows(ProblemException.class, () -> CallerContext.runAs(carmen,
                () -> CallerContext.runAs(CallerContext.currentWith(Set.of("emr.record.feed-write"), "telemedicine"),
                        () -> documents.attach(photo("ENC-LUIS"), new ByteArrayInputStream(PNG)))));
        assertEquals(400, refused.status());
        assertEquals("encounter ENC-LUIS is not an encounter of this patient", refused.detail());
        assertEquals("nothing stored for the refused one", 1,
                CallerContext.runAs(carmen, () -> service.list(CARMEN, true, 0, 20, null)).getTotal());
        assertEquals(1, published.size());
    }

    private static PatientDocuments.NewDocument photo(String encounterId) {
        PatientDocuments.NewDocument d = new PatientDocuments.NewDocument();
        d.mrn = CARMEN;
        d.encounterId = encounterId;
        d.title = "Rash on the forearm";
        d.category = "IMAGE";
        d.contentType = "image/png";
        d.contentLength = PNG.length;
        return d;
    }

    private static EncounterEntity encounter(String id, String mrn) {
        EncounterEntity e = new EncounterEntity();
        e.setId(id);
        e.setMrn(mrn);
        e.setKind("TELECONSULTATION");
        e.setStatus("OPEN");
        e.setAttending("dr.ortega");
        e.setOpenedMs(1_764_000_000_000L);
        e.setOpenedBy("dr.ortega");
        return e;
    }

    private static PatientEntity patient(String mrn, String given, String family) {
        return EmrDatabase.patient(mrn, given, family, "FEMALE", "1958-11-02");
    }
}
