package org.pavilion.core.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;
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
import org.pavilion.core.api.module.ModuleHeaders;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.RestDirectory;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.totp.SecondFactorGate;
import org.pavilion.core.internal.security.PrivilegeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the REST surface: every service carrying {@link Endpoints#REST_BASE} becomes a JAX-RS
 * server under /api/v1 with the platform's authentication, JSON and error mapping, and goes away with it. A
 * resource with a method that names no privilege declared by an installed module, and is not public, is refused.
 * As the {@link RestDirectory} it tells what is published, for the OpenAPI document.
 */
@Component(service = {RestPublisher.class, RestDirectory.class}, immediate = true)
public class RestPublisher implements RestDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RestPublisher.class);
    static final String SERVLET_PREFIX = "/api";
    static final String REST_PREFIX = "/v1";
    /** Lower-case segments; the last may carry a file extension ({@code /platform/openapi.json}). */
    private static final Pattern BASE = Pattern.compile("(/[a-z0-9][a-z0-9-]*)+(\\.[a-z]+)?");

    private final BundleContext context;
    private final Bus bus;
    private final AccountService accounts;
    private final AuditService audit;
    private final PrivilegeRegistry privileges;
    private final HttpPolicy http;
    private final Map<Long, RefusedEndpoint> refused = new ConcurrentHashMap<>();
    private final Map<String, Published> byBase = new ConcurrentHashMap<>();
    /** Moves with every change of byBase, both under byBase's lock. */
    private final AtomicLong generation = new AtomicLong();
    private final ServiceTracker<Object, Published> tracker;

    @Activate
    public RestPublisher(BundleContext context, @Reference PlatformBus platformBus, @Reference AccountService accounts,
            @Reference AuditService audit, @Reference PrivilegeRegistry privileges, @Reference HttpPolicy http)
            throws InvalidSyntaxException {
        this.context = context;
        this.http = http;
        this.bus = platformBus.bus();
        this.accounts = accounts;
        this.audit = audit;
        this.privileges = privileges;
        this.tracker = new ServiceTracker<>(context, context.createFilter("(" + Endpoints.REST_BASE + "=*)"),
                new Customizer());
        tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    public List<PublishedEndpoint> endpoints() {
        List<PublishedEndpoint> list = new ArrayList<>();
        byBase.values().forEach(p -> list.add(p.endpoint));
        return list;
    }

    @Override
    public Snapshot current() {
        synchronized (byBase) {
            List<PublishedResource> list = new ArrayList<>();
            byBase.values().forEach(p -> list.add(p.resource));
            return new Snapshot(generation.get(), list);
        }
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
        Object base = ref.getProperty(Endpoints.REST_BASE);
        if (!(base instanceof String) || !BASE.matcher((String) base).matches()) {
            LOG.error("Ignoring REST resource of bundle {}: {}={} is not a path like /emr",
                    owner.getSymbolicName(), Endpoints.REST_BASE, base);
            return null;
        }
        String path = (String) base;
        Object resource = context.getService(ref);
        if (resource == null) {
            return null;
        }
        privileges.ensureDeclared(owner);
        List<String> problems = EndpointRules.problems(resource.getClass(), EndpointRules.restMethods(resource.getClass()),
                true, privileges::isAvailable);
        if (!problems.isEmpty()) {
            String address = SERVLET_PREFIX + REST_PREFIX + path;
            LOG.error("REST resource {} of bundle {} NOT published (deny by default): {}", address,
                    owner.getSymbolicName(), String.join("; ", problems));
            Long serviceId = (Long) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID);
            refused.put(serviceId, new RefusedEndpoint(owner.getBundleId(), address, problems));
            context.ungetService(ref);
            return new Published(path, null, null, null, serviceId, null);
        }
        AddressGate gate = AddressGate.of(bus);
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setDestinationFactory(gate);
        factory.setStart(false);
        factory.setAddress(REST_PREFIX + path);
        factory.setResourceClasses(resource.getClass());
        factory.setResourceProvider(resource.getClass(), new SingletonResourceProvider(resource));
        factory.setProviders(List.of(noWadl(), JsonProviderFactory.create(), new AuthFilter(accounts, audit, http,
                new SecondFactorGate(accounts.secondFactors(), audit)), new JsonBodyLimit(http),
                new ProblemMappers.Problem(), new ProblemMappers.Json(), new ProblemMappers.WebApplication(),
                new ProblemMappers.Unexpected()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestPublisher.class.getClassLoader());
        try {
            synchronized (byBase) {
                if (byBase.containsKey(path)) {
                    LOG.error("REST base {} of bundle {} is already taken; not published", path,
                            owner.getSymbolicName());
                    context.ungetService(ref);
                    return null;
                }
                Server server = factory.create();
                gate.open(server);
                String address = SERVLET_PREFIX + REST_PREFIX + path;
                Published p = new Published(path, server, gate, new PublishedEndpoint(owner.getBundleId(),
                        address), null, new PublishedResource(address, resource.getClass(), moduleOf(owner),
                                owner.getBundleId()));
                byBase.put(path, p);
                generation.incrementAndGet();
                LOG.info("Published REST {} from {}", p.endpoint.address(), owner.getSymbolicName());
                return p;
            }
        } catch (RuntimeException e) {
            LOG.error("Could not publish REST resource {} of {}", path, owner.getSymbolicName(), e);
            context.ungetService(ref);
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String moduleOf(org.osgi.framework.Bundle bundle) {
        String module = bundle.getHeaders("").get(ModuleHeaders.MODULE);
        return module != null ? module : bundle.getSymbolicName();
    }

    /**
     * Replaces CXF's default WADL generator (which answers ?_wadl before any authentication) with one that does
     * nothing: ?_wadl then reaches the resource like any request, 401 without credentials. (Its own
     * ignoreRequests switch would answer an empty 404 instead.) WADL is off: the API description is OpenAPI's job.
     */
    private static WadlGenerator noWadl() {
        return new WadlGenerator() {
            @Override
            public void filter(javax.ws.rs.container.ContainerRequestContext request) {
                // no description, no answer of its own
            }
        };
    }

    private final class Customizer implements ServiceTrackerCustomizer<Object, Published> {
        @Override
        public Published addingService(ServiceReference<Object> ref) {
            return publish(ref);
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Published p) {
            // The base path is fixed for the life of the service.
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Published p) {
            if (p.server == null) {
                refused.remove(p.refusedServiceId);
                return;
            }
            synchronized (byBase) {
                if (byBase.remove(p.base, p)) {
                    generation.incrementAndGet();
                }
            }
            try {
                p.gate.close(p.server);
            } finally {
                context.ungetService(ref);
            }
            LOG.info("Withdrew REST {}", p.endpoint.address());
        }
    }

    private static final class Published {
        final String base;
        final Server server;
        final AddressGate gate;
        final PublishedEndpoint endpoint;
        /** Set instead of a server when the resource was refused. */
        final Long refusedServiceId;
        final PublishedResource resource;

        Published(String base, Server server, AddressGate gate, PublishedEndpoint endpoint, Long refusedServiceId,
                PublishedResource resource) {
            this.base = base;
            this.server = server;
            this.gate = gate;
            this.endpoint = endpoint;
            this.refusedServiceId = refusedServiceId;
            this.resource = resource;
        }
    }
}
