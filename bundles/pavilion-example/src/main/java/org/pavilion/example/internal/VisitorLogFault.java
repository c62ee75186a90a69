package org.pavilion.example.internal;

import javax.xml.ws.WebFault;

/** A business fault with the same stable problem type REST clients see. */
@WebFault(name = "VisitorLogFault", targetNamespace = VisitorLogSoap.NAMESPACE)
public class VisitorLogFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;

    public VisitorLogFault(String message, String problemType) {
        super(message);
        this.problemType = problemType;
    }

    public String getProblemType() {
        return problemType;
    }
}
