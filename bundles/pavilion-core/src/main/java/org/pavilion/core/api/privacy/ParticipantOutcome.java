package org.pavilion.core.api.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a participant did in one operation, item by item, each with why: the lines of the erasure report and of a
 * merge's answer. Immutable; built with {@link #builder()}.
 */
@ProviderType
public final class ParticipantOutcome {

    /** What happened to a kind of data. */
    @ProviderType
    public enum Action { REPOINTED, REMOVED, ANONYMISED, KEPT }

    /**
     * One line: {@code count} rows (null when not counted) of {@code what} were handled by {@code action}, because
     * {@code why}.
     */
    @ProviderType
    public record Item(Action action, String what, Long count, String why) {
        public Item {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(why, "why");
        }
    }

    private final List<Item> items;

    private ParticipantOutcome(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    /** The items of one action, in the order they were added. */
    public List<Item> items(Action action) {
        return items.stream().filter(i -> i.action() == action).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return items.toString();
    }

    /** Collects the items of an outcome. */
    @ProviderType
    public static final class Builder {
        private final List<Item> items = new ArrayList<>();

        private Builder() {
        }

        public Builder add(Action action, String what, Long count, String why) {
            items.add(new Item(action, what, count, why));
            return this;
        }

        public Builder repointed(String what, long count, String why) {
            return add(Action.REPOINTED, what, count, why);
        }

        public Builder removed(String what, long count, String why) {
            return add(Action.REMOVED, what, count, why);
        }

        public Builder anonymised(String what, long count, String why) {
            return add(Action.ANONYMISED, what, count, why);
        }

        public Builder kept(String what, Long count, String why) {
            return add(Action.KEPT, what, count, why);
        }

        public ParticipantOutcome build() {
            return new ParticipantOutcome(items);
        }
    }
}
