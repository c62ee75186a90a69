package org.pavilion.billing.internal.documents;

import javax.ws.rs.core.Response;

/** How a PDF is answered: application/pdf, shown inline under its document number. */
public final class Pdfs {

    public static final String MEDIA_TYPE = "application/pdf";

    private Pdfs() {
    }

    public static Response response(Documents.Pdf pdf) {
        return Response.ok(pdf.bytes(), MEDIA_TYPE)
                .header("Content-Disposition", "inline; filename=\"" + pdf.fileName() + "\"").build();
    }
}
