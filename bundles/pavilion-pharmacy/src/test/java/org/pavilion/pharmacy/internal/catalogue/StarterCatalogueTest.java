package org.pavilion.pharmacy.internal.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.pharmacy.internal.PharmacyDatabase;

/**
 * Day one of the hospital, on the real change log: the pharmacy can receive and dispense at once, because the
 * starter change set brought the stores, the essential medicines with their ATC codes and packs, the supplies and
 * reorder rules, and every starter item passes the rules a pharmacist's own edit must pass.
 */
public class StarterCatalogueTest {

    private static PharmacyDatabase db;
    private static Catalogue catalogue;
    private static ItemService items;
    private static StoreService stores;
    private static ReorderRuleService rules;

    @BeforeClass
    public static void open() throws Exception {
        db = new PharmacyDatabase();
        db.starter(); // the fixture's own seeding must live with the starter catalogue
        catalogue = Catalogue.of(db.jpa);
        items = ItemService.of(db.jpa, catalogue, e -> { });
        stores = new StoreService(db.jpa, e -> { });
        rules = new ReorderRuleService(db.jpa, e -> { });
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    @Test
    public void theCentralStoreAndTheMainPharmacyAreThere() {
        StoreDto central = stores.get("CENTRAL");
        assertEquals("CENTRAL", central.kind);
        assertFalse(central.dispensing);
        StoreDto main = stores.get("main");
        assertEquals("Main pharmacy", main.name);
        assertEquals("PHARMACY", main.kind);
        assertTrue(main.dispensing && main.active);
        // the fixture adds its ward store next to them
        assertEquals(List.of("CENTRAL", "MAIN", "WARD-A"), stores.list().stream().map(s -> s.code).toList());
    }

    @Test
    public void essentialMedicinesCarryTheirWhoAtcCodesStrengthsAndForms() {
        Map<String, String[]> expected = Map.ofEntries(
                Map.entry("PARA500", new String[] {"paracetamol", "500 mg", "TABLET", "N02BE01", "tablet"}),
                Map.entry("AMOX500", new String[] {"amoxicillin", "500 mg", "CAPSULE", "J01CA04", "capsule"}),
                Map.entry("IBU400", new String[] {"ibuprofen", "400 mg", "TABLET", "M01AE01", "tablet"}),
                Map.entry("METF500", new String[] {"metformin", "500 mg", "TABLET", "A10BA02", "tablet"}),
                Map.entry("AMLO5", new String[] {"amlodipine", "5 mg", "TABLET", "C08CA01", "tablet"}),
                Map.entry("OMEP20", new String[] {"omeprazole", "20 mg", "CAPSULE", "A02BC01", "capsule"}),
                Map.entry("SALB100", new String[] {"salbutamol", "100 micrograms/dose", "INHALER", "R03AC02", "inhaler"}),
                Map.entry("CEFT1G", new String[] {"ceftriaxone", "1 g", "INJECTION", "J01DD04", "vial"}),
                Map.entry("COTRI480", new String[] {"sulfamethoxazole + trimethoprim", "400 mg + 80 mg", "TABLET", "J01EE01", "tablet"}),
                Map.entry("DICLO50", new String[] {"diclofenac", "50 mg", "TABLET", "M01AB05", "tablet"}),
                Map.entry("MORPH10", new String[] {"morphine", "10 mg/ml", "INJECTION", "N02AA01", "ampoule"}),
                Map.entry("INSH100", new String[] {"insulin (human, soluble)", "100 IU/ml", "INJECTION", "A10AB01", "vial"}),
                Map.entry("ARTLUM", new String[] {"artemether + lumefantrine", "20 mg + 120 mg", "TABLET", "P01BF01", "tablet"}),
                Map.entry("ORS", new String[] {"oral rehydration salts", "20.5 g/L", "POWDER", "A07CA", "sachet"}),
                Map.entry("ENAL5", new String[] {"enalapril", "5 mg", "TABLET", "C09AA02", "tablet"}),
                Map.entry("ATOR20", new String[] {"atorvastatin", "20 mg", "TABLET", "C10AA05", "tablet"}),
                Map.entry("PRED5", new String[] {"prednisolone", "5 mg", "TABLET", "H02AB06", "tablet"}),
                Map.entry("FURO40", new String[] {"furosemide", "40 mg", "TABLET", "C03CA01", "tablet"}));
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            CatalogueItem item = catalogue.item(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey()));
            String[] x = e.getValue();
            assertEquals(e.getKey(), List.of(x), List.of(item.genericName(), item.strength(), item.form(),
                    item.atcCode(), item.unitOfIssue()));
            assertTrue(e.getKey(), item.isMedicine() && item.expiryRequired() && item.active());
            assertEquals("PH-" + e.getKey(), item.priceReference());
        }
        ItemDto paracetamol = items.get("PARA500");
        assertEquals("Paracetamol 500 mg tablet", paracetamol.name);
        assertEquals(List.of("strip of 10", "box of 100"), paracetamol.packs.stream().map(p -> p.name).toList());
        assertEquals("100", paracetamol.packs.get(1).units);
        long medicines = items.list(null, "MEDICINE", true, 0, 200).getTotal();
        assertTrue("about twenty essential medicines, not " + medicines, medicines >= 20);
    }

    @Test
    public void suppliesHaveNoExpiryAndNoAtcCode() {
        for (String code : List.of("GAUZE", "GLOVES-M", "SYRINGE5", "CANNULA20G")) {
            CatalogueItem supply = catalogue.item(code).orElseThrow(() -> new AssertionError(code));
            assertEquals(code, "SUPPLY", supply.kind());
            assertFalse(code, supply.expiryRequired());
            assertEquals(code, null, supply.atcCode());
        }
        assertEquals("piece", catalogue.item("gauze").get().unitOfIssue());
        assertEquals(List.of("CANNULA20G", "GAUZE", "GLOVES-M", "SYRINGE5"),
                items.list(null, "supply", null, 0, 50).getItems().stream().map(i -> i.code).toList());
    }

    @Test
    public void fastMoversHaveReorderRulesInBothStores() {
        List<ReorderRuleDto> main = rules.list("MAIN");
        assertEquals(List.of("AMOX500", "ORS", "PARA500"), main.stream().map(r -> r.itemCode).toList());
        ReorderRuleDto paracetamol = main.get(2);
        assertEquals("500", paracetamol.reorderLevel);
        assertEquals("2000", paracetamol.reorderQuantity);
        List<ReorderRuleDto> central = rules.list("CENTRAL");
        assertTrue(central.stream().anyMatch(r -> r.itemCode.equals("GAUZE")));
        assertTrue(central.stream().allMatch(r -> new BigDecimal(r.reorderQuantity).signum() > 0));
    }

    @Test
    public void otherPartsFindItemsByCodeNameGenericNameOrAtcClass() {
        // analgesics (ATC N02): the opioid and the anilide
        assertEquals(List.of("MORPH10", "PARA500"), codes(catalogue.search("n02", 10)));
        assertEquals(List.of("COTRI480"), codes(catalogue.search("TRIMETHOPRIM", 10)));
        assertEquals(List.of("AMOX500"), codes(catalogue.search("amoxi", 10)));
        assertEquals(List.of("GLOVES-M"), codes(catalogue.search("nitrile", 10)));
        assertEquals(5, catalogue.search(" ", 5).size());
        assertEquals(1, catalogue.search(null, 0).size());
        assertTrue(catalogue.search("no such thing", 10).isEmpty());
        assertTrue(catalogue.item(" ").isEmpty());
        assertTrue(catalogue.item(null).isEmpty());
        CatalogueItem morphine = catalogue.item(" morph10").get();
        assertEquals("ampoule", morphine.unitOfIssue());
        assertEquals("PH-MORPH10", morphine.priceReference());
        assertEquals(1, morphine.packs().size());
        assertEquals("box of 10", morphine.packs().get(0).name());
        assertEquals(0, BigDecimal.TEN.compareTo(morphine.packs().get(0).units()));
    }

    private static List<String> codes(List<CatalogueItem> found) {
        return found.stream().map(CatalogueItem::code).toList();
    }

    @Test
    public void everyStarterItemWouldPassAPharmacistsEdit() {
        for (ItemDto item : items.list(null, null, null, 0, 200).getItems()) {
            ItemRules.check(item.code, item); // throws a 422 naming what is wrong
        }
        for (StoreDto store : stores.list()) {
            assertTrue(store.code, StoreService.KINDS.contains(store.kind));
        }
    }
}
