package org.pavilion.example.subscriber.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.schema.SchemaChangelog;
import org.pavilion.example.api.VisitorCheckedIn;

/**
 * Who is visiting on each ward, kept from VisitorCheckedIn events; idempotent by event id. The platform runs the
 * change log named here before any component of the bundle starts.
 */
@SchemaChangelog(WardBoard.CHANGELOG)
@Component(service = WardBoard.class)
public class WardBoard {

    static final String CHANGELOG = "db/example-board-changelog.xml";

    private final JpaTransactions jpa;
    // Tolerate fields added to the payload by newer publishers.
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Activate
    public WardBoard(@Reference(target = "(osgi.unit.name=pavilion-example-board)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /** @return true when the event was new, false for a redelivery or a payload redacted by an erasure */
    public boolean record(String eventId, String payloadJson) throws Exception {
        JsonNode payload = json.readTree(payloadJson);
        if (payload.path("redacted").asBoolean(false)) {
            return false; // the patient was erased before the board heard of the visit: nothing of theirs to show
        }
        VisitorCheckedIn visit = json.treeToValue(payload, VisitorCheckedIn.class);
        return jpa.call(em -> {
            if (em.find(BoardEntryEntity.class, eventId) != null) {
                return false;
            }
            BoardEntryEntity e = new BoardEntryEntity();
            e.setEventId(eventId);
            e.setVisitId(visit.visitId);
            e.setBadge(visit.badge);
            e.setPatientId(visit.patientId);
            e.setWard(visit.ward);
            e.setReceivedMs(System.currentTimeMillis());
            em.persist(e);
            return true;
        });
    }

    public List<Entry> entries(String ward) {
        return jpa.call(em -> {
            String where = ward == null || ward.isBlank() ? "" : " WHERE b.ward = :w";
            var q = em.createQuery("SELECT b FROM BoardEntryEntity b" + where + " ORDER BY b.receivedMs DESC",
                    BoardEntryEntity.class);
            if (!where.isEmpty()) {
                q.setParameter("w", ward);
            }
            return q.setMaxResults(500).getResultList().stream().map(Entry::of).collect(Collectors.toList());
        });
    }

    /** One board line as JSON. */
    public static final class Entry {
        public String eventId;
        public String visitId;
        public String badge;
        public String patientId;
        public String ward;
        public String receivedAt;

        static Entry of(BoardEntryEntity e) {
            Entry x = new Entry();
            x.eventId = e.getEventId();
            x.visitId = e.getVisitId();
            x.badge = e.getBadge();
            x.patientId = e.getPatientId();
            x.ward = e.getWard();
            x.receivedAt = Instant.ofEpochMilli(e.getReceivedMs()).toString();
            return x;
        }
    }
}
