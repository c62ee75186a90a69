package org.pavilion.billing.internal.portal;

import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.invoices.InvoiceViews;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * REST at /api/v1/billing/portal/invoices: a patient's own issued invoices. The list names no patient: it is always
 * the caller's own record; a caller without one gets 403.
 */
@Component(service = PortalInvoiceResource.class,
        property = Endpoints.REST_BASE + "=" + PortalInvoiceResource.BASE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalInvoiceResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/portal/invoices";

    private final PortalInvoices invoices;

    @Activate
    public PortalInvoiceResource(@Reference PortalInvoices invoices) {
        this.invoices = invoices;
    }

    @GET
    @RequiresPrivilege(PatientGate.VIEW_OWN)
    public Page<InvoiceViews.Invoice> own(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return invoices.own(page, size);
    }

    @GET
    @Path("{id}")
    @RequiresPrivilege(PatientGate.VIEW_OWN)
    public InvoiceViews.Invoice one(@PathParam("id") String id) {
        return invoices.one(id);
    }
}
