#include <doctest/doctest.h>

#include <kubenetsim/kubectl/printers/messages.hpp>

using namespace kns;
using namespace kns::printers;

TEST_CASE("legacy action messages quote the name after the singular kind") {
    CHECK(actionMessage(Era::Legacy, Kind::ReplicationController, "rcsise", "scaled") == "replicationcontroller \"rcsise\" scaled\n");
    CHECK(actionMessage(Era::Legacy, Kind::Service, "simpleservice", "deleted") == "service \"simpleservice\" deleted\n");
    CHECK(actionMessage(Era::Legacy, Kind::Deployment, "x", "created") == "deployment \"x\" created\n");
    CHECK(actionMessage(Era::Legacy, Kind::Pod, "x", "deleted") == "pod \"x\" deleted\n");
    CHECK(actionMessage(Era::Legacy, Kind::Service, "x", "unchanged") == "service \"x\" configured\n");
}

TEST_CASE("modern action messages use resource/name except for delete") {
    CHECK(actionMessage(Era::Modern, Kind::ReplicationController, "rcsise", "scaled") == "replicationcontroller/rcsise scaled\n");
    CHECK(actionMessage(Era::Modern, Kind::Deployment, "x", "created") == "deployment.apps/x created\n");
    CHECK(actionMessage(Era::Modern, Kind::Pod, "x", "created") == "pod/x created\n");
    CHECK(actionMessage(Era::Modern, Kind::Service, "x", "unchanged") == "service/x unchanged\n");
    CHECK(actionMessage(Era::Modern, Kind::Service, "simpleservice", "deleted") == "service \"simpleservice\" deleted\n");
    CHECK(actionMessage(Era::Modern, Kind::Deployment, "x", "deleted") == "deployment.apps \"x\" deleted\n");
}
