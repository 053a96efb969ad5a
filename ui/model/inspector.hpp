#pragma once
// What the Inspector panel shows for the object selected in the cluster view: the commands a
// student would type about it on a real cluster, each with the output kubenetsim's own commands
// give. They are computed from the simulation's state by the same pure functions the commands
// use, without running anything: nothing lands in the console and no simulated time passes.
//   pod      kubectl describe pod NAME [-n NS]; kubectl exec NAME [-n NS] -- ip addr
//   service  kubectl describe svc NAME [-n NS]
//   node     kubectl describe node NAME; ip addr and ip route on that node
// An object that no longer exists (a pod scaled away) gives no sections.
#include <string>
#include <vector>

namespace kns {
class Simulation;
}

namespace kns::ui {

struct InspectorSection {
    std::string command;  // as typed after the prompt
    std::string output;
};

// kind and key as Selection holds them ("pod", "default/rcsise-6nq3k"; "node", "localhost").
std::vector<InspectorSection> inspect(const Simulation& sim, const std::string& kind, const std::string& key);

} // namespace kns::ui
