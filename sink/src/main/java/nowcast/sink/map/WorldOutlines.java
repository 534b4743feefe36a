package nowcast.sink.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import nowcast.sink.SinkJson;

/**
 * Coastlines and country borders from the bundled Natural Earth 1:10m countries (TopoJSON of the npm
 * package world-atlas 2.0.2, see NOTICE.md next to the file). TopoJSON stores each shared boundary
 * once as an arc: an arc that one country uses is coast, an arc two countries share is a border, so
 * every line is drawn once. Decoded once, on first use.
 */
public final class WorldOutlines {

    private static final String RESOURCE = "/nowcast/sink/map/countries-10m.json";

    /** One arc as lon/lat pairs, with its bounding box. */
    public record Arc(boolean border, double[] lonLat, double minLon, double minLat, double maxLon, double maxLat) {
    }

    private final List<Arc> arcs;

    private WorldOutlines(List<Arc> arcs) {
        this.arcs = List.copyOf(arcs);
    }

    private static final class Loaded {
        static final WorldOutlines INSTANCE = load();
    }

    public static WorldOutlines get() {
        return Loaded.INSTANCE;
    }

    public List<Arc> arcs() {
        return arcs;
    }

    private static WorldOutlines load() {
        try (InputStream in = WorldOutlines.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("map outlines " + RESOURCE + " are missing from the jar");
            }
            return decode(SinkJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static WorldOutlines decode(JsonNode topology) {
        JsonNode transform = topology.path("transform");
        double sx = transform.path("scale").path(0).asDouble(1);
        double sy = transform.path("scale").path(1).asDouble(1);
        double tx = transform.path("translate").path(0).asDouble(0);
        double ty = transform.path("translate").path(1).asDouble(0);
        JsonNode arcsNode = topology.path("arcs");
        int[] users = new int[arcsNode.size()];
        for (JsonNode geometry : topology.path("objects").path("countries").path("geometries")) {
            countArcs(geometry.path("arcs"), users, new boolean[arcsNode.size()]);
        }
        List<Arc> arcs = new ArrayList<>();
        for (int i = 0; i < arcsNode.size(); i++) {
            JsonNode points = arcsNode.get(i);
            double[] lonLat = new double[points.size() * 2];
            long qx = 0;
            long qy = 0;
            double minLon = 180;
            double minLat = 90;
            double maxLon = -180;
            double maxLat = -90;
            for (int k = 0; k < points.size(); k++) {
                // quantised and delta-encoded positions (TopoJSON specification, 2.1.2 and 2.2.2)
                qx += points.get(k).get(0).asLong();
                qy += points.get(k).get(1).asLong();
                double lon = qx * sx + tx;
                double lat = qy * sy + ty;
                lonLat[2 * k] = lon;
                lonLat[2 * k + 1] = lat;
                minLon = Math.min(minLon, lon);
                maxLon = Math.max(maxLon, lon);
                minLat = Math.min(minLat, lat);
                maxLat = Math.max(maxLat, lat);
            }
            arcs.add(new Arc(users[i] > 1, lonLat, minLon, minLat, maxLon, maxLat));
        }
        return new WorldOutlines(arcs);
    }

    /** Counts each arc once per country that uses it (a negative index is the arc reversed). */
    private static void countArcs(JsonNode node, int[] users, boolean[] seen) {
        if (node.isInt()) {
            int arc = node.asInt() < 0 ? ~node.asInt() : node.asInt();
            if (!seen[arc]) {
                seen[arc] = true;
                users[arc]++;
            }
            return;
        }
        for (JsonNode child : node) {
            countArcs(child, users, seen);
        }
    }
}
