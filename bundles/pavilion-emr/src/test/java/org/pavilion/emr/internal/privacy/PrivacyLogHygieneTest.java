package org.pavilion.emr.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * Issue #20, PHI stays out of logs, for privacy operations whose departments fail: the log line at WARN names the
 * participant, the operation and an incident id, never the MRN, the names or the failure's message (a department
 * may well quote the patient in it); the report the administrator reads carries the message and the same incident.
 * The log is captured from slf4j-simple's stream (System.err, looked up at each line).
 */
public class PrivacyLogHygieneTest {

    private static final String SURVIVOR = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String NAME = "Wenzeslava";
    private static final Pattern INCIDENT = Pattern.compile("incident\\W+([0-9a-f-]{36})");

    private final PrivacySubject subject = new PrivacySubject(List.of(SURVIVOR, DUPLICATE), List.of(),
            List.of(new PrivacySubject.Name(NAME, "Oyelaran")), List.of("1984-03-01"), "FULL", Instant.now());
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @Before
    public void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @After
    public void restoreLog() {
        System.setErr(originalErr);
    }

    @Test
    public void aFailedMergeErasureAndExportAreLoggedByIncidentWithoutTheMrnOrTheFailureMessage() throws Exception {
        PrivacyParticipants participants = new PrivacyParticipants(List.of(new Quoting("billing")));

        ParticipantReport merge = participants.merge(SURVIVOR, DUPLICATE).get(0);
        ParticipantReport erasure = participants.erase(subject).get(0);
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(export)) {
            json.writeStartObject();
            participants.export(subject, json);
            json.writeEndObject();
        }

        String log = log();
        assertClean(log);
        assertTrue(log, log.contains("Privacy participant billing failed the merge"));
        assertTrue(log, log.contains("Privacy participant billing failed the erasure"));
        assertTrue(log, log.contains("Privacy participant billing failed the export"));
        assertTrue("stack frames are kept: " + log, log.contains("at org.pavilion.emr.internal.privacy."));
        // The administrator's report has what the log leaves out, and the incident that joins the two.
        assertTrue(merge.error, merge.error.contains("record " + DUPLICATE));
        assertTrue(log, log.contains(incident(merge.error)));
        assertTrue(log, log.contains(incident(erasure.error)));
        assertTrue(log, log.contains(incident(export.toString(StandardCharsets.UTF_8))));
    }

    @Test
    public void outcomesThatCannotBeKeptAreLoggedByIncidentWithoutTheMrn() {
        EntityManagerFactory broken = (EntityManagerFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("row of record " + DUPLICATE + " is locked");
                });
        ParticipantReport failed = new PrivacyParticipants(List.of(new Quoting("lab"))).merge(SURVIVOR, DUPLICATE)
                .get(0);
        captured.reset();

        new ParticipantRuns(broken).keep(ParticipantRuns.MERGE, DUPLICATE, List.of(failed), "admin");

        String log = log();
        assertClean(log);
        assertTrue(log, log.contains("Could not keep the privacy participants' outcomes of a MERGE (incident "));
        assertTrue(log, log.contains("java.lang.IllegalStateException (message withheld from the log)"));
    }

    @Test
    public void aWithheldFailureKeepsItsClassesFramesAndCausesButNoMessage() {
        IllegalStateException failure = new IllegalStateException("outer " + DUPLICATE,
                new java.sql.SQLException("Key (national_id)=(AB123456) already exists"));
        Throwable logged = org.pavilion.emr.internal.LogSafe.failure(failure);
        assertFalse(logged.toString().contains(DUPLICATE));
        assertEquals("java.lang.IllegalStateException (message withheld from the log)", logged.getMessage());
        assertEquals("java.sql.SQLException (message withheld from the log)", logged.getCause().getMessage());
        assertEquals(List.of(failure.getStackTrace()), List.of(logged.getStackTrace()));
        assertEquals("IllegalStateException <- SQLException", org.pavilion.emr.internal.LogSafe.classes(failure));
    }

    private String log() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void assertClean(String log) {
        assertFalse("log holds the survivor's MRN: " + log, log.contains(SURVIVOR));
        assertFalse("log holds the duplicate's MRN: " + log, log.contains(DUPLICATE));
        assertFalse("log holds a name: " + log, log.contains(NAME));
        assertTrue("nothing was logged", log.contains("WARN"));
    }

    private static String incident(String text) {
        Matcher m = INCIDENT.matcher(text);
        assertTrue(text, m.find());
        return m.group(1);
    }

    /** A department whose every failure quotes the patient, as a careless one would. */
    private static final class Quoting implements PrivacyParticipant {
        private final String name;

        Quoting(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return name;
        }

        @Override
        public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
            throw new IllegalStateException("no rows for record " + duplicateMrn + " to move to " + survivorMrn);
        }

        @Override
        public void export(PrivacySubject s, OutputStream json) {
            throw new IllegalStateException("export of " + s.names().get(0).given() + " " + s.mrn() + " failed");
        }

        @Override
        public ParticipantOutcome erase(PrivacySubject s) {
            throw new IllegalStateException("could not erase " + s.mrns() + " (" + s.names().get(0).given() + ")");
        }
    }
}
