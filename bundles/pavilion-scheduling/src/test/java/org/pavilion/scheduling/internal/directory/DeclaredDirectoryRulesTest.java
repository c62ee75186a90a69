package org.pavilion.scheduling.internal.directory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.scheduling.internal.SchedulingDatabase;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorInput;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorProfile;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.OfferedService;
import org.pavilion.scheduling.internal.schedule.ScheduleSnapshots;
import org.pavilion.scheduling.internal.schedule.SlotEngine;

/**
 * The service and doctor bodies declare their rules: a form with several mistakes comes back as one 400 naming each
 * field as the client sent it (list entries by position), and nothing is written; who may write is decided first.
 */
public class DeclaredDirectoryRulesTest {

    private SchedulingDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private DirectoryService directory;

    @Before
    public void setUp() throws Exception {
        db = new SchedulingDatabase();
        ScheduleSnapshots snapshots = new ScheduleSnapshots(db.emf);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SlotEngine slots = new SlotEngine(snapshots, db.emf, berlin, 366,
                Clock.fixed(Instant.parse("2026-12-04T08:00:00Z"), berlin));
        directory = new DirectoryService(db.emf, audit, snapshots, slots, TestConstraints.platform(), null);
        db.service("GP", "General consultation", "General practice", 20, "IN_PERSON,VIDEO");
        snapshots.changed();
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aServiceWithAMistakeInEveryFieldIsOneAnswerNamingEachField() throws Exception {
        DirectoryDtos.Service s = new DirectoryDtos.Service();
        s.code = "X RAY";
        s.name = "";
        s.specialty = "s".repeat(101);
        s.slotMinutes = 7;
        s.visitTypes = Arrays.asList("in_person", "PHONE", null);
        assertViolations(List.of(
                violation("code", "must be 1 to 40 letters, digits, '-' or '_'"),
                violation("name", "is required"),
                violation("slotMinutes", "must be 5 to 480 minutes in steps of 5"),
                violation("specialty", "is longer than 100 characters"),
                violation("visitTypes[1]", "must be IN_PERSON or VIDEO"),
                violation("visitTypes[2]", "must be IN_PERSON or VIDEO")),
                () -> directory.createService(s));

        DirectoryDtos.Service bare = new DirectoryDtos.Service();
        bare.visitTypes = null;
        assertViolations(List.of(
                violation("code", "must be 1 to 40 letters, digits, '-' or '_'"),
                violation("name", "is required"),
                violation("slotMinutes", "is required"),
                violation("visitTypes", "is required: IN_PERSON and/or VIDEO")),
                () -> directory.createService(bare));
        assertViolations(List.of(violation("body", "a request body is required")),
                () -> directory.createService(null));
        // A change names no code (the path does): the same rules without it.
        bare.slotMinutes = 485;
        assertViolations(List.of(
                violation("name", "is required"),
                violation("slotMinutes", "must be 5 to 480 minutes in steps of 5"),
                violation("visitTypes", "is required: IN_PERSON and/or VIDEO")),
                () -> directory.updateService("GP", bare));
        assertEquals("nothing written", List.of(), trail);

        DirectoryDtos.Service tele = new DirectoryDtos.Service();
        tele.code = " TELE-1 ";
        tele.name = " Video consultation ";
        tele.slotMinutes = 480;
        tele.visitTypes = List.of(" video ", "VIDEO");
        DirectoryDtos.Service saved = as(admin(), () -> directory.createService(tele));
        assertEquals("TELE-1", saved.code);
        assertEquals("Video consultation", saved.name);
        assertEquals(List.of("VIDEO"), saved.visitTypes);
    }

    @Test
    public void aDoctorWithAMistakeInEveryFieldIsOneAnswerNamingEachField() throws Exception {
        DoctorInput in = new DoctorInput();
        in.displayName = " ";
        in.title = "t".repeat(101);
        in.username = "u".repeat(65);
        in.biography = "b".repeat(4001);
        in.education = List.of("e".repeat(2000), "f".repeat(2000));
        in.specialties = List.of("General practice", "s".repeat(101));
        in.languages = Arrays.asList("es", null, "spanish please", "zh_hant");
        in.services = Arrays.asList(new OfferedService("GP", 7), null, new OfferedService(" ", null));
        assertViolations(List.of(
                violation("biography", "is longer than 4000 characters"),
                violation("displayName", "is required"),
                violation("education", "is longer than 4000 characters in all"),
                violation("languages[2]", "must be a BCP 47 tag such as en, es-MX or zh-Hant"),
                violation("services[0].slotMinutes", "must be 5 to 480 minutes in steps of 5"),
                violation("services[1]", "needs a code"),
                violation("services[2].code", "is required"),
                violation("specialties[1]", "is longer than 100 characters"),
                violation("title", "is longer than 100 characters"),
                violation("username", "is longer than 64 characters")),
                () -> directory.createDoctor(in));
        assertEquals("nothing written", List.of(), trail);
        // Who may write comes first: a doctor's account gets its 403, not the list of mistakes.
        ProblemException denied = refusal(() -> as(Caller.inContainer("aruiz", Set.of(DirectoryService.EDIT_OWN),
                "10.0.0.2"), () -> directory.createDoctor(in)));
        assertEquals(403, denied.status());

        // An unknown service needs the catalogue: it is answered once the body's own rules hold.
        DoctorInput ruiz = new DoctorInput();
        ruiz.displayName = "Dr. Ana Ruiz";
        ruiz.languages = List.of("zh_hant", " en-gb ", "");
        ruiz.services = List.of(new OfferedService("XRAY", null));
        ProblemException unknown = refusal(() -> as(admin(), () -> directory.createDoctor(ruiz)));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("Unknown service XRAY"));
        ruiz.services = List.of(new OfferedService(" GP ", 480));
        DoctorProfile saved = as(admin(), () -> directory.createDoctor(ruiz));
        assertEquals(List.of("en-GB", "zh-Hant"), saved.languages);
        assertEquals(Integer.valueOf(480), saved.services.get(0).slotMinutes);
    }

    private static Caller admin() {
        return Caller.inContainer("admin", Set.of(DirectoryService.EDIT), "10.0.0.1");
    }

    private static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    private static ProblemException refusal(Callable<?> work) {
        try {
            work.call();
        } catch (ProblemException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("should have been refused");
    }

    private static void assertViolations(List<Map<String, String>> expected, Callable<?> work) {
        ProblemException refused = refusal(() -> as(admin(), work));
        assertEquals(refused.detail(), 400, refused.status());
        assertEquals("urn:pavilion:problem:validation", refused.type());
        assertEquals(expected, refused.extensions().get("violations"));
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
