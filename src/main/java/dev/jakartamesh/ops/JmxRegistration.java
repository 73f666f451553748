package dev.jakartamesh.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Registers the {@link MeshAdminMBean} of this deployment at start and unregisters it at stop. */
@ApplicationScoped
public class JmxRegistration {

    private static final Logger LOG = Logger.getLogger(JmxRegistration.class.getName());

    @Inject
    AdminOperations operations;

    private ObjectName name;

    void register(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            name = objectName(applicationName());
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new MeshAdmin(operations), name);
            LOG.info(() -> "registered MBean " + name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "the management MBean could not be registered", e);
        }
    }

    void unregister(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(Level.FINE, "unregistering " + name, e);
            }
        }
    }

    /** The ObjectName for a deployment: {@code dev.jakartamesh:type=Mesh,app=<name>}. */
    public static ObjectName objectName(String application) throws JMException {
        return new ObjectName("dev.jakartamesh:type=Mesh,app=" + ObjectName.quote(application));
    }

    private static String applicationName() {
        try {
            return (String) new InitialContext().lookup("java:app/AppName");
        } catch (NamingException e) {
            return "jakarta-mesh";
        }
    }
}
