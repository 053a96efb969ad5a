#pragma once
// Internal to the describe printers: the era's tabwriter, and the sections several describers
// share (labels, annotations, containers, pod templates, events).
#include <string>
#include <string_view>
#include <vector>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/core/config.hpp>
#include <kubenetsim/kubectl/printers/tab_writer.hpp>

namespace kns {
class Simulation;
}

namespace kns::printers::detail {

class DescribeWriter {
public:
    explicit DescribeWriter(Era era);
    Era era() const { return m_era; }
    bool legacy() const { return m_era == Era::Legacy; }
    // Raw text: cells end with '\t', lines with '\n', as kubectl's Fprintf calls write them.
    DescribeWriter& operator<<(std::string_view text) {
        m_w.write(text);
        return *this;
    }
    // "Title:\tvalue\n" with an indent of `level` * 2 spaces.
    void field(std::string_view title, std::string_view value, int level = 0);
    // The finished text; legacy output has its tabs expanded to stops of 8.
    std::string finish();

private:
    Era m_era;
    TabWriter m_w;
};

// "Labels:\ta=1\n\tb=2\n" (or "<none>"); `title` may carry leading spaces ("  Labels").
void labelsMultiline(DescribeWriter& w, const std::string& title, const Labels& labels);
// Modern "Annotations:\tkey: value\n" (skipping kubectl's last-applied-configuration).
void annotationsMultiline(DescribeWriter& w, const std::string& title, const Labels& annotations);

// The Containers section; `space` is "" for pods and "  " inside a pod template. Statuses may
// be empty (templates).
void describeContainers(DescribeWriter& w, const Simulation& sim, const std::string& label, const std::vector<Container>& containers,
                        const std::vector<ContainerStatus>& statuses, const std::string& space);
// Modern "Pod Template:" section of RC, RS and Deployment.
void describePodTemplate(DescribeWriter& w, const Simulation& sim, const PodTemplateSpec& tmpl);
// Events of the object, in the era's table (or "No events." / "Events:\t<none>").
void describeEvents(DescribeWriter& w, const Simulation& sim, const std::string& kind, const std::string& ns, const std::string& name);

// "ReplicationController/rcsise" from the controller owner reference, "" when none.
std::string controllerOf(const ObjectMeta& meta);
// Running / Waiting / Succeeded / Failed counts of the pods a selector picks in a namespace.
struct PodCounts {
    int running = 0, waiting = 0, succeeded = 0, failed = 0;
};
PodCounts podCounts(const Simulation& sim, const std::string& ns, const LabelSelector& selector);
std::string podsStatusLine(const PodCounts& c);

} // namespace kns::printers::detail
