#pragma once
// Where `kubectl apply -f ARG` reads from: a local file, standard input ("-"), or a URL.
// kubenetsim is offline: the Kubernetes by Example URLs resolve to manifests bundled under
// scenarios/kbe/specs/, so a learner pastes a tutorial's command as written:
//   https://raw.githubusercontent.com/openshift-evangelists/kbe/master/specs/P/F -> 2017/P/F
//   https://raw.githubusercontent.com/openshift-evangelists/kbe/main/specs/P/F   -> main/P/F
// (the 2017 pages' github.com/mhausenblas/kbe address resolves like .../master/...).
// Any other URL fails as an unreachable one would.
//
// Errors are kubectl's, without the "error: " prefix the shell adds:
//   the path "x.yaml" does not exist
//   unable to read URL "https://...", server reported 404 Not Found, status code=404
#include <string>

#include <kubenetsim/util/expected.hpp>

namespace kns {

struct ManifestSource {
    std::string name;  // what kubectl calls it in messages: the argument as given, or "STDIN"
    std::string path;  // the file read (the bundled file for a URL); empty for standard input
    std::string text;
};

// The file a URL or path stands for (not read). Relative paths are relative to the working
// directory of the process.
Expected<std::string> resolveManifestSource(const std::string& urlOrPath);

// Resolves and reads. "-" reads stdinText (an error when there is none).
Expected<ManifestSource> readManifestSource(const std::string& urlOrPath, const std::string* stdinText = nullptr);

// The directory holding scenarios/: $KUBENETSIM_DATA_DIR, else the source tree the library was
// built from, else ../share/kubenetsim or ../.. next to the running executable. Empty when none
// of them holds scenarios/kbe/specs.
std::string dataDirectory();

} // namespace kns
