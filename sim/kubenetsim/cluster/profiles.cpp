// The two built-in clusters (their configuration; the objects they boot with are in
// boot_cluster.cpp).
#include <kubenetsim/cluster/profiles.hpp>

namespace kns {

namespace {

// The seed tutorial's cluster: `oc cluster up`/minishift with OpenShift Origin 1.5 in a
// VirtualBox VM. eth0 is VirtualBox's NAT interface (default route via 10.0.2.2), eth1 the
// host-only network the node is known by, docker0 the bridge every pod hangs off.
ClusterConfig legacyProfile() {
    ClusterConfig c;
    c.profile = "legacy";
    c.era = Era::Legacy;
    c.kubernetesVersion = "v1.5.2+43a9be4";
    NodeDef n;
    n.name = "localhost";
    n.interfaces = {
        {"lo", "127.0.0.1/8", "loopback", false, ""},
        {"eth0", "10.0.2.15/24", "ether", true, "10.0.2.2"},
        {"eth1", "192.168.99.100/24", "ether", false, ""},
        {"docker0", "172.17.0.1/16", "bridge", false, ""},
    };
    n.internalIP = "192.168.99.100";
    n.podCIDR = "172.17.0.0/16";
    n.podGateway = "172.17.0.1";
    n.labels = {{"beta.kubernetes.io/arch", "amd64"}, {"beta.kubernetes.io/os", "linux"}, {"kubernetes.io/hostname", "localhost"}};
    c.nodes = {n};
    c.clusterPodCIDR = "172.17.0.0/16";
    c.serviceCIDR = "172.30.0.0/16";
    c.dnsIP = "172.30.0.1";  // OpenShift 3.5 serves cluster DNS from the master, behind `kubernetes`
    c.proxy.clusterCIDR = "";  // the seed's iptables-save shows no "! -s CIDR -j KUBE-MARK-MASQ"
    c.proxy.masqueradeAll = false;
    c.proxy.minSyncPeriod = SimTime::zero();  // v1.5: every Service/Endpoints update syncs at once
    // syncPeriod keeps the 30 s default: v1.5's --iptables-sync-period default is not confirmed,
    // and 30 s is that of every later release read.
    c.startEpochSeconds = 1493128020;  // Tue, 25 Apr 2017 13:47:00 UTC, the day of the seed
    c.tzOffsetMinutes = 60;            // the seed prints +0100
    c.shellNode = "localhost";
    c.prompt = "[cluster] $ ";
    return c;
}

NodeDef kindNode(const std::string& name, const std::string& ip, int index) {
    NodeDef n;
    n.name = name;
    n.interfaces = {
        {"lo", "127.0.0.1/8", "loopback", false, ""},
        {"eth0", ip + "/16", "ether", true, "172.18.0.1"},
    };
    n.internalIP = ip;
    n.podCIDR = "10.244." + std::to_string(index) + ".0/24";
    n.podGateway = "10.244." + std::to_string(index) + ".1";
    n.labels = {{"beta.kubernetes.io/arch", "amd64"}, {"beta.kubernetes.io/os", "linux"}, {"kubernetes.io/arch", "amd64"},
                {"kubernetes.io/hostname", name}, {"kubernetes.io/os", "linux"}};
    return n;
}

// A kind cluster of today: one control plane and two workers on the docker network
// 172.18.0.0/16, kindnet handing each node a /24 of 10.244.0.0/16.
ClusterConfig modernProfile() {
    ClusterConfig c;
    c.profile = "modern";
    c.era = Era::Modern;
    c.kubernetesVersion = "v1.30.0";
    NodeDef cp = kindNode("kind-control-plane", "172.18.0.2", 0);
    cp.roles = {"control-plane"};
    cp.schedulable = false;  // the node-role.kubernetes.io/control-plane:NoSchedule taint
    cp.labels["node-role.kubernetes.io/control-plane"] = "";
    cp.labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    c.nodes = {cp, kindNode("kind-worker", "172.18.0.3", 1), kindNode("kind-worker2", "172.18.0.4", 2)};
    c.clusterPodCIDR = "10.244.0.0/16";
    c.serviceCIDR = "10.96.0.0/16";
    c.dnsIP = "10.96.0.10";
    c.loadBalancerPool = "172.18.255.200/29";
    c.proxy.clusterCIDR = "10.244.0.0/16";
    c.startEpochSeconds = 1717408800;  // Mon, 3 Jun 2024 10:00:00 UTC
    c.tzOffsetMinutes = 0;
    c.shellNode = "kind-control-plane";
    c.prompt = "$ ";
    return c;
}

} // namespace

std::optional<ClusterConfig> builtinProfile(const std::string& name) {
    if (name == "legacy") return legacyProfile();
    if (name == "modern") return modernProfile();
    return std::nullopt;
}

} // namespace kns
