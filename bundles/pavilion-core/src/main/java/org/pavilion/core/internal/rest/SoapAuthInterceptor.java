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
import org.pavilion.core.internal.security.PasswordChangeRequired;

/**
 * Authenticates SOAP calls from the HTTP Authorization header (Basic for integration accounts, or a
 * bearer token). Service description queries (?wsdl) are guarded earlier by {@link SoapHttpGuard}.
 */
final class SoapAuthInterceptor extends AbstractPhaseInterceptor<Message> {

    private final AccountService accounts;
    private final HttpPolicy policy;

    SoapAuthInterceptor(AccountService accounts, HttpPolicy policy) {
        super(Phase.PRE_PROTOCOL);
        this.accounts = accounts;
        this.policy = policy;
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
            Fault fault = new Fault(new SecurityException(e.getMessage()));
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            fault.setStatusCode(401);
            throw fault;
        }
        if (caller.passwordChangeRequired()) {
            // No SOAP operation is public, so every one is refused until the password is changed over REST.
            Fault fault = new Fault(new SecurityException(PasswordChangeRequired.TYPE + ": "
                    + PasswordChangeRequired.TITLE + ". " + PasswordChangeRequired.DETAIL));
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            fault.setStatusCode(403);
            throw fault;
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
