package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.junit.Test;

/** The QR code on Chinwe's phone, read back as a kiosk's scanner would: it says her booking code and nothing else. */
public class BookingQrCodeTest {

    @Test
    public void aScannerReadsTheBookingCodeBack() throws Exception {
        String svg = BookingQrCode.svg("K7QX2MPA");
        assertTrue(svg, svg.startsWith("<svg") && svg.contains("Booking code K7QX2MPA"));
        assertEquals(BookingQrCode.PREFIX + "K7QX2MPA", decode(svg));
    }

    /** Rasterises the SVG's unit squares (4 pixels a module) and decodes it with ZXing's reader. */
    private static String decode(String svg) throws Exception {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(size.find());
        int w = Integer.parseInt(size.group(1));
        int h = Integer.parseInt(size.group(2));
        int scale = 4;
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int mx = Integer.parseInt(module.group(1));
            int my = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    image.setRGB(mx * scale + dx, my * scale + dy, 0);
                }
            }
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
