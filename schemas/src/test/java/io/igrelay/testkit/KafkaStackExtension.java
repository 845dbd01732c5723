package io.igrelay.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/*
 * JUnit 5 entry point of the shared test stack: {@code @ExtendWith(KafkaStackExtension.class)} and declare a
 * {@code KafkaStack} parameter (constructor, @BeforeAll, @Test). One broker and one registry serve every test class
 * of the JVM; the root context store stops them when the run ends (a shutdown hook is the backstop).
 */
public final class KafkaStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KafkaStack.class, key -> new Stopper(KafkaStack.shared()), Stopper.class)
                .stack();
    }

    /** Closed by JUnit with the root store, i.e. after the last test of the run. */
    private record Stopper(KafkaStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
