package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.internal.integration.PatientIdentifierEntity;

/**
 * PatientLookup on the EMR's real change logs (H2; PostgreSQL with -Dpavilion.test.postgres). María López was
 * registered by the lab feed as P-77 and again by reception (0000004366), merged since into 0000004269. The
 * pharmacy's reminder job reads her: by the old MRN and by the lab's identifier it gets the survivor, with her
 * phones, address, language and cover; every read is in the trail with the job's name and purpose.
 */
public class PatientLookupServiceTest {

    private static final String MARIA = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String PURPOSE = "refill reminder";
    private static final Caller PHARMACY = Caller.inContainer("pharmacy:reminders", Set.of(), "local");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private PatientLookupService lookup;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        lookup = new PatientLookupService(db.emf, trail::add);
        new JpaTransactions(db.emf).call(em -> {
            em.persist(patient(MARIA, "María", "López", null));
            em.persist(patient(DUPLICATE, "Maria", "Lopez", MARIA));
            PatientPhoneEntity phone = new PatientPhoneEntity();
            phone.setId(UUID.randomUUID().toString());
            phone.setMrn(MARIA);
            phone.setSeqNo(0);
            phone.setPhone("+34 600 123 456");
            phone.setPhoneNorm("+34600123456");
            em.persist(phone);
            InsurancePolicyEntity cover = new InsurancePolicyEntity();
            cover.setId(UUID.randomUUID().toString());
            cover.setMrn(MARIA);
            cover.setSeqNo(0);
            cover.setInsurer("Sanitas");
            cover.setPolicyNumber("SAN-12345");
            cover.setPolicyNumberNorm("SAN12345");
            cover.setHolderRelationship("SELF");
            cover.setValidFrom("2025-01-01");
            cover.setValidTo(LocalDate.now().plusYears(1).toString());
            em.persist(cover);
            for (String value : List.of("P-77", "P-78")) { // the merge moved the duplicate's identifier too
                PatientIdentifierEntity id = new PatientIdentifierEntity();
                id.setId(UUID.randomUUID().toString());
                id.setMrn(MARIA);
                id.setIdSystem("LAB");
                id.setIdValue(value);
                id.setCreatedMs(1_764_000_000_000L);
                em.persist(id);
            }
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theOldMrnLeadsToTheSurvivorWithContactsLanguageAndCoverAndTheReadIsAudited() throws Exception {
        PatientDetails maria = CallerContext.runAs(PHARMACY, () -> lookup.byMrn(DUPLICATE, PURPOSE)).orElseThrow();

        assertEquals(MARIA, maria.mrn());
        assertEquals(DUPLICATE, maria.requestedMrn());
        assertEquals("María", maria.givenName());
        assertEquals("1984-03-01", maria.birthDate());
        assertEquals(List.of("+34 600 123 456"), maria.contact().phones());
        assertEquals("maria@example.org", maria.contact().email());
        assertEquals("Madrid", maria.contact().address().city());
        assertEquals("es", maria.preferredLanguage());
        assertEquals("SAN-12345", maria.insurance().get(0).policyNumber());
        assertTrue(maria.insurance().get(0).active());
        assertEquals(List.of(new PatientDetails.Identifier("LAB", "P-77"), new PatientDetails.Identifier("LAB",
                "P-78")), maria.identifiers());
        assertFalse(maria.erased());
        assertThrows(UnsupportedOperationException.class, () -> maria.identifiers().add(null));

        AuditEvent read = trail.get(0);
        assertEquals("READ", read.action());
        assertEquals(MARIA, read.patientId());
        assertEquals(DUPLICATE, read.resourceId());
        assertEquals("pharmacy:reminders", read.caller().username());
        assertTrue(read.detail(), read.detail().endsWith("purpose: " + PURPOSE));
    }

    @Test
    public void theLabsIdentifierFindsHerAndAnUnknownOneIsAnAuditedMiss() throws Exception {
        Optional<PatientDetails> byLab = CallerContext.runAs(PHARMACY,
                () -> lookup.byIdentifier("LAB", "P-78", PURPOSE));
        assertEquals(MARIA, byLab.orElseThrow().mrn());
        assertNull(byLab.get().requestedMrn());

        assertTrue(CallerContext.runAs(PHARMACY, () -> lookup.byIdentifier("LAB", "P-99", PURPOSE)).isEmpty());
        assertEquals(AuditOutcome.FAILED, trail.get(1).outcome());
        assertTrue(CallerContext.runAs(PHARMACY, () -> lookup.byMrn("0000004463", PURPOSE)).isEmpty());
        assertEquals("0000004463", trail.get(2).patientId());
    }

    @Test
    public void aPurposeACallerAndAWellFormedMrnAreRequired() throws Exception {
        assertThrows(IllegalStateException.class, () -> lookup.byMrn(MARIA, PURPOSE));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACY, () -> lookup.byMrn(MARIA, "  ")));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACY, () -> lookup.byMrn("0000004268", PURPOSE)));
        assertThrows(IllegalArgumentException.class,
                () -> CallerContext.runAs(PHARMACY, () -> lookup.byIdentifier("LAB", null, PURPOSE)));
        assertTrue("nothing read, nothing audited", trail.isEmpty());
    }

    private static PatientEntity patient(String mrn, String given, String family, String mergedInto) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName(given);
        p.setFamilyName(family);
        p.setGivenNameNorm(Names.normalise(given));
        p.setFamilyNameNorm(Names.normalise(family));
        p.setSex("FEMALE");
        p.setBirthDate("1984-03-01");
        p.setEmail("maria@example.org");
        p.setAddressLine("Calle Mayor 1");
        p.setAddressCity("Madrid");
        p.setAddressPostalCode("28013");
        p.setAddressCountry("ES");
        p.setPreferredLanguage("es");
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        p.setMergedInto(mergedInto);
        return p;
    }
}
