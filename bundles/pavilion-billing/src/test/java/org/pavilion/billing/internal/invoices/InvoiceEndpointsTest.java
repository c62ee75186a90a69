package org.pavilion.billing.internal.invoices;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;

import org.junit.Test;
import org.pavilion.billing.internal.documents.PortalDocumentResource;
import org.pavilion.billing.internal.documents.ReceiptResource;
import org.pavilion.core.api.security.RequiresPrivilege;
import org.pavilion.core.testing.PrivilegeMatrix;

/** The invoice and document endpoints are the paths of docs/billing-api.md ("Invoices"), each behind its privilege. */
public class InvoiceEndpointsTest {

    private static final Class<?>[] RESOURCES = {InvoiceResource.class, ReceiptResource.class,
        PortalDocumentResource.class};

    @Test
    public void everyPathOfTheContractIsThereBehindItsPrivilege() throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> r : RESOURCES) {
            String base = base(r);
            for (Method m : r.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : null;
                if (verb == null) {
                    continue;
                }
                RequiresPrivilege p = m.getAnnotation(RequiresPrivilege.class);
                assertNotNull(r.getSimpleName() + "." + m.getName() + " names no privilege", p);
                Path path = m.getAnnotation(Path.class);
                found.put(verb + " " + base + (path == null ? "" : "/" + path.value()), p.value());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("POST /billing/invoices", "billing.invoices.manage");
        expected.put("GET /billing/invoices", "billing.invoices.view");
        expected.put("GET /billing/invoices/{id}", "billing.invoices.view");
        expected.put("POST /billing/invoices/{id}/discounts", "billing.invoices.manage");
        expected.put("POST /billing/invoices/{id}/discounts/{discountId}/approve", "billing.discount.approve");
        expected.put("POST /billing/invoices/{id}/discounts/{discountId}/reject", "billing.discount.approve");
        expected.put("POST /billing/invoices/{id}/issue", "billing.invoices.manage");
        expected.put("POST /billing/invoices/{id}/void", "billing.invoices.manage");
        expected.put("POST /billing/invoices/{id}/credit-notes", "billing.invoices.manage");
        expected.put("GET /billing/invoices/{id}/pdf", "billing.invoices.view");
        expected.put("GET /billing/receipts/{paymentId}/pdf", "billing.invoices.view");
        expected.put("GET /billing/portal/documents/{invoiceId}/pdf", "billing.invoices.view-own");
        assertEquals(expected, found);

        PrivilegeMatrix privileges = new PrivilegeMatrix();
        assertEquals(Set.of("BILLING", "ADMIN"), privileges.defaultRoles("billing.invoices.view"));
        assertEquals(Set.of("BILLING"), privileges.defaultRoles("billing.invoices.manage"));
        assertEquals(Set.of("ADMIN"), privileges.defaultRoles("billing.discount.approve"));
        assertEquals(Set.of("PATIENT"), privileges.defaultRoles("billing.invoices.view-own"));
    }

    private static String base(Class<?> resource) throws ReflectiveOperationException {
        java.lang.reflect.Field f = resource.getDeclaredField("BASE");
        f.setAccessible(true);
        return (String) f.get(null);
    }
}
