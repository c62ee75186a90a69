package org.pavilion.core.internal.schema;

import java.util.stream.Collectors;

import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;

/**
 * Health check "schema": DOWN while the platform's own schema is not migrated (the database has not answered yet),
 * while a department's schema migration has failed (it stays held, without components, and is tried again) or while
 * started departments wait for the database to be migrated; UP otherwise. Essential: module readiness reports a
 * held department only as "starting" (SCR has not read its components); this check says why, and keeps health DOWN
 * for a bundle without the module header too.
 */
final class SchemaHealth implements HealthContributor {

    private final SchemaExtender extender;

    SchemaHealth(SchemaExtender extender) {
        this.extender = extender;
    }

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public HealthCheck check() {
        SchemaExtender.Status s = extender.status();
        if (!s.failed.isEmpty()) {
            return HealthCheck.down("migration failed: " + s.failed.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; ")));
        }
        if (!s.platformMigrated) {
            return HealthCheck.down("waiting for the database (the platform's schema is not migrated yet)"
                    + (s.waiting.isEmpty() ? "" : ": " + String.join(", ", s.waiting)));
        }
        if (!s.waiting.isEmpty()) {
            return HealthCheck.down("waiting for the database: " + String.join(", ", s.waiting));
        }
        return HealthCheck.up("every started bundle's change log has run");
    }

    @Override
    public boolean essential() {
        return true;
    }
}
