package org.pavilion.notifications.internal.rules;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/notifications/previews: a message rendered with sample data, nothing stored or sent. */
@Component(service = PreviewResource.class, property = Endpoints.REST_BASE + "=" + PreviewResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PreviewResource {

    static final String BASE = "/notifications/previews";

    private final PreviewService previews;

    @Activate
    public PreviewResource(@Reference PreviewService previews) {
        this.previews = previews;
    }

    /** {subject, body, language}, or 422 listing the problems. */
    @POST
    @RequiresPrivilege(RuleResource.VIEW)
    public Rendered preview(PreviewRequest in) {
        return previews.preview(in);
    }
}
