package org.pavilion.core.api.soap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A SOAP business fault carrying what a REST client would see: the stable problem type, the HTTP status and the
 * detail. A department's fault extends it and keeps its own {@code @WebFault} name and namespace. CXF builds the fault
 * element from the public getters, these inherited ones included, in an order the JVM chooses: the subclass pins its
 * published order with {@code @XmlType(name, namespace, propOrder)} so its WSDL stays as it was.
 */
@ProviderType
public abstract class ProblemFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problemType;
    private final int status;

    protected ProblemFault(String message, String problemType, int status) {
        super(message);
        this.problemType = problemType;
        this.status = status;
    }

    /** e.g. {@code urn:pavilion:problem:not-found}. */
    public String getProblemType() {
        return problemType;
    }

    /** The status the REST face answers with the same problem (400, 403, 404, 409...). */
    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return getMessage();
    }
}
