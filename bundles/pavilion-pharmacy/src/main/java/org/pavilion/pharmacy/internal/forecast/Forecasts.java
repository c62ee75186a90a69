package org.pavilion.pharmacy.internal.forecast;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * Consumption forecasts of items in stores, from the ledger. History is the {@code forecastHistoryDays} complete
 * business days before today (today is still running); the forecast starts today. A store's items are read with one
 * query summed by item and day ({@link ConsumptionHistory}) and fitted one by one in memory, over the cores.
 */
@Component(service = Forecasts.class, configurationPid = PharmacyConfig.PID)
// No @Designate: PharmacyConfig's own pid designates it.
public class Forecasts {

    public static final int MAX_DAYS = 365;

    private final JpaTransactions jpa;
    private final Clock clock;
    private volatile ForecastSettings settings;

    @Activate
    public Forecasts(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StockLedger ledger, PharmacyConfig config) {
        this(emf, Clock.system(ledger.zone()), ForecastSettings.of(config));
    }

    /**
     * {@code clock}: today and the hospital's zone (tests pass a fixed one). A factory, not a second public
     * constructor of three arguments: SCR would try that one too and log its {@code Clock} as unsupported.
     */
    public static Forecasts of(EntityManagerFactory emf, Clock clock, ForecastSettings settings) {
        return new Forecasts(emf, clock, settings);
    }

    private Forecasts(EntityManagerFactory emf, Clock clock, ForecastSettings settings) {
        this.jpa = new JpaTransactions(emf);
        this.clock = clock;
        this.settings = settings;
    }

    @Modified
    void modified(PharmacyConfig config) {
        settings = ForecastSettings.of(config);
    }

    public ForecastSettings settings() {
        return settings;
    }

    /** The hospital's business day now. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * One item's forecast in one store for {@code days} days, with its backtest.
     *
     * @throws ProblemException 400 for days outside 1..365, 404 for an unknown store or item
     */
    public Forecast forecast(String storeCode, String itemCode, int days) {
        checkDays(days);
        ForecastSettings s = settings;
        LocalDate today = today();
        return jpa.call(em -> {
            requireStore(em, storeCode);
            ItemEntity item = em.find(ItemEntity.class, itemCode);
            if (item == null) {
                throw ProblemException.notFound("item", itemCode);
            }
            ConsumptionHistory.Series history = ConsumptionHistory.ofStore(em, storeCode, List.of(itemCode),
                    today.minusDays(s.historyDays()), today.minusDays(1)).get(itemCode);
            BigDecimal onHand = StockLedger.batches(em, storeCode, itemCode, today).stream()
                    .map(StockLedger.BatchStock::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            Projection p = Projection.of(history, today, onHand, reorderQuantities(em, storeCode)
                    .getOrDefault(itemCode, BigDecimal.ZERO), s, days, true);
            return Forecast.of(storeCode, itemCode, item.getUnitOfIssue(), p, days);
        });
    }

    /**
     * The forecasts of every item of the store that moved in the history window, has stock or a reorder rule
     * there, by item code: one query for the history, one for stock, one for rules.
     */
    public List<Forecast> forStore(String storeCode, int days) {
        checkDays(days);
        ForecastSettings s = settings;
        LocalDate today = today();
        return jpa.call(em -> {
            requireStore(em, storeCode);
            Map<String, BigDecimal> stock = ConsumptionHistory.usableStock(em, storeCode, today);
            Map<String, BigDecimal> rules = reorderQuantities(em, storeCode);
            Map<String, ConsumptionHistory.Series> history = ConsumptionHistory.ofStore(em, storeCode, null,
                    today.minusDays(s.historyDays()), today.minusDays(1));
            Map<String, String> units = units(em);
            TreeSet<String> items = new TreeSet<>(history.keySet());
            items.addAll(stock.keySet());
            items.addAll(rules.keySet());
            // The fits are independent and pure: spread over the cores, in item order.
            return new ArrayList<>(items).parallelStream().map(item -> Forecast.of(storeCode, item, units.get(item),
                    Projection.of(history.get(item), today, stock.getOrDefault(item, BigDecimal.ZERO),
                            rules.getOrDefault(item, BigDecimal.ZERO), s, days, true), days)).toList();
        });
    }

    /**
     * Projections of the named items of a store (no backtest), for the reorder suggestions: one query
     * for their history. {@code em} must be in a transaction.
     */
    public Map<String, Projection> project(EntityManager em, String storeCode, Collection<String> items,
            Map<String, BigDecimal> onHand, Map<String, BigDecimal> reorderQuantity) {
        ForecastSettings s = settings;
        LocalDate today = today();
        Map<String, ConsumptionHistory.Series> history = ConsumptionHistory.ofStore(em, storeCode, items,
                today.minusDays(s.historyDays()), today.minusDays(1));
        return new ArrayList<>(items).parallelStream().collect(Collectors.toConcurrentMap(item -> item,
                item -> Projection.of(history.get(item), today, onHand.getOrDefault(item, BigDecimal.ZERO),
                        reorderQuantity.getOrDefault(item, BigDecimal.ZERO), s, s.orderCoverDays(), false)));
    }

    private static void checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw ProblemException.validation("days must be between 1 and " + MAX_DAYS + ", not " + days);
        }
    }

    static void requireStore(EntityManager em, String storeCode) {
        if (storeCode == null || em.find(StoreEntity.class, storeCode) == null) {
            throw ProblemException.notFound("store", storeCode);
        }
    }

    private static Map<String, BigDecimal> reorderQuantities(EntityManager em, String storeCode) {
        Map<String, BigDecimal> rules = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT item_code, reorder_quantity FROM ph_item_store WHERE store_code = ?1")
                .setParameter(1, storeCode).getResultList()) {
            Object[] r = (Object[]) row;
            rules.put((String) r[0], r[1] instanceof BigDecimal b ? b : new BigDecimal(r[1].toString()));
        }
        return rules;
    }

    private static Map<String, String> units(EntityManager em) {
        Map<String, String> units = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT code, unit_of_issue FROM ph_item").getResultList()) {
            Object[] r = (Object[]) row;
            units.put((String) r[0], (String) r[1]);
        }
        return units;
    }
}
