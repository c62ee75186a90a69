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

/** REST at /api/v1/billing/portal/documents: a patient's own issued invoice as PDF (another patient's: 403). */
@Component(service = PortalDocumentResource.class, property = Endpoints.REST_BASE + "=" + PortalDocumentResource.BASE)
@Path("/")
public class PortalDocumentResource {

    /** Below /api/v1. */
    static final String BASE = "/billing/portal/documents";

    private final Documents documents;

    @Activate
    public PortalDocumentResource(@Reference Documents documents) {
        this.documents = documents;
    }

    @GET
    @Path("{invoiceId}/pdf")
    @Produces(Pdfs.MEDIA_TYPE)
    @RequiresPrivilege(PatientGate.VIEW_OWN)
    public Response own(@PathParam("invoiceId") String invoiceId) {
        return Pdfs.response(documents.own(invoiceId));
    }
}
