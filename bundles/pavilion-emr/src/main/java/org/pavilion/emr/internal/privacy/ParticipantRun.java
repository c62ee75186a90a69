package org.pavilion.emr.internal.privacy;

import java.time.Instant;

/**
 * One participant's line in the follow-up of a merge or erasure: its latest outcome as kept, or NOT_RUN for a
 * participant installed now that the operation never reached (installed later, or unavailable at the time).
 */
public class ParticipantRun {

    /** Registered now, and never run for this operation. */
    public static final String NOT_RUN = "NOT_RUN";

    public String name;
    public String title;
    /** DONE, FAILED or NOT_RUN. */
    public String status;
    /** Whether the participant is registered now, i.e. whether it can be (re-)run. */
    public boolean installed;
    public String error;
    public String summary;
    public int attempts;
    public String firstRunAt;
    public String lastRunAt;
    public String lastRunBy;

    static ParticipantRun of(ParticipantRunEntity e) {
        ParticipantRun r = new ParticipantRun();
        r.name = e.getParticipant();
        r.title = e.getTitle();
        r.status = e.getStatus();
        r.error = e.getError();
        r.summary = e.getSummary();
        r.attempts = e.getAttempts();
        r.firstRunAt = Instant.ofEpochMilli(e.getFirstMs()).toString();
        r.lastRunAt = Instant.ofEpochMilli(e.getLastMs()).toString();
        r.lastRunBy = e.getLastBy();
        return r;
    }

    static ParticipantRun notRun(String name, String title) {
        ParticipantRun r = new ParticipantRun();
        r.name = name;
        r.title = title;
        r.status = NOT_RUN;
        r.installed = true;
        return r;
    }
}
