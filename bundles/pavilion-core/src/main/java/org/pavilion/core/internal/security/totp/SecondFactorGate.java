package org.pavilion.core.internal.security.totp;

import java.util.Optional;

import javax.ws.rs.core.Response;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.internal.rest.Problems;

/**
 * What the REST filter asks for every authenticated request to an endpoint that is not public: a holder of a role
 * requiring a second factor who has not enrolled may only enrol (the enrolment, session and logout endpoints are
 * public ones that check the caller themselves), and an account that has or needs a second factor cannot use HTTP
 * Basic, which carries no code.
 */
public class SecondFactorGate {

    public static final String ENROLMENT_REQUIRED = "second-factor-enrolment-required";

    private final SecondFactors secondFactors;
    private final AuditService audit;

    // Not a DS component of its own: one more reference of RestPublisher changed the order in which SCR activates the
    // publisher and the module registry, and the registry then met a circular reference.
    public SecondFactorGate(SecondFactors secondFactors, AuditService audit) {
        this.secondFactors = secondFactors;
        this.audit = audit;
    }

    /** Why a request is refused: HTTP status, problem type (without prefix), title and what to do instead. */
    public record Refusal(int status, String type, String title, String detail) {
    }

    /**
     * Whether {@code caller} may go on (empty) or must be refused, for REST and SOAP alike; {@code authorization}:
     * the raw header. A refused Basic call is audited.
     */
    public Optional<Refusal> check(Caller caller, String authorization) {
        SecondFactors.Status status = secondFactors.status(caller.username());
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic && (status.required() || status.enrolled())) {
            audit.record(AuditEvent.of("LOGIN_BASIC", "session").resourceId(caller.username())
                    .outcome(AuditOutcome.DENIED).detail("HTTP Basic refused: the account has or needs a second factor")
                    .build());
            return Optional.of(new Refusal(401, SecondFactorRequiredException.TYPE, "Second factor required",
                    "This account signs in with a code: log in at /api/v1/auth/login with username, password and "
                            + "code, and use the bearer token"));
        }
        if (status.enrolmentPending()) {
            return Optional.of(new Refusal(403, ENROLMENT_REQUIRED, "Two-step sign-in required",
                    "One of your roles requires two-step sign-in: set it up at /api/v1/auth/totp/enrolment first"));
        }
        return Optional.empty();
    }

    /** The REST answer refusing the request, or empty when the caller may go on. */
    public Optional<Response> refusal(Caller caller, String authorization) {
        return check(caller, authorization).map(r -> {
            Response problem = Problems.response(r.status(), r.type(), r.title(), r.detail());
            return r.status() == 401 ? Response.fromResponse(problem)
                    .header("WWW-Authenticate", "Bearer realm=\"pavilion\"").build() : problem;
        });
    }
}
