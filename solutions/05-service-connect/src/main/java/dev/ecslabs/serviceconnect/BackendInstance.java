package dev.ecslabs.serviceconnect;

/**
 * One instance that ECS registered in Cloud Map for a task of the backend, as exercise 05.5 reads
 * it. Given: nothing to write here.
 *
 * @param instanceId the instance's id: ECS registers each task under its task id
 * @param ipv4       the task's private IP address (the instance's {@code AWS_INSTANCE_IPV4} attribute)
 * @param port       the port the task's Service Connect proxy takes connections on ({@code AWS_INSTANCE_PORT})
 */
public record BackendInstance(String instanceId, String ipv4, int port) {
}
