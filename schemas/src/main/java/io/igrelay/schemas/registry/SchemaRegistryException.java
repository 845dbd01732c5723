package io.igrelay.schemas.registry;

/*
 * A schema registry call failed. The message names the URL, the HTTP status and the registry's own error body, so
 * that an operator can tell "registry down" from "schema refused as incompatible" from "unknown id" at a glance.
 * Credentials never appear in it.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent error code for an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code for an unknown version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code for an unknown schema id. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int status, int errorCode) {
        this(message, status, errorCode, null);
    }

    /** HTTP status, or 0 when no answer came (connection refused, timeout). */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, or 0 when it gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry answered 404: the subject, version or id does not exist. */
    public boolean isNotFound() {
        return status == 404;
    }

    /** The registry refused the schema as incompatible (409). */
    public boolean isIncompatible() {
        return status == 409;
    }
}
