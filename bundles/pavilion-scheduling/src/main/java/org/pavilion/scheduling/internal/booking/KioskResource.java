package org.pavilion.scheduling.internal.booking;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;

/**
 * REST at /api/v1/scheduling/check-in: the waiting room's kiosk (or a QR code), without login. The booking code is
 * the credential; the answer names no patient.
 */
@Component(service = KioskResource.class, property = Endpoints.REST_BASE + "=/scheduling/check-in")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PublicEndpoint
public class KioskResource {

    private final AppointmentBook book;

    @Activate
    public KioskResource(@Reference AppointmentBook book) {
        this.book = book;
    }

    @POST
    public Bodies.KioskAnswer checkIn(Bodies.KioskCheckIn in) {
        // No body at all is answered as a missing bookingCode, the one field the kiosk sends.
        return Bodies.KioskAnswer.of(book.checkInByCode(in == null ? null : in.bookingCode));
    }
}
