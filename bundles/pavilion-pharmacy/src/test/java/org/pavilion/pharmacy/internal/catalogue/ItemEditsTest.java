package org.pavilion.pharmacy.internal.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyDatabase;

/**
 * The pharmacist keeps the catalogue: adds a medicine the formulary committee approved, finds it by name, generic
 * name and ATC class, corrects it with the version read, loses to a colleague's edit, retires it; and every kind of
 * nonsense is refused with one 422 naming all of it.
 */
public class ItemEditsTest {

    private PharmacyDatabase db;
    private Catalogue catalogue;
    private ItemService items;
    private ItemResource rest;
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        catalogue = Catalogue.of(db.jpa);
        items = ItemService.of(db.jpa, catalogue, audited::add);
        rest = new ItemResource(items);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aNewMedicineIsAddedFoundCorrectedAndRetired() {
        ItemDto ceftazidime = medicine("Ceftazidime 1 g powder for injection", "ceftazidime", "1 g", "injection",
                "J01DD02", "vial");
        ceftazidime.packs.add(new ItemDto.PackDto("box of 10", "10"));
        ItemDto created = rest.put(" ceftaz1g ", ceftazidime);
        assertEquals("CEFTAZ1G", created.code);
        assertEquals("INJECTION", created.form);
        assertTrue(created.expiryRequired);
        assertTrue(created.active);
        assertEquals(List.of("box of 10"), created.packs.stream().map(p -> p.name).toList());
        AuditEvent create = audited.get(audited.size() - 1);
        assertEquals("CREATE", create.action());
        assertEquals("ph-item", create.resourceType());
        assertEquals("CEFTAZ1G", create.resourceId());
        assertEquals("vial", catalogue.item("ceftaz1g").get().unitOfIssue());

        // the third-generation cephalosporins (ATC J01DD) are ceftriaxone and the new one
        assertEquals(List.of("CEFT1G", "CEFTAZ1G"), codes(rest.list("j01dd", null, "true", 0, 50)));
        assertEquals(List.of("CEFTAZ1G"), codes(rest.list("ceftazid", "MEDICINE", null, 0, 50)));
        assertEquals(List.of("CEFTAZ1G"), catalogue.search("CEFTAZIDIME", 10).stream().map(CatalogueItem::code).toList());

        // the cache answered; a correction with the version read replaces item and packs, and is seen at once
        int v = created.version;
        created.name = "Ceftazidime 1 g powder for injection, vial";
        created.priceReference = "PH-CEFTAZ";
        created.packs = new ArrayList<>(List.of(new ItemDto.PackDto("box of 50", "50"), new ItemDto.PackDto("single", "1")));
        ItemDto replaced = rest.put("CEFTAZ1G", created);
        assertEquals(v + 1, (int) replaced.version);
        assertEquals("PH-CEFTAZ", catalogue.item("CEFTAZ1G").get().priceReference());
        assertEquals(List.of("single", "box of 50"), catalogue.item("CEFTAZ1G").get().packs().stream()
                .map(CatalogueItem.Pack::name).toList());
        assertEquals("UPDATE", audited.get(audited.size() - 1).action());

        // a second pharmacist still holds the first version
        created.version = v;
        created.name = "Stale edit";
        expect(409, "meanwhile", () -> rest.put("CEFTAZ1G", created));
        created.version = null;
        expect(409, "send its version", () -> rest.put("CEFTAZ1G", created));
        assertEquals("Ceftazidime 1 g powder for injection, vial", rest.get("ceftaz1g").name);

        ItemDto retired = rest.deactivate("ceftaz1g");
        assertFalse(retired.active);
        assertFalse(catalogue.item("CEFTAZ1G").get().active());
        assertEquals("DELETE", audited.get(audited.size() - 1).action());
        assertTrue(catalogue.search("ceftazidime", 10).isEmpty());
        assertEquals(List.of("CEFTAZ1G"), codes(rest.list("ceftazid", null, "false", 0, 50)));
        assertEquals(List.of(), codes(rest.list("ceftazid", null, "true", 0, 50)));
        expect(404, "XYZ", () -> rest.deactivate("XYZ"));
        expect(404, "NOPE", () -> rest.get("nope"));
        expect(400, "active", () -> rest.list(null, null, "yes", 0, 50));
        expect(400, "kind", () -> rest.list(null, "DRUG", null, 0, 50));
    }

