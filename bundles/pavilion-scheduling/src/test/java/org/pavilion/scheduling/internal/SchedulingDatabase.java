package org.pavilion.scheduling.internal;

import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.DoctorLanguageEntity;
import org.pavilion.scheduling.internal.directory.DoctorServiceEntity;
import org.pavilion.scheduling.internal.directory.DoctorSpecialtyEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;
import org.pavilion.scheduling.internal.schedule.WorkingHoursEntity;

/**
 * A fresh database with the department's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through the OpenJPA unit {@code scheduling-test} over the department's entities.
 *
 * <p>The seeding helpers write rows directly: a component that keeps a snapshot of schedules (the schedule part's
 * {@code ScheduleSnapshots}) must be created after seeding, or told with its {@code changed()}.
 */
public final class SchedulingDatabase implements AutoCloseable {

    public final EntityManagerFactory emf;
    /** Plain JDBC on the same database (photos, slot holds, checks in tests). */
    public final ChangeLogDatabase database;

    public SchedulingDatabase() throws Exception {
        database = new ChangeLogDatabase("scheduling", "db/scheduling-changelog.xml");
        emf = Persistence.createEntityManagerFactory("scheduling-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
    }

    /**
     * A doctor who offers {@code serviceCode} (created with {@code slotMinutes}, IN_PERSON and VIDEO, specialty
     * "General practice" when it does not exist yet), speaks English, and works Monday to Friday from {@code start} to
     * {@code end} ("09:00") at {@code location}, with no end date. Returns the doctor's id.
     */
    public String doctorWithWeekdayHours(String displayName, String serviceCode, int slotMinutes, String location,
            String start, String end) {
        service(serviceCode, serviceCode + " consultation", "General practice", slotMinutes, "IN_PERSON,VIDEO");
        String id = doctor(displayName, null, "General practice", serviceCode);
        for (int weekday = 1; weekday <= 5; weekday++) {
            weeklyHours(id, location, weekday, start, end);
        }
        return id;
    }

    /** A service, unless one with this code exists already. */
    public void service(String code, String name, String specialty, int slotMinutes, String visitTypes) {
        new JpaTransactions(emf).run(em -> {
            if (em.find(ServiceEntity.class, code) == null) {
                ServiceEntity s = new ServiceEntity();
                s.setCode(code);
                s.setName(name);
                s.setSpecialty(specialty);
                s.setSlotMinutes(slotMinutes);
                s.setVisitTypes(visitTypes);
                s.setActive(true);
                em.persist(s);
            }
        });
    }

    /** An active doctor speaking English, offering the (existing) services at their default length. */
    public String doctor(String displayName, String username, String specialty, String... serviceCodes) {
        String id = UUID.randomUUID().toString();
        new JpaTransactions(emf).run(em -> {
            DoctorEntity d = new DoctorEntity();
            d.setId(id);
            d.setUsername(username);
            d.setDisplayName(displayName);
            d.setActive(true);
            d.setCreatedMs(System.currentTimeMillis());
            d.setUpdatedMs(d.getCreatedMs());
            em.persist(d);
            DoctorSpecialtyEntity sp = new DoctorSpecialtyEntity();
            sp.setDoctorId(id);
            sp.setSpecialty(specialty);
            em.persist(sp);
            DoctorLanguageEntity l = new DoctorLanguageEntity();
            l.setDoctorId(id);
            l.setLanguage("en");
            em.persist(l);
            for (String code : serviceCodes) {
                DoctorServiceEntity ds = new DoctorServiceEntity();
                ds.setDoctorId(id);
                ds.setServiceCode(code);
                em.persist(ds);
            }
        });
        return id;
    }

    /** Weekly hours on one weekday (1 = Monday), "HH:mm", valid without end; returns their id. */
    public String weeklyHours(String doctorId, String location, int weekday, String start, String end) {
        String id = UUID.randomUUID().toString();
        new JpaTransactions(emf).run(em -> {
            WorkingHoursEntity h = new WorkingHoursEntity();
            h.setId(id);
            h.setDoctorId(doctorId);
            h.setLocation(location);
            h.setWeekday(weekday);
            h.setStartMinute(LocalTime.parse(start).toSecondOfDay() / 60);
            h.setEndMinute(LocalTime.parse(end).toSecondOfDay() / 60);
            em.persist(h);
        });
        return id;
    }

    public boolean onPostgres() {
        return database.onPostgres();
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
