package org.pavilion.core.api.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which of the platform's two databases (the embedded H2, PostgreSQL) a connection is on, for the few statements
 * that differ between them (PostgreSQL's {@code RETURNING}, {@code SET LOCAL}, {@code IS NULL} on empty strings).
 *
 * @since 1.4
 */
@ProviderType
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgreSql(Connection c) throws SQLException {
        return isPostgreSql(c.getMetaData().getDatabaseProductName());
    }

    /** From a product name ({@code DatabaseMetaData}) or a {@code SELECT version()} answer; false for null. */
    public static boolean isPostgreSql(String productName) {
        return productName != null && productName.toLowerCase(Locale.ROOT).contains("postgresql");
    }
}
