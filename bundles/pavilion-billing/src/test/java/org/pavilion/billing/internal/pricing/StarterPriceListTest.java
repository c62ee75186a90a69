package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.core.testing.TestConstraints;

/**
 * Day one of a hospital that installs billing next to its lab, pharmacy and scheduling: every lab test and every
 * pharmacy item of their starter catalogues (read from their own change logs) is priced, the doctors' specialties have
 * a consultation fee, a ward day and the common procedures are there, medicines carry the reduced rate, supplies the
 * standard one, services none; and every starter price would pass a finance officer's own edit.
 */
public class StarterPriceListTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final Path BUNDLES = Path.of("..");

    private static BillingDatabase db;
    private static PriceListService prices;

    @BeforeClass
    public static void open() throws Exception {
        db = new BillingDatabase();
        prices = new PriceListService(db.emf, e -> { }, new PriceListService.Settings("EUR", ZoneId.of("UTC")),
                TestConstraints.platform());
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    @Test
    public void everyStarterLabTestIsPricedAsAnExemptLabTest() throws IOException {
        Map<String, String> lab = references("pavilion-lab/src/main/resources/db/lab-changelog.xml", "lab_test");
        assertEquals(16, lab.size());
        for (String code : lab.keySet()) {
            PriceList.Price p = priced(code);
            assertEquals(code, "LAB_TEST", p.category());
            assertEquals(code, "EXEMPT", p.taxCategory());
            assertEquals(code, "LABORATORY", p.department());
        }
    }

    @Test
    public void everyStarterPharmacyItemIsPricedMedicinesReducedSuppliesStandard() throws IOException {
        Map<String, String> items = references("pavilion-pharmacy/src/main/resources/db/pharmacy-changelog.xml",
                "ph_item");
        assertEquals(30, items.size());
        for (Map.Entry<String, String> item : items.entrySet()) {
            PriceList.Price p = priced(item.getKey());
            assertEquals(item.getKey(), item.getValue(), p.category());
            assertEquals(item.getKey(), item.getValue().equals("MEDICINE") ? "REDUCED" : "STANDARD", p.taxCategory());
            assertEquals("PHARMACY", p.department());
        }
        assertEquals("0.0450", priced("PH-PARA500").unitPrice().toPlainString());
    }

    @Test
    public void specialtiesWardDaysAndProceduresArePricedAsExemptServices() {
        for (String specialty : List.of("General practice", "Family medicine", "Cardiology", "Dermatology",
                "Endocrinology", "Gastroenterology", "Neurology", "Obstetrics", "Ophthalmology", "Orthopaedics",
                "Paediatrics")) {
            PriceList.Price fee = prices.consultation("any-doctor", specialty, "ANY", MONDAY).orElseThrow(
                    () -> new AssertionError(specialty + " has no consultation fee"));
            assertEquals("EXEMPT", fee.taxCategory());
        }
        assertEquals("CONS-CARDIO-FU", prices.consultation(null, "Cardiology", "CARD-FU", MONDAY).get().code());
        assertEquals("BED_DAY", priced("BED-DAY-GENERAL").category());
        assertEquals("WARDS", priced("BED-DAY-GENERAL").department());
        for (String code : List.of("PROC-DRESSING", "PROC-DRESSING-COMPLEX", "PROC-ECG", "PROC-SUTURE",
                "PROC-SUTURE-COMPLEX")) {
            assertEquals(code, "PROCEDURE", priced(code).category());
            assertEquals(code, "EXEMPT", priced(code).taxCategory());
        }
        // a video consultation's code, and no visit's fallback fee (it names no doctor, specialty or service)
        assertEquals("CONSULTATIONS", priced("TELECONSULTATION").department());
        assertTrue(prices.consultation(null, "Nobody's specialty", "NO-SERVICE", MONDAY).isEmpty());
        // back-dated work finds its price too
        assertTrue(prices.priceOf("PROC-ECG", LocalDate.of(2001, 5, 2)).isPresent());
    }

    @Test
    public void everyStarterPricePassesTheRulesOfAnEditAndNoCodeIsPricedTwice() {
        List<PriceDto> all = prices.list(null, null, null, null, 0, 200).getItems();
        assertEquals(66, all.size());
        assertEquals(all.size(), all.stream().map(p -> p.code).distinct().count());
        for (PriceDto p : all) {
            PriceRules.Definition d = PriceRules.price(p, TestConstraints.platform());
            assertEquals(p.code, d.code());
            assertTrue(p.code, d.unitPrice().signum() > 0);
            assertTrue(p.code, p.active);
        }
    }

    private static PriceList.Price priced(String code) {
        return prices.priceOf(code, MONDAY).orElseThrow(() -> new AssertionError(code + " has no starter price"));
    }

    /** The price references of a department's starter rows with their billing category (from the row's kind). */
    private static Map<String, String> references(String changeLog, String table) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<insert tableName=\"" + table + "\">(.*?)</insert>")
                .matcher(Files.readString(BUNDLES.resolve(changeLog)));
        Pattern reference = Pattern.compile("<column name=\"price_reference\" value=\"([^\"]+)\"/>");
        Pattern kind = Pattern.compile("<column name=\"kind\" value=\"([^\"]+)\"/>");
        while (row.find()) {
            Matcher r = reference.matcher(row.group(1));
            if (r.find()) {
                Matcher k = kind.matcher(row.group(1));
                String category = !k.find() || table.equals("lab_test") ? "LAB_TEST" : k.group(1);
                found.put(r.group(1), category);
            }
        }
        return found;
    }
}
