package org.pavilion.pharmacy.internal.soap;

import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;

/** A business fault carrying what a REST client would see: the stable problem type, the HTTP status and the detail. */
@WebFault(name = "PharmacyStockFault", targetNamespace = PharmacyStockSoap.NAMESPACE)
public class PharmacyStockFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;
    private final int status;

    public PharmacyStockFault(String message, String problemType, int status) {
        super(message);
        this.problemType = problemType;
        this.status = status;
    }

    static PharmacyStockFault of(ProblemException e) {
        return new PharmacyStockFault(e.detail(), e.type(), e.status());
    }

    /** e.g. {@code urn:pavilion:problem:not-found}. */
    public String getProblemType() {
        return problemType;
    }

    /** 400 or 404, as the REST face answers. */
    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return getMessage();
    }
}
