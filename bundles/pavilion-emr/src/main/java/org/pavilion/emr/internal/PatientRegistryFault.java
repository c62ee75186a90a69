package org.pavilion.emr.internal;

import javax.xml.ws.WebFault;

/** A business fault with the same stable problem type REST clients see. */
@WebFault(name = "PatientRegistryFault", targetNamespace = PatientRegistrySoap.NAMESPACE)
public class PatientRegistryFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;

    public PatientRegistryFault(String message, String problemType) {
        super(message);
        this.problemType = problemType;
    }

    public String getProblemType() {
        return problemType;
    }
}
