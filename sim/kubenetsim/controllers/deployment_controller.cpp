#include <kubenetsim/controllers/process.hpp>

namespace kns {
void handleDeploymentController(Simulation&, const Event&) {}
}
