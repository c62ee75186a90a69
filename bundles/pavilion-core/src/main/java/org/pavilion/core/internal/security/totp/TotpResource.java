package org.pavilion.core.internal.security.totp;

import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.internal.rest.ClientAddress;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticationFailedException;
import org.pavilion.core.internal.security.LoginResult;

/**
 * /api/v1/auth/totp: the signed-in user's own two-step sign-in (status, enrolment, confirmation, removal) and an
 * administrator's reset of a user's second factor. The own-account methods are public endpoints that require a
 * caller themselves, so a user whose role requires a second factor can reach them before enrolling.
 */
@Component(service = TotpResource.class, property = Endpoints.REST_BASE + "=/auth/totp")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TotpResource {

    private final SecondFactors secondFactors;
    private final AccountService accounts;

    @Activate
    public TotpResource(@Reference SecondFactors secondFactors, @Reference AccountService accounts) {
        this.secondFactors = secondFactors;
        this.accounts = accounts;
    }

    public static final class StatusView {
        public boolean enrolled;
        public boolean required;
    }

    public static final class EnrolmentView {
        public String secret;
        public String otpauthUri;
    }

    public static final class CodeRequest {
        public String code;
    }

    public static final class RemovalRequest {
        public String password;
        public String code;
    }

    public static final class ConfirmedView {
        public boolean enrolled = true;
        /** Shown this once; each signs in once instead of a code when the authenticator is lost. */
        public List<String> recoveryCodes;
    }

    @GET
    @PublicEndpoint
    public StatusView status() {
        SecondFactors.Status s = secondFactors.status(signedIn().username());
        StatusView out = new StatusView();
        out.enrolled = s.enrolled();
        out.required = s.required();
        return out;
    }

    /** A new secret for the authenticator app; 409 when two-step sign-in is already set up. */
    @POST
    @Path("enrolment")
    @PublicEndpoint
    public EnrolmentView startEnrolment() {
        Caller caller = signedIn();
        if (caller.patientId().isPresent()) {
            throw ProblemException.validation("Two-step sign-in is for staff accounts");
        }
        SecondFactors.Enrolment e = secondFactors.startEnrolment(caller.username());
        EnrolmentView out = new EnrolmentView();
        out.secret = e.secret();
        out.otpauthUri = e.otpauthUri();
        return out;
    }

    @POST
    @Path("enrolment/confirm")
    @PublicEndpoint
    public ConfirmedView confirm(CodeRequest request) {
        Caller caller = signedIn();
        if (request == null || request.code == null || request.code.isBlank()) {
            throw ProblemException.validation("A JSON body with the current code is required");
        }
        ConfirmedView out = new ConfirmedView();
        out.recoveryCodes = secondFactors.confirm(caller.username(), request.code);
        return out;
    }

    /** Removes one's own second factor: password and a current code, checked like a login (failures count). */
    @POST
    @Path("removal")
    @PublicEndpoint
    public Response remove(RemovalRequest request, @Context HttpServletRequest http) {
        Caller caller = signedIn();
        if (request == null || request.password == null || request.code == null) {
            throw ProblemException.validation("A JSON body with password and code is required");
        }
        if (!secondFactors.status(caller.username()).enrolled()) {
            throw ProblemException.conflict("Two-step sign-in is not set up");
        }
        try {
            LoginResult proof = accounts.login(caller.username(), request.password, request.code,
                    ClientAddress.of(http));
            accounts.logout(proof.token());
        } catch (AuthenticationFailedException e) {
            throw new ProblemException(403, "wrong-credentials", "Two-step sign-in not removed",
                    "The password or the code is wrong (or the account is locked)");
        }
        secondFactors.remove(caller.username(), "REMOVE", false);
        return Response.noContent().build();
    }

    /**
     * An administrator's reset: the user signs in with their password alone (and enrols again if a role requires).
     * Every session of the user ends with it, so one opened with the lost authenticator does not outlive the reset.
     */
    @DELETE
    @Path("users/{username}")
    @RequiresPrivilege("platform.user.manage")
    public Response reset(@PathParam("username") String username) {
        String name = accounts.get(username).username; // 404 for an unknown user
        secondFactors.remove(name, "RESET", true);
        accounts.forgetCachedCredentials(name);
        return Response.noContent().build();
    }

    private static Caller signedIn() {
        return CallerContext.current().orElseThrow(() -> new ProblemException(401, "unauthorized", "Unauthorized",
                "Sign in to manage two-step sign-in"));
    }
}
