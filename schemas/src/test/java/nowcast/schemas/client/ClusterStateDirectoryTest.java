package nowcast.schemas.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State folders are keyed by cluster and topic, say which cluster they belong to, and never leave the service folder. */
class ClusterStateDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void oneFolderPerClusterAndTopicWithADescription() throws Exception {
        Path a = ClusterStateDirectory.resolve(tmp, "buerE15DTMCGoyKbX9HoqQ", "nowcast.frames", "127.0.0.1:9092");
        Path b = ClusterStateDirectory.resolve(tmp, "Xq2-_aaaBBBcccDDDeeeFF", "nowcast.frames", "127.0.0.1:9093");
        Path c = ClusterStateDirectory.resolve(tmp, "buerE15DTMCGoyKbX9HoqQ", "other.frames", "127.0.0.1:9092");
        assertThat(a).isEqualTo(tmp.resolve("buerE15DTMCGoyKbX9HoqQ/nowcast.frames")).isDirectory();
        assertThat(b).isDirectory().isNotEqualTo(a);
        assertThat(c.getParent()).isEqualTo(a.getParent());
        assertThat(Files.readString(a.getParent().resolve(ClusterStateDirectory.DESCRIPTION_FILE)))
                .contains("cluster.id=buerE15DTMCGoyKbX9HoqQ").contains("bootstrap.servers=127.0.0.1\\:9092");
    }

    @Test
    void namesThatCouldLeaveTheFolderAreNeutralised() {
        assertThat(ClusterStateDirectory.safe("..")).isEqualTo("_..");
        assertThat(ClusterStateDirectory.safe("a/../b")).isEqualTo("a_.._b");
        Path p = ClusterStateDirectory.resolve(tmp, "../../etc", "x", "b");
        assertThat(p.normalize()).startsWith(tmp);
    }
}