    @Test
    public void nonsenseIsRefusedInOneAnswerAndNothingIsWritten() {
        ItemDto bad = medicine(" ", null, null, "pill", "N2BE01", " ");
        bad.kind = "MEDICINE";
        bad.expiryRequired = false;
        bad.packs.add(new ItemDto.PackDto("box", "0"));
        bad.packs.add(new ItemDto.PackDto("BOX", "10"));
        bad.packs.add(new ItemDto.PackDto("crate", "ten"));
        ProblemException e = expect(422, "name is required", () -> items.put("para 500!", bad));
        for (String part : List.of("code must be", "genericName", "unknown form 'PILL'", "atcCode must be",
                "unitOfIssue is required", "expiryRequired must be true", "pack 'box' must be more than 0",
                "'BOX' is listed twice", "must be a decimal number")) {
            assertTrue(part + " in: " + e.detail(), e.detail().contains(part));
        }
        ItemDto gloves = new ItemDto();
        gloves.name = "Sterile surgical gloves 7.5";
        gloves.kind = "SUPPLY";
        gloves.unitOfIssue = "pair";
        gloves.atcCode = "V07AY";
        expect(422, "a supply has no ATC code", () -> items.put("GLOVES-S75", gloves));
        gloves.atcCode = null;
        gloves.kind = "DEVICE";
        expect(422, "kind must be MEDICINE or SUPPLY", () -> items.put("GLOVES-S75", gloves));
        gloves.kind = "SUPPLY";
        gloves.code = "GLOVES-S80";
        expect(422, "is not the code of the address", () -> items.put("GLOVES-S75", gloves));
        expect(400, "body", () -> items.put("GLOVES-S75", null));
        assertTrue(catalogue.item("GLOVES-S75").isEmpty());
        assertTrue(catalogue.item("PARA 500!").isEmpty());
        assertTrue(audited.isEmpty());

        // a supply may still require an expiry (sterile goods), and ATC levels shorter than 7 are accepted
        gloves.code = null;
        gloves.expiryRequired = true;
        assertTrue(items.put("GLOVES-S75", gloves).expiryRequired);
        for (String atc : List.of("N", "N02", "N02B", "N02BE", "N02BE01")) {
            ItemDto level = medicine("Test " + atc, "paracetamol", "1 mg", "TABLET", atc, "tablet");
            assertEquals(atc, items.put("ATC-" + atc, level).atcCode);
        }
        for (String atc : List.of("N0", "N02BE1", "N02BE012", "X02", "N02b")) {
            // N02b is upper-cased into a valid level, the others are not ATC shapes
            if (atc.equals("N02b")) {
                assertEquals("N02B", items.put("ATC-LOWER", medicine("Lower", "x", null, "TABLET", atc, "tablet")).atcCode);
            } else {
                expect(422, "atcCode must be", () -> items.put("ATC-BAD", medicine("Bad", "x", null, "TABLET", atc, "tablet")));
            }
        }
    }

    @Test
    public void historyKeepsItsMeaning() {
        // gauze has been received without expiry and counted in pieces
        String batch = db.batch("GAUZE", "G-1", null);
        db.stock("CENTRAL", "GAUZE", batch, "500");
        ItemDto gauze = items.get("GAUZE");
        gauze.unitOfIssue = "pack";
        gauze.expiryRequired = true;
        ProblemException e = expect(422, "unit of issue cannot become pack", () -> items.put("GAUZE", gauze));
        assertTrue(e.detail(), e.detail().contains("batches received without expiry"));
        gauze.unitOfIssue = "piece";
        gauze.expiryRequired = false;
        gauze.name = "Gauze swab 10x10 cm, 8 ply";
        assertEquals("Gauze swab 10x10 cm, 8 ply", items.put("GAUZE", gauze).name);
        // an item without history may change its unit
        ItemDto ors = items.get("ORS");
        ors.unitOfIssue = "sachet (1 L)";
        assertEquals("sachet (1 L)", items.put("ORS", ors).unitOfIssue);
    }

    @Test
    public void twoPharmacistsSavingTheSameVersionAtOnceGetOneSuccessAndOneConflict() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                ItemDto read = items.get("IBU400");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> outcomes = new ArrayList<>();
                for (String editor : List.of("Ana", "Ben")) {
                    ItemDto mine = items.get("IBU400");
                    mine.version = read.version;
                    mine.name = "Ibuprofen 400 mg tablet (" + editor + " " + round + ")";
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            items.put("IBU400", mine);
                            return 200;
                        } catch (ProblemException e) {
                            return e.status();
                        }
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : outcomes) {
                    statuses.add(f.get(60, TimeUnit.SECONDS));
                }
                statuses.sort(null);
                assertEquals(List.of(200, 409), statuses);
                ItemDto after = items.get("IBU400");
                assertEquals(read.version + 1, (int) after.version);
                assertTrue(after.name, after.name.endsWith(" " + round + ")"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static ItemDto medicine(String name, String generic, String strength, String form, String atc, String unit) {
        ItemDto d = new ItemDto();
        d.name = name;
        d.kind = "medicine";
        d.genericName = generic;
        d.strength = strength;
        d.form = form;
        d.atcCode = atc;
        d.unitOfIssue = unit;
        return d;
    }

    private static List<String> codes(Page<ItemDto> page) {
        return page.getItems().stream().map(i -> i.code).toList();
    }

    static ProblemException expect(int status, String detailPart, Callable<?> call) {
        try {
            call.call();
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            assertTrue(e.detail(), e.detail().contains(detailPart));
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        fail("expected " + status + " " + detailPart);
        return null;
    }
}
