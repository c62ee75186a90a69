package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.List;

/** What a bulk import did: counts, the MRN range given out, and which lines were refused and why. */
public class ImportReport {

    /** A line that was not imported: its number (from 1) and why. */
    public static class RejectedLine {
        public long line;
        public String reason;

        RejectedLine(long line, String reason) {
            this.line = line;
            this.reason = reason;
        }
    }

    /** A batch the database refused: rolled back as a whole, the other batches are kept. */
    public static class FailedBatch {
        public long firstLine;
        public long lastLine;
        public int patients;
        public String reason;
    }

    public long lines;
    public long imported;
    public long rejected;
    /** Valid lines lost with a failed batch (not counted in rejected). */
    public long failed;
    public int batches;
    public String firstMrn;
    public String lastMrn;
    public boolean eventsPublished;
    /** The first {@link PatientImporter#MAX_LISTED_REJECTS} rejected lines; {@code rejected} counts them all. */
    public List<RejectedLine> rejectedLines = new ArrayList<>();
    public List<FailedBatch> failedBatches = new ArrayList<>();
    public long elapsedMs;
}
