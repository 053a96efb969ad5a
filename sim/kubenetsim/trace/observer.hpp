#pragma once
// One observer interface carries every significant happening out of the model to its sinks:
// the text trace, the JSON-lines trace, the regression fingerprint, and (later) the GUI.
// Sinks receive const& records and never change the model.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <kubenetsim/time/sim_time.hpp>

namespace kns {

enum class TraceKind : std::uint8_t {
    ObjectCreated,
    ObjectChanged,
    ObjectDeleted,
    PodPhase,
    ControllerAction,
    Command,
    PacketHop,
    RuleEvaluated,
    Nat,
    ProxySync,
    Note,
};
const char* traceKindName(TraceKind k);

struct TraceRecord {
    SimTime time;
    TraceKind kind = TraceKind::Note;
    std::string source;   // who acted: "replication-manager", "kubelet/localhost", "kubectl"
    std::string subject;  // what it concerns: "pod/default/rcsise-6nq3k"
    std::string message;  // one human-readable line
    std::vector<std::pair<std::string, std::string>> fields;  // structured detail, in order
};

class Observer {
public:
    virtual ~Observer() = default;
    virtual void onTrace(const TraceRecord& record) = 0;
};

// Fan-out to every attached sink. Emitting is cheap when nothing is attached: callers can test
// active() before building a record.
class ObserverHub {
public:
    void attach(Observer* o) { m_sinks.push_back(o); }
    void detach(Observer* o);
    bool active() const { return !m_sinks.empty(); }
    void emit(const TraceRecord& r) const {
        for (Observer* o : m_sinks) o->onTrace(r);
    }

private:
    std::vector<Observer*> m_sinks;
};

// "[12.500s] controller replication-manager pod/default/rcsise-6nq3k: created pod"
class TextTraceSink : public Observer {
public:
    explicit TextTraceSink(std::ostream& out) : m_out(out) {}
    void onTrace(const TraceRecord& r) override;

private:
    std::ostream& m_out;
};

// One JSON object per line: {"t_ns":..., "kind":..., "source":..., "subject":..., "message":..., fields...}
class JsonLinesSink : public Observer {
public:
    explicit JsonLinesSink(std::ostream& out) : m_out(out) {}
    void onTrace(const TraceRecord& r) override;

private:
    std::ostream& m_out;
};

// A running 64-bit FNV-1a hash over every record's canonical text. Two runs with the same seed
// and the same input have equal fingerprints; any divergence changes it.
class FingerprintSink : public Observer {
public:
    void onTrace(const TraceRecord& r) override;
    std::uint64_t value() const { return m_hash; }
    std::uint64_t count() const { return m_count; }
    std::string hex() const;

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
    std::uint64_t m_count = 0;
};

std::string formatTraceLine(const TraceRecord& r);

} // namespace kns
