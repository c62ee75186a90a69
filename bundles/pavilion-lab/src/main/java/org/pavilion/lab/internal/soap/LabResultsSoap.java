package org.pavilion.lab.internal.soap;

import java.util.List;
import java.util.function.Supplier;

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
import org.pavilion.lab.internal.reading.OrderResults;
import org.pavilion.lab.internal.reading.PatientResults;
import org.pavilion.lab.internal.reading.ReadingDates;
import org.pavilion.lab.internal.result.ResultDto;

/**
 * SOAP at /api/soap/lab/LabResults for integrators' legacy systems: an order with its released results, and a
 * patient's released results by test and dates. It reads through the same parts as REST ({@link OrderResults},
 * {@link PatientResults}) under {@value #PRIVILEGE}, so patient access and audit are the same; a
 * {@link ProblemException} becomes a {@link LabResultsFault} with the same type and status.
 */
@Component(service = LabResultsSoap.class, property = Endpoints.SOAP_ADDRESS + "=/lab/LabResults")
@WebService(serviceName = "LabResults", portName = "LabResultsPort", targetNamespace = LabResultsSoap.NAMESPACE)
public class LabResultsSoap {

    public static final String NAMESPACE = "urn:pavilion:lab:v1";
    static final String PRIVILEGE = "lab.soap.results";

    private final OrderResults orders;
    private final PatientResults results;

    @Activate
    public LabResultsSoap(@Reference OrderResults orders, @Reference PatientResults results) {
        this.orders = orders;
        this.results = results;
    }

    @WebMethod
    @WebResult(name = "order")
    @RequiresPrivilege(PRIVILEGE)
    public OrderResults.OrderWithResults getOrder(@WebParam(name = "orderNumber") String orderNumber)
            throws LabResultsFault {
        return faults(() -> orders.byOrderNumber(orderNumber, PRIVILEGE));
    }

    /**
     * @param testCode optional: a catalogue code or a LOINC
     * @param fromDate optional: a day (UTC) or an instant, inclusive
     * @param toDate   optional: a day (UTC, the whole day) or an instant, inclusive
     */
    @WebMethod
    @WebResult(name = "result")
    @RequiresPrivilege(PRIVILEGE)
    public List<ResultDto> findResults(@WebParam(name = "mrn") String mrn, @WebParam(name = "testCode") String testCode,
            @WebParam(name = "fromDate") String fromDate, @WebParam(name = "toDate") String toDate)
            throws LabResultsFault {
        return faults(() -> {
            String test = testCode == null || testCode.isBlank() ? null : testCode.strip();
            return results.all(new PatientResults.Query(mrn, test, ReadingDates.window(fromDate, toDate), null),
                    PRIVILEGE);
        });
    }

    /** Runs one operation; a problem becomes the fault an integrator can switch on. */
    private static <T> T faults(Supplier<T> work) throws LabResultsFault {
        try {
            return work.get();
        } catch (ProblemException e) {
            throw LabResultsFault.of(e);
        }
    }
}
