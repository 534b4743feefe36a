package nowcast.training.evaluation;

/**
 * What a catalogued radar event may be used for. Training events feed model training (and its
 * time-split validation); development events are never trained on and serve to compare recipes and
 * to report skill.
 */
public enum EventRole {
    TRAINING, DEVELOPMENT
}
