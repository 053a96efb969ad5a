#pragma once
// Conntrack timeouts as events on the simulation's clock. Each namespace's table has at most one
// pending Network event, at its earliest expiry; it removes the entries whose timeout has passed
// and re-arms for the next. It stands in for the kernel's garbage collection (gc_worker), which
// runs periodically and also finds expired entries on lookup: here an entry is gone exactly when
// its timeout passes, whether or not anyone lists the table. A packet that refreshes a timeout
// only moves an entry's expiry later, so a pending event that turns out early finds nothing to
// remove and re-arms.
#include <string>

#include <kubenetsim/time/event.hpp>

namespace kns {
class Simulation;
}

namespace kns::dataplane {

// The pending expiry event of one namespace's conntrack table.
struct ConntrackExpiry {
    SimTime at;
    EventId event;
};

// After packets crossed namespace `nsKey`: makes sure an event is pending at its table's
// earliest expiry.
void armConntrackExpiry(Simulation& sim, const std::string& nsKey);

// The event: removes what has expired in `nsKey`'s table, then re-arms.
void conntrackExpiryDue(Simulation& sim, const std::string& nsKey);

} // namespace kns::dataplane
