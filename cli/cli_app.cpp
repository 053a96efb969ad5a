#include "cli_app.hpp"

#include <ostream>

namespace kns::cli {

int main(int, const char* const*, std::istream&, std::ostream&, std::ostream& err) {
    err << "kubenetsim-cli: under construction\n";
    return 2;
}

} // namespace kns::cli
