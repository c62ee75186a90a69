package org.pavilion.scheduling.internal.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.booking.SlotHolds;
import org.pavilion.scheduling.internal.schedule.ScheduleSnapshots;

/**
 * Patients rate their completed visits, once each; staff read the comments. The rating and the doctor's aggregate
 * ({@code rating_count}, {@code rating_sum}) commit together, the aggregate by one SQL increment so concurrent
 * ratings add up without a read-modify-write; the feedback's primary key (the appointment) makes "once" hold even
 * for two submissions at the same moment.
 */
@Component(service = FeedbackService.class)
public class FeedbackService {

    static final int MAX_COMMENT = 2000;

    private final JpaTransactions jpa;
    private final Runnable ratingChanged;
    private final AuditService audit;
    private final PatientGate withoutEmr;

    /** The EMR's answer while it is installed (EmrPatientGate); the department works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientGate gate;

    @Activate
    public FeedbackService(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference AuditService audit,
            @Reference ScheduleSnapshots directory) {
        this(emf, audit, null, directory::changed);
    }

    /** {@code ratingChanged}: the directory reads averages from its snapshot; a new rating shows at once. */
    FeedbackService(EntityManagerFactory emf, AuditService audit, PatientGate gate, Runnable ratingChanged) {
        this.ratingChanged = ratingChanged;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /**
     * The caller's own rating of one of their completed appointments.
     *
     * @throws ProblemException 400 bad rating or comment, 403 not a patient account or another patient's
     *                          appointment, 404 unknown appointment, 409 not completed or rated already
     */
    public Feedback rate(String appointmentId, FeedbackRequest in) {
        validate(in);
        if (CallerContext.current().flatMap(c -> c.patientId()).isEmpty()) {
            String reason = "feedback is given by the patient's own account";
            audit.record(AuditEvent.of("CREATE", "feedback").resourceId(appointmentId).outcome(AuditOutcome.DENIED)
                    .detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        AppointmentEntity appointment = jpa.call(em -> em.find(AppointmentEntity.class, appointmentId));
        if (appointment == null) {
            throw ProblemException.notFound("Appointment", appointmentId);
        }
        PatientGate.Allowed allowed = gate().check(appointment.getPatientId(), PatientGate.OWN, true, "CREATE");
        if (!"COMPLETED".equals(appointment.getStatus())) {
            audit.record(allowed.audit().resourceId(appointmentId).outcome(AuditOutcome.FAILED)
                    .detail("feedback refused: appointment is " + appointment.getStatus()).build());
            throw ProblemException.conflict("Only a completed appointment can be rated; this one is "
                    + appointment.getStatus());
        }
        FeedbackEntity e = new FeedbackEntity();
        e.setAppointmentId(appointmentId);
        e.setDoctorId(appointment.getDoctorId());
        e.setPatientId(allowed.mrn()); // a merged duplicate's appointment files under the survivor
        e.setRating(in.rating);
        e.setComment(in.comment == null || in.comment.isBlank() ? null : in.comment.strip());
        e.setCreatedMs(System.currentTimeMillis());
        try {
            jpa.runAudited(audit, allowed.audit().resourceId(appointmentId).detail("feedback rating " + e.getRating())
                    .build(), em -> {
                if (em.find(FeedbackEntity.class, appointmentId) != null) {
                    throw alreadyRated();
                }
                em.persist(e);
                em.flush(); // the key decides "once" before the aggregate moves
                addToDoctor(em, e.getDoctorId(), e.getRating());
            });
        } catch (PersistenceException ex) {
            if (SlotHolds.isUniqueViolation(ex)) {
                audit.record(allowed.audit().resourceId(appointmentId).outcome(AuditOutcome.FAILED)
                        .detail("feedback refused: rated already").build());
                throw alreadyRated();
            }
            throw ex;
        } catch (ProblemException ex) {
            audit.record(allowed.audit().resourceId(appointmentId).outcome(AuditOutcome.FAILED)
                    .detail("feedback refused: rated already").build());
            throw ex;
        }
        ratingChanged.run();
        return Feedback.of(e);
    }

    /** A page of comments, newest first, of one doctor or of all. */
    public Page<Feedback> list(String doctorId, int page, int size) {
        Page.validate(page, size);
        String doctor = doctorId == null || doctorId.isBlank() ? null : doctorId.strip();
        Page<Feedback> result = jpa.call(em -> {
            String where = doctor == null ? "" : " WHERE f.doctorId = :d";
            var count = em.createQuery("SELECT COUNT(f) FROM FeedbackEntity f" + where, Long.class);
            var rows = em.createQuery("SELECT f FROM FeedbackEntity f" + where
                    + " ORDER BY f.createdMs DESC, f.appointmentId", FeedbackEntity.class);
            if (doctor != null) {
                count.setParameter("d", doctor);
                rows.setParameter("d", doctor);
            }
            List<Feedback> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(Feedback::of).toList();
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        // Many patients' comments at once: the trail says whose doctor and how many, not each patient.
        audit.record(AuditEvent.of("SEARCH", "feedback").resourceId(doctor)
                .detail(result.getItems().size() + " of " + result.getTotal()).build());
        return result;
    }

    private static void addToDoctor(javax.persistence.EntityManager em, String doctorId, int rating) {
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement s = c.prepareStatement(
                        "UPDATE sched_doctor SET rating_count = rating_count + 1, rating_sum = rating_sum + ? WHERE id = ?")) {
            s.setLong(1, rating);
            s.setString(2, doctorId);
            s.executeUpdate();
        } catch (SQLException ex) {
            throw new PersistenceException("could not add the rating to doctor " + doctorId, ex);
        }
    }

    private static ProblemException alreadyRated() {
        return ProblemException.conflict("This appointment has been rated already");
    }

    static void validate(FeedbackRequest in) {
        if (in == null || in.rating == null) {
            throw ProblemException.validation("rating is required (1 to 5)");
        }
        if (in.rating < 1 || in.rating > 5) {
            throw ProblemException.validation("rating must be 1 to 5, was " + in.rating);
        }
        if (in.comment != null && in.comment.strip().length() > MAX_COMMENT) {
            throw ProblemException.validation("comment must be at most " + MAX_COMMENT + " characters");
        }
    }
}
