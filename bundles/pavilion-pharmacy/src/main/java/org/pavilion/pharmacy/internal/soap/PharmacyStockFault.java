package org.pavilion.pharmacy.internal.soap;

import javax.xml.bind.annotation.XmlType;
import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.soap.ProblemFault;

/**
 * The pharmacy stock service business fault (400 or 404, as the REST face answers, e.g.
 * {@code urn:pavilion:problem:not-found}). Its element order pins the one this service has always published.
 */
@WebFault(name = "PharmacyStockFault", targetNamespace = PharmacyStockSoap.NAMESPACE)
@XmlType(name = "PharmacyStockFault", namespace = PharmacyStockSoap.NAMESPACE,
        propOrder = {"status", "problemType", "detail", "message"})
public class PharmacyStockFault extends ProblemFault {

    private static final long serialVersionUID = 1L;

    public PharmacyStockFault(String message, String problemType, int status) {
        super(message, problemType, status);
    }

    static PharmacyStockFault of(ProblemException e) {
        return new PharmacyStockFault(e.detail(), e.type(), e.status());
    }
}
