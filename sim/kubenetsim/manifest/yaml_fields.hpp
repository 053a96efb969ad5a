#pragma once
// Internal to the manifest decoder: walking a yaml-cpp tree with the field path and source
// position of every node, checking types the way the Kubernetes API's JSON decoding does, and
// noting fields the decoder does not know (kubectl's strict decoding turns them into warnings).
//
// Decoding stops at the first error: fail() throws DecodeFailure, which decodeManifests()
// catches and turns into an Error value. The exception never leaves the manifest area.
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <kubenetsim/cluster/objects.hpp>
#include <kubenetsim/manifest/manifest.hpp>
#include <kubenetsim/util/expected.hpp>

namespace kns::manifest_detail {

struct DecodeFailure {
    Error error;
};

// What a YAML scalar means once resolved with YAML 1.1 rules, as the Go YAML library that
// kubectl uses resolves plain (unquoted) scalars. Quoted scalars are always strings.
enum class ScalarType { Null, Boolean, Integer, Number, String };
ScalarType resolveScalar(const YAML::Node& scalar);
// The same resolution for the text of a plain scalar (the encoder asks it which strings need quotes).
ScalarType resolvePlain(const std::string& text);
// "string", "integer", "number", "boolean", "null", "object", "array".
std::string typeName(const YAML::Node& node);

// State shared by every reader of one file.
struct DecodeContext {
    std::string file;
    std::vector<ManifestWarning> warnings;
    std::vector<std::string> ignoredFields;

    // "rc.yaml:6:13" (1-based) of a node.
    std::string where(const YAML::Node& node) const;
    [[noreturn]] void fail(const YAML::Node& at, const std::string& path, const std::string& message) const;
};

// "spec.containers[0].image": joins a parent path and a key.
std::string joinPath(const std::string& parent, const std::string& key);
std::string indexPath(const std::string& parent, std::size_t index);

// Reads one YAML mapping that maps onto an API struct. Every key the caller asks for is marked
// known; finish() reports the rest as unknown fields. A null node reads as an empty mapping
// (Go's JSON decoding leaves the zero value); any other non-mapping fails with a type error.
class MapReader {
public:
    MapReader(DecodeContext& ctx, YAML::Node node, std::string path);

    const std::string& path() const { return m_path; }
    const YAML::Node& node() const { return m_node; }
    DecodeContext& context() const { return m_ctx; }
    std::string fieldPath(const std::string& key) const { return joinPath(m_path, key); }

    // True when the key is present with a non-null value.
    bool has(const std::string& key) const;
    // The value of key, marked known; an undefined node when absent.
    YAML::Node take(const std::string& key);

    // Typed reads. Absent or null keys leave `out` untouched and return false.
    bool string(const std::string& key, std::string& out);
    bool integer(const std::string& key, int& out);
    bool integer64(const std::string& key, std::int64_t& out);
    bool boolean(const std::string& key, bool& out);
    bool intOrString(const std::string& key, IntOrString& out);
    bool stringMap(const std::string& key, std::map<std::string, std::string>& out);
    bool stringList(const std::string& key, std::vector<std::string>& out);
    // A nested mapping read by `each`; its own unknown keys are reported.
    bool object(const std::string& key, const std::function<void(MapReader&)>& each);
    // A sequence of mappings, each read by `each(reader, index)`.
    bool objectList(const std::string& key, const std::function<void(MapReader&, std::size_t)>& each);

    // Fails with "PATH.key: Required value" at this mapping unless key has a non-null value.
    void require(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
    [[noreturn]] void failHere(const std::string& message) const;

    // Keys that Kubernetes knows but the simulation does not model: accepted, recorded in
    // DecodedManifests::ignoredFields, never warned about.
    void ignore(std::initializer_list<const char*> keys);
    // Keys that Kubernetes accepts and the simulation drops silently (status, managedFields ...).
    void accept(std::initializer_list<const char*> keys);

    // Reports every key not taken, ignored or accepted as `unknown field "PATH"`.
    void finish();

private:
    YAML::Node get(const std::string& key) const;

    DecodeContext& m_ctx;
    YAML::Node m_node;
    std::string m_path;
    std::vector<std::string> m_known;
};

// Scalar conversions with type checks; `path` names the field in messages.
std::string readString(const DecodeContext& ctx, const YAML::Node& node, const std::string& path);
std::int64_t readInteger(const DecodeContext& ctx, const YAML::Node& node, const std::string& path);
bool readBoolean(const DecodeContext& ctx, const YAML::Node& node, const std::string& path);
IntOrString readIntOrString(const DecodeContext& ctx, const YAML::Node& node, const std::string& path);

} // namespace kns::manifest_detail
