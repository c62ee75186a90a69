package org.pavilion.core.internal.rest.resources;

import java.time.Instant;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticationFailedException;
import org.pavilion.core.internal.security.LoginResult;

/** POST /api/v1/auth/login and /logout. */
@Component(service = AuthResource.class, property = Endpoints.REST_BASE + "=/auth")
@PublicEndpoint
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;

    @Activate
    public AuthResource(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    public static final class LoginRequest {
        public String username;
        public String password;
    }

    public static final class LoginResponse {
        public String token;
        public String tokenType = "Bearer";
        public String expiresAt;
        public String username;
        public Set<String> roles;
        public Set<String> privileges;
        public String patientId;
    }

    @POST
    @Path("login")
    public LoginResponse login(LoginRequest request, @Context HttpServletRequest http) {
        if (request == null) {
            throw ProblemException.validation("A JSON body with username and password is required");
        }
        try {
            LoginResult r = accounts.login(request.username, request.password, http.getRemoteAddr());
            LoginResponse out = new LoginResponse();
            out.token = r.token();
            out.expiresAt = Instant.ofEpochMilli(r.expiresMs()).toString();
            out.username = r.caller().username();
            out.roles = r.caller().roles();
            out.privileges = r.caller().privileges();
            out.patientId = r.caller().patientId().orElse(null);
            return out;
        } catch (AuthenticationFailedException e) {
            throw new ProblemException(401, "unauthorized", "Login failed", e.getMessage());
        }
    }

    @POST
    @Path("logout")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "Send the bearer token to end its session");
        }
        accounts.logout(authorization.substring(7).trim());
        return Response.noContent().build();
    }
}
