package org.pavilion.core.internal.db;

import java.sql.Connection;

import javax.persistence.EntityManager;

import org.apache.openjpa.persistence.OpenJPAEntityManager;

/**
 * The OpenJPA side of {@link org.pavilion.core.api.persistence.JpaTransactions#connection}: kept here so that the
 * exported persistence API names no OpenJPA type and its package carries no uses constraint on OpenJPA.
 */
public final class OpenJpaConnections {

    private OpenJpaConnections() {
    }

    /** The JDBC connection of {@code em}'s transaction, its database transaction begun if OpenJPA had not yet. */
    public static Connection of(EntityManager em) {
        OpenJPAEntityManager jpa = em.unwrap(OpenJPAEntityManager.class);
        if (!jpa.isStoreActive()) {
            // OpenJPA opens the database transaction lazily, at the first write it flushes: until then it would
            // hand out a connection of its own that commits each statement at once.
            jpa.beginStore();
        }
        return (Connection) jpa.getConnection();
    }
}
