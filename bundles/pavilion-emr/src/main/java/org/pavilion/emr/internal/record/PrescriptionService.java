package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.MAX_LIST;
import static org.pavilion.emr.internal.record.EntryChecks.name;
import static org.pavilion.emr.internal.record.EntryChecks.stripped;
import static org.pavilion.emr.internal.record.EntryChecks.today;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.api.PrescriptionStopped;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/** A patient's prescriptions: issue, stop, and the current medications ({@link Medications}). */
@Component(service = PrescriptionService.class)
public class PrescriptionService {

    static final int MAX_DURATION_DAYS = 365;

    private final RecordWork work;
    private final DeclaredConstraints constraints;

    @Activate
    public PrescriptionService(@Reference RecordWork work, @Reference DeclaredConstraints constraints) {
        this.work = work;
        this.constraints = constraints;
    }

    public Clinical.Prescription prescribe(String mrn, Clinical.PrescriptionInput in, String breakGlass) {
        Grant g = work.write(mrn, "prescription", breakGlass);
        return work.audited(g, "CREATE", p -> p.id + " " + p.drug, () -> {
            // What PrescriptionInput declares, every broken field in one 400 (audited as a failed write).
            constraints.check(in);
            Clinical.PrescriptionInput i = in;
            String drug = stripped(i.drug);
            String drugCode = stripped(i.drugCode);
            String dose = stripped(i.dose);
            String route = name(i.route, null);
            String frequency = stripped(i.frequency);
            String instructions = stripped(i.instructions);
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
