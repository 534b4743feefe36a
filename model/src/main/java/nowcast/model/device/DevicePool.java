package nowcast.model.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

import ai.djl.Device;
import nowcast.forecast.ModelIdentity;
import nowcast.frame.PhysicalField;
import nowcast.model.InputWindow;
import nowcast.model.Nowcaster;

/**
 * One nowcaster per device behind one {@link Nowcaster}: each call borrows a member that is not
 * busy (waiting when all are) and runs on its device, so as many batches run at once as there are
 * devices, each on its own GPU. {@link #answer} names the member, i.e. the device, that made the
 * forecast; {@link #identity} lists every device.
 */
public final class DevicePool implements Nowcaster {

    private final List<Nowcaster> members;
    private final BlockingQueue<Nowcaster> idle;

    /** Builds {@code build.apply(device)} for every device; a failure closes the ones already built. */
    public static DevicePool of(List<Device> devices, Function<Device, Nowcaster> build) {
        List<Nowcaster> built = new ArrayList<>();
        try {
            for (Device d : devices) {
                built.add(build.apply(d));
            }
        } catch (RuntimeException e) {
            built.forEach(Nowcaster::close);
            throw e;
        }
        return new DevicePool(built);
    }

    public DevicePool(List<Nowcaster> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a device pool needs at least one nowcaster");
        }
        this.members = List.copyOf(members);
        this.idle = new ArrayBlockingQueue<>(members.size(), true, members);
    }

    @Override
    public ModelIdentity identity() {
        ModelIdentity first = members.get(0).identity();
        return first.withDevice(String.join(",", members.stream().map(m -> m.identity().device()).toList()));
    }

    @Override
    public int inputFrames() {
        return members.get(0).inputFrames();
    }

    @Override
    public int outputFrames() {
        return members.get(0).outputFrames();
    }

    @Override
    public List<List<PhysicalField>> predict(List<InputWindow> windows) {
        return answer(windows).frames();
    }

    @Override
    public Answer answer(List<InputWindow> windows) {
        Nowcaster member;
        try {
            member = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free device", e);
        }
        try {
            return member.answer(windows);
        } finally {
            idle.add(member);
        }
    }

    @Override
    public void close() {
        members.forEach(Nowcaster::close);
    }
}
