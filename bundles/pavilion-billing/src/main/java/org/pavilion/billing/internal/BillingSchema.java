package org.pavilion.billing.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.schema.SchemaMigrator;

/**
 * Brings billing's tables up to date when the bundle starts. Every other component of the department references this
 * service, so none of them touches a table before the change log has run.
 */
@Component(service = BillingSchema.class)
public class BillingSchema {

    /** The department's Liquibase change log inside the bundle. */
    public static final String CHANGE_LOG = "db/billing-changelog.xml";

    @Activate
    public BillingSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(context.getBundle(), CHANGE_LOG);
    }

    private BillingSchema() {
    }

    /** A schema whose change log the caller ran itself (tests, see BillingDatabase). */
    public static BillingSchema migratedElsewhere() {
        return new BillingSchema();
    }
}
