package org.pavilion.pharmacy.internal.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.pavilion.pharmacy.internal.catalogue.ItemEditsTest.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.pharmacy.internal.PharmacyDatabase;

/**
 * The maternity ward opens its own store: the pharmacist creates it, renames it with the version read, sets the
 * reorder rules of what the midwives use (oxytocin, gloves), corrects and removes one; nonsense is refused.
 */
public class StoresAndReorderRulesTest {

    private PharmacyDatabase db;
    private StoreResource rest;
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        rest = new StoreResource(new StoreService(db.jpa, audited::add), new ReorderRuleService(db.jpa, audited::add));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aWardStoreIsOpenedRenamedAndClosed() {
        StoreDto maternity = new StoreDto();
        maternity.name = "Maternity ward store";
        maternity.kind = "ward";
        StoreDto created = rest.put("ward-mat", maternity);
        assertEquals("WARD-MAT", created.code);
        assertEquals("WARD", created.kind);
        assertFalse(created.dispensing);
        assertTrue(created.active);
        assertEquals(List.of("CREATE", "ph-store", "WARD-MAT"), List.of(last().action(), last().resourceType(),
                last().resourceId()));
        assertTrue(rest.list().stream().anyMatch(s -> s.code.equals("WARD-MAT")));

        int v = created.version;
        created.name = "Maternity and labour ward store";
        StoreDto renamed = rest.put("WARD-MAT", created);
        assertEquals(v + 1, (int) renamed.version);
        assertEquals("Maternity and labour ward store", rest.get("ward-mat").name);
        assertEquals("UPDATE", last().action());

        created.name = "Stale";
        expect(409, "meanwhile", () -> rest.put("WARD-MAT", created));
        created.version = null;
        expect(409, "send its version", () -> rest.put("WARD-MAT", created));

        renamed.active = false;
        assertFalse(rest.put("WARD-MAT", renamed).active);
        assertFalse(rest.get("WARD-MAT").active);

        StoreDto bad = new StoreDto();
        bad.kind = "SHOP";
        bad.code = "OTHER";
        {
            String detail = expect(422, "name is required", () -> rest.put("ward mat", bad)).detail();
            for (String part : List.of("code must be", "kind must be CENTRAL, WARD or PHARMACY",
                    "is not the code of the address")) {
                assertTrue(detail, detail.contains(part));
            }
        }
        expect(400, "body", () -> rest.put("WARD-B", null));
        expect(404, "NOWHERE", () -> rest.get("nowhere"));
    }

