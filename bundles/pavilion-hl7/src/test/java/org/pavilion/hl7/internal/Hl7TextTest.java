package org.pavilion.hl7.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The header the hub reads before HAPI parses anything: what it stores, answers and routes by. */
public class Hl7TextTest {

    @Test
    public void splittingKeepsEmptyFieldsAtEitherEnd() {
        assertArrayEquals(new String[] {"a", "", "b", ""}, Hl7Text.split("a||b|", '|'));
        assertArrayEquals(new String[] {"", "x"}, Hl7Text.split("|x", '|'));
        assertArrayEquals(new String[] {""}, Hl7Text.split("", '|'));
        assertArrayEquals(new String[] {"ADT", "A04", "ADT_A01"}, Hl7Text.split("ADT^A04^ADT_A01", '^'));
    }

    @Test
    public void aSenderWithItsOwnSeparatorsIsReadAsWell() {
        // A registration system that uses '#' between fields and '@' between components (MSH-1, MSH-2).
        Hl7Text.Header h = Hl7Text.header(Hl7Text.normalise(
                "MSH#@~\\&#REGSYS#GENHOSP#PAVILION#GENHOSP#20240601080000##ADT@A04@ADT_A01#MSG-0042#P#2.5.1@2.5#"
                        + "#####8859/1\nPID#1##H1001@@@HOSP@MR\n"));
        assertEquals('#', h.fieldSeparator());
        assertEquals("REGSYS", h.sendingApplication());
        assertEquals("ADT", h.messageType());
        assertEquals("A04", h.triggerEvent());
        assertEquals("MSG-0042", h.controlId());
        assertEquals("2.5.1", h.version());
        assertEquals("8859/1", h.characterSet());
    }

    @Test
    public void aHeaderEndingEarlyHasEmptyFields() {
        Hl7Text.Header h = Hl7Text.header("MSH|^~\\&|LAB||||||ORU\r");
        assertEquals("ORU", h.messageType());
        assertEquals("", h.triggerEvent());
        assertEquals("", h.controlId());
        assertEquals("", h.version());
    }
}
