package dev.logverdict.intel.virustotal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/** A non-2xx answer from VirusTotal: the HTTP status and VirusTotal's error code, never the request. */
public class VirusTotalException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 4096;

    private final int status;
    private final String code;

    public VirusTotalException(int status, String code) {
        super("VirusTotal answered HTTP " + status + (code == null ? "" : " " + code));
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** VirusTotal's error code (QuotaExceededError, NotFoundError, WrongCredentialsError…), or null. */
    public String code() {
        return code;
    }

    static VirusTotalException from(Response response) {
        return new VirusTotalException(response.getStatus(), errorCode(response));
    }

    private static String errorCode(Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body == null || body.length() > MAX_ERROR_BODY) {
                return null;
            }
            ErrorResponse error = JSON.readValue(body, ErrorResponse.class);
            String code = error.error() == null ? null : error.error().code();
            // Only a plain identifier is kept: the body is remote input and ends up in reports and logs.
            return code != null && code.matches("[A-Za-z]{1,64}") ? code : null;
        } catch (Exception e) {
            return null;
        }
    }
}
