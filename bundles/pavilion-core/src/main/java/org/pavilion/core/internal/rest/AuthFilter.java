package org.pavilion.core.internal.rest;

import java.util.Optional;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.AuthenticationFailedException;
import org.pavilion.core.internal.security.LoginThrottledException;
import org.pavilion.core.internal.security.PasswordChangeRequired;
import org.pavilion.core.internal.security.totp.SecondFactorGate;

/**
 * Authenticates every request (bearer token, HTTP Basic for integration accounts, or the web UI's session cookie),
 * enforces the method's {@code @RequiresPrivilege} (a method naming none is refused: deny by default, also here),
 * and binds the caller to the thread for the department's code and the audit trail.
 */
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");

    private final AccountService accounts;
    private final AuditService audit;
    private final HttpPolicy policy;
    private final SecondFactorGate secondFactors;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest httpRequest;

    public AuthFilter(AccountService accounts, AuditService audit, HttpPolicy policy, SecondFactorGate secondFactors) {
        this.accounts = accounts;
        this.audit = audit;
        this.policy = policy;
        this.secondFactors = secondFactors;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        CallerContext.clear();
        String address = httpRequest == null ? "unknown" : ClientAddress.resolve(httpRequest, policy).address();
        Optional<AuthenticatedCaller> caller;
        try {
            caller = accounts.authenticateHeader(request.getHeaderString(HttpHeaders.AUTHORIZATION), address);
        } catch (LoginThrottledException e) {
            request.abortWith(Response.fromResponse(Problems.response(429, "too-many-login-attempts",
                    "Too many sign-in attempts", e.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build());
            return;
        } catch (AuthenticationFailedException e) {
            request.abortWith(unauthorized(e.getMessage()));
            return;
        }
        EndpointRules.Rule rule = resourceInfo == null ? new EndpointRules.Rule(null, false)
                : EndpointRules.rule(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
        boolean byCookie = false;
        if (caller.isEmpty() && request.getCookies().containsKey(SessionCookie.NAME)) {
            String token = request.getCookies().get(SessionCookie.NAME).getValue();
            caller = token == null || token.isBlank() ? Optional.empty() : accounts.authenticateToken(token, address);
            if (caller.isEmpty() && !rule.open()) {
                request.abortWith(Response.fromResponse(Problems.response(401, "session-expired", "Session expired",
                        "Your session has ended: sign in again")).build());
                return;
            }
            byCookie = caller.isPresent();
        }
        if (byCookie && !SAFE_METHODS.contains(request.getMethod())
                && request.getHeaderString(SessionCookie.REQUEST_HEADER) == null) {
            request.abortWith(Problems.response(403, "forbidden", "Forbidden",
                    "A browser session's changes must carry the " + SessionCookie.REQUEST_HEADER + " header"));
            return;
        }
        if (caller.isEmpty()) {
            if (!rule.open()) {
                request.abortWith(unauthorized("Authentication required: log in at /api/v1/auth/login and send "
                        + "'Authorization: Bearer <token>'"));
            }
            return;
        }
        CallerContext.bind(caller.get());
        if (rule.open()) {
            return;
        }
        // The one check for every non-public endpoint: the change of the own password, the session and logout are
        // public ones, so they stay reachable.
        if (caller.get().passwordChangeRequired()) {
            request.abortWith(Problems.response(403, PasswordChangeRequired.TYPE, PasswordChangeRequired.TITLE,
                    PasswordChangeRequired.DETAIL));
            return;
        }
        Optional<Response> refusal = secondFactors.refusal(caller.get(), request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal.isPresent()) {
            request.abortWith(refusal.get());
            return;
        }
        if (rule.privilege() == null || !caller.get().hasPrivilege(rule.privilege())) {
            String needed = rule.privilege() == null ? "a privilege this endpoint does not name" : rule.privilege();
            audit.record(AuditEvent.of("ACCESS", "endpoint")
                    .resourceId(request.getMethod() + " " + request.getUriInfo().getPath())
                    .outcome(AuditOutcome.DENIED).detail("requires privilege " + needed).build());
            request.abortWith(Problems.response(403, "forbidden", "Forbidden",
                    "This needs the privilege " + needed + "; ask an administrator for a role that grants it"));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        CallerContext.clear();
        // Answers about patients must not stay in browser or proxy caches; a resource may say otherwise.
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        String hsts = policy.hstsValue();
        if (hsts != null && httpRequest != null && ClientAddress.isSecure(httpRequest)) {
            response.getHeaders().putSingle(HttpPolicy.HSTS_HEADER, hsts);
        }
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pavilion\"").build();
    }
}
