package io.igrelay.bench.processor;

/**
 * What the processor rows drive: an application that reads webhook deliveries from one topic and writes to
 * another, either the real processor or the plain copy it is quoted against. Both run in this JVM, on the bench's
 * broker, with exactly_once_v2 and a state directory in a temp folder removed on close.
 */
interface PipelineUnderTest extends AutoCloseable {

    /** Creates the topics, so the input can be filled before {@link #start()}. */
    void prepare() throws Exception;

    String inputTopic();

    String outputTopic();

    /** Starts the application and returns once its stream threads are RUNNING. */
    void start() throws Exception;

    @Override
    void close();
}
