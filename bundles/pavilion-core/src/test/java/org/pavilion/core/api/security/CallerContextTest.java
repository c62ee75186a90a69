package org.pavilion.core.api.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.Test;

/**
 * A face that grants its department's privileges keeps who is acting: the lab analyser's feed stays named in the
 * trail, and a patient's own account stays hers.
 */
public class CallerContextTest {

    private static final Set<String> ENTER = Set.of("lab.order.view", "lab.result.enter");

    @Test
    public void theFeedKeepsItsNameAndAddressAndGainsTheDepartmentsPrivileges() throws Exception {
        Caller feed = Caller.inContainer("hl7:ANALYSER", Set.of("emr.patient.view-any"), "10.0.0.7");
        Caller acting = CallerContext.runAs(feed, () -> CallerContext.currentWith(ENTER, "lab"));
        assertEquals("hl7:ANALYSER", acting.username());
        assertEquals("10.0.0.7", acting.clientAddress());
        assertEquals(Set.of("emr.patient.view-any", "lab.order.view", "lab.result.enter"), acting.privileges());
        assertFalse(feed.hasPrivilege("lab.result.enter"));
    }

    @Test
    public void aPatientsAccountStaysHers() throws Exception {
        Caller maria = new Caller() {
            public String username() {
                return "maria";
            }

            public Set<String> roles() {
                return Set.of("PATIENT");
            }

            public Set<String> privileges() {
                return Set.of("scheduling.appointment.own");
            }

            public Optional<String> patientId() {
                return Optional.of("0000004269");
            }

            public String clientAddress() {
                return "192.0.2.4";
            }
        };
        Caller acting = CallerContext.runAs(maria, () -> CallerContext.currentWith(Set.of("scheduling.appointment.view"),
                "soap"));
        assertEquals("maria", acting.username());
        assertEquals(Set.of("PATIENT"), acting.roles());
        assertEquals(Optional.of("0000004269"), acting.patientId());
        assertTrue(acting.hasPrivilege("scheduling.appointment.own"));
        assertTrue(acting.hasPrivilege("scheduling.appointment.view"));
    }

    @Test
    public void nobodyBoundBecomesTheNamedInContainerActor() {
        Caller nobody = CallerContext.currentWith(ENTER, "lab");
        assertEquals("lab", nobody.username());
        assertEquals(ENTER, nobody.privileges());
        assertEquals("local", nobody.clientAddress());
        assertTrue(nobody.patientId().isEmpty());
    }
}
