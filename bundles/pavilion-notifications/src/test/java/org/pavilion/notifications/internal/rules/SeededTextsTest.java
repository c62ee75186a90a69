package org.pavilion.notifications.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Pavilion ships: every seeded rule fits the catalogue and its templates, and every seeded text compiles and
 * renders in en and fr with the catalogue's samples, without a blank where a field should be.
 */
public class SeededTextsTest {

    @Test
    public void everySeededTextRendersWithTheCataloguesSample() throws Exception {
        try (RulesDesk desk = new RulesDesk()) {
            List<RuleDto> rules = desk.rules.list(null, null, 0, 200).getItems();
            assertEquals(18, rules.size());
            int rendered = 0;
            for (RuleDto r : rules) {
                assertTrue(r.id, r.seeded);
                EventCatalogue.EventType type = EventCatalogue.type(r.eventType).orElseThrow();
                assertTrue(r.id, type.recipients().contains(r.recipient));
                RuleView view = RulesDesk.view(r);
                for (String language : List.of("en", "fr")) {
                    TemplateDto t = desk.template(r.templateKey, r.channel, language);
                    Set<String> used = TemplateService.fieldProblems(entity(t),
                            List.of(new TemplateChecks.Use(r.id, r.eventType, r.clinicalDetail)));
                    assertEquals(r.id + " " + language, Set.of(), used);
                    Rendered m = desk.renderer.render(view, language, type.sample(), "Claire Dubois").orElseThrow();
                    if (type.names().contains("videoLink") && type.fields().stream()
                            .anyMatch(f -> f.name().equals("visitType"))) {
                        assertFalse(r.id + " in person: " + m.body(), m.body().contains("/portal/video"));
                        // the same appointment by video: its text must carry the link, and an SMS still fit
                        ObjectNode video = type.sample().put("visitType", "VIDEO");
                        m = desk.renderer.render(view, language, video, "Claire Dubois").orElseThrow();
                        assertTrue(r.id + " by video: " + m.body(), m.body().contains("http://localhost:8181/portal/video"));
                    }
                    assertEquals(language, m.language());
                    if ("EMAIL".equals(r.channel)) {
                        assertNotNull(r.id, m.subject());
                    } else {
                        assertNull(r.id, m.subject());
                        assertTrue(r.id + ": " + m.body(), m.body().length() <= 160);
                    }
                    String text = (m.subject() == null ? "" : m.subject()) + "\n" + m.body();
                    // a field left blank shows as doubled spaces or an empty pair of brackets
                    assertFalse(r.id + " " + language + ": " + text, text.contains("{{") || text.contains("  ")
                            || text.contains("()") || text.contains(" ,") || text.contains(" ."));
                    if (!r.clinicalDetail) {
                        for (EventCatalogue.Field f : type.fields()) {
                            if (f.clinical()) {
                                assertFalse(r.id + " shows " + f.name() + ": " + text, text.contains(f.sample()));
                            }
                        }
                    }
                    rendered++;
                }
            }
            assertEquals(36, rendered);
        }
    }

    @Test
    public void theCriticalResultSmsNamesTheOrderAndNoValue() throws Exception {
        try (RulesDesk desk = new RulesDesk()) {
            RuleView critical = desk.rules.forEvent("CriticalLabResult").get(0);
            Rendered en = desk.renderer.render(critical, "en",
                    EventCatalogue.type("CriticalLabResult").orElseThrow().sample(), null).orElseThrow();
            assertEquals("URGENT: critical result for order LAB-2026-004512, please acknowledge in Pavilion", en.body());
            Rendered reset = desk.renderer.render(desk.rules.forEvent("PasswordResetRequested").get(0), "en",
                    EventCatalogue.type("PasswordResetRequested").orElseThrow().sample(), "Claire Dubois").orElseThrow();
            assertTrue(reset.body(), reset.body().contains("https://pavilion.example/reset?token=sample"));
            assertTrue(reset.body(), reset.body().contains("within 30 minutes"));
        }
    }

    @Test
    public void theCatalogueHasASampleForEveryFieldAndTheDocumentedRecipients() {
        assertEquals(11, EventCatalogue.all().size());
        for (EventCatalogue.EventType t : EventCatalogue.all()) {
            for (EventCatalogue.Field f : t.fields()) {
                assertFalse(t.name() + "." + f.name(), f.sample() == null || f.sample().isBlank());
            }
            assertTrue(t.name(), t.names().contains("recipientName"));
        }
        assertEquals(List.of("NOTIFIED_USER", "ORDERING_DOCTOR"),
                EventCatalogue.type("CriticalLabResult").orElseThrow().recipients());
        assertEquals(Set.of("testCode", "testName", "loinc", "value", "unit", "referenceRange", "flag", "critical"),
                EventCatalogue.type("LabResultReleased").orElseThrow().clinicalNames());

        // GET /notifications/events answers the records as they are
        JsonNode booked = new ObjectMapper().valueToTree(EventCatalogue.all()).get(0);
        assertEquals(List.of("name", "publisher", "subject", "description", "fields", "derived", "recipients"),
                iterate(booked.fieldNames()));
        assertEquals("specialty", booked.get("fields").get(3).get("name").asText());
        assertTrue(booked.get("fields").get(3).get("clinical").asBoolean());
        assertEquals("date", booked.get("derived").get(0).get("name").asText());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> l = new java.util.ArrayList<>();
        names.forEachRemaining(l::add);
        return l;
    }

    private static TemplateEntity entity(TemplateDto d) {
        TemplateEntity t = new TemplateEntity();
        t.setId(d.id);
        t.setTemplateKey(d.templateKey);
        t.setChannel(d.channel);
        t.setLanguage(d.language);
        t.setSubject(d.subject);
        t.setBody(d.body);
        return t;
    }
}
