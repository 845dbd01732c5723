package io.igrelay.schemas.registry;

import org.apache.avro.Schema;

/*
 * One version of a subject as the registry knows it: the answer of GET /subjects/{subject}/versions/latest.
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
