package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import javax.persistence.Column;

import org.junit.Test;

/**
 * New patients are written with plain JDBC (NewPatientRows), not by OpenJPA from the entity's mapping: a column
 * added to PatientEntity and forgotten in the INSERT would register patients without it.
 */
public class NewPatientRowsTest {

    @Test
    public void theInsertWritesEveryMappedColumnOnce() {
        List<String> mapped = new ArrayList<>();
        for (Field f : PatientEntity.class.getDeclaredFields()) {
            Column c = f.getAnnotation(Column.class);
            if (c != null) {
                mapped.add(c.name());
            }
        }
        String sql = NewPatientRows.INSERT;
        String columnList = sql.substring(sql.indexOf('(') + 1, sql.indexOf(')'));
        List<String> written = Arrays.stream(columnList.split(",")).map(String::strip).toList();
        assertEquals(new TreeSet<>(mapped), new TreeSet<>(written));
        assertEquals("each column once", mapped.size(), written.size());
        String values = sql.substring(sql.indexOf("VALUES"));
        assertEquals("a parameter per column", written.size(), values.chars().filter(ch -> ch == '?').count());
    }
}
