package org.pavilion.lab.internal.result;

/** The JSON body of an entry or a correction: {@code {value, unit, comment, reason}} (reason: corrections). */
public class ResultBody {
    public String value;
    public String unit;
    public String comment;
    public String reason;
}
