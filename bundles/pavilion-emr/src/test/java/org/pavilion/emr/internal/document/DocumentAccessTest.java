package org.pavilion.emr.internal.document;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.pavilion.core.testing.TestAccounts.patientAccount;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.Names;
import org.pavilion.emr.internal.PatientEntity;

/**
 * Documents are their own part of a patient's data ({@link DataPart#DOCUMENTS}, docs/patient-access.md), not the
 * clinical record's: every way into them asks PatientAccess for that part, so a department or an administrator
 * that opens documents differently gets exactly that. Carmen Vidal reads her own scanned letters from home but
 * cannot attach one; Dr Ortega lists them and tries to attach a photo of a rash sent as an executable.
 */
public class DocumentAccessTest {

    private static final String CARMEN = "0000004269";

    private static final Caller DOCTOR = Caller.inContainer("dr.ortega", Set.of("emr.record.clinical.view",
            "emr.record.clinical.edit", "emr.record.break-glass"), "127.0.0.1");
    private static final Caller CARMEN_ACCOUNT = patientAccount("carmen.vidal", CARMEN, "emr.record.view-own");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    /** The parts DocumentService asked about, in order. */
    private final List<DataPart> asked = Collections.synchronizedList(new ArrayList<>());
    private DocumentService documents;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        ClinicalAccess access = new ClinicalAccess(db.emf, trail::add) {
            @Override
            public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
                asked.add(part);
                return super.decide(mrn, part, action, breakGlassReason);
            }
        };
        documents = new DocumentService(db.emf, trail::add, null, access, config(tmp.getRoot().toString()),
                TestConstraints.platform());
        new JpaTransactions(db.emf).call(em -> {
            em.persist(patient(CARMEN));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aPatientReadsHerOwnDocumentsButIsToldSheCannotAttachDocuments() throws Exception {
        Page<Document> own = CallerContext.runAs(CARMEN_ACCOUNT, () -> documents.list(CARMEN, false, 0, 20, null));
        assertEquals(0, own.getTotal());

        DocumentService.Upload letter = upload("Referral letter from her GP", "LETTER", "application/pdf");
        ProblemException refused = assertThrows(ProblemException.class, () -> CallerContext.runAs(CARMEN_ACCOUNT,
                () -> documents.attach(letter, new ByteArrayInputStream("%PDF-1.4\n".getBytes()))));
        assertEquals(403, refused.status());
        assertEquals("You may not change this patient's documents: patients cannot change their documents",
                refused.detail());
        AuditEvent denied = trail.get(trail.size() - 1);
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals("document", denied.resourceType());
        assertEquals("patients cannot change their documents", denied.detail());
        assertEquals(List.of(DataPart.DOCUMENTS, DataPart.DOCUMENTS), asked);
    }

    @Test
    public void aDoctorsListAndAttachAskForTheDocumentsPart() throws Exception {
        CallerContext.runAs(DOCTOR, () -> documents.list(CARMEN, true, 0, 20, null));
        DocumentService.Upload photo = upload("Photo of the rash", "IMAGE", "image/png");
        ProblemException refused = assertThrows(ProblemException.class, () -> CallerContext.runAs(DOCTOR,
                () -> documents.attach(photo, new ByteArrayInputStream("MZ\u0090\u0000 an executable".getBytes()))));
        assertEquals(415, refused.status());
        assertEquals(List.of(DataPart.DOCUMENTS, DataPart.DOCUMENTS), asked);
        assertTrue("the refused upload is audited as FAILED against Carmen", trail.stream().anyMatch(e ->
                e.outcome() == AuditOutcome.FAILED && CARMEN.equals(e.patientId()) && "CREATE".equals(e.action())));
    }

    @Test
    public void anUploadWithoutTitleAndWithAnUnknownCategoryNamesBothAndStoresNothing() throws Exception {
        DocumentService.Upload scan = upload(" ", "x-ray", "application/pdf");
        ProblemException refused = assertThrows(ProblemException.class, () -> CallerContext.runAs(DOCTOR,
                () -> documents.attach(scan, new ByteArrayInputStream("%PDF-1.7 discharge letter".getBytes()))));
        assertEquals(400, refused.status());
        assertEquals("urn:pavilion:problem:validation", refused.type());
        assertEquals(List.of(Map.of("field", "category", "message", "is one of " + DocumentService.CATEGORY_NAMES),
                Map.of("field", "title", "message", "must not be blank")), refused.extensions().get("violations"));
        assertTrue("refused before the record was asked", asked.isEmpty());
        assertEquals(0, CallerContext.runAs(DOCTOR, () -> documents.list(CARMEN, true, 0, 20, null)).getTotal());
    }

    @Test
    public void everyDocumentCategoryIsOneTheUploadDeclaresInAnyCase() {
        for (DocumentCategory c : DocumentCategory.values()) {
            assertTrue(c.name(), (" " + c.name().toLowerCase(java.util.Locale.ROOT) + " ").matches("(?i)"
                    + DocumentService.CATEGORIES));
            assertTrue(c.name(), List.of(DocumentService.CATEGORY_NAMES.split(", ")).contains(c.name()));
        }
        assertEquals(DocumentCategory.values().length, DocumentService.CATEGORY_NAMES.split(", ").length);
    }

    private static DocumentService.Upload upload(String title, String category, String contentType) {
        DocumentService.Upload u = new DocumentService.Upload();
        u.mrn = CARMEN;
        u.title = title;
        u.category = category;
        u.contentType = contentType;
        return u;
    }

    /** The shipped settings (database store, 1 MiB cap) with the FILE store's folder at {@code directory}. */
    static DocumentsConfig config(String directory) {
        return new DocumentsConfig() {
            public Class<? extends Annotation> annotationType() {
                return DocumentsConfig.class;
            }

            public String store() {
                return DocumentService.STORE_DATABASE;
            }

            public String directory() {
                return directory;
            }

            public long maxSizeBytes() {
                return 1024 * 1024;
            }
        };
    }


    private static PatientEntity patient(String mrn) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName("Carmen");
        p.setFamilyName("Vidal");
        p.setGivenNameNorm(Names.normalise("Carmen"));
        p.setFamilyNameNorm(Names.normalise("Vidal"));
        p.setSex("FEMALE");
        p.setBirthDate("1958-11-02");
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        return p;
    }
}
