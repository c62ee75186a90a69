package org.pavilion.scheduling.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.schema.SchemaMigrator;

/**
 * Brings the department's tables up to date when the bundle starts. Every other component of the department
 * references this service, so none of them touches a table before the change log has run.
 */
@Component(service = SchedulingSchema.class)
public class SchedulingSchema {

    /** The department's Liquibase change log inside the bundle. */
    public static final String CHANGE_LOG = "db/scheduling-changelog.xml";

    @Activate
    public SchedulingSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(context.getBundle(), CHANGE_LOG);
    }

    /** For tests, where the change log ran already (see SchedulingDatabase). */
    SchedulingSchema() {
    }

    /** A schema whose change log the caller ran itself: tests of other packages pass one to constructors. */
    public static SchedulingSchema migratedElsewhere() {
        return new SchedulingSchema();
    }
}
