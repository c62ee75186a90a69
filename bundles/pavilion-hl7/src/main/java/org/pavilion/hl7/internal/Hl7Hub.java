package org.pavilion.hl7.internal;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.pavilion.hl7.internal.outbound.OutboundStore;
import org.pavilion.hl7.internal.route.InboundTopic;

/**
 * The hub: migrates hl7_message and hl7_outbound, owns the stores and the processor the listeners, feeds, REST
 * and shell share. The
 * EMR's ADT target is optional and dynamic: while it is absent ADT messages are answered AR "EMR not installed".
 */
@Component(service = Hl7Hub.class)
public class Hl7Hub {

    static final String CHANGELOG = "db/hl7-changelog.xml";

    private final MessageStore store;
    private final Hl7Processor processor;
    private final OutboundStore outbound;
    /** Accepted messages for integrators' routes (pavilion-hl7:inbound). */
    private final InboundTopic inbound = new InboundTopic();
    private volatile AdtTarget adt;

    @Activate
    public Hl7Hub(BundleContext context, @Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            @Reference SchemaMigrator migrator) {
        migrator.migrate(context.getBundle(), CHANGELOG);
        this.store = new MessageStore(dataSource);
        this.processor = new Hl7Processor(store, () -> adt, inbound::publish);
        this.outbound = new OutboundStore(dataSource);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAdt(AdtTarget target) {
        adt = target;
    }

    void unbindAdt(AdtTarget target) {
        if (adt == target) {
            adt = null;
        }
    }

    public MessageStore store() {
        return store;
    }

    /** The outbound feeds' queue (hl7_outbound). */
    public OutboundStore outbound() {
        return outbound;
    }

    public Hl7Processor processor() {
        return processor;
    }

    public InboundTopic inbound() {
        return inbound;
    }
}
