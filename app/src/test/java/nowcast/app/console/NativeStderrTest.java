package nowcast.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** libtorch's own lines are recognised (and logged); everything else is left to standard error. */
class NativeStderrTest {

    @Test
    void libtorchLinesAreRoutedOtherLinesAreNot() {
        assertThat(NativeStderr.route("[W1206 05:07:24.598063798 LegacyTypeDispatch.h:74] Warning: "
                + "AutoNonVariableTypeMode is deprecated and will be removed in 1.10 release. (function operator())"))
                .isTrue();
        assertThat(NativeStderr.route("[E1206 05:07:24.598063798 Conv.cpp:12] could not allocate")).isTrue();
        assertThat(NativeStderr.route("OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader"))
                .isFalse();
        assertThat(NativeStderr.route("terminate called after throwing an instance of 'c10::Error'")).isFalse();
        assertThat(NativeStderr.route("[WARN] not libtorch")).isFalse();
    }
}
