package org.pavilion.billing.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.insurance.Coverages;
import org.pavilion.billing.internal.money.LineAmounts;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.scheduling.api.VisitCostEstimator;

/**
 * Scheduling's {@link VisitCostEstimator} from billing's price list: the consultation fee of a visit (the directory, a
 * booking) and, for a known patient, its split by the patient's active policy on the visit's day.
 *
 * <p>The only class of the bundle that names a scheduling type (the import is optional): a delayed component, so SCR
 * registers the service by name and loads this class only when scheduling asks for it, which it can only do while it
 * is installed.
 */
@Component(service = VisitCostEstimator.class)
public class BillingVisitEstimator implements VisitCostEstimator {

    private final PriceListService prices;
    private final JpaTransactions jpa;

    /** The insurance part's rules; without them an estimate is the fee alone (no shares). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Coverages coverages;

    @Activate
    public BillingVisitEstimator(@Reference PriceListService prices,
            @Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf) {
        this.prices = prices;
        this.jpa = new JpaTransactions(emf);
    }

    /** For tests on BillingDatabase. */
    public BillingVisitEstimator(PriceListService prices, EntityManagerFactory emf, Coverages coverages) {
        this(prices, emf);
        this.coverages = coverages;
    }

    @Override
    public Optional<Estimate> consultationFee(Visit visit) {
        return fee(visit).map(f -> new Estimate(f.gross, null, null, f.price.currency(), f.price.name()));
    }

    @Override
    public Optional<Estimate> estimate(Visit visit) {
        Optional<Fee> fee = fee(visit);
        Coverages rules = coverages;
        if (fee.isEmpty() || visit.patientId() == null || visit.patientId().isBlank() || rules == null) {
            return fee.map(f -> new Estimate(f.gross, null, null, f.price.currency(), f.price.name()
                    + (rules == null && visit.patientId() != null ? "; insurance not known" : "")));
        }
        Fee f = fee.get();
        // the one query of an estimate: the patient's active policy (and what its plan has paid this year)
        Optional<Coverages.Split> split = jpa.call(em -> rules.split(em, visit.patientId(), f.day,
                List.of(new Coverages.Item(f.price.category(), f.gross)), f.price.currency()));
        if (split.isEmpty()) {
            return Optional.of(new Estimate(f.gross, null, null, f.price.currency(), f.price.name()
                    + "; no active insurance policy"));
        }
        Coverages.Share share = split.get().shares().get(0);
        return Optional.of(new Estimate(f.gross, share.insurance(), share.patient(), f.price.currency(),
                f.price.name() + "; " + split.get().insurerCode() + " plan " + split.get().planCode()
                        + " (estimate: the invoice may differ)"));
    }

    private record Fee(PriceList.Price price, BigDecimal gross, LocalDate day) {
    }

    /** The consultation price of the visit's day, as one invoice line of quantity 1 would charge it (with tax). */
    private Optional<Fee> fee(Visit visit) {
        LocalDate day = visit.date() == null ? prices.today() : visit.date();
        return prices.consultation(visit.doctorId(), visit.specialty(), visit.serviceCode(), day)
                .map(p -> new Fee(p, LineAmounts.of(BigDecimal.ONE, p.unitPrice(), BigDecimal.ZERO, p.taxRate(),
                        p.currency()).gross(), day));
    }
}
