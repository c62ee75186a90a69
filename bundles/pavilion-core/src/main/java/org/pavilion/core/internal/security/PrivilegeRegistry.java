package org.pavilion.core.internal.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.pavilion.core.api.module.ModuleHeaders;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privileges of every installed module: an extender that reads the file named by
 * {@link ModuleHeaders#PRIVILEGES} of each bundle, records new privileges (with their first-seen default grants)
 * and knows which are available now. An uninstalled module's privileges stay in the database, unavailable.
 */
@Component(service = PrivilegeRegistry.class, immediate = true)
public class PrivilegeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PrivilegeRegistry.class);

    private final RoleStore store;
    /** bundle id -> names it declares */
    private final Map<Long, Set<String>> declared = new ConcurrentHashMap<>();
    private final BundleTracker<Bundle> tracker;

    @Activate
    public PrivilegeRegistry(BundleContext context,
            @Reference(target = "(osgi.unit.name=pavilion-core)") EntityManagerFactory emf,
            @Reference SchemaMigrator schemaReady) {
        this.store = new RoleStore(new JpaTransactions(emf));
        int installed = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        this.tracker = new BundleTracker<>(context, installed, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                return ensureDeclared(bundle) ? bundle : null;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                if (event != null && event.getType() == BundleEvent.UPDATED) {
                    // A new version may declare new privileges (their defaults apply now) or drop some.
                    declared.remove(bundle.getBundleId());
                    ensureDeclared(bundle);
                }
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                declared.remove(bundle.getBundleId());
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /**
     * Reads and records {@code bundle}'s privileges unless already done; publishers call it too, so a resource's
     * privileges are known however the bundle and service events interleave. False when the bundle declares none.
     */
    public boolean ensureDeclared(Bundle bundle) {
        if (declared.containsKey(bundle.getBundleId())) {
            return true;
        }
        String path = bundle.getHeaders("").get(ModuleHeaders.PRIVILEGES);
        if (path == null || path.isBlank()) {
            return false;
        }
        String module = bundle.getHeaders("").get(ModuleHeaders.MODULE);
        if (module == null) {
            module = bundle.getSymbolicName();
        }
        URL entry = bundle.getEntry(path.strip());
        if (entry == null) {
            LOG.error("Bundle {} names privilege file {} in {}, which it does not contain; its privileges are unknown",
                    bundle.getSymbolicName(), path, ModuleHeaders.PRIVILEGES);
            return false;
        }
        try (InputStream in = entry.openStream()) {
            List<PrivilegeDeclaration> list = PrivilegeDeclaration.parse(in, bundle.getSymbolicName() + ":" + path);
            List<String> added = store.declare(module, list, System.currentTimeMillis());
            if (!added.isEmpty()) {
                LOG.info("New privileges of module {} with their default grants: {}", module, added);
            }
            declared.put(bundle.getBundleId(),
                    list.stream().map(PrivilegeDeclaration::name).collect(Collectors.toUnmodifiableSet()));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot read the privileges of bundle {} from {}", bundle.getSymbolicName(), path, e);
            return false;
        }
    }

    /** Whether an installed module declares {@code privilege} now. */
    public boolean isAvailable(String privilege) {
        return declared.values().stream().anyMatch(names -> names.contains(privilege));
    }

    /** Every privilege the platform has seen, with whether an installed module declares it now. */
    public List<PrivilegeView> privileges() {
        List<PrivilegeView> all = store.privileges();
        all.forEach(p -> p.available = isAvailable(p.name));
        return all;
    }
}
