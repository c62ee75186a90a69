package org.pavilion.core.internal.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.AuthenticationFailedException;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * First thing on every SOAP request (before CXF answers ?wsdl and ?xsd queries): resolves the client behind a
 * trusted proxy, adds HSTS to HTTPS answers, and answers a GET (a service description query) without valid
 * credentials with 401 problem+json, so the service structure is shown to signed-in integrators only.
 */
final class SoapHttpGuard extends AbstractPhaseInterceptor<Message> {

    private final AccountService accounts;
    private final HttpPolicy policy;

    SoapHttpGuard(AccountService accounts, HttpPolicy policy) {
        super(Phase.RECEIVE);
        this.accounts = accounts;
        this.policy = policy;
    }

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        if (request == null || response == null) {
            return;
        }
        ProxyTrust.Origin origin = ClientAddress.resolve(request, policy);
        String hsts = policy.hstsValue();
        if (origin.secure() && hsts != null) {
            response.setHeader(HttpPolicy.HSTS_HEADER, hsts);
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return; // calls are authenticated by SoapAuthInterceptor, answering a SOAP fault
        }
        Optional<AuthenticatedCaller> caller;
        try {
            caller = accounts.authenticateHeader(request.getHeader("Authorization"), origin.address());
        } catch (AuthenticationFailedException e) {
            caller = Optional.empty();
        }
        if (caller.isPresent()) {
            return;
        }
        try {
            byte[] body = JsonProviderFactory.objectMapper().writeValueAsBytes(Problems.body(401, "unauthorized",
                    "Unauthorized", "Service descriptions need credentials: send HTTP Basic credentials of an "
                            + "integration account or a bearer token", Map.of()));
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"pavilion\"");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(Problems.PROBLEM_JSON);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (JsonProcessingException e) {
            throw new Fault(e);
        } catch (IOException e) {
            throw new Fault(e);
        }
        message.getInterceptorChain().abort();
    }
}
