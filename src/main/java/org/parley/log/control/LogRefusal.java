package org.parley.log.control;

import org.parley.protocol.ErrorCode;

/** An entry the log's {@link Admission} did not let in: what its sender is told, with the code. */
public class LogRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public LogRefusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
