package org.pavilion.emr.internal.record;

import javax.xml.ws.WebFault;

/** A business fault of the ClinicalRecord SOAP service, with the same problem type REST clients see. */
@WebFault(name = "ClinicalRecordFault", targetNamespace = ClinicalRecordSoap.NAMESPACE)
public class ClinicalRecordFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;

    public ClinicalRecordFault(String message, String problemType) {
        super(message);
        this.problemType = problemType;
    }

    public String getProblemType() {
        return problemType;
    }
}
