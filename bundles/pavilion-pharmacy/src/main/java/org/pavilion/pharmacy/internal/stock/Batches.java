package org.pavilion.pharmacy.internal.stock;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;

/** Batches as received: found by the manufacturer's batch number, created on first receipt. */
public final class Batches {

    private Batches() {
    }

    /**
     * The batch {@code batchNumber} of an item, created with {@code expiry} when new.
     *
     * @throws org.pavilion.core.api.rest.ProblemException 422 when the item is unknown or inactive, the item needs an
     *         expiry and none is given, the expiry is not an ISO date, or the batch is known with another expiry
     */
    public static BatchEntity findOrCreate(EntityManager em, String itemCode, String batchNumber, String expiry, long nowMs) {
        ItemEntity item = itemCode == null ? null : em.find(ItemEntity.class, itemCode);
        if (item == null || !item.getActive()) {
            throw PharmacyProblems.unprocessable("no active item " + itemCode + " in the catalogue");
        }
        if (batchNumber == null || batchNumber.isBlank() || batchNumber.length() > 60) {
            throw PharmacyProblems.unprocessable("a batch number (1 to 60 characters) is required for " + itemCode);
        }
        String expiryDate = expiry == null || expiry.isBlank() ? null : isoDate(expiry);
        if (expiryDate == null && item.getExpiryRequired()) {
            throw PharmacyProblems.unprocessable(itemCode + " is received with its expiry date: batch " + batchNumber + " has none");
        }
        List<BatchEntity> found = em.createQuery(
                        "SELECT b FROM BatchEntity b WHERE b.itemCode = :item AND b.batchNumber = :number", BatchEntity.class)
                .setParameter("item", itemCode).setParameter("number", batchNumber.trim()).getResultList();
        if (!found.isEmpty()) {
            BatchEntity b = found.get(0);
            if (expiryDate != null && !expiryDate.equals(b.getExpiryDate())) {
                throw PharmacyProblems.unprocessable("batch " + batchNumber + " of " + itemCode + " is known to expire on "
                        + b.getExpiryDate() + ", not " + expiryDate);
            }
            return b;
        }
        BatchEntity b = new BatchEntity();
        b.setId(UUID.randomUUID().toString());
        b.setItemCode(itemCode);
        b.setBatchNumber(batchNumber.trim());
        b.setExpiryDate(expiryDate);
        b.setCreatedMs(nowMs);
        em.persist(b);
        return b;
    }

    /**
     * The known batch {@code batchNumber} of an item, for an outflow or adjustment that names it.
     *
     * @throws org.pavilion.core.api.rest.ProblemException 422 when no such batch was ever received
     */
    public static BatchEntity find(EntityManager em, String itemCode, String batchNumber) {
        List<BatchEntity> found = batchNumber == null || batchNumber.isBlank() ? List.of() : em.createQuery(
                        "SELECT b FROM BatchEntity b WHERE b.itemCode = :item AND b.batchNumber = :number", BatchEntity.class)
                .setParameter("item", itemCode).setParameter("number", batchNumber.trim()).getResultList();
        if (found.isEmpty()) {
            throw PharmacyProblems.unprocessable("no batch '" + (batchNumber == null ? "" : batchNumber.trim())
                    + "' of " + itemCode + " was ever received");
        }
        return found.get(0);
    }

    private static String isoDate(String s) {
        try {
            return LocalDate.parse(s.trim()).toString();
        } catch (DateTimeParseException e) {
            throw PharmacyProblems.unprocessable("expiry '" + s + "' is not a date (yyyy-MM-dd)");
        }
    }
}
