package org.pavilion.notifications.internal.rules;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityExistsException;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/** The rules package's way to answer: every problem of an edit in one 422, lost races as 409. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(String problem) {
        found.add(problem);
    }

    void addAll(Collection<String> problems) {
        found.addAll(problems);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** 422 listing every problem (also as the {@code problems} member of the answer), when there is any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw org.pavilion.notifications.internal.Problems.unprocessable(found);
        }
    }

    static ProblemException changedMeanwhile(String what) {
        return ProblemException.conflict(what + " was changed by someone else meanwhile: reload it");
    }

    /** One audited transaction; a lost race or a duplicate key (a concurrent create) answers 409. */
    static <T> T write(EntityManagerFactory emf, AuditService audit, String what,
            Function<EntityManager, AuditedTransaction.Done<T>> work) {
        try {
            return AuditedTransaction.run(emf, audit, work);
        } catch (PersistenceException e) {
            if (AuditedTransaction.lostRace(e) || isUniqueViolation(e)) {
                throw changedMeanwhile(what);
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EntityExistsException) {
                return true;
            }
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Who edits, for the updated_by columns. */
    static String editor() {
        String name = CallerContext.current().map(Caller::username).orElse("system");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
