package org.pavilion.emr.internal.integration;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.persistence.EntityManager;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.PatientMerge;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.hl7.EmrAdtHandler;
import org.pavilion.emr.internal.privacy.PrivacyParticipants;
import org.pavilion.emr.internal.record.AllergyList;
import org.pavilion.emr.internal.record.ClinicalNotes;
import org.pavilion.emr.internal.record.EncounterService;
import org.pavilion.emr.internal.record.Icd10Catalogue;
import org.pavilion.emr.internal.record.Icd10Config;
import org.pavilion.emr.internal.record.ProblemList;
import org.pavilion.emr.internal.record.RecordWork;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/**
 * The EMR's ADT handler over the real directory, record and patient services on the EMR's real change logs (H2;
 * PostgreSQL with -Dpavilion.test.postgres), without a container: what a feed's messages leave in the record, the
 * events published and the audit trail.
 */
final class AdtRecordHarness implements AutoCloseable {

    final EmrDatabase db;
    final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    /** Published events as "Type subject", in order. */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Object> payloads = Collections.synchronizedList(new ArrayList<>());
    final PatientDirectoryService directory;
    final EncounterService encounters;
    final AllergyList allergies;
    final EmrAdtHandler adt;

    AdtRecordHarness() throws Exception {
        db = new EmrDatabase();
        EventPublisher publisher = new EventPublisher() {
            @Override
            public String publish(EntityManager em, String eventType, Object payload) {
                return publish(em, eventType, null, payload);
            }

            @Override
            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                events.add(eventType);
                payloads.add(payload);
                return "ev-" + events.size();
            }
        };
        ClinicalAccess access = new ClinicalAccess(db.emf, trail::add);
        PatientService patients = new PatientService(db.emf, trail::add, publisher, access,
                TestConstraints.platform());
        Icd10Catalogue icd10 = new Icd10Catalogue(new Icd10Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Icd10Config.class;
            }

            @Override
            public String path() {
                return "";
            }

            @Override
            public String codeSystem() {
                return "ICD-10-CM";
            }
        });
        RecordWork work = new RecordWork(db.emf, trail::add, publisher, access);
        encounters = new EncounterService(work, TestConstraints.platform());
        allergies = new AllergyList(work, TestConstraints.platform());
        PatientMerge merges = new PatientMerge(db.emf, trail::add, publisher, patients,
                new PrivacyParticipants(List.of()), new org.pavilion.emr.internal.privacy.ParticipantRuns(db.emf));
        directory = new PatientDirectoryService(db.emf, patients, merges, encounters, allergies,
                new ProblemList(work, icd10), new ClinicalNotes(work, TestConstraints.platform()), trail::add);
        adt = new EmrAdtHandler(directory);
    }

    /** Handles one message as the hub would (the completion commits at once); the handler's outcome. */
    Outcome send(String message) throws Exception {
        return adt.handle(InboundMessage.parse(message.replace('\n', '\r')), new Completion() {
            @Override
            public void store() {
            }

            @Override
            public void commit(java.sql.Connection c, Outcome outcome, java.util.concurrent.Callable<Void> commit)
                    throws Exception {
                commit.call();
            }
        });
    }

    <T> T query(java.util.function.Function<EntityManager, T> work) {
        return new JpaTransactions(db.emf).call(work::apply);
    }

    @Override
    public void close() throws Exception {
        directory.deactivate();
        db.close();
    }
}
