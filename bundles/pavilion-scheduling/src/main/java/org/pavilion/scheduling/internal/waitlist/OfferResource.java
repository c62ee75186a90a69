package org.pavilion.scheduling.internal.waitlist;

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
import org.pavilion.scheduling.internal.booking.Appointment;

/** The desk answers offers for a patient (on the phone) at /api/v1/scheduling/offers. */
@Component(service = OfferResource.class, property = Endpoints.REST_BASE + "=/scheduling/offers")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
@RequiresPrivilege(WaitingList.MANAGE)
public class OfferResource {

    private final SlotOffers offers;

    @Activate
    public OfferResource(@Reference SlotOffers offers) {
        this.offers = offers;
    }

    @GET
    @Path("{id}")
    public Offer get(@PathParam("id") String id) {
        return offers.get(id, false);
    }

    @POST
    @Path("{id}/accept")
    public Appointment accept(@PathParam("id") String id) {
        return offers.accept(id, false);
    }

    @POST
    @Path("{id}/decline")
    public Offer decline(@PathParam("id") String id) {
        return offers.decline(id, false);
    }
}
