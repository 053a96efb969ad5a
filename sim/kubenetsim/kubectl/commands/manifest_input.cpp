#include <kubenetsim/kubectl/commands/manifest_input.hpp>

namespace kns::kubectl {

Kind InputObject::kind() const {
    return std::visit([](const auto& o) { return kindOf<std::decay_t<decltype(o)>>(); }, object);
}

const ObjectMeta& InputObject::meta() const {
    return std::visit([](const auto& o) -> const ObjectMeta& { return o.meta; }, object);
}

ObjectMeta& InputObject::meta() {
    return std::visit([](auto& o) -> ObjectMeta& { return o.meta; }, object);
}

Expected<std::vector<InputObject>, std::string> readManifests(Context& ctx, std::string* warnings) {
    (void)warnings;
    const auto sources = ctx.args.all("filename");
    if (sources.empty()) return std::string("error: must specify one of -f and -k");
    // Manifest decoding is wired in when manifest/ publishes decodeManifests and
    // resolveManifestSource; until then -f reports the source as unreadable.
    return "error: the path \"" + sources.front() + "\" does not exist";
}

} // namespace kns::kubectl
