package org.pavilion.pharmacy.internal.soap;

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

/**
 * SOAP at /api/soap/pharmacy for outside systems (a regional supply chain, a ward's legacy system): how much of an
 * item the hospital holds, per store and batch, under {@value #PRIVILEGE}. A {@link ProblemException} becomes a
 * {@link PharmacyStockFault} with the type and status a REST client would see.
 */
@Component(service = PharmacyStockSoap.class, property = Endpoints.SOAP_ADDRESS + "=/pharmacy")
@WebService(serviceName = "PharmacyStock", portName = "PharmacyStockPort", targetNamespace = PharmacyStockSoap.NAMESPACE)
public class PharmacyStockSoap {

    public static final String NAMESPACE = "urn:pavilion:pharmacy:stock:1";
    static final String PRIVILEGE = "pharmacy.soap.stock";

    private final StockOf stock;

    @Activate
    public PharmacyStockSoap(@Reference StockOf stock) {
        this.stock = stock;
    }

    /**
     * @param itemCode  a catalogue code (any case)
     * @param storeCode optional: one store; without it every store holding some of the item
     */
    @WebMethod
    @WebResult(name = "stock")
    @RequiresPrivilege(PRIVILEGE)
    public ItemStock stockOf(@WebParam(name = "itemCode") String itemCode,
            @WebParam(name = "storeCode") String storeCode) throws PharmacyStockFault {
        try {
            return stock.of(itemCode, storeCode);
        } catch (ProblemException e) {
            throw PharmacyStockFault.of(e);
        }
    }
}
