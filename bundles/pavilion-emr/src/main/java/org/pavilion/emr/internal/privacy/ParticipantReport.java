package org.pavilion.emr.internal.privacy;

import java.util.ArrayList;
import java.util.List;

import org.pavilion.core.api.privacy.ParticipantOutcome;

/** One participant's line in an erasure report or a merge's answer: what it did and why, or that it FAILED. */
public class ParticipantReport {

    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public String name;
    public String title;
    /** DONE, or FAILED with {@link #error}: then running the operation again completes it. */
    public String status;
    public String error;
    public List<ErasureReport.Item> repointed = new ArrayList<>();
    public List<ErasureReport.Item> removed = new ArrayList<>();
    public List<ErasureReport.Item> anonymised = new ArrayList<>();
    public List<ErasureReport.Item> kept = new ArrayList<>();

    static ParticipantReport done(String name, String title, ParticipantOutcome outcome) {
        ParticipantReport r = new ParticipantReport();
        r.name = name;
        r.title = title;
        r.status = DONE;
        for (ParticipantOutcome.Item i : outcome == null ? List.<ParticipantOutcome.Item>of() : outcome.items()) {
            ErasureReport.Item line = new ErasureReport.Item(i.what(), i.count(), i.why());
            switch (i.action()) {
                case REPOINTED -> r.repointed.add(line);
                case REMOVED -> r.removed.add(line);
                case ANONYMISED -> r.anonymised.add(line);
                case KEPT -> r.kept.add(line);
            }
        }
        return r;
    }

    /** {@code incident}: the id the log line of this failure carries (the log holds no identifiers, this does). */
    static ParticipantReport failed(String name, String title, Throwable error, String incident) {
        ParticipantReport r = new ParticipantReport();
        r.name = name;
        r.title = title;
        r.status = FAILED;
        r.error = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                + (incident == null ? "" : " (incident " + incident + ")");
        return r;
    }
}
