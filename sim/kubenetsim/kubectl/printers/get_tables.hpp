#pragma once
// `kubectl get` output for the kinds kubenetsim models, in the layout of the simulation's era:
//  - Legacy (kubectl 1.5): tabwriter minimum width 10, padding 3; columns of 1.5 (svc without
//    TYPE, deploy with DESIRED/CURRENT), short ages, `get all` names prefixed "po/", "rc/", "svc/".
//  - Modern (kubectl 1.30): minimum width 6, padding 3; today's columns (svc TYPE, deploy READY
//    n/m, node ROLES and VERSION, pod RESTARTS "3 (5m ago)"), `get all` prefixes "pod/",
//    "service/", "deployment.apps/".
// These are pure functions of the simulation's state and clock; choosing which objects to show
// (namespace, label selector, names) is the caller's job: it passes object keys ("ns/name", or
// "name" for nodes and namespaces). Keys that name no object are skipped.
#include <string>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>  // formatLabels, formatSelector, ...

namespace kns {
class Simulation;
struct Pod;
}

namespace kns::printers {

struct TableOptions {
    bool wide = false;           // -o wide
    bool showLabels = false;     // --show-labels: a LABELS column last
    bool allNamespaces = false;  // -A / --all-namespaces: a NAMESPACE column first
    bool noHeaders = false;      // --no-headers
    bool withKind = false;       // names prefixed by the kind ("po/x", "pod/x"), as `get all` does
    bool showAll = false;        // legacy only: also list Succeeded/Failed pods (1.5 hides them)
};

// The table for objects of one kind, header included; "" when no key names an object (the
// caller then prints noResourcesMessage() on stderr, as kubectl does).
std::string printTable(const Simulation& sim, Kind kind, const std::vector<std::string>& keys, const TableOptions& options);

// One group of `get all`: a kind and the keys of its objects to show.
struct KindKeys {
    Kind kind;
    std::vector<std::string> keys;
};
// The kinds `kubectl get all` lists, in the order the era's kubectl prints them.
std::vector<Kind> getAllKinds(Era era);
// `get all`: each non-empty group's table (names prefixed with the kind), separated by a blank
// line. "" when every group is empty.
std::string printGetAll(const Simulation& sim, const std::vector<KindKeys>& groups, TableOptions options);

// `-o name`: one "resource/name" line per object ("pod/x", modern "deployment.apps/x").
std::string printNames(const Simulation& sim, Kind kind, const std::vector<std::string>& keys);

// What `get` says on stderr when nothing matched: legacy "No resources found.", modern
// "No resources found in default namespace." (or "No resources found" across namespaces or for
// cluster-scoped kinds). Ends with a newline.
std::string noResourcesMessage(Era era, const std::string& ns, bool allNamespaces, bool namespacedKind = true);

// The kind's name as `get all` prefixes it: legacy short form ("po", "rc", "svc", "deploy",
// "rs", "ep", "no", "ns"), modern resource[.group] ("pod", "deployment.apps").
std::string kindPrefix(Era era, Kind kind);
// The kind's name as -o name and action messages use it: "pod", "replicationcontroller";
// modern adds the API group ("deployment.apps", "replicaset.apps").
std::string resourceName(Era era, Kind kind);

// Pod columns as kubectl computes them (shared with describe and with tests).
struct PodSummary {
    int ready = 0;
    int total = 0;
    std::string status;    // Running, ContainerCreating, CrashLoopBackOff, Terminating, ...
    int restarts = 0;
    std::string restartsText;  // "0", modern "3 (5m ago)"
};
PodSummary summarizePod(const Simulation& sim, const Pod& pod);

} // namespace kns::printers
