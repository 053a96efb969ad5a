#include <kubenetsim/trace/observer.hpp>

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace kns {

const char* traceKindName(TraceKind k) {
    switch (k) {
    case TraceKind::ObjectCreated: return "created";
    case TraceKind::ObjectChanged: return "changed";
    case TraceKind::ObjectDeleted: return "deleted";
    case TraceKind::PodPhase: return "pod-phase";
    case TraceKind::ControllerAction: return "controller";
    case TraceKind::Command: return "command";
    case TraceKind::PacketHop: return "packet-hop";
    case TraceKind::RuleEvaluated: return "rule";
    case TraceKind::Nat: return "nat";
    case TraceKind::ProxySync: return "proxy-sync";
    case TraceKind::Note: return "note";
    }
    return "?";
}

void ObserverHub::detach(Observer* o) { m_sinks.erase(std::remove(m_sinks.begin(), m_sinks.end(), o), m_sinks.end()); }

std::string formatTraceLine(const TraceRecord& r) {
    char t[48];
    std::snprintf(t, sizeof t, "[%lld.%06llds]", static_cast<long long>(r.time.nanos() / 1'000'000'000),
                  static_cast<long long>(r.time.nanos() % 1'000'000'000 / 1000));
    std::string line = std::string(t) + " " + traceKindName(r.kind) + " " + r.source;
    if (!r.subject.empty()) line += " " + r.subject;
    line += ": " + r.message;
    for (const auto& [k, v] : r.fields) line += " " + k + "=" + v;
    return line;
}

void TextTraceSink::onTrace(const TraceRecord& r) { m_out << formatTraceLine(r) << '\n'; }

void JsonLinesSink::onTrace(const TraceRecord& r) {
    nlohmann::ordered_json j;
    j["t_ns"] = r.time.nanos();
    j["kind"] = traceKindName(r.kind);
    j["source"] = r.source;
    j["subject"] = r.subject;
    j["message"] = r.message;
    for (const auto& [k, v] : r.fields) j[k] = v;
    m_out << j.dump() << '\n';
}

void FingerprintSink::onTrace(const TraceRecord& r) {
    for (unsigned char c : formatTraceLine(r)) {
        m_hash ^= c;
        m_hash *= 0x100000001b3ULL;
    }
    m_hash ^= '\n';
    m_hash *= 0x100000001b3ULL;
    ++m_count;
}

std::string FingerprintSink::hex() const {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(m_hash));
    return buf;
}

} // namespace kns
