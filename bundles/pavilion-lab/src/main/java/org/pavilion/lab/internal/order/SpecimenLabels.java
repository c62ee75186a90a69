package org.pavilion.lab.internal.order;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;

/**
 * The tube label: the specimen id as a Code 128 barcode (what the analyser and the receiving bench scan), and under
 * it in plain text the id, the patient's MRN, the order number and the tests, for the nurse who checks the tube
 * against the wristband. Drawn with java.awt off screen (headless); 50 × 25 mm at 203 dpi, a common label printer.
 */
public final class SpecimenLabels {

    static final int WIDTH = 400;
    static final int HEIGHT = 200;
    private static final int BARS = 90;

    private SpecimenLabels() {
    }

    /** The label as PNG. */
    public static byte[] png(Specimens.Labelled l) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BitMatrix bars = new Code128Writer().encode(l.specimenId(), BarcodeFormat.CODE_128, WIDTH - 20, BARS,
                Map.of(EncodeHintType.MARGIN, 10));
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            int left = (WIDTH - bars.getWidth()) / 2;
            for (int x = 0; x < bars.getWidth(); x++) {
                if (bars.get(x, 0)) {
                    g.fillRect(left + x, 8, 1, BARS);
                }
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 18));
            g.drawString(l.specimenId() + "  " + l.specimenType(), 12, BARS + 30);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 15));
            g.drawString("MRN " + l.mrn(), 12, BARS + 52);
            g.drawString(l.orderNumber(), 12, BARS + 72);
            g.drawString(fit(String.join(" ", l.testCodes()), 44), 12, BARS + 92);
        } finally {
            g.dispose();
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
