package dev.ecslabs.ec2capacity;

/**
 * Where a bridge-mode task landed: the EC2 instance that runs it, that instance's Availability
 * Zone, and the host port Docker mapped to the container's port 80 there. Given: nothing to write here.
 */
public record Landing(String taskArn, String ec2InstanceId, String availabilityZone, int hostPort) {
}
