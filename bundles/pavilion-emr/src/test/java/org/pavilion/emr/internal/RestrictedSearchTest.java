package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * Issue #20, search must not be an oracle for withheld data (H2; PostgreSQL with -Dpavilion.test.postgres): a
 * caller without {@code emr.patient.restricted.contact.read} does not find a restricted patient by national id or
 * phone, still finds them by name, MRN and birth date (without their contacts), and finds an unrestricted patient
 * by any field; reception, holding the privilege, finds the restricted one by every field.
 */
public class RestrictedSearchTest {

    private static final Caller BILLING = Caller.inContainer("billing.clerk", Set.of("emr.patient.search"), "127.0.0.1");
    private static final Caller RECEPTION = Caller.inContainer("reception.clerk", Set.of("emr.patient.search",
            RestrictedContact.PRIVILEGE), "127.0.0.1");

    private static final String VIP_MRN = "0000004269";
    private static final String OPEN_MRN = "0000004366";

    private EmrDatabase db;
    private PatientFinder finder;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        PatientEntity vip = patient(VIP_MRN, "Ottilie", "Brandvold", "1961-02-03", "VIP445566", true);
        PatientEntity open = patient(OPEN_MRN, "Ottilie", "Brandvolt", "1961-02-04", "OPN778899", false);
        new JpaTransactions(db.emf).run(em -> {
            NewPatientRows.insert(em, List.of(vip, open));
            try (Connection c = JpaTransactions.connection(em); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO emr_patient_phone (id, mrn, seq_no, phone, phone_norm) VALUES (?, ?, 0, ?, ?)")) {
                phone(ps, VIP_MRN, "+44 20 7946 0011");
                phone(ps, OPEN_MRN, "+44 20 7946 0022");
                ps.executeBatch();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        finder = new PatientFinder(db.emf, event -> { }, PatientFinderTest.config(1000));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void withoutTheContactPrivilegeARestrictedPatientIsNotFoundByAWithheldField() throws Exception {
        assertEquals(List.of(), mrns(BILLING, by(null, "VIP 445-566", null, null, null)));
        assertEquals(List.of(), mrns(BILLING, by(null, null, "+44 20 7946-0011", null, null)));
        // Also when a field the caller may search with narrows it down: the match still rests on the withheld one.
        assertEquals(List.of(), mrns(BILLING, by(null, "VIP445566", null, null, "ottilie")));
        // The unrestricted patient is still found by the same kinds of search.
        assertEquals(List.of(OPEN_MRN), mrns(BILLING, by(null, "OPN778899", null, null, null)));
        assertEquals(List.of(OPEN_MRN), mrns(BILLING, by(null, null, "+442079460022", null, null)));
    }

    @Test
    public void withoutTheContactPrivilegeNameMrnAndBirthDateStillFindTheRestrictedPatientWithContactsHidden()
            throws Exception {
        assertEquals(List.of(VIP_MRN), mrns(BILLING, by(VIP_MRN, null, null, null, null)));
        assertEquals(List.of(VIP_MRN), mrns(BILLING, by(null, null, null, "1961-02-03", null)));
        List<Patient> byName = search(BILLING, by(null, null, null, null, "brandvold"));
        assertEquals(VIP_MRN, byName.get(0).mrn);
        assertNull(byName.get(0).nationalId);
        assertEquals(List.of(), byName.get(0).phones);
        assertEquals(RestrictedContact.FIELDS, byName.get(0).hidden);
    }

    @Test
    public void receptionWithTheContactPrivilegeFindsTheRestrictedPatientByEveryField() throws Exception {
        assertEquals(List.of(VIP_MRN), mrns(RECEPTION, by(null, "VIP445566", null, null, null)));
        assertEquals(List.of(VIP_MRN), mrns(RECEPTION, by(null, null, "+44 20 7946 0011", null, null)));
        List<Patient> found = search(RECEPTION, by(VIP_MRN, null, null, null, null));
        assertEquals("VIP445566", found.get(0).nationalId);
        assertNull(found.get(0).hidden);
        assertTrue(found.get(0).restricted);
    }

    private List<Patient> search(Caller caller, PatientSearch q) throws Exception {
        return CallerContext.runAs(caller, () -> finder.search(q, 0, 20, true).page().getItems());
    }

    private List<String> mrns(Caller caller, PatientSearch q) throws Exception {
        return search(caller, q).stream().map(p -> p.mrn).toList();
    }

    private static PatientSearch by(String mrn, String nationalId, String phone, String birthDate, String name) {
        PatientSearch q = new PatientSearch();
        q.mrn = mrn;
        q.nationalId = nationalId;
        q.phone = phone;
        q.birthDate = birthDate;
        q.name = name;
        return q;
    }

    private static void phone(PreparedStatement ps, String mrn, String phone) throws java.sql.SQLException {
        ps.setString(1, UUID.randomUUID().toString());
        ps.setString(2, mrn);
        ps.setString(3, phone);
        ps.setString(4, ValidDemographics.normalisePhone(phone));
        ps.addBatch();
    }

    private static PatientEntity patient(String mrn, String given, String family, String birthDate, String nationalId,
            boolean restricted) {
        PatientEntity e = new PatientEntity();
        e.setMrn(mrn);
        e.setGivenName(given);
        e.setFamilyName(family);
        e.setGivenNameNorm(Names.normalise(given));
        e.setFamilyNameNorm(Names.normalise(family));
        e.setSex("FEMALE");
        e.setBirthDate(birthDate);
        e.setNationalId(nationalId);
        e.setNationalIdNorm(ValidDemographics.normaliseNationalId(nationalId));
        e.setRestricted(restricted);
        e.setRegisteredMs(1L);
        e.setRegisteredBy("test");
        e.setUpdatedMs(1L);
        e.setUpdatedBy("test");
        NameKeys.fill(e);
        return e;
    }
}
