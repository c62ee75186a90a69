package org.pavilion.notifications.internal.recipients;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.persistence.EntityManager;

/** Reads of {@code nt_preference} shared by the directory, the preferences service and the privacy participant. */
public final class PreferenceRows {

    private PreferenceRows() {
    }

    /** The patient's rows under any of {@code mrns}, by channel then MRN. */
    public static List<PreferenceEntity> of(EntityManager em, Collection<String> mrns) {
        return em.createQuery("SELECT p FROM PreferenceEntity p WHERE p.patientId IN :m ORDER BY p.channel, p.patientId",
                PreferenceEntity.class).setParameter("m", List.copyOf(mrns)).getResultList();
    }

    /**
     * The channels opted out of under any of {@code mrns}: a duplicate's opt-out not yet re-pointed by the merge
     * still counts for its survivor.
     */
    public static Set<String> optedOut(EntityManager em, Collection<String> mrns) {
        Set<String> out = new TreeSet<>();
        for (PreferenceEntity p : of(em, mrns)) {
            if (p.isOptedOut()) {
                out.add(p.getChannel());
            }
        }
        return out;
    }
}
