package org.pavilion.emr.internal.privacy;

import java.util.ArrayList;
import java.util.List;

/** What an erasure request did, and what it kept and why: the answer the data-protection officer files. */
public class ErasureReport {

    /** FULL: the person can no longer be identified; PARTIAL: contact data removed, the record kept by law. */
    public String scope;
    public String mrn;
    public List<String> mergedDuplicates = new ArrayList<>();
    public String erasedAt;
    public String erasedBy;
    public String reason;
    /** ISO date until which the medical record must be kept; null when the period is over or there is none. */
    public String retainedUntil;
    public List<Item> removed = new ArrayList<>();
    public List<Item> pseudonymised = new ArrayList<>();
    public List<Item> kept = new ArrayList<>();
    /**
     * Each department's privacy participant, run after the EMR's part committed: what it removed, anonymised or
     * kept, or FAILED with the error (erasing again completes it).
     */
    public List<ParticipantReport> participants = new ArrayList<>();

    public static class Item {
        public String what;
        public Long count;
        public String why;

        Item() {
        }

        Item(String what, Long count, String why) {
            this.what = what;
            this.count = count;
            this.why = why;
        }
    }
}
