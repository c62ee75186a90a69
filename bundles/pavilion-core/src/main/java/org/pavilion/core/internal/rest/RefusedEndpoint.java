package org.pavilion.core.internal.rest;

import java.util.List;

/** An endpoint the platform refused to publish, and why (deny by default: a method naming no known privilege). */
public record RefusedEndpoint(long bundleId, String address, List<String> reasons) {
}
