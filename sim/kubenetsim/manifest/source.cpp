#include <kubenetsim/manifest/source.hpp>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <system_error>

#include <kubenetsim/util/host_file.hpp>

namespace kns {

namespace fs = std::filesystem;

namespace {

bool holdsSpecs(const fs::path& dir) {
    std::error_code ec;
    return !dir.empty() && fs::is_directory(dir / "scenarios" / "kbe" / "specs", ec);
}

fs::path executableDirectory() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

Error notFoundUrl(const std::string& url, bool offlineNote) {
    std::string message = "unable to read URL \"" + url + "\", server reported 404 Not Found, status code=404";
    if (offlineNote) message += " (kubenetsim is offline: only the Kubernetes by Example manifests are bundled)";
    return Error{message, ""};
}

} // namespace

std::string dataDirectory() {
    if (const char* env = std::getenv("KUBENETSIM_DATA_DIR"); env && *env) return holdsSpecs(env) ? env : "";
#ifdef KUBENETSIM_SOURCE_DATA_DIR
    if (holdsSpecs(KUBENETSIM_SOURCE_DATA_DIR)) return KUBENETSIM_SOURCE_DATA_DIR;
#endif
    const fs::path exeDir = executableDirectory();
    for (const fs::path& candidate : {exeDir / ".." / "share" / "kubenetsim", exeDir / ".." / ".."})
        if (holdsSpecs(candidate)) return fs::weakly_canonical(candidate).string();
    return "";
}

Expected<std::string> resolveManifestSource(const std::string& urlOrPath) {
    static const std::regex kUrl(R"(^(https?)://.*)", std::regex::icase);
    static const std::regex kKbe(
        R"(^https?://raw\.githubusercontent\.com/(openshift-evangelists|mhausenblas)/kbe/(master|main)/specs/([A-Za-z0-9_./-]+)$)");
    if (!std::regex_match(urlOrPath, kUrl)) {
        std::error_code ec;
        if (!fs::exists(urlOrPath, ec)) return Error{"the path \"" + urlOrPath + "\" does not exist", ""};
        if (fs::is_directory(urlOrPath, ec))
            return Error{"the path \"" + urlOrPath + "\" is a directory; kubenetsim reads manifest files one by one", ""};
        return urlOrPath;
    }
    std::smatch m;
    if (!std::regex_match(urlOrPath, m, kKbe)) return notFoundUrl(urlOrPath, true);
    const std::string era = m[2] == "master" ? "2017" : "main";
    const std::string rest = m[3];
    if (rest.find("..") != std::string::npos) return notFoundUrl(urlOrPath, false);
    const std::string dir = dataDirectory();
    if (dir.empty())
        return Error{"unable to read URL \"" + urlOrPath +
                         "\": the bundled manifests were not found (set KUBENETSIM_DATA_DIR to the directory holding scenarios/)",
                     ""};
    const fs::path file = fs::path(dir) / "scenarios" / "kbe" / "specs" / era / rest;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return notFoundUrl(urlOrPath, false);
    return file.string();
}

Expected<ManifestSource> readManifestSource(const std::string& urlOrPath, const std::string* stdinText) {
    if (urlOrPath == "-") {
        if (!stdinText) return Error{"no objects passed to read from standard input", ""};
        return ManifestSource{"STDIN", "", *stdinText};
    }
    Expected<std::string> path = resolveManifestSource(urlOrPath);
    if (!path) return path.error();
    Expected<std::string> text = readHostFile(*path);
    if (!text) return Error{"open " + urlOrPath + ": permission denied", ""};
    return ManifestSource{urlOrPath, *path, std::move(*text)};
}

} // namespace kns
