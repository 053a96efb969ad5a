#include <doctest/doctest.h>

#include <string>

#include <ui/model/wire_index.hpp>

#include "tutorial_session.hpp"

using namespace kns;
using namespace kns::ui;
using namespace kns::ui::testing;

namespace {

// The answer by scanning the namespaces, as the fabric chooses: what the index must agree with.
WireIndex::End scanned(const Simulation& sim, const HopRecord& hop) {
    const auto& all = sim.state().dataPlane.namespaces;
    auto self = all.find(hop.ns);
    if (self == all.end()) return {};
    const net::Interface* out = self->second.findInterface(hop.result.egress);
    if (!out) return {};
    auto owns = [&](const std::string& nsKey, const std::string& ifname) {
        auto ns = all.find(nsKey);
        const net::Interface* i = ns == all.end() ? nullptr : ns->second.findInterface(ifname);
        if (i)
            for (const auto& a : i->addresses)
                if (a.address == hop.result.nextHop) return true;
        return false;
    };
    if (out->kind == "veth") return {out->peerNamespace, out->peerInterface};
    if (out->kind == "bridge") {
        for (const net::Interface& port : self->second.interfaces)
            if (port.master == out->name && owns(port.peerNamespace, port.peerInterface)) return {port.peerNamespace, port.peerInterface};
        return {};
    }
    if (!out->segment.empty())
        for (const auto& [key, ns] : all)
            if (key != hop.ns)
                for (const net::Interface& i : ns.interfaces)
                    if (i.segment == out->segment && owns(key, i.name)) return {key, i.name};
    return {};
}

} // namespace

TEST_CASE("the wire index names the same far end as a scan of the namespaces, before and after a pod is replaced") {
    auto s = tutorialSession(true);
    const std::size_t before = s->sim().state().dataPlane.transport.hops.size();
    for (int i = 0; i < 6; ++i) s->run(std::string("curl ") + kVip + ":80/info");
    const auto& hops = s->sim().state().dataPlane.transport.hops;
    WireIndex index;
    auto checkAll = [&](bool& sawBridge) {
        index.sync(s->sim());
        for (std::size_t i = before; i < hops.size(); ++i) {
            const HopRecord& h = hops[i];
            if (h.result.outcome != net::Outcome::Forward || !h.note.empty()) continue;
            const WireIndex::End want = scanned(s->sim(), h);
            CHECK(index.wireEnd(s->sim(), h) == want);
            sawBridge = sawBridge || want.first.rfind("pod/", 0) == 0;
        }
    };
    bool toPod = false;
    checkAll(toPod);
    CHECK(toPod);  // the node bridged packets to the pods

    // The pod that answered goes; its replacement may take its address (or another): the index
    // must not name the gone pod's namespace for the old hops' next hop.
    REQUIRE(s->run("kubectl delete pod rcsise-6nq3k").result.status == 0);
    s->advanceView(SimTime::s(60));
    REQUIRE_FALSE(s->sim().state().dataPlane.namespaces.count("pod/default/rcsise-6nq3k"));
    bool unused = false;
    checkAll(unused);
}
