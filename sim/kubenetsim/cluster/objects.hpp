#pragma once
// The API objects of the simulated cluster, as plain value types. Field names follow the
// Kubernetes API (camelCase in YAML/JSON, m_-less public members here because these are data).
// Only the fields kubenetsim models are present; see manifest/ for how YAML maps onto them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/time/sim_time.hpp>

namespace kns {

using Labels = std::map<std::string, std::string>;  // sorted by key, as kubectl prints them

struct OwnerReference {
    std::string apiVersion;
    std::string kind;
    std::string name;
    std::string uid;
    bool controller = true;
    bool blockOwnerDeletion = true;
};

struct ObjectMeta {
    std::string name;
    std::string generateName;
    std::string ns;  // empty for cluster-scoped kinds (Node, Namespace)
    std::string uid;
    std::uint64_t resourceVersion = 0;
    std::int64_t generation = 0;
    SimTime creationTimestamp;
    std::optional<SimTime> deletionTimestamp;
    std::int64_t deletionGracePeriodSeconds = 30;
    Labels labels;
    Labels annotations;
    std::vector<OwnerReference> ownerReferences;

    const OwnerReference* controllerRef() const {
        for (const auto& o : ownerReferences)
            if (o.controller) return &o;
        return nullptr;
    }
};

// "8080" or "http": a port number or a port name.
struct IntOrString {
    bool isString = false;
    int intValue = 0;
    std::string strValue;
    static IntOrString ofInt(int v) { return {false, v, {}}; }
    static IntOrString ofString(std::string s) { return {true, 0, std::move(s)}; }
    std::string str() const { return isString ? strValue : std::to_string(intValue); }
    friend bool operator==(const IntOrString&, const IntOrString&) = default;
};

// ---- label selectors -------------------------------------------------------------------------
struct SelectorRequirement {
    enum class Op { In, NotIn, Exists, DoesNotExist, Equals, NotEquals };
    std::string key;
    Op op = Op::Equals;
    std::vector<std::string> values;
};

struct LabelSelector {
    Labels matchLabels;
    std::vector<SelectorRequirement> matchExpressions;
    bool empty() const { return matchLabels.empty() && matchExpressions.empty(); }
    bool matches(const Labels& labels) const;
};

// ---- pods --------------------------------------------------------------------------------------
struct ContainerPort {
    std::string name;
    int containerPort = 0;
    int hostPort = 0;
    std::string protocol = "TCP";
};

struct EnvVar {
    std::string name;
    std::string value;
};

struct Probe {
    std::string handler = "httpGet";  // httpGet | tcpSocket | exec
    std::string path = "/";
    IntOrString port;
    std::string scheme = "HTTP";
    std::vector<std::string> command;  // exec
    int initialDelaySeconds = 0;
    int timeoutSeconds = 1;
    int periodSeconds = 10;
    int successThreshold = 1;
    int failureThreshold = 3;
};

struct ResourceList {
    std::string cpu;
    std::string memory;
    bool empty() const { return cpu.empty() && memory.empty(); }
};

struct Container {
    std::string name;
    std::string image;
    std::string imagePullPolicy;
    std::vector<std::string> command;
    std::vector<std::string> args;
    std::vector<ContainerPort> ports;
    std::vector<EnvVar> env;
    std::optional<Probe> readinessProbe;
    std::optional<Probe> livenessProbe;
    ResourceList requests;
    ResourceList limits;
};

struct PodSpec {
    std::vector<Container> containers;
    std::string nodeName;
    std::string restartPolicy = "Always";
    bool hostNetwork = false;
    std::string serviceAccountName = "default";
    int terminationGracePeriodSeconds = 30;
    std::map<std::string, std::string> nodeSelector;
};

struct PodCondition {
    std::string type;    // PodScheduled, Initialized, ContainersReady, Ready
    std::string status;  // True, False, Unknown
    SimTime lastTransitionTime;
    std::string reason;
};

struct ContainerStatus {
    std::string name;
    std::string state = "waiting";  // waiting | running | terminated
    std::string reason;             // ContainerCreating, CrashLoopBackOff, Completed, Error ...
    SimTime startedAt;
    SimTime finishedAt;
    int exitCode = 0;
    bool ready = false;
    int restartCount = 0;
    std::string image;
    std::string imageID;
    std::string containerID;
    // The last terminated state, for describe's "Last State".
    std::string lastState;
    std::string lastReason;
};

struct PodStatus {
    std::string phase = "Pending";  // Pending | Running | Succeeded | Failed | Unknown
    std::vector<PodCondition> conditions;
    std::string podIP;
    std::string hostIP;
    std::optional<SimTime> startTime;
    std::vector<ContainerStatus> containerStatuses;
    std::string reason;   // e.g. NodeLost
    std::string message;

