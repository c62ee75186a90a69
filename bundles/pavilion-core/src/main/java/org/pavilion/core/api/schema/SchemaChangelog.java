package org.pavilion.core.api.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Names the bundle's Liquibase change logs; the platform migrates them before the bundle's components start.
 * Put it on any class of the bundle or on its internal package-info, e.g. {@code @SchemaChangelog("db/lab-changelog.xml")}.
 * <p>
 * A build-time annotation: bnd turns it into the manifest header {@value SchemaMigrator#CHANGELOG_HEADER} (the change
 * logs, run in the order given) and into a requirement on the core's schema extender, so the bundle does not resolve
 * in a container without one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Header(name = SchemaMigrator.CHANGELOG_HEADER, value = "${#value}")
@Requirement(namespace = SchemaMigrator.EXTENDER_NAMESPACE, name = SchemaMigrator.EXTENDER_NAME,
        version = SchemaMigrator.EXTENDER_VERSION)
@ProviderType
public @interface SchemaChangelog {

    /** Paths of Liquibase change logs inside the bundle, e.g. {@code db/lab-changelog.xml}, migrated in this order. */
    String[] value();
}
