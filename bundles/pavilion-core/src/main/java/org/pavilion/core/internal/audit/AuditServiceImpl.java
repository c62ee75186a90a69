package org.pavilion.core.internal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import javax.persistence.TypedQuery;

import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.pavilion.core.api.persistence.GroupCommitter;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(service = {AuditService.class, AuditTrail.class})
public class AuditServiceImpl implements AuditService, AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditServiceImpl.class);
    private static final int DETAIL_MAX = 2000;
    private static final int VERIFY_BATCH = 1000;
    /** Appends in one transaction at most: a burst does not become one huge batch. */
    private static final int MAX_GROUP = 256;

    private final JpaTransactions jpa;
    /** Appends are plain JDBC (see write); reads and verification go through JPA. */
    private final DataSource dataSource;
    // Appends are serialised so each record links to the one committed just before it.
    private final ReentrantLock appendLock = new ReentrantLock();
    /** The chain's last record as committed by this service; null: read it from the database. Append lock. */
    private Head head;
    /** Group commit of appends in transactions of their own (see appendAll). */
    private final GroupCommitter<List<AuditRecordEntity>, Void> appends;

    @Activate
    public AuditServiceImpl(@Reference(target = "(osgi.unit.name=pavilion-core)") EntityManagerFactory emf,
            @Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            @Reference SchemaMigrator schemaReady) {
        this.jpa = new JpaTransactions(emf);
        this.dataSource = dataSource;
        this.appends = new GroupCommitter<>("pavilion-audit-commit", MAX_GROUP, this::writeGroup);
    }

    /** Commits the appends handed in before, then stops the committer thread. */
    @Deactivate
    public void deactivate() {
        appends.close();
    }

    @Override
    public void record(AuditEvent event) {
        appendAll(List.of(toRecord(event)));
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
        List<AuditRecordEntity> records = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            records.add(toRecord(e));
        }
        if (!records.isEmpty()) {
            appendAll(records);
        }
    }

    @Override
    public <T> T recordAllCommittingWith(Connection transaction, List<AuditEvent> events, Callable<T> commit)
            throws Exception {
        List<AuditRecordEntity> records = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            records.add(toRecord(e));
        }
        appendLock.lock();
        try {
            Head h = head != null ? head : readHead(transaction);
            Head next;
            try {
                next = insert(transaction, h, records);
            } catch (SQLException | RuntimeException e) {
                head = null; // a primary key refusal means another writer moved the chain on
                LOG.error("Could not write {} audit record(s) in the caller's transaction", records.size(), e);
                throw e;
            }
            T result;
            try {
                result = commit.call();
            } catch (Exception | Error e) {
                head = null; // committed or not: read the head again
                throw e;
            }
            head = next;
            return result;
        } finally {
            appendLock.unlock();
        }
    }

    private static AuditRecordEntity toRecord(AuditEvent event) {
        Caller caller = event.caller() != null ? event.caller() : CallerContext.current().orElse(null);
        AuditRecordEntity r = new AuditRecordEntity();
        r.setActor(caller == null ? "system" : caller.username());
        r.setActorRoles(caller == null ? null
                : caller.roles().stream().sorted().collect(Collectors.joining(",")));
        r.setClientAddress(caller == null ? "local" : caller.clientAddress());
        r.setAction(event.action());
        r.setResourceType(event.resourceType());
        r.setResourceId(event.resourceId());
        r.setPatientId(event.patientId());
        r.setOutcome(event.outcome().name());
        r.setEmergency(event.emergencyAccess());
        String detail = event.detail();
        r.setDetail(detail != null && detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) : detail);
        return r;
    }

    /**
     * Chains {@code records} after the last committed record and returns once they are committed.
     *
     * <p>Appends are serialised (each record links to the one before it), so with one commit each, concurrent
     * callers would queue behind one another's fsync. They go through the platform's {@link GroupCommitter}
     * instead: its thread writes every append queued by then in one transaction, and a caller returns only after
     * the commit holding its records, so nothing is acknowledged before it is durable. A failed group is retried
     * append by append, so one caller's bad record fails only that caller.
     */
    private void appendAll(List<AuditRecordEntity> records) {
        try {
            appends.submit(records);
        } catch (Exception e) {
            AuditRecordEntity r = records.get(0);
            // Losing an audit record must be loud: the caller's operation fails with it.
            LOG.error("Could not write {} audit record(s), first {} {} {}", records.size(), r.getAction(),
                    r.getResourceType(), r.getResourceId(), e);
            throw e instanceof RuntimeException ? (RuntimeException) e
                    : new IllegalStateException("Audit append failed: " + e.getMessage(), e);
        }
    }

    /**
     * The committer's group: the appends in one transaction, under the append lock; one result (none) each. The
     * connection is taken before the lock, as {@link #recordAllCommittingWith}'s callers hold theirs before it:
     * taken the other way round, callers holding every pooled connection while waiting for the lock, and the lock's
     * holder waiting for a connection, stopped the container under a burst of bookings.
     */
    private List<Void> writeGroup(List<List<AuditRecordEntity>> group) {
        List<AuditRecordEntity> records = new ArrayList<>();
        for (List<AuditRecordEntity> append : group) {
            records.addAll(append);
        }
        try (Connection c = dataSource.getConnection()) {
            appendLock.lock();
            try {
                write(c, records);
            } finally {
                appendLock.unlock();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit append failed: " + e.getMessage(), e);
        }
        return Collections.nCopies(group.size(), null);
    }

    /**
     * Writes a group after the chain head, in one JDBC transaction, as one batch: the records are plain values
     * here, and the entity manager's bookkeeping for them cost as much as the rest of a search. The head (last
     * seq and hash) is kept in memory after a commit; after a failure it is read again, and the primary key on
     * seq refuses a record that would fork the chain (another writer on the same database).
     */
    private void write(Connection c, List<AuditRecordEntity> records) throws SQLException {
        c.setAutoCommit(false);
        try {
            Head next = insert(c, head != null ? head : readHead(c), records);
            c.commit();
            head = next;
        } catch (SQLException | RuntimeException e) {
            head = null;
            c.rollback();
            throw e;
        }
    }

    /** Chains {@code records} after {@code h} and inserts them on {@code c} in one batch; returns the new head. */
    private static Head insert(Connection c, Head h, List<AuditRecordEntity> records) throws SQLException {
        long seq = h.seq;
        String prevHash = h.hash;
        long occurredMs = Math.max(System.currentTimeMillis(), h.occurredMs);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (AuditRecordEntity r : records) {
                r.setSeq(++seq);
                r.setPrevHash(prevHash);
                r.setOccurredMs(occurredMs);
                r.setHash(AuditChain.hashOf(r));
                prevHash = r.getHash();
                bind(insert, r);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new Head(seq, prevHash, occurredMs);
    }

    private static final String INSERT = "INSERT INTO core_audit (seq, occurred_ms, actor, actor_roles, action,"
            + " resource_type, resource_id, patient_id, client_address, outcome, emergency, detail, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void bind(PreparedStatement ps, AuditRecordEntity r) throws SQLException {
        ps.setLong(1, r.getSeq());
        ps.setLong(2, r.getOccurredMs());
        ps.setString(3, r.getActor());
        ps.setString(4, r.getActorRoles());
        ps.setString(5, r.getAction());
        ps.setString(6, r.getResourceType());
        ps.setString(7, r.getResourceId());
        ps.setString(8, r.getPatientId());
        ps.setString(9, r.getClientAddress());
        ps.setString(10, r.getOutcome());
        ps.setBoolean(11, r.isEmergency());
        ps.setString(12, r.getDetail());
        ps.setString(13, r.getPrevHash());
        ps.setString(14, r.getHash());
    }

    /** The last committed record's seq, hash and time; the genesis when the trail is empty. */
    private record Head(long seq, String hash, long occurredMs) {
    }

    private static Head readHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash, occurred_ms FROM core_audit ORDER BY seq DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)) : new Head(0, AuditChain.GENESIS, 0);
        }
    }

    @Override
    public Page<AuditRecordView> search(AuditQuery q, int page, int size) {
        Page.validate(page, size);
        return jpa.call(em -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new java.util.LinkedHashMap<>();
            add(where, params, "a.actor = :actor", "actor", q.actor);
            add(where, params, "a.patientId = :patientId", "patientId", q.patientId);
            add(where, params, "a.action = :action", "action", q.action);
            add(where, params, "a.resourceType = :resourceType", "resourceType", q.resourceType);
            add(where, params, "a.outcome = :outcome", "outcome", q.outcome);
            add(where, params, "a.occurredMs >= :fromMs", "fromMs", q.fromMs);
            add(where, params, "a.occurredMs <= :toMs", "toMs", q.toMs);
            add(where, params, "a.emergency = :emergency", "emergency", q.emergency);
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditRecordEntity a" + where, Long.class);
            TypedQuery<AuditRecordEntity> rows = em.createQuery(
                    "SELECT a FROM AuditRecordEntity a" + where + " ORDER BY a.seq DESC", AuditRecordEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            List<AuditRecordView> items = new ArrayList<>();
            for (AuditRecordEntity e : rows.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                items.add(AuditRecordView.of(e));
            }
            return new Page<>(items, page, size, count.getSingleResult());
        });
    }

    private static void add(StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null && !(value instanceof String && ((String) value).isBlank())) {
            where.append(" AND ").append(clause);
            params.put(name, value);
        }
    }

    @Override
    public ChainVerification verify() {
        return jpa.call(em -> {
            String prevHash = AuditChain.GENESIS;
            long expectedSeq = 1;
            long checked = 0;
            while (true) {
                List<AuditRecordEntity> batch = em.createQuery(
                        "SELECT a FROM AuditRecordEntity a WHERE a.seq >= :from ORDER BY a.seq", AuditRecordEntity.class)
                        .setParameter("from", expectedSeq).setMaxResults(VERIFY_BATCH).getResultList();
                if (batch.isEmpty()) {
                    return ChainVerification.intact(checked);
                }
                for (AuditRecordEntity r : batch) {
                    if (r.getSeq() != expectedSeq) {
                        return ChainVerification.broken(checked, expectedSeq, "record " + expectedSeq + " is missing");
                    }
                    if (!prevHash.equals(r.getPrevHash())) {
                        return ChainVerification.broken(checked, r.getSeq(), "link to the previous record does not match");
                    }
                    if (!AuditChain.hashOf(r).equals(r.getHash())) {
                        return ChainVerification.broken(checked, r.getSeq(), "record content does not match its hash");
                    }
                    prevHash = r.getHash();
                    expectedSeq++;
                    checked++;
                }
                em.clear();
            }
        });
    }
}
