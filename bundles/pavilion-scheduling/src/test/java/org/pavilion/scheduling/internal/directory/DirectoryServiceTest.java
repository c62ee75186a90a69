package org.pavilion.scheduling.internal.directory;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.scheduling.api.VisitCostEstimator;
import org.pavilion.scheduling.internal.SchedulingDatabase;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorInput;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorProfile;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorSummary;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.OfferedService;
import org.pavilion.scheduling.internal.schedule.ScheduleSnapshots;
import org.pavilion.scheduling.internal.schedule.SlotEngine;

/**
 * The public directory of the Berlin clinic: the administrator sets up the catalogue and Dr. Ana Ruiz's profile; Dr.
 * Ruiz edits her own biography and photo but not Dr. Peña's profile (403, audited); patients browse by specialty and
 * language and see ratings, the photo link, the next free slots, and a fee only while billing is installed.
 */
public class DirectoryServiceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};

    private SchedulingDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private ScheduleSnapshots snapshots;
    private DirectoryService directory;
    private DirectoryService withBilling;

    @Before
    public void setUp() throws Exception {
        db = new SchedulingDatabase();
        snapshots = new ScheduleSnapshots(db.emf);
        SlotEngine slots = new SlotEngine(snapshots, db.emf, BERLIN, 366,
                Clock.fixed(Instant.parse("2026-12-04T08:00:00Z"), BERLIN));
        VisitCostEstimator billing = new VisitCostEstimator() {
            @Override
            public Optional<Estimate> consultationFee(Visit visit) {
                return "GP".equals(visit.serviceCode()) && visit.patientId() == null
                        ? Optional.of(new Estimate(new BigDecimal("60.00"), null, null, "EUR", null)) : Optional.empty();
            }

            @Override
            public Optional<Estimate> estimate(Visit visit) {
                return Optional.empty();
            }
        };
        directory = new DirectoryService(db.emf, audit, snapshots, slots, TestConstraints.platform(), null);
        withBilling = new DirectoryService(db.emf, audit, snapshots, slots, TestConstraints.platform(), billing);
        as(admin(), () -> {
            DirectoryDtos.Service gp = new DirectoryDtos.Service();
            gp.code = "GP";
            gp.name = "General consultation";
            gp.specialty = "General practice";
            gp.slotMinutes = 20;
            gp.visitTypes = List.of("IN_PERSON", "video");
            return directory.createService(gp);
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private static Caller admin() {
        return Caller.inContainer("admin", Set.of(DirectoryService.EDIT), "10.0.0.1");
    }

    private static Caller doctor(String username) {
        return Caller.inContainer(username, Set.of(DirectoryService.EDIT_OWN), "10.0.0.2");
    }

    private static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    private static DoctorInput ruizProfile() {
        DoctorInput in = new DoctorInput();
        in.displayName = "Dr. Ana Ruiz";
        in.title = "Consultant in general practice";
        in.username = "aruiz";
        in.biography = "Family doctor in Berlin since 2012.";
        in.education = List.of("MD, Universidad de Salamanca", "Facharzt Allgemeinmedizin, Charité");
        in.achievements = List.of("Berlin GP of the year 2024");
        in.specialties = List.of("General practice");
        in.languages = List.of("es", "de", "en-gb");
        in.services = List.of(new OfferedService("GP", 15));
        return in;
    }

    @Test
    public void theAdministratorCreatesAProfileThePublicReadsIt() throws Exception {
        DoctorProfile created = as(admin(), () -> directory.createDoctor(ruizProfile()));
        DoctorProfile p = directory.doctor(created.id);
        assertEquals("Dr. Ana Ruiz", p.displayName);
        assertEquals(List.of("MD, Universidad de Salamanca", "Facharzt Allgemeinmedizin, Charité"), p.education);
        assertEquals(List.of("de", "en-GB", "es"), p.languages);
        assertEquals(Integer.valueOf(15), p.services.get(0).slotMinutes);
        assertEquals(List.of("IN_PERSON", "VIDEO"), p.services.get(0).visitTypes);
        assertNull(p.averageRating);
        assertNull(p.photoUrl);
        assertNull("no billing installed: no fee", p.consultationFee);
        assertEquals(new BigDecimal("60.00"), withBilling.doctor(created.id).consultationFee.amount);
        assertEquals("no hours yet: no free slots", List.of(), p.nextFreeSlots);
        assertEquals(List.of("GP"), directory.services().stream().map(s -> s.code).toList());
    }

    @Test
    public void aDoctorEditsHerOwnProfileButNotAColleagues() throws Exception {
        String ruiz = as(admin(), () -> directory.createDoctor(ruizProfile())).id;
        DoctorInput pena = ruizProfile();
        pena.displayName = "Dr. Jorge Peña";
        pena.username = "jpena";
        String penaId = as(admin(), () -> directory.createDoctor(pena)).id;

        DoctorInput mine = ruizProfile();
        mine.biography = "Family doctor; also sees patients by video.";
        assertEquals(mine.biography, as(doctor("aruiz"), () -> directory.updateDoctor(ruiz, mine)).biography);
        as(doctor("aruiz"), () -> {
            directory.putPhoto(ruiz, "image/png", PNG);
            return null;
        });
        assertEquals("/api/v1/scheduling/doctors/" + ruiz + "/photo", directory.doctor(ruiz).photoUrl);
        assertArrayEquals(PNG, directory.photo(ruiz).content());

        trail.clear();
        try {
            as(doctor("aruiz"), () -> directory.updateDoctor(penaId, mine));
            fail("403 expected");
        } catch (ProblemException e) {
            assertEquals(403, e.status());
        }
        assertEquals(AuditOutcome.DENIED, trail.get(0).outcome());
        assertEquals(penaId, trail.get(0).resourceId());
        DoctorInput relink = ruizProfile();
        relink.username = "jpena";
        try {
            as(doctor("aruiz"), () -> directory.updateDoctor(ruiz, relink));
            fail("a doctor may not move the link to her account");
        } catch (ProblemException e) {
            assertEquals(403, e.status());
        }
        try {
            as(admin(), () -> directory.updateDoctor(ruiz, relink));
            fail("409 expected: jpena is Peña's");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        try {
            directory.updateDoctor(ruiz, mine);
            fail("401 expected without a caller");
        } catch (ProblemException e) {
            assertEquals(401, e.status());
        }
        DoctorInput other = ruizProfile();
        other.displayName = "Dr. Ana Ruiz García";
        assertEquals("Dr. Ana Ruiz García", as(admin(), () -> directory.updateDoctor(ruiz, other)).displayName);
    }

    @Test
    public void photosMustBeSmallPngOrJpegAsDeclared() throws Exception {
        String ruiz = as(admin(), () -> directory.createDoctor(ruizProfile())).id;
        refusedAs(400, "PNG or JPEG", () -> photo(ruiz, "image/png", "GIF89a....".getBytes()));
        refusedAs(400, "sent as", () -> photo(ruiz, "image/png", JPEG));
        byte[] big = new byte[DoctorPhotos.MAX_BYTES + 1];
        System.arraycopy(JPEG, 0, big, 0, JPEG.length);
        refusedAs(400, "512 KB", () -> photo(ruiz, "image/jpeg", big));
        as(admin(), () -> {
            directory.putPhoto(ruiz, "image/jpeg", JPEG);
            directory.putPhoto(ruiz, "image/jpeg", JPEG);
            return null;
        });
        assertEquals("image/jpeg", directory.photo(ruiz).contentType());
    }

    @Test
    public void patientsBrowseBySpecialtyAndLanguageAndSeeRatingsAndNextSlots() throws Exception {
        String ruiz = as(admin(), () -> directory.createDoctor(ruizProfile())).id;
        DoctorInput pena = ruizProfile();
        pena.displayName = "Dr. Jorge Peña";
        pena.username = null;
        pena.languages = List.of("es-MX");
        pena.specialties = List.of("Cardiology");
        String penaId = as(admin(), () -> directory.createDoctor(pena)).id;
        db.weeklyHours(ruiz, "MAIN", 1, "08:00", "12:00");
        db.weeklyHours(ruiz, "MAIN", 5, "08:00", "12:00");
        new JpaTransactions(db.emf).run(em -> em.createQuery(
                "UPDATE DoctorEntity d SET d.ratingCount = 3, d.ratingSum = 13 WHERE d.id = :id")
                .setParameter("id", ruiz).executeUpdate());
        snapshots.changed();

        Page<DoctorSummary> all = directory.doctors(null, null, null, null, 0, 20);
        assertEquals(2, all.getTotal());
        DoctorSummary first = all.getItems().get(0);
        assertEquals("by name", "Dr. Ana Ruiz", first.displayName);
        assertEquals(Double.valueOf(4.3), first.averageRating);
        assertEquals(3, first.ratingCount);
        assertEquals(3, first.nextFreeSlots.size());
        assertEquals("2026-12-04T09:15", first.nextFreeSlots.get(0).localStart);
        assertEquals(List.of(penaId), directory.doctors("cardiology", null, "es", null, 0, 20).getItems().stream()
                .map(d -> d.id).toList());
        assertEquals(0, directory.doctors(null, null, "de", "peña", 0, 20).getTotal());
        assertEquals(1, directory.doctors(null, null, null, null, 1, 1).getItems().size());
        refused(400, "size", () -> directory.doctors(null, null, null, null, 0, 0));
        refused(404, "Doctor", () -> directory.doctor("nobody"));
        refused(404, "photo", () -> directory.photo(penaId));
    }

    @Test
    public void badInputIsRefused() throws Exception {
        DoctorInput noName = ruizProfile();
        noName.displayName = " ";
        refusedAs(400, "displayName", () -> directory.createDoctor(noName));
        DoctorInput badLanguage = ruizProfile();
        badLanguage.languages = List.of("spanish please");
        refusedAs(400, "BCP 47", () -> directory.createDoctor(badLanguage));
        DoctorInput unknownService = ruizProfile();
        unknownService.services = List.of(new OfferedService("XRAY", null));
        refusedAs(400, "Unknown service", () -> directory.createDoctor(unknownService));
        DirectoryDtos.Service dup = new DirectoryDtos.Service();
        dup.code = "GP";
        dup.name = "again";
        dup.slotMinutes = 20;
        dup.visitTypes = List.of("IN_PERSON");
        refusedAs(409, "exists", () -> directory.createService(dup));
        dup.code = "TELE";
        dup.visitTypes = List.of("PHONE");
        refusedAs(400, "visitTypes", () -> directory.createService(dup));
        try {
            as(doctor("aruiz"), () -> directory.createDoctor(ruizProfile()));
            fail("only staff create profiles");
        } catch (ProblemException e) {
            assertEquals(403, e.status());
        }
    }

    private Void photo(String doctorId, String type, byte[] content) {
        directory.putPhoto(doctorId, type, content);
        return null;
    }

    private void refusedAs(int status, String words, Callable<?> work) throws Exception {
        try {
            as(admin(), work);
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(words));
        }
    }

    private static void refused(int status, String words, Runnable r) {
        try {
            r.run();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(words));
        }
    }
}
