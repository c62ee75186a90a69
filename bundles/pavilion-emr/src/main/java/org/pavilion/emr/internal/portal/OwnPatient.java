package org.pavilion.emr.internal.portal;

import javax.persistence.EntityManager;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;

/**
 * The patient record of the signed-in account. The portal's endpoints take no MRN: whose record is decided by the
 * account's patientId alone, so a patient can neither name nor probe anyone else's.
 */
final class OwnPatient {

    private OwnPatient() {
    }

    /** The account's patientId, or 403 for an account that is not linked to a patient. */
    static String accountMrn() {
        Caller caller = CallerContext.current().orElse(null);
        if (caller == null || caller.patientId().isEmpty()) {
            throw ProblemException.forbidden("This account is not linked to a patient record");
        }
        return caller.patientId().get();
    }

    /** The account's patient in {@code em}, following merges to the survivor; 404 when the record is gone. */
    static PatientEntity find(EntityManager em, String accountMrn) {
        PatientEntity e = em.find(PatientEntity.class, accountMrn);
        if (e == null) {
            throw ProblemException.notFound("Patient", accountMrn);
        }
        return PatientService.survivor(em, e);
    }
}
