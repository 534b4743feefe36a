package nowcast.training.jobs;

/** What a training job optimises (docs/spec/gs2pm.md section 10). */
public enum TrainingMode {
    /** MS2Pv3 pre-training: prediction loss plus masked-reconstruction loss, all parameters. */
    PRETRAIN,
    /** Training from scratch on the prediction loss alone (no reconstruction branch), all parameters. */
    SCRATCH,
    /** Visual-prompt tuning: only the four {@code prompt.pad_*} tensors are updated. */
    PROMPT,
    /** Full fine-tuning: prediction loss, all parameters. */
    FULL;

    public String label() {
        return switch (this) {
            case PRETRAIN -> "pretrain";
            case SCRATCH -> "scratch";
            case PROMPT -> "tune-prompt";
            case FULL -> "tune-full";
        };
    }
}
