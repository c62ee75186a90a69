package org.pavilion.pharmacy.internal.dispensing;

import java.util.List;
import java.util.Locale;

import javax.persistence.EntityManager;

import org.pavilion.pharmacy.internal.catalogue.ItemEntity;

/**
 * Which catalogue item a prescription names. The prescriber's catalogue code when it names an active item;
 * otherwise the one active medicine whose generic name and strength both appear in the drug text (ignoring case and
 * spaces in the strength: "500mg" is "500 mg"). None or several: null, and the pharmacist matches by hand.
 */
final class ItemMatching {

    private ItemMatching() {
    }

    static String match(EntityManager em, String drugCode, String drugText) {
        if (drugCode != null && !drugCode.isBlank()) {
            ItemEntity coded = em.find(ItemEntity.class, drugCode.strip());
            if (coded != null && coded.getActive()) {
                return coded.getCode();
            }
        }
        if (drugText == null || drugText.isBlank()) {
            return null;
        }
        String text = drugText.toLowerCase(Locale.ROOT);
        String compact = squeeze(text);
        List<String> found = em.createQuery("SELECT i FROM ItemEntity i WHERE i.active = true AND i.kind = 'MEDICINE'"
                        + " AND i.genericName IS NOT NULL AND i.strength IS NOT NULL", ItemEntity.class)
                .getResultList().stream()
                .filter(i -> text.contains(i.getGenericName().toLowerCase(Locale.ROOT).strip())
                        && compact.contains(squeeze(i.getStrength().toLowerCase(Locale.ROOT))))
                .map(ItemEntity::getCode).toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
