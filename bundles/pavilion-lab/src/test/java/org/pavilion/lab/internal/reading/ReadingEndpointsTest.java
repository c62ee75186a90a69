package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Set;

import javax.ws.rs.HeaderParam;

import org.junit.Test;
import org.pavilion.core.testing.PrivilegeMatrix;

/** Who may call the reading endpoints, and the break-the-glass header they read. */
public class ReadingEndpointsTest {

    @Test
    public void doctorsAndNursesReadTheChartAndInboxPatientsTheirPortal() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(InboxResource.class, Map.of("inbox", Set.of("DOCTOR", "NURSE")));
        matrix.assertRest(PatientResultsResource.class, Map.of("results", Set.of("DOCTOR", "NURSE"),
                "trend", Set.of("DOCTOR", "NURSE")));
        matrix.assertRest(PortalResultsResource.class, Map.of("own", Set.of("PATIENT")));
    }

    @Test
    public void theBreakTheGlassReasonComesInTheEmrsHeader() throws Exception {
        for (String method : new String[] {"results", "trend"}) {
            java.lang.reflect.Method m = java.util.Arrays.stream(PatientResultsResource.class.getMethods())
                    .filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
            java.lang.reflect.Parameter last = m.getParameters()[m.getParameterCount() - 1];
            assertEquals("Pavilion-Break-Glass-Reason", last.getAnnotation(HeaderParam.class).value());
        }
    }
}
