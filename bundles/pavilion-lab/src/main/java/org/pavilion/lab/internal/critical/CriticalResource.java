package org.pavilion.lab.internal.critical;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** {@code /api/v1/lab/critical}: the open critical results and their acknowledgement (docs/lab-api.md). */
@Component(service = CriticalResource.class, property = Endpoints.REST_BASE + "=/lab/critical")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CriticalResource {

    private final CriticalAlerts alerts;

    @Activate
    public CriticalResource(@Reference CriticalAlerts alerts) {
        this.alerts = alerts;
    }

    /** {@code mine=true}: only the alerts the caller must acknowledge now. */
    @GET
    @RequiresPrivilege(CriticalAlerts.PRIVILEGE)
    public Page<CriticalAlert> open(@QueryParam("mine") @DefaultValue("false") boolean mine,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return alerts.open(mine, page, size);
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPrivilege(CriticalAlerts.PRIVILEGE)
    public CriticalAlert acknowledge(@PathParam("id") String id, AcknowledgeRequest body) {
        return alerts.acknowledge(id, body == null ? null : body.note);
    }
}
