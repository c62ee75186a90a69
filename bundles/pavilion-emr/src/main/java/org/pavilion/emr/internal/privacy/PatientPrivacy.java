package org.pavilion.emr.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.metamodel.Attribute;
import javax.persistence.metamodel.EntityType;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.emr.api.PatientErased;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.Names;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.document.DocumentService;
import org.pavilion.events.api.EventPublisher;

/**
 * GDPR rights on the EMR's data: export of everything held on a patient as one file, and erasure within the
 * limits of medical-record retention. Both work from the persistence unit's metamodel (every entity with an
 * {@code mrn} attribute belongs to a patient), so a table added to the record later is exported and erased
 * without touching this class. A merged patient's data is the survivor's plus its tombstones'.
 */
@Component(service = PatientPrivacy.class, configurationPid = PatientPrivacy.PID)
@Designate(ocd = PrivacyConfig.class)
public class PatientPrivacy {

    public static final String PID = "org.pavilion.emr.privacy";
    static final String RESOURCE = "patient-privacy";
    public static final String EXPORT_FORMAT = "pavilion-emr-patient-export";

    /** The registration part of the record: contact data, erasable whatever the retention. */
    private static final Set<String> CONTACT_ENTITIES = Set.of("PatientPhoneEntity", "NextOfKinEntity",
            "InsurancePolicyEntity");
    /**
     * Clinical entities whose rows other clinical rows reference, deleted last in a full erasure (children first).
     * An entity not listed is deleted before these.
     */
    private static final List<String> DELETE_LAST = List.of("EncounterEntity");
    /**
     * External identifiers (HL7 PID-3): not clinical, so they neither start nor extend retention; in a full erasure
     * removed only once every department's participant has completed, since they are how the HL7 hub finds the
     * patient's stored messages (see docs/privacy-participants.md).
     */
    static final String IDENTIFIERS = "PatientIdentifierEntity";

    private final PatientAccess access;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final DocumentService documents;
    private final PrivacyParticipants participants;
    private final ParticipantRuns runs;
    private volatile int retentionYears;

    @Activate
    public PatientPrivacy(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference DocumentService documents,
            @Reference PrivacyParticipants participants, @Reference ParticipantRuns runs,
            @Reference PatientAccess access, PrivacyConfig config) {
        this.access = access;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.documents = documents;
        this.participants = participants;
        this.runs = runs;
        modified(config);
    }

    @Modified
    void modified(PrivacyConfig config) {
        if (config.retentionYears() < 0) {
            throw new IllegalArgumentException("retentionYears must be 0 or more, was " + config.retentionYears());
        }
        this.retentionYears = config.retentionYears();
    }

    /**
     * Checks the caller may export patient {@code mrn} (an ADMIN, or the PATIENT themself: the right of access),
     * audits it, and returns the MRNs whose data the export holds (the survivor first, then its tombstones).
     */
    public List<String> prepareExport(String mrn) {
        return prepareExport(mrn, null);
    }

