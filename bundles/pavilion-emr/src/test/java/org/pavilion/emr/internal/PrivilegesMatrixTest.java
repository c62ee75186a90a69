package org.pavilion.emr.internal;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.emr.internal.document.DocumentResource;
import org.pavilion.emr.internal.privacy.MergeParticipantsResource;
import org.pavilion.emr.internal.privacy.PrivacyResource;
import org.pavilion.emr.internal.record.ClinicalRecordResource;
import org.pavilion.emr.internal.record.ClinicalRecordSoap;
import org.pavilion.emr.internal.record.Icd10Resource;

/**
 * The upgrade to privileges changes nothing anybody may do: each endpoint's privilege is granted by default to
 * exactly the roles its {@code @RolesAllowed} named before (frozen here, literally).
 */
public class PrivilegesMatrixTest {

    private static final Set<String> FRONT_DESK = Set.of("RECEPTIONIST", "ADMIN");
    private static final Set<String> READERS = Set.of("RECEPTIONIST", "BILLING", "DOCTOR", "NURSE", "ADMIN");
    /** Everyone but LAB_TECHNICIAN and PHARMACIST reached the record; ClinicalAccess decided per patient. */
    private static final Set<String> RECORD = Set.of("DOCTOR", "NURSE", "PATIENT", "RECEPTIONIST", "BILLING", "ADMIN",
            "INTEGRATION");
    private static final Set<String> DOCTOR = Set.of("DOCTOR");

    @Test
    public void patientEndpointsAllowTheRolesTheyAllowedBefore() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(PatientResource.class, Map.of(
                "registerEmergency", Set.of("RECEPTIONIST", "NURSE", "DOCTOR", "ADMIN"),
                "merge", FRONT_DESK,
                "register", FRONT_DESK,
                "search", READERS,
                "get", Set.of("RECEPTIONIST", "BILLING", "DOCTOR", "NURSE", "ADMIN", "PATIENT"),
                "update", FRONT_DESK));
        matrix.assertRest(PatientImportResource.class, Map.of("importPatients", Set.of("ADMIN")));
        Set<String> registry = Set.of("INTEGRATION", "RECEPTIONIST", "ADMIN");
        matrix.assertSoap(PatientRegistrySoap.class, Map.of("register", registry, "getByMrn", registry,
                "findByDemographics", registry));
    }

    @Test
    public void clinicalRecordEndpointsAllowTheRolesTheyAllowedBefore() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(ClinicalRecordResource.class, Map.ofEntries(
                Map.entry("view", RECORD),
                Map.entry("restrict", Set.of("DOCTOR", "ADMIN")),
                Map.entry("openEncounter", RECORD),
                Map.entry("closeEncounter", RECORD),
                Map.entry("encounters", RECORD),
                Map.entry("recordDiagnosis", DOCTOR),
                Map.entry("changeProblemStatus", DOCTOR),
                Map.entry("problems", RECORD),
                Map.entry("recordAllergy", RECORD),
                Map.entry("allergies", RECORD),
                Map.entry("recordObservation", RECORD),
                Map.entry("observations", RECORD),
                Map.entry("writeNote", RECORD),
                Map.entry("notes", RECORD),
                Map.entry("prescribe", DOCTOR),
                Map.entry("stop", DOCTOR),
                Map.entry("prescriptions", RECORD)));
        Set<String> encounters = Set.of("DOCTOR", "NURSE", "INTEGRATION");
        matrix.assertSoap(ClinicalRecordSoap.class, Map.of("openEncounter", encounters, "recordDiagnosis", DOCTOR,
                "prescribe", DOCTOR, "closeEncounter", encounters, "getRecord", Set.of("DOCTOR", "NURSE")));
        matrix.assertRest(Icd10Resource.class, Map.of("search", Set.of("DOCTOR", "NURSE", "BILLING", "ADMIN")));
        Set<String> clinicalOrOwn = Set.of("DOCTOR", "NURSE", "PATIENT");
        matrix.assertRest(DocumentResource.class, Map.of("attach", Set.of("DOCTOR", "NURSE", "INTEGRATION"),
                "list", clinicalOrOwn, "get", clinicalOrOwn, "content", clinicalOrOwn,
                "enterInError", Set.of("DOCTOR", "NURSE")));
        matrix.assertRest(PrivacyResource.class, Map.of("export", Set.of("ADMIN", "PATIENT"), "erase", Set.of("ADMIN"),
                "erasureParticipants", Set.of("ADMIN")));
        // New with the merge follow-up (issue 19): administrators only.
        matrix.assertRest(MergeParticipantsResource.class, Map.of("participants", Set.of("ADMIN"),
                "retryFailed", Set.of("ADMIN"), "retryOne", Set.of("ADMIN")));
    }

    @Test
    public void theInCodeRulesGrantWhatTheirRoleChecksDid() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        // ClinicalAccess: clinicians (DOCTOR, NURSE) read, write and break the glass; a PATIENT reads its own;
        // INTEGRATION writes without being a clinician and is not stopped by a restriction.
        org.junit.Assert.assertEquals(Set.of("DOCTOR", "NURSE"), matrix.defaultRoles("emr.record.clinical.view"));
        org.junit.Assert.assertEquals(Set.of("DOCTOR", "NURSE"), matrix.defaultRoles("emr.record.clinical.edit"));
        org.junit.Assert.assertEquals(Set.of("DOCTOR", "NURSE"), matrix.defaultRoles("emr.record.break-glass"));
        org.junit.Assert.assertEquals(Set.of("PATIENT"), matrix.defaultRoles("emr.record.view-own"));
        org.junit.Assert.assertEquals(Set.of("INTEGRATION"), matrix.defaultRoles("emr.record.feed-write"));
        // PatientService: STAFF_READERS read any patient; a PATIENT only its own.
        org.junit.Assert.assertEquals(Set.of("RECEPTIONIST", "BILLING", "DOCTOR", "NURSE", "ADMIN", "INTEGRATION"),
                matrix.defaultRoles("emr.patient.view-any"));
        // PatientPrivacy: an ADMIN exports any record, a PATIENT its own.
        org.junit.Assert.assertEquals(Set.of("ADMIN"), matrix.defaultRoles("emr.privacy.export-any"));
    }
}
