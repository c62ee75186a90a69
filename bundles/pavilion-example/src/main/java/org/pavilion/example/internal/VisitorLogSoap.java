package org.pavilion.example.internal;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.RequiresPrivilege;

/** SOAP at /api/soap/example/VisitorLog for legacy gate systems. A ProblemException becomes a SOAP fault. */
@Component(service = VisitorLogSoap.class, property = Endpoints.SOAP_ADDRESS + "=/example/VisitorLog")
@WebService(serviceName = "VisitorLog", portName = "VisitorLogPort", targetNamespace = VisitorLogSoap.NAMESPACE)
public class VisitorLogSoap {

    public static final String NAMESPACE = "urn:pavilion:example:v1";

    private final VisitService visits;

    @Activate
    public VisitorLogSoap(@Reference VisitService visits) {
        this.visits = visits;
    }

    @WebMethod
    @WebResult(name = "visit")
    @RequiresPrivilege("example.visitor-log.check-in")
    public Visit checkIn(@WebParam(name = "checkIn") CheckIn checkIn) throws VisitorLogFault {
        try {
            return visits.checkIn(checkIn);
        } catch (ProblemException e) {
            throw new VisitorLogFault(e.getMessage(), e.type());
        }
    }

    @WebMethod
    @WebResult(name = "visit")
    @RequiresPrivilege("example.visitor-log.view")
    public Visit getVisit(@WebParam(name = "id") String id) throws VisitorLogFault {
        try {
            return visits.get(id, VisitService.SOAP_VIEW);
        } catch (ProblemException e) {
            throw new VisitorLogFault(e.getMessage(), e.type());
        }
    }
}
