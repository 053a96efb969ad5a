#pragma once
// Small formatters that kubectl's `get` tables and `describe` share.
#include <string>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>

namespace kns::printers {

std::string join(const std::vector<std::string>& parts, const std::string& sep);

// labels.FormatLabels: "a=1,b=2" sorted by key, "<none>" when empty.
std::string formatLabels(const Labels& labels);

// metav1.FormatLabelSelector: "app=sise", "tier in (a,b)", "!canary"; "<none>" when empty.
std::string formatSelector(const LabelSelector& selector);

// kubectl's formatEndpoints: "ip:port" for ready addresses, at most three, then " + N more...";
// only ports whose name is in `portNames` when given. "<none>" when there are no subsets.
std::string formatEndpoints(const Endpoints* endpoints, const std::vector<std::string>* portNames = nullptr);

// Service PORT(S): "80/TCP", "80:30080/TCP", joined by ",".
std::string servicePorts(const Service& svc);

// Container names and images of a pod spec, joined by "," (wide output, describe Image(s)).
std::string containerNames(const PodSpec& spec);
std::string containerImages(const PodSpec& spec);

// The node's Ready condition as STATUS: Ready, NotReady or Unknown, plus ",SchedulingDisabled".
std::string nodeStatus(const Node& node);
// node-role.kubernetes.io/<role> labels (and kubernetes.io/role), sorted and joined; "<none>".
std::string nodeRoles(const Node& node);

} // namespace kns::printers
