package org.pavilion.billing.internal.reports;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.accounting.JournalResource;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/reports: revenue, aged receivables and claims for the finance office. */
@Component(service = ReportResource.class, property = Endpoints.REST_BASE + "=/billing/reports")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final RevenueReport revenue;
    private final ReceivablesReport receivables;
    private final ClaimsReport claims;

    @Activate
    public ReportResource(@Reference RevenueReport revenue, @Reference ReceivablesReport receivables,
            @Reference ClaimsReport claims) {
        this.revenue = revenue;
        this.receivables = receivables;
        this.claims = claims;
    }

    @GET
    @Path("revenue")
    @RequiresPrivilege(JournalResource.VIEW)
    public List<ReportViews.Revenue> revenue(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("by") String by) {
        return revenue.revenue(from, to, by);
    }

    @GET
    @Path("receivables")
    @RequiresPrivilege(JournalResource.VIEW)
    public ReportViews.Receivables receivables(@QueryParam("on") String on) {
        return receivables.receivables(on);
    }

    @GET
    @Path("claims")
    @RequiresPrivilege(JournalResource.VIEW)
    public List<ReportViews.Claims> claims(@QueryParam("from") String from, @QueryParam("to") String to) {
        return claims.claims(from, to);
    }
}
