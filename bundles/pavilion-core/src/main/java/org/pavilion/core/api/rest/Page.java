package org.pavilion.core.api.rest;

import java.util.List;
import java.util.function.LongSupplier;
import org.osgi.annotation.versioning.ProviderType;

/** One page of a list answer: {@code ?page=} is zero-based, {@code ?size=} at most {@link #MAX_SIZE}. */
@ProviderType
public final class Page<T> {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    private final List<T> items;
    private final int page;
    private final int size;
    private final long total;

    public Page(List<T> items, int page, int size, long total) {
        this.items = List.copyOf(items);
        this.page = page;
        this.size = size;
        this.total = total;
    }

    /**
     * The page of one paged query, counting only when the rows cannot tell the total: a separate COUNT may see rows
     * committed after the page was read, so a partial page's own rows give a total that agrees with its items.
     *
     * @param count the matching rows, asked only for a full page or an empty one beyond the first
     */
    public static <T> Page<T> of(List<T> items, int page, int size, LongSupplier count) {
        long shown = (long) page * size + items.size();
        if (items.size() < size && (page == 0 || !items.isEmpty())) {
            return new Page<>(items, page, size, shown);
        }
        // a full page proves at least the rows up to its end; an empty one beyond the first proves none
        long counted = count.getAsLong();
        return new Page<>(items, page, size, items.isEmpty() ? counted : Math.max(counted, shown));
    }

    /** Checks page parameters, answering 400 for nonsense rather than guessing. */
    public static void validate(int page, int size) {
        if (page < 0) {
            throw ProblemException.validation("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.validation("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    public List<T> getItems() { return items; }
    public int getPage() { return page; }
    public int getSize() { return size; }
    public long getTotal() { return total; }
}
