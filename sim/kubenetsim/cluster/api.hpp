#pragma once
// The API server as the simulation's processes and kubectl see it: a façade over ClusterState
// that assigns uid, resourceVersion, creationTimestamp and generated names, allocates ClusterIPs
// and NodePorts, validates, and tells watchers about every change after the configured watch
// latency (as Event{target, kWatchEvent, key, kind, WatchType}).
//
// Watchers re-read the object when the notification arrives (level-triggered, like informers);
// a Deleted notification arrives after the object is gone.
#include <optional>
#include <string>
#include <vector>

#include <kubenetsim/cluster/cluster_state.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns {

class Simulation;

// Errors as the API server returns them; kubectl prints "Error from server (Reason): message".
struct ApiError {
    std::string reason;   // NotFound | AlreadyExists | Invalid | Conflict | BadRequest
    std::string message;  // pods "x" not found
};

enum class WatchType : std::int64_t { Added = 0, Modified = 1, Deleted = 2 };
// The kind code of a watch notification, whatever the receiving component.
constexpr std::uint16_t kWatchEvent = 0xFFFF;

class Api {
public:
    explicit Api(Simulation& sim) : m_sim(sim) {}

    template <class T> const T* get(const std::string& ns, const std::string& name) const {
        return getByKey<T>(objectKey(kindOf<T>(), ns, name));
    }
    template <class T> const T* getByKey(const std::string& key) const {
        const auto& m = state().of<T>();
        auto it = m.find(key);
        return it == m.end() ? nullptr : &it->second;
    }
    // Objects of kind T in namespace ns (all namespaces when ns is empty), sorted by key,
    // optionally filtered by a label selector.
    template <class T> std::vector<const T*> list(const std::string& ns = {}, const LabelSelector* sel = nullptr) const {
        std::vector<const T*> out;
        for (const auto& [key, obj] : state().of<T>()) {
            if (!ns.empty() && obj.meta.ns != ns) continue;
            if (sel && !sel->matches(obj.meta.labels)) continue;
            out.push_back(&obj);
        }
        return out;
    }

    // Stores a new object. Fills metadata, applies defaults and allocations, validates.
    // Returns the stored object's key.
    Expected<std::string, ApiError> create(Namespace obj, const std::string& actor);
    Expected<std::string, ApiError> create(Node obj, const std::string& actor);
    Expected<std::string, ApiError> create(Pod obj, const std::string& actor);
    Expected<std::string, ApiError> create(ReplicationController obj, const std::string& actor);
    Expected<std::string, ApiError> create(ReplicaSet obj, const std::string& actor);
    Expected<std::string, ApiError> create(Deployment obj, const std::string& actor);
    Expected<std::string, ApiError> create(Service obj, const std::string& actor);
    Expected<std::string, ApiError> create(Endpoints obj, const std::string& actor);
    Expected<std::string, ApiError> create(EndpointSlice obj, const std::string& actor);

    // Replaces an existing object (matched by key). metadata.uid and creationTimestamp are kept;
    // resourceVersion is bumped. bumpGeneration marks a spec change (Deployments, RCs, RSs).
    template <class T> std::optional<ApiError> update(const T& obj, const std::string& actor, bool bumpGeneration = false) {
        auto& m = state().of<T>();
        const std::string key = objectKey(obj);
        auto it = m.find(key);
        if (it == m.end()) return notFound(kindOf<T>(), obj.meta.name);
        T next = obj;
        next.meta.uid = it->second.meta.uid;
        next.meta.creationTimestamp = it->second.meta.creationTimestamp;
        next.meta.generation = it->second.meta.generation + (bumpGeneration ? 1 : 0);
        next.meta.resourceVersion = nextResourceVersion();
        it->second = std::move(next);
        notify(kindOf<T>(), key, WatchType::Modified, actor);
        return std::nullopt;
    }

    // Removes an object from storage at once and tells watchers. Graceful deletion (pods'
    // deletionTimestamp, cascading to dependents) is deleteObject()'s job.
    template <class T> std::optional<ApiError> remove(const std::string& key, const std::string& actor) {
        auto& m = state().of<T>();
        auto it = m.find(key);
        if (it == m.end()) return notFound(kindOf<T>(), key.substr(key.find('/') + 1));
        releaseAllocations(it->second);
        m.erase(it);
        notify(kindOf<T>(), key, WatchType::Deleted, actor);
        return std::nullopt;
    }

    // What `kubectl delete` asks for: pods get a deletionTimestamp and are removed by their
    // kubelet after termination (at once when unscheduled); namespaces turn Terminating;
    // everything else is removed now and its dependents are left to the garbage collector.
    std::optional<ApiError> deleteObject(Kind kind, const std::string& ns, const std::string& name, const std::string& actor);

    // "pods \"x\" not found" in the era's wording.
    static ApiError notFound(Kind kind, const std::string& name);
    static std::string resourceName(Kind kind);  // "pods", "replicationcontrollers", ...

private:
    ClusterState& state() const;
    std::uint64_t nextResourceVersion() const;
    void notify(Kind kind, const std::string& key, WatchType type, const std::string& actor) const;
    void releaseAllocations(const Pod& pod) const;
    void releaseAllocations(const Service& svc) const;
    template <class T> void releaseAllocations(const T&) const {}
    template <class T> Expected<std::string, ApiError> store(T obj, const std::string& actor);
    Simulation& m_sim;
};

} // namespace kns
