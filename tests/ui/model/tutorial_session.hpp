#pragma once
// The Services tutorial's cluster brought to the point where the node can curl the Service's
// virtual IP, for the view models' tests: the ReplicationController and the Service applied, the
// pods up, and (with twoPods) scaled to two replicas.
#include <memory>
#include <string>

#include <doctest/doctest.h>

#include <ui/model/ui_session.hpp>

namespace kns::ui::testing {

inline const char* kVip = "172.30.228.255";
inline const char* kSvcChain = "KUBE-SVC-EZC6WLOVQADP4IAW";

inline std::unique_ptr<UiSession> tutorialSession(bool twoPods) {
    auto opened = UiSession::open({});
    REQUIRE(opened.ok());
    std::unique_ptr<UiSession> s = std::move(*opened);
    s->run("kubectl apply -f https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/services/rc.yaml");
    s->run("kubectl apply -f https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/services/svc.yaml");
    s->advanceView(SimTime::s(57));
    if (twoPods) {
        REQUIRE(s->run("kubectl scale --replicas=2 rc/rcsise").result.status == 0);
        s->advanceView(SimTime::s(5));
    }
    return s;
}

// Index of the first recorded hop at or after `from` in namespace `ns` whose packet (as it
// arrived or was sent) goes to `dst`; -1 if none.
inline int findHop(const UiSession& s, std::size_t from, const std::string& ns, const std::string& dst, bool syn) {
    const auto& hops = s.sim().state().dataPlane.transport.hops;
    for (std::size_t i = from; i < hops.size(); ++i)
        if (hops[i].ns == ns && hops[i].before.dst.str() == dst && hops[i].before.syn == syn) return static_cast<int>(i);
    return -1;
}

} // namespace kns::ui::testing
