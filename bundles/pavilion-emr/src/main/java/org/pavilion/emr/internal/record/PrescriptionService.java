package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.MAX_LIST;
import static org.pavilion.emr.internal.record.EntryChecks.oneOf;
import static org.pavilion.emr.internal.record.EntryChecks.reject;
import static org.pavilion.emr.internal.record.EntryChecks.require;
import static org.pavilion.emr.internal.record.EntryChecks.text;
import static org.pavilion.emr.internal.record.EntryChecks.today;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.api.PrescriptionStopped;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/** A patient's prescriptions: issue, stop, and the current medications ({@link Medications}). */
@Component(service = PrescriptionService.class)
public class PrescriptionService {

    static final Set<String> ROUTES = Set.of("ORAL", "IV", "IM", "SC", "SUBLINGUAL", "TOPICAL", "INHALED", "RECTAL", "OTHER");
    static final int MAX_DURATION_DAYS = 365;
    /** The shape of a pharmacy catalogue item code; whether it exists is the pharmacy's business (it may be absent). */
    static final Pattern DRUG_CODE = Pattern.compile("[A-Z0-9_-]{1,40}");

    private final RecordWork work;

    @Activate
    public PrescriptionService(@Reference RecordWork work) {
        this.work = work;
    }

    public Clinical.Prescription prescribe(String mrn, Clinical.PrescriptionInput in, String breakGlass) {
        Grant g = work.write(mrn, "prescription", breakGlass);
        return work.audited(g, "CREATE", p -> p.id + " " + p.drug, () -> {
            Clinical.PrescriptionInput i = require(in, "prescription");
            List<String> problems = new ArrayList<>();
            String drug = text("drug", i.drug, 200, true, problems);
            String drugCode = drugCode(i.drugCode, problems);
            String dose = text("dose", i.dose, 100, true, problems);
            String route = oneOf("route", i.route, ROUTES, null, problems);
            String frequency = text("frequency", i.frequency, 100, true, problems);
            String instructions = text("instructions", i.instructions, 1000, false, problems);
            if (i.durationDays == null || i.durationDays < 1 || i.durationDays > MAX_DURATION_DAYS) {
                problems.add("durationDays must be between 1 and " + MAX_DURATION_DAYS + ", was " + i.durationDays);
            }
            reject(problems);
            long now = System.currentTimeMillis();
            LocalDate today = today();
            return em -> {
                String encounterId = EncounterService.openEncounterOf(em, g.mrn, i.encounterId);
                PrescriptionEntity p = new PrescriptionEntity();
                p.setId(UUID.randomUUID().toString());
                p.setMrn(g.mrn);
                p.setEncounterId(encounterId);
                p.setDrug(drug);
                p.setDrugCode(drugCode);
                p.setDose(dose);
                p.setRoute(route);
                p.setFrequency(frequency);
                p.setDurationDays(i.durationDays);
                p.setInstructions(instructions);
                p.setStatus("ACTIVE");
                p.setStartDate(today.toString());
                p.setIssuedMs(now);
                p.setPrescriber(PatientService.actor());
                em.persist(p);
                PrescriptionIssued ev = new PrescriptionIssued();
                ev.mrn = p.getMrn();
                ev.prescriptionId = p.getId();
                ev.encounterId = encounterId;
                ev.drug = drug;
                ev.drugCode = drugCode;
                ev.dose = dose;
                ev.route = route;
                ev.frequency = frequency;
                ev.durationDays = i.durationDays;
                ev.instructions = instructions;
                ev.prescriber = p.getPrescriber();
                ev.startDate = p.getStartDate();
                ev.issuedAt = iso(now);
                work.publish(em, PrescriptionIssued.TYPE, ev.mrn, ev);
                return RecordMapper.prescription(p, today);
            };
        });
    }

    public Clinical.Prescription stopPrescription(String mrn, String prescriptionId, String breakGlass) {
        Grant g = work.write(mrn, "prescription", breakGlass);
        return work.audited(g, "UPDATE", p -> p.id + " STOPPED", () -> {
            long now = System.currentTimeMillis();
            return em -> {
                int n = em.createQuery("UPDATE PrescriptionEntity p SET p.status = 'STOPPED', p.stoppedMs = :now, "
                        + "p.stoppedBy = :by WHERE p.id = :id AND p.mrn = :mrn AND p.status = 'ACTIVE'")
                        .setParameter("now", now).setParameter("by", PatientService.actor()).setParameter("id", prescriptionId)
                        .setParameter("mrn", g.mrn).executeUpdate();
                PrescriptionEntity p = em.find(PrescriptionEntity.class, prescriptionId);
                if (p == null || !p.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Prescription", prescriptionId);
                }
                if (n == 0) {
                    throw ProblemException.conflict("Prescription " + prescriptionId + " is already stopped");
                }
                em.refresh(p);
                PrescriptionStopped ev = new PrescriptionStopped();
                ev.mrn = p.getMrn();
                ev.prescriptionId = p.getId();
                ev.drug = p.getDrug();
                ev.stoppedAt = iso(now);
                ev.stoppedBy = PatientService.actor();
                work.publish(em, PrescriptionStopped.TYPE, ev.mrn, ev);
                return RecordMapper.prescription(p, today());
            };
        });
    }

    /** The catalogue code stripped, null when not given; its shape only is checked. */
    static String drugCode(String value, List<String> problems) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v != null && !DRUG_CODE.matcher(v).matches()) {
            problems.add("drugCode must be 1 to 40 of A-Z, 0-9, '-' and '_' (the pharmacy catalogue's item code), was '"
                    + value + "'");
        }
        return v;
    }

    /** All prescriptions newest first, or with {@code currentOnly} the current medications. */
    public List<Clinical.Prescription> prescriptions(String mrn, boolean currentOnly, String breakGlass) {
        Grant g = work.read(mrn, "prescription", breakGlass);
        return work.auditedList(g, "prescription", () -> work.inTransaction(em -> prescriptions(em, g.mrn, currentOnly)));
    }

    /** The patient's prescriptions, or only the current ones, newest first; shared with the record view. */
    static List<Clinical.Prescription> prescriptions(EntityManager em, String mrn, boolean currentOnly) {
        LocalDate today = today();
        List<Clinical.Prescription> out = new ArrayList<>();
        // Only ACTIVE rows can be current; the date rule is applied in Java (Medications) so it is one rule.
        for (PrescriptionEntity p : em.createQuery("SELECT p FROM PrescriptionEntity p WHERE p.mrn = :mrn"
                + (currentOnly ? " AND p.status = 'ACTIVE'" : "") + " ORDER BY p.issuedMs DESC, p.id",
                PrescriptionEntity.class).setParameter("mrn", mrn).setMaxResults(currentOnly ? 1000 : MAX_LIST)
                .getResultList()) {
            Clinical.Prescription dto = RecordMapper.prescription(p, today);
            if (!currentOnly || dto.current) {
                out.add(dto);
            }
        }
        return out;
    }
}
