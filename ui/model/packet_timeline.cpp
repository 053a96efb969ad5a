#include <ui/model/packet_timeline.hpp>

#include <algorithm>

namespace kns::ui {

namespace {

using Cursor = Selection::PacketCursor;

bool hasRules(const net::StackStep& s) { return s.hasHook && !s.trace.steps.empty(); }

// The first hook step at or after `from` (before, when backwards) that walked rules; -1 if none.
int ruleStep(const HopRecord& h, int from, bool backwards) {
    const int n = static_cast<int>(h.result.steps.size());
    for (int i = from; i >= 0 && i < n; i += backwards ? -1 : 1)
        if (hasRules(h.result.steps[static_cast<std::size_t>(i)])) return i;
    return -1;
}

Cursor lastRuleOf(const std::vector<HopRecord>& hops, int hop) {
    const HopRecord& h = hops[static_cast<std::size_t>(hop)];
    const int step = ruleStep(h, static_cast<int>(h.result.steps.size()) - 1, true);
    if (step < 0) return Cursor{hop, -1, -1};
    return Cursor{hop, step, static_cast<int>(h.result.steps[static_cast<std::size_t>(step)].trace.steps.size()) - 1};
}

// What identifies one packet from the wire it left by to the hop that received it: everything but
// the TTL (decremented by the forwarding namespace) and the mark (it lives in one namespace only).
// The numbers go in as raw bytes, not text (a key is never shown): a load's thousands of hops are
// read in one frame, and formatting nine numbers per hop showed in that frame's time.
std::string packetKey(const net::Packet& p) {
    std::string k;
    k.reserve(p.proto.size() + p.icmpType.size() + 40);
    k += p.proto;
    k += '|';  // the fixed-size fields follow
    for (std::uint32_t v : {p.src.value, p.dst.value, std::uint32_t{p.sport}, std::uint32_t{p.dport}, p.seq, p.ackNo, p.length,
                            std::uint32_t{p.icmpId}, std::uint32_t{p.icmpSeq}})
        k.append(reinterpret_cast<const char*>(&v), sizeof v);
    k += static_cast<char>((p.syn ? 1 : 0) | (p.ack ? 2 : 0) | (p.fin ? 4 : 0) | (p.rst ? 8 : 0));
    return k + p.icmpType;
}

} // namespace

ArrivalTimes inFlightArrivals(const std::vector<EventQueue::Scheduled>& pending) {
    ArrivalTimes out;
    for (const auto& s : pending)
        if (s.event.target == Component::Network && s.event.kind == 1)  // dataplane::kPacketArrives
            out[static_cast<std::uint64_t>(s.event.arg)] = s.time;
    return out;
}

void PacketTimeline::update(const Simulation& sim) {
    const std::vector<HopRecord>& hops = sim.state().dataPlane.transport.hops;
    const std::uint64_t dropped = sim.state().dataPlane.transport.hopsDropped;
    if (dropped != m_dropped) {
        if (dropped > m_dropped && dropped - m_dropped <= m_seen) {
            forget(static_cast<std::size_t>(dropped - m_dropped));
        } else {
            *this = PacketTimeline{};  // a restored snapshot, or more dropped than was read
        }
        m_dropped = dropped;
    }
    const bool replaced = hops.size() < m_seen ||
                          (m_seen > 0 && (hops[m_seen - 1].at != m_lastAt || hops[m_seen - 1].ns != m_lastNs));
    if (replaced) *this = PacketTimeline{};
    if (hops.size() == m_seen) return;
    read(sim, m_seen);
    m_seen = hops.size();
    m_lastAt = hops.back().at;
    m_lastNs = hops.back().ns;
}

void PacketTimeline::forget(std::size_t n) {
    auto shift = [n](int& hop) { hop = hop < static_cast<int>(n) ? -1 : hop - static_cast<int>(n); };
    const auto front = static_cast<std::ptrdiff_t>(n);
    m_journeyOf.erase(m_journeyOf.begin(), m_journeyOf.begin() + front);
    m_next.erase(m_next.begin(), m_next.begin() + front);
    m_previous.erase(m_previous.begin(), m_previous.begin() + front);
    for (int& h : m_next) shift(h);
    for (int& h : m_previous) shift(h);
    // Journeys lose their dropped hops; those left with none go, and the others are renumbered.
    std::vector<int> renumbered(m_journeys.size(), -1);
    std::vector<PacketJourney> kept;
    for (std::size_t j = 0; j < m_journeys.size(); ++j) {
        PacketJourney& journey = m_journeys[j];
        std::erase_if(journey.hops, [n](int h) { return h < static_cast<int>(n); });
        if (journey.hops.empty()) continue;
        for (int& h : journey.hops) shift(h);
        renumbered[j] = static_cast<int>(kept.size());
        kept.push_back(std::move(journey));
    }
    m_journeys = std::move(kept);
    for (int& j : m_journeyOf)
        if (j >= 0) j = renumbered[static_cast<std::size_t>(j)];
    // A wire whose sender is gone cannot be drawn from it.
    std::erase_if(m_wires, [n](const Wire& w) { return w.from < static_cast<int>(n); });
    for (Wire& w : m_wires) {
        shift(w.from);
        shift(w.to);
    }
    for (auto it = m_open.begin(); it != m_open.end();) {
        std::erase_if(it->second, [n](const OpenSender& o) { return o.hop < static_cast<int>(n); });
        for (OpenSender& o : it->second) shift(o.hop);
        it = it->second.empty() ? m_open.erase(it) : std::next(it);
    }
    m_seen -= n;
}

int PacketTimeline::replyJourney(const std::vector<HopRecord>& hops, int j) const {
    if (j < 0 || static_cast<std::size_t>(j) >= m_journeys.size() || m_journeys[static_cast<std::size_t>(j)].hops.empty()) return -1;
    const net::Packet& sent = hops[static_cast<std::size_t>(m_journeys[static_cast<std::size_t>(j)].hops.front())].before;
    const std::size_t end = std::min(m_journeys.size(), static_cast<std::size_t>(j) + 1 + kReplySearch);
    for (std::size_t k = static_cast<std::size_t>(j) + 1; k < end; ++k) {
        const PacketJourney& r = m_journeys[k];
        if (!r.reply || r.hops.empty()) continue;
        const net::Packet& got = hops[static_cast<std::size_t>(r.hops.back())].after;
        if (got.proto == sent.proto && got.dst == sent.src && got.dport == sent.sport && got.src == sent.dst && got.sport == sent.dport)
            return static_cast<int>(k);
    }
    return -1;
}

bool isReplyHop(const HopRecord& hop) {
    for (const net::StackStep& s : hop.result.steps)
        if (s.kind == "conntrack") return s.text.rfind("reply", 0) == 0;  // "reply of connection #N"
    return false;
}

void PacketTimeline::read(const Simulation& sim, std::size_t from) {
    const std::vector<HopRecord>& hops = sim.state().dataPlane.transport.hops;
    m_fabric.sync(sim);
    m_journeyOf.resize(hops.size(), -1);
    m_next.resize(hops.size(), -1);
    m_previous.resize(hops.size(), -1);
    for (std::size_t i = from; i < hops.size(); ++i) {
        const HopRecord& h = hops[i];
        const int index = static_cast<int>(i);
        int journey = -1;
        if (!h.inIface.empty()) {  // received: find the hop that put it on this wire
            auto open = m_open.find(packetKey(h.before));
            if (open != m_open.end()) {
                auto& senders = open->second;
                for (auto it = senders.rbegin(); it != senders.rend(); ++it) {
                    if (!it->toNs.empty() && it->toNs != h.ns) continue;
                    const int sender = it->hop;
                    senders.erase(std::next(it).base());
                    m_next[static_cast<std::size_t>(sender)] = index;
                    m_previous[i] = sender;
                    journey = m_journeyOf[static_cast<std::size_t>(sender)];
                    m_wires.push_back(Wire{sender, index});
                    m_longestWire = std::max(m_longestWire, h.at - hops[static_cast<std::size_t>(sender)].at);
                    break;
                }
                if (senders.empty()) m_open.erase(open);
            }
        }
        if (journey < 0) {  // sent here (or its sender was not recorded): a new journey
            journey = static_cast<int>(m_journeys.size());
            m_journeys.push_back(PacketJourney{{}, isReplyHop(h)});
        }
        m_journeys[static_cast<std::size_t>(journey)].hops.push_back(index);
        m_journeyOf[i] = journey;
        if (h.result.outcome == net::Outcome::Forward && h.note.empty())
            m_open[packetKey(h.after)].push_back(OpenSender{index, m_fabric.wireEnd(sim, h).first});
    }
}

int PacketTimeline::journeyOf(int hop) const {
    return hop >= 0 && static_cast<std::size_t>(hop) < m_journeyOf.size() ? m_journeyOf[static_cast<std::size_t>(hop)] : -1;
}

int PacketTimeline::nextInJourney(int hop) const {
    return hop >= 0 && static_cast<std::size_t>(hop) < m_next.size() ? m_next[static_cast<std::size_t>(hop)] : -1;
}

int PacketTimeline::previousInJourney(int hop) const {
    return hop >= 0 && static_cast<std::size_t>(hop) < m_previous.size() ? m_previous[static_cast<std::size_t>(hop)] : -1;
}

std::vector<PacketOnLink> PacketTimeline::onLinksAt(const Simulation& sim, SimTime t, const ArrivalTimes& arrivals) const {
    const std::vector<HopRecord>& hops = sim.state().dataPlane.transport.hops;
    std::vector<PacketOnLink> out;
    auto add = [&](int journey, int fromHop, const std::string& fromNs, const std::string& toNs, const std::string& toIface,
                   SimTime sent, SimTime arrives, const net::Packet& packet) {
        PacketOnLink p;
        p.journey = journey;
        p.fromHop = fromHop;
        p.fromNs = fromNs;
        p.toNs = toNs;
        p.toIface = toIface;
        const double span = static_cast<double>((arrives - sent).nanos());
        p.position = span > 0 ? static_cast<double>((t - sent).nanos()) / span : 1.0;
        p.reply = journey >= 0 ? m_journeys[static_cast<std::size_t>(journey)].reply : false;
        p.packet = packet;
        out.push_back(std::move(p));
    };
    if (hops.size() >= m_seen) {
        // Wires are in the order their packets arrived; those on a link at t arrive after t and
        // no later than the longest wire time after it.
        auto first = std::upper_bound(m_wires.begin(), m_wires.end(), t, [&](SimTime at, const Wire& w) {
            return at < hops[static_cast<std::size_t>(w.to)].at;
        });
        for (auto it = first; it != m_wires.end(); ++it) {
            const HopRecord& from = hops[static_cast<std::size_t>(it->from)];
            const HopRecord& to = hops[static_cast<std::size_t>(it->to)];
            if (to.at > t + m_longestWire) break;
            if (from.at > t) continue;
            add(m_journeyOf[static_cast<std::size_t>(it->from)], it->from, from.ns, to.ns, to.inIface, from.at, to.at, from.after);
        }
    }
    for (const auto& [id, f] : sim.state().dataPlane.transport.inFlight) {
        auto arrival = arrivals.find(id);
        if (f.loopback || f.sentAt > t || arrival == arrivals.end() || arrival->second <= t) continue;
        int fromHop = -1;
        auto open = m_open.find(packetKey(f.packet));
        if (open != m_open.end())
            for (const OpenSender& s : open->second)
                if (hops[static_cast<std::size_t>(s.hop)].ns == f.fromNs) fromHop = s.hop;
        add(journeyOf(fromHop), fromHop, f.fromNs, f.toNs, f.toIface, f.sentAt, arrival->second, f.packet);
    }
    return out;
}

std::vector<int> PacketTimeline::hopsAt(const std::vector<HopRecord>& hops, SimTime t) {
    std::vector<int> out;
    auto first = std::lower_bound(hops.begin(), hops.end(), t, [](const HopRecord& h, SimTime at) { return h.at < at; });
    for (auto it = first; it != hops.end() && it->at == t; ++it) out.push_back(static_cast<int>(it - hops.begin()));
    return out;
}

Cursor PacketTimeline::firstRuleOf(const std::vector<HopRecord>& hops, int hop) {
    if (hop < 0 || static_cast<std::size_t>(hop) >= hops.size()) return {};
    const int step = ruleStep(hops[static_cast<std::size_t>(hop)], 0, false);
    return step < 0 ? Cursor{hop, -1, -1} : Cursor{hop, step, 0};
}

Cursor PacketTimeline::nextRule(const std::vector<HopRecord>& hops, Cursor c) const {
    if (!c.valid() || static_cast<std::size_t>(c.hop) >= hops.size()) return {};
    const HopRecord& h = hops[static_cast<std::size_t>(c.hop)];
    if (c.stackStep >= 0 && static_cast<std::size_t>(c.stackStep) < h.result.steps.size()) {
        const auto& trace = h.result.steps[static_cast<std::size_t>(c.stackStep)].trace.steps;
        if (c.rule + 1 < static_cast<int>(trace.size())) return Cursor{c.hop, c.stackStep, c.rule + 1};
    }
    const int step = ruleStep(h, c.stackStep + 1, false);
    if (step >= 0) return Cursor{c.hop, step, 0};
    // On to the journey's next hop that walked rules.
    for (int next = nextInJourney(c.hop); next >= 0; next = nextInJourney(next)) {
        const Cursor first = firstRuleOf(hops, next);
        if (first.stackStep >= 0) return first;
    }
    return {};
}

Cursor PacketTimeline::previousRule(const std::vector<HopRecord>& hops, Cursor c) const {
    if (!c.valid() || static_cast<std::size_t>(c.hop) >= hops.size()) return {};
    const HopRecord& h = hops[static_cast<std::size_t>(c.hop)];
    if (c.stackStep >= 0 && c.rule > 0) return Cursor{c.hop, c.stackStep, c.rule - 1};
    const int step = c.stackStep > 0 ? ruleStep(h, c.stackStep - 1, true) : -1;
    if (step >= 0) return Cursor{c.hop, step, static_cast<int>(h.result.steps[static_cast<std::size_t>(step)].trace.steps.size()) - 1};
    for (int prev = previousInJourney(c.hop); prev >= 0; prev = previousInJourney(prev)) {
        const Cursor last = lastRuleOf(hops, prev);
        if (last.stackStep >= 0) return last;
    }
    return {};
}

Cursor PacketTimeline::nextHop(const std::vector<HopRecord>& hops, Cursor c) const {
    const int next = nextInJourney(c.hop);
    return next < 0 ? Cursor{} : firstRuleOf(hops, next);
}

} // namespace kns::ui
