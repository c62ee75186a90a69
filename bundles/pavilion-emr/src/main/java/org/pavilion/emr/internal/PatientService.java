package org.pavilion.emr.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.Role;
import org.pavilion.emr.api.PatientRegistered;
import org.pavilion.emr.api.PatientUpdated;
import org.pavilion.events.api.EventPublisher;

/**
 * Patient registration, shared by the REST and SOAP faces: validate, allocate the MRN, check for duplicates,
 * store, publish the event in the same transaction, audit every read and write with the patient's MRN.
 */
@Component(service = PatientService.class)
public class PatientService {

    static final String RESOURCE = "patient";
    static final String DUPLICATE_TYPE = "possible-duplicate";
    /** Candidates listed in a duplicate warning at most. */
    static final int MAX_CANDIDATES = 20;

    /** Roles that read any patient's demographics; a caller with none of them is limited to their own record. */
    private static final Role[] STAFF_READERS = {Role.RECEPTIONIST, Role.BILLING, Role.DOCTOR, Role.NURSE, Role.ADMIN,
        Role.INTEGRATION};

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;

    @Activate
    public PatientService(BundleContext context,
            @Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference SchemaMigrator migrator, @Reference AuditService audit, @Reference EventPublisher events) {
        migrator.migrate(context.getBundle(), "db/emr-changelog.xml");
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
    }

    /**
     * Registers a patient. With possible duplicates and {@code confirmDuplicate} false, nothing is stored and a
     * 409 lists the candidates; with it true the patient is registered and the candidates are audited.
     */
    public Patient register(PatientDemographics in, boolean confirmDuplicate) {
        ValidDemographics v = ValidDemographics.of(in, LocalDate.now());
        String actor = actor();
        long now = System.currentTimeMillis();
        List<Map<String, Object>> candidates = new ArrayList<>();
        Patient created;
        try {
            created = jpa.call(em -> {
                // Taking the counter's row lock first serialises registrations, so two clerks registering the
                // same person at once cannot both miss each other in the duplicate check.
                String mrn = MrnAllocator.next(em);
                candidates.addAll(duplicates(em, v));
                if (!candidates.isEmpty() && !confirmDuplicate) {
                    throw new DuplicateFound();
                }
                PatientEntity e = new PatientEntity();
                e.setMrn(mrn);
                apply(e, v);
                e.setRegisteredMs(now);
                e.setRegisteredBy(actor);
                e.setUpdatedMs(now);
                e.setUpdatedBy(actor);
                em.persist(e);
                em.flush(); // the phones' foreign key needs the patient row first
                storePhones(em, mrn, v);
                events.publish(em, PatientRegistered.TYPE, registered(e, candidateMrns(candidates)));
                return Patient.of(e, v.phones);
            });
        } catch (DuplicateFound d) {
            audit.record(AuditEvent.of("CREATE", RESOURCE).outcome(AuditOutcome.FAILED)
                    .detail("possible duplicate of " + String.join(", ", candidateMrns(candidates))).build());
            throw new ProblemException(409, DUPLICATE_TYPE, "Possible duplicate patient",
                    "This patient may already be registered as " + String.join(", ", candidateMrns(candidates))
                            + ". Check the candidates; to register anyway, send again with confirmDuplicate=true.",
                    Map.of("candidates", candidates));
        }
        audit.record(AuditEvent.of("CREATE", RESOURCE).resourceId(created.mrn).patientId(created.mrn)
                .detail(candidates.isEmpty() ? null
                        : "registered despite possible duplicate of " + String.join(", ", candidateMrns(candidates)))
                .build());
        return created;
    }

