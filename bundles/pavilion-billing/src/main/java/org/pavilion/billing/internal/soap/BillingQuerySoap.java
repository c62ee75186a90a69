package org.pavilion.billing.internal.soap;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * SOAP at /api/soap/billing for the hospital's finance systems: issued invoices and claims by number, a patient's
 * invoices, claims by status and period, under {@value #PRIVILEGE}. An account that passed it reads as billing staff
 * do ({@link PatientGate#VIEW} granted for the call, so the EMR's PatientAccess decides and audits as for the desk). A
 * {@link ProblemException} becomes a {@link BillingQueryFault} with the type and status a REST client would see.
 */
@Component(service = BillingQuerySoap.class, property = Endpoints.SOAP_ADDRESS + "=/billing")
@WebService(serviceName = "BillingQuery", portName = "BillingQueryPort", targetNamespace = BillingQuerySoap.NAMESPACE)
public class BillingQuerySoap {

    public static final String NAMESPACE = "urn:pavilion:billing:query:1";
    static final String PRIVILEGE = "billing.soap.query";
    /** What billing staff hold to read invoices and claims, granted to an account that passed {@link #PRIVILEGE}. */
    private static final Set<String> STAFF_VIEW = Set.of(PatientGate.VIEW);

    private final BillingQueries queries;

    @Activate
    public BillingQuerySoap(@Reference BillingQueries queries) {
        this.queries = queries;
    }

    /** An issued invoice or credit note ({@code INV-2026-000042}, {@code CN-...}) with its lines. */
    @WebMethod
    @WebResult(name = "invoice")
    @RequiresPrivilege(PRIVILEGE)
    public InvoiceRecord getInvoice(@WebParam(name = "number") String number) throws BillingQueryFault {
        return faults(() -> queries.invoice(number));
    }

    /** The patient's issued invoices and credit notes, newest first, without lines. */
    @WebMethod
    @WebResult(name = "invoice")
    @RequiresPrivilege(PRIVILEGE)
    public List<InvoiceRecord> listPatientInvoices(@WebParam(name = "mrn") String mrn) throws BillingQueryFault {
        return faults(() -> queries.patientInvoices(mrn));
    }

    /** A claim ({@code CLM-2026-000007}). */
    @WebMethod
    @WebResult(name = "claim")
    @RequiresPrivilege(PRIVILEGE)
    public ClaimRecord getClaim(@WebParam(name = "number") String number) throws BillingQueryFault {
        return faults(() -> queries.claim(number));
    }

    /**
     * Claims submitted from {@code from} to {@code to} (yyyy-MM-dd, included; default this month) of one
     * {@code status} (SUBMITTED, APPROVED, PARTLY_APPROVED, DENIED, ERROR) or all, oldest first.
     */
    @WebMethod
    @WebResult(name = "claim")
    @RequiresPrivilege(PRIVILEGE)
    public List<ClaimRecord> listClaims(@WebParam(name = "status") String status, @WebParam(name = "from") String from,
            @WebParam(name = "to") String to) throws BillingQueryFault {
        return faults(() -> queries.claims(status, from, to));
    }

    /** Runs one operation as billing staff would; a problem becomes the fault an integrator can switch on. */
    private static <T> T faults(Callable<T> work) throws BillingQueryFault {
        try {
            return CallerContext.runAs(CallerContext.currentWith(STAFF_VIEW, "soap"), work);
        } catch (ProblemException e) {
            throw BillingQueryFault.of(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
