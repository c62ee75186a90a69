package org.pavilion.core.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JAXWSMethodInvoker;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Exchange;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.PrivilegeRegistry;
import org.pavilion.core.internal.security.totp.SecondFactorGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every service carrying {@link Endpoints#SOAP_ADDRESS} as a JAX-WS endpoint under /api/soap,
 * authenticated and with each operation's {@code @RequiresPrivilege} enforced, and withdraws it when the service goes
 * away. An implementor with an operation naming no privilege declared by an installed module is refused.
 */
@Component(service = SoapPublisher.class, immediate = true)
public class SoapPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SoapPublisher.class);
    static final String SOAP_PREFIX = "/soap";
    private static final Pattern ADDRESS = Pattern.compile("(/[A-Za-z0-9][A-Za-z0-9-]*)+");

    private final BundleContext context;
    private final Bus bus;
    private final AccountService accounts;
    private final AuditService audit;
    private final PrivilegeRegistry privileges;
    private final HttpPolicy http;
    private final Map<Long, RefusedEndpoint> refused = new ConcurrentHashMap<>();
    private final Map<String, Published> byAddress = new ConcurrentHashMap<>();
    private final ServiceTracker<Object, Published> tracker;

    @Activate
    public SoapPublisher(BundleContext context, @Reference PlatformBus platformBus, @Reference AccountService accounts,
            @Reference AuditService audit, @Reference PrivilegeRegistry privileges, @Reference HttpPolicy http)
            throws InvalidSyntaxException {
        this.context = context;
        this.http = http;
        this.bus = platformBus.bus();
        this.accounts = accounts;
        this.audit = audit;
        this.privileges = privileges;
        this.tracker = new ServiceTracker<>(context, context.createFilter("(" + Endpoints.SOAP_ADDRESS + "=*)"),
                new Customizer());
        tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    public List<PublishedEndpoint> endpoints() {
        List<PublishedEndpoint> list = new ArrayList<>();
        byAddress.values().forEach(p -> list.add(p.endpoint));
        return list;
    }

    public List<RefusedEndpoint> refused() {
        return new ArrayList<>(refused.values());
    }

    private Published publish(ServiceReference<Object> ref) {
        Bundle owner = ref.getBundle();
        if (owner == null) {
            // Unregistered meanwhile: its bundle is stopping (a restart, an uninstall); nothing to publish.
            return null;
        }
        Object address = ref.getProperty(Endpoints.SOAP_ADDRESS);
        if (!(address instanceof String) || !ADDRESS.matcher((String) address).matches()) {
            LOG.error("Ignoring SOAP service of bundle {}: {}={} is not a path like /emr/PatientRegistry",
                    owner.getSymbolicName(), Endpoints.SOAP_ADDRESS, address);
            return null;
        }
        String path = (String) address;
        Object implementor = context.getService(ref);
        if (implementor == null) {
            return null;
        }
        privileges.ensureDeclared(owner);
        List<String> problems = EndpointRules.problems(implementor.getClass(),
                EndpointRules.soapOperations(implementor.getClass()), false, privileges::isAvailable);
        if (!problems.isEmpty()) {
            String full = RestPublisher.SERVLET_PREFIX + SOAP_PREFIX + path;
            LOG.error("SOAP service {} of bundle {} NOT published (deny by default): {}", full,
                    owner.getSymbolicName(), String.join("; ", problems));
            Long serviceId = (Long) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID);
            refused.put(serviceId, new RefusedEndpoint(owner.getBundleId(), full, problems));
            context.ungetService(ref);
            return new Published(path, null, null, null, serviceId);
        }
        AddressGate gate = AddressGate.of(bus);
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setDestinationFactory(gate);
        factory.setStart(false);
        factory.setAddress(SOAP_PREFIX + path);
        factory.setServiceClass(implementor.getClass());
        factory.setServiceBean(implementor);
        factory.setInvoker(new CallerBindingInvoker(implementor));
        factory.getInInterceptors().add(new SoapHttpGuard(accounts, http));
        factory.getInInterceptors().add(new SoapAuthInterceptor(accounts, http,
                new SecondFactorGate(accounts.secondFactors(), audit)));
        factory.getInInterceptors().add(new SoapPrivilegeInterceptor(implementor.getClass(), audit));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAXB must see the implementor's classes.
        thread.setContextClassLoader(implementor.getClass().getClassLoader());
        try {
            synchronized (byAddress) {
                if (byAddress.containsKey(path)) {
                    LOG.error("SOAP address {} of bundle {} is already taken; not published", path,
                            owner.getSymbolicName());
                    context.ungetService(ref);
                    return null;
                }
                Server server = factory.create();
                gate.open(server);
                Published p = new Published(path, server, gate, new PublishedEndpoint(owner.getBundleId(),
                        RestPublisher.SERVLET_PREFIX + SOAP_PREFIX + path), null);
                byAddress.put(path, p);
                LOG.info("Published SOAP {} from {}", p.endpoint.address(), owner.getSymbolicName());
                return p;
            }
        } catch (RuntimeException e) {
            LOG.error("Could not publish SOAP service {} of {}", path, owner.getSymbolicName(), e);
            context.ungetService(ref);
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Binds the authenticated caller around the service call only, so nothing leaks to the next request. */
    private static final class CallerBindingInvoker extends JAXWSMethodInvoker {
        CallerBindingInvoker(Object bean) {
            super(bean);
        }

        @Override
        public Object invoke(Exchange exchange, Object o) {
            AuthenticatedCaller caller = exchange.get(AuthenticatedCaller.class);
            CallerContext.bind(caller);
            try {
                return super.invoke(exchange, o);
            } finally {
                CallerContext.clear();
            }
        }
    }

    private final class Customizer implements ServiceTrackerCustomizer<Object, Published> {
        @Override
        public Published addingService(ServiceReference<Object> ref) {
            return publish(ref);
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Published p) {
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Published p) {
            if (p.server == null) {
                refused.remove(p.refusedServiceId);
                return;
            }
            byAddress.remove(p.address, p);
            try {
                p.gate.close(p.server);
            } finally {
                context.ungetService(ref);
            }
            LOG.info("Withdrew SOAP {}", p.endpoint.address());
        }
    }

    private static final class Published {
        final String address;
        final Server server;
        final AddressGate gate;
        final PublishedEndpoint endpoint;
        /** Set instead of a server when the implementor was refused. */
        final Long refusedServiceId;

        Published(String address, Server server, AddressGate gate, PublishedEndpoint endpoint,
                Long refusedServiceId) {
            this.address = address;
            this.server = server;
            this.gate = gate;
            this.endpoint = endpoint;
            this.refusedServiceId = refusedServiceId;
        }
    }
}
