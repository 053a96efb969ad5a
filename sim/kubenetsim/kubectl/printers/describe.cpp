#include <kubenetsim/kubectl/printers/describe.hpp>

#include <kubenetsim/core/simulation.hpp>

namespace kns::printers {

namespace detail {
std::string describePod(const Simulation& sim, const Pod& pod);
std::string describeService(const Simulation& sim, const Service& svc);
std::string describeEndpoints(const Simulation& sim, const Endpoints& ep);
std::string describeReplicationController(const Simulation& sim, const ReplicationController& rc);
std::string describeReplicaSet(const Simulation& sim, const ReplicaSet& rs);
std::string describeDeployment(const Simulation& sim, const Deployment& d);
std::string describeNode(const Simulation& sim, const Node& node);
} // namespace detail

namespace {
template <class T, class Fn> std::optional<std::string> with(const Simulation& sim, const std::string& key, Fn fn) {
    const auto& m = sim.objects().of<T>();
    auto it = m.find(key);
    if (it == m.end()) return std::nullopt;
    return fn(sim, it->second);
}
} // namespace

std::optional<std::string> describe(const Simulation& sim, Kind kind, const std::string& key) {
    switch (kind) {
    case Kind::Pod: return with<Pod>(sim, key, detail::describePod);
    case Kind::Service: return with<Service>(sim, key, detail::describeService);
    case Kind::Endpoints: return with<Endpoints>(sim, key, detail::describeEndpoints);
    case Kind::ReplicationController: return with<ReplicationController>(sim, key, detail::describeReplicationController);
    case Kind::ReplicaSet: return with<ReplicaSet>(sim, key, detail::describeReplicaSet);
    case Kind::Deployment: return with<Deployment>(sim, key, detail::describeDeployment);
    case Kind::Node: return with<Node>(sim, key, detail::describeNode);
    case Kind::Namespace:
    case Kind::EndpointSlice: return std::nullopt;
    }
    return std::nullopt;
}

std::string describeAll(const Simulation& sim, Kind kind, const std::vector<std::string>& keys) {
    std::string out;
    bool first = true;
    for (const auto& key : keys) {
        auto text = describe(sim, kind, key);
        if (!text) continue;
        if (!first) out += "\n\n";
        first = false;
        out += *text;
    }
    return out;
}

} // namespace kns::printers
