package nowcast.training.data;

/** The 8 symmetries of the square (rotations by k*90 degrees, optionally mirrored) on a row-major field. */
final class Dihedral {

    private Dihedral() {
    }

    /** {@code transform} 0 is the identity; 1-3 rotate by 90, 180, 270 degrees; 4-7 mirror first, then rotate. */
    static float[] apply(float[] field, int side, int transform) {
        if (transform == 0) {
            return field;
        }
        float[] out = new float[field.length];
        boolean mirror = transform >= 4;
        int turns = transform % 4;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sx = mirror ? side - 1 - x : x;
                int sy = y;
                for (int k = 0; k < turns; k++) {
                    int nx = side - 1 - sy;
                    sy = sx;
                    sx = nx;
                }
                out[y * side + x] = field[sy * side + sx];
            }
        }
        return out;
    }
}
