package org.pavilion.lab.internal.reading;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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

/**
 * REST at /api/v1/lab/patients/{mrn}/results and /trend: the chart's lab tab. The break-the-glass reason comes in
 * the {@value ResultsResources#BREAK_GLASS_HEADER} header, as for the EMR's record.
 */
@Component(service = PatientResultsResource.class, property = Endpoints.REST_BASE + "=/lab/patients")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientResultsResource {

    private final PatientResults results;

    @Activate
    public PatientResultsResource(@Reference PatientResults results) {
        this.results = results;
    }

    @GET
    @Path("{mrn}/results")
    @RequiresPrivilege(PatientResults.VIEW)
    public Page<ChartResult> results(@PathParam("mrn") String mrn, @QueryParam("test") String test,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size,
            @HeaderParam(ResultsResources.BREAK_GLASS_HEADER) String breakGlassReason) {
        String t = test == null || test.isBlank() ? null : test.strip();
        return results.results(new PatientResults.Query(mrn, t, ReadingDates.window(from, to), breakGlassReason),
                PatientResults.VIEW, page, size);
    }

    @GET
    @Path("{mrn}/trend")
    @RequiresPrivilege(PatientResults.VIEW)
    public Trend trend(@PathParam("mrn") String mrn, @QueryParam("test") String test,
            @HeaderParam(ResultsResources.BREAK_GLASS_HEADER) String breakGlassReason) {
        return results.trend(mrn, test, breakGlassReason);
    }
}
