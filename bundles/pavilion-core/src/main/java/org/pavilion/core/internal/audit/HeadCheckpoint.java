package org.pavilion.core.internal.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain head this container committed, written outside the database ({@code ${karaf.data}/pavilion/audit-head})
 * with an HMAC over it, so a deleted tail is caught: the database's last record falls behind the checkpoint. Written
 * at most once per interval by a timer and on close, atomically (temp file, then move), and never backwards.
 */
final class HeadCheckpoint implements AutoCloseable {

    /** Seq and hash only (no PHI), for operators who route it to syslog through pax-logging. */
    private static final Logger HEAD_LOG = LoggerFactory.getLogger("pavilion.audit.head");
    private static final Logger LOG = LoggerFactory.getLogger(HeadCheckpoint.class);

    /** A head as read back from the file, with the key id that signed it. */
    record Head(long seq, String hash, String keyId) {
    }

    private final Path file;
    private final Supplier<AuditKeyring> keys;
    private final ScheduledExecutorService timer;
    /** Latest committed head offered; guarded by this. */
    private long offeredSeq = -1;
    private String offeredHash;
    private long writtenSeq = -1;

    HeadCheckpoint(Path file, Supplier<AuditKeyring> keys, long intervalMs) {
        this.file = file;
        this.keys = keys;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pavilion-audit-head");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    Path file() {
        return file;
    }

    /** Called after a commit: remembers the head; the timer writes it. No I/O here, the append path is hot. */
    synchronized void offer(long seq, String hash) {
        if (seq > offeredSeq) {
            offeredSeq = seq;
            offeredHash = hash;
        }
    }

    /** Writes the latest offered head if it is newer than the file's. */
    synchronized void flush() throws IOException {
        if (offeredSeq <= writtenSeq) {
            return;
        }
        AuditKeyring k = keys.get();
        String keyId = k.currentId();
        Properties p = new Properties();
        p.setProperty("seq", Long.toString(offeredSeq));
        p.setProperty("hash", offeredHash);
        p.setProperty("keyId", keyId);
        p.setProperty("mac", k.mac(keyId, signed(offeredSeq, offeredHash, keyId)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var w = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
            p.store(w, "Pavilion audit chain head of this container; see docs/security-audit.md");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        writtenSeq = offeredSeq;
        HEAD_LOG.info("audit head seq={} hash={}", offeredSeq, offeredHash);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the audit head checkpoint {}: {}", file, e.toString());
        }
    }

    /**
     * The head in the file; null when there is none yet.
     *
     * @throws IllegalStateException when the file is damaged, signed with a key this container does not hold, or
     *         its HMAC does not match (forged)
     */
    Head read() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String seq = p.getProperty("seq");
        String hash = p.getProperty("hash");
        String keyId = p.getProperty("keyId");
        String mac = p.getProperty("mac");
        if (seq == null || hash == null || keyId == null || mac == null) {
            throw new IllegalStateException("the head checkpoint " + file + " is incomplete");
        }
        AuditKeyring k = keys.get();
        if (!k.has(keyId)) {
            throw new IllegalStateException("the head checkpoint is signed with key " + keyId
                    + ", which this container does not hold");
        }
        long s;
        try {
            s = Long.parseLong(seq.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the head checkpoint " + file + " is damaged");
        }
        String expected = k.mac(keyId, signed(s, hash, keyId));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), mac.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("the head checkpoint " + file + " is forged: its HMAC does not match");
        }
        return new Head(s, hash, keyId);
    }

    private static String signed(long seq, String hash, String keyId) {
        return "pavilion-audit-head\u001f" + seq + "\u001f" + hash + "\u001f" + keyId;
    }

    /** Writes the last head, then stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        flushQuietly();
    }
}