    @Test
    public void reorderRulesAreSetCorrectedAndRemoved() {
        StoreDto maternity = new StoreDto();
        maternity.name = "Maternity ward store";
        maternity.kind = "WARD";
        rest.put("WARD-MAT", maternity);
        assertEquals(List.of(), rest.reorderRules("WARD-MAT"));

        ReorderRuleDto oxytocin = rest.putReorderRule("ward-mat", "oxyt10", rule("20", "50"));
        assertEquals(List.of("OXYT10", "WARD-MAT", "20", "50"), List.of(oxytocin.itemCode, oxytocin.storeCode,
                oxytocin.reorderLevel, oxytocin.reorderQuantity));
        assertEquals("ph-store", last().resourceType());
        assertEquals("WARD-MAT", last().resourceId());
        assertTrue(last().detail(), last().detail().contains("OXYT10"));
        rest.putReorderRule("WARD-MAT", "GLOVES-M", rule("2.5", "10"));
        rest.putReorderRule("WARD-MAT", "OXYT10", rule("30", "60"));
        assertEquals(List.of("GLOVES-M:2.5/10", "OXYT10:30/60"), rest.reorderRules("WARD-MAT").stream()
                .map(r -> r.itemCode + ":" + r.reorderLevel + "/" + r.reorderQuantity).toList());

        ReorderRuleDto removed = rest.deleteReorderRule("WARD-MAT", "gloves-m");
        assertEquals("GLOVES-M", removed.itemCode);
        assertEquals("DELETE", last().action());
        assertEquals(List.of("OXYT10"), rest.reorderRules("WARD-MAT").stream().map(r -> r.itemCode).toList());
        expect(404, "Reorder rule", () -> rest.deleteReorderRule("WARD-MAT", "GLOVES-M"));

        // zero is a level ("reorder when out"); negative, non-numbers and over-precise quantities are not
        assertEquals("0", rest.putReorderRule("WARD-MAT", "OXYT10", rule("0", "0")).reorderLevel);
        String detail = expect(422, "reorderLevel must be 0 or more",
                () -> rest.putReorderRule("WARD-MAT", "OXYT10", rule("-1", "many"))).detail();
        assertTrue(detail, detail.contains("reorderQuantity must be a decimal number"));
        expect(422, "at most 3 decimals", () -> rest.putReorderRule("WARD-MAT", "OXYT10", rule("1.2345", "1")));
        expect(422, "reorderQuantity is required", () -> rest.putReorderRule("WARD-MAT", "OXYT10", rule("1", null)));
        ReorderRuleDto elsewhere = rule("1", "1");
        elsewhere.storeCode = "MAIN";
        expect(422, "is not the store of the address", () -> rest.putReorderRule("WARD-MAT", "OXYT10", elsewhere));
        expect(404, "Store NOWHERE", () -> rest.putReorderRule("NOWHERE", "OXYT10", rule("1", "1")));
        expect(404, "Item NOTHING", () -> rest.putReorderRule("WARD-MAT", "nothing", rule("1", "1")));
        expect(404, "Store NOWHERE", () -> rest.reorderRules("nowhere"));
        expect(400, "body", () -> rest.putReorderRule("WARD-MAT", "OXYT10", null));

        // a retired item is not reordered
        ItemService.of(db.jpa, Catalogue.of(db.jpa), audited::add).deactivate("DOXY100");
        expect(422, "DOXY100 is inactive", () -> rest.putReorderRule("WARD-MAT", "DOXY100", rule("1", "1")));
        assertEquals("0", rest.reorderRules("WARD-MAT").get(0).reorderLevel);
    }

    @Test
    public void twoPharmacistsSettingTheSameNewRuleAtOnceBothSucceedAndOneRuleRemains() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String item : List.of("IBU400", "METF500", "AMLO5", "ENAL5", "FURO40")) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ReorderRuleDto>> outcomes = new ArrayList<>();
                for (String level : List.of("10", "20")) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return rest.putReorderRule("WARD-A", item, rule(level, "100"));
                    }));
                }
                start.countDown();
                for (Future<ReorderRuleDto> f : outcomes) {
                    assertEquals(item, f.get(60, TimeUnit.SECONDS).itemCode);
                }
                List<ReorderRuleDto> rules = rest.reorderRules("WARD-A").stream().filter(r -> r.itemCode.equals(item))
                        .toList();
                assertEquals(1, rules.size());
                assertTrue(rules.get(0).reorderLevel, Set.of("10", "20").contains(rules.get(0).reorderLevel));
            }
            // and two removing the same rule: one answers it, the other learns it is gone
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> removals = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                removals.add(pool.submit(() -> {
                    start.await();
                    try {
                        rest.deleteReorderRule("WARD-A", "IBU400");
                        return 200;
                    } catch (ProblemException e) {
                        return e.status();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : removals) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            assertEquals(List.of(200, 404), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void pharmacistsEditWhatEveryoneWhoPrescribesOrBillsMayRead() throws Exception {
        Set<String> readers = Set.of("DOCTOR", "NURSE", "PHARMACIST", "ADMIN", "BILLING");
        Set<String> editors = Set.of("PHARMACIST", "ADMIN");
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(StoreResource.class, Map.of("list", readers, "get", readers, "put", editors,
                "reorderRules", readers, "putReorderRule", editors, "deleteReorderRule", editors));
        matrix.assertRest(ItemResource.class, Map.of("list", readers, "get", readers, "put", editors,
                "deactivate", editors));
    }

    private AuditEvent last() {
        return audited.get(audited.size() - 1);
    }

    private static ReorderRuleDto rule(String level, String quantity) {
        ReorderRuleDto r = new ReorderRuleDto();
        r.reorderLevel = level;
        r.reorderQuantity = quantity;
        return r;
    }
}
