package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.limit;
import static org.pavilion.emr.internal.record.EntryChecks.reject;
import static org.pavilion.emr.internal.record.EntryChecks.require;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.ObservationRecorded;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/** A patient's observations: vital signs from the {@link VitalSign} vocabulary, checked for plausibility. */
@Component(service = ObservationService.class)
public class ObservationService {

    /** Clocks of bedside devices drift; an observation this far ahead of ours still counts as "now". */
    static final long CLOCK_SKEW_MS = 60_000;

    private final RecordWork work;

    @Activate
    public ObservationService(@Reference RecordWork work) {
        this.work = work;
    }

    public Clinical.Observation recordObservation(String mrn, Clinical.ObservationInput in, String breakGlass) {
        Grant g = work.write(mrn, "observation", breakGlass);
        return work.audited(g, "CREATE", o -> o.id + " " + o.code, () -> {
            Clinical.ObservationInput i = require(in, "observation");
            List<String> problems = new ArrayList<>();
            VitalSign vital = VitalSign.byCode(i.code);
            long now = System.currentTimeMillis();
            long effective = now;
            if (vital == null) {
                problems.add("code must be one of " + VitalSign.vocabulary() + ", was '" + i.code + "'");
            } else if (i.value == null) {
                problems.add("value is required");
            } else {
                String why = vital.implausible(i.value, i.unit);
                if (why != null) {
                    problems.add(why);
                }
            }
            if (i.effectiveAt != null && !i.effectiveAt.isBlank()) {
                try {
                    effective = Instant.parse(i.effectiveAt.strip()).toEpochMilli();
                    if (effective > now + CLOCK_SKEW_MS) {
                        problems.add("effectiveAt " + i.effectiveAt.strip() + " is in the future");
                    }
                } catch (DateTimeParseException e) {
                    problems.add("effectiveAt must be an ISO-8601 instant such as 2024-05-01T08:30:00Z, was '"
                            + i.effectiveAt + "'");
                }
            }
            reject(problems);
            long effectiveMs = Math.min(effective, now);
            return em -> {
                ObservationEntity o = new ObservationEntity();
                o.setId(UUID.randomUUID().toString());
                o.setMrn(g.mrn);
                o.setEncounterId(EncounterService.openEncounterOf(em, g.mrn, i.encounterId));
                o.setCode(vital.code);
                o.setValueNum(i.value);
                o.setUnitCode(vital.unit);
                o.setEffectiveMs(effectiveMs);
                o.setRecordedMs(now);
                o.setRecordedBy(PatientService.actor());
                em.persist(o);
                ObservationRecorded ev = new ObservationRecorded();
                ev.mrn = o.getMrn();
                ev.observationId = o.getId();
                ev.encounterId = o.getEncounterId();
                ev.code = o.getCode();
                ev.value = o.getValueNum();
                ev.unit = o.getUnitCode();
                ev.effectiveAt = iso(effectiveMs);
                ev.recordedAt = iso(now);
                ev.recordedBy = o.getRecordedBy();
                work.publish(em, ObservationRecorded.TYPE, ev.mrn, ev);
                return RecordMapper.observation(o);
            };
        });
    }

    /** Observations newest first, optionally of one code. */
    public List<Clinical.Observation> observations(String mrn, String code, int max, String breakGlass) {
        Grant g = work.read(mrn, "observation", breakGlass);
        int limit = limit(max);
        VitalSign vital = code == null || code.isBlank() ? null : VitalSign.byCode(code);
        if (code != null && !code.isBlank() && vital == null) {
            throw ProblemException.validation("code must be one of " + VitalSign.codes() + ", was '" + code + "'");
        }
        return work.auditedList(g, "observation", () -> work.inTransaction(em -> {
            TypedQuery<ObservationEntity> q = em.createQuery("SELECT o FROM ObservationEntity o WHERE o.mrn = :mrn"
                    + (vital == null ? "" : " AND o.code = :code") + " ORDER BY o.effectiveMs DESC, o.id",
                    ObservationEntity.class).setParameter("mrn", g.mrn).setMaxResults(limit);
            if (vital != null) {
                q.setParameter("code", vital.code);
            }
            return q.getResultList().stream().map(RecordMapper::observation).toList();
        }));
    }

    /** The latest observation of each vital sign the patient has; shared with the record view. */
    static List<Clinical.Observation> latestVitals(EntityManager em, String mrn) {
        List<Clinical.Observation> out = new ArrayList<>();
        for (VitalSign v : VitalSign.values()) {
            em.createQuery("SELECT o FROM ObservationEntity o WHERE o.mrn = :mrn AND o.code = :code "
                    + "ORDER BY o.effectiveMs DESC, o.recordedMs DESC", ObservationEntity.class)
                    .setParameter("mrn", mrn).setParameter("code", v.code).setMaxResults(1).getResultList()
                    .forEach(o -> out.add(RecordMapper.observation(o)));
        }
        return out;
    }
}
