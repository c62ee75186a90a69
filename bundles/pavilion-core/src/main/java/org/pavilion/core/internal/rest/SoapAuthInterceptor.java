package org.pavilion.core.internal.rest;

import java.security.Principal;

import javax.servlet.http.HttpServletRequest;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.AuthenticationFailedException;
import org.pavilion.core.internal.security.totp.SecondFactorGate;
import org.pavilion.core.internal.security.PasswordChangeRequired;

/**
 * Authenticates SOAP calls from the HTTP Authorization header (Basic for integration accounts, or a
 * bearer token), and refuses what the REST filter's {@link SecondFactorGate} refuses. Service description queries (?wsdl) are guarded earlier by {@link SoapHttpGuard}.
 */
final class SoapAuthInterceptor extends AbstractPhaseInterceptor<Message> {

    private final AccountService accounts;
    private final HttpPolicy policy;
    private final SecondFactorGate secondFactors;

    SoapAuthInterceptor(AccountService accounts, HttpPolicy policy, SecondFactorGate secondFactors) {
        super(Phase.PRE_PROTOCOL);
        this.accounts = accounts;
        this.policy = policy;
        this.secondFactors = secondFactors;
    }

    private static Fault fault(int status, String text) {
        Fault fault = new Fault(new SecurityException(text));
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        fault.setStatusCode(status);
        return fault;
    }

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        String header = request == null ? null : request.getHeader("Authorization");
        String address = request == null ? "unknown" : ClientAddress.resolve(request, policy).address();
        AuthenticatedCaller caller;
        try {
            caller = accounts.authenticateHeader(header, address).orElseThrow(() -> new AuthenticationFailedException(
                    "Authentication required: send HTTP Basic credentials of an integration account"));
        } catch (AuthenticationFailedException e) {
            throw fault(401, e.getMessage());
        }
        // The same gate as REST: HTTP Basic (the only password credential SOAP takes; no WS-Security UsernameToken
        // is configured) is not enough for an account that has or needs a second factor; a bearer token from a
        // login with the code is.
        SecondFactorGate.Refusal refusal = secondFactors.check(caller, header).orElse(null);
        if (refusal != null) {
            throw fault(refusal.status(), refusal.title() + " (" + refusal.type() + "): " + refusal.detail());
        }
        if (caller.passwordChangeRequired()) {
            // No SOAP operation is public, so every one is refused until the password is changed over REST.
            throw fault(403, PasswordChangeRequired.TYPE + ": " + PasswordChangeRequired.TITLE + ". "
                    + PasswordChangeRequired.DETAIL);
        }
        message.getExchange().put(AuthenticatedCaller.class, caller);
        message.put(SecurityContext.class, new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller::username;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.roles().contains(role); // display only: operations are authorised by privilege
            }
        });
    }
}
