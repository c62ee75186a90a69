package org.pavilion.notifications.internal.channels.email;

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
 * Registers the {@code EMAIL} {@link NotificationChannel} while an SMTP host is configured, and registers it anew when
 * the configuration changes; without a host there is no channel and the dispatcher leaves e-mail queued.
 */
@Component(service = {}, immediate = true, configurationPid = EmailConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
// No @Designate: EmailConfig's own pid designates it (bnd refuses a second designate of a pid).
public class EmailChannelRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannelRegistration.class);

    private final BundleContext context;
    private ServiceRegistration<NotificationChannel> registration;

    @Activate
    public EmailChannelRegistration(BundleContext context, EmailConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    synchronized void apply(EmailConfig config) {
        withdraw();
        SmtpSettings settings = SmtpSettings.from(config);
        if (!settings.enabled()) {
            LOG.info("E-mail channel off (no SMTP host in {}.cfg): e-mail stays queued", EmailConfig.PID);
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NotificationChannel.CHANNEL_PROPERTY, EmailChannel.NAME);
        registration = context.registerService(NotificationChannel.class, new EmailChannel(settings), props);
        LOG.info("E-mail channel on: {}", settings);
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
    }
}
