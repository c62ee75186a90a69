package org.pavilion.emr.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * How the EMR runs the departments' participants: all of them, in name order, a failing one reported as FAILED
 * with its error while the others still run, and an export section that is always valid JSON.
 */
public class PrivacyParticipantsTest {

    private final List<String> calls = new ArrayList<>();
    private final PrivacySubject subject = new PrivacySubject(List.of("0000004269", "0000004366"),
            List.of(new PrivacySubject.Identifier("LAB", "P-77")), List.of(new PrivacySubject.Name("María", "López")),
            List.of("1984-03-01"), "FULL", Instant.now());

    @Test
    public void aFailingDepartmentIsReportedAndTheOthersStillRun() {
        PrivacyParticipants participants = new PrivacyParticipants(List.of(new Department("pharmacy", null),
                new Department("billing", new IllegalStateException("billing database unreachable")),
                new Department("lab", null)));

        List<ParticipantReport> reports = participants.erase(subject);

        assertEquals(List.of("billing", "lab", "pharmacy"), reports.stream().map(r -> r.name).toList());
        assertEquals(List.of("erase billing", "erase lab", "erase pharmacy"), calls);
        assertEquals(ParticipantReport.FAILED, reports.get(0).status);
        assertTrue(reports.get(0).error, reports.get(0).error.matches(
                "IllegalStateException: billing database unreachable \\(incident [0-9a-f-]{36}\\)"));
        assertEquals(ParticipantReport.DONE, reports.get(1).status);
        assertNull(reports.get(1).error);
        assertEquals(Long.valueOf(2), reports.get(1).removed.get(0).count);
        assertEquals("Lab: orders", reports.get(1).title);
    }

    @Test
    public void aMergeReachesEveryDepartmentWithBothMrns() {
        List<ParticipantReport> reports = new PrivacyParticipants(List.of(new Department("lab", null)))
                .merge("0000004269", "0000004366");
        assertEquals(List.of("merge lab 0000004366->0000004269"), calls);
        assertEquals("orders", reports.get(0).repointed.get(0).what);
    }

    @Test
    public void theExportCarriesEachSectionAndAFailedOneAsFailedWithoutBreakingTheFile() throws Exception {
        PrivacyParticipants participants = new PrivacyParticipants(List.of(new Department("lab", null),
                new Department("billing", new IllegalStateException("down"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            participants.export(subject, json);
            json.writeEndObject();
        }
        JsonNode read = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, read.get("lab").get("data").get("orders").size());
        assertEquals("Lab: orders", read.get("lab").get("title").asText());
        assertTrue(read.get("billing").get("failed").asText().contains("down"));
        assertNull(read.get("billing").get("data"));
    }

    /** A department holding two orders of the patient; {@code failure} makes every call fail midway. */
    private final class Department implements PrivacyParticipant {
        private final String name;
        private final RuntimeException failure;

        Department(String name, RuntimeException failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1) + ": orders";
        }

        @Override
        public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
            calls.add("merge " + name + " " + duplicateMrn + "->" + survivorMrn);
            fail();
            return ParticipantOutcome.builder().repointed("orders", 1, "moved").build();
        }

        @Override
        public void export(PrivacySubject s, OutputStream json) throws IOException {
            json.write("{\"orders\": [".getBytes(StandardCharsets.UTF_8));
            fail(); // half-written JSON must not reach the export
            json.write("{\"id\": 1}, {\"id\": 2}]}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ParticipantOutcome erase(PrivacySubject s) {
            calls.add("erase " + name);
            fail();
            return ParticipantOutcome.builder().removed("orders", 2, "not medical record").build();
        }

        private void fail() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
