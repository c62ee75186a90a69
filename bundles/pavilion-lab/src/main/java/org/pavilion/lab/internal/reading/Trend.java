package org.pavilion.lab.internal.reading;

import java.util.ArrayList;
import java.util.List;

/**
 * One numeric test of one patient over time (docs/lab-api.md, trend): values in the test's unit, oldest first, with
 * the reference ranges to draw behind them.
 */
public class Trend {

    public String patientId;
    public String testCode;
    public String testName;
    public String unit;
    public List<Point> points = new ArrayList<>();
    /**
     * The reference range that applies to this patient (their sex and age on the latest point) to draw behind the
     * line; every range of the test when sex and age are unknown (no EMR), none when none applies.
     */
    public List<Range> ranges = new ArrayList<>();
    /** The range the lab applied to this patient (their sex and age) on the latest point; null without points. */
    public String referenceRange;

    /** One released value: when observed, the value in the test's unit, its flag. */
    public static class Point {
        public String at;
        public String value;
        public String flag;
        public boolean corrected;
    }

    /** A reference range of the catalogue; limits as decimal strings, null when the range has none. */
    public static class Range {
        public String sex;
        public Integer ageMinDays;
        public Integer ageMaxDays;
        public String low;
        public String high;
        public String criticalLow;
        public String criticalHigh;
    }
}
