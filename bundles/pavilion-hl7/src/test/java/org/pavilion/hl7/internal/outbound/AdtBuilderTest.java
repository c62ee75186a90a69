package org.pavilion.hl7.internal.outbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.Test;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.pavilion.core.api.retry.Backoff;

/**
 * The messages a feed sends, read back by HAPI in each version a hospital's receivers take (a fresh context, as a
 * receiving system would parse them), with the PID fields a registration desk filled in.
 */
public class AdtBuilderTest {

    static final Instant AT = Instant.parse("2026-03-02T08:15:30Z");
    static final String REGISTERED = "{\"mrn\":\"0000004711\",\"givenName\":\"Amara\",\"familyName\":\"Nwosu\","
            + "\"sex\":\"FEMALE\",\"birthDate\":\"1984-03-01\",\"preferredLanguage\":\"en\",\"registeredBy\":\"desk1\"}";

    static FeedSettings feed(String version) {
        return new FeedSettings("lab-system", "localhost", 2576, version,
                Set.of("PatientRegistered", "PatientUpdated", "PatientsMerged"), "PAVILION", "STMARY", "LIS", "STMARY",
                "PAV", "P", StandardCharsets.UTF_8, 1000, 1000, new Backoff(100, 1000), 3, 100);
    }

    static Message parse(String text) throws Exception {
        try (HapiContext receiver = new DefaultHapiContext()) {
            receiver.setValidationContext(ValidationContextFactory.noValidation());
            return receiver.getPipeParser().parse(text);
        }
    }

    @Test
    public void aRegistrationIsAnA04ThatEveryVersionParsesBackWithTheSamePatient() throws Exception {
        for (String version : FeedSettings.VERSIONS) {
            AdtBuilder.Built built = new AdtBuilder(feed(version), ZoneOffset.UTC).build("PatientRegistered",
                    REGISTERED, AT);
            Message m = parse(built.text());
            Terser t = new Terser(m);
            assertEquals(version, version, m.getVersion());
            assertEquals(version, "ADT", t.get("MSH-9-1"));
            assertEquals(version, "A04", t.get("MSH-9-2"));
            // the structure HAPI built (v2.3.1 has its own ADT_A04; from v2.4 A04 is an ADT_A01); v2.3 has no MSH-9.3
            assertEquals(version, version.equals("2.3") ? null : version.equals("2.3.1") ? "ADT_A04" : "ADT_A01",
                    t.get("MSH-9-3"));
            assertEquals(version, built.controlId(), t.get("MSH-10"));
            assertEquals(version, "PAVILION", t.get("MSH-3-1"));
            assertEquals(version, "STMARY", t.get("MSH-4-1"));
            assertEquals(version, "LIS", t.get("MSH-5-1"));
            assertEquals(version, "P", t.get("MSH-11-1"));
            assertEquals(version, "UNICODE UTF-8", t.get("MSH-18"));
            assertEquals(version, "20260302081530", t.get("MSH-7-1"));
            assertEquals(version, "0000004711", t.get("/.PID-3-1"));
            assertEquals(version, "PAV", t.get("/.PID-3-4"));
            assertEquals(version, "MR", t.get("/.PID-3-5"));
            assertEquals(version, "Nwosu", t.get("/.PID-5-1"));
            assertEquals(version, "Amara", t.get("/.PID-5-2"));
            assertEquals(version, "19840301", t.get("/.PID-7-1"));
            assertEquals(version, "F", t.get("/.PID-8"));
            assertEquals(version, "en", t.get("/.PID-15-1"));
            assertEquals(version, "N", t.get("/.PV1-2"));
            assertEquals(version, "0000004711", built.patientKey());
            assertNull(built.relatedKey());
            assertEquals("ADT^A04", built.messageType());
        }
    }

    @Test
    public void anUpdateIsAnA08WithTheNewDemographics() throws Exception {
        for (String version : FeedSettings.VERSIONS) {
            AdtBuilder.Built built = new AdtBuilder(feed(version), ZoneOffset.UTC).build("PatientUpdated",
                    "{\"mrn\":\"0000004711\",\"givenName\":\"Amara\",\"familyName\":\"Okonkwo\",\"sex\":\"FEMALE\","
                            + "\"birthDate\":\"1984-03-01\",\"updatedBy\":\"desk2\"}", AT);
            Terser t = new Terser(parse(built.text()));
            assertEquals(version, "A08", t.get("MSH-9-2"));
            assertEquals(version, "Okonkwo", t.get("/.PID-5-1"));
            assertEquals(version, "0000004711", t.get("/.PID-3-1"));
            assertEquals("ADT^A08", built.messageType());
        }
    }

