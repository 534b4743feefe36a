package nowcast.ingestion.synthetic;

/**
 * The motion of one source's storms: every cell moves with this flow plus its own deviation of at most
 * {@link SyntheticStorms#MAX_CELL_DEVIATION} of it. {@code directionDegrees} is where the cells go,
 * clockwise from north (90 = towards the east); rows grow southwards.
 */
public record SteeringFlow(double speedMetresPerSecond, double directionDegrees, double rowsPerFrame,
                           double colsPerFrame) {
}
