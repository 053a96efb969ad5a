#include <kubenetsim/kubectl/commands/manifest_input.hpp>

#include <kubenetsim/manifest/source.hpp>

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
    const auto sources = ctx.args.all("filename");
    if (sources.empty()) return std::string("error: must specify one of -f and -k");
    std::vector<InputObject> out;
    for (const auto& arg : sources) {
        auto src = readManifestSource(arg, ctx.hasStdin ? &ctx.stdinText : nullptr);
        if (!src) return "error: " + src.error().full();
        auto decoded = decodeManifests(src->text, src->name);
        if (!decoded) return "error: " + decoded.error().full();
        if (warnings)
            for (const auto& w : decoded->warnings) *warnings += "Warning: " + w.message + "\n";
        for (auto& mo : decoded->objects) out.push_back(InputObject{std::move(mo.object), src->name});
    }
    if (out.empty()) return std::string("error: no objects passed to ") + ctx.verb;
    return out;
}

} // namespace kns::kubectl
