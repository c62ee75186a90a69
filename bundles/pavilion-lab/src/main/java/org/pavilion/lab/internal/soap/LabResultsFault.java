package org.pavilion.lab.internal.soap;

import javax.xml.ws.WebFault;

import org.pavilion.core.api.rest.ProblemException;

/** A business fault carrying what a REST client would see: the stable problem type, the HTTP status and the detail. */
@WebFault(name = "LabResultsFault", targetNamespace = LabResultsSoap.NAMESPACE)
public class LabResultsFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;
    private final int status;

    public LabResultsFault(String message, String problemType, int status) {
        super(message);
        this.problemType = problemType;
        this.status = status;
    }

    static LabResultsFault of(ProblemException e) {
        return new LabResultsFault(e.detail(), e.type(), e.status());
    }

    /** e.g. {@code urn:pavilion:problem:not-found}. */
    public String getProblemType() {
        return problemType;
    }

    /** 400, 403 or 404, as the REST face answers. */
    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return getMessage();
    }
}
