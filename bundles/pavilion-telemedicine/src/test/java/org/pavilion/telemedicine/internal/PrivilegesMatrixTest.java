package org.pavilion.telemedicine.internal;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** By default doctors host video consultations and patients join their own; nobody else holds either privilege. */
public class PrivilegesMatrixTest {

    @Test
    public void doctorsHostAndPatientsJoin() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        Set<String> doctors = Set.of("DOCTOR");
        matrix.assertRest(ConsultationResource.class, Map.of("list", doctors, "waiting", doctors, "get", doctors,
                "admit", doctors, "end", doctors, "guestLink", doctors, "signal", doctors, "share", doctors));
        Set<String> patients = Set.of("PATIENT");
        matrix.assertRest(MyConsultationResource.class, Map.of("list", patients, "get", patients, "arrive", patients,
                "signal", patients, "share", patients));
    }
}
