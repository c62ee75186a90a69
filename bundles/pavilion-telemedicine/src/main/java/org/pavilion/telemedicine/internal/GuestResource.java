package org.pavilion.telemedicine.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.http.TransportSecurity;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.PublicEndpoint;

/**
 * REST for a guest without an account at /api/v1/telemedicine/guest: redeem a link once, then ask for signalling
 * tickets with the guest session it gave ({@code X-Telemedicine-Guest}). Public: the link is the credential.
 */
@Component(service = GuestResource.class, property = Endpoints.REST_BASE + "=/telemedicine/guest")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PublicEndpoint
public class GuestResource {

    static final String SESSION_HEADER = "X-Telemedicine-Guest";

    private final ConsultationService consultations;
    private final TransportSecurity transport;

    @Context
    HttpServletRequest request;

    @Activate
    public GuestResource(@Reference ConsultationService consultations, @Reference TransportSecurity transport) {
        this.consultations = consultations;
        this.transport = transport;
    }

    @POST
    @Path("redeem")
    public GuestRedemption redeem(GuestRedemption in) {
        if (in == null || in.token == null) {
            throw ProblemException.validation("token is required");
        }
        return consultations.redeem(in.token.trim(), address());
    }

    @POST
    @Path("signal-ticket")
    public SignalAccess signal(@HeaderParam(SESSION_HEADER) String guestSession) {
        return consultations.guestAccess(guestSession == null ? null : guestSession.trim(), address());
    }

    /**
     * The guest's address as core resolves it (behind the hospital's trusted reverse proxies the forwarded client, not
     * the proxy), for the redemption's audit record and the signalling join the ticket leads to. A guest sends no
     * credentials, so no caller carries it: core's {@link TransportSecurity} gives the same answer its authentication
     * resolved for the request.
     */
    private String address() {
        return request == null ? "unknown" : transport.clientAddress(request);
    }
}
