package org.pavilion.billing.internal.charges;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.pavilion.billing.internal.BillingConfig;

/** A {@link BillingConfig} as DS would give it: the defaults, with the test's overrides. */
public final class Configs {

    private Configs() {
    }

    public static BillingConfig billing(Map<String, Object> overrides) {
        return (BillingConfig) Proxy.newProxyInstance(BillingConfig.class.getClassLoader(),
                new Class<?>[] {BillingConfig.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return BillingConfig.class;
                    }
                    return method.getDefaultValue();
                });
    }
}
