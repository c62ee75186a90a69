package org.pavilion.notifications.internal.rules;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.ExtendCode;
import com.github.mustachejava.codes.PartialCode;

/** Compiles message templates (plain text: nothing escaped, no partials) and tells which fields they name. */
final class Mustaches {

    /** A template that compiled, and the field names it uses (first segment of a dotted name). */
    record Compiled(Mustache mustache, Set<String> fields) {

        String render(Map<String, Object> data) {
            StringWriter out = new StringWriter();
            mustache.execute(out, data);
            return out.toString();
        }
    }

    /** Thrown for a template that does not compile, with a message fit for a 422. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Messages are plain text (e-mail text/plain, SMS): values are written as they are, never HTML-escaped. */
    private static final class PlainTextFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final DefaultMustacheFactory FACTORY = new PlainTextFactory();

    private Mustaches() {
    }

    static Compiled compile(String name, String text) throws Invalid {
        Mustache m;
        try {
            m = FACTORY.compile(new StringReader(text), name);
        } catch (MustacheException | IllegalArgumentException e) {
            throw new Invalid(name + " does not compile: " + rootMessage(e));
        }
        Set<String> fields = new LinkedHashSet<>();
        collect(m.getCodes(), fields, name);
        return new Compiled(m, Set.copyOf(fields));
    }

    private static void collect(Code[] codes, Set<String> into, String name) throws Invalid {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof PartialCode || code instanceof ExtendCode) {
                // a partial would be looked up on the bundle's class path: templates are self-contained
                throw new Invalid(name + " uses a partial ({{>" + code.getName() + "}}), which messages do not support");
            }
            if (!(code instanceof CommentCode) && code.getName() != null && !code.getName().isBlank()
                    && !".".equals(code.getName())) {
                String n = code.getName().strip();
                int dot = n.indexOf('.');
                into.add(dot > 0 ? n.substring(0, dot) : n);
            }
            collect(code.getCodes(), into, name);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
