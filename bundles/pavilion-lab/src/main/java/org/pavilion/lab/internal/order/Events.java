package org.pavilion.lab.internal.order;

import org.pavilion.lab.api.LabOrderEvent;

/** What every laboratory event of an order carries, and its subject key. */
final class Events {

    private Events() {
    }

    /** {@code lab-order:<id>}: a subscriber gets one order's events in the order they happened. */
    static String subject(String orderId) {
        return "lab-order:" + orderId;
    }

    static void fill(LabOrderEvent e, LabOrderEntity o, String actor) {
        e.orderId = o.getId();
        e.orderNumber = o.getOrderNumber();
        e.patientId = o.getPatientId();
        e.encounterId = o.getEncounterId();
        e.orderingDoctor = o.getOrderingDoctor();
        e.priority = o.getPriority();
        e.actor = actor;
    }
}
