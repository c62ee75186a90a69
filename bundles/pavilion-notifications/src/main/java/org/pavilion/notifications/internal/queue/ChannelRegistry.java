package org.pavilion.notifications.internal.queue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.notifications.api.NotificationChannel;

/**
 * The installed channels by name: the built-in EMAIL and SMS and vendors' ones come and go as their services do. The
 * name is the service property {@value NotificationChannel#CHANNEL_PROPERTY}, else the channel's own {@code name()}.
 */
@Component(service = ChannelRegistry.class)
public class ChannelRegistry {

    private final Map<String, NotificationChannel> channels = new ConcurrentHashMap<>();

    public ChannelRegistry() {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addChannel(NotificationChannel channel, Map<String, Object> properties) {
        channels.put(nameOf(channel, properties), channel);
    }

    public void removeChannel(NotificationChannel channel, Map<String, Object> properties) {
        channels.remove(nameOf(channel, properties), channel);
    }

    /** Installs {@code channel} under its own name (tests). */
    public ChannelRegistry with(NotificationChannel channel) {
        addChannel(channel, Map.of());
        return this;
    }

    public Optional<NotificationChannel> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** A snapshot, sorted by name. */
    public Map<String, NotificationChannel> installed() {
        return new TreeMap<>(channels);
    }

    private static String nameOf(NotificationChannel channel, Map<String, Object> properties) {
        Object name = properties.get(NotificationChannel.CHANNEL_PROPERTY);
        return name != null ? name.toString() : channel.name();
    }
}
