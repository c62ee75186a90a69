package org.pavilion.notifications.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.schema.SchemaMigrator;

/**
 * Brings the notifications tables up to date when the bundle starts. Every other component of the department
 * references this service, so none of them touches a table before the change log has run.
 */
@Component(service = NotificationsSchema.class)
public class NotificationsSchema {

    /** The department's Liquibase change log inside the bundle. */
    public static final String CHANGE_LOG = "db/notifications-changelog.xml";

    @Activate
    public NotificationsSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(context.getBundle(), CHANGE_LOG);
    }

    private NotificationsSchema() {
    }

    /** A schema whose change log the caller ran itself (tests, see NotificationsDatabase). */
    public static NotificationsSchema migratedElsewhere() {
        return new NotificationsSchema();
    }
}
