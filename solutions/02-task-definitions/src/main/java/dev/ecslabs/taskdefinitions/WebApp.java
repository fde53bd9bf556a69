package dev.ecslabs.taskdefinitions;

/**
 * The course's sample web app as a task definition needs to know it: the family to register it
 * under, the image pushed to lab 01's repository, the execution role Fargate uses to pull that
 * image and send its logs, and the Region its logs go to. Given: nothing to write here.
 *
 * @param family           the task definition family, for example {@code web}
 * @param image            for example {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0}
 * @param executionRoleArn for example {@code arn:aws:iam::123456789012:role/ecsTaskExecutionRole}
 * @param region           the Region of the CloudWatch Logs log group, for example {@code us-east-1}
 */
public record WebApp(String family, String image, String executionRoleArn, String region) {
    /** The name of the app's container. */
    public static final String CONTAINER = "web";
    /** The port the app listens on, and the name Service Connect will know it by (lab 05). */
    public static final int PORT = 8080;
    public static final String PORT_NAME = "http";
    /** The CloudWatch Logs log group and stream prefix of the app's logs. */
    public static final String LOG_GROUP = "/ecs/web";
    public static final String LOG_STREAM_PREFIX = "web";
    /** The health check command: the app answers 200 on /health once it is ready. */
    public static final String HEALTH_CHECK = "curl -f http://localhost:8080/health || exit 1";
}
