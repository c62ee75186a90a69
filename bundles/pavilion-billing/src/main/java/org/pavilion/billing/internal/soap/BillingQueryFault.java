package org.pavilion.billing.internal.soap;

import javax.xml.bind.annotation.XmlType;
import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.soap.ProblemFault;

/**
 * The BillingQuery business fault (400, 403, 404 or 422, as the REST face answers, e.g.
 * {@code urn:pavilion:problem:not-found}). Its element order is pinned so the WSDL stays as published.
 */
@WebFault(name = "BillingQueryFault", targetNamespace = BillingQuerySoap.NAMESPACE)
@XmlType(name = "BillingQueryFault", namespace = BillingQuerySoap.NAMESPACE,
        propOrder = {"status", "problemType", "detail", "message"})
public class BillingQueryFault extends ProblemFault {

    private static final long serialVersionUID = 1L;

    public BillingQueryFault(String message, String problemType, int status) {
        super(message, problemType, status);
    }

    static BillingQueryFault of(ProblemException e) {
        return new BillingQueryFault(e.detail(), e.type(), e.status());
    }
}
