package org.pavilion.notifications.internal.recipients;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.Problems;

/**
 * A patient's opt-outs per channel ({@code nt_preference}), recorded at the desk for an MRN or by the patient in the
 * portal. While the EMR is installed the patient must exist there and the choice is filed under the survivor's MRN;
 * without it the MRN is taken as given. Every read and change is audited ({@value #RESOURCE}, the patient's MRN).
 */
@Component(service = Preferences.class)
public class Preferences {

    public static final String MANAGE = "notifications.preferences.manage";
    public static final String OWN = "notifications.preferences.own";
    static final String RESOURCE = "notification-preference";
    static final String PURPOSE = "notification preferences";
    static final List<String> SHOWN_ALWAYS = List.of("EMAIL", "SMS");
    /** EMAIL, SMS or a vendor channel's name (docs/notifications-api.md, "Vendor channels"). */
    private static final Pattern CHANNEL = Pattern.compile("[A-Z][A-Z0-9_]{1,29}");

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final Directory directory;
    private final NotificationClock clock;

    @Activate
    public Preferences(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference Directory directory, @Reference NotificationClock clock) {
        this.emf = emf;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /** Staff: the preferences of the patient {@code mrn}. */
    public PreferenceBodies.View read(String mrn) {
        return readFiled(patient(mrn, "READ"));
    }

    /** Staff: sets the channels the body names for the patient {@code mrn}. */
    public PreferenceBodies.View update(String mrn, PreferenceBodies.Update body) {
        String filed = patient(mrn, "UPDATE");
        return write(filed, checked(body, filed));
    }

    /** The signed-in patient's own preferences. */
    public PreferenceBodies.View readOwn() {
        return readFiled(own("READ"));
    }

    /** Sets the signed-in patient's own choices. */
    public PreferenceBodies.View updateOwn(PreferenceBodies.Update body) {
        String filed = own("UPDATE");
        return write(filed, checked(body, filed));
    }

    private PreferenceBodies.View readFiled(String filed) {
        return AuditedTransaction.run(emf, audit, em -> AuditedTransaction.Done.of(view(em, filed),
                AuditEvent.of("READ", RESOURCE).resourceId(filed).patientId(filed).build()));
    }

    private PreferenceBodies.View write(String filed, Map<String, Boolean> choices) {
        String by = CallerContext.current().map(Caller::username).orElse(EmrPatientLookup.SYSTEM_NAME);
        long now = clock.millis();
        try {
            return AuditedTransaction.run(emf, audit, em -> {
                StringBuilder detail = new StringBuilder();
                choices.forEach((channel, optedOut) -> {
                    PreferenceEntity p = em.find(PreferenceEntity.class, new PreferenceEntity.Key(filed, channel));
                    if (p == null) {
                        p = new PreferenceEntity();
                        p.setPatientId(filed);
                        p.setChannel(channel);
                        em.persist(p);
                    }
                    p.setOptedOut(optedOut);
                    p.setUpdatedMs(now);
                    p.setUpdatedBy(by);
                    detail.append(detail.length() == 0 ? "" : ", ").append(channel)
                            .append(optedOut ? " opted out" : " opted in");
                });
                em.flush();
                return AuditedTransaction.Done.of(view(em, filed), AuditEvent.of("UPDATE", RESOURCE)
                        .resourceId(filed).patientId(filed).detail(detail.toString()).build());
            });
        } catch (PersistenceException e) {
            // Two desks saving the first choice of a channel at once: one insert loses on the primary key.
            if (!Problems.collided(e)) {
                throw e;
            }
            audit.record(AuditEvent.of("UPDATE", RESOURCE).patientId(filed).outcome(AuditOutcome.FAILED)
                    .detail("changed by someone else meanwhile").build());
            throw ProblemException.conflict("The patient's preferences were changed by someone else meanwhile: reload them");
        }
    }

    static PreferenceBodies.View view(EntityManager em, String filed) {
        PreferenceBodies.View v = new PreferenceBodies.View();
        v.patientId = filed;
        for (String c : SHOWN_ALWAYS) {
            v.channels.put(c, new PreferenceBodies.Channel());
        }
        for (PreferenceEntity p : PreferenceRows.of(em, List.of(filed))) {
            PreferenceBodies.Channel c = new PreferenceBodies.Channel();
            c.optedOut = p.isOptedOut();
            c.updatedAt = Instant.ofEpochMilli(p.getUpdatedMs()).toString();
            c.updatedBy = p.getUpdatedBy();
            v.channels.put(p.getChannel(), c);
        }
        return v;
    }

    /** Every problem of the body in one 422. */
    private Map<String, Boolean> checked(PreferenceBodies.Update body, String filed) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> choices = new java.util.TreeMap<>();
        if (body == null || body.channels == null || body.channels.isEmpty()) {
            problems.add("channels: name at least one channel, e.g. {\"EMAIL\": {\"optedOut\": true}}");
        } else {
            body.channels.forEach((channel, choice) -> {
                if (channel == null || !CHANNEL.matcher(channel).matches()) {
                    problems.add("channels." + channel + ": not a channel name (EMAIL, SMS or an installed channel's"
                            + " name in capitals)");
                } else if (choice == null || choice.optedOut == null) {
                    problems.add("channels." + channel + ".optedOut: true or false is required");
                } else {
                    choices.put(channel, choice.optedOut);
                }
            });
        }
        if (!problems.isEmpty()) {
            audit.record(AuditEvent.of("UPDATE", RESOURCE).patientId(filed).outcome(AuditOutcome.FAILED)
                    .detail(String.join("; ", problems)).build());
            throw Problems.unprocessable(problems);
        }
        return choices;
    }

    /**
     * The MRN a staff request files under: the EMR's survivor while the EMR is installed (404 when it does not know
     * the patient), else the MRN as given.
     */
    private String patient(String mrn, String action) {
        if (mrn == null || mrn.isBlank() || mrn.length() > 64) {
            throw ProblemException.validation("an MRN is required (at most 64 characters)");
        }
        if (!directory.patientDirectoryInstalled()) {
            return mrn;
        }
        Optional<Recipient> found = directory.patient(mrn, PURPOSE);
        if (found.isEmpty()) {
            audit.record(AuditEvent.of(action, RESOURCE).patientId(mrn).outcome(AuditOutcome.FAILED)
                    .detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        return found.get().ref();
    }

    /** The signed-in patient, filed under the survivor's MRN when the EMR knows the account's record was merged. */
    private String own(String action) {
        String own = ownPatient(audit, action, RESOURCE);
        return directory.patientDirectoryInstalled() ? directory.patient(own, PURPOSE).map(Recipient::ref).orElse(own) : own;
    }

    /** The patient a portal account is for; 403 (audited) when the signed-in account is no patient's. */
    static String ownPatient(AuditService audit, String action, String resource) {
        Optional<String> own = CallerContext.current().flatMap(Caller::patientId);
        if (own.isEmpty()) {
            String reason = "only a patient's own account has preferences and messages here";
            audit.record(AuditEvent.of(action, resource).outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        return own.get();
    }
}
