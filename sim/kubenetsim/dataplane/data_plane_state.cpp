#include <kubenetsim/dataplane/data_plane_state.hpp>

namespace kns {

void recordCapture(DataPlaneState& dp, net::CapturedPacket packet) {
    if (dp.capture.size() >= kCaptureLimit) {
        // Dropping a tenth at once keeps recording amortised O(1) (a ring would too, but then
        // snapshots and the pcap writer would have to know where it starts).
        const std::size_t drop = kCaptureLimit / 10;
        dp.capture.erase(dp.capture.begin(), dp.capture.begin() + static_cast<std::ptrdiff_t>(drop));
        dp.captureDropped += drop;
    }
    dp.capture.push_back(std::move(packet));
}

LinkSettings linkSettings(const DataPlaneState& dp, const std::string& node) {
    auto it = dp.links.find(node);
    return it == dp.links.end() ? LinkSettings{} : it->second;
}

} // namespace kns
