package dev.justsaying.ops;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Turns what a command threw into one line on stderr ({@code ops: ...}) and an exit code, so a person on call reads
 * what happened instead of a stack trace, and a script can tell "unreachable" (3) from "not found" (4).
 */
final class FailureReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        OpsFailure failure = classify(exception);
        commandLine.getErr().println("ops: " + failure.getMessage());
        commandLine.getErr().flush();
        return failure.exitCode();
    }

    private static OpsFailure classify(Exception exception) {
        if (exception instanceof OpsFailure failure) {
            return failure;
        }
        if (exception instanceof QueueDoesNotExistException) {
            return OpsFailure.notFound("no such queue: " + exception.getMessage());
        }
        if (exception instanceof SdkClientException && isUnreachable(exception)) {
            return OpsFailure.unreachable("cannot reach the AWS endpoint: " + exception.getMessage(), exception);
        }
        if (exception instanceof SdkServiceException) {
            return OpsFailure.failed("AWS refused: " + exception.getMessage());
        }
        if (exception instanceof SdkClientException) {
            return OpsFailure.failed("AWS call failed: " + exception.getMessage());
        }
        return OpsFailure.failed(exception.toString());
    }

    private static boolean isUnreachable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof InterruptedIOException || cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
