package org.pavilion.billing.internal.insurance;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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

/** REST at /api/v1/billing/patients: a patient's policies. */
@Component(service = PatientPolicyResource.class, property = Endpoints.REST_BASE + "=/billing/patients")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientPolicyResource {

    private final PolicyService policies;

    @Activate
    public PatientPolicyResource(@Reference PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Path("{mrn}/policies")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public List<PolicyDto> list(@PathParam("mrn") String mrn) {
        return policies.list(mrn);
    }

    @POST
    @Path("{mrn}/policies")
    @RequiresPrivilege(InsurerResource.MANAGE)
    public Response create(@PathParam("mrn") String mrn, PolicyDto in) {
        return Response.status(Response.Status.CREATED).entity(policies.create(mrn, in)).build();
    }
}
