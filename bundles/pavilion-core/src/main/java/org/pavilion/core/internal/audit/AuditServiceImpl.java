package org.pavilion.core.internal.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(service = {AuditService.class, AuditTrail.class}, configurationPid = "org.pavilion.core.audit")
@Designate(ocd = AuditIntegrityConfig.class)
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
    /** The HMAC keys (outside the database); replaced on a configuration change, which is how keys rotate. */
    private volatile AuditKeyring keys;
    /** This container's head written outside the database; null: none kept (tests). */
    private volatile HeadCheckpoint checkpoint;

    @Activate
    public AuditServiceImpl(@Reference(target = "(osgi.unit.name=pavilion-core)") EntityManagerFactory emf,
            @Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            @Reference SchemaMigrator schemaReady, AuditIntegrityConfig config) throws IOException {
        this(loadKeys(config), emf, dataSource);
        this.checkpoint = newCheckpoint(config);
    }

    /** An in-memory key and no head checkpoint: for tests of the departments that write records. */
    public AuditServiceImpl(EntityManagerFactory emf, DataSource dataSource, SchemaMigrator schemaReady) {
        this(AuditKeyring.ephemeral(), emf, dataSource);
    }

    /** Tests: the chain keyed with {@code keys}, no head checkpoint until {@link #checkpointTo}. */
    static AuditServiceImpl keyed(EntityManagerFactory emf, DataSource dataSource, AuditKeyring keys) {
        return new AuditServiceImpl(keys, emf, dataSource);
    }

    private AuditServiceImpl(AuditKeyring keys, EntityManagerFactory emf, DataSource dataSource) {
        this.jpa = new JpaTransactions(emf);
        this.dataSource = dataSource;
        this.keys = keys;
        this.appends = new GroupCommitter<>("pavilion-audit-commit", MAX_GROUP, this::writeGroup);
    }

    /** Tests: keep the head checkpoint in {@code file}. */
    void checkpointTo(Path file, long intervalMs) {
        checkpoint = new HeadCheckpoint(file, () -> keys, intervalMs);
    }

    /** Tests: the key file was rotated. */
    void useKeys(AuditKeyring rotated) {
        keys = rotated;
    }

    /**
     * A new current key (rotation) takes effect with the next append, which first writes a record re-anchoring the
     * chain with it; a new head file path is used from now on.
     */
    @Modified
    void modified(AuditIntegrityConfig config) throws IOException {
        AuditKeyring reloaded = loadKeys(config);
        HeadCheckpoint replacement = newCheckpoint(config);
        HeadCheckpoint old;
        appendLock.lock();
        try {
            keys = reloaded;
            old = checkpoint;
            checkpoint = replacement;
            if (head != null) {
                replacement.offer(head.seq, head.hash);
            }
        } finally {
            appendLock.unlock();
        }
        if (old != null) {
            old.close();
        }
    }

    private HeadCheckpoint newCheckpoint(AuditIntegrityConfig config) {
        return new HeadCheckpoint(headFile(config), () -> keys, Math.max(100, config.checkpointIntervalMs()));
    }

    private static AuditKeyring loadKeys(AuditIntegrityConfig config) throws IOException {
        Path file = config.keyFile().isBlank()
                ? Paths.get(System.getProperty("karaf.etc", "etc"), "pavilion-audit.key")
                : Paths.get(config.keyFile().trim());
        boolean[] created = {false};
        AuditKeyring k = AuditKeyring.loadOrCreate(file, created);
        if (created[0]) {
            LOG.warn("Created the audit chain key file {} with a new random key; keep a copy off this host, "
                    + "without it the audit trail cannot be verified", file);
        }
        return k;
    }

    private static Path headFile(AuditIntegrityConfig config) {
        return config.headFile().isBlank()
                ? Paths.get(System.getProperty("karaf.data", "data"), "pavilion", "audit-head")
                : Paths.get(config.headFile().trim());
    }

    /** Commits the appends handed in before, then stops the committer thread and writes the last head. */
    @Deactivate
    public void deactivate() {
        appends.close();
        HeadCheckpoint c = checkpoint;
        if (c != null) {
            c.close();
        }
    }

    /** Remembers a committed head; the checkpoint writes it outside the database within its interval. */
    private void committed(Head next) {
        head = next;
        HeadCheckpoint c = checkpoint;
        if (c != null) {
            c.offer(next.seq, next.hash);
        }
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
            committed(next);
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
            committed(next);
        } catch (SQLException | RuntimeException e) {
            head = null;
            c.rollback();
            throw e;
        }
    }

    /**
     * Chains {@code records} after {@code h} and inserts them on {@code c} in one batch; returns the new head. When
     * the head was hashed with another key (or none: records from before the upgrade), a record naming the new key
     * goes first, so the switch is itself on the chain.
     */
    private Head insert(Connection c, Head h, List<AuditRecordEntity> records) throws SQLException {
        AuditKeyring k = keys;
        String keyId = k.currentId();
        if (h.seq > 0 && !Objects.equals(h.keyId, keyId)) {
            List<AuditRecordEntity> anchored = new ArrayList<>(records.size() + 1);
            anchored.add(anchor(keyId, h.keyId));
            anchored.addAll(records);
            records = anchored;
        }
        long seq = h.seq;
        String prevHash = h.hash;
        long occurredMs = Math.max(System.currentTimeMillis(), h.occurredMs);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (AuditRecordEntity r : records) {
                r.setSeq(++seq);
                r.setPrevHash(prevHash);
                r.setOccurredMs(occurredMs);
                r.setKeyId(keyId);
                r.setHash(AuditChain.hashOf(r, k));
                prevHash = r.getHash();
                bind(insert, r);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new Head(seq, prevHash, occurredMs, keyId);
    }

    private static AuditRecordEntity anchor(String keyId, String previousKeyId) {
        AuditRecordEntity r = new AuditRecordEntity();
        r.setActor("system");
        r.setClientAddress("local");
        r.setAction(AuditChain.ANCHOR_ACTION);
        r.setResourceType("audit-chain");
        r.setResourceId(keyId);
        r.setOutcome("SUCCESS");
        r.setDetail("chain re-anchored with key " + keyId
                + (previousKeyId == null ? " after unkeyed records" : " after key " + previousKeyId));
        return r;
    }

    private static final String INSERT = "INSERT INTO core_audit (seq, occurred_ms, actor, actor_roles, action,"
            + " resource_type, resource_id, patient_id, client_address, outcome, emergency, detail, prev_hash, hash,"
            + " key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        ps.setString(15, r.getKeyId());
    }

    /** The last committed record's seq, hash and time; the genesis when the trail is empty. */
    private record Head(long seq, String hash, long occurredMs, String keyId) {
    }

    private static Head readHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash, occurred_ms, key_id FROM core_audit ORDER BY seq DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))
                    : new Head(0, AuditChain.GENESIS, 0, null);
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
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
    }

    private static void add(StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null && !(value instanceof String && ((String) value).isBlank())) {
            where.append(" AND ").append(clause);
            params.put(name, value);
        }
    }

    /**
     * Walks the chain from its first record (links, and each hash with the key that made it), then compares its end
     * with this container's head checkpoint: a last record behind it means a deleted tail.
     */
    @Override
    public ChainVerification verify() {
        AuditKeyring k = keys;
        HeadCheckpoint c = checkpoint;
        HeadCheckpoint.Head checkpointed = null;
        if (c != null) {
            try {
                c.flush(); // this container's latest commits first, so the comparison is current
                checkpointed = c.read();
            } catch (IOException | RuntimeException e) {
                return ChainVerification.badCheckpoint(e.getMessage());
            }
        }
        long checkpointSeq = checkpointed == null ? -1 : checkpointed.seq();
        String checkpointHash = checkpointed == null ? null : checkpointed.hash();
        ChainVerification walked = jpa.call(em -> {
            String prevHash = AuditChain.GENESIS;
            long expectedSeq = 1;
            long checked = 0;
            String keyedWith = null;
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
                    if (r.getKeyId() == null && keyedWith != null) {
                        return ChainVerification.broken(checked, r.getSeq(),
                                "unkeyed record after the chain was keyed with " + keyedWith);
                    }
                    if (r.getKeyId() != null && !k.has(r.getKeyId())) {
                        return ChainVerification.broken(checked, r.getSeq(), "cannot verify: key " + r.getKeyId()
                                + " is not in this container's key file");
                    }
                    if (!AuditChain.hashOf(r, k).equals(r.getHash())) {
                        return ChainVerification.broken(checked, r.getSeq(), r.getKeyId() == null
                                ? "record content does not match its hash"
                                : "record content does not match its HMAC (key " + r.getKeyId() + ")");
                    }
                    if (r.getSeq() == checkpointSeq && !r.getHash().equals(checkpointHash)) {
                        return ChainVerification.broken(checked, r.getSeq(),
                                "record differs from the head checkpoint written outside the database");
                    }
                    if (r.getKeyId() != null) {
                        keyedWith = r.getKeyId();
                    }
                    prevHash = r.getHash();
                    expectedSeq++;
                    checked++;
                }
                em.clear();
            }
        });
        if (walked.intact && checkpointed != null) {
            walked.checkpointSeq = checkpointSeq;
            if (walked.recordsChecked < checkpointSeq) {
                return ChainVerification.broken(walked.recordsChecked, walked.recordsChecked + 1,
                        "truncated after seq " + walked.recordsChecked + ": the head checkpoint names seq "
                                + checkpointSeq);
            }
        }
        return walked;
    }
}
