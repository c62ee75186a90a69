package org.pavilion.lab.internal.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.LabDatabase;

/**
 * The catalogue on day one (the starter change set) and in the administrator's hands: adding a test, replacing it
 * with the version read, losing to a colleague's edit, deactivating, and every kind of nonsense refused with 422.
 */
public class CatalogueTest {

    private static LabDatabase db;
    private static Catalogue catalogue;
    private static CatalogueService service;
    private static final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

    @BeforeClass
    public static void open() throws Exception {
        db = new LabDatabase();
        db.starterTests(); // the fixture's own seeding must live with the starter catalogue
        catalogue = Catalogue.of(db.jpa);
        service = new CatalogueService(db.jpa, catalogue, audited::add);
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    @Test
    public void aHospitalCanOrderOnDayOne() {
        assertEquals(List.of("HB", "WBC", "PLT", "HCT"), catalogue.members("cbc"));
        assertEquals(List.of("NA", "K", "CL", "CREA", "GLU"), catalogue.members("BMP"));
        assertEquals(0, new BigDecimal("0.0555").compareTo(catalogue.units("GLU").get("mg/dL")));
        assertEquals(0, new BigDecimal("0.011312").compareTo(catalogue.units("CREA").get("umol/L")));
        assertEquals("GLU", catalogue.byLoinc("2345-7").get().getCode());
        assertEquals("HB", catalogue.byLoinc("718-7").get().getCode());
        assertEquals(3, catalogue.ranges("HB").size());
        TestDto hb = service.get("HB");
        assertEquals("g/dL", hb.unit);
        assertEquals(List.of("F", "M"), hb.ranges.stream().filter(r -> r.sex != null).map(r -> r.sex).sorted()
                .toList());
        assertEquals("12", hb.ranges.stream().filter(r -> "F".equals(r.sex)).findFirst().get().low);
        assertEquals("7", hb.ranges.get(0).criticalLow);
        TestDto k = service.get("K");
        assertEquals(1, k.ranges.size());
        assertEquals("3.5", k.ranges.get(0).low);
        assertEquals("6.5", k.ranges.get(0).criticalHigh);
        assertEquals(List.of("Positive", "Negative"), service.get("HCG").codedValues);
        assertEquals("TEXT", service.get("UCULT").resultType);
        for (String code : List.of("HB", "WBC", "PLT", "HCT", "NA", "K", "CL", "CREA", "GLU", "HBA1C", "TSH", "CRP",
                "UCULT", "HCG", "CBC", "BMP")) {
            TestDto t = service.get(code);
            assertTrue(code, t.active && t.turnaroundMinutes != null && t.loinc != null);
        }
        Page<TestDto> panels = service.list(null, "PANEL", null, 0, 50);
        assertEquals(List.of("BMP", "CBC"), panels.getItems().stream().map(t -> t.code).toList());
        assertEquals(List.of("CREA"), service.list("creat", null, true, 0, 50).getItems().stream()
                .map(t -> t.code).toList());
        assertEquals(List.of("TSH"), service.list("3016", null, null, 0, 50).getItems().stream().map(t -> t.code)
                .toList());
        CatalogueResource rest = new CatalogueResource(service);
        // ?active= left blank lists both
        assertEquals(rest.list(null, null, "true", 0, 50).getTotal() + rest.list(null, null, "false", 0, 50)
                .getTotal(), rest.list(null, null, " ", 0, 50).getTotal());
        assertEquals("Glucose", rest.get("glu").name);
        try {
            rest.list(null, null, "yes", 0, 50);
            fail();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }

    @Test
    public void anAdministratorAddsReplacesAndDeactivatesATest() throws Exception {
        TestDto ferritin = numeric("Ferritin", "ng/mL");
        ferritin.loinc = "2276-4";
        ferritin.units.add(new TestDto.UnitDto("ug/L", "1"));
        ferritin.ranges.add(range("F", "15", "150"));
        ferritin.ranges.add(range("M", "30", "400"));
        TestDto created = service.put("ferr", ferritin);
        assertEquals("FERR", created.code);
        int v = created.version;
        assertEquals("ng/mL", catalogue.test("FERR").get().getUnit());
        assertEquals("CREATE", audited.get(audited.size() - 1).action());

        created.name = "Ferritin (serum)";
        created.ranges.remove(1);
        TestDto replaced = service.put("FERR", created);
        assertEquals(v + 1, (int) replaced.version);
        assertEquals("Ferritin (serum)", catalogue.test("FERR").get().getName());
        assertEquals(1, catalogue.ranges("FERR").size());

        created.name = "Stale edit";
        expect(409, "meanwhile", () -> service.put("FERR", created));
        replaced.version = null;
        expect(409, "version", () -> service.put("FERR", replaced));

        TestDto panel = new TestDto();
        panel.name = "Iron studies";
        panel.kind = "PANEL";
        panel.members = new ArrayList<>(List.of("FERR", "HB"));
        assertEquals(List.of("FERR", "HB"), service.put("IRON", panel).members);
        TestDto asPanel = service.get("FERR");
        asPanel.kind = "PANEL";
        asPanel.members = List.of("HB");
        asPanel.units.clear();
        asPanel.ranges.clear();
        expect(422, "member of IRON", () -> service.put("FERR", asPanel));

        TestDto off = service.deactivate("FERR");
        assertFalse(off.active);
        assertFalse(catalogue.test("FERR").get().isActive());
        assertTrue(service.list("ferritin", null, false, 0, 10).getItems().stream().anyMatch(t -> t.code
                .equals("FERR")));
        expect(404, "NOPE", () -> service.deactivate("NOPE"));
    }

    @Test
    public void nonsenseIsNamedIn422() throws Exception {
        TestDto t = numeric("Odd", "mmol per litre");
        t.resultType = "NUMBER";
        expect(422, "unknown resultType 'NUMBER'", () -> service.put("ODD", t));
        TestDto u = numeric("Odd", "mmol per litre");
        expect(422, "not a UCUM unit", () -> service.put("ODD", u));
        TestDto r = numeric("Odd", "mmol/L");
        r.ranges.add(range(null, "5", "3"));
        expect(422, "low 5 is above high 3", () -> service.put("ODD", r));
        TestDto c = numeric("Odd", "mmol/L");
        TestDto.RangeDto crit = range(null, "3", "5");
        crit.criticalLow = "4";
        c.ranges.add(crit);
        expect(422, "criticalLow 4 is above low 3", () -> service.put("ODD", c));
        TestDto f = numeric("Odd", "mmol/L");
        f.units.add(new TestDto.UnitDto("mg/dL", "-2"));
        expect(422, "positive", () -> service.put("ODD", f));
        TestDto p = new TestDto();
        p.name = "Odd panel";
        p.kind = "PANEL";
        p.members = List.of("HB", "NOPE", "CBC");
        try {
            service.put("ODDP", p);
            fail();
        } catch (ProblemException e) {
            assertEquals(422, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("member NOPE does not exist"));
            assertTrue(e.getMessage(), e.getMessage().contains("member CBC is a panel"));
        }
        TestDto coded = new TestDto();
        coded.name = "Odd coded";
        coded.specimenType = "URINE";
        coded.resultType = "CODED";
        coded.codedValues = List.of("Positive", "Negative");
        coded.abnormalValues = List.of("Maybe");
        expect(422, "'Maybe' is not one of the codedValues", () -> service.put("ODDC", coded));
        TestDto mismatch = numeric("Odd", "mmol/L");
        mismatch.code = "OTHER";
        expect(422, "not the code of the address", () -> service.put("ODD", mismatch));
        expect(400, "body", () -> service.put("ODD", null));
        assertTrue(catalogue.test("ODD").isEmpty());
    }

    @Test
    public void twoAdministratorsEditingAtOnceOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            String code = "VITD" + round;
            List<Object> created = atOnce(() -> service.put(code, numeric("Vitamin D", "nmol/L")),
                    () -> service.put(code, numeric("25-OH vitamin D", "nmol/L")));
            assertEquals(created.toString(), 1, created.stream().filter(x -> x instanceof TestDto).count());
            assertEquals(409, created.stream().filter(x -> x instanceof ProblemException)
                    .mapToInt(x -> ((ProblemException) x).status()).findFirst().getAsInt());

            TestDto read = service.get(code);
            TestDto a = service.get(code);
            a.turnaroundMinutes = 480;
            TestDto b = service.get(code);
            b.ranges.add(range(null, "50", "125"));
            List<Object> replaced = atOnce(() -> service.put(code, a), () -> service.put(code, b));
            assertEquals(replaced.toString(), 1, replaced.stream().filter(x -> x instanceof TestDto).count());
            assertEquals(409, replaced.stream().filter(x -> x instanceof ProblemException)
                    .mapToInt(x -> ((ProblemException) x).status()).findFirst().getAsInt());
            assertEquals(read.version + 1, (int) service.get(code).version);
        }
    }

    /** Runs both at the same moment; each one's answer or exception. */
    private static List<Object> atOnce(Callable<Object> first, Callable<Object> second) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        try {
            List<java.util.concurrent.Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> c : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    try {
                        return c.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (java.util.concurrent.Future<Object> f : futures) {
                out.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static TestDto numeric(String name, String unit) {
        TestDto t = new TestDto();
        t.name = name;
        t.kind = "TEST";
        t.specimenType = "SERUM";
        t.resultType = "NUMERIC";
        t.unit = unit;
        t.decimals = 0;
        t.turnaroundMinutes = 240;
        return t;
    }

    private static TestDto.RangeDto range(String sex, String low, String high) {
        TestDto.RangeDto r = new TestDto.RangeDto();
        r.sex = sex;
        r.low = low;
        r.high = high;
        return r;
    }

    private static void expect(int status, String part, Callable<?> work) throws Exception {
        try {
            work.call();
            fail("expected " + status + " (" + part + ")");
        } catch (ProblemException p) {
            assertEquals(p.getMessage(), status, p.status());
            assertTrue(p.getMessage() + " should mention " + part, p.getMessage().contains(part));
        }
    }
}
