package org.pavilion.lab.internal.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.lab.internal.catalogue.Catalogue;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * Orders, items and specimens as REST and SOAP answer them (docs/lab-api.md, "Order", "Item", "Specimen"): one
 * mapping for every endpoint. Reads through the caller's EntityManager (its transaction) and the cached catalogue;
 * an item's result is its current one (not superseded), mapped by {@link ResultDto#of}.
 */
public final class OrderViews {

    /** {@code Order}. */
    public static class OrderDto {
        public String id;
        public String orderNumber;
        public String patientId;
        public String encounterId;
        public String orderingDoctor;
        public String priority;
        public String clinicalNote;
        public String status;
        public String placedAt;
        public String placedBy;
        public String cancelReason;
        public List<ItemDto> items = new ArrayList<>();
        public List<SpecimenDto> specimens = new ArrayList<>();
    }

    /** {@code Item}: one test of an order. */
    public static class ItemDto {
        public String id;
        public String testCode;
        public String testName;
        public String panelCode;
        public String specimenId;
        public String status;
        public String statusAt;
        public String rejectReason;
        public ResultDto result;
    }

    /** {@code Specimen}. */
    public static class SpecimenDto {
        public String id;
        public String specimenType;
        public String status;
        public String collectedAt;
        public String collectedBy;
        public String receivedAt;
        public String receivedBy;
        public String rejectedReason;
        public List<String> testCodes = new ArrayList<>();
    }

    private final EntityManager em;
    private final Catalogue catalogue;

    public OrderViews(EntityManager em, Catalogue catalogue) {
        this.em = em;
        this.catalogue = catalogue;
    }

    /** The whole order: its items (with current results) and specimens. */
    public OrderDto order(LabOrderEntity o) {
        OrderDto d = new OrderDto();
        d.id = o.getId();
        d.orderNumber = o.getOrderNumber();
        d.patientId = o.getPatientId();
        d.encounterId = o.getEncounterId();
        d.orderingDoctor = o.getOrderingDoctor();
        d.priority = o.getPriority();
        d.clinicalNote = o.getClinicalNote();
        d.status = o.getStatus();
        d.placedAt = instant(o.getPlacedMs());
        d.placedBy = o.getPlacedBy();
        d.cancelReason = o.getCancelReason();
        List<OrderItemEntity> items = items(o.getId());
        List<SpecimenEntity> specimens = specimens(o.getId());
        List<String> tubes = specimens.stream().map(SpecimenEntity::getId).toList();
        // items tube by tube, as the specimens are listed
        items.sort(Comparator.comparingInt((OrderItemEntity i) -> tubes.indexOf(i.getSpecimenId())));
        Map<String, ResultEntity> results = currentResults(o.getId());
        for (OrderItemEntity i : items) {
            d.items.add(item(i, o, results.get(i.getId())));
        }
        for (SpecimenEntity s : specimens) {
            d.specimens.add(specimen(s, items));
        }
        return d;
    }

    /** One item with its current result. */
    public ItemDto item(OrderItemEntity i, LabOrderEntity o) {
        return item(i, o, currentResults(o.getId()).get(i.getId()));
    }

    /** One specimen with the codes of its tests. */
    public SpecimenDto specimen(SpecimenEntity s) {
        return specimen(s, items(s.getOrderId()));
    }

    /** The order's items: by specimen, then as their panel lists them, then by code. */
    public List<OrderItemEntity> items(String orderId) {
        List<OrderItemEntity> items = new ArrayList<>(em.createQuery(
                "SELECT i FROM OrderItemEntity i WHERE i.orderId = :o", OrderItemEntity.class)
                .setParameter("o", orderId).getResultList());
        items.sort(Comparator.comparing(OrderItemEntity::getSpecimenId)
                .thenComparing(i -> i.getPanelCode() == null ? "~" : i.getPanelCode())
                .thenComparingInt(this::positionInPanel)
                .thenComparing(OrderItemEntity::getTestCode));
        return items;
    }

    /** The order's specimens by type. */
    public List<SpecimenEntity> specimens(String orderId) {
        return em.createQuery("SELECT s FROM SpecimenEntity s WHERE s.orderId = :o ORDER BY s.specimenType, s.id",
                SpecimenEntity.class).setParameter("o", orderId).getResultList();
    }

    /** The test's name, or its code when the catalogue no longer has it. */
    public String testName(String code) {
        return catalogue.test(code).map(LabTestEntity::getName).orElse(code);
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    private ItemDto item(OrderItemEntity i, LabOrderEntity o, ResultEntity current) {
        ItemDto d = new ItemDto();
        d.id = i.getId();
        d.testCode = i.getTestCode();
        LabTestEntity test = catalogue.test(i.getTestCode()).orElse(null);
        d.testName = test == null ? i.getTestCode() : test.getName();
        d.panelCode = i.getPanelCode();
        d.specimenId = i.getSpecimenId();
        d.status = i.getStatus();
        d.statusAt = instant(i.getStatusMs());
        d.rejectReason = i.getRejectReason();
        d.result = current == null ? null : ResultDto.of(current, test, o);
        return d;
    }

    private SpecimenDto specimen(SpecimenEntity s, List<OrderItemEntity> items) {
        SpecimenDto d = new SpecimenDto();
        d.id = s.getId();
        d.specimenType = s.getSpecimenType();
        d.status = s.getStatus();
        d.collectedAt = instant(s.getCollectedMs());
        d.collectedBy = s.getCollectedBy();
        d.receivedAt = instant(s.getReceivedMs());
        d.receivedBy = s.getReceivedBy();
        d.rejectedReason = s.getRejectedReason();
        for (OrderItemEntity i : items) {
            if (s.getId().equals(i.getSpecimenId())) {
                d.testCodes.add(i.getTestCode());
            }
        }
        return d;
    }

    private Map<String, ResultEntity> currentResults(String orderId) {
        Map<String, ResultEntity> byItem = new HashMap<>();
        for (ResultEntity r : em.createQuery("SELECT r FROM ResultEntity r WHERE r.orderId = :o "
                + "AND r.superseded = false ORDER BY r.enteredMs", ResultEntity.class).setParameter("o", orderId)
                .getResultList()) {
            byItem.put(r.getItemId(), r);
        }
        return byItem;
    }

    private int positionInPanel(OrderItemEntity i) {
        if (i.getPanelCode() == null) {
            return 0;
        }
        int at = catalogue.members(i.getPanelCode()).indexOf(i.getTestCode());
        return at < 0 ? Integer.MAX_VALUE : at;
    }
}
