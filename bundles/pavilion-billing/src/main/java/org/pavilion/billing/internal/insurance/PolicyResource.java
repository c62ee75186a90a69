package org.pavilion.billing.internal.insurance;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/policies: one policy, its end, its eligibility check with the insurer. */
@Component(service = PolicyResource.class, property = Endpoints.REST_BASE + "=/billing/policies")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyService policies;

    @Activate
    public PolicyResource(@Reference PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public PolicyDto get(@PathParam("id") String id) {
        return policies.get(id);
    }

    /** Replaces the policy (the body's {@code version} must be the stored one); {@code status} ENDED ends it. */
    @PUT
    @Path("{id}")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public PolicyDto put(@PathParam("id") String id, PolicyDto in) {
        return policies.update(id, in);
    }

    /** Asks the insurer (FHIR CoverageEligibilityRequest) and answers the policy with the result. */
    @POST
    @Path("{id}/eligibility")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public PolicyDto eligibility(@PathParam("id") String id) {
        return policies.checkEligibility(id);
    }
}