    public Patient get(String mrn) {
        requireMayRead(mrn);
        Patient p = jpa.call(em -> load(em, mrn));
        if (p == null) {
            audit.record(AuditEvent.of("READ", RESOURCE).resourceId(mrn).patientId(mrn).outcome(AuditOutcome.FAILED)
                    .detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(mrn).patientId(mrn).build());
        return p;
    }

    /** Replaces the demographics of patient {@code mrn} (the MRN and registration data stay). */
    public Patient update(String mrn, PatientDemographics in) {
        requireValidMrn(mrn);
        ValidDemographics v = ValidDemographics.of(in, LocalDate.now());
        String actor = actor();
        long now = System.currentTimeMillis();
        Patient updated = jpa.call(em -> {
            PatientEntity e = em.find(PatientEntity.class, mrn);
            if (e == null) {
                return null;
            }
            apply(e, v);
            e.setUpdatedMs(now);
            e.setUpdatedBy(actor);
            em.createQuery("DELETE FROM PatientPhoneEntity ph WHERE ph.mrn = :mrn").setParameter("mrn", mrn)
                    .executeUpdate();
            storePhones(em, mrn, v);
            events.publish(em, PatientUpdated.TYPE, updated(e));
            return Patient.of(e, v.phones);
        });
        if (updated == null) {
            audit.record(AuditEvent.of("UPDATE", RESOURCE).resourceId(mrn).patientId(mrn)
                    .outcome(AuditOutcome.FAILED).detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        audit.record(AuditEvent.of("UPDATE", RESOURCE).resourceId(mrn).patientId(mrn).build());
        return updated;
    }

    /** Same national id, or same birth date and a similar name (see {@link Names#similarPerson}). */
    private static List<Map<String, Object>> duplicates(EntityManager em, ValidDemographics v) {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (v.nationalIdNorm != null) {
            em.createQuery("SELECT p.mrn FROM PatientEntity p WHERE p.nationalIdNorm = :nid ORDER BY p.mrn", String.class)
                    .setParameter("nid", v.nationalIdNorm).setMaxResults(MAX_CANDIDATES).getResultList()
                    .forEach(m -> reasons.put(m, "nationalId"));
        }
        List<PatientEntity> sameBirthDate = em.createQuery(
                "SELECT p FROM PatientEntity p WHERE p.birthDate = :dob ORDER BY p.mrn", PatientEntity.class)
                .setParameter("dob", v.birthDate).getResultList();
        for (PatientEntity p : sameBirthDate) {
            if (reasons.size() < MAX_CANDIDATES && !reasons.containsKey(p.getMrn()) && Names.similarPerson(
                    v.givenNameNorm, v.familyNameNorm, p.getGivenNameNorm(), p.getFamilyNameNorm())) {
                reasons.put(p.getMrn(), "nameAndBirthDate");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        reasons.forEach((mrn, reason) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("mrn", mrn);
            c.put("reason", reason);
            out.add(c);
        });
        return out;
    }

    private static Patient load(EntityManager em, String mrn) {
        PatientEntity e = em.find(PatientEntity.class, mrn);
        return e == null ? null : Patient.of(e, phones(em, List.of(mrn)).getOrDefault(mrn, List.of()));
    }

    static Map<String, List<String>> phones(EntityManager em, Collection<String> mrns) {
        Map<String, List<String>> byMrn = new HashMap<>();
        if (mrns.isEmpty()) {
            return byMrn;
        }
        em.createQuery("SELECT ph FROM PatientPhoneEntity ph WHERE ph.mrn IN :mrns ORDER BY ph.mrn, ph.seqNo",
                PatientPhoneEntity.class).setParameter("mrns", mrns).getResultList()
                .forEach(ph -> byMrn.computeIfAbsent(ph.getMrn(), k -> new ArrayList<>()).add(ph.getPhone()));
        return byMrn;
    }

    static void storePhones(EntityManager em, String mrn, ValidDemographics v) {
        for (int i = 0; i < v.phones.size(); i++) {
            PatientPhoneEntity ph = new PatientPhoneEntity();
            ph.setId(UUID.randomUUID().toString());
            ph.setMrn(mrn);
            ph.setSeqNo(i);
            ph.setPhone(v.phones.get(i));
            ph.setPhoneNorm(v.phonesNorm.get(i));
            em.persist(ph);
        }
    }

    static void apply(PatientEntity e, ValidDemographics v) {
        e.setGivenName(v.givenName);
        e.setFamilyName(v.familyName);
        e.setGivenNameNorm(v.givenNameNorm);
        e.setFamilyNameNorm(v.familyNameNorm);
        e.setSex(v.sex);
        e.setBirthDate(v.birthDate);
        e.setNationalId(v.nationalId);
        e.setNationalIdNorm(v.nationalIdNorm);
        e.setEmail(v.email);
        e.setAddressLine(v.addressLine);
        e.setAddressCity(v.addressCity);
        e.setAddressPostalCode(v.addressPostalCode);
        e.setAddressCountry(v.addressCountry);
        e.setPreferredLanguage(v.preferredLanguage);
        NameKeys.fill(e); // phonetic search keys, see PatientFinder
    }

    /**
     * Staff with a reading role see any record; a PATIENT user sees only the record linked to their account.
     * Checked before the record is looked up, so a patient cannot probe which MRNs exist.
     */
    private void requireMayRead(String mrn) {
        Caller caller = CallerContext.current().orElse(null);
        if (caller != null && !caller.hasAnyRole(STAFF_READERS)
                && !(caller.hasRole(Role.PATIENT) && caller.patientId().map(mrn::equals).orElse(false))) {
            audit.record(AuditEvent.of("READ", RESOURCE).resourceId(mrn).patientId(mrn).outcome(AuditOutcome.DENIED)
                    .detail("not the caller's own record").build());
            throw ProblemException.forbidden("You may only see your own record");
        }
        requireValidMrn(mrn);
    }

    static void requireValidMrn(String mrn) {
        if (!Mrn.isValid(mrn)) {
            throw ProblemException.validation("'" + mrn + "' is not a valid MRN (10 or more digits, the last two "
                    + "being ISO 7064 MOD 97-10 check digits): check for a typing error");
        }
    }

    static PatientRegistered registered(PatientEntity e, List<String> possibleDuplicateOf) {
        PatientRegistered p = new PatientRegistered();
        p.mrn = e.getMrn();
        p.givenName = e.getGivenName();
        p.familyName = e.getFamilyName();
        p.sex = e.getSex();
        p.birthDate = e.getBirthDate();
        p.preferredLanguage = e.getPreferredLanguage();
        p.duplicateConfirmed = !possibleDuplicateOf.isEmpty();
        p.possibleDuplicateOf = possibleDuplicateOf;
        p.registeredAt = Instant.ofEpochMilli(e.getRegisteredMs()).toString();
        p.registeredBy = e.getRegisteredBy();
        return p;
    }

    private static PatientUpdated updated(PatientEntity e) {
        PatientUpdated p = new PatientUpdated();
        p.mrn = e.getMrn();
        p.givenName = e.getGivenName();
        p.familyName = e.getFamilyName();
        p.sex = e.getSex();
        p.birthDate = e.getBirthDate();
        p.preferredLanguage = e.getPreferredLanguage();
        p.updatedAt = Instant.ofEpochMilli(e.getUpdatedMs()).toString();
        p.updatedBy = e.getUpdatedBy();
        return p;
    }

    private static List<String> candidateMrns(List<Map<String, Object>> candidates) {
        return candidates.stream().map(c -> (String) c.get("mrn")).toList();
    }

    private static String actor() {
        return CallerContext.current().map(Caller::username).orElse("system");
    }

    /** Rolls the registration back (releasing the counter) when duplicates were found and not confirmed. */
    private static final class DuplicateFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateFound() {
            super(null, null, false, false);
        }
    }
}
