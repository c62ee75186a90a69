package org.pavilion.emr.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.pavilion.emr.api.ExternalAllergy;
import org.pavilion.emr.api.ExternalDiagnosis;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;
import org.pavilion.emr.internal.integration.CommittingDirectory;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/** The ADT mapping against a directory that records its calls: what is written, and with the hub's completion. */
public class EmrAdtHandlerTest {

    /** Calls made, in order; a registration with a participant commits it ("joined"). */
    private final List<String> calls = new ArrayList<>();
    private final List<ExternalVisit> opened = new ArrayList<>();
    private final List<ExternalPatient> registered = new ArrayList<>();

    private final CommittingDirectory directory = new CommittingDirectory() {
        @Override
        public Result registerOrUpdate(ExternalPatient p) {
            calls.add("register " + p.value);
            return new Result("MRN-1", null, Change.CREATED);
        }

        @Override
        public Result registerOrUpdate(ExternalPatient p, Participant participant) {
            registered.add(p);
            Result r = new Result("MRN-1", null, Change.CREATED);
            try {
                participant.commit(null, r, () -> {
                    calls.add("register " + p.value + " joined");
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return r;
        }

        @Override
        public Optional<String> findMrn(String system, String value) {
            return Optional.empty();
        }

        @Override
        public Result merge(String system, String survivorValue, String duplicateValue, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result openEncounter(String system, String patientValue, ExternalVisit visit) {
            calls.add("open " + visit.number);
            opened.add(visit);
            return new Result("MRN-1", "E-1", Change.CREATED);
        }

        @Override
        public Result openEncounterForPatient(String mrn, ExternalVisit visit) {
            throw new UnsupportedOperationException("the ADT handler names patients by their feed's identifiers");
        }

        @Override
        public Result closeEncounter(String visitSystem, String visitNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result closeEncounter(String visitSystem, String visitNumber, String disposition) {
            calls.add("close " + visitNumber + " to " + disposition);
            return new Result("MRN-1", "E-1", Change.UPDATED);
        }

        @Override
        public Result moveEncounter(String visitSystem, String visitNumber, String location) {
            calls.add(location == null ? "move " + visitNumber + " back" : "move " + visitNumber + " to " + location);
            return new Result("MRN-1", "E-1", Change.UPDATED);
        }

        @Override
        public Result reopenEncounter(String visitSystem, String visitNumber) {
            calls.add("reopen " + visitNumber);
            return new Result("MRN-1", "E-1", Change.UPDATED);
        }

        @Override
        public Result cancelEncounter(String visitSystem, String visitNumber) {
            calls.add("cancel " + visitNumber);
            return new Result("MRN-1", "E-1", Change.UPDATED);
        }

        @Override
        public Result recordAllergies(String system, String patientValue, List<ExternalAllergy> allergies) {
            for (ExternalAllergy a : allergies) {
                calls.add("allergy " + a.substance + " " + a.kind + " " + a.severity + " " + a.reaction);
            }
            return new Result("MRN-1", null, Change.UPDATED);
        }

        @Override
        public Result changeEncounterClass(String system, String patientValue, ExternalVisit visit,
                String priorVisitNumber) {
            calls.add("class " + visit.number + " (prior " + priorVisitNumber + ") to " + visit.kind
                    + (visit.location == null ? "" : " at " + visit.location));
            return new Result("MRN-1", "E-1", Change.UPDATED);
        }

        @Override
        public Result changeIdentifier(String system, String oldValue, String newValue) {
            calls.add("identifier " + system + " " + oldValue + " -> " + newValue);
            if (newValue.equals("K-TAKEN")) {
                throw new IllegalArgumentException("conflict: identifier K-TAKEN (" + system + ") already names "
                        + "another patient");
            }
            return new Result("MRN-1", null, Change.UPDATED);
        }

        @Override
        public List<String> recordDiagnoses(String system, String patientValue, ExternalVisit visit,
                List<ExternalDiagnosis> ds) {
            return recordDiagnoses(visit.system, visit.number, ds);
        }

        @Override
        public List<String> recordDiagnoses(String visitSystem, String visitNumber, List<ExternalDiagnosis> ds) {
            List<String> freeText = new ArrayList<>();
            for (ExternalDiagnosis d : ds) {
                calls.add("diagnosis " + d.code + " on " + visitNumber);
                if (!d.code.startsWith("J")) {
                    freeText.add(d.code); // this directory's catalogue holds the J chapter only
                }
            }
            return freeText;
        }
    };

    private final EmrAdtHandler adt = new EmrAdtHandler(directory);
    private final List<Outcome> completed = new ArrayList<>();
    private final Completion completion = new Completion() {
        @Override
        public void store() {
            calls.add("store the message");
        }

        @Override
        public void commit(java.sql.Connection c, Outcome outcome, java.util.concurrent.Callable<Void> commit)
                throws Exception {
            completed.add(outcome);
            commit.call();
        }
    };

    private Outcome apply(String trigger, String pv1) throws Exception {
        return adt.handle(InboundMessage.parse("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^"
                + trigger + "|C-" + trigger + "|P|2.5.1\rEVN|" + trigger + "|20240601080000\r"
                + "PID|1||K-1001^^^GENHOSP^MR||Okafor^Adaeze||19840301|F\r" + pv1), completion);
    }

    @Test
    public void aRegistrationWithoutAVisitCommitsTheHubsCompletionWithThePatient() throws Exception {
        Outcome o = apply("A04", "");
        assertEquals("stored with the patient, not before", List.of("register K-1001 joined"), calls);
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals(1, completed.size());
        assertEquals("ADT^A04 patient CREATED MRN-1", completed.get(0).summary());
    }

    @Test
    public void anAdmissionOpensItsEncounterAndTheHubCompletesTheMessageItself() throws Exception {
        Outcome o = apply("A01", "PV1|1|I|WARD1^12^A||||||||||||||||V-2001^^^GENHOSP\r");
        assertEquals("stored before the first write", List.of("store the message", "register K-1001", "open V-2001"),
                calls);
        assertTrue(o.summary(), o.summary().endsWith("; encounter CREATED MRN-1 encounter E-1"));
        assertTrue("two writes: the hub completes after both", completed.isEmpty());
    }

    @Test
    public void anAdmissionWithoutAVisitNumberOpensAVisitKnownByFacilityAdmitTimeAndClass() throws Exception {
        Outcome o = apply("A01", "PV1|1|I|W4^12^B" + "|".repeat(41) + "202406010745\r");
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals(List.of("store the message", "register K-1001", "open null"), calls);
        ExternalVisit v = opened.get(0);
        assertNull("no external visit number", v.number);
        assertEquals("the sending facility (MSH-4)", "GENHOSP", v.system);
        assertEquals("PV1-44 as sent", "202406010745", v.admittedAt);
        assertEquals("ADMISSION", v.kind);
        assertEquals("W4^12^B", v.location);
        assertEquals(false, v.planned);
    }

    @Test
    public void withoutPv144TheAdmissionIsKnownByTheDayOfTheMessage() throws Exception {
        apply("A01", "PV1|1|E\r");
        assertEquals("20240601", opened.get(0).admittedAt);
        assertEquals("EMERGENCY", opened.get(0).kind);
    }

    @Test
    public void anAdmissionWithoutPv1IsRefusedBeforeThePatientIsWritten() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> apply("A01", ""));
        assertEquals("PV1", e.error().segment());
        assertTrue("nothing half-written (the hub stores it with its error)", calls.isEmpty());
    }

    @Test
    public void aRegistrationWhosePv1NamesNoVisitStaysOnTheOneCommitPath() throws Exception {
        apply("A04", "PV1|1|O\r");
        assertEquals("the throughput feed's A04: no encounter", List.of("register K-1001 joined"), calls);
    }

    @Test
    public void aPreAdmissionOpensAPlannedEncounter() throws Exception {
        Outcome o = apply("A05", "PV1|1|I|W4||||||||||||||||V-2010^^^GENHOSP\r");
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals(List.of("store the message", "register K-1001", "open V-2010"), calls);
        assertTrue(opened.get(0).planned);
        assertEquals("ADMISSION", opened.get(0).kind);
    }

    @Test
    public void classChangesNameTheNewClassAndFindTheVisitByNumberOrPriorNumber() throws Exception {
        apply("A06", "PV1|1|I|W4^12^B||||||||||||||||V-2011^^^GENHOSP\r");
        adt.handle(InboundMessage.parse("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A07|C-A07|P|2.5.1\r"
                + "PID|1||K-1001^^^GENHOSP^MR\rMRG|K-1001^^^GENHOSP||||V-2011^^^GENHOSP\rPV1|1|O\r"), completion);
        assertEquals(List.of("store the message", "class V-2011 (prior null) to ADMISSION at W4^12^B",
                "store the message", "class null (prior V-2011) to OUTPATIENT"), calls);
    }

    @Test
    public void aClassChangeWithoutTheNewClassIsRefusedAtPv12() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class,
                () -> apply("A06", "PV1|1||W4||||||||||||||||V-2011^^^GENHOSP\r"));
        assertEquals(2, e.error().field());
        assertTrue(calls.isEmpty());
    }

    private Outcome a47(String newId, String oldId) throws Exception {
        return adt.handle(InboundMessage.parse("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A47"
                + "|C-A47|P|2.5.1\rPID|1||" + newId + "^^^GENHOSP^MR\rMRG|" + oldId + "^^^GENHOSP^MR\r"), completion);
    }

    @Test
    public void anIdentifierChangeReplacesMrg1ByPid3WithinTheAuthority() throws Exception {
        Outcome o = a47("K-2002", "K-1001");
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals(List.of("store the message", "identifier GENHOSP K-1001 -> K-2002"), calls);
    }

    @Test
    public void anIdentifierAlreadyOfAnotherPatientIsADuplicateKeyAtPid3() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> a47("K-TAKEN", "K-1001"));
        assertEquals("PID", e.error().segment());
        assertEquals(3, e.error().field());
        assertEquals(Hl7Error.DUPLICATE_KEY, e.error().code());
        assertTrue(e.getMessage(), e.getMessage().contains("another patient"));
    }

    @Test
    public void aKnownCodingSystemsAllergenKeepsItsCodeAnUnknownOneOnlyItsText() throws Exception {
        List<Hl7Error> warnings = new ArrayList<>();
        List<ExternalAllergy> a = EmrAdtHandler.allergies(InboundMessage.parse("MSH|^~\\&|A\r"
                + "AL1|1|DA|7980^Penicillin^RXNORM|SV\rAL1|2|DA|PCN^Penicillin V^LOCALDRUGS|SV\r"), 2, warnings);
        assertEquals("7980", a.get(0).code);
        assertEquals("RXNORM", a.get(0).codeSystem);
        assertEquals("Penicillin", a.get(0).substance);
        assertNull(a.get(1).code);
        assertNull(a.get(1).codeSystem);
        assertEquals("Penicillin V", a.get(1).substance);
        assertEquals(1, warnings.size());
    }

    @Test
    public void theEmrTakesTheAdtEventsItMaps() throws Exception {
        assertEquals("EMR", adt.department());
        assertEquals(java.util.Set.of("ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A05", "ADT^A06", "ADT^A07",
                "ADT^A08", "ADT^A11", "ADT^A12", "ADT^A13", "ADT^A28", "ADT^A31", "ADT^A40", "ADT^A47"),
                adt.messageTypes());
        Outcome other = adt.handle(InboundMessage.parse("MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||"
                + "ADT^A17|C-A17|P|2.5.1\r"), completion);
        assertEquals("other events stay AR, naming the event", Outcome.Kind.REJECTED, other.kind());
    }

    @Test
    public void aMergeOfIdentifiersOfTwoAuthoritiesIsRefusedAtMrg1() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> adt.handle(InboundMessage.parse(
                "MSH|^~\\&|ADT|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A40^ADT_A39|C-M|P|2.5.1\r"
                + "PID|1||K-1001^^^GENHOSP^MR\rMRG|X-9^^^OTHERHOSP^MR\r"), completion));
        assertEquals("MRG", e.error().segment());
        assertEquals(Hl7Error.UNKNOWN_KEY, e.error().code());
        assertTrue("nothing stored nor written", calls.isEmpty());
    }

    @Test
    public void aBirthDateIsReadStrictly() {
        assertEquals("1984-03-01", EmrAdtHandler.birthDate("19840301"));
        assertEquals("1984-03-01", EmrAdtHandler.birthDate("198403011230+0100"));
        for (String bad : new String[] {"19840230", "1984031", "+9840301", "1984-3-1", "19841301"}) {
            Hl7ContentException e = assertThrows(bad, Hl7ContentException.class, () -> EmrAdtHandler.birthDate(bad));
            assertTrue(e.getMessage(), e.getMessage().contains("PID-7"));
        }
    }

    @Test
    public void anAdmissionCarriesItsAllergiesDiagnosesLocationAndDoctorsIntoTheRecord() throws Exception {
        Outcome o = apply("A01", "PV1|1|I|W4^12^B||||D123^Mensah^Kwame^^^Dr||||||||||D456^Hale^Ruth||V-2002^^^GENHOSP\r"
                + "AL1|1|DA|7980^Penicillin^RXNORM|SV|Anaphylaxis~Hives\r"
                + "AL1|2|FA|^Peanuts|MI|Rash\r"
                + "DG1|1||J18.9^Pneumonia, unspecified^I10||20240601|A\r");
        assertEquals(List.of("store the message", "register K-1001",
                "allergy Penicillin null SEVERE Anaphylaxis; Hives", "allergy Peanuts null MILD Rash",
                "open V-2002", "diagnosis J18.9 on V-2002"), calls);
        ExternalVisit v = opened.get(0);
        assertEquals("W4^12^B", v.location);
        assertEquals("D123", v.attendingId);
        assertEquals("attending is the doctor PV1-7 names, not the sender", "Kwame Mensah", v.attendingName);
        assertEquals("D456", v.admittingId);
        assertEquals("Ruth Hale", v.admittingName);
        assertEquals("ADMISSION", v.kind);
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertTrue("everything mapped: no warning " + o.warnings(), o.warnings().isEmpty());
    }

    @Test
    public void unmappableContentIsKeptAsFreeTextWithAWarningNamingSegmentAndField() throws Exception {
        Outcome o = apply("A01", "PV1|1|I|W4||||||||||||||||V-2003^^^GENHOSP\r"
                + "AL1|1|DA|PCN^Penicillin^LOCALDRUGS|SV\r"
                + "AL1|2|FA|^Shellfish|XX|Swelling\r"
                + "DG1|1||Z99.999^Dependence on machines^I10\r");
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertTrue(calls.toString(), calls.contains("allergy Shellfish null null Swelling; severity XX"));
        List<Hl7Error> w = o.warnings();
        assertEquals(w.toString(), 3, w.size());
        assertEquals("AL1", w.get(0).segment());
        assertEquals(1, w.get(0).segmentRepetition());
        assertEquals(3, w.get(0).field());
        assertTrue(w.get(0).text(), w.get(0).text().contains("LOCALDRUGS"));
        assertEquals(2, w.get(1).segmentRepetition());
        assertEquals(4, w.get(1).field());
        assertEquals("DG1", w.get(2).segment());
        assertEquals(3, w.get(2).field());
        assertTrue(w.get(2).text(), w.get(2).text().contains("Z99.999"));
    }

    @Test
    public void anUpdateWithAllergiesLeavesTheFastPathAndRecordsThem() throws Exception {
        Outcome o = apply("A08", "AL1|1|DA|^Aspirin|MO|Wheeze\r");
        assertEquals(List.of("store the message", "register K-1001", "allergy Aspirin null MODERATE Wheeze"), calls);
        assertTrue(completed.isEmpty());
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
    }

    @Test
    public void aTransferMovesTheEncounterAndItsCancellationMovesItBack() throws Exception {
        apply("A02", "PV1|1|I|CARDIO^204^B" + "|".repeat(16) + "V-2004^^^GENHOSP\r");
        apply("A12", "PV1|1|I|CARDIO^204^B" + "|".repeat(16) + "V-2004^^^GENHOSP\r");
        assertEquals(List.of("store the message", "move V-2004 to CARDIO^204^B", "store the message",
                "move V-2004 back"), calls);
    }

    @Test
    public void aTransferWithoutItsNewLocationIsRefusedAtPv13() {
        Hl7ContentException e = assertThrows(Hl7ContentException.class,
                () -> apply("A02", "PV1|1|I|" + "|".repeat(16) + "V-2004^^^GENHOSP\r"));
        assertEquals("PV1", e.error().segment());
        assertEquals(3, e.error().field());
        assertTrue(calls.isEmpty());
    }

    @Test
    public void aDischargeSaysWhereThePatientWent() throws Exception {
        apply("A03", "PV1|1|I|W4" + "|".repeat(16) + "V-2005^^^GENHOSP" + "|".repeat(17) + "01\r");
        assertEquals(List.of("store the message", "close V-2005 to 01"), calls);
    }

    @Test
    public void aLocationKeepsTheComponentsPositions() {
        assertEquals("W4^^B", EmrAdtHandler.location(InboundMessage.parse("MSH|^~\\&|A\rPV1|1|I|W4^^B\r")));
        assertEquals("W4", EmrAdtHandler.location(InboundMessage.parse("MSH|^~\\&|A\rPV1|1|I|W4\r")));
    }

    @Test
    public void nextOfKinAndInsuranceTravelWithThePatientInItsOneCommit() throws Exception {
        Outcome o = apply("A04", "NK1|1|Okafor^Chidi|SPO^Spouse|12 Rue X|+44 (20) 7946-0018\r"
                + "NK1|2|Okafor^Ngozi|MTH|||\r"
                + "IN1|1|GOLD^Gold plan|NHI01|National Health Insurer||||||||20240101|20241231||||SEL"
                + "|".repeat(19) + "POL-778812\r");
        assertEquals("still the one-commit path", List.of("register K-1001 joined"), calls);
        ExternalPatient p = registered.get(0);
        assertEquals(1, p.nextOfKin.size());
        assertEquals("Chidi Okafor", p.nextOfKin.get(0).name);
        assertEquals("SPOUSE", p.nextOfKin.get(0).relationship);
        assertEquals("+442079460018", p.nextOfKin.get(0).phone);
        assertEquals(1, p.insurance.size());
        assertEquals("National Health Insurer", p.insurance.get(0).insurer);
        assertEquals("Gold plan", p.insurance.get(0).plan);
        assertEquals("POL-778812", p.insurance.get(0).policyNumber);
        assertEquals("SELF", p.insurance.get(0).holderRelationship);
        assertEquals("2024-01-01", p.insurance.get(0).validFrom);
        assertEquals("2024-12-31", p.insurance.get(0).validTo);
        assertEquals("the mother without a phone is named, not dropped silently", 1, o.warnings().size());
        assertEquals("NK1", o.warnings().get(0).segment());
        assertEquals(2, o.warnings().get(0).segmentRepetition());
        assertEquals(5, o.warnings().get(0).field());
        assertEquals(1, completed.get(0).warnings().size());
    }

    @Test
    public void withoutNk1OrIn1TheStoredContactsAreKept() throws Exception {
        apply("A08", "");
        assertNull("null: not carried, the stored next of kin stay", registered.get(0).nextOfKin);
        assertNull(registered.get(0).insurance);
    }

    @Test
    public void aCancelledDischargeReopensAndACancelledAdmissionCancels() throws Exception {
        apply("A13", "PV1|1|I|W4" + "|".repeat(16) + "V-2006^^^GENHOSP\r");
        apply("A11", "PV1|1|I|W4" + "|".repeat(16) + "V-2006^^^GENHOSP\r");
        assertEquals(List.of("store the message", "reopen V-2006", "store the message", "cancel V-2006"), calls);
        assertThrows(Hl7ContentException.class, () -> apply("A11", "PV1|1|I\r"));
    }

    @Test
    public void personRecordsRegisterWithoutAVisitEvenWhenPv1NamesOne() throws Exception {
        apply("A28", "PV1|1|O|W4" + "|".repeat(16) + "V-2007^^^GENHOSP\r");
        apply("A31", "");
        assertEquals(List.of("register K-1001 joined", "register K-1001 joined"), calls);
    }
}
