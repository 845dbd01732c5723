package io.igrelay.bench.processor;

/** Which application a processor row drives, with the words its row names use. */
public enum Pipeline {
    COPY("plain copy webhooks (EOS v2)"),
    PROCESSOR("processor webhooks→events");

    private final String label;

    Pipeline(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    PipelineUnderTest create(String bootstrap, String prefix) {
        return this == COPY ? new CopyPipeline(bootstrap, prefix) : new ProcessorPipeline(bootstrap, prefix);
    }
}
