package org.pavilion.scheduling.internal.soap;

import javax.xml.bind.annotation.XmlType;
import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.soap.ProblemFault;

/**
 * The scheduling service business fault (400, 403, 404 or 409, as the REST face answers, e.g.
 * {@code urn:pavilion:problem:conflict}). Its element order pins the one this service has always published.
 */
@WebFault(name = "SchedulingFault", targetNamespace = SchedulingSoap.NAMESPACE)
@XmlType(name = "SchedulingFault", namespace = SchedulingSoap.NAMESPACE,
        propOrder = {"detail", "problemType", "status", "message"})
public class SchedulingFault extends ProblemFault {

    private static final long serialVersionUID = 1L;

    public SchedulingFault(String message, String problemType, int status) {
        super(message, problemType, status);
    }

    static SchedulingFault of(ProblemException e) {
        return new SchedulingFault(e.detail(), e.type(), e.status());
    }
}
