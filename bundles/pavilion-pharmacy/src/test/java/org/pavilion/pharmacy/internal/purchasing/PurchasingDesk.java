package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.alerts.ReorderSuggestions;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.OrderDraft;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.OrderLine;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Receipt;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.ReceiptLine;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.Supplier;

/**
 * The purchasing office on a test database: the real services over {@link PharmacyDatabase}, an audit trail kept in
 * a list, and reorder suggestions a test sets by hand (the alerts part computes them in the bundle).
 */
final class PurchasingDesk implements AutoCloseable {

    final PharmacyDatabase db;
    final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    final List<ReorderSuggestions.Suggestion> suggested = new ArrayList<>();
    final Suppliers suppliers;
    final PurchaseOrders orders;
    final GoodsReceipts receipts;

    PurchasingDesk() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        AuditService audit = trail::add;
        ReorderSuggestions suggestions = store -> suggested.stream().filter(s -> s.storeCode().equals(store)).toList();
        suppliers = new Suppliers(db.jpa, audit);
        orders = new PurchaseOrders(db.jpa, db.ledger, suggestions, audit, System::currentTimeMillis,
                TestConstraints.platform());
        receipts = new GoodsReceipts(db.jpa, db.ledger, audit, System::currentTimeMillis, TestConstraints.platform());
    }

    /** {@code work} done by {@code user}, as the platform binds a logged-in pharmacist. */
    static <T> T as(String user, Callable<T> work) {
        try {
            return CallerContext.runAs(Caller.inContainer(user, Set.of("pharmacy.purchasing.manage"), "10.0.0.7"), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Supplier supplier(String name) {
        Supplier s = new Supplier();
        s.name = name;
        s.email = "orders@" + name.toLowerCase().replace(' ', '-') + ".example";
        return suppliers.create(s);
    }

    /** A draft; {@code lines}: item code, quantity, item code, quantity... */
    static OrderDraft draft(String supplierId, String storeCode, String... lines) {
        OrderDraft d = new OrderDraft();
        d.supplierId = supplierId;
        d.storeCode = storeCode;
        for (int i = 0; i < lines.length; i += 2) {
            OrderLine l = new OrderLine();
            l.itemCode = lines[i];
            l.quantity = new BigDecimal(lines[i + 1]);
            l.unitPrice = new BigDecimal("0.05");
            d.lines.add(l);
        }
        return d;
    }

    static Receipt delivery(String note, ReceiptLine... lines) {
        Receipt r = new Receipt();
        r.deliveryNote = note;
        r.lines.addAll(List.of(lines));
        return r;
    }

    static ReceiptLine line(String lineId, String batchNumber, String expiry, String quantity) {
        ReceiptLine l = new ReceiptLine();
        l.lineId = lineId;
        l.batchNumber = batchNumber;
        l.expiryDate = expiry;
        l.quantity = new BigDecimal(quantity);
        return l;
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
