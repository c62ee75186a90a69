package org.pavilion.scheduling.internal.schedule;

import java.util.List;

import javax.persistence.EntityManager;

/** The schedule exceptions ({@code sched_exception}) in the caller's transaction. */
final class ExceptionRows {

    private ExceptionRows() {
    }

    /** The doctor's exceptions ordered by day, or everyone's when doctorId is null. */
    static List<ExceptionEntity> list(EntityManager em, String doctorId) {
        String where = doctorId == null ? "" : " WHERE e.doctorId = :doctor";
        var query = em.createQuery("SELECT e FROM ExceptionEntity e" + where + " ORDER BY e.day, e.id",
                ExceptionEntity.class);
        if (doctorId != null) {
            query.setParameter("doctor", doctorId);
        }
        return query.getResultList();
    }

    static void insert(EntityManager em, ExceptionEntity e) {
        em.persist(e);
        em.flush();
    }

    /** Deletes the doctor's exception; false when the doctor has none with that id. */
    static boolean delete(EntityManager em, String doctorId, String id) {
        return em.createQuery("DELETE FROM ExceptionEntity e WHERE e.id = :id AND e.doctorId = :doctor")
                .setParameter("id", id).setParameter("doctor", doctorId).executeUpdate() == 1;
    }
}
