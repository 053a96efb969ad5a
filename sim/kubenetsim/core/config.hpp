#pragma once
// How a simulated cluster is built: its nodes and address ranges, the era whose behaviour and
// output formats it follows, kube-proxy flags, and the delays of its processes. A scenario can
// define all of it; profiles (cluster/profiles.hpp) give the two built-in clusters.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <kubenetsim/time/sim_time.hpp>

namespace kns {

// Legacy: Kubernetes 1.5 / OpenShift 3.5 behaviour and kubectl 1.5 output (the seed tutorial).
// Modern: Kubernetes 1.30-era behaviour and output.
enum class Era : std::uint8_t { Legacy, Modern };
const char* eraName(Era e);

struct InterfaceDef {
    std::string name;     // eth0, eth1, docker0
    std::string address;  // "10.0.2.15/24"
    std::string kind = "ether";  // ether | bridge | loopback
    bool defaultRoute = false;
    std::string gateway;  // next hop of the default route on this interface
};

struct NodeDef {
    std::string name;
    std::vector<InterfaceDef> interfaces;
    std::string internalIP;
    std::string podCIDR;  // this node's share of the cluster pod range
    std::string podGateway;  // the pods' default gateway (docker0's address, or the node's veth side)
    std::vector<std::string> roles;  // "control-plane", "master", ...
    bool schedulable = true;
    std::map<std::string, std::string> labels;
};

struct ProxyConfig {
    std::string clusterCIDR;   // empty: no "! -s CIDR -j KUBE-MARK-MASQ" rules
    bool masqueradeAll = false;
    SimTime minSyncPeriod = SimTime::s(1);
    SimTime syncPeriod = SimTime::s(30);
};

// Simulated durations of the control plane's work. Defaults give a cluster that settles within
// a few seconds, as a small real one does.
struct Latencies {
    SimTime watch = SimTime::ms(50);           // API server to a watcher
    SimTime controllerWork = SimTime::ms(20);  // a controller's reaction
    SimTime schedule = SimTime::ms(100);       // scheduler binding a pod
    SimTime sandbox = SimTime::ms(400);        // kubelet: pod sandbox and network set-up
    SimTime containerStart = SimTime::ms(600); // image present, container starting
    SimTime readinessFirstCheck = SimTime::ms(200);
    SimTime nodeMonitorGrace = SimTime::s(40); // node controller: NotReady after this silence
    SimTime podEviction = SimTime::minutes(5); // pods on a NotReady node are evicted after this
    SimTime commandDefault = SimTime::ms(300); // one interactive command's own duration
    SimTime imagePull = SimTime::ms(1500);     // kubelet: pulling an image not yet on the node
    // kubelet: how long a deleted pod's containers take to stop. Real containers that handle
    // SIGTERM stop within moments; only ones ignoring it use the whole grace period (30 s).
    // kubenetsim assumes well-behaved containers: min(this, terminationGracePeriodSeconds).
    SimTime podTermination = SimTime::s(2);
    SimTime restartBackOff = SimTime::s(10);   // kubelet: first crash-loop back-off, doubling
    SimTime restartBackOffMax = SimTime::minutes(5);
};

struct ClusterConfig {
    std::string profile = "custom";
    Era era = Era::Modern;
    std::string kubernetesVersion;  // "v1.5.2+43a9be4", "v1.30.0"
    std::vector<NodeDef> nodes;
    std::string clusterPodCIDR;     // 172.17.0.0/16, 10.244.0.0/16
    std::string serviceCIDR;        // 172.30.0.0/16, 10.96.0.0/16
    std::string dnsIP;              // empty: no cluster DNS service
    std::string loadBalancerPool;   // addresses for type=LoadBalancer, e.g. 172.18.255.200/29
    int nodePortMin = 30000;
    int nodePortMax = 32767;
    ProxyConfig proxy;
    Latencies latency;
    std::int64_t startEpochSeconds = 0;  // wall clock at simulated time zero (Unix seconds, UTC)
    int tzOffsetMinutes = 0;             // display time zone, e.g. +60 for "+0100"
    std::string shellNode;               // the node the shell runs on by default
    std::string prompt = "$ ";           // shown before interactive commands
};

// Things a scenario fixes in advance so that it prints the same names and addresses for any seed.
struct Reservations {
    std::map<std::string, std::string> clusterIPs;  // "namespace/service" -> ClusterIP
    std::vector<std::string> podNames;              // consumed in order by generateName prefixes
};

} // namespace kns
