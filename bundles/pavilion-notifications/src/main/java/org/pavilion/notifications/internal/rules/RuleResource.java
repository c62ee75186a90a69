package org.pavilion.notifications.internal.rules;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/rules: which event notifies whom, how, with which template. */
@Component(service = RuleResource.class, property = Endpoints.REST_BASE + "=" + RuleResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    static final String BASE = "/notifications/rules";
    static final String VIEW = "notifications.rules.view";
    static final String MANAGE = "notifications.rules.manage";

    private final RuleService rules;

    @Activate
    public RuleResource(@Reference RuleService rules) {
        this.rules = rules;
    }

    @GET
    @RequiresPrivilege(VIEW)
    public Page<RuleDto> list(@QueryParam("eventType") String eventType, @QueryParam("templateKey") String templateKey,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return rules.list(eventType, templateKey, page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(VIEW)
    public RuleDto get(@PathParam("id") String id) {
        return rules.get(id);
    }

    @POST
    @RequiresPrivilege(MANAGE)
    public Response create(RuleDto in) {
        RuleDto created = rules.create(in);
        return Response.status(201).header("Location", "/api/v1" + BASE + "/" + created.id).entity(created).build();
    }

    /** Replaces the rule; its {@code version} must be the stored one (409 otherwise). */
    @PUT
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public RuleDto replace(@PathParam("id") String id, RuleDto in) {
        return rules.replace(id, in);
    }

    /** 409 for a seeded rule: disable it instead. */
    @DELETE
    @Path("{id}")
    @RequiresPrivilege(MANAGE)
    public Response delete(@PathParam("id") String id) {
        rules.delete(id);
        return Response.noContent().build();
    }
}
