package org.pavilion.billing.internal.documents;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;

/** REST at /api/v1/billing/receipts: a payment's or refund's receipt as PDF. */
@Component(service = ReceiptResource.class, property = Endpoints.REST_BASE + "=" + ReceiptResource.BASE)
@Path("/")
public class ReceiptResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/receipts";

    private final Documents documents;

    @Activate
    public ReceiptResource(@Reference Documents documents) {
        this.documents = documents;
    }

    @GET
    @Path("{paymentId}/pdf")
    @Produces(Pdfs.MEDIA_TYPE)
    @RequiresPrivilege(PatientGate.VIEW)
    public Response receipt(@PathParam("paymentId") String paymentId) {
        return Pdfs.response(documents.receipt(paymentId));
    }
}
