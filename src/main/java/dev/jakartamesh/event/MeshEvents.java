package dev.jakartamesh.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires Jakarta Mesh's CDI events. Each synchronous observer is notified on its own, and one that
 * throws is logged without stopping the others or the command that caused the event;
 * {@code @ObservesAsync} observers get the event asynchronously.
 */
@ApplicationScoped
public class MeshEvents {

    private static final Logger LOG = Logger.getLogger(MeshEvents.class.getName());

    @Inject
    BeanManager beanManager;

    /** Notifies every observer of {@code event}. Never throws. */
    public <T> void fire(T event) {
        boolean hasAsync = false;
        try {
            Set<ObserverMethod<? super T>> observers = beanManager.resolveObserverMethods(event);
            for (ObserverMethod<? super T> observer : observers) {
                if (observer.isAsync()) {
                    hasAsync = true;
                    continue;
                }
                try {
                    observer.notify(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "an observer of " + event.getClass().getSimpleName() + " failed: "
                        + observer.getBeanClass().getName(), e);
                }
            }
            if (hasAsync) {
                beanManager.getEvent().fireAsync(event);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "firing " + event.getClass().getSimpleName() + " failed", e);
        }
    }
}