    const PodCondition* condition(const std::string& type) const {
        for (const auto& c : conditions)
            if (c.type == type) return &c;
        return nullptr;
    }
    bool isReady() const {
        const PodCondition* c = condition("Ready");
        return c && c->status == "True";
    }
};

struct Pod {
    ObjectMeta meta;
    PodSpec spec;
    PodStatus status;
};

struct PodTemplateSpec {
    ObjectMeta meta;  // labels and annotations only
    PodSpec spec;
};

// ---- workload controllers ----------------------------------------------------------------------
struct ReplicationController {
    ObjectMeta meta;
    int replicas = 1;
    Labels selector;  // RCs use plain equality selectors; defaulted from the template's labels
    PodTemplateSpec tmpl;
    struct Status {
        int replicas = 0;
        int fullyLabeledReplicas = 0;
        int readyReplicas = 0;
        int availableReplicas = 0;
        std::int64_t observedGeneration = 0;
    } status;
};

struct ReplicaSet {
    ObjectMeta meta;
    int replicas = 1;
    LabelSelector selector;
    PodTemplateSpec tmpl;
    int minReadySeconds = 0;
    ReplicationController::Status status;
};

struct DeploymentStrategy {
    std::string type = "RollingUpdate";  // RollingUpdate | Recreate
    IntOrString maxSurge = IntOrString::ofString("25%");
    IntOrString maxUnavailable = IntOrString::ofString("25%");
};

struct Deployment {
    ObjectMeta meta;
    int replicas = 1;
    LabelSelector selector;
    PodTemplateSpec tmpl;
    DeploymentStrategy strategy;
    int minReadySeconds = 0;
    int revisionHistoryLimit = 10;
    bool paused = false;
    struct Status {
        int replicas = 0;
        int updatedReplicas = 0;
        int readyReplicas = 0;
        int availableReplicas = 0;
        int unavailableReplicas = 0;
        std::int64_t observedGeneration = 0;
    } status;
};

// ---- services and endpoints --------------------------------------------------------------------
struct ServicePort {
    std::string name;
    std::string protocol = "TCP";
    int port = 0;
    IntOrString targetPort;  // defaults to port
    int nodePort = 0;
};

struct Service {
    ObjectMeta meta;
    std::string type = "ClusterIP";  // ClusterIP | NodePort | LoadBalancer | ExternalName
    std::string clusterIP;           // "None" for headless
    std::vector<ServicePort> ports;
    Labels selector;                 // empty: selector-less (Endpoints managed by hand)
    std::vector<std::string> externalIPs;
    std::string sessionAffinity = "None";  // None | ClientIP
    int sessionAffinityTimeoutSeconds = 10800;
    std::string externalTrafficPolicy;     // "" (ClusterIP), Cluster, Local
    std::string internalTrafficPolicy;     // "" (legacy) or Cluster/Local
    std::string loadBalancerIP;
    std::vector<std::string> loadBalancerSourceRanges;
    std::string externalName;
    int healthCheckNodePort = 0;
    struct Status {
        std::vector<std::string> loadBalancerIngress;
    } status;
};

struct ObjectReference {
    std::string kind;
    std::string ns;
    std::string name;
    std::string uid;
};

struct EndpointAddress {
    std::string ip;
    std::string nodeName;
    std::optional<ObjectReference> targetRef;
};

struct EndpointPort {
    std::string name;
    int port = 0;
    std::string protocol = "TCP";
};

struct EndpointSubset {
    std::vector<EndpointAddress> addresses;
    std::vector<EndpointAddress> notReadyAddresses;
    std::vector<EndpointPort> ports;
};

struct Endpoints {
    ObjectMeta meta;
    std::vector<EndpointSubset> subsets;
};

struct EndpointSliceEndpoint {
    std::vector<std::string> addresses;
    bool ready = false;
    bool serving = false;
    bool terminating = false;
    std::string nodeName;
    std::optional<ObjectReference> targetRef;
};

struct EndpointSlice {
    ObjectMeta meta;
    std::string addressType = "IPv4";
    std::vector<EndpointSliceEndpoint> endpoints;
    std::vector<EndpointPort> ports;
};

// ---- nodes and namespaces ----------------------------------------------------------------------
struct NodeAddress {
    std::string type;  // InternalIP | ExternalIP | Hostname
    std::string address;
};

struct NodeInfo {
    std::string kubeletVersion;
    std::string kubeProxyVersion;
    std::string osImage;
    std::string kernelVersion;
    std::string containerRuntimeVersion;
    std::string operatingSystem = "linux";
    std::string architecture = "amd64";
    std::string machineID;
    std::string systemUUID;
    std::string bootID;
};

struct Node {
    ObjectMeta meta;
    std::string podCIDR;
    bool unschedulable = false;
    struct Status {
        std::vector<NodeAddress> addresses;
        std::vector<PodCondition> conditions;  // Ready, MemoryPressure, DiskPressure, ...
        std::map<std::string, std::string> capacity;
        std::map<std::string, std::string> allocatable;
        NodeInfo nodeInfo;
    } status;
    bool isReady() const {
        for (const auto& c : status.conditions)
            if (c.type == "Ready") return c.status == "True";
        return false;
    }
    std::string internalIP() const {
        for (const auto& a : status.addresses)
            if (a.type == "InternalIP") return a.address;
        return {};
    }
};

struct Namespace {
    ObjectMeta meta;
    std::string phase = "Active";  // Active | Terminating
};

// A Kubernetes Event (core/v1 Event): what `describe` lists under "Events:". Recorded by the
// control-plane processes through recordEvent() (cluster/events.hpp); kept in ClusterState.
struct KubeEvent {
    std::string ns;
    ObjectReference involvedObject;
    std::string fieldPath;   // "spec.containers{sise}" (kubectl 1.5 shows it as SubObjectPath)
    std::string type = "Normal";  // Normal | Warning
    std::string reason;      // Scheduled, Pulled, Created, Started, SuccessfulCreate, ScalingReplicaSet ...
    std::string message;
    std::string sourceComponent;  // default-scheduler, kubelet, replication-controller ...
    std::string sourceHost;       // the node, for kubelet events
    SimTime firstTimestamp;
    SimTime lastTimestamp;
    int count = 1;
};

// Kinds, for dispatch, messages and watches.
enum class Kind : std::uint8_t {
    Namespace,
    Node,
    Pod,
    ReplicationController,
    ReplicaSet,
    Deployment,
    Service,
    Endpoints,
    EndpointSlice,
};
const char* kindName(Kind k);  // "Pod", "ReplicationController", ...

} // namespace kns
