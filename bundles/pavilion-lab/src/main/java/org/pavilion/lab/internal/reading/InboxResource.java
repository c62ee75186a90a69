package org.pavilion.lab.internal.reading;

import javax.ws.rs.Consumes;
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
import org.pavilion.lab.internal.result.ResultDto;

/** REST at /api/v1/lab/inbox: the ordering doctor's released results. */
@Component(service = InboxResource.class, property = Endpoints.REST_BASE + "=/lab/inbox")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InboxResource {

    private final DoctorInbox inbox;

    @Activate
    public InboxResource(@Reference DoctorInbox inbox) {
        this.inbox = inbox;
    }

    @GET
    @RequiresPrivilege(PatientResults.VIEW)
    public Page<ResultDto> inbox(@QueryParam("unacknowledged") @DefaultValue("false") boolean unacknowledged,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return inbox.inbox(unacknowledged, page, size);
    }
}
