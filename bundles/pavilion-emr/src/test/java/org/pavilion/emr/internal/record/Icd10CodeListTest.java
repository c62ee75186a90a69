package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class Icd10CodeListTest {

    private static Icd10CodeList list(String text) throws IOException {
        return Icd10CodeList.parse(new StringReader(text), "test");
    }

    @Test
    public void codesAreNormalisedWithOrWithoutTheDotInAnyCase() {
        assertEquals("E119", Icd10CodeList.normalise("E11.9"));
        assertEquals("E119", Icd10CodeList.normalise(" e119 "));
        assertEquals("S060X0A", Icd10CodeList.normalise("s06.0x0a"));
        assertEquals("I10", Icd10CodeList.normalise("I10"));
        assertNull(Icd10CodeList.normalise("E1.19"));
        assertNull(Icd10CodeList.normalise("11.9"));
        assertNull(Icd10CodeList.normalise("E11..9"));
        assertNull(Icd10CodeList.normalise("E1"));
        assertNull(Icd10CodeList.normalise("E11.90000"));
        assertNull(Icd10CodeList.normalise(null));
        assertEquals("E11.9", Icd10CodeList.dotted("E119"));
        assertEquals("I10", Icd10CodeList.dotted("I10"));
    }

    @Test
    public void theBundledListKnowsType2DiabetesAndRejectsUnknownCodes() throws IOException {
        Icd10CodeList codes = Icd10Catalogue.bundled();
        assertTrue(codes.size() > 100);
        assertEquals("Type 2 diabetes mellitus without complications", codes.title("E11.9"));
        assertEquals(codes.title("E11.9"), codes.title("e119"));
        assertNull("a category header is not a codable diagnosis", codes.title("E11"));
        assertNull(codes.title("E11.99"));
        assertNull(codes.title("not a code"));
    }

    @Test
    public void searchFindsByCodePrefixAndByTheStartOfTitleWords() throws IOException {
        Icd10CodeList codes = list("# comment\nE119 Type 2 diabetes mellitus without complications\n"
                + "E109\tType 1 diabetes mellitus without complications\nI10 Essential (primary) hypertension\n"
                + "R7303 Prediabetes\nE1165 Type 2 diabetes mellitus with hyperglycemia\n");
        assertEquals(List.of("E10.9", "E11.65", "E11.9"), keys(codes.search("diab", 10)));
        assertEquals(List.of("E11.65", "E11.9"), keys(codes.search("E11", 10)));
        assertEquals(List.of("E11.65", "E11.9"), keys(codes.search("e11.", 10)));
        assertEquals(List.of("E11.65", "E11.9"), keys(codes.search("DIAB TYPE 2", 10)));
        assertEquals(List.of("E11.65"), keys(codes.search("hyperglyc", 10)));
        assertEquals(List.of("I10"), keys(codes.search("hypertension", 10)));
        assertEquals(1, codes.search("diab", 1).size());
        assertEquals(List.of(), keys(codes.search("asthma", 10)));
        assertEquals("Type 2 diabetes mellitus with hyperglycemia", codes.search("E1165", 1).get(0).getValue());
    }

    @Test
    public void aMalformedLineFailsTheWholeLoadWithItsLineNumber() {
        try {
            list("E119 Type 2 diabetes\n11.9 not a code\n");
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("line 2"));
        }
        try {
            list("# only comments\n\n");
            fail();
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no codes"));
        }
    }

    /**
     * Memory of a full-size list (74,000 codes, the size of the CMS release) with titles of realistic length:
     * measured as retained heap, printed for the README, and bounded so a regression in the index shows.
     */
    @Test
    public void aFullSizeListFitsInAFewMegabytes() throws IOException {
        StringBuilder text = new StringBuilder();
        String[] words = {"acute", "chronic", "unspecified", "fracture", "of", "left", "right", "with", "without",
            "complications", "diabetes", "mellitus", "initial", "encounter", "subsequent", "disease", "neoplasm"};
        for (int i = 0; i < 74_000; i++) {
            text.append((char) ('A' + i % 26)).append(String.format("%02d", i % 100)).append(Integer.toString(i, 36).toUpperCase())
                    .append(' ');
            for (int w = 0; w < 9; w++) {
                text.append(words[(i * 7 + w * 3) % words.length]).append(w == 8 ? "" : " ");
            }
            text.append(' ').append(i).append('\n');
        }
        String source = text.toString();
        long before = usedHeap();
        Icd10CodeList codes = list(source);
        long after = usedHeap();
        assertEquals(74_000, codes.size());
        long mb = (after - before) / (1024 * 1024);
        System.out.println("ICD-10 list of 74,000 codes retains about " + mb + " MB of heap");
        assertTrue("retained " + mb + " MB", mb < 64);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<String> keys(List<Map.Entry<String, String>> entries) {
        return entries.stream().map(Map.Entry::getKey).toList();
    }
}
