#include <ui/model/cluster_layout_cache.hpp>

#include <algorithm>

namespace kns::ui {

ClusterLayoutCache::Update ClusterLayoutCache::update(const UiSession& session) {
    const Simulation& sim = session.sim();
    const SimTime t = session.viewTime();
    const ObjectsStamp stamp = objectsStamp(session);
    if (!m_built || m_sim != &sim || stamp != m_stamp || t < m_builtAt || t >= m_nextJoin) {
        m_sim = &sim;
        m_stamp = stamp;
        rebuild(sim, t);
        return Update::Rebuilt;
    }
    if (t != m_alphaAt && m_alphaAt < m_fadesEnd) {
        for (PodLayout& p : m_layout.pods) p.alpha = podAlpha(p.pod, t);
        m_alphaAt = t;
        return Update::Faded;
    }
    return Update::Kept;
}

void ClusterLayoutCache::rebuild(const Simulation& sim, SimTime viewTime) {
    m_layout = layoutCluster(layoutInput(sim, viewTime));
    m_built = true;
    m_builtAt = m_alphaAt = viewTime;
    ++m_rebuilds;
    // The layout leaves out what the view has not reached yet: it is stale from the first such
    // creation on. (Unbound pods are left out too, but binding one is an update the stamp sees.)
    m_nextJoin = SimTime::max();
    for (const auto& [key, pod] : sim.objects().pods)
        if (pod.meta.creationTimestamp > viewTime) m_nextJoin = std::min(m_nextJoin, pod.meta.creationTimestamp);
    for (const auto& [key, svc] : sim.objects().services)
        if (svc.meta.creationTimestamp > viewTime) m_nextJoin = std::min(m_nextJoin, svc.meta.creationTimestamp);
    m_fadesEnd = SimTime::zero();
    for (const PodLayout& p : m_layout.pods) m_fadesEnd = std::max(m_fadesEnd, p.pod.created + ClusterLayout::kFadeIn);
}

} // namespace kns::ui
