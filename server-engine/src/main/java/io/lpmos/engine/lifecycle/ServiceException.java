package io.lpmos.engine.lifecycle;

/**
 * A service could not start or run. The message is written for an operator: what happened and what
 * to do next (e.g. "port 8081 is in use — stop the other program or choose --api-port"). No stack
 * trace is shown to operators for this exception.
 */
public class ServiceException extends Exception {
    public ServiceException(String operatorMessage) {
        super(operatorMessage);
    }

    public ServiceException(String operatorMessage, Throwable cause) {
        super(operatorMessage, cause);
    }
}
