package org.pavilion.emr.internal;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * {@link PatientLookup} for in-container callers: one read-only transaction per lookup, then one audit record
 * naming the caller, the key asked for and the stated purpose (also when nothing was found). A restricted
 * patient's address, phones and national id are withheld from persons without the restricted-contact privilege,
 * kept for in-container actors ({@link #minimised}).
 */
@Component(service = PatientLookup.class)
public class PatientLookupService implements PatientLookup {

    static final String RESOURCE = PatientService.RESOURCE;
    static final int MAX_PURPOSE = 200;

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public PatientLookupService(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    @Override
    public Optional<PatientDetails> byMrn(String mrn, String purpose) {
        String why = purpose(purpose);
        if (!Mrn.isValid(mrn)) {
            throw new IllegalArgumentException("'" + mrn + "' is not a valid MRN: its check digits do not match");
        }
        Caller caller = requireCaller();
        PatientDetails found = jpa.call(em -> {
            PatientEntity e = em.find(PatientEntity.class, mrn);
            return e == null ? null : details(em, e, mrn);
        });
        return audited(caller, "mrn " + mrn, mrn, found, why);
    }

    @Override
    public Optional<PatientDetails> byIdentifier(String system, String value, String purpose) {
        String why = purpose(purpose);
        if (system == null || system.isBlank() || value == null || value.isBlank()) {
            throw new IllegalArgumentException("Both the identifier's system and value are required");
        }
        Caller caller = requireCaller();
        PatientDetails found = jpa.call(em -> {
            List<String> mrns = em.createQuery("SELECT x.mrn FROM PatientIdentifierEntity x WHERE x.idSystem = :s"
                    + " AND x.idValue = :v", String.class).setParameter("s", system).setParameter("v", value)
                    .getResultList();
            PatientEntity e = mrns.isEmpty() ? null : em.find(PatientEntity.class, mrns.get(0));
            return e == null ? null : details(em, e, e.getMrn());
        });
        return audited(caller, "identifier " + system + "|" + value, found == null ? null : found.mrn(), found, why);
    }

    private Optional<PatientDetails> audited(Caller caller, String key, String patientId, PatientDetails found,
            String why) {
        AuditEvent.Builder record = AuditEvent.of("READ", RESOURCE).resourceId(found == null ? null
                : found.requestedMrn() != null ? found.requestedMrn() : found.mrn())
                .patientId(found == null ? patientId : found.mrn());
        if (found == null) {
            record.outcome(AuditOutcome.FAILED).detail("PatientLookup by " + key + ": no such patient; purpose: " + why);
        } else {
            record.detail("PatientLookup by " + key + (found.requestedMrn() == null ? "" : ", merged into "
                    + found.mrn()) + "; purpose: " + why);
        }
        audit.record(record.build().as(caller));
        return Optional.ofNullable(found == null ? null : minimised(caller, found));
    }

    /**
     * A restricted patient's address, phones and national id for a person calling without
     * {@link RestrictedContact#PRIVILEGE} are left out (as in the EMR's own answers). In-container actors (no
     * roles: the notifications sender texting an appointment reminder, HL7 routes) keep them: they contact the
     * patient on the hospital's behalf.
     */
    static PatientDetails minimised(Caller caller, PatientDetails d) {
        boolean person = !caller.roles().isEmpty();
        if (!d.restricted() || !person || caller.hasPrivilege(RestrictedContact.PRIVILEGE)) {
            return d;
        }
        return new PatientDetails(d.mrn(), d.requestedMrn(), d.givenName(), d.familyName(), d.sex(), d.birthDate(),
                d.birthDateEstimated(), d.unidentified(), d.restricted(), d.erased(), null, d.identifiers(),
                new PatientDetails.Contact(List.of(), d.contact().email(), null), d.preferredLanguage(),
                d.insurance());
    }

    /** The survivor's data with its identifiers; {@code asked} is the MRN the lookup led to. */
    private static PatientDetails details(EntityManager em, PatientEntity asked, String askedMrn) {
        PatientEntity e = PatientService.survivor(em, asked);
        Patient p = PatientService.load(em, e);
        List<PatientDetails.Identifier> ids = em.createQuery("SELECT x.idSystem, x.idValue FROM "
                + "PatientIdentifierEntity x WHERE x.mrn = :m ORDER BY x.idSystem, x.idValue", Object[].class)
                .setParameter("m", e.getMrn()).getResultList().stream()
                .map(r -> new PatientDetails.Identifier((String) r[0], (String) r[1])).toList();
        PatientDetails.Address address = p.address == null ? null : new PatientDetails.Address(p.address.line,
                p.address.city, p.address.postalCode, p.address.country);
        List<PatientDetails.Insurance> cover = p.insurance.stream().map(i -> new PatientDetails.Insurance(i.insurer,
                i.policyNumber, i.plan, i.holderRelationship, i.validFrom, i.validTo, Boolean.TRUE.equals(i.active)))
                .toList();
        return new PatientDetails(e.getMrn(), e == asked ? null : askedMrn, p.givenName, p.familyName, p.sex,
                p.birthDate, p.birthDateEstimated, p.unidentified, p.restricted, e.getErasedMs() != null,
                p.nationalId, ids, new PatientDetails.Contact(p.phones, p.email, address), p.preferredLanguage, cover);
    }

    private static String purpose(String purpose) {
        String why = purpose == null ? "" : purpose.strip();
        if (why.isEmpty() || why.length() > MAX_PURPOSE) {
            throw new IllegalArgumentException("A purpose is required (1 to " + MAX_PURPOSE + " characters): why "
                    + "the caller reads this patient, for the audit trail");
        }
        return why;
    }

    private static Caller requireCaller() {
        return CallerContext.current().orElseThrow(() -> new IllegalStateException("PatientLookup needs a caller: "
                + "bind the user or system actor you read for with CallerContext.runAs"));
    }
}
