package org.pavilion.example.hl7.internal;

import java.sql.SQLException;
import java.util.List;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/example/expected-visits: who is expected, as the scheduling system booked them. */
@Component(service = ExpectedVisitResource.class, property = org.pavilion.core.api.rest.Endpoints.REST_BASE
        + "=/example/expected-visits")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ExpectedVisitResource {

    private final ExpectedVisits visits;

    @Activate
    public ExpectedVisitResource(@Reference ExpectedVisits visits) {
        this.visits = visits;
    }

    @GET
    @RequiresPrivilege("example-hl7.expected-visit.view")
    public List<ExpectedVisit> list(@QueryParam("patientId") String patientId,
            @QueryParam("limit") @DefaultValue("50") int limit) throws SQLException {
        if (limit < 1 || limit > 500) {
            throw ProblemException.validation("limit must be 1 to 500");
        }
        return visits.list(patientId == null || patientId.isBlank() ? null : patientId.strip(), limit);
    }
}
