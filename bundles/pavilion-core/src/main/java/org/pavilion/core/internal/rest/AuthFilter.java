package org.pavilion.core.internal.rest;

import java.lang.reflect.Method;
import java.util.Optional;

import javax.annotation.Priority;
import javax.annotation.security.RolesAllowed;
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
import org.pavilion.core.api.security.Role;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.AuthenticationFailedException;

/**
 * Authenticates every request (bearer token, or HTTP Basic for integration accounts), enforces
 * {@code @RolesAllowed}, and binds the caller to the thread for the department's code and the audit trail.
 */
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final AccountService accounts;
    private final AuditService audit;
    private final boolean publicResource;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest httpRequest;

    public AuthFilter(AccountService accounts, AuditService audit, boolean publicResource) {
        this.accounts = accounts;
        this.audit = audit;
        this.publicResource = publicResource;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        CallerContext.clear();
        String address = httpRequest == null ? "unknown" : httpRequest.getRemoteAddr();
        Optional<AuthenticatedCaller> caller;
        try {
            caller = accounts.authenticateHeader(request.getHeaderString(HttpHeaders.AUTHORIZATION), address);
        } catch (AuthenticationFailedException e) {
            request.abortWith(unauthorized(e.getMessage()));
            return;
        }
        if (caller.isEmpty()) {
            if (!publicResource) {
                request.abortWith(unauthorized("Authentication required: log in at /api/v1/auth/login and send "
                        + "'Authorization: Bearer <token>'"));
            }
            return;
        }
        CallerContext.bind(caller.get());
        RolesAllowed allowed = rolesAllowed();
        if (allowed != null && !holdsAny(caller.get(), allowed.value())) {
            audit.record(AuditEvent.of("ACCESS", "endpoint")
                    .resourceId(request.getMethod() + " " + request.getUriInfo().getPath())
                    .outcome(AuditOutcome.DENIED).detail("requires one of " + String.join(",", allowed.value())).build());
            request.abortWith(Problems.response(403, "forbidden", "Forbidden",
                    "This needs one of the roles " + String.join(", ", allowed.value())));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        CallerContext.clear();
    }

    private RolesAllowed rolesAllowed() {
        if (resourceInfo == null) {
            return null;
        }
        Method method = resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(RolesAllowed.class)) {
            return method.getAnnotation(RolesAllowed.class);
        }
        Class<?> type = resourceInfo.getResourceClass();
        return type == null ? null : type.getAnnotation(RolesAllowed.class);
    }

    static boolean holdsAny(AuthenticatedCaller caller, String[] roles) {
        for (String role : roles) {
            for (Role held : caller.roles()) {
                if (held.name().equals(role)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pavilion\"").build();
    }
}
