package org.pavilion.core.internal.rest.resources;

import java.time.Instant;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.NewCookie;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.internal.rest.ClientAddress;
import org.pavilion.core.internal.rest.Problems;
import org.pavilion.core.internal.rest.SessionCookie;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.AuthenticationFailedException;
import org.pavilion.core.internal.security.LoginResult;
import org.pavilion.core.internal.security.LoginThrottledException;
import org.pavilion.core.internal.security.PasswordResetService;
import org.pavilion.core.internal.security.totp.SecondFactorRequiredException;

/**
 * POST /api/v1/auth/login and /logout (bearer tokens, for programs); /auth/session (the browser's HttpOnly cookie,
 * the token never reaches page scripts); POST /auth/password (a user's own change of password); POST
 * /auth/password-reset and /auth/password-reset/confirm (a forgotten password, by a link sent to the user).
 */
@Component(service = AuthResource.class, property = Endpoints.REST_BASE + "=/auth")
@PublicEndpoint
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final PasswordResetService resets;

    @Activate
    public AuthResource(@Reference AccountService accounts, @Reference PasswordResetService resets) {
        this.accounts = accounts;
        this.resets = resets;
    }

    public static final class LoginRequest {
        public String username;
        public String password;
        /** The TOTP (or recovery) code, for an account with a second factor. */
        public String code;
    }

    public static final class LoginResponse {
        public String token;
        public String tokenType = "Bearer";
        public String expiresAt;
        public String username;
        public Set<String> roles;
        public Set<String> privileges;
        public String patientId;
        /** Minutes without use after which the session ends (expiresAt is the absolute end); 0: none. */
        public Integer idleTimeoutMinutes;
        /** True: the account must choose a new password (POST /auth/password) before any other call. */
        public boolean passwordChangeRequired;
    }

    public static final class PasswordResetAsk {
        public String username;
    }

    public static final class PasswordResetConfirm {
        public String token;
        public String password;
    }

    /** The one answer to every reset request, so it tells no one whether an account exists. */
    public static final class PasswordResetAccepted {
        public String status = "accepted";
        public String detail = "If the account exists and may be reset, a link has been sent to its owner";
    }

    public static final class PasswordChange {
        public String currentPassword;
        public String newPassword;
    }

    @POST
    @Path("login")
    public Response login(LoginRequest request, @Context HttpServletRequest http) {
        LoginResult r;
        try {
            r = loginOrFail(request, http);
        } catch (LoginThrottledException e) {
            return tooManyAttempts(e);
        }
        LoginResponse out = describe(r.caller(), r.expiresMs());
        out.token = r.token();
        out.idleTimeoutMinutes = accounts.idleTimeoutMinutes();
        return Response.ok(out).build();
    }

    /** Signs a browser in: the token goes into an HttpOnly, SameSite=Strict cookie only; the body says who it is. */
    @POST
    @Path("session")
    public Response openSession(LoginRequest request, @Context HttpServletRequest http) {
        LoginResult r;
        try {
            r = loginOrFail(request, http);
        } catch (LoginThrottledException e) {
            return tooManyAttempts(e);
        }
        LoginResponse out = describe(r.caller(), r.expiresMs());
        out.idleTimeoutMinutes = accounts.idleTimeoutMinutes();
        out.tokenType = null;
        return Response.ok(out).header(HttpHeaders.SET_COOKIE, SessionCookie.set(r.token(), ClientAddress.isSecure(http)))
                .build();
    }

    /** Who the browser's session is: 401 when it has none or it expired. */
    @GET
    @Path("session")
    public LoginResponse session(@CookieParam(SessionCookie.NAME) String token) {
        Caller caller = CallerContext.current().orElseThrow(() -> new ProblemException(401, "unauthorized",
                "Unauthorized", "No session: sign in"));
        LoginResponse out = describe(caller, token == null ? 0 : accounts.sessionExpiry(token));
        out.idleTimeoutMinutes = accounts.idleTimeoutMinutes();
        out.tokenType = null;
        return out;
    }

    /** Signs the browser out: the session ends on the server and the cookie is cleared. */
    @DELETE
    @Path("session")
    public Response closeSession(@CookieParam(SessionCookie.NAME) String token, @Context HttpServletRequest http) {
        if (token != null && !token.isBlank()) {
            accounts.logout(token);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(ClientAddress.isSecure(http))).build();
    }

    /** The signed-in user's own change of password (bearer or browser session). */
    @POST
    @Path("password")
    public Response changePassword(PasswordChange change, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @CookieParam(SessionCookie.NAME) String cookieToken, @Context HttpServletRequest http) {
        Caller caller = CallerContext.current().orElseThrow(() -> new ProblemException(401, "unauthorized",
                "Unauthorized", "Sign in to change your password"));
        if (change == null || change.newPassword == null) {
            throw ProblemException.validation("A JSON body with currentPassword and newPassword is required");
        }
        try {
            // The session making the change goes on (the account's others end): a first sign-in continues.
            accounts.changeOwnPassword(caller.username(), change.currentPassword, change.newPassword,
                    ClientAddress.of(http), sessionToken(authorization, cookieToken));
        } catch (LoginThrottledException e) {
            return tooManyAttempts(e);
        } catch (AuthenticationFailedException e) {
            throw new ProblemException(403, "wrong-password", "Password not changed",
                    "The current password is wrong (or the account is locked)");
        }
        return Response.noContent().build();
    }

    /** The token of the request's own session: a bearer token, else the browser's cookie; null for HTTP Basic. */
    private static String sessionToken(String authorization, String cookieToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (authorization == null || authorization.isBlank()) {
            return cookieToken;
        }
        return null;
    }

    /** A forgotten password: 202 whether or not the account exists; the link goes out by the installed messengers. */
    @POST
    @Path("password-reset")
    public Response requestPasswordReset(PasswordResetAsk ask, @Context HttpServletRequest http) {
        if (ask == null) {
            throw ProblemException.validation("A JSON body with username is required");
        }
        resets.request(ask.username, ClientAddress.of(http));
        return Response.accepted(new PasswordResetAccepted()).build();
    }

    /** Sets the new password with the link's token; 400 for an unknown, used or expired token alike. */
    @POST
    @Path("password-reset/confirm")
    public Response confirmPasswordReset(PasswordResetConfirm confirm, @Context HttpServletRequest http) {
        if (confirm == null) {
            throw ProblemException.validation("A JSON body with token and password is required");
        }
        resets.confirm(confirm.token, confirm.password, ClientAddress.of(http));
        return Response.noContent().build();
    }

    /** 429 with Retry-After: too many password checks from this address; nothing was hashed or counted. */
    static Response tooManyAttempts(LoginThrottledException e) {
        return Response.fromResponse(Problems.response(429, "too-many-login-attempts", "Too many sign-in attempts",
                e.getMessage())).header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
    }

    private LoginResult loginOrFail(LoginRequest request, HttpServletRequest http) throws LoginThrottledException {
        if (request == null) {
            throw ProblemException.validation("A JSON body with username and password is required");
        }
        try {
            return accounts.login(request.username, request.password, request.code, ClientAddress.of(http));
        } catch (LoginThrottledException e) {
            throw e;
        } catch (SecondFactorRequiredException e) {
            // Only after a right password: a wrong one answers the usual 401 below.
            throw new ProblemException(401, SecondFactorRequiredException.TYPE, "Code required", e.getMessage());
        } catch (AuthenticationFailedException e) {
            throw new ProblemException(401, "unauthorized", "Login failed", e.getMessage());
        }
    }

    private static LoginResponse describe(Caller caller, long expiresMs) {
        LoginResponse out = new LoginResponse();
        out.expiresAt = expiresMs <= 0 ? null : Instant.ofEpochMilli(expiresMs).toString();
        out.username = caller.username();
        out.roles = caller.roles();
        out.privileges = caller.privileges();
        out.patientId = caller.patientId().orElse(null);
        out.passwordChangeRequired = caller instanceof AuthenticatedCaller c && c.passwordChangeRequired();
        return out;
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
