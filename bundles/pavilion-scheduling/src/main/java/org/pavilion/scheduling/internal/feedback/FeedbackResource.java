package org.pavilion.scheduling.internal.feedback;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** Staff read patients' comments: {@code GET /api/v1/scheduling/feedback?doctorId=&page=&size=}. */
@Component(service = FeedbackResource.class, property = Endpoints.REST_BASE + "=/scheduling/feedback")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    private final FeedbackService feedback;

    @Activate
    public FeedbackResource(@Reference FeedbackService feedback) {
        this.feedback = feedback;
    }

    @GET
    @RequiresPrivilege("scheduling.feedback.view")
    public Page<Feedback> list(@QueryParam("doctorId") String doctorId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return feedback.list(doctorId, page, size);
    }
}
