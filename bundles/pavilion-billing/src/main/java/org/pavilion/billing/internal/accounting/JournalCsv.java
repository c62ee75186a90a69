package org.pavilion.billing.internal.accounting;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 text of the journal export: CRLF line ends, a field quoted (its quotes doubled) only when it holds a comma,
 * a quote or a line break, an absent value an empty field. Finance systems import it as it is.
 */
public final class JournalCsv {

    public static final List<String> HEADER = List.of("seq", "day", "kind", "reference", "account", "account_name",
            "debit", "credit", "department", "doctor");

    private final Writer out;

    public JournalCsv(Writer out) {
        this.out = out;
    }

    /** Writes one record of {@code fields} (null as an empty field). */
    public void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
