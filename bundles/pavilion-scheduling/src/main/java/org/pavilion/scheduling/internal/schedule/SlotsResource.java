package org.pavilion.scheduling.internal.schedule;

import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.scheduling.internal.Times;

/** REST at /api/v1/scheduling/slots: the public free-slot search (from defaults to today, to to a week later). */
@Component(service = SlotsResource.class, property = Endpoints.REST_BASE + "=/scheduling/slots")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SlotsResource {

    private final SlotEngine slots;

    @Activate
    public SlotsResource(@Reference SlotEngine slots) {
        this.slots = slots;
    }

    @GET
    @PublicEndpoint
    public List<SlotView> find(@QueryParam("doctorId") String doctorId, @QueryParam("specialty") String specialty,
            @QueryParam("service") String service, @QueryParam("language") String language,
            @QueryParam("visitType") String visitType, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        LocalDate first = Times.day(from, "from", false);
        if (first == null) {
            first = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(slots.nowMs()), slots.zone());
        }
        LocalDate last = Times.day(to, "to", false);
        if (last == null) {
            last = first.plusDays(6);
        }
        return slots.find(new FreeSlots.Query(doctorId, specialty, service, language, visitType, first, last, limit))
                .stream().map(s -> SlotView.of(s, slots.zone())).toList();
    }
}
