package org.pavilion.lab.internal.catalogue;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.lab.internal.order.ItemResource;
import org.pavilion.lab.internal.order.OrderResource;
import org.pavilion.lab.internal.order.SpecimenResource;
import org.pavilion.lab.internal.order.WorklistResource;

/**
 * Who may call the catalogue, order, specimen and worklist endpoints by default: everyone who orders or bills reads
 * the catalogue and only administrators edit it; doctors order and cancel; nurses and technicians collect; the lab
 * receives and works the list. Nothing is public and every method names a declared privilege.
 */
public class LabEndpointsTest {

    private static final Set<String> CATALOGUE_READERS = Set.of("DOCTOR", "NURSE", "LAB_TECHNICIAN", "ADMIN",
            "BILLING");
    private static final Set<String> WARDS = Set.of("DOCTOR", "NURSE", "LAB_TECHNICIAN");
    private static final Set<String> COLLECTORS = Set.of("NURSE", "LAB_TECHNICIAN");
    private static final Set<String> LAB = Set.of("LAB_TECHNICIAN");

    @Test
    public void theDefaultRolesOfEachEndpoint() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(CatalogueResource.class, Map.of("list", CATALOGUE_READERS, "get", CATALOGUE_READERS,
                "put", Set.of("ADMIN"), "deactivate", Set.of("ADMIN")));
        matrix.assertRest(OrderResource.class, Map.of("place", Set.of("DOCTOR"), "get", WARDS, "list", WARDS,
                "cancel", Set.of("DOCTOR")));
        matrix.assertRest(SpecimenResource.class, Map.of("collect", COLLECTORS, "label", COLLECTORS, "receive", LAB,
                "reject", LAB));
        matrix.assertRest(WorklistResource.class, Map.of("list", LAB));
        matrix.assertRest(ItemResource.class, Map.of("start", LAB, "enter", LAB));
    }

    @Test
    public void nothingIsPublicOrWithoutADeclaredPrivilege() {
        for (Class<?> resource : List.of(CatalogueResource.class, OrderResource.class, SpecimenResource.class,
                WorklistResource.class, ItemResource.class)) {
            List<java.lang.reflect.Method> methods = EndpointRules.restMethods(resource);
            assertEquals(resource.getSimpleName(), List.of(), EndpointRules.problems(resource, methods, false,
                    p -> p.startsWith("lab.")));
        }
    }
}
