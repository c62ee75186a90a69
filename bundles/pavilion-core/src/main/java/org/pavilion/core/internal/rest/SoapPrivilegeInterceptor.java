package org.pavilion.core.internal.rest;

import java.lang.reflect.Method;

import org.apache.cxf.interceptor.security.AccessDeniedException;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.Service;
import org.apache.cxf.service.invoker.MethodDispatcher;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.internal.security.AuthenticatedCaller;

/** Enforces the operation's {@code @RequiresPrivilege} on a SOAP call (a SOAP fault, audited DENIED, when missing). */
final class SoapPrivilegeInterceptor extends AbstractPhaseInterceptor<Message> {

    private final Class<?> implementor;
    private final AuditService audit;

    SoapPrivilegeInterceptor(Class<?> implementor, AuditService audit) {
        super(Phase.PRE_INVOKE);
        this.implementor = implementor;
        this.audit = audit;
    }

    @Override
    public void handleMessage(Message message) {
        Exchange exchange = message.getExchange();
        BindingOperationInfo bop = exchange.getBindingOperationInfo();
        Service service = exchange.getService();
        MethodDispatcher dispatcher = service == null ? null : (MethodDispatcher) service.get(MethodDispatcher.class.getName());
        Method method = bop == null || dispatcher == null ? null : dispatcher.getMethod(bop);
        EndpointRules.Rule rule = EndpointRules.rule(implementor, targetMethod(method));
        AuthenticatedCaller caller = exchange.get(AuthenticatedCaller.class);
        if (rule.privilege() != null && caller != null && caller.hasPrivilege(rule.privilege())) {
            return;
        }
        String needed = rule.privilege() == null ? "a privilege this operation does not name" : rule.privilege();
        String operation = bop == null ? "unknown operation" : bop.getName().getLocalPart();
        CallerContext.bind(caller);
        try {
            audit.record(AuditEvent.of("ACCESS", "soap-operation").resourceId(implementor.getSimpleName() + "." + operation)
                    .outcome(AuditOutcome.DENIED).detail("requires privilege " + needed).build());
        } finally {
            CallerContext.clear();
        }
        throw new AccessDeniedException("This needs the privilege " + needed);
    }

    /** The implementor's own method for the dispatched one (which may be declared by an interface). */
    private Method targetMethod(Method method) {
        if (method == null) {
            return null;
        }
        try {
            return implementor.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return method;
        }
    }
}
