#pragma once
// A scenario's `cluster` section: the same facts as ClusterConfig (core/config.hpp) in the
// scenario's snake_case JSON. Alone it defines a cluster from scratch (era and nodes required);
// next to `profile` it overrides that profile's fields (a given list, such as nodes, replaces
// the profile's whole list).
//
//   "cluster": {
//     "era": "legacy" | "modern",  "kubernetes_version": "v1.5.2",
//     "nodes": [{"name": "n1", "internal_ip": "192.168.99.100", "pod_cidr": "172.17.0.0/16",
//                "pod_gateway": "172.17.0.1", "roles": ["master"], "schedulable": true,
//                "labels": {"k": "v"},
//                "interfaces": [{"name": "eth0", "address": "10.0.2.15/24", "kind": "ether",
//                                "default_route": true, "gateway": "10.0.2.2"}]}],
//     "pod_cidr": "...", "service_cidr": "...", "dns_ip": "...", "load_balancer_pool": "...",
//     "node_port_range": "30000-32767",
//     "kube_proxy": {"cluster_cidr": "", "masquerade_all": false, "min_sync_period": "1s", "sync_period": "30s"},
//     "latencies": {"watch": "50ms", "controller_work": ..., "schedule": ..., "sandbox": ...,
//                   "container_start": ..., "readiness_first_check": ..., "node_monitor_grace": ...,
//                   "pod_eviction": ..., "command_default": ...},
//     "shell_node": "n1", "prompt": "[cluster] $ "
//   }
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/scenario/json_checker.hpp>

namespace kns::scenario {

// Reads the definition at `path` onto `into`, reporting every problem to `checker`.
// standalone: no profile underneath, so `era` and `nodes` are required.
void readClusterDefinition(JsonChecker& checker, const Json& def, const std::string& path, bool standalone, ClusterConfig& into);

// Applies an already validated definition (Scenario::clusterDefinition) onto a profile's config.
void applyClusterDefinition(const Json& def, ClusterConfig& into);

// "10.0.2.15" (cidr false) or "10.0.2.0/24" (cidr true).
bool validIPv4(const std::string& text, bool cidr);

} // namespace kns::scenario
