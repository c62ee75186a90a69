package org.pavilion.emr.internal.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.ExternalInsurance;
import org.pavilion.emr.api.ExternalNextOfKin;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.ExternalAllergy;
import org.pavilion.emr.api.ExternalDiagnosis;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;
import org.pavilion.emr.internal.Address;
import org.pavilion.emr.internal.InsurancePolicy;
import org.pavilion.emr.internal.NextOfKin;
import org.pavilion.emr.internal.Patient;
import org.pavilion.emr.internal.PatientDemographics;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientMerge;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.ValidDemographics;
import org.pavilion.emr.internal.record.Clinical;
import org.pavilion.emr.internal.record.AllergyList;
import org.pavilion.emr.internal.record.ClinicalNotes;
import org.pavilion.emr.internal.record.EncounterService;
import org.pavilion.emr.internal.record.ProblemList;
import org.pavilion.emr.internal.record.EncounterEntity;
import org.pavilion.emr.internal.record.Icd10CodeList;

/**
 * {@link PatientDirectory} on top of the EMR's own services (which validate, audit and publish events). The
 * natural keys (identifier, visit number) are stored in the same transaction as the patient or encounter they
 * name, through the services' transaction hooks, and are unique: two deliveries of the same message racing each
 * other end with one row; the loser's transaction rolls back and it finds the winner's row on its retry.
 */
@Component(service = {PatientDirectory.class, CommittingDirectory.class})
public class PatientDirectoryService implements CommittingDirectory {

    static final String RESOURCE = "patient-identifier";
    static final int MAX_KEY = 100;
    /** The attending of a visit whose feed named none: not the feed's own caller, which is no doctor. */
    static final String NOT_NAMED = "not-named";
    /**
     * The system under which visits without a number are kept by their admission key: '^' separates components in
     * HL7, so a PV1-19.4 names it only if a sender escapes it there on purpose.
     */
    static final String NO_VISIT_NUMBER = "^no-visit-number";

    private final JpaTransactions jpa;
    private final DirectoryCommitter committer;
    private final PatientService patients;
    private final PatientMerge merges;
    private final EncounterService encounters;
    private final AllergyList allergyList;
    private final ProblemList problemList;
    private final ClinicalNotes clinicalNotes;
    private final AuditService audit;

    @Activate
    public PatientDirectoryService(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference PatientService patients, @Reference PatientMerge merges,
            @Reference EncounterService encounters, @Reference AllergyList allergyList,
            @Reference ProblemList problemList, @Reference ClinicalNotes clinicalNotes, @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.committer = new DirectoryCommitter(jpa, JpaTransactions::connection, DirectoryCommitter.auditing(audit),
                this::applyGroup);
        this.patients = patients;
        this.merges = merges;
        this.encounters = encounters;
        this.allergyList = allergyList;
        this.problemList = problemList;
        this.clinicalNotes = clinicalNotes;
        this.audit = audit;
    }

    @Override
    public Result registerOrUpdate(ExternalPatient in) {
        return registerOrUpdate(in, null);
    }

    @Override
    public Result registerOrUpdate(ExternalPatient in, Participant participant) {
        if (in == null) {
            throw new IllegalArgumentException("patient is required");
        }
        String system = key("identifier system", in.system);
        String value = key("identifier", in.value);
        // Concurrent feeds' writes share one transaction and one commit (DirectoryCommitter). Its one thread does
        // every directory registration, so two deliveries of one identifier never race: the second finds the first.
        DirectoryCommitter.Applied applied = committer.submit(Identified.of(system, value, in, this::valid),
                em -> registerOrUpdateIn(em, system, value, in), participant);
        return applied.result(); // its audit records committed with it
    }

    /** A registerOrUpdate's request, as the group work sees it. */
    private record Identified(String system, String value, ExternalPatient in, ValidDemographics asNew,
            DirectoryCommitter.Refused refusedAsNew) {

        /**
         * Validated as a new patient on the caller's thread (a feed's connection), not on the one committer thread
         * every feed waits for; only used if the identifier turns out to be new (an update validates the stored
         * patient with the changes).
         */
        static Identified of(String system, String value, ExternalPatient in,
                Function<PatientDemographics, ValidDemographics> valid) {
            try {
                return new Identified(system, value, in, valid.apply(demographics(in, null)), null);
            } catch (DirectoryCommitter.Refused refused) {
                return new Identified(system, value, in, null, refused);
            }
        }
    }

