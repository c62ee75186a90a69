package org.pavilion.emr.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

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
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.emr.api.PatientRegistered;
import org.pavilion.emr.api.PatientUpdated;
import org.pavilion.events.api.EventPublisher;

/**
 * Patient registration, shared by the REST and SOAP faces: validate, allocate the MRN, check for duplicates,
 * store, publish the event in the same transaction, audit every read and write with the patient's MRN.
 */
@Component(service = PatientService.class)
public class PatientService {

    public static final String RESOURCE = "patient";
    static final String DUPLICATE_TYPE = "possible-duplicate";
    /** Candidates listed in a duplicate warning at most. */
    static final int MAX_CANDIDATES = 20;

    /** Staff and feeds that read any patient's demographics; without it, an account reads only its own patient. */
    private static final String VIEW_ANY = "emr.patient.view-any";

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final PatientAccess access;
    private final DeclaredConstraints constraints;

    @Activate
    public PatientService(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference PatientAccess access,
            @Reference DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.access = access;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Demographics checked as every face sends them (desk, SOAP, portal, feeds, imports): the declared rules, then
     * the dates against today; one 400 listing every broken field in {@code violations}.
     */
    public ValidDemographics valid(PatientDemographics in) {
        return ValidDemographics.of(in, LocalDate.now(), constraints);
    }

    /**
     * Registers a patient. With possible duplicates and {@code confirmDuplicate} false, nothing is stored and a
     * 409 lists the candidates; with it true the patient is registered and the candidates are audited.
     */
    public Patient register(PatientDemographics in, boolean confirmDuplicate) {
        ValidDemographics v = valid(in);
        String actor = actor();
        long now = System.currentTimeMillis();
        List<Map<String, Object>> candidates = new ArrayList<>();
        Patient created;
        try {
            // The registration and its audit record commit together (AuditedTransaction).
            created = AuditedTransaction.run(emf, audit, em -> {
                Patient p = registerIn(em, v, actor, now, confirmDuplicate, null, candidates);
                return AuditedTransaction.Done.of(p, registeredAudit(p, candidates));
            });
        } catch (DuplicateFound d) {
            audit.record(AuditEvent.of("CREATE", RESOURCE).outcome(AuditOutcome.FAILED)
                    .detail("possible duplicate of " + String.join(", ", candidateMrns(candidates))).build());
            throw new ProblemException(409, DUPLICATE_TYPE, "Possible duplicate patient",
                    "This patient may already be registered as " + String.join(", ", candidateMrns(candidates))
                            + ". Check the candidates; to register anyway, send again with confirmDuplicate=true.",
                    Map.of("candidates", candidates));
        }
        return created;
    }

    /**
     * The writes of a registration in {@code em}'s transaction; a group of one of {@link #registerAllIn}. The
     * possible duplicates found are added to {@code candidates}.
     */
    public Patient registerIn(EntityManager em, ValidDemographics v, String actor, long now, boolean confirmDuplicate,
            BiConsumer<EntityManager, String> alsoInTransaction, List<Map<String, Object>> candidates) {
        Registered r;
        try {
            r = registerAllIn(em, List.of(new Registration(v, actor, alsoInTransaction)), now, confirmDuplicate).get(0);
        } catch (DuplicateFound d) {
            candidates.addAll(d.candidates); // the 409 lists them
            throw d;
        }
        candidates.addAll(r.candidates());
        return r.patient();
    }

    /**
     * One registration of a group: its demographics, who registers, and {@code alsoInTransaction} (may be null),
     * run with the new MRN before the event, so rows keyed to it (an external system's identifier) commit or roll
     * back with the patient: a feed retried after a crash never finds a patient without its identifier.
     */
    public record Registration(ValidDemographics demographics, String actor,
            BiConsumer<EntityManager, String> alsoInTransaction) {
    }

    /** A registration written: the patient and the possible duplicates it was registered despite. */
    public record Registered(Patient patient, List<Map<String, Object>> candidates) {
    }

    /**
     * The writes of several registrations in {@code em}'s transaction, for callers that commit many at once (the
     * PatientDirectory's group commit); they record {@link #registeredAudit(Patient, List)} for each after the
     * commit. One locked update takes a block of MRNs, one query per key finds the possible duplicates of all
     * (each is also compared with the ones before it in the group), the patients are written together. Without
     * {@code confirmDuplicate}, a possible duplicate throws before anything is written (the transaction must roll
     * back). Results in the order of {@code group}.
     */
    public List<Registered> registerAllIn(EntityManager em, List<Registration> group, long now,
            boolean confirmDuplicate) {
        // Taking the counter's row lock first serialises registrations, so two clerks registering the same person
        // at once cannot both miss each other in the duplicate check.
        long first = MrnAllocator.nextBlock(em, group.size());
        List<ValidDemographics> vs = group.stream().map(Registration::demographics).toList();
        List<String> mrns = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            mrns.add(Mrn.of(first + i));
        }
        List<List<Map<String, Object>>> candidates = duplicates(em, vs, mrns);
        if (!confirmDuplicate) {
            for (List<Map<String, Object>> found : candidates) {
                if (!found.isEmpty()) {
                    throw new DuplicateFound(found);
                }
            }
        }
        List<PatientEntity> stored = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Registration r = group.get(i);
            PatientEntity e = new PatientEntity();
            e.setMrn(mrns.get(i));
            apply(e, r.demographics());
            e.setRegisteredMs(now);
            e.setRegisteredBy(r.actor());
            e.setUpdatedMs(now);
            e.setUpdatedBy(r.actor());
            stored.add(e);
        }
        NewPatientRows.insert(em, stored); // one batch, written now: the phones' foreign key needs the rows
        List<Registered> out = new ArrayList<>(group.size());
        List<EventPublisher.Event> announced = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Registration r = group.get(i);
            PatientEntity e = stored.get(i);
            ValidDemographics v = r.demographics();
            storePhones(em, e.getMrn(), v);
            storeContacts(em, e.getMrn(), v);
            if (r.alsoInTransaction() != null) {
                r.alsoInTransaction().accept(em, e.getMrn());
            }
            announced.add(new EventPublisher.Event(PatientRegistered.TYPE, Mrn.subjectKey(e.getMrn()),
                    registered(e, candidateMrns(candidates.get(i)))));
            out.add(new Registered(Patient.of(e, v.phones, v.nextOfKin, withActive(v.insurance)), candidates.get(i)));
        }
        events.publishAll(em, announced); // one batch for the group
        return out;
    }

    /** The audit record of a committed registration. */
    public static AuditEvent registeredAudit(Patient created, List<Map<String, Object>> candidates) {
        return AuditEvent.of("CREATE", RESOURCE).resourceId(created.mrn).patientId(created.mrn)
                .detail(candidates.isEmpty() ? null
                        : "registered despite possible duplicate of " + String.join(", ", candidateMrns(candidates)))
                .build();
    }

    /**
     * The patient {@code mrn}. For a merged duplicate, the survivor's record with {@link Patient#redirectedFrom}
     * set: the tombstone redirects.
     */
    public Patient get(String mrn) {
        return get(mrn, null);
    }

    /**
     * As {@link #get(String)}; a restricted patient's contact data are hidden ({@link RestrictedContact}) unless
     * the caller may see them or breaks the glass with {@code breakGlassReason} (a clinician's reason, at least
     * {@link ClinicalAccess#MIN_REASON_LENGTH} characters): then shown, and the read audited as emergency access.
     */
    public Patient get(String mrn, String breakGlassReason) {
        requireMayRead(mrn);
        String reason = breakGlassReason == null || breakGlassReason.isBlank() ? null : breakGlassReason.strip();
        if (reason != null && reason.length() < ClinicalAccess.MIN_REASON_LENGTH) {
            throw ProblemException.validation("A break-the-glass reason must say why, in at least "
                    + ClinicalAccess.MIN_REASON_LENGTH + " characters");
        }
        Patient p = jpa.call(em -> {
            PatientEntity e = em.find(PatientEntity.class, mrn);
            if (e == null) {
                return null;
            }
            PatientEntity survivor = survivor(em, e);
            Patient found = load(em, survivor);
            if (survivor != e) {
                found.redirectedFrom = mrn;
            }
            return found;
        });
        if (p == null) {
            audit.record(AuditEvent.of("READ", RESOURCE).resourceId(mrn).patientId(mrn).outcome(AuditOutcome.FAILED)
                    .detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        String merged = p.redirectedFrom == null ? null : "merged into " + p.mrn;
        boolean glass = p.restricted && !RestrictedContact.callerMaySee() && reason != null
                && CallerContext.current().map(c -> c.hasPrivilege(ClinicalAccess.BREAK_GLASS)).orElse(false);
        AuditEvent.Builder read = AuditEvent.of("READ", RESOURCE).resourceId(mrn).patientId(p.mrn);
        audit.record((glass ? read.emergencyAccess(true).detail("break-the-glass: " + reason
                + "; restricted contact data shown" + (merged == null ? "" : "; " + merged))
                : read.detail(merged)).build());
        return glass ? p : RestrictedContact.forCaller(p);
    }

    /**
     * Registers someone who cannot be identified yet (unconscious, unknown) from what the emergency team sees: an
     * MRN at once, placeholder names that say so, a birth date estimated from the apparent age. No duplicate
     * check: there is nothing to compare. Completed later with {@link #update}, or merged into the real record.
     */
    public Patient registerEmergency(EmergencyArrival in) {
        ValidEmergencyArrival v = ValidEmergencyArrival.of(in, LocalDate.now(), constraints);
        String actor = actor();
        long now = System.currentTimeMillis();
        return AuditedTransaction.run(emf, audit, em -> {
            String mrn = MrnAllocator.next(em);
            PatientEntity e = new PatientEntity();
            e.setMrn(mrn);
            e.setGivenName(EmergencyArrival.PLACEHOLDER_GIVEN_NAME);
            e.setFamilyName(EmergencyArrival.placeholderFamilyName(mrn));
            e.setGivenNameNorm(Names.normalise(e.getGivenName()));
            e.setFamilyNameNorm(Names.normalise(e.getFamilyName()));
            e.setSex(v.sex);
            e.setBirthDate(v.estimatedBirthDate);
            e.setBirthDateEstimated(true);
            e.setUnidentified(true);
            e.setArrivalNote(v.arrivalNote);
            e.setRegisteredMs(now);
            e.setRegisteredBy(actor);
            e.setUpdatedMs(now);
            e.setUpdatedBy(actor);
            em.persist(e);
            PatientRegistered event = registered(e, List.of());
            events.publish(em, PatientRegistered.TYPE, Mrn.subjectKey(e.getMrn()), event);
            return AuditedTransaction.Done.of(Patient.of(e, List.of(), List.of(), List.of()),
                    AuditEvent.of("CREATE", RESOURCE).resourceId(mrn).patientId(mrn)
                            .detail("emergency registration, unidentified").build());
        });
    }

    /**
     * Replaces the demographics, next of kin and insurance of patient {@code mrn} (the MRN and registration data
     * stay). With {@code expectedVersion}, a record changed by someone else since it was read is refused (412)
     * rather than overwritten; completing an emergency registration clears its placeholders.
     */
    public Patient update(String mrn, PatientDemographics in, Long expectedVersion) {
        requireValidMrn(mrn);
        ValidDemographics v = valid(in);
        String actor = actor();
        long now = System.currentTimeMillis();
        Patient updated = AuditedTransaction.run(emf, audit, em -> {
            Patient u = updateIn(em, mrn, v, actor, now, expectedVersion);
            return u == null ? new AuditedTransaction.Done<>(null, List.<AuditEvent>of())
                    : AuditedTransaction.Done.of(u, updatedAudit(mrn));
        });
        if (updated == null) {
            audit.record(AuditEvent.of("UPDATE", RESOURCE).resourceId(mrn).patientId(mrn)
                    .outcome(AuditOutcome.FAILED).detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        return updated;
    }

    /**
     * The writes of an update in {@code em}'s transaction (null when there is no such patient), for callers that
     * commit several at once; they record {@link #updatedAudit(String)} after the commit.
     */
    public Patient updateIn(EntityManager em, String mrn, ValidDemographics v, String actor, long now,
            Long expectedVersion) {
        PatientEntity e = em.find(PatientEntity.class, mrn);
        if (e == null) {
            return null;
        }
        if (e.getMergedInto() != null) {
            throw new ProblemException(409, "patient-merged", "Patient was merged",
                    "Patient " + mrn + " was merged into " + e.getMergedInto() + "; update that record instead.",
                    Map.of("mergedInto", e.getMergedInto()));
        }
        if (expectedVersion != null && expectedVersion != e.getVersion()) {
            throw new ProblemException(412, "edit-conflict", "Changed by someone else",
                    "Patient " + mrn + " was changed since you read it (version " + expectedVersion + ", now "
                            + e.getVersion() + "). Reload, redo your changes and save again.",
                    Map.of("currentVersion", e.getVersion()));
        }
        apply(e, v);
        e.setUnidentified(false);
        e.setBirthDateEstimated(false);
        e.setUpdatedMs(now);
        e.setUpdatedBy(actor);
        for (String entity : List.of("PatientPhoneEntity", "NextOfKinEntity", "InsurancePolicyEntity")) {
            em.createQuery("DELETE FROM " + entity + " x WHERE x.mrn = :mrn").setParameter("mrn", mrn)
                    .executeUpdate();
        }
        storePhones(em, mrn, v);
        storeContacts(em, mrn, v);
        events.publish(em, PatientUpdated.TYPE, Mrn.subjectKey(mrn), updated(e));
        em.flush(); // bumps the version now, so the answer carries the one a next update must send
        return Patient.of(e, v.phones, v.nextOfKin, withActive(v.insurance));
    }

    /** The audit record of a committed update. */
    public static AuditEvent updatedAudit(String mrn) {
        return AuditEvent.of("UPDATE", RESOURCE).resourceId(mrn).patientId(mrn).build();
    }

    /**
     * For each of {@code vs} (to be registered as {@code mrns}): the stored patients and the ones before it in the
     * group with the same national id, or the same birth date and a similar name (see {@link Names#similarPerson}),
     * at most {@link #MAX_CANDIDATES}, in MRN order. One query for the group's birth dates, one per national id.
     */
    private static List<List<Map<String, Object>>> duplicates(EntityManager em, List<ValidDemographics> vs,
            List<String> mrns) {
        Set<String> nationalIds = new HashSet<>();
        Set<String> birthDates = new HashSet<>();
        for (ValidDemographics v : vs) {
            if (v.nationalIdNorm != null) {
                nationalIds.add(v.nationalIdNorm);
            }
            birthDates.add(v.birthDate);
        }
        // Equalities, never an IN list: an IN list's plan depends on statistics the planner may not have yet (a new
        // registry), and a generic plan made then scans the table for as long as the connection lives.
        // Plain JDBC on the transaction's connection, after a flush so it sees this transaction's patients: the
        // provider's query objects and result packing cost more than the queries (one per feed registration).
        em.flush();
        List<Object[]> sameNationalId = new ArrayList<>();
        List<Object[]> sameBirthDate = new ArrayList<>();
        try (Connection c = JpaTransactions.connection(em)) {
            if (!nationalIds.isEmpty()) {
                try (PreparedStatement q = c.prepareStatement("SELECT mrn, national_id_norm FROM emr_patient "
                        + "WHERE national_id_norm = ? ORDER BY mrn")) {
                    q.setMaxRows(MAX_CANDIDATES);
                    for (String nid : nationalIds) {
                        q.setString(1, nid);
                        rows(q, 2, sameNationalId);
                    }
                }
            }
            // Only the columns compared: a birth date is shared by dozens of patients in a large registry. The
            // group's birth dates in one round trip: a UNION ALL of equalities, each planned like the single one.
            List<String> dates = new ArrayList<>(birthDates);
            try (PreparedStatement q = c.prepareStatement(String.join(" UNION ALL ", Collections.nCopies(
                    dates.size(), "SELECT mrn, birth_date, given_name_norm, family_name_norm FROM emr_patient "
                            + "WHERE birth_date = ?")))) {
                for (int i = 0; i < dates.size(); i++) {
                    q.setString(i + 1, dates.get(i));
                }
                rows(q, 4, sameBirthDate);
            }
        } catch (SQLException e) {
            throw new PersistenceException("checking for duplicate patients failed: " + e.getMessage(), e);
        }
        sameBirthDate.sort(Comparator.comparing(row -> (String) row[0])); // MRN order, as candidates are listed
        if (nationalIds.size() > 1) {
            sameNationalId.sort(Comparator.comparing(row -> (String) row[0]));
        }
        return candidates(vs, mrns, sameNationalId, sameBirthDate);
    }

    private static void rows(PreparedStatement q, int columns, List<Object[]> into) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                into.add(row);
            }
        }
    }

    /**
     * The matching of {@link #duplicates}: {@code sameNationalId} rows are (mrn, national id norm),
     * {@code sameBirthDate} rows (mrn, birth date, given name norm, family name norm), both in MRN order.
     */
    static List<List<Map<String, Object>>> candidates(List<ValidDemographics> vs, List<String> mrns,
            List<Object[]> sameNationalId, List<Object[]> sameBirthDate) {
        List<List<Map<String, Object>>> all = new ArrayList<>(vs.size());
        for (int i = 0; i < vs.size(); i++) {
            ValidDemographics v = vs.get(i);
            Map<String, String> reasons = new LinkedHashMap<>();
            if (v.nationalIdNorm != null) {
                for (Object[] p : sameNationalId) {
                    if (reasons.size() < MAX_CANDIDATES && v.nationalIdNorm.equals(p[1])) {
                        reasons.put((String) p[0], "nationalId");
                    }
                }
                for (int j = 0; j < i; j++) {
                    if (reasons.size() < MAX_CANDIDATES && v.nationalIdNorm.equals(vs.get(j).nationalIdNorm)) {
                        reasons.put(mrns.get(j), "nationalId");
                    }
                }
            }
            for (Object[] p : sameBirthDate) {
                String mrn = (String) p[0];
                if (reasons.size() < MAX_CANDIDATES && !reasons.containsKey(mrn) && v.birthDate.equals(p[1])
                        && Names.similarPerson(v.givenNameNorm, v.familyNameNorm, (String) p[2], (String) p[3])) {
                    reasons.put(mrn, "nameAndBirthDate");
                }
            }
            for (int j = 0; j < i; j++) {
                ValidDemographics earlier = vs.get(j);
                if (reasons.size() < MAX_CANDIDATES && !reasons.containsKey(mrns.get(j))
                        && v.birthDate.equals(earlier.birthDate) && Names.similarPerson(v.givenNameNorm,
                                v.familyNameNorm, earlier.givenNameNorm, earlier.familyNameNorm)) {
                    reasons.put(mrns.get(j), "nameAndBirthDate");
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            reasons.forEach((mrn, reason) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("mrn", mrn);
                c.put("reason", reason);
                out.add(c);
            });
            all.add(out);
        }
        return all;
    }

    /** The record of {@code e} as the services answer it (phones, next of kin, insurance); not audited. */
    public static Patient load(EntityManager em, PatientEntity e) {
        String mrn = e.getMrn();
        List<NextOfKin> kin = new ArrayList<>();
        em.createQuery("SELECT k FROM NextOfKinEntity k WHERE k.mrn = :mrn ORDER BY k.seqNo", NextOfKinEntity.class)
                .setParameter("mrn", mrn).getResultList().forEach(k -> {
                    NextOfKin n = new NextOfKin();
                    n.name = k.getName();
                    n.relationship = k.getRelationship();
                    n.phone = k.getPhone();
                    n.email = k.getEmail();
                    kin.add(n);
                });
        List<InsurancePolicy> cover = new ArrayList<>();
        em.createQuery("SELECT i FROM InsurancePolicyEntity i WHERE i.mrn = :mrn ORDER BY i.seqNo",
                InsurancePolicyEntity.class).setParameter("mrn", mrn).getResultList().forEach(i -> {
                    InsurancePolicy p = new InsurancePolicy();
                    p.insurer = i.getInsurer();
                    p.policyNumber = i.getPolicyNumber();
                    p.plan = i.getPlan();
                    p.holderRelationship = i.getHolderRelationship();
                    p.validFrom = i.getValidFrom();
                    p.validTo = i.getValidTo();
                    cover.add(p);
                });
        return Patient.of(e, phones(em, List.of(mrn)).getOrDefault(mrn, List.of()), kin, withActive(cover));
    }

    /** Follows merges from {@code e} to the record that survives. */
    public static PatientEntity survivor(EntityManager em, PatientEntity e) {
        PatientEntity current = e;
        for (int hop = 0; current.getMergedInto() != null; hop++) {
            if (hop > 16) {
                throw new IllegalStateException("Merge chain from " + e.getMrn() + " is too long");
            }
            current = em.find(PatientEntity.class, current.getMergedInto());
        }
        return current;
    }

    private static List<InsurancePolicy> withActive(List<InsurancePolicy> policies) {
        LocalDate today = LocalDate.now();
        policies.forEach(p -> p.active = ValidContacts.active(p, today));
        return policies;
    }

    static void storeContacts(EntityManager em, String mrn, ValidDemographics v) {
        for (int i = 0; i < v.nextOfKin.size(); i++) {
            NextOfKin k = v.nextOfKin.get(i);
            NextOfKinEntity e = new NextOfKinEntity();
            e.setId(UUID.randomUUID().toString());
            e.setMrn(mrn);
            e.setSeqNo(i);
            e.setName(k.name);
            e.setRelationship(k.relationship);
            e.setPhone(k.phone);
            e.setEmail(k.email);
            em.persist(e);
        }
        for (int i = 0; i < v.insurance.size(); i++) {
            InsurancePolicy p = v.insurance.get(i);
            InsurancePolicyEntity e = new InsurancePolicyEntity();
            e.setId(UUID.randomUUID().toString());
            e.setMrn(mrn);
            e.setSeqNo(i);
            e.setInsurer(p.insurer);
            e.setPolicyNumber(p.policyNumber);
            e.setPolicyNumberNorm(ValidContacts.normalisePolicyNumber(p.policyNumber));
            e.setPlan(p.plan);
            e.setHolderRelationship(p.holderRelationship);
            e.setValidFrom(p.validFrom);
            e.setValidTo(p.validTo);
            em.persist(e);
        }
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
     * Staff with a reading role see any record; a PATIENT user sees only the record linked to their account
     * (following merges). {@link PatientAccess} decides, before the record is read, so a patient cannot probe
     * which MRNs exist.
     */
    private void requireMayRead(String mrn) {
        AccessDecision d = access.decide(mrn, DataPart.DEMOGRAPHICS, PatientAccess.Action.READ);
        if (d.outcome() == AccessDecision.Outcome.DENIED) {
            audit.record(d.auditEvent("READ", RESOURCE).build());
            throw ProblemException.forbidden("You may only see your own record");
        }
        requireValidMrn(mrn);
    }

    public static void requireValidMrn(String mrn) {
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
        p.unidentified = e.isUnidentified();
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

    public static String actor() {
        return CallerContext.current().map(Caller::username).orElse("system");
    }

    /** Rolls the registration back (releasing the counter) when duplicates were found and not confirmed. */
    private static final class DuplicateFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient List<Map<String, Object>> candidates;

        DuplicateFound(List<Map<String, Object>> candidates) {
            super(null, null, false, false);
            this.candidates = candidates;
        }
    }
}