    @Test
    public void aMergeIsAnA40NamingSurvivorInPidAndDuplicateInMrg() throws Exception {
        for (String version : FeedSettings.VERSIONS) {
            AdtBuilder.Built built = new AdtBuilder(feed(version), ZoneOffset.UTC).build("PatientsMerged",
                    "{\"survivorMrn\":\"0000000100\",\"duplicateMrn\":\"0000000200\",\"reason\":\"same person\"}", AT);
            Message m = parse(built.text());
            Terser t = new Terser(m);
            assertEquals(version, "A40", t.get("MSH-9-2"));
            assertEquals(version, "0000000100", t.get("/.PID-3-1"));
            assertEquals(version, "PAV", t.get("/.PID-3-4"));
            assertEquals(version, "0000000200", t.get("/.MRG-1-1"));
            assertEquals(version, "PAV", t.get("/.MRG-1-4"));
            assertEquals("0000000100", built.patientKey());
            assertEquals("0000000200", built.relatedKey());
        }
    }

    @Test
    public void aMergeCarriesTheSurvivorsNameInPidAndTheDuplicatesInMrg7() throws Exception {
        for (String version : FeedSettings.VERSIONS) {
            AdtBuilder.Built built = new AdtBuilder(feed(version), ZoneOffset.UTC).build("PatientsMerged",
                    "{\"survivorMrn\":\"0000000100\",\"duplicateMrn\":\"0000000200\",\"givenName\":\"Adaeze\","
                            + "\"familyName\":\"Okafor\",\"sex\":\"FEMALE\",\"birthDate\":\"1984-03-01\","
                            + "\"duplicateGivenName\":\"Adaze\",\"duplicateFamilyName\":\"Okafor-Nwosu\"}", AT);
            Terser t = new Terser(parse(built.text()));
            assertEquals(version, "Okafor", t.get("/.PID-5-1"));
            assertEquals(version, "Adaeze", t.get("/.PID-5-2"));
            assertEquals(version, "19840301", t.get("/.PID-7-1"));
            assertEquals(version, "F", t.get("/.PID-8"));
            assertEquals(version, "Okafor-Nwosu", t.get("/.MRG-7-1"));
            assertEquals(version, "Adaze", t.get("/.MRG-7-2"));
            assertEquals(version, "0000000200", t.get("/.MRG-1-1"));
        }
    }

    @Test
    public void everyMessageHasItsOwnControlIdOfAtMostTwentyCharacters() {
        AdtBuilder b = new AdtBuilder(feed("2.5.1"), ZoneOffset.UTC);
        String first = b.build("PatientRegistered", REGISTERED, AT).controlId();
        String second = b.build("PatientRegistered", REGISTERED, AT).controlId();
        assertNotEquals(first, second);
        assertEquals(20, first.length());
    }

    @Test
    public void aPayloadWithoutMrnOrADateThatIsNoDateGivesNoMessageAndSaysWhy() {
        AdtBuilder b = new AdtBuilder(feed("2.5.1"), ZoneOffset.UTC);
        AdtBuilder.UnbuildableException noMrn = assertThrows(AdtBuilder.UnbuildableException.class,
                () -> b.build("PatientRegistered", "{\"familyName\":\"Nwosu\"}", AT));
        assertTrue(noMrn.getMessage(), noMrn.getMessage().contains("mrn"));
        AdtBuilder.UnbuildableException badDate = assertThrows(AdtBuilder.UnbuildableException.class,
                () -> b.build("PatientUpdated", "{\"mrn\":\"1\",\"birthDate\":\"01/03/1984\"}", AT));
        assertTrue(badDate.getMessage(), badDate.getMessage().contains("birthDate"));
        assertThrows(AdtBuilder.UnbuildableException.class, () -> b.build("PatientRegistered", "not json", AT));
    }

    @Test
    public void aFeedWithAVersionItCannotSendOrANonsenseEventNameDoesNotStart() {
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> feed("2.9"));
        assertTrue(v.getMessage(), v.getMessage().contains("version"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeedSettings("x",
                "localhost", 1, "2.5.1", Set.of("Lab Result, please"), "A", "B", "", "", "PAV", "P",
                StandardCharsets.UTF_8, 1, 1, new Backoff(1, 1), 1, 100));
        assertTrue(e.getMessage(), e.getMessage().contains("events"));
    }
}
