package org.pavilion.scheduling.internal.booking;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The booking code as a QR code in SVG, for the patient's phone or a printed letter: a kiosk's scanner reads it and
 * checks in with {@code POST /api/v1/scheduling/check-in}. The code alone, nothing about the patient or the visit,
 * so a photo of the screen tells a stranger nothing.
 */
public final class BookingQrCode {

    /** What the QR code says: a scheme the kiosk recognises, then the code. */
    public static final String PREFIX = "PAVILION-CHECKIN:";

    private BookingQrCode() {
    }

    /** An SVG drawing of the QR code, one square per dark module, with the standard quiet zone of 4 modules. */
    public static String svg(String bookingCode) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(PREFIX + bookingCode, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException("a booking code always fits a QR code", e);
        }
        int w = m.getWidth();
        int h = m.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w * 6
                + "\" height=\"" + h * 6 + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Booking code "
                + bookingCode + "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                + path + "\"/></svg>";
    }
}
