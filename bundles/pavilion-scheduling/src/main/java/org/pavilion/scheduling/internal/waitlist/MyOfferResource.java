package org.pavilion.scheduling.internal.waitlist;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.booking.Appointment;

/** The patient's own offers at /api/v1/scheduling/my/offers: another patient's offer is 403, an unknown one 404. */
@Component(service = MyOfferResource.class, property = Endpoints.REST_BASE + "=/scheduling/my/offers")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
@RequiresPrivilege(PatientGate.OWN)
public class MyOfferResource {

    private final SlotOffers offers;

    @Activate
    public MyOfferResource(@Reference SlotOffers offers) {
        this.offers = offers;
    }

    @GET
    public List<Offer> list() {
        return offers.listOwn();
    }

    @POST
    @Path("{id}/accept")
    public Appointment accept(@PathParam("id") String id) {
        return offers.accept(id, true);
    }

    @POST
    @Path("{id}/decline")
    public Offer decline(@PathParam("id") String id) {
        return offers.decline(id, true);
    }
}
