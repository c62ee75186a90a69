package ${package}.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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

/**
 * REST at /api/v1/${departmentName}/referrals. The platform publishes it (auth, JSON, problem+json); a method that
 * names no privilege would not be published.
 */
@Component(service = ReferralResource.class, property = Endpoints.REST_BASE + "=/${departmentName}/referrals")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {

    private final ReferralService referrals;

    @Activate
    public ReferralResource(@Reference ReferralService referrals) {
        this.referrals = referrals;
    }

    @POST
    @RequiresPrivilege("${departmentName}.referral.open")
    public Response open(NewReferral in) {
        Referral r = referrals.open(in);
        return Response.status(201).header("Location", "/api/v1/${departmentName}/referrals/" + r.id).entity(r).build();
    }

    @GET
    @RequiresPrivilege("${departmentName}.referral.view")
    public Page<Referral> list(@QueryParam("patientId") String patientId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return referrals.list(patientId, page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege("${departmentName}.referral.view")
    public Referral get(@PathParam("id") String id) {
        return referrals.get(id);
    }
}
