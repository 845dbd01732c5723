package io.igrelay.schemas.store;

import io.igrelay.schemas.config.EnvReader;
import java.nio.file.Path;
import java.util.Set;

/*
 * Where a service keeps its local webhook store (attempt log and job states): WEBHOOK_STORE_DIR, one sub-folder per
 * service, so the ingress and the dispatcher can share a data folder on one host. In a deployment each replica keeps
 * it on its own persistent volume; an empty folder is rebuilt from the topics once, at the first start.
 */
public record WebhookStoreSettings(Path dir) {

    public static final Set<String> VARIABLES = Set.of("WEBHOOK_STORE_DIR");

    public static WebhookStoreSettings read(EnvReader env) {
        return new WebhookStoreSettings(Path.of(env.string("WEBHOOK_STORE_DIR", ".data/webhook-store")));
    }

    /** The folder of one service's store. */
    public Path folder(String service) {
        return dir.resolve(service);
    }
}
