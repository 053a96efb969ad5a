#pragma once
// The cluster view's layout, rebuilt only when what it is computed from changed. Laying out 1,000
// pods (reading them from the simulation, then placing them) costs about 2 ms, more than the rest
// of the view; while time passes the objects rarely change, so most frames reuse the last layout.
//
// A layout built at view time t stays exact while the objects' stamp (objects_stamp.hpp) is the
// same and the view time stays within [t, the next creation of a pod or Service after t): before
// that instant no pod or Service joins the picture. Pods fading in change only their alpha, which
// is refreshed in place (a loop over the pods) until the last fade ends.
//
// Contract: layout() equals layoutCluster(layoutInput(sim, viewTime)) after every update().
#include <cstdint>

#include <ui/model/cluster_layout.hpp>
#include <ui/model/objects_stamp.hpp>
#include <ui/model/ui_session.hpp>

namespace kns::ui {

class ClusterLayoutCache {
public:
    enum class Update { Kept, Faded, Rebuilt };
    Update update(const UiSession& session);

    const ClusterLayout& layout() const { return m_layout; }
    std::uint64_t rebuilds() const { return m_rebuilds; }

private:
    void rebuild(const Simulation& sim, SimTime viewTime);

    ClusterLayout m_layout;
    bool m_built = false;
    const Simulation* m_sim = nullptr;
    ObjectsStamp m_stamp;
    SimTime m_builtAt;    // the view time of the last rebuild
    SimTime m_nextJoin;   // the first creation of a pod or Service after m_builtAt (max when none)
    SimTime m_fadesEnd;   // when the last pod shown finishes fading in
    SimTime m_alphaAt;    // the view time the alphas were computed for
    std::uint64_t m_rebuilds = 0;
};

} // namespace kns::ui
