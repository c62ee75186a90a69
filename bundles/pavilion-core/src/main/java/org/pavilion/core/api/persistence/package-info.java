/**
 * Local JPA transactions on a department's persistence unit, and the platform's one group commit of concurrent
 * writers. No persistence provider type appears here. 2.0: the throughput path's commit step and kept
 * EntityManager ({@code JpaTransactions.CommitStep}, {@code Kept}, {@code keep()}, {@code call(work, step)}) left
 * the API; the EMR directory keeps its EntityManager itself. 2.1: {@code YearCounter}, a department's gapless
 * document numbers from a counter row per year; {@link org.pavilion.core.api.persistence.AuditedTransaction} (2.2) a
 * transaction that commits with its audit records. 2.3: {@code JpaTransactions.runAudited}/{@code callAudited}, the same
 * for a unit's own transactions; a {@link org.pavilion.core.api.persistence.GroupCommitter} holds at most a capacity
 * of waiting works and refuses more at once with a 503; {@code DatabaseUnavailable} tells an unavailable database.
 */
@Export
@Version("2.3.0")
package org.pavilion.core.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