    /**
     * A group's works in one transaction. The identifiers of all its registerOrUpdates are looked up with one
     * query; the patients none of them names yet are registered together ({@link PatientService#registerAllIn}:
     * one MRN block, one duplicate query, the rows written in one flush). The other works (updates, and a second
     * message for an identifier the group registers) then run one by one, in order, and see those registrations.
     */
    private List<DirectoryCommitter.Outcome> applyGroup(EntityManager em, List<DirectoryCommitter.Job> group) {
        DirectoryCommitter.Outcome[] out = new DirectoryCommitter.Outcome[group.size()];
        Set<String> known = storedIdentifiers(em, group);
        Set<String> taken = new HashSet<>();
        List<Integer> together = new ArrayList<>();
        List<PatientService.Registration> registrations = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            DirectoryCommitter.Job job = group.get(i);
            if (!(job.request() instanceof Identified id) || known.contains(keyOf(id.system(), id.value()))
                    || !taken.add(keyOf(id.system(), id.value()))) {
                continue; // alone, below
            }
            if (id.refusedAsNew() != null) {
                out[i] = new DirectoryCommitter.Outcome(null, id.refusedAsNew());
                continue;
            }
            String actor = job.caller() == null ? PatientService.actor() : job.caller().username();
            registrations.add(new PatientService.Registration(id.asNew(), actor, null));
            together.add(i);
        }
        if (!registrations.isEmpty()) {
            long now = System.currentTimeMillis();
            List<PatientService.Registered> done = patients.registerAllIn(em, registrations, now, true);
            List<PatientIdentifierEntity> identifiers = new ArrayList<>(together.size());
            for (int k = 0; k < together.size(); k++) {
                Identified id = (Identified) group.get(together.get(k)).request();
                identifiers.add(identifierRow(done.get(k).patient().mrn, id.system(), id.value(), now));
            }
            insertIdentifiers(em, identifiers); // the works below, and a later group, find them
            for (int k = 0; k < together.size(); k++) {
                PatientService.Registered r = done.get(k);
                out[together.get(k)] = new DirectoryCommitter.Outcome(new DirectoryCommitter.Applied(
                        new Result(r.patient().mrn, null, Change.CREATED),
                        List.of(PatientService.registeredAudit(r.patient(), r.candidates()))), null);
            }
        }
        for (int i = 0; i < group.size(); i++) {
            if (out[i] == null) {
                out[i] = group.get(i).runAlone(em);
            }
        }
        return List.of(out);
    }

    /** Which identifiers of the group's registerOrUpdates are stored already, as {@link #keyOf} keys. */
    private static Set<String> storedIdentifiers(EntityManager em, List<DirectoryCommitter.Job> group) {
        List<Identified> asked = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (DirectoryCommitter.Job job : group) {
            if (job.request() instanceof Identified id && keys.add(keyOf(id.system(), id.value()))) {
                asked.add(id);
            }
        }
        Set<String> known = new HashSet<>();
        if (asked.isEmpty()) {
            return known;
        }
        // One round trip for the group: a UNION ALL of probes of the unique (id_system, id_value) index, each an
        // equality whose plan never depends on statistics (an IN list's generic plan, made on a new, unanalysed
        // table, scanned it for as long as the pooled connection lived). Plain JDBC on the transaction's
        // connection: a group's identifiers were flushed with their patients.
        String sql = String.join(" UNION ALL ", Collections.nCopies(asked.size(),
                "SELECT id_system, id_value FROM emr_patient_identifier WHERE id_system = ? AND id_value = ?"));
        try (Connection c = JpaTransactions.connection(em); PreparedStatement probe = c.prepareStatement(sql)) {
            for (int i = 0; i < asked.size(); i++) {
                probe.setString(2 * i + 1, asked.get(i).system());
                probe.setString(2 * i + 2, asked.get(i).value());
            }
            try (ResultSet rs = probe.executeQuery()) {
                while (rs.next()) {
                    known.add(keyOf(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("looking up patient identifiers failed: " + e.getMessage(), e);
        }
        return known;
    }

    /**
     * The identifiers of a group's new patients, in one JDBC batch on the transaction's connection (as the patients
     * themselves, see PatientService.registerAllIn): same transaction, so a rollback takes both.
     */
    private static void insertIdentifiers(EntityManager em, List<PatientIdentifierEntity> rows) {
        try (Connection c = JpaTransactions.connection(em); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO emr_patient_identifier (id, mrn, id_system, id_value, created_ms) VALUES (?, ?, ?, ?, ?)")) {
            for (PatientIdentifierEntity row : rows) {
                insert.setString(1, row.getId());
                insert.setString(2, row.getMrn());
                insert.setString(3, row.getIdSystem());
                insert.setString(4, row.getIdValue());
                insert.setLong(5, row.getCreatedMs());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("storing patient identifiers failed: " + e.getMessage(), e);
        }
    }

    private static String keyOf(String system, String value) {
        return system + '\u0000' + value;
    }

    private static PatientIdentifierEntity identifierRow(String mrn, String system, String value, long now) {
        PatientIdentifierEntity id = new PatientIdentifierEntity();
        id.setId(UUID.randomUUID().toString());
        id.setMrn(mrn);
        id.setIdSystem(system);
        id.setIdValue(value);
        id.setCreatedMs(now);
        return id;
    }

    /** The work of one registerOrUpdate in a group's transaction: reads and checks first, then writes. */
    private DirectoryCommitter.Applied registerOrUpdateIn(EntityManager em, String system, String value,
            ExternalPatient in) {
        String actor = PatientService.actor();
        long now = System.currentTimeMillis();
        String mrn = mrnOf(em, system, value);
        if (mrn != null) {
            Patient current = PatientService.load(em, em.find(PatientEntity.class, mrn));
            AuditEvent read = AuditEvent.of("READ", PatientService.RESOURCE).resourceId(mrn).patientId(mrn).build();
            PatientDemographics next = demographics(in, current);
            if (sameDemographics(current, next)) {
                return new DirectoryCommitter.Applied(new Result(mrn, null, Change.UNCHANGED), List.of(read));
            }
            ValidDemographics v = valid(next);
            Patient updated = patients.updateIn(em, mrn, v, actor, now, null);
            return new DirectoryCommitter.Applied(new Result(updated.mrn, null, Change.UPDATED),
                    List.of(read, PatientService.updatedAudit(mrn)));
        }
        ValidDemographics v = valid(demographics(in, null));
        List<Map<String, Object>> candidates = new ArrayList<>();
        Patient created = patients.registerIn(em, v, actor, now, true, (tx, newMrn) -> {
            tx.persist(identifierRow(newMrn, system, value, now));
            tx.flush(); // a later work of the same group looking up this identifier finds it
        }, candidates);
        return new DirectoryCommitter.Applied(new Result(created.mrn, null, Change.CREATED),
                List.of(PatientService.registeredAudit(created, candidates)));
    }

    /** Validated demographics; refused content fails only its own work, before it wrote anything. */
    private ValidDemographics valid(PatientDemographics d) {
        try {
            return patients.valid(d);
        } catch (ProblemException e) {
            throw new DirectoryCommitter.Refused(contentError(e));
        }
    }

    @Deactivate
    void deactivate() {
        committer.close();
    }

    @Override
    public Optional<String> findMrn(String system, String value) {
        String mrn = mrnOf(key("identifier system", system), key("identifier", value));
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(system + "|" + value).patientId(mrn)
                .detail(mrn == null ? "unknown identifier" : null).build());
        return Optional.ofNullable(mrn);
    }

    @Override
    public Result merge(String system, String survivorValue, String duplicateValue, String reason) {
        String sys = key("identifier system", system);
        String survivor = required(sys, key("survivor identifier", survivorValue));
        String duplicate = required(sys, key("duplicate identifier", duplicateValue));
        if (survivor.equals(duplicate)) {
            return new Result(survivor, null, Change.UNCHANGED); // merged before: the duplicate's id names the survivor
        }
        PatientMerge.MergeResult merged = content(() -> merges.merge(survivor, duplicate, reason));
        return new Result(merged.survivor.mrn, null, Change.UPDATED);
    }

    @Override
    public Result openEncounter(String system, String patientValue, ExternalVisit visit) {
        String patientSystem = key("identifier system", system);
        String patientId = key("identifier", patientValue);
        String mrn = required(patientSystem, patientId);
        if (visit == null) {
            throw new IllegalArgumentException("visit is required");
        }
        return openEncounterOf(mrn, visitKey(patientSystem, patientId, visit), visit);
    }

    @Override
    public Result openEncounterForPatient(String mrn, ExternalVisit visit) {
        String survivor = survivorOf(key("MRN", mrn));
        if (visit == null || blankToNull(visit.number) == null) {
            // Without a number the admission key would name the patient by an external identifier it has none of.
            throw new IllegalArgumentException("a visit with a number is required");
        }
        return openEncounterOf(survivor, visitKey(null, null, visit), visit);
    }

    /** The surviving MRN of {@code mrn} (after merges); an MRN the EMR does not hold is refused. */
    private String survivorOf(String mrn) {
        String survivor = jpa.call(em -> {
            PatientEntity p = em.find(PatientEntity.class, mrn);
            return p == null ? null : PatientService.survivor(em, p).getMrn();
        });
        if (survivor == null) {
            throw new IllegalArgumentException("unknown MRN " + mrn);
        }
        return survivor;
    }

    /** Opens (or finds) the encounter of the visit known by {@code visitKey} for the patient {@code mrn}. */
    private Result openEncounterOf(String mrn, String[] visitKey, ExternalVisit visit) {
        String visitSystem = visitKey[0];
        String number = visitKey[1];
        for (int attempt = 0;; attempt++) {
            EncounterVisitEntity known = visitOf(visitSystem, number);
            if (known != null) {
                if (!known.getMrn().equals(mrn)) {
                    throw new IllegalArgumentException("visit " + (visit.number == null ? "without a number"
                            : number) + " belongs to another patient");
                }
                EncounterEntity e = jpa.call(em -> em.find(EncounterEntity.class, known.getEncounterId()));
                if (!visit.planned && e != null && "PLANNED".equals(e.getStatus())) {
                    // The pre-admitted patient arrives: the planned encounter opens.
                    Clinical.Encounter opened = content(() -> encounters.changeEncounterStatus(mrn, e.getId(),
                            "PLANNED", "OPEN", null));
                    return new Result(opened.mrn, opened.id, Change.UPDATED);
                }
                return new Result(mrn, known.getEncounterId(), Change.UNCHANGED);
            }
            Clinical.EncounterInput e = new Clinical.EncounterInput();
            e.kind = visit.kind;
            e.reason = visit.reason;
            // The doctors the feed names, never the feed itself (the caller) as the attending.
            e.attending = visit.attendingId == null ? NOT_NAMED : visit.attendingId;
            e.attendingName = visit.attendingName;
            e.admitting = visit.admittingId;
            e.admittingName = visit.admittingName;
            e.location = visit.location;
            try {
                Clinical.Encounter opened = content(() -> encounters.openEncounter(mrn, e, null, (em, survivor, id) ->
                        linkVisit(em, id, survivor, visitSystem, number), visit.planned));
                return new Result(opened.mrn, opened.id, Change.CREATED);
            } catch (PersistenceException raced) {
                if (attempt > 0 || visitOf(visitSystem, number) == null) {
                    throw raced;
                }
            }
        }
    }

    /**
     * The natural key of a visit, {system, number}: its visit number, or without one the admission key: the visit
     * is known by who sent it, whose it is, when and of which class it was admitted, so that a resend under a new
     * control id finds the encounter its first copy opened.
     */
    private static String[] visitKey(String patientSystem, String patientId, ExternalVisit visit) {
        if (blankToNull(visit.number) == null) {
            return new String[] {NO_VISIT_NUMBER, admissionKey(key("visit system (sending facility)", visit.system),
                    patientSystem, patientId, blankToNull(visit.admittedAt), blankToNull(visit.kind))};
        }
        return new String[] {key("visit number system", visit.system), key("visit number", visit.number)};
    }

    @Override
    public List<String> recordDiagnoses(String system, String patientValue, ExternalVisit visit,
            List<ExternalDiagnosis> diagnoses) {
        if (visit == null) {
            throw new IllegalArgumentException("visit is required");
        }
        String[] visitKey = visitKey(key("identifier system", system), key("identifier", patientValue), visit);
        return recordDiagnoses(visitKey[0], visitKey[1], diagnoses);
    }

    /** The visit number (or admission key) of an encounter, unique per system: the natural key of its messages. */
    private static void linkVisit(EntityManager em, String encounterId, String mrn, String system, String number) {
        EncounterVisitEntity v = new EncounterVisitEntity();
        v.setId(UUID.randomUUID().toString());
        v.setEncounterId(encounterId);
        v.setMrn(mrn);
        v.setVisitSystem(system);
        v.setVisitNumber(number);
        v.setCreatedMs(System.currentTimeMillis());
        em.persist(v);
        em.flush();
    }

    /**
     * The key of a visit without a number: SHA-256 (base64url, 43 characters, within the column's 100) of facility,
     * patient identifier, admission time as sent and class. Not a visit number: it is stored under
     * {@link #NO_VISIT_NUMBER}, which no feed's PV1-19.4 names, and never shown.
     */
    static String admissionKey(String facility, String patientSystem, String patientId, String admittedAt,
            String kind) {
        String joined = String.join("\u0000", facility, patientSystem, patientId,
                admittedAt == null ? "" : admittedAt, kind == null ? "" : kind.toUpperCase(Locale.ROOT));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public Result changeEncounterClass(String system, String patientValue, ExternalVisit visit,
            String priorVisitNumber) {
        String mrn = required(key("identifier system", system), key("identifier", patientValue));
        if (visit == null) {
            throw new IllegalArgumentException("visit is required");
        }
        String number = blankToNull(visit.number);
        String prior = blankToNull(priorVisitNumber);
        String visitSystem = number == null && prior == null ? null : key("visit number system", visit.system);
        EncounterVisitEntity byNumber = number == null ? null : visitOf(visitSystem, key("visit number", number));
        String encounterId;
        if (byNumber != null) {
            encounterId = ownVisit(byNumber, mrn, number);
        } else {
            EncounterVisitEntity byPrior = prior == null ? null : visitOf(visitSystem, key("prior visit number",
                    prior));
            encounterId = byPrior != null ? ownVisit(byPrior, mrn, prior) : currentEncounter(mrn);
            if (encounterId == null) {
                throw new IllegalArgumentException("unknown visit: " + (number == null ? "no visit number"
                        : "visit number " + number) + (prior == null ? "" : ", prior visit number " + prior)
                        + ", and the patient has no open encounter");
            }
            if (number != null) {
                String id = encounterId; // the new number names the same encounter from now on
                try {
                    jpa.call(em -> {
                        linkVisit(em, id, mrn, visitSystem, key("visit number", number));
                        return null;
                    });
                } catch (PersistenceException raced) {
                    if (visitOf(visitSystem, number) == null) {
                        throw raced;
                    }
                }
            }
        }
        String id = encounterId;
        EncounterEntity before = jpa.call(em -> em.find(EncounterEntity.class, id));
        Clinical.Encounter changed = content(() -> encounters.changeEncounterClass(mrn, id, visit.kind, null));
        Change change = before != null && changed.kind.equals(before.getKind()) ? Change.UNCHANGED : Change.UPDATED;
        String location = blankToNull(visit.location);
        if (location != null && "OPEN".equals(changed.status) && !location.equals(changed.location)) {
            content(() -> encounters.moveEncounter(mrn, id, location, false, null)); // admitted to a ward
            change = Change.UPDATED;
        }
        return new Result(mrn, id, change);
    }

    private static String ownVisit(EncounterVisitEntity visit, String mrn, String number) {
        if (!visit.getMrn().equals(mrn)) {
            throw new IllegalArgumentException("visit " + number + " belongs to another patient");
        }
        return visit.getEncounterId();
    }

    /** The patient's open encounter (the latest opened, should there be more); null when none is open. */
    private String currentEncounter(String mrn) {
        return jpa.call(em -> em.createQuery("SELECT e.id FROM EncounterEntity e WHERE e.mrn = :mrn "
                + "AND e.status = 'OPEN' ORDER BY e.openedMs DESC, e.id", String.class).setParameter("mrn", mrn)
                .setMaxResults(1).getResultList().stream().findFirst().orElse(null));
    }

    @Override
    public Result changeIdentifier(String system, String oldValue, String newValue) {
        String sys = key("identifier system", system);
        String old = key("prior identifier", oldValue);
        String replacement = key("identifier", newValue);
        if (old.equals(replacement)) {
            return new Result(required(sys, old), null, Change.UNCHANGED);
        }
        Result r = jpa.callAudited(audit, em -> {
            List<PatientIdentifierEntity> prior = identifierRows(em, sys, old);
            String newMrn = mrnOf(em, sys, replacement);
            if (prior.isEmpty()) {
                if (newMrn != null) {
                    return new Done<>(new Result(newMrn, null, Change.UNCHANGED), List.of()); // changed before (a resend)
                }
                throw new IllegalArgumentException("unknown patient identifier " + old + " (" + sys + ")");
            }
            PatientEntity owner = em.find(PatientEntity.class, prior.get(0).getMrn());
            String mrn = owner == null ? prior.get(0).getMrn() : PatientService.survivor(em, owner).getMrn();
            if (newMrn != null && !newMrn.equals(mrn)) {
                throw new IllegalArgumentException("conflict: identifier " + replacement + " (" + sys
                        + ") already names another patient; merge the two (A40) or correct the identifier");
            }
            if (newMrn != null) {
                prior.forEach(em::remove); // the patient carries the new identifier already: the old one goes
            } else {
                prior.get(0).setIdValue(replacement);
            }
            return Done.of(new Result(mrn, null, Change.UPDATED), AuditEvent.of("UPDATE", RESOURCE)
                    .resourceId(sys + "|" + replacement).patientId(mrn)
                    .detail("identifier " + old + " replaced by " + replacement).build());
        });
        return r;
    }

    private static List<PatientIdentifierEntity> identifierRows(EntityManager em, String system, String value) {
        return em.createQuery("SELECT i FROM PatientIdentifierEntity i WHERE i.idSystem = :s AND i.idValue = :v",
                PatientIdentifierEntity.class).setParameter("s", system).setParameter("v", value).getResultList();
    }

    @Override
    public Result closeEncounter(String visitSystem, String visitNumber) {
        return closeEncounter(visitSystem, visitNumber, null);
    }

    @Override
    public Result moveEncounter(String visitSystem, String visitNumber, String location) {
        EncounterVisitEntity known = knownVisit(visitSystem, visitNumber);
        EncounterEntity before = jpa.call(em -> em.find(EncounterEntity.class, known.getEncounterId()));
        if (location != null && before != null && location.equals(before.getLocation())) {
            return new Result(known.getMrn(), known.getEncounterId(), Change.UNCHANGED); // moved before
        }
        Clinical.Encounter moved = content(() -> encounters.moveEncounter(known.getMrn(), known.getEncounterId(),
                location, location == null, null));
        return new Result(moved.mrn, moved.id, before != null && Objects.equals(moved.location, before.getLocation()) ? Change.UNCHANGED
                : Change.UPDATED);
    }

    @Override
    public Result reopenEncounter(String visitSystem, String visitNumber) {
        return changeStatus(visitSystem, visitNumber, "CLOSED", "OPEN");
    }

    @Override
    public Result cancelEncounter(String visitSystem, String visitNumber) {
        return changeStatus(visitSystem, visitNumber, "OPEN", "CANCELLED");
    }

    private Result changeStatus(String visitSystem, String visitNumber, String from, String to) {
        EncounterVisitEntity known = knownVisit(visitSystem, visitNumber);
        EncounterEntity before = jpa.call(em -> em.find(EncounterEntity.class, known.getEncounterId()));
        if (before != null && to.equals(before.getStatus())) {
            return new Result(known.getMrn(), known.getEncounterId(), Change.UNCHANGED); // a repeated message
        }
        Clinical.Encounter e = content(() -> encounters.changeEncounterStatus(known.getMrn(), known.getEncounterId(),
                from, to, null));
        return new Result(e.mrn, e.id, Change.UPDATED);
    }

    private EncounterVisitEntity knownVisit(String visitSystem, String visitNumber) {
        String sys = key("visit number system", visitSystem);
        String number = key("visit number", visitNumber);
        EncounterVisitEntity known = visitOf(sys, number);
        if (known == null) {
            throw new IllegalArgumentException("unknown visit number " + number + " (" + sys + ")");
        }
        return known;
    }

    @Override
    public Result closeEncounter(String visitSystem, String visitNumber, String disposition) {
        String sys = key("visit number system", visitSystem);
        String number = key("visit number", visitNumber);
        EncounterVisitEntity known = visitOf(sys, number);
        if (known == null) {
            throw new IllegalArgumentException("unknown visit number " + number + " (" + sys + ")");
        }
        try {
            Clinical.Encounter closed = encounters.closeEncounter(known.getMrn(), known.getEncounterId(), null,
                    disposition);
            return new Result(closed.mrn, closed.id, Change.UPDATED);
        } catch (ProblemException e) {
            if (e.status() == 409) {
                return new Result(known.getMrn(), known.getEncounterId(), Change.UNCHANGED); // closed before
            }
            throw contentError(e);
        }
    }

    @Override
    public Result recordAllergies(String system, String patientValue, List<ExternalAllergy> allergies) {
        String mrn = required(key("identifier system", system), key("identifier", patientValue));
        if (allergies == null || allergies.isEmpty()) {
            return new Result(mrn, null, Change.UNCHANGED);
        }
        // Read here, not through the record's read: a feed may write the record, not read it.
        Set<String> known = new HashSet<>();
        for (String substance : jpa.call(em -> em.createQuery("SELECT a.substance FROM AllergyEntity a "
                + "WHERE a.mrn = :mrn", String.class).setParameter("mrn", mrn).getResultList())) {
            known.add(substance.toUpperCase(Locale.ROOT));
        }
        Change change = Change.UNCHANGED;
        for (ExternalAllergy in : allergies) {
            String substance = blankToNull(in.substance);
            if (substance == null || !known.add(substance.toUpperCase(Locale.ROOT))) {
                continue; // recorded before (or twice in one message): one allergy per substance
            }
            Clinical.AllergyInput a = new Clinical.AllergyInput();
            a.substance = substance;
            a.code = blankToNull(in.code);
            a.codeSystem = a.code == null ? null : blankToNull(in.codeSystem);
            a.kind = in.kind;
            // Severity not said (AL1-4 empty, U or unknown): UNKNOWN, never a refused (and lost) allergy.
            a.severity = blankToNull(in.severity) == null ? "UNKNOWN" : in.severity;
            a.reaction = in.reaction;
            content(() -> allergyList.recordAllergy(mrn, a, null));
            change = Change.UPDATED;
        }
        return new Result(mrn, null, change);
    }

    @Override
    public List<String> recordDiagnoses(String visitSystem, String visitNumber, List<ExternalDiagnosis> diagnoses) {
        String sys = key("visit number system", visitSystem);
        String number = key("visit number", visitNumber);
        EncounterVisitEntity visit = visitOf(sys, number);
        if (visit == null) {
            throw new IllegalArgumentException("unknown visit number " + number + " (" + sys + ")");
        }
        List<String> freeText = new ArrayList<>();
        if (diagnoses == null || diagnoses.isEmpty()) {
            return freeText;
        }
        String mrn = visit.getMrn();
        String encounterId = visit.getEncounterId();
        Set<String> known = new HashSet<>();
        for (String code : jpa.call(em -> em.createQuery("SELECT d.code FROM DiagnosisEntity d "
                + "WHERE d.encounterId = :e", String.class).setParameter("e", encounterId).getResultList())) {
            known.add(code.toUpperCase(Locale.ROOT));
        }
        Set<String> notes = new HashSet<>();
        for (ExternalDiagnosis in : diagnoses) {
            String code = blankToNull(in.code);
            if (code == null) {
                continue;
            }
            String normalised = Icd10CodeList.normalise(code);
            if (normalised != null && known.contains(Icd10CodeList.dotted(normalised).toUpperCase(Locale.ROOT))) {
                continue; // recorded by an earlier delivery of this message
            }
            Clinical.DiagnosisInput d = new Clinical.DiagnosisInput();
            d.code = code;
            d.encounterId = encounterId;
            try {
                Clinical.Diagnosis recorded = problemList.recordDiagnosis(mrn, d, null);
                known.add(recorded.code.toUpperCase(Locale.ROOT));
            } catch (ProblemException notInCatalogue) {
                if (notInCatalogue.status() < 400 || notInCatalogue.status() >= 500) {
                    throw notInCatalogue;
                }
                // Kept as the sender wrote it, once per encounter, rather than dropped.
                freeText.add(code);
                if (notes.isEmpty()) {
                    notes.addAll(jpa.call(em -> em.createQuery("SELECT n.noteText FROM ClinicalNoteEntity n "
                            + "WHERE n.encounterId = :e", String.class).setParameter("e", encounterId)
                            .getResultList()));
                }
                Clinical.NoteInput note = new Clinical.NoteInput();
                note.kind = "OTHER";
                note.encounterId = encounterId;
                note.text = "Diagnosis sent as " + code + (in.description == null ? "" : " (" + in.description
                        + ")") + ", a code not in the ICD-10 catalogue in use";
                if (notes.add(note.text)) {
                    content(() -> clinicalNotes.writeNote(mrn, note, null));
                }
            }
        }
        return freeText;
    }

    // ---------------------------------------------------------------------------------------------------

    private String required(String system, String value) {
        String mrn = mrnOf(system, value);
        if (mrn == null) {
            throw new IllegalArgumentException("unknown patient identifier " + value + " (" + system + ")");
        }
        return mrn;
    }

    /** The surviving MRN the identifier names, or null. */
    private String mrnOf(String system, String value) {
        return jpa.call(em -> mrnOf(em, system, value));
    }

    private static String mrnOf(EntityManager em, String system, String value) {
        List<String> found = em.createQuery("SELECT i.mrn FROM PatientIdentifierEntity i "
                + "WHERE i.idSystem = :s AND i.idValue = :v", String.class)
                .setParameter("s", system).setParameter("v", value).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        PatientEntity p = em.find(PatientEntity.class, found.get(0));
        return p == null ? null : PatientService.survivor(em, p).getMrn();
    }

    private EncounterVisitEntity visitOf(String system, String number) {
        return jpa.call(em -> em.createQuery("SELECT v FROM EncounterVisitEntity v WHERE v.visitSystem = :s "
                + "AND v.visitNumber = :n", EncounterVisitEntity.class).setParameter("s", system)
                .setParameter("n", number).getResultList().stream().findFirst().orElse(null));
    }

    /** Runs an EMR service call, turning its 4xx refusals into content errors for the feed. */
    private static <T> T content(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            throw contentError(e);
        }
    }

    private static RuntimeException contentError(ProblemException e) {
        if (e.status() >= 400 && e.status() < 500) {
            return new IllegalArgumentException(e.getMessage(), e);
        }
        return e;
    }

    /** The incoming demographics over the current ones: what the message leaves out stays as it is. */
    static PatientDemographics demographics(ExternalPatient in, Patient current) {
        PatientDemographics d = new PatientDemographics();
        if (current != null) {
            d.givenName = current.givenName;
            d.familyName = current.familyName;
            d.sex = current.sex;
            d.birthDate = current.birthDate;
            d.nationalId = current.nationalId;
            d.phones = new ArrayList<>(current.phones);
            d.email = current.email;
            d.address = current.address;
            d.preferredLanguage = current.preferredLanguage;
            d.nextOfKin = new ArrayList<>(current.nextOfKin);
            d.insurance = new ArrayList<>(current.insurance);
        }
        d.givenName = over(in.givenName, d.givenName);
        d.familyName = over(in.familyName, d.familyName);
        d.sex = over(in.sex, d.sex);
        d.birthDate = over(in.birthDate, d.birthDate);
        d.nationalId = over(in.nationalId, d.nationalId);
        if (in.phones != null && !in.phones.isEmpty()) {
            d.phones = new ArrayList<>(in.phones);
        }
        if (in.addressLine != null || in.addressCity != null || in.addressPostalCode != null
                || in.addressCountry != null) {
            Address a = new Address();
            a.line = blankToNull(in.addressLine);
            a.city = blankToNull(in.addressCity);
            a.postalCode = blankToNull(in.addressPostalCode);
            a.country = blankToNull(in.addressCountry);
            d.address = a;
        }
        if (in.nextOfKin != null) {
            d.nextOfKin = new ArrayList<>(in.nextOfKin.size());
            for (ExternalNextOfKin k : in.nextOfKin) {
                NextOfKin n = new NextOfKin();
                n.name = k.name;
                n.relationship = k.relationship;
                n.phone = k.phone;
                n.email = k.email;
                d.nextOfKin.add(n);
            }
        }
        if (in.insurance != null) {
            d.insurance = new ArrayList<>(in.insurance.size());
            for (ExternalInsurance c : in.insurance) {
                InsurancePolicy p = new InsurancePolicy();
                p.insurer = c.insurer;
                p.plan = c.plan;
                p.policyNumber = c.policyNumber;
                p.holderRelationship = c.holderRelationship;
                p.validFrom = c.validFrom;
                p.validTo = c.validTo;
                d.insurance.add(p);
            }
        }
        return d;
    }

    static boolean sameDemographics(Patient current, PatientDemographics next) {
        Address a = current.address == null ? new Address() : current.address;
        Address b = next.address == null ? new Address() : next.address;
        return !current.unidentified && same(current.givenName, next.givenName)
                && same(current.familyName, next.familyName) && same(current.sex, next.sex)
                && same(current.birthDate, next.birthDate)
                && same(nationalIdKey(current.nationalId), nationalIdKey(next.nationalId))
                && samePhones(current.phones, next.phones) && same(a.line, b.line) && same(a.city, b.city)
                && same(a.postalCode, b.postalCode) && same(a.country, b.country)
                && sameNextOfKin(current.nextOfKin, next.nextOfKin) && sameInsurance(current.insurance, next.insurance);
    }

    /**
     * Phones as the record compares them (digits and a leading +): a feed that formats the number the desk typed
     * another way, "+44 113 496 0000" against "+441134960000", sends the same phone, not a change.
     */
    private static boolean samePhones(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(phoneKey(a.get(i)), phoneKey(b.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static String phoneKey(String phone) {
        String p = blankToNull(phone);
        return p == null ? null : ValidDemographics.normalisePhone(p);
    }

    private static String nationalIdKey(String id) {
        String v = blankToNull(id);
        return v == null ? null : ValidDemographics.normaliseNationalId(v);
    }

    private static boolean sameNextOfKin(List<NextOfKin> a, List<NextOfKin> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            NextOfKin x = a.get(i);
            NextOfKin y = b.get(i);
            if (!same(x.name, y.name) || !same(x.relationship, y.relationship)
                    || !Objects.equals(phoneKey(x.phone), phoneKey(y.phone))
                    || !same(x.email, y.email)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInsurance(List<InsurancePolicy> a, List<InsurancePolicy> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            InsurancePolicy x = a.get(i);
            InsurancePolicy y = b.get(i);
            if (!same(x.insurer, y.insurer) || !same(x.plan, y.plan)
                    || !same(nationalIdKey(x.policyNumber), nationalIdKey(y.policyNumber))
                    || !same(x.holderRelationship == null ? "SELF" : x.holderRelationship,
                            y.holderRelationship == null ? "SELF" : y.holderRelationship)
                    || !same(x.validFrom, y.validFrom) || !same(x.validTo, y.validTo)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String a, String b) {
        String x = blankToNull(a);
        String y = blankToNull(b);
        return Objects.equals(x == null ? null : x.toUpperCase(Locale.ROOT), y == null ? null : y.toUpperCase(Locale.ROOT));
    }

    private static String over(String incoming, String current) {
        String v = blankToNull(incoming);
        return v == null ? current : v;
    }

    private static String key(String what, String value) {
        String v = blankToNull(value);
        if (v == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (v.length() > MAX_KEY) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_KEY + " characters");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
