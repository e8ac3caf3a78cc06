package dev.justsaying.ops;

import static dev.justsaying.ops.OpsRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhenArgumentsAreWrong {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no subcommand                  |                                                            | Missing required subcommand
            unknown subcommand             | purge q                                                    | Unmatched argument
            unknown option                 | queues --colour                                            | Unknown option: '--colour'
            redrive without a selection    | redrive q_error --region eu-west-1                         | Error: Missing required argument
            redrive with both selections   | redrive q_error --all --id m1 --region eu-west-1           | mutually exclusive
            redrive to no known source     | redrive orders --all --region eu-west-1                    | give --to
            peek without a queue           | peek --region eu-west-1                                    | Missing required parameter: 'QUEUE'
            peek of zero messages          | peek q_error --max 0 --region eu-west-1                    | --max must be at least 1
            an endpoint not region=url     | queues --sqs-endpoint http://127.0.0.1:1                   | should be in KEY=VALUE format
            command without --api          | command c-1                                                | Missing required option: '--api=URL'
            a limit out of range           | concurrency commands 0 --api http://127.0.0.1:1 --api-key k | LIMIT must be within 1-10000, not 0
            a limit that is not a number   | concurrency commands many --api http://127.0.0.1:1         | Invalid value for positional parameter at index 1
            """)
    void theUsageErrorExitsWithTwoAndSaysWhatIsWrong(String situation, String arguments, String message) {
        OpsRun run = run(arguments == null ? new String[0] : arguments.trim().split("\\s+"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }
}
