package org.pavilion.scheduling.internal.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.scheduling.internal.TestCallers.as;
import static org.pavilion.scheduling.internal.TestCallers.patient;
import static org.pavilion.scheduling.internal.TestCallers.staff;

import java.util.Optional;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * A face that grants the desk's privileges keeps who is acting: the referral system's name stays in the trail, and
 * María's own account stays hers, so the patient rules still keep her to her own record.
 */
public class ActingAsTest {

    private static final Set<String> VIEW = Set.of("scheduling.appointment.view");

    @Test
    public void aPatientsAccountStaysHersWithTheGrantedPrivilege() throws Exception {
        Caller seen = as(patient("maria", "0000004269"), () -> ActingAs.run(VIEW, "soap", CallerContext::require));
        assertEquals("maria", seen.username());
        assertEquals(Optional.of("0000004269"), seen.patientId());
        assertTrue(seen.hasPrivilege("scheduling.appointment.view"));
        assertTrue(seen.hasPrivilege("scheduling.appointment.own"));
    }

    @Test
    public void staffKeepTheirNameAndNobodyBecomesTheNamedSystem() throws Exception {
        Caller referral = as(staff("referral-system", "scheduling.soap.view"),
                () -> ActingAs.run(VIEW, "soap", CallerContext::require));
        assertEquals("referral-system", referral.username());
        assertTrue(referral.patientId().isEmpty());
        Caller nobody = ActingAs.run(VIEW, "soap", CallerContext::require);
        assertEquals("soap", nobody.username());
        assertEquals(VIEW, nobody.privileges());
    }
}
