package org.pavilion.billing.internal.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * A4 pages written top to bottom: lines of text and table rows whose columns are left or right aligned; a new page
 * when the current one is full. The font is PDFBox's own Liberation Sans, embedded (subset): any Latin name prints,
 * and no system font is looked up (PDFBox's standard-14 fonts scan the system's fonts on first use, seconds long).
 * Bold is the same font stroked. Characters the font has no glyph for print as '?'.
 */
final class PdfSheet implements AutoCloseable {

    static final float MARGIN = 36;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    /** A table column: where it starts, how wide it is, right aligned (amounts) or not. */
    record Column(float x, float width, boolean right) {
    }

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private PDPageContentStream page;
    private float y;

    PdfSheet() {
        try (java.io.InputStream in = PDDocument.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox's " + FONT + " is missing");
            }
            font = PDType0Font.load(doc, in, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newPage();
    }

    /** A line of text at the left margin. */
    PdfSheet line(String text, float size, boolean strong) {
        room(size * 1.5f);
        show(MARGIN, y, text, size, strong);
        y -= size * 1.5f;
        return this;
    }

    /** Empty space. */
    PdfSheet gap(float points) {
        y -= points;
        return this;
    }

    /** A table row: one cell per column, cut to the column's width. */
    PdfSheet row(Column[] columns, String[] cells, float size, boolean strong) {
        room(size * 1.4f);
        for (int n = 0; n < columns.length; n++) {
            Column c = columns[n];
            String text = fit(cells[n] == null ? "" : cells[n], c.width() - 2, size, strong);
            float x = c.right() ? MARGIN + c.x() + c.width() - 2 - width(text, size, strong) : MARGIN + c.x();
            show(x, y, text, size, strong);
        }
        y -= size * 1.4f;
        return this;
    }

    /** A label and an amount, the amount right aligned at the right margin (totals). */
    PdfSheet total(String label, String amount, float size, boolean strong) {
        room(size * 1.5f);
        show(MARGIN + WIDTH * 0.5f, y, label, size, strong);
        String a = clean(amount);
        show(MARGIN + WIDTH - width(a, size, strong), y, a, size, strong);
        y -= size * 1.5f;
        return this;
    }

    /** A rule across the page. */
    PdfSheet rule() {
        room(8);
        try { // below the previous line's descenders
            page.moveTo(MARGIN, y - 1);
            page.lineTo(MARGIN + WIDTH, y - 1);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= 5;
        return this;
    }

    byte[] bytes() {
        try {
            page.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void room(float needed) {
        if (y - needed < MARGIN) {
            try {
                page.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            newPage();
        }
    }

    private void newPage() {
        PDPage p = new PDPage(PDRectangle.A4);
        doc.addPage(p);
        try {
            page = new PDPageContentStream(doc, p);
            page.setLineWidth(0.5f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void show(float x, float atY, String text, float size, boolean strong) {
        try {
            page.beginText();
            page.setFont(font, size);
            page.setRenderingMode(strong ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            page.newLineAtOffset(x, atY - size);
            page.showText(clean(text));
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String fit(String text, float max, float size, boolean strong) {
        String t = clean(text);
        if (width(t, size, strong) <= max) {
            return t;
        }
        while (t.length() > 1 && width(t + "...", size, strong) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    private float width(String text, float size, boolean strong) {
        try {
            return font.getStringWidth(clean(text)) / 1000 * size * (strong ? 1.03f : 1f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with what the font has no glyph for replaced by '?'. */
    private String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = Character.isWhitespace(cp) ? " " : new String(Character.toChars(cp));
            try {
                font.encode(ch);
                b.append(ch);
            } catch (IllegalArgumentException | IOException unknown) {
                b.append('?');
            }
        });
        return b.toString();
    }
}
