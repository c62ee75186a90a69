package org.pavilion.notifications.internal.channels.sms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.notifications.internal.channels.bounces.RecordingQueue;
import org.pavilion.notifications.internal.channels.bounces.RecordingQueue.Reported;
import org.pavilion.notifications.internal.queue.NotificationQueue.Report;

/** The gateway tells us, later in the day, which reminders reached a phone. */
public class SmsReportResourceTest {

    private static final String SECRET = "dlr-7c1f2e9a";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RecordingQueue queue = new RecordingQueue().knowing("nt-6001", "gw-77123");
    private final SmsReportResource resource = new SmsReportResource(queue, SECRET);

    @Test
    public void aReportWithoutTheRightSecretIsRefusedAndRecordsNothing() {
        assertProblem(401, () -> resource.report("dlr-7c1f2e9b", FORM, Map.of(), body("reference=nt-6001&status=DELIVRD")));
        assertProblem(401, () -> resource.report(null, FORM, Map.of(), body("reference=nt-6001&status=DELIVRD")));
        assertProblem(401, () -> resource.report(null, FORM, Map.of("secret", SECRET.substring(1)),
                body("reference=nt-6001&status=DELIVRD")));
        assertTrue(queue.reports.isEmpty());
    }

    @Test
    public void noConfiguredSecretRefusesEveryReport() {
        SmsReportResource open = new SmsReportResource(queue, "");
        assertProblem(401, () -> open.report("", FORM, Map.of(), body("reference=nt-6001&status=DELIVRD")));
        assertTrue(queue.reports.isEmpty());
    }

    @Test
    public void aFormReportWithTheSecretHeaderMarksOurMessageDelivered() {
        Map<String, Object> answer = resource.report(SECRET, FORM, Map.of(),
                body("reference=nt-6001&status=DELIVRD&error=000"));

        assertEquals(Map.of("accepted", true, "status", "DELIVERED", "reference", "nt-6001"), answer);
        assertEquals(new Reported("nt-6001", null, Report.DELIVERED, "Delivery report: DELIVRD (000)"),
                queue.reports.get(0));
    }

    @Test
    public void aJsonReportByTheGatewaysIdWithTheQuerySecretMarksItFailed() {
        resource.report(null, "application/json; charset=utf-8", Map.of("secret", SECRET),
                body("{\"messageId\":\"gw-77123\",\"status\":\"undeliv\",\"error\":\"absent subscriber\"}"));

        assertEquals(new Reported(null, "gw-77123", Report.FAILED, "Delivery report: undeliv (absent subscriber)"),
                queue.reports.get(0));
    }

    @Test
    public void anUnknownNotificationIsNotFoundAndAnUnknownStatusIsInvalid() {
        assertProblem(404, () -> resource.report(SECRET, FORM, Map.of(), body("reference=nt-0000&status=DELIVERED")));
        assertProblem(400, () -> resource.report(SECRET, FORM, Map.of(), body("reference=nt-6001&status=ENROUTE")));
        assertProblem(400, () -> resource.report(SECRET, FORM, Map.of(), body("status=DELIVERED")));
        assertTrue(queue.reports.isEmpty());
    }

    @Test
    public void everyStatusSpellingMapsToOurs() {
        for (String s : new String[] {"DELIVERED", "DELIVRD", "delivered"}) {
            assertEquals(s, Report.DELIVERED, DeliveryReports.report(s));
        }
        for (String s : new String[] {"FAILED", "UNDELIVERED", "UNDELIV", "REJECTED", "EXPIRED"}) {
            assertEquals(s, Report.FAILED, DeliveryReports.report(s));
        }
    }

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertProblem(int status, Runnable call) {
        try {
            call.run();
            fail("expected a " + status + " problem");
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }
}
