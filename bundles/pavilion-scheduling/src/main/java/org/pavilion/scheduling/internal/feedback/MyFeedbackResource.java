package org.pavilion.scheduling.internal.feedback;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.access.PatientGate;

/** The portal's feedback: {@code POST /api/v1/scheduling/my/feedback/{appointmentId}}. */
@Component(service = MyFeedbackResource.class, property = Endpoints.REST_BASE + "=/scheduling/my/feedback")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MyFeedbackResource {

    private final FeedbackService feedback;

    @Activate
    public MyFeedbackResource(@Reference FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Path("{appointmentId}")
    @RequiresPrivilege(PatientGate.OWN)
    public Response rate(@PathParam("appointmentId") String appointmentId, FeedbackRequest in) {
        return Response.status(201).entity(feedback.rate(appointmentId, in)).build();
    }
}
