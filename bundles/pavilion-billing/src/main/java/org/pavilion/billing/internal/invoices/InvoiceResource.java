package org.pavilion.billing.internal.invoices;

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
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.documents.Documents;
import org.pavilion.billing.internal.documents.Pdfs;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/invoices (docs/billing-api.md, "Invoices"). */
@Component(service = InvoiceResource.class, property = Endpoints.REST_BASE + "=" + InvoiceResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/invoices";

    private final InvoiceService invoices;
    private final Documents documents;

    @Activate
    public InvoiceResource(@Reference InvoiceService invoices, @Reference Documents documents) {
        this.invoices = invoices;
        this.documents = documents;
    }

    @POST
    @RequiresPrivilege(PatientGate.WRITE)
    public Response create(InvoiceBodies.Create in) {
        return Response.status(201).entity(invoices.create(in)).build();
    }

    @GET
    @RequiresPrivilege(PatientGate.VIEW)
    public Page<InvoiceViews.Invoice> list(@QueryParam("patientId") String patientId,
            @QueryParam("status") String status, @QueryParam("kind") String kind, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return invoices.list(patientId, status, kind, from, to, page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(PatientGate.VIEW)
    public InvoiceViews.Invoice get(@PathParam("id") String id) {
        return invoices.get(id);
    }

    @POST
    @Path("{id}/discounts")
    @RequiresPrivilege(PatientGate.WRITE)
    public Response requestDiscount(@PathParam("id") String id, InvoiceBodies.Discount in) {
        return Response.status(201).entity(invoices.requestDiscount(id, in)).build();
    }

    @POST
    @Path("{id}/discounts/{discountId}/approve")
    @RequiresPrivilege(Discounts.APPROVE)
    public InvoiceViews.Invoice approve(@PathParam("id") String id, @PathParam("discountId") String discountId) {
        return invoices.decideDiscount(id, discountId, true);
    }

    @POST
    @Path("{id}/discounts/{discountId}/reject")
    @RequiresPrivilege(Discounts.APPROVE)
    public InvoiceViews.Invoice reject(@PathParam("id") String id, @PathParam("discountId") String discountId) {
        return invoices.decideDiscount(id, discountId, false);
    }

    @POST
    @Path("{id}/issue")
    @RequiresPrivilege(PatientGate.WRITE)
    public InvoiceViews.Invoice issue(@PathParam("id") String id) {
        return invoices.issue(id);
    }

    @POST
    @Path("{id}/void")
    @RequiresPrivilege(PatientGate.WRITE)
    public InvoiceViews.Invoice voidInvoice(@PathParam("id") String id, InvoiceBodies.Void in) {
        return invoices.voidInvoice(id, in);
    }

    @POST
    @Path("{id}/credit-notes")
    @RequiresPrivilege(PatientGate.WRITE)
    public Response creditNote(@PathParam("id") String id, InvoiceBodies.CreditNote in) {
        return Response.status(201).entity(invoices.creditNote(id, in)).build();
    }

    @GET
    @Path("{id}/pdf")
    @Produces(Pdfs.MEDIA_TYPE)
    @RequiresPrivilege(PatientGate.VIEW)
    public Response pdf(@PathParam("id") String id) {
        return Pdfs.response(documents.invoice(id));
    }
}
