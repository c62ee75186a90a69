package org.pavilion.billing.internal.accounting;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/journal: the double-entry journal, its CSV export and the trial balance. */
@Component(service = JournalResource.class, property = Endpoints.REST_BASE + "=/billing/journal")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class JournalResource {

    /** Finance staff: the journal, exports, cash reconciliation, reports. */
    public static final String VIEW = "billing.accounting.view";
    static final String CSV = "text/csv";

    private final JournalReader journal;

    @Activate
    public JournalResource(@Reference JournalReader journal) {
        this.journal = journal;
    }

    @GET
    @RequiresPrivilege(VIEW)
    public Page<JournalViews.Entry> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("account") String account, @QueryParam("referenceId") String referenceId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return journal.entries(from, to, account, referenceId, page, size);
    }

    /** text/csv (RFC 4180, UTF-8), streamed: the parameters are checked first, so a bad day is still a 400. */
    @GET
    @Path("export.csv")
    @Produces(CSV)
    @RequiresPrivilege(VIEW)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        JournalReader.Range range = journal.range(from, to);
        StreamingOutput body = out -> journal.export(range,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        String name = "journal" + (range.from() == null ? "" : "-" + range.from())
                + (range.to() == null ? "" : "-" + range.to()) + ".csv";
        return Response.ok(body, CSV + "; charset=UTF-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("trial-balance")
    @RequiresPrivilege(VIEW)
    public JournalViews.TrialBalance trialBalance(@QueryParam("to") String to) {
        return journal.trialBalance(to);
    }
}