    /**
     * As {@link #prepareExport(String)}; an administrator exporting someone else's record (anyone but the
     * patient's own account) must give {@code reason} (at least {@link ClinicalAccess#MIN_REASON_LENGTH}
     * characters, 422 otherwise): the whole record leaves the hospital, so it is audited as emergency access with
     * the reason. The patient's own export (the right of access) needs none.
     */
    public List<String> prepareExport(String mrn, String reason) {
        PatientService.requireValidMrn(mrn);
        AccessDecision decision = access.decide(mrn, DataPart.EXPORT, PatientAccess.Action.READ);
        if (decision.outcome() == AccessDecision.Outcome.DENIED) {
            audit.record(decision.auditEvent("EXPORT", RESOURCE)
                    .detail("only the patient or an administrator may export: " + decision.reason()).build());
            throw ProblemException.forbidden("Only the patient themself or an administrator may export a record");
        }
        List<String> mrns = jpa.call(em -> recordMrns(em, mrn));
        if (mrns == null) {
            throw ProblemException.notFound("Patient", mrn);
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        boolean someoneElses = !ownRecord(mrns);
        if (someoneElses && (why == null || why.length() < ClinicalAccess.MIN_REASON_LENGTH)) {
            audit.record(AuditEvent.of("EXPORT", RESOURCE).resourceId(mrn).patientId(mrns.get(0))
                    .outcome(AuditOutcome.FAILED).detail("no reason given for exporting another person's record")
                    .build());
            throw ProblemException.unprocessable("Exporting another person's record needs a reason of at least "
                    + ClinicalAccess.MIN_REASON_LENGTH + " characters (header " + ClinicalAccess.BREAK_GLASS_HEADER
                    + " or ?reason=): it is audited as emergency access");
        }
        AuditEvent.Builder record = AuditEvent.of("EXPORT", RESOURCE).resourceId(mrn).patientId(mrns.get(0));
        audit.record((someoneElses
                ? record.emergencyAccess(true).detail("break-the-glass: " + why + "; GDPR export of " + mrns)
                : record.detail("GDPR export of " + mrns)).build());
        return mrns;
    }

    /** Whether the caller is the patient's own account (its linked MRN is one of the record's {@code mrns}). */
    private static boolean ownRecord(List<String> mrns) {
        Caller caller = CallerContext.current().orElse(null);
        if (caller == null) {
            return true; // an in-container actor, not a person exporting someone's record
        }
        return caller.patientId().map(mrns::contains).orElse(false);
    }

    /**
     * Writes the export as a ZIP holding {@code patient.json}: every row of every EMR entity of these MRNs,
     * grouped by kind, with the format name and version so another system can read it back; and every attached
     * document's content under {@code documents/}.
     */
    public void export(List<String> mrns, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("patient.json"));
        JsonGenerator json = new JsonFactory().createGenerator(zip, JsonEncoding.UTF8).useDefaultPrettyPrinter();
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("format", EXPORT_FORMAT);
        json.writeNumberField("formatVersion", 1);
        json.writeStringField("exportedAt", Instant.now().toString());
        json.writeStringField("mrn", mrns.get(0));
        json.writeArrayFieldStart("mergedDuplicates");
        for (String m : mrns.subList(1, mrns.size())) {
            json.writeString(m);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("data");
        try {
            jpa.run(em -> {
                for (EntityType<?> type : patientEntities(em)) {
                    List<?> rows = em.createQuery("SELECT x FROM " + type.getName() + " x WHERE x.mrn IN :mrns")
                            .setParameter("mrns", mrns).getResultList();
                    try {
                        json.writeArrayFieldStart(type.getName().replaceFirst("Entity$", ""));
                        for (Object row : rows) {
                            writeRow(json, type, row);
                        }
                        json.writeEndArray();
                    } catch (IOException e) {
                        throw new ExportWriteFailed(e);
                    }
                }
            });
        } catch (ExportWriteFailed e) {
            throw (IOException) e.getCause();
        }
        json.writeEndObject();
        // Each department's section, as its privacy participant writes it.
        json.writeObjectFieldStart("departments");
        participants.export(jpa.call(em -> subject(em, mrns, null, Instant.now())), json);
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
        zip.closeEntry();
        documents.exportContents(mrns, zip);
        zip.finish();
    }

    /**
     * Carries out an erasure request. Contact data (phones, e-mail, address, language, next of kin, insurance)
     * goes at once. While the medical record is under retention ({@code retentionYears} after the last clinical
     * activity), the clinical rows and what identifies the record (names, sex, birth date, national id) are kept,
     * and the report says until when; after it, or with no clinical record at all, the clinical rows are deleted
     * and the person pseudonymised (placeholder names, year of birth only, no national id). The MRN stays as a
     * key the audit trail and other departments refer to. One transaction: all of it, or nothing.
     */
    public ErasureReport erase(String mrn, String reason) {
        PatientService.requireValidMrn(mrn);
        String why = reason == null ? null : reason.strip();
        if (why == null || why.length() < 5 || why.length() > 500) {
            throw ProblemException.validation("reason is required: the erasure request it carries out (5 to 500 "
                    + "characters, e.g. its reference)");
        }
        String actor = PatientService.actor();
        long now = System.currentTimeMillis();
        int years = retentionYears;
        List<String> filesToDelete = new ArrayList<>();
        PrivacySubject[] subject = new PrivacySubject[1];
        ErasureReport report = jpa.call(em -> {
            List<String> mrns = recordMrns(em, mrn);
            if (mrns == null) {
                throw ProblemException.notFound("Patient", mrn);
            }
            ErasureReport r = new ErasureReport();
            r.mrn = mrns.get(0);
            r.mergedDuplicates.addAll(mrns.subList(1, mrns.size()));
            r.erasedAt = Instant.ofEpochMilli(now).toString();
            r.erasedBy = actor;
            r.reason = why;
            List<PatientEntity> people = new ArrayList<>();
            for (String m : mrns) {
                people.add(em.find(PatientEntity.class, m));
            }
            // What the departments need to find the patient, read before anything is erased; scope set below.
            subject[0] = subject(em, mrns, null, Instant.ofEpochMilli(now));
            for (String contact : List.of("PatientPhoneEntity", "NextOfKinEntity", "InsurancePolicyEntity")) {
                long n = em.createQuery("DELETE FROM " + contact + " x WHERE x.mrn IN :mrns").setParameter("mrns", mrns)
                        .executeUpdate();
                r.removed.add(new ErasureReport.Item(label(contact), n, "contact and cover data, not part of the "
                        + "medical record"));
            }
            for (PatientEntity p : people) {
                p.setEmail(null);
                p.setAddressLine(null);
                p.setAddressCity(null);
                p.setAddressPostalCode(null);
                p.setAddressCountry(null);
                p.setPreferredLanguage(null);
                p.setUpdatedMs(now);
                p.setUpdatedBy(actor);
            }
            r.removed.add(new ErasureReport.Item("email, address, preferred language", null,
                    "contact data, not part of the medical record"));

            Map<EntityType<?>, Long> clinical = new LinkedHashMap<>();
            long lastActivity = Long.MIN_VALUE;
            for (EntityType<?> type : patientEntities(em)) {
                if (type.getJavaType() == PatientEntity.class || CONTACT_ENTITIES.contains(type.getName())
                        || IDENTIFIERS.equals(type.getName())) {
                    continue;
                }
                long n = em.createQuery("SELECT COUNT(x) FROM " + type.getName() + " x WHERE x.mrn IN :mrns",
                        Long.class).setParameter("mrns", mrns).getSingleResult();
                if (n > 0) {
                    clinical.put(type, n);
                    lastActivity = Math.max(lastActivity, latestTime(em, type, mrns));
                }
            }
            LocalDate until = clinical.isEmpty() || lastActivity == Long.MIN_VALUE ? null
                    : Instant.ofEpochMilli(lastActivity).atZone(ZoneOffset.UTC).toLocalDate().plusYears(years);
            boolean retained = until != null && LocalDate.now(ZoneOffset.UTC).isBefore(until);
            if (retained) {
                r.scope = "PARTIAL";
                r.retainedUntil = until.toString();
                String law = "medical record under retention until " + until + " (" + years
                        + " years after the last clinical activity)";
                clinical.forEach((type, n) -> r.kept.add(new ErasureReport.Item(label(type.getName()), n, law)));
                r.kept.add(new ErasureReport.Item("names, sex, birth date, national id, MRN", null,
                        "identify whose medical record it is, while it is retained"));
                r.kept.add(new ErasureReport.Item(label(IDENTIFIERS), countIdentifiers(em, mrns),
                        "external identifiers of the retained record: feeds keep referring to it"));
            } else {
                r.scope = "FULL";
                filesToDelete.addAll(documents.eraseContents(em, mrns));
                List<EntityType<?>> order = new ArrayList<>(clinical.keySet());
                order.sort(Comparator.comparingInt(t -> DELETE_LAST.indexOf(t.getName())));
                for (EntityType<?> type : order) {
                    long n = em.createQuery("DELETE FROM " + type.getName() + " x WHERE x.mrn IN :mrns")
                            .setParameter("mrns", mrns).executeUpdate();
                    r.removed.add(new ErasureReport.Item(label(type.getName()), n, until == null
                            ? "no retention applies" : "retention period ended on " + until));
                }
                for (PatientEntity p : people) {
                    p.setGivenName("Erased");
                    p.setFamilyName("Erased " + p.getMrn());
                    p.setGivenNameNorm(Names.normalise(p.getGivenName()));
                    p.setFamilyNameNorm(Names.normalise(p.getFamilyName()));
                    p.setNationalId(null);
                    p.setNationalIdNorm(null);
                    p.setBirthDate(p.getBirthDate().substring(0, 4) + "-01-01");
                    p.setBirthDateEstimated(true);
                    p.setArrivalNote(null);
                    p.setErasedMs(now);
                }
                r.pseudonymised.add(new ErasureReport.Item("names, national id, birth date (year kept)", null,
                        "the MRN remains as a key the audit trail and other departments' records refer to; "
                                + "it no longer identifies the person"));
            }
            r.kept.add(new ErasureReport.Item("audit trail entries", null, "legal obligation to account for every "
                    + "access to health data; tamper-evident, refers to the MRN only"));
            PatientErased event = new PatientErased();
            event.mrn = r.mrn;
            event.scope = r.scope;
            event.retainedUntil = r.retainedUntil;
            event.erasedAt = r.erasedAt;
            events.publish(em, PatientErased.TYPE, Mrn.subjectKey(r.mrn), event);
            return r;
        });
        documents.deleteFiles(filesToDelete);
        // The departments, each in its own transactions now that the EMR's part has committed.
        PrivacySubject s = subject[0];
        report.participants = participants.erase(new PrivacySubject(s.mrns(), s.identifiers(), s.names(),
                s.birthDates(), report.scope, s.requestedAt()));
        runs.keep(ParticipantRuns.ERASURE, report.mrn, report.participants, actor);
        long failed = report.participants.stream().filter(p -> ParticipantReport.FAILED.equals(p.status)).count();
        if ("FULL".equals(report.scope)) {
            removeIdentifiersOnceAllCompleted(report, s.mrns(), failed);
        }
        audit.record(AuditEvent.of("ERASE", RESOURCE).resourceId(mrn).patientId(report.mrn)
                .detail(report.scope + " erasure: " + why + (failed == 0 ? ""
                        : "; " + failed + " department(s) FAILED, to be completed by erasing again")).build());
        return report;
    }

    /** The departments' kept outcomes of the erasure of {@code mrn}'s record (keyed by its survivor). */
    public List<ParticipantRun> erasureParticipants(String mrn) {
        PatientService.requireValidMrn(mrn);
        List<String> mrns = jpa.call(em -> recordMrns(em, mrn));
        if (mrns == null) {
            throw ProblemException.notFound("Patient", mrn);
        }
        return runs.withInstalled(ParticipantRuns.ERASURE, mrns.get(0), participants.titles());
    }

    private void removeIdentifiersOnceAllCompleted(ErasureReport report, List<String> mrns, long failed) {
        if (failed > 0) {
            long n = jpa.call(em -> countIdentifiers(em, mrns));
            report.kept.add(new ErasureReport.Item(label(IDENTIFIERS), n, failed + " department(s) failed: the "
                    + "identifiers are how they find the patient when the erasure is run again, which completes it"));
            return;
        }
        long n = jpa.call(em -> (long) em.createQuery("DELETE FROM " + IDENTIFIERS + " x WHERE x.mrn IN :mrns")
                .setParameter("mrns", mrns).executeUpdate());
        report.removed.add(new ErasureReport.Item(label(IDENTIFIERS), n, "every department has completed its "
                + "erasure: nothing needs them to find the patient any more"));
    }

    private static long countIdentifiers(EntityManager em, List<String> mrns) {
        return em.createQuery("SELECT COUNT(x) FROM " + IDENTIFIERS + " x WHERE x.mrn IN :mrns", Long.class)
                .setParameter("mrns", mrns).getSingleResult();
    }

    /** The patient as the departments' participants need to find them: MRNs, external identifiers, names. */
    private static PrivacySubject subject(EntityManager em, List<String> mrns, String scope, Instant at) {
        List<PrivacySubject.Identifier> ids = new ArrayList<>();
        for (Object[] row : em.createQuery("SELECT x.idSystem, x.idValue FROM " + IDENTIFIERS
                + " x WHERE x.mrn IN :mrns ORDER BY x.idSystem, x.idValue", Object[].class)
                .setParameter("mrns", mrns).getResultList()) {
            ids.add(new PrivacySubject.Identifier((String) row[0], (String) row[1]));
        }
        List<PrivacySubject.Name> names = new ArrayList<>();
        List<String> births = new ArrayList<>();
        for (String m : mrns) {
            PatientEntity p = em.find(PatientEntity.class, m);
            if (p != null) {
                names.add(new PrivacySubject.Name(p.getGivenName(), p.getFamilyName()));
                if (p.getBirthDate() != null && !births.contains(p.getBirthDate())) {
                    births.add(p.getBirthDate());
                }
            }
        }
        return new PrivacySubject(mrns, ids, names, births, scope, at);
    }

    /** The survivor that {@code mrn} leads to, then every record merged into it; null when there is none. */
    private static List<String> recordMrns(EntityManager em, String mrn) {
        PatientEntity start = em.find(PatientEntity.class, mrn);
        if (start == null) {
            return null;
        }
        String survivor = PatientService.survivor(em, start).getMrn();
        List<String> all = new ArrayList<>(List.of(survivor));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(em.createQuery("SELECT p.mrn FROM PatientEntity p WHERE p.mergedInto = :m ORDER BY p.mrn",
                    String.class).setParameter("m", all.get(i)).getResultList());
        }
        return all;
    }

