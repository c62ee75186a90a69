package org.pavilion.billing.internal.charges;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityExistsException;
import javax.persistence.EntityManager;

import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.billing.internal.pricing.PriceList;

/**
 * The rows of {@code bl_charge} and {@code bl_parked_charge} as every writer of charges makes them (the desk, the
 * departments' events, the HL7 DFT feed), inside the writer's own transaction. (source_type, source_id) is unique in
 * each table: a second insert of the same source fails on the constraint, which {@link #duplicate} recognises.
 */
public final class ChargeRows {

    public static final String OPEN = "OPEN";
    public static final String INVOICED = "INVOICED";
    public static final String CANCELLED = "CANCELLED";

    public static final String PARKED = "PARKED";
    public static final String POSTED = "POSTED";
    public static final String DISCARDED = "DISCARDED";

    public static final String MANUAL = "MANUAL";
    public static final String APPOINTMENT = "APPOINTMENT";
    public static final String LAB = "LAB";
    public static final String PHARMACY = "PHARMACY";
    public static final String PHARMACY_RETURN = "PHARMACY_RETURN";
    public static final String HL7 = "HL7";
    /** A video consultation (telemedicine's consultation id). */
    public static final String TELECONSULTATION = "TELECONSULTATION";

    private ChargeRows() {
    }

    /**
     * Something billable as its source reported it, before pricing. {@code priceCode} may be null (a consultation is
     * priced by doctor and service); {@code payload} is the event or message as received, kept when it is parked.
     */
    public record Incoming(String sourceType, String sourceId, String patientId, String encounterId,
            String priceCode, BigDecimal quantity, LocalDate serviceDate, String doctorId, String note,
            String payload) {
    }

    /** What a charge is priced at: an entry of the price list, or the charge it reverses (a return). */
    public record Priced(String code, String description, String category, String department, BigDecimal unitPrice,
            String taxCategory, BigDecimal taxRate) {

        public static Priced of(PriceList.Price p) {
            String department = p.department() != null ? p.department() : PriceList.departmentOf(p.category());
            return new Priced(p.code(), p.name(), p.category(), department, p.unitPrice(), p.taxCategory(),
                    p.taxRate());
        }

        /** At the price {@code c} was charged at (a return credits what the dispense cost). */
        public static Priced as(ChargeEntity c) {
            return new Priced(c.getPriceCode(), c.getDescription(), c.getCategory(), c.getDepartment(),
                    c.getUnitPrice(), c.getTaxCategory(), c.getTaxRate());
        }
    }

    /** The charge of a source, or null. */
    public static ChargeEntity charged(EntityManager em, String sourceType, String sourceId) {
        List<ChargeEntity> found = em.createQuery("SELECT c FROM ChargeEntity c WHERE c.sourceType = :t AND "
                + "c.sourceId = :s", ChargeEntity.class).setParameter("t", sourceType).setParameter("s", sourceId)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The parked charge of a source, or null. */
    public static ParkedChargeEntity parked(EntityManager em, String sourceType, String sourceId) {
        List<ParkedChargeEntity> found = em.createQuery("SELECT p FROM ParkedChargeEntity p WHERE p.sourceType = :t "
                + "AND p.sourceId = :s", ParkedChargeEntity.class).setParameter("t", sourceType)
                .setParameter("s", sourceId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Inserts the OPEN charge of {@code in} at {@code price} (flushed: a duplicate source fails here). */
    public static ChargeEntity insertCharge(EntityManager em, Incoming in, String patientId, Priced price,
            String actor, long nowMs) {
        ChargeEntity c = new ChargeEntity();
        c.setId(UUID.randomUUID().toString());
        c.setPatientId(patientId);
        c.setEncounterId(in.encounterId());
        c.setSourceType(in.sourceType());
        c.setSourceId(in.sourceId());
        c.setPriceCode(price.code());
        c.setDescription(clip(price.description() == null ? price.code() : price.description(), 200));
        c.setCategory(price.category());
        c.setDepartment(price.department());
        c.setDoctorId(in.doctorId());
        c.setQuantity(in.quantity().setScale(Amounts.QUANTITY_SCALE, RoundingMode.UNNECESSARY));
        c.setUnitPrice(price.unitPrice().setScale(Amounts.PRICE_SCALE, Amounts.ROUNDING));
        c.setTaxCategory(price.taxCategory());
        c.setTaxRate(price.taxRate().setScale(Amounts.RATE_SCALE, Amounts.ROUNDING));
        c.setServiceDate(in.serviceDate().toString());
        c.setPostedMs(nowMs);
        c.setPostedBy(clip(actor, 100));
        c.setStatus(OPEN);
        c.setNote(clip(in.note(), 500));
        em.persist(c);
        em.flush();
        return c;
    }

    /** Inserts the parked charge of {@code in} with why it could not be posted (flushed). */
    public static ParkedChargeEntity insertParked(EntityManager em, Incoming in, String reason, long nowMs) {
        ParkedChargeEntity p = new ParkedChargeEntity();
        p.setId(UUID.randomUUID().toString());
        p.setSourceType(in.sourceType());
        p.setSourceId(in.sourceId());
        p.setPatientId(in.patientId());
        p.setEncounterId(in.encounterId());
        p.setDoctorId(in.doctorId());
        p.setPriceCode(clip(in.priceCode(), 40));
        p.setQuantity(in.quantity() == null ? null : in.quantity().setScale(Amounts.QUANTITY_SCALE,
                RoundingMode.UNNECESSARY));
        p.setServiceDate(in.serviceDate() == null ? null : in.serviceDate().toString());
        p.setReason(clip(reason, 500));
        p.setPayload(in.payload());
        p.setReceivedMs(nowMs);
        p.setStatus(PARKED);
        em.persist(p);
        em.flush();
        return p;
    }

    /** Marks a parked charge POSTED as {@code charge}. */
    public static void resolvePosted(ParkedChargeEntity p, ChargeEntity charge, String actor, String note,
            long nowMs) {
        p.setStatus(POSTED);
        p.setChargeId(charge.getId());
        p.setResolvedMs(nowMs);
        p.setResolvedBy(clip(actor, 100));
        p.setResolutionNote(clip(note, 500));
    }

    /** True when {@code e} is a unique violation: another writer filed the same source first. */
    public static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EntityExistsException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
