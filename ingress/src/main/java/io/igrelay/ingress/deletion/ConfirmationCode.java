package io.igrelay.ingress.deletion;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Deletion confirmation codes (contract §5.1): 128 random bits as 32 lowercase hex digits, so a status URL cannot be
 * guessed from another; anything else on the status path is simply not found.
 */
public final class ConfirmationCode {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");

    private ConfirmationCode() {
    }

    public static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    public static boolean isWellFormed(String code) {
        return code != null && SHAPE.matcher(code).matches();
    }
}