    private static List<EntityType<?>> patientEntities(EntityManager em) {
        List<EntityType<?>> types = new ArrayList<>();
        for (EntityType<?> t : em.getMetamodel().getEntities()) {
            if (t.getAttributes().stream().anyMatch(a -> a.getName().equals("mrn"))) {
                types.add(t);
            }
        }
        types.sort(Comparator.comparing((EntityType<?> t) -> t.getJavaType() != PatientEntity.class)
                .thenComparing(EntityType::getName));
        return types;
    }

    /** Latest epoch-ms time among the entity's long attributes named *Ms (recordedMs, openedMs, ...). */
    private static long latestTime(EntityManager em, EntityType<?> type, List<String> mrns) {
        long latest = Long.MIN_VALUE;
        for (Attribute<?, ?> a : type.getAttributes()) {
            Class<?> j = a.getJavaType();
            if (a.getName().endsWith("Ms") && (j == long.class || j == Long.class)) {
                Object max = em.createQuery("SELECT MAX(x." + a.getName() + ") FROM " + type.getName()
                        + " x WHERE x.mrn IN :mrns").setParameter("mrns", mrns).getSingleResult();
                if (max instanceof Number n) {
                    latest = Math.max(latest, n.longValue());
                }
            }
        }
        return latest;
    }

