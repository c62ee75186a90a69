package org.pavilion.notifications.internal.channels.sms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.notifications.internal.queue.NotificationQueue;

/**
 * REST at /api/v1/notifications/sms-reports: the SMS gateway's delivery reports. The gateway calls without a login;
 * what is trusted is the shared secret {@code .reportSecret} (header {@code X-Report-Secret} or query
 * {@code secret}), compared in constant time. No secret configured: every report is refused.
 */
@Component(service = SmsReportResource.class, configurationPid = SmsConfig.PID,
        property = Endpoints.REST_BASE + "=" + SmsReportResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SmsReportResource {

    /** Below /api/v1. */
    static final String BASE = "/notifications/sms-reports";

    private final NotificationQueue queue;
    private volatile DeliveryReports reports;

    @Activate
    public SmsReportResource(@Reference NotificationQueue queue, SmsConfig config) {
        this(queue, config._reportSecret());
    }

    SmsReportResource(NotificationQueue queue, String reportSecret) {
        this.queue = queue;
        this.reports = new DeliveryReports(queue, reportSecret);
    }

    @Modified
    void modified(SmsConfig config) {
        reports = new DeliveryReports(queue, config._reportSecret());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @PublicEndpoint
    public Map<String, Object> report(@HeaderParam("X-Report-Secret") String headerSecret,
            @HeaderParam("Content-Type") String contentType, @Context UriInfo uri, byte[] body) {
        Map<String, String> query = new HashMap<>();
        if (uri != null) {
            uri.getQueryParameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        }
        return report(headerSecret, contentType, query, body);
    }

    /** The same without JAX-RS: {@code query} holds the query parameters, {@code secret} among them. */
    Map<String, Object> report(String headerSecret, String contentType, Map<String, String> query, byte[] body) {
        String secret = headerSecret != null ? headerSecret : query.get("secret");
        DeliveryReports.Accepted accepted = reports.receive(secret, contentType, body, query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", true);
        answer.put("status", accepted.status());
        if (accepted.reference() != null) {
            answer.put("reference", accepted.reference());
        }
        if (accepted.messageId() != null) {
            answer.put("messageId", accepted.messageId());
        }
        return answer;
    }
}
