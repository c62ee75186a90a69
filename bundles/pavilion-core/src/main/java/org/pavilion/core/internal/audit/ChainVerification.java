package org.pavilion.core.internal.audit;

/** Outcome of walking the audit chain from its first record. */
public final class ChainVerification {
    public boolean intact;
    public long recordsChecked;
    /** First record whose stored hash or link is wrong, or null when intact. */
    public Long firstBrokenSeq;
    public String problem;
    /** The seq of this container's head checkpoint the chain was compared with; null when there was none. */
    public Long checkpointSeq;

    static ChainVerification intact(long count) {
        ChainVerification v = new ChainVerification();
        v.intact = true;
        v.recordsChecked = count;
        return v;
    }

    static ChainVerification badCheckpoint(String problem) {
        ChainVerification v = new ChainVerification();
        v.intact = false;
        v.problem = problem;
        return v;
    }

    static ChainVerification broken(long count, long seq, String problem) {
        ChainVerification v = new ChainVerification();
        v.intact = false;
        v.recordsChecked = count;
        v.firstBrokenSeq = seq;
        v.problem = problem;
        return v;
    }
}
