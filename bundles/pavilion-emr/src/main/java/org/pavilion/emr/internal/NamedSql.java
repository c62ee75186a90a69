package org.pavilion.emr.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * SQL written with {@code :name} parameters (as the search builds its conditions), turned into a JDBC statement:
 * each {@code :name} becomes {@code ?}, a collection value becomes {@code (?, ?, ...)} for {@code IN}. Names are
 * letters, digits and underscores; a name without a value is an error, so a typo cannot silently match nothing.
 */
final class NamedSql {

    final String sql;
    final List<Object> values;

    private NamedSql(String sql, List<Object> values) {
        this.sql = sql;
        this.values = values;
    }

    static NamedSql of(String named, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(named.length());
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < named.length()) {
            char c = named.charAt(i);
            if (c == '\'') { // copy a string literal as it is
                int end = named.indexOf('\'', i + 1);
                end = end < 0 ? named.length() - 1 : end;
                sql.append(named, i, end + 1);
                i = end + 1;
                continue;
            }
            if (c == ':' && i + 1 < named.length() && Character.isJavaIdentifierStart(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < named.length() && Character.isJavaIdentifierPart(named.charAt(end))) {
                    end++;
                }
                String name = named.substring(i + 1, end);
                if (!params.containsKey(name)) {
                    throw new IllegalArgumentException("No value for :" + name + " in " + named);
                }
                Object value = params.get(name);
                if (value instanceof Collection<?> list) {
                    sql.append('(');
                    int k = 0;
                    for (Object v : list) {
                        sql.append(k++ == 0 ? "?" : ", ?");
                        values.add(v);
                    }
                    sql.append(')');
                } else {
                    sql.append('?');
                    values.add(value);
                }
                i = end;
                continue;
            }
            sql.append(c);
            i++;
        }
        return new NamedSql(sql.toString(), values);
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
        return ps;
    }
}
