package io.igrelay.dispatcher.webhooks.state;

import io.igrelay.schemas.serde.MalformedRecordException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.serialization.Deserializer;

/*
 * Reads the JSON records of the hub's own webhook topics (jobs, commands): bytes that are not a JSON object are a
 * malformed record (dead-lettered by the failure policy), never an unexplained failure that is retried.
 */
public final class JsonRecords implements Deserializer<JsonObject> {

    @Override
    public JsonObject deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return new JsonObject(Buffer.buffer(data));
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedRecordException("record on " + topic + " is not a JSON object", topic, -1, e);
        }
    }
}
