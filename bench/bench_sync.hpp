#pragma once
#include <iosfwd>

namespace kns::bench {
// kubenetsim-bench sync: kube-proxy's full sync and one endpoint change, in wall time.
int runSync(int argc, char** argv, std::ostream& out, std::ostream& err);
// kubenetsim-bench classify: first packets through the nat table.
int runClassify(int argc, char** argv, std::ostream& out, std::ostream& err);
} // namespace kns::bench
