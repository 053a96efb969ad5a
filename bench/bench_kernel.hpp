#pragma once
#include <iosfwd>

namespace kns::bench {
int runKernel(int argc, char** argv, std::ostream& out, std::ostream& err);
}
