package org.pavilion.lab.internal.order;

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

/** REST at /api/v1/lab/worklist: the bench's pending tests, most urgent and oldest first. */
@Component(service = WorklistResource.class, property = Endpoints.REST_BASE + "=/lab/worklist")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class WorklistResource {

    private final Worklist worklist;

    @Activate
    public WorklistResource(@Reference Worklist worklist) {
        this.worklist = worklist;
    }

    @GET
    @RequiresPrivilege(Worklist.RECEIVE)
    public Page<Worklist.Entry> list(@QueryParam("status") String status, @QueryParam("priority") String priority,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return worklist.list(status, priority, page, size);
    }
}