    private static void writeRow(JsonGenerator json, EntityType<?> type, Object row) throws IOException {
        json.writeStartObject();
        List<Attribute<?, ?>> attributes = new ArrayList<>(type.getAttributes());
        attributes.sort(Comparator.comparing(Attribute::getName));
        for (Attribute<?, ?> a : attributes) {
            Object v = read(a, row);
            json.writeFieldName(a.getName());
            if (v == null) {
                json.writeNull();
            } else if (v instanceof byte[] bytes) {
                json.writeString(Base64.getEncoder().encodeToString(bytes));
            } else if (v instanceof Number n) {
                json.writeNumber(n.toString());
            } else if (v instanceof Boolean b) {
                json.writeBoolean(b);
            } else {
                json.writeString(v.toString());
            }
        }
        json.writeEndObject();
    }

    /** Through the getter where there is one, so lazily loaded fields are loaded; else the field itself. */
    private static Object read(Attribute<?, ?> a, Object row) {
        String cap = Character.toUpperCase(a.getName().charAt(0)) + a.getName().substring(1);
        for (String prefix : List.of("get", "is")) {
            try {
                Method m = row.getClass().getMethod(prefix + cap);
                return m.invoke(row);
            } catch (NoSuchMethodException e) {
                // try the next form
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + a.getName() + " of " + row.getClass(), e);
            }
        }
        Member member = a.getJavaMember();
        if (member instanceof Field f) {
            try {
                f.setAccessible(true);
                return f.get(row);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + a.getName() + " of " + row.getClass(), e);
            }
        }
        throw new IllegalStateException("No way to read " + a.getName() + " of " + row.getClass());
    }

    private static String label(String entityName) {
        return entityName.replaceFirst("Entity$", "");
    }

    private static final class ExportWriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExportWriteFailed(IOException cause) {
            super(cause);
        }
    }
}
