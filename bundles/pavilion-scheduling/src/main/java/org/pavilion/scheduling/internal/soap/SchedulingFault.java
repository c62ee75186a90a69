package org.pavilion.scheduling.internal.soap;

import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;

/** A business fault carrying what a REST client would see: the stable problem type, the HTTP status and the detail. */
@WebFault(name = "SchedulingFault", targetNamespace = SchedulingSoap.NAMESPACE)
public class SchedulingFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;
    private final int status;

    public SchedulingFault(String message, String problemType, int status) {
        super(message);
        this.problemType = problemType;
        this.status = status;
    }

    static SchedulingFault of(ProblemException e) {
        return new SchedulingFault(e.detail(), e.type(), e.status());
    }

    /** e.g. {@code urn:pavilion:problem:conflict}. */
    public String getProblemType() {
        return problemType;
    }

    /** 400, 403, 404 or 409, as the REST face answers. */
    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return getMessage();
    }
}
