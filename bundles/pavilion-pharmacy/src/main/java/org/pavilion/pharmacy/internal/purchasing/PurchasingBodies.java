package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;
import javax.validation.groups.Default;

/** The JSON bodies of the supplier and purchase order endpoints, in and out. */
public final class PurchasingBodies {

    private PurchasingBodies() {
    }

    /** GET, POST /suppliers and GET, PUT /suppliers/{id}. */
    public static class Supplier {
        public String id;
        public String name;
        public String email;
        public String phone;
        public String address;
        /** true when absent on create. */
        public Boolean active;
        /** Required on PUT: the version read. */
        public Integer version;
    }

    /**
     * POST /purchase-orders, PUT /purchase-orders/{id} (only note, lines and version are used there). The rules are
     * declared per group (DeclaredConstraints, every broken field in one 400); supplier, store and items are checked
     * against the catalogue after, and an empty order, a repeated item or a bad quantity stay 422s.
     */
    public static class OrderDraft {

        /** POST: names the supplier and the store. */
        public interface Create extends Default {
        }

        /** PUT: carries the version read. */
        public interface Replace extends Default {
        }

        @NotBlank(groups = Create.class)
        public String supplierId;
        @NotBlank(groups = Create.class)
        public String storeCode;
        @Size(max = 1000)
        public String note;
        public List<@NotNull(message = "is an empty line") @Valid OrderLine> lines = new ArrayList<>();
        @NotNull(groups = Replace.class)
        public Integer version;
    }

    public static class OrderLine {
        @NotBlank @Size(max = 40)
        public String itemCode;
        public BigDecimal quantity;
        public BigDecimal unitPrice;
    }

    /** POST /purchase-orders/from-suggestions: {@code itemCodes} absent or empty means every suggestion. */
    public static class FromSuggestions {
        @NotBlank
        public String supplierId;
        @NotBlank @Size(max = 40)
        public String storeCode;
        public List<String> itemCodes;
    }

    /** POST /purchase-orders/{id}/cancel. */
    public static class Reason {
        public String reason;
    }

    /** POST /purchase-orders/{id}/receipts. */
    public static class Receipt {
        @Size(max = 100)
        public String deliveryNote;
        public List<ReceiptLine> lines = new ArrayList<>();
    }

    public static class ReceiptLine {
        public String lineId;
        public String batchNumber;
        public String expiryDate;
        public BigDecimal quantity;
    }

    /** The answer of the order endpoints. */
    public static class PurchaseOrder {
        public String id;
        public String number;
        public String supplierId;
        public String supplierName;
        public String storeCode;
        public String status;
        public String origin;
        public String note;
        public String createdAt;
        public String createdBy;
        public String sentAt;
        /** Beyond the contract: why it was cancelled, and when it was cancelled or fully received. */
        public String cancelReason;
        public String closedAt;
        public int version;
        public List<PurchaseOrderLine> lines = new ArrayList<>();
        public List<GoodsReceipt> receipts = new ArrayList<>();
    }

    public static class PurchaseOrderLine {
        public String id;
        public String itemCode;
        public String itemName;
        public BigDecimal quantityOrdered;
        public BigDecimal quantityReceived;
        public BigDecimal unitPrice;
    }

    public static class GoodsReceipt {
        public String id;
        public String deliveryNote;
        public String receivedAt;
        public String receivedBy;
        public List<GoodsReceiptLine> lines = new ArrayList<>();
    }

    public static class GoodsReceiptLine {
        public String lineId;
        public String itemCode;
        public String batchNumber;
        public String expiryDate;
        public BigDecimal quantity;
    }
}
