package org.pavilion.emr.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientRegistered;
import org.pavilion.events.api.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk import of patients from a legacy system: NDJSON, one registration body per line, read as a stream.
 * Each line is validated like a registration; invalid lines are reported and skipped. Valid ones are stored in
 * batches, one transaction each, with a block of MRNs taken from the counter by one locked update, and one audit
 * record per batch. A batch the database refuses rolls back alone (its MRNs go back to the counter) and is
 * reported; the import goes on. Duplicate detection is not run (see the README).
 */
@Component(service = PatientImporter.class)
public class PatientImporter {

    private static final Logger LOG = LoggerFactory.getLogger(PatientImporter.class);

    static final int DEFAULT_BATCH = 1000;
    static final int MAX_BATCH = 5000;
    /** Rejected lines listed in the report at most; all are counted. */
    static final int MAX_LISTED_REJECTS = 1000;
    /** A registration body is well under 4 KB; a longer line is refused without being held in memory. */
    static final int MAX_LINE_CHARS = 16 * 1024;

    private static final ObjectReader DEMOGRAPHICS = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readerFor(PatientDemographics.class);

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final DeclaredConstraints constraints;

    @Activate
    public PatientImporter(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events,
            @Reference DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
    }

    /** One valid line waiting for its batch. */
    private record Pending(long line, ValidDemographics demographics) {
    }

