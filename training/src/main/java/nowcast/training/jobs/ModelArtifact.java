package nowcast.training.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nowcast.frame.Quantity;
import nowcast.model.gs2pm.Gs2pmConfig;
import nowcast.model.gs2pm.Gs2pmModel;
import nowcast.model.scaling.ModelScaling;
import nowcast.model.scaling.QuantityScaling;
import nowcast.model.weights.NamedTensor;
import nowcast.model.weights.SafeTensors;

/**
 * A trained GS2PM as a folder: {@code model.json} (sizes, per-quantity scaling, provenance) and
 * {@code weights.safetensors} (the official state_dict names). This is what training writes at
 * every checkpoint and at the end, and what the predictor loads.
 */
public record ModelArtifact(Gs2pmConfig config, ModelScaling scaling, JsonNode provenance) {

    public static final String CONFIG_FILE = "model.json";
    public static final String WEIGHTS_FILE = "weights.safetensors";
    static final String FORMAT = "nowcast-gs2pm/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir, Gs2pmModel model) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("architecture", "GS2PM (MS2Pv3)");
        ObjectNode c = root.putObject("config");
        c.put("hid_S", config.hidS());
        c.put("hid_T", config.hidT());
        c.put("N_S", config.nS());
        c.put("N_T", config.nT());
        c.put("T", config.frames());
        c.put("channels", config.channels());
        c.put("image_size", config.imageSize());
        c.put("mlp_ratio", config.mlpRatio());
        c.put("heads", config.heads());
        c.put("drop_path", config.dropPath());
        c.put("official_drop_path_schedule", config.officialDropPathSchedule());
        c.put("official_mask", config.officialMask());
        root.put("output_channels", "mean");
        ArrayNode rules = root.putArray("scaling");
        for (QuantityScaling r : scaling.rules().values()) {
            ObjectNode n = rules.addObject();
            n.put("quantity", r.quantity().name());
            n.put("unit", r.quantity().unit());
            n.put("transform", r.transform());
            n.put("low", r.low());
            n.put("high", r.high());
            if (r.transform().equals(QuantityScaling.RAIN_RATE_DBZ)) {
                n.put("a", r.a());
                n.put("b", r.b());
            }
        }
        if (provenance != null) {
            root.set("training", provenance);
        }
        Path weightsTmp = dir.resolve(WEIGHTS_FILE + ".tmp");
        SafeTensors.write(weightsTmp, model.network().exportStateDict(), Map.of("format", "pt"));
        Files.move(weightsTmp, dir.resolve(WEIGHTS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), root);
    }

    /** Reads {@code model.json}; the weights are read separately with {@link #readWeights}. */
    public static ModelArtifact read(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a model artifact: it has no " + CONFIG_FILE);
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": format is '" + root.path("format").asText() + "', expected " + FORMAT);
        }
        JsonNode c = root.path("config");
        Gs2pmConfig config = Gs2pmConfig.builder().hidS(need(c, "hid_S", file)).hidT(need(c, "hid_T", file))
                .nS(need(c, "N_S", file)).nT(need(c, "N_T", file)).frames(need(c, "T", file))
                .channels(c.path("channels").asInt(3)).imageSize(c.path("image_size").asInt(128))
                .mlpRatio(c.path("mlp_ratio").asInt(8)).heads(c.path("heads").asInt(8))
                .dropPath((float) c.path("drop_path").asDouble(0))
                .officialDropPathSchedule(c.path("official_drop_path_schedule").asBoolean(true))
                .officialMask(c.path("official_mask").asBoolean(true)).build();
        Map<Quantity, QuantityScaling> rules = new EnumMap<>(Quantity.class);
        for (JsonNode n : root.path("scaling")) {
            Quantity q;
            try {
                q = Quantity.valueOf(n.path("quantity").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": unknown quantity '" + n.path("quantity").asText() + "' in scaling", e);
            }
            rules.put(q, new QuantityScaling(q, n.path("transform").asText(), n.path("low").asDouble(), n.path("high").asDouble(),
                    n.path("a").asDouble(0), n.path("b").asDouble(0)));
        }
        if (rules.isEmpty()) {
            throw new IOException(file + ": no scaling rules");
        }
        return new ModelArtifact(config, new ModelScaling(rules), root.get("training"));
    }

    public static Map<String, NamedTensor> readWeights(Path dir) throws IOException {
        return SafeTensors.read(dir.resolve(WEIGHTS_FILE));
    }

    /** Reads the artifact and builds its network with the stored weights. */
    public static Gs2pmModel load(Path dir) throws IOException {
        ModelArtifact a = read(dir);
        return Gs2pmModel.withWeights(a.config(), readWeights(dir), dir.resolve(WEIGHTS_FILE).toString());
    }

    private static int need(JsonNode c, String key, Path file) throws IOException {
        JsonNode n = c.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new IOException(file + ": config." + key + " is missing or not an integer");
        }
        return n.asInt();
    }
}
