package org.pavilion.lab.internal.soap;

import javax.xml.bind.annotation.XmlType;
import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.soap.ProblemFault;

/**
 * The lab results service business fault (400, 403 or 404, as the REST face answers, e.g.
 * {@code urn:pavilion:problem:not-found}). Its element order pins the one this service has always published.
 */
@WebFault(name = "LabResultsFault", targetNamespace = LabResultsSoap.NAMESPACE)
@XmlType(name = "LabResultsFault", namespace = LabResultsSoap.NAMESPACE,
        propOrder = {"problemType", "status", "detail", "message"})
public class LabResultsFault extends ProblemFault {

    private static final long serialVersionUID = 1L;

    public LabResultsFault(String message, String problemType, int status) {
        super(message, problemType, status);
    }

    static LabResultsFault of(ProblemException e) {
        return new LabResultsFault(e.detail(), e.type(), e.status());
    }
}
