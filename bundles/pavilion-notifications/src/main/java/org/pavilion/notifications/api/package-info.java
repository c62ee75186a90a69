/**
 * Notifications' exported API: the {@link org.pavilion.notifications.api.NotificationChannel} a vendor bundle registers
 * to add a channel (WhatsApp, a pager, a push service) next to the built-in EMAIL and SMS.
 */
@Export
@Version("1.0.0")
package org.pavilion.notifications.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
