package dev.jakartamesh.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test archive: the real WAR that {@code mvn package} built, under a name of its own
 * ({@code mesh-it.war}, context root {@code /mesh-it}), plus the test helpers for in-container tests.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive realWar() {
        File built = new File(System.getProperty("mesh.it.war", "target/jakarta-mesh.war"));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "mesh-it.war");
        war.merge(ShrinkWrap.createFromZipFile(WebArchive.class, built));
        return war;
    }

    /** The real WAR with the helpers and the given test classes, for tests that run inside the server. */
    public static WebArchive withTests(Class<?>... testClasses) {
        return realWar()
            .addClasses(ItConfig.class, MeshTestClient.class, RedisProbe.class, Deployments.class)
            .addClasses(testClasses)
            .addAsResource("it.properties");
    }
}
