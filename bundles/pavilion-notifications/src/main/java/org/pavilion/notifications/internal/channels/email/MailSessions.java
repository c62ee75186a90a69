package org.pavilion.notifications.internal.channels.email;

import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.mail.Session;

/**
 * Jakarta Mail finds its providers (Angus' SMTP and IMAP) through the thread context class loader; in OSGi that is not
 * this bundle's, so sessions are made, and mail sent and read, with this bundle's class loader as the context.
 */
public final class MailSessions {

    private MailSessions() {
    }

    public static Session session(Properties props) {
        return withBundleLoader(() -> Session.getInstance(props));
    }

    public static <T> T withBundleLoader(Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailSessions.class.getClassLoader());
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
