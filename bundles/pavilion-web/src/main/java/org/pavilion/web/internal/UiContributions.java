package org.pavilion.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.ui.UiContribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI contributions registered in the container (whiteboard), each with the bundle that registered it. A
 * contribution with an invalid id, or an id another one already holds, is logged and skipped; when the holder goes
 * away the next registration with that id takes its place.
 */
@Component(service = UiContributions.class)
public class UiContributions {

    private static final Logger LOG = LoggerFactory.getLogger(UiContributions.class);

    /** Every registration in arrival order (the first of an id wins); keyed by service id. */
    private final Map<Long, Contribution> registered = new LinkedHashMap<>();
    private volatile Map<String, Contribution> active = Map.of();
    private final Function<Bundle, BundleFiles> filesOf;

    public UiContributions() {
        this(BundleFiles::of);
    }

    UiContributions(Function<Bundle, BundleFiles> filesOf) {
        this.filesOf = filesOf;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(UiContribution ui, ServiceReference<UiContribution> ref) {
        add((Long) ref.getProperty("service.id"), ui, ref.getBundle());
    }

    void removeContribution(UiContribution ui, ServiceReference<UiContribution> ref) {
        remove((Long) ref.getProperty("service.id"));
    }

    synchronized void add(long serviceId, UiContribution ui, Bundle bundle) {
        Contribution c;
        try {
            c = Contribution.of(ui, filesOf.apply(bundle));
        } catch (RuntimeException e) {
            LOG.warn("UI contribution of bundle {} skipped: it failed to describe itself", name(bundle), e);
            return;
        }
        if (!Contribution.validId(c.id())) {
            LOG.warn("UI contribution '{}' of bundle {} skipped: an id is lower-case letters, digits and '-'",
                    c.id(), name(bundle));
            return;
        }
        registered.put(serviceId, c);
        rebuild();
        if (active.get(c.id()) != c) {
            LOG.warn("UI contribution '{}' of bundle {} skipped: another bundle already contributes that id",
                    c.id(), name(bundle));
        }
    }

    synchronized void remove(long serviceId) {
        if (registered.remove(serviceId) != null) {
            rebuild();
        }
    }

    private void rebuild() {
        Map<String, Contribution> next = new LinkedHashMap<>();
        registered.values().forEach(c -> next.putIfAbsent(c.id(), c));
        active = Map.copyOf(next);
    }

    public Optional<Contribution> get(String id) {
        return Optional.ofNullable(active.get(id));
    }

    /** The active contributions sorted by id. */
    public List<Contribution> all() {
        List<Contribution> list = new ArrayList<>(active.values());
        list.sort(Comparator.comparing(Contribution::id));
        return list;
    }

    private static String name(Bundle bundle) {
        return bundle == null ? "?" : bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]";
    }
}
