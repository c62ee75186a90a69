package org.pavilion.notifications.internal.channels.sms;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.pavilion.notifications.api.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code SMS} {@link NotificationChannel} while a gateway URL is configured, anew on every change;
 * without one there is no channel and SMS stay queued.
 */
@Component(service = {}, immediate = true, configurationPid = SmsConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
// No @Designate: SmsConfig's own pid designates it (bnd refuses a second designate of a pid).
public class SmsChannelRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(SmsChannelRegistration.class);

    private final BundleContext context;
    private ServiceRegistration<NotificationChannel> registration;
    private SmsGatewayChannel channel;

    @Activate
    public SmsChannelRegistration(BundleContext context, SmsConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    synchronized void apply(SmsConfig config) {
        withdraw();
        SmsSettings settings = SmsSettings.from(config);
        if (!settings.enabled()) {
            LOG.info("SMS channel off (no gateway url in {}.cfg): SMS stay queued", SmsConfig.PID);
            return;
        }
        try {
            channel = new SmsGatewayChannel(settings);
        } catch (IllegalArgumentException e) {
            LOG.error("SMS channel off: the gateway url in {}.cfg is not a valid URL ({})", SmsConfig.PID,
                    e.getMessage());
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NotificationChannel.CHANNEL_PROPERTY, SmsGatewayChannel.NAME);
        registration = context.registerService(NotificationChannel.class, channel, props);
        LOG.info("SMS channel on: {}", settings);
    }

    @Deactivate
    synchronized void withdraw() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
