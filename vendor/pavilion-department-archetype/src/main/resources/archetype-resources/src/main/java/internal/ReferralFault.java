package ${package}.internal;

import javax.xml.ws.WebFault;

/** A business fault carrying the same stable problem type REST clients see. */
@WebFault(name = "ReferralFault", targetNamespace = ReferralSoap.NAMESPACE)
public class ReferralFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;

    public ReferralFault(String message, String problemType) {
        super(message);
        this.problemType = problemType;
    }

    public String getProblemType() {
        return problemType;
    }
}
