package org.pavilion.scheduling.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.schema.SchemaMigrator;

/** The department's tables: components that touch them reference this, so the change log has run before they do. */
@Component(service = SchedulingSchema.class)
public class SchedulingSchema {

    @Activate
    public SchedulingSchema(BundleContext c, @Reference SchemaMigrator m) {
        m.migrate(c.getBundle(), "db/scheduling-changelog.xml");
    }
}
