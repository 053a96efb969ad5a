#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/cluster/objects.hpp>

#include <algorithm>

namespace kns {

bool LabelSelector::matches(const Labels& labels) const {
    for (const auto& [k, v] : matchLabels) {
        auto it = labels.find(k);
        if (it == labels.end() || it->second != v) return false;
    }
    for (const auto& r : matchExpressions) {
        auto it = labels.find(r.key);
        const bool has = it != labels.end();
        auto in = [&] { return has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end(); };
        switch (r.op) {
        case SelectorRequirement::Op::In:
        case SelectorRequirement::Op::Equals:
            if (!in()) return false;
            break;
        case SelectorRequirement::Op::NotIn:
        case SelectorRequirement::Op::NotEquals:
            if (in()) return false;  // a missing label satisfies != and notin, as in Kubernetes
            break;
        case SelectorRequirement::Op::Exists:
            if (!has) return false;
            break;
        case SelectorRequirement::Op::DoesNotExist:
            if (has) return false;
            break;
        }
    }
    return true;
}

const char* kindName(Kind k) {
    switch (k) {
    case Kind::Namespace: return "Namespace";
    case Kind::Node: return "Node";
    case Kind::Pod: return "Pod";
    case Kind::ReplicationController: return "ReplicationController";
    case Kind::ReplicaSet: return "ReplicaSet";
    case Kind::Deployment: return "Deployment";
    case Kind::Service: return "Service";
    case Kind::Endpoints: return "Endpoints";
    case Kind::EndpointSlice: return "EndpointSlice";
    }
    return "?";
}

bool isNamespaced(Kind k) { return k != Kind::Namespace && k != Kind::Node; }

std::string objectKey(Kind k, const std::string& ns, const std::string& name) {
    return isNamespaced(k) ? ns + "/" + name : name;
}

} // namespace kns
