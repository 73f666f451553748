package dev.jakartamesh.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test archive: the real WAR that {@code mvn package} built, under a name of its own
 * ({@code mesh-it.war}, context root {@code /mesh-it}), plus the test helpers for in-container tests.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive realWar() {
        return realWar("mesh-it");
    }

    /** The real WAR deployed as {@code <name>.war}, at context root {@code /<name>}. */
    public static WebArchive realWar(String name) {
        File built = new File(System.getProperty("mesh.it.war", "target/jakarta-mesh.war"));
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war");
        war.merge(ShrinkWrap.createFromZipFile(WebArchive.class, built));
        return war;
    }

    /**
     * The real WAR with extra MicroProfile Config properties that win over the server's (ordinal
     * 1000), in a library jar of their own so the WAR's own defaults stay as built.
     */
    public static WebArchive withConfig(String name, String properties) {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
            .addAsManifestResource(new StringAsset("config_ordinal=1000\n" + properties), "microprofile-config.properties");
        return realWar(name).addAsLibrary(config);
    }

    /** The real WAR with the helpers and the given test classes, for tests that run inside the server. */
    public static WebArchive withTests(Class<?>... testClasses) {
        return realWar()
            .addClasses(ItConfig.class, MeshTestClient.class, RedisProbe.class, Deployments.class, Jsons.class)
            .addClasses(testClasses)
            .addAsResource("it.properties");
    }
}
