package org.pavilion.emr.internal.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.emr.internal.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The departments' privacy participants as they come and go, and how the EMR runs them: one after the other in
 * name order, each in its own transactions after the EMR's part has committed, a failure caught and reported
 * (never undoing the EMR's part nor another participant's). See docs/privacy-participants.md.
 */
@Component(service = PrivacyParticipants.class)
public class PrivacyParticipants {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyParticipants.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PrivacyParticipant> participants = new CopyOnWriteArrayList<>();

    public PrivacyParticipants() {
    }

    /** For tests: a fixed set of participants. */
    public PrivacyParticipants(List<PrivacyParticipant> fixed) {
        participants.addAll(fixed);
    }

    @Reference(name = "participant", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeParticipant")
    void addParticipant(PrivacyParticipant participant) {
        participants.add(participant);
    }

    void removeParticipant(PrivacyParticipant participant) {
        participants.remove(participant);
    }

    /** The participants registered now, by name. */
    List<PrivacyParticipant> current() {
        List<PrivacyParticipant> sorted = new ArrayList<>(participants);
        sorted.sort(Comparator.comparing(PrivacyParticipant::name));
        return sorted;
    }

    /** After a merge committed: every participant re-points the duplicate's rows to the survivor. */
    public List<ParticipantReport> merge(String survivorMrn, String duplicateMrn) {
        return merge(survivorMrn, duplicateMrn, name -> true);
    }

    /** Re-runs a merge for the participants {@code which} accepts by name only (the failed ones, or one). */
    public List<ParticipantReport> merge(String survivorMrn, String duplicateMrn, Predicate<String> which) {
        return runAll("merge", duplicateMrn, which, p -> p.merge(survivorMrn, duplicateMrn));
    }

    /** The participants registered now: name to title, in name order. */
    public Map<String, String> titles() {
        Map<String, String> titles = new LinkedHashMap<>();
        for (PrivacyParticipant p : current()) {
            String name = safe(p::name, "unnamed");
            titles.put(name, safe(p::title, name));
        }
        return titles;
    }

    /** After the EMR's erasure committed: every participant removes or anonymises its data on the subject. */
    public List<ParticipantReport> erase(PrivacySubject subject) {
        return runAll("erasure", subject.mrn(), name -> true, p -> p.erase(subject));
    }

    /**
     * Writes {@code "name": {"title": ..., "data": <the participant's JSON>}} for every participant into the
     * object {@code json} is in. A participant's JSON is read back before it is written, so a failing or malformed
     * one leaves {@code "failed": "<error>"} in its place rather than a broken export.
     */
    public void export(PrivacySubject subject, JsonGenerator json) throws IOException {
        for (PrivacyParticipant p : current()) {
            String name = safe(p::name, "unnamed");
            json.writeObjectFieldStart(name);
            json.writeStringField("title", safe(p::title, name));
            JsonNode data;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                p.export(subject, out);
                data = JSON.readTree(out.toByteArray());
            } catch (IOException | RuntimeException e) {
                String incident = incident(name, "export", subject.mrn(), e);
                data = null;
                json.writeStringField("failed", e.getClass().getSimpleName() + ": " + e.getMessage());
                json.writeStringField("incident", incident);
            }
            if (data != null) {
                json.writeFieldName("data");
                JSON.writeTree(json, data); // the generator of the export has no codec of its own
            }
            json.writeEndObject();
        }
    }

    private List<ParticipantReport> runAll(String operation, String subjectMrn, Predicate<String> which,
            Function<PrivacyParticipant, ParticipantOutcome> step) {
        List<ParticipantReport> reports = new ArrayList<>();
        for (PrivacyParticipant p : current()) {
            String name = safe(p::name, "unnamed");
            if (!which.test(name)) {
                continue;
            }
            String title = safe(p::title, name);
            try {
                reports.add(ParticipantReport.done(name, title, step.apply(p)));
            } catch (RuntimeException | LinkageError e) {
                // A department's failure is reported, not thrown: the EMR's part is committed and stays.
                reports.add(ParticipantReport.failed(name, title, e, incident(name, operation, subjectMrn, e)));
            }
        }
        return reports;
    }

    /**
     * Logs a participant's failure without identifiers (issue #20): the log line names the participant, the
     * operation and a new incident id, and shows the failure without its messages ({@link LogSafe}); the report
     * the administrator reads (and the kept run) carries the message and the same incident id. The patient's MRN
     * goes to DEBUG only, for an operator who turns it on to match an incident to its record.
     */
    static String incident(String participant, String operation, String subjectMrn, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.warn("Privacy participant {} failed the {} (incident {})", participant, operation, incident,
                LogSafe.failure(failure));
        LOG.debug("Privacy incident {}: {} of record {}", incident, operation, subjectMrn);
        return incident;
    }

    private static String safe(java.util.function.Supplier<String> s, String fallback) {
        try {
            String v = s.get();
            return v == null || v.isBlank() ? fallback : v;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
