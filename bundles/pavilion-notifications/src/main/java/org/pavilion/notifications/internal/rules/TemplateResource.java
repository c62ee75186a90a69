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

/** REST at /api/v1/notifications/templates: the message texts per key, channel and language. */
@Component(service = TemplateResource.class, property = Endpoints.REST_BASE + "=" + TemplateResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    static final String BASE = "/notifications/templates";

    private final TemplateService templates;

    @Activate
    public TemplateResource(@Reference TemplateService templates) {
        this.templates = templates;
    }

    @GET
    @RequiresPrivilege(RuleResource.VIEW)
    public Page<TemplateDto> list(@QueryParam("key") String key, @QueryParam("channel") String channel,
            @QueryParam("language") String language, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return templates.list(key, channel, language, page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(RuleResource.VIEW)
    public TemplateDto get(@PathParam("id") String id) {
        return templates.get(id);
    }

    @POST
    @RequiresPrivilege(RuleResource.MANAGE)
    public Response create(TemplateDto in) {
        TemplateDto created = templates.create(in);
        return Response.status(201).header("Location", "/api/v1" + BASE + "/" + created.id).entity(created).build();
    }

    /** Replaces the subject and body; its {@code version} must be the stored one (409 otherwise). */
    @PUT
    @Path("{id}")
    @RequiresPrivilege(RuleResource.MANAGE)
    public TemplateDto replace(@PathParam("id") String id, TemplateDto in) {
        return templates.replace(id, in);
    }

    /** 409 while it is the last template of its key and channel that an enabled rule uses. */
    @DELETE
    @Path("{id}")
    @RequiresPrivilege(RuleResource.MANAGE)
    public Response delete(@PathParam("id") String id) {
        templates.delete(id);
        return Response.noContent().build();
    }
}
