package nowcast.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaIdentityTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    @Test
    void aDoubleDefaultWrittenAsAnIntegerIsTheSameSchema() {
        Schema java = parse("{\"type\":\"record\",\"name\":\"Q\",\"fields\":[{\"name\":\"gain\",\"type\":\"double\",\"default\":1.0}]}");
        Schema js = parse("{\"type\":\"record\",\"name\":\"Q\",\"fields\":[{\"name\":\"gain\",\"type\":\"double\",\"default\":1}]}");
        assertThat(java.toString()).isNotEqualTo(js.toString());
        assertThat(SchemaIdentity.of(java)).isEqualTo(SchemaIdentity.of(js));
    }

    @Test
    void differentDefaultsOrDocsAreDifferentSchemas() {
        Schema a = parse("{\"type\":\"record\",\"name\":\"Q\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":1}]}");
        Schema b = parse("{\"type\":\"record\",\"name\":\"Q\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":2}]}");
        Schema c = parse("{\"type\":\"record\",\"name\":\"Q\",\"doc\":\"d\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":1}]}");
        assertThat(SchemaIdentity.of(a)).isNotEqualTo(SchemaIdentity.of(b)).isNotEqualTo(SchemaIdentity.of(c));
    }
}
