package dev.ecslabs.labkit.cleanup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DuplicateRequestException;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ResourceInUseException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;

/**
 * Deletes Cloud Map resources in the order Cloud Map allows: instances deregistered, then (once
 * the deregistrations have taken effect) their services, then the namespaces, each with what is
 * left in it (the services ECS created for Service Connect too). Cloud Map refuses a service that
 * still has instances and a namespace that still has services ({@code ResourceInUse}): those are
 * asked again until the operations before them have finished.
 */
final class CloudMapCleanup {
    private final ServiceDiscoveryClient cloudMap;
    private final Poll poll;
    private final ResourceSet deleted;
    private final List<String> problems;

    CloudMapCleanup(ServiceDiscoveryClient cloudMap, Poll poll, ResourceSet deleted, List<String> problems) {
        this.cloudMap = cloudMap;
        this.poll = poll;
        this.deleted = deleted;
        this.problems = problems;
    }

    void delete(ResourceSet what) {
        Set<String> namespaces = new LinkedHashSet<>(what.namespaceIds());
        if (!what.namespaceNames().isEmpty()) {
            namespaces.addAll(namespacesNamed(what.namespaceNames()));
        }
        Set<String> services = new LinkedHashSet<>(what.cloudMapServices());
        for (String namespace : namespaces) {
            services.addAll(servicesIn(namespace));
        }
        Set<ResourceSet.Instance> instances = new LinkedHashSet<>(what.instances());
        for (String service : services) {
            instancesOf(service).forEach(instance -> instances.add(new ResourceSet.Instance(service, instance.id())));
        }
        for (ResourceSet.Instance instance : instances) {
            deregister(instance.serviceId(), instance.instanceId());
        }
        for (String service : services) {
            deleteService(service);
        }
        for (String namespace : namespaces) {
            deleteNamespace(namespace);
        }
    }

    private List<String> namespacesNamed(List<String> names) {
        try {
            return cloudMap.listNamespacesPaginator(b -> { }).stream().flatMap(page -> page.namespaces().stream())
                    .filter(namespace -> names.contains(namespace.name())).map(NamespaceSummary::id).toList();
        } catch (AwsServiceException e) {
            problems.add("Could not list the Cloud Map namespaces " + String.join(", ", names) + ": " + e.getMessage());
            return List.of();
        }
    }

    private List<String> servicesIn(String namespace) {
        try {
            return cloudMap.listServicesPaginator(b -> b.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID).values(namespace)
                    .condition(FilterCondition.EQ))).stream().flatMap(page -> page.services().stream()).map(s -> s.id()).toList();
        } catch (NamespaceNotFoundException gone) {
            return List.of();
        } catch (AwsServiceException e) {
            problems.add("Could not list the services of the Cloud Map namespace " + namespace + ": " + e.getMessage());
            return List.of();
        }
    }

    private List<InstanceSummary> instancesOf(String service) {
        try {
            return cloudMap.listInstancesPaginator(b -> b.serviceId(service)).stream()
                    .flatMap(page -> page.instances().stream()).toList();
        } catch (ServiceNotFoundException gone) {
            return List.of();
        }
    }

    private void deregister(String service, String instance) {
        try {
            cloudMap.deregisterInstance(b -> b.serviceId(service).instanceId(instance));
            deleted.addInstance(service, instance);
        } catch (InstanceNotFoundException | ServiceNotFoundException | DuplicateRequestException goneOrGoing) {
            // DuplicateRequest: a deregistration of it is in progress already
            deleted.addInstance(service, instance);
        } catch (AwsServiceException e) {
            problems.add("Could not deregister the instance " + instance + " of the Cloud Map service " + service + ": "
                    + e.getMessage());
        }
    }

    /** Deletes a service once its deregistrations are done: Cloud Map refuses one that still has instances. */
    private void deleteService(String service) {
        String failure = poll.until(() -> {
            try {
                cloudMap.deleteService(b -> b.id(service));
                return null;
            } catch (ServiceNotFoundException gone) {
                return null;
            } catch (ResourceInUseException busy) {
                // An instance whose registration was still in progress when the clean-up listed the
                // service shows up only now: deregister what the service holds again (it is idempotent).
                instancesOf(service).forEach(instance -> deregister(service, instance.id()));
                return busy.getMessage();
            } catch (AwsServiceException e) {
                return "!" + e.getMessage();
            }
        }, answer -> answer == null || answer.startsWith("!"));
        if (failure == null) {
            deleted.addCloudMapService(service);
        } else {
            problems.add("Could not delete the Cloud Map service " + service + ": " + failure.replaceFirst("^!", ""));
        }
    }

    /**
     * Deletes a namespace once its services are gone (Cloud Map refuses one that still has
     * services), and waits until the deletion, an operation of Cloud Map's, has taken effect.
     */
    private void deleteNamespace(String namespace) {
        String failure = poll.until(() -> {
            try {
                cloudMap.getNamespace(b -> b.id(namespace));
            } catch (NamespaceNotFoundException gone) {
                return null;
            }
            try {
                cloudMap.deleteNamespace(b -> b.id(namespace));
                return "its deletion did not finish in time";
            } catch (NamespaceNotFoundException gone) {
                return null;
            } catch (ResourceInUseException | DuplicateRequestException busyOrGoing) {
                return busyOrGoing.getMessage();
            } catch (AwsServiceException e) {
                return "!" + e.getMessage();
            }
        }, answer -> answer == null || answer.startsWith("!"));
        if (failure == null) {
            deleted.addNamespaceId(namespace);
        } else {
            problems.add("Could not delete the Cloud Map namespace " + namespace + ": " + failure.replaceFirst("^!", ""));
        }
    }
}
