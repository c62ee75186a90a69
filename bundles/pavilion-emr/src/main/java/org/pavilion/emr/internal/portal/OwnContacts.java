package org.pavilion.emr.internal.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.Patient;
import org.pavilion.emr.internal.PatientDemographics;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.ValidDemographics;

/**
 * A patient's own contact details (phones, email, language: columns of the registration record) and preferred
 * channel (the portal's own table). Changing them goes through {@link PatientService#updateIn} with the rest of the
 * stored demographics unchanged, so the same validation, optimistic lock and PatientUpdated event apply as at the
 * front desk; names, birth date, address and cover stay the front desk's to change.
 */
@Component(service = OwnContacts.class)
public class OwnContacts {

    static final String RESOURCE = "patient-contact";
    static final Set<String> CHANNELS = Set.of("EMAIL", "SMS", "PHONE", "POST");

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientService patients;

    @Activate
    public OwnContacts(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference PatientService patients) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.patients = patients;
    }

    /** The signed-in patient's contact details and preferences. */
    public OwnContact get() {
        String accountMrn = OwnPatient.accountMrn();
        Object[] found = jpa.call(em -> {
            PatientEntity e = OwnPatient.find(em, accountMrn);
            ContactPreferenceEntity pref = em.find(ContactPreferenceEntity.class, e.getMrn());
            return new Object[] {PatientService.load(em, e), pref == null ? null : pref.getChannel()};
        });
        Patient p = (Patient) found[0];
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(p.mrn).patientId(p.mrn).build());
        return view(p, (String) found[1]);
    }

    /** Replaces the signed-in patient's phones, email, language and preferred channel. */
    public OwnContact update(OwnContact in) {
        if (in == null) {
            throw ProblemException.validation("Send {\"phones\": [...], \"email\": ..., \"preferredLanguage\": ..., "
                    + "\"preferredChannel\": ...}");
        }
        String accountMrn = OwnPatient.accountMrn();
        String channel = channel(in.preferredChannel);
        String actor = PatientService.actor();
        long now = System.currentTimeMillis();
        Patient updated = jpa.callAudited(audit, em -> {
            PatientEntity e = OwnPatient.find(em, accountMrn);
            Patient current = PatientService.load(em, e);
            ValidDemographics v = patients.valid(withContacts(current, in));
            requireReachable(channel, v, in, current);
            boolean estimated = e.isBirthDateEstimated();
            Patient p = patients.updateIn(em, e.getMrn(), v, actor, now, in.version);
            e.setBirthDateEstimated(estimated); // updateIn clears it (completing an emergency record); not here
            p.birthDateEstimated = estimated;
            ContactPreferenceEntity pref = em.find(ContactPreferenceEntity.class, e.getMrn());
            if (channel == null && pref != null) {
                em.remove(pref);
            } else if (channel != null) {
                if (pref == null) {
                    pref = new ContactPreferenceEntity();
                    pref.setSubjectMrn(e.getMrn());
                    em.persist(pref);
                }
                pref.setChannel(channel);
                pref.setUpdatedMs(now);
                pref.setUpdatedBy(actor);
            }
            return p;
        }, p -> AuditEvent.of("UPDATE", RESOURCE).resourceId(p.mrn).patientId(p.mrn)
                .detail("by the patient: phones, email, language, preferred channel").build());
        return view(updated, channel);
    }

    private static String channel(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String c = raw.strip().toUpperCase(Locale.ROOT);
        if (!CHANNELS.contains(c)) {
            throw ProblemException.validation("preferredChannel must be EMAIL, SMS, PHONE or POST");
        }
        return c;
    }

    /** A channel the hospital cannot use is refused: an email preference without an email, and so on. */
    private static void requireReachable(String channel, ValidDemographics v, OwnContact in, Patient current) {
        if (channel == null) {
            return;
        }
        boolean phones = in.phones != null && in.phones.stream().anyMatch(ph -> ph != null && !ph.isBlank());
        boolean email = in.email != null && !in.email.isBlank();
        String missing = switch (channel) {
            case "EMAIL" -> email ? null : "an email address";
            case "SMS", "PHONE" -> phones ? null : "a phone number";
            default -> current.address != null && current.address.line != null ? null : "a postal address";
        };
        if (missing != null) {
            throw ProblemException.validation("preferredChannel " + channel + " needs " + missing);
        }
    }

    /** The stored demographics with the patient's contact fields in place of the stored ones. */
    private static PatientDemographics withContacts(Patient p, OwnContact in) {
        PatientDemographics d = new PatientDemographics();
        d.givenName = p.givenName;
        d.familyName = p.familyName;
        d.sex = p.sex;
        d.birthDate = p.birthDate;
        d.nationalId = p.nationalId;
        d.address = p.address;
        d.nextOfKin = p.nextOfKin;
        d.insurance = p.insurance;
        d.phones = in.phones == null ? new ArrayList<>() : new ArrayList<>(in.phones);
        d.email = in.email;
        d.preferredLanguage = in.preferredLanguage;
        return d;
    }

    private static OwnContact view(Patient p, String channel) {
        OwnContact c = new OwnContact();
        c.phones = List.copyOf(p.phones);
        c.email = p.email;
        c.preferredLanguage = p.preferredLanguage;
        c.preferredChannel = channel;
        c.version = p.version;
        return c;
    }
}
