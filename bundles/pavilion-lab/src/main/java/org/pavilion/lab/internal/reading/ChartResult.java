package org.pavilion.lab.internal.reading;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.pavilion.lab.internal.result.ResultDto;

/**
 * A result as the chart and the portal show it: the current released value, and when it corrects earlier ones the
 * values it replaced in {@link #history}, newest first, so a doctor sees what changed.
 */
public class ChartResult extends ResultDto {

    /** The superseded results this one corrects, newest first; empty when it corrects nothing. */
    public List<ResultDto> history = new ArrayList<>();

    /** A copy of {@code current}'s fields (every public field of the shared Result shape, so none is forgotten). */
    static ChartResult of(ResultDto current) {
        ChartResult c = new ChartResult();
        try {
            for (Field f : ResultDto.class.getFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    f.set(c, f.get(current));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("ResultDto's fields are public", e);
        }
        return c;
    }
}