    public ImportReport importNdjson(InputStream body, int batchSize, boolean publishEvents) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw ProblemException.validation("batchSize must be 1 to " + MAX_BATCH + ", was " + batchSize);
        }
        if (body == null) {
            throw ProblemException.validation("The body must be NDJSON: one patient's demographics per line");
        }
        long started = System.currentTimeMillis();
        ImportReport report = new ImportReport();
        report.eventsPublished = publishEvents;
        String actor = CallerContext.current().map(Caller::username).orElse("system");
        LocalDate today = LocalDate.now();
        List<Pending> batch = new ArrayList<>(batchSize);
        try (LineReader lines = new LineReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.next()) != null) {
                long no = lines.lineNumber();
                report.lines = no;
                if (line.isBlank()) {
                    continue;
                }
                if (lines.lastWasTooLong()) {
                    reject(report, no, "line longer than " + MAX_LINE_CHARS + " characters");
                    continue;
                }
                ValidDemographics v;
                try {
                    v = ValidDemographics.of(DEMOGRAPHICS.readValue(line), today, constraints);
                } catch (JsonProcessingException e) {
                    reject(report, no, "not a JSON registration body: " + e.getOriginalMessage());
                    continue;
                } catch (ProblemException e) {
                    reject(report, no, e.getMessage());
                    continue;
                }
                batch.add(new Pending(no, v));
                if (batch.size() == batchSize) {
                    store(batch, report, actor, publishEvents);
                    batch.clear();
                }
            }
        } catch (IOException e) {
            // The client went away or sent broken UTF-8: what was committed stays, the rest is reported lost.
            LOG.warn("Patient import stopped reading at line {}: {}", report.lines, e.toString());
            store(batch, report, actor, publishEvents);
            report.elapsedMs = System.currentTimeMillis() - started;
            throw new ProblemException(400, "import-interrupted", "Import interrupted",
                    "Reading the body failed after line " + report.lines + " (" + e.getMessage() + "); "
                            + report.imported + " patients were imported, up to MRN " + report.lastMrn);
        }
        store(batch, report, actor, publishEvents);
        report.elapsedMs = System.currentTimeMillis() - started;
        return report;
    }

    private static void reject(ImportReport report, long line, String reason) {
        report.rejected++;
        if (report.rejectedLines.size() < MAX_LISTED_REJECTS) {
            report.rejectedLines.add(new ImportReport.RejectedLine(line, reason));
        }
    }

    /** One transaction: a block of MRNs, the patients, their phones and (optionally) their events. */
    private void store(List<Pending> batch, ImportReport report, String actor, boolean publishEvents) {
        if (batch.isEmpty()) {
            return;
        }
        long firstLine = batch.get(0).line();
        long lastLine = batch.get(batch.size() - 1).line();
        long now = System.currentTimeMillis();
        String[] range = new String[2];
        try {
            jpa.run(em -> {
                long first = MrnAllocator.nextBlock(em, batch.size());
                List<PatientEntity> stored = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    PatientEntity e = new PatientEntity();
                    e.setMrn(Mrn.of(first + i));
                    PatientService.apply(e, batch.get(i).demographics());
                    e.setRegisteredMs(now);
                    e.setRegisteredBy(actor);
                    e.setUpdatedMs(now);
                    e.setUpdatedBy(actor);
                    em.persist(e);
                    stored.add(e);
                }
                em.flush(); // phones reference their patient
                for (int i = 0; i < batch.size(); i++) {
                    PatientEntity e = stored.get(i);
                    PatientService.storePhones(em, e.getMrn(), batch.get(i).demographics());
                    PatientService.storeContacts(em, e.getMrn(), batch.get(i).demographics());
                    if (publishEvents) {
                        events.publish(em, PatientRegistered.TYPE, Mrn.subjectKey(e.getMrn()),
                                PatientService.registered(e, List.of()));
                    }
                }
                range[0] = stored.get(0).getMrn();
                range[1] = stored.get(stored.size() - 1).getMrn();
            });
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            // The reason goes to the report and the audit trail only: a database's message quotes the clashing key
            // (an MRN, a national id), so the log line has the lines and the failure without messages (issue #20).
            LOG.warn("Patient import batch of lines {}-{} failed and was rolled back ({})", firstLine, lastLine,
                    LogSafe.classes(e), LogSafe.failure(e));
            ImportReport.FailedBatch f = new ImportReport.FailedBatch();
            f.firstLine = firstLine;
            f.lastLine = lastLine;
            f.patients = batch.size();
            f.reason = reason;
            report.failedBatches.add(f);
            report.failed += batch.size();
            audit.record(AuditEvent.of("IMPORT", PatientService.RESOURCE).outcome(AuditOutcome.FAILED)
                    .detail("batch of lines " + firstLine + "-" + lastLine + ", " + batch.size()
                            + " patients, rolled back: " + reason).build());
            return;
        }
        report.batches++;
        report.imported += batch.size();
        if (report.firstMrn == null) {
            report.firstMrn = range[0];
        }
        report.lastMrn = range[1];
        // One record per batch: who imported how many patients, which MRN range, from which lines.
        audit.record(AuditEvent.of("IMPORT", PatientService.RESOURCE)
                .detail("imported " + batch.size() + " patients, MRN " + range[0] + " to " + range[1] + ", lines "
                        + firstLine + "-" + lastLine + (publishEvents ? "" : ", PatientRegistered not published"))
                .build());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 500 ? m.substring(0, 500) : m;
    }

    /** Lines of at most MAX_LINE_CHARS kept; the rest of a longer line is skipped, not buffered. */
    static final class LineReader implements AutoCloseable {
        private final Reader in;
        private final char[] buf = new char[8192];
        private int pos;
        private int len;
        private long lineNumber;
        private boolean tooLong;

        LineReader(Reader in) {
            this.in = in;
        }

        /** The next line without its terminator, or null at the end. */
        String next() throws IOException {
            StringBuilder sb = new StringBuilder();
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (!any) {
                            return null;
                        }
                        lineNumber++;
                        return sb.toString();
                    }
                }
                any = true;
                char c = buf[pos++];
                if (c == '\n') {
                    lineNumber++;
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') {
                        sb.setLength(n - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() < MAX_LINE_CHARS) {
                    sb.append(c);
                } else {
                    tooLong = true;
                }
            }
        }

        long lineNumber() {
            return lineNumber;
        }

        boolean lastWasTooLong() {
            return tooLong;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
